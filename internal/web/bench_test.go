package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dagang/dagang"
)

// BenchmarkHTTP measures the real server over real TCP connections on the
// demo data (SQLite): the dashboard page and a list endpoint, as a logged-in
// staff member, beside a bare net/http handler in the same run. Each
// reports requests per second and latency percentiles over b.N requests
// sent by `concurrency` clients.
//
//	go test ./internal/web -run '^$' -bench HTTP -benchtime 2000x -count 5
func BenchmarkHTTP(b *testing.B) {
	const concurrency = 8
	e := newDemoEnv(b, nil)
	staff := login(b, e.srv, dagang.UserStaff)
	bare := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	}))
	b.Cleanup(bare.Close)
	transport := &http.Transport{MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency}
	b.Cleanup(transport.CloseIdleConnections)
	client := &http.Client{Transport: transport, Jar: staff.Jar}
	cases := []struct{ name, url string }{
		{"bare", bare.URL + "/"},
		{"dashboard", e.srv.URL + "/"},
		{"list", e.srv.URL + "/api/v1/businesses?limit=20&sort=name"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			get := func() error {
				res, err := client.Get(c.url)
				if err != nil {
					return err
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("GET %s: %d", c.url, res.StatusCode)
				}
				return nil
			}
			if err := get(); err != nil { // warm up: templates, connections
				b.Fatal(err)
			}
			lat := make([]time.Duration, b.N)
			var next int
			var mu sync.Mutex
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			for range concurrency {
				wg.Go(func() {
					for {
						mu.Lock()
						i := next
						next++
						mu.Unlock()
						if i >= b.N {
							return
						}
						t0 := time.Now()
						if err := get(); err != nil {
							b.Error(err)
							return
						}
						lat[i] = time.Since(t0)
					}
				})
			}
			wg.Wait()
			elapsed := time.Since(start)
			b.StopTimer()
			slices.Sort(lat)
			pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
		})
	}
}
