package web_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

// Floods of anonymous forms from many source addresses on loopback: each
// client dials from its own address in 127.0.0.2–127.0.0.200 (Linux
// answers the whole 127/8 on lo), so the server's per-address limits see
// as many clients as a distributed flood has.

// floodFrom returns a client whose connections come from 127.0.0.n and
// that follows no redirect.
func floodFrom(n int) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(n))}, Timeout: 10 * time.Second}
	return &http.Client{
		Transport:     &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 4},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       time.Minute,
	}
}

// loginFlood is one scripted login attempt from client n, try i: a wrong
// password for an e-mail of its own, and a forged X-Forwarded-For that
// the server must not believe.
func loginFlood(base string) func(c *http.Client, n, i int) (int, error) {
	return func(c *http.Client, n, i int) (int, error) {
		form := url.Values{"email": {fmt.Sprintf("tamu%d.%d@contoh.id", n, i)}, "password": {"tebak-tebak"}}
		req, err := http.NewRequest("POST", base+"/login", strings.NewReader(form.Encode()))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i%250+1))
		res, err := c.Do(req)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusTooManyRequests && res.Header.Get("Retry-After") == "" {
			return 0, fmt.Errorf("429 without Retry-After")
		}
		return res.StatusCode, nil
	}
}

// daftarFlood is one scripted registration from client n, try i: a
// complete /daftar form with the token the flood took once from the page
// (a token serves for hours), an e-mail of its own and a forged
// X-Forwarded-For.
func daftarFlood(t testing.TB, base string, event int64) func(c *http.Client, n, i int) (int, error) {
	form := withFormToken(t, http.DefaultClient, base+"/daftar?event="+strconv.FormatInt(event, 10), registration(event, ""))
	return func(c *http.Client, n, i int) (int, error) {
		v := url.Values{}
		for k, vs := range form {
			v[k] = vs
		}
		v.Set("email", fmt.Sprintf("banjir%d.%d@contoh.id", n, i))
		v.Set("name", fmt.Sprintf("UD Banjir %d-%d", n, i))
		req, err := http.NewRequest("POST", base+"/daftar", strings.NewReader(v.Encode()))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i%250+1))
		res, err := c.Do(req)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusTooManyRequests && res.Header.Get("Retry-After") == "" {
			return 0, fmt.Errorf("429 without Retry-After")
		}
		return res.StatusCode, nil
	}
}

// A registration flood from 8 addresses, 32 each with a forged
// X-Forwarded-For, two addresses at a time (the places the server gives
// anonymous posts): each address has its 30 registrations stored, then
// 429; the refused ones store nothing.
func TestRegistrationFloodFromManyAddresses(t *testing.T) {
	e := newOpenCallEnv(t, "sqlite")
	try := daftarFlood(t, e.srv.URL, e.story.Mission2019.ID)
	_, before, err := e.db.FindRegistrations(context.Background(), dagang.RegistrationFilter{OfficeID: e.story.Mission2019.OfficeID})
	if err != nil {
		t.Fatal(err)
	}
	const addresses, tries = 8, 32
	got := make([]map[int]int, addresses)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for a := range addresses {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			c := floodFrom(a + 2)
			got[a] = map[int]int{}
			for i := range tries {
				status, err := try(c, a+2, i)
				if err != nil {
					t.Error(err)
					return
				}
				got[a][status]++
			}
		})
	}
	wg.Wait()
	want := map[int]int{http.StatusSeeOther: 30, http.StatusTooManyRequests: 2}
	for a := range addresses {
		if diff := cmp.Diff(want, got[a]); diff != "" {
			t.Errorf("127.0.0.%d: answers (-want +got):\n%s", a+2, diff)
		}
	}
	_, n, err := e.db.FindRegistrations(context.Background(), dagang.RegistrationFilter{OfficeID: e.story.Mission2019.OfficeID})
	if err != nil || n-before != addresses*30 {
		t.Errorf("registrations stored: %d, %v; want %d", n-before, err, addresses*30)
	}
}

// Oversized and hostile login forms are refused with the field named as
// sent, in the visitor's language, and log nobody in.
func TestLoginFormRefusals(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := credential(dagang.UserStaff)
	tests := []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"e-mail too long", url.Values{"email": {strings.Repeat("a", 250) + "@x.id"}, "password": {staff.Password}}, 400, "email: terlalu panjang: 255 karakter, maks. 254"},
		{"password too long", url.Values{"email": {staff.Email}, "password": {strings.Repeat("p", 1025)}}, 400, "password: terlalu panjang: 1025 karakter, maks. 1024"},
		{"honeypot filled, the right password", url.Values{"email": {staff.Email}, "password": {staff.Password}, "situs_web": {"https://spam.example"}}, 400, "situs_web: kolom ini harus dibiarkan kosong"},
		{"in English", url.Values{"email": {staff.Email}, "password": {staff.Password}, "situs_web": {"x"}, "lang": {"en"}}, 400, "situs_web: this field must be left empty"},
		{"body over 16 KB", url.Values{"email": {staff.Email}, "note": {strings.Repeat("n", 17<<10)}}, 413, "formulir terlalu besar (maks. 16 KB)"},
	}
	for _, tc := range tests {
		u := e.srv.URL + "/login"
		if tc.form.Get("lang") != "" {
			u += "?lang=" + tc.form.Get("lang")
		}
		res, err := noRedirect().PostForm(u, tc.form)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tc.status || !strings.Contains(string(b), tc.want) || sessionCookie(res) != nil {
			t.Errorf("%s: %d, want %d with %q; session %v\n%.1500s", tc.name, res.StatusCode, tc.status, tc.want, sessionCookie(res), b)
		}
	}
}

// A login flood from 40 addresses, 25 tries each with a forged
// X-Forwarded-For: each address gets its 20 answers, then 429; the staff
// on their own address still log in.
func TestLoginFloodFromManyAddresses(t *testing.T) {
	e := newDemoEnv(t, nil)
	before := dataRowCounts(t, e.db)
	try := loginFlood(e.srv.URL)
	const addresses, tries = 40, 25
	got := make([]map[int]int, addresses)
	var wg sync.WaitGroup
	for a := range addresses {
		wg.Go(func() {
			c := floodFrom(a + 2)
			got[a] = map[int]int{}
			for i := range tries {
				status, err := try(c, a+2, i)
				if err != nil {
					t.Error(err)
					return
				}
				got[a][status]++
			}
		})
	}
	wg.Wait()
	want := map[int]int{http.StatusUnauthorized: 20, http.StatusTooManyRequests: 5}
	for a := range addresses {
		if fmt.Sprint(got[a]) != fmt.Sprint(want) {
			t.Errorf("127.0.0.%d: answers %v, want %v", a+2, got[a], want)
		}
	}
	if c := login(t, e.srv, dagang.UserStaff); c == nil {
		t.Error("staff cannot log in after the flood")
	}
	// The staff's login adds its session, the first limit the
	// deployment's secret; nothing else is written.
	after := dataRowCounts(t, e.db)
	for _, table := range []string{"sessions", "server_secrets"} {
		delete(after, table)
		delete(before, table)
	}
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("rows changed by the flood (-before +after):\n%s", diff)
	}
}

// BenchmarkFlood measures the office's own pages, as logged-in staff,
// without and with a flood of scripted anonymous posts from 199 loopback
// addresses in the same run: logins (wrong passwords for e-mails of their
// own), then registrations (/daftar with a valid form token), each with a
// forged X-Forwarded-For. b.N staff requests over the dashboard, events,
// businesses and deals pages by 4 clients, while 16 flooders post as fast
// as the server answers. Refused posts (429 from the limits, 503 when no
// place for an anonymous post frees in time) are counted. The clock stands
// still (the open call's day), so no limit's window ends during the run.
//
//	go test ./internal/web -run '^$' -bench Flood -benchtime 400x -count 5
func BenchmarkFlood(b *testing.B) {
	e := newOpenCallEnv(b, "sqlite")
	staff := login(b, e.srv, dagang.UserStaff)
	transport := &http.Transport{MaxIdleConnsPerHost: 4}
	b.Cleanup(transport.CloseIdleConnections)
	client := &http.Client{Transport: transport, Jar: staff.Jar}
	pages := []string{"/", "/events", "/businesses", "/deals"}
	clients := make([]*http.Client, 201)
	for n := 2; n <= 200; n++ {
		clients[n] = floodFrom(n)
	}
	floods := []struct {
		name string
		try  func(c *http.Client, n, i int) (int, error)
	}{
		{"quiet", nil},
		{"login-flood", loginFlood(e.srv.URL)},
		{"registration-flood", daftarFlood(b, e.srv.URL, e.story.Mission2019.ID)},
	}
	for _, f := range floods {
		flood, try := f.try != nil, f.try
		b.Run(f.name, func(b *testing.B) {
			ctx, stop := context.WithCancel(context.Background())
			var floods, refused atomic.Int64
			var fw sync.WaitGroup
			if flood {
				for g := range 16 {
					fw.Go(func() {
						for i := g; ctx.Err() == nil; i += 16 {
							n := 2 + i%199
							status, err := try(clients[n], n, i)
							if err != nil {
								if ctx.Err() == nil {
									b.Error(err)
								}
								return
							}
							floods.Add(1)
							if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
								refused.Add(1)
							}
						}
					})
				}
				time.Sleep(500 * time.Millisecond) // the flood under way
			}
			lat := measurePages(b, client, e.srv.URL, pages, 4)
			stop()
			fw.Wait()
			pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			if flood {
				b.ReportMetric(float64(floods.Load()), "flood-posts")
				b.ReportMetric(float64(refused.Load())*100/float64(max(floods.Load(), 1)), "flood-refused-%")
			}
		})
	}
}

// measurePages sends b.N GETs of pages in turn from `concurrency` clients
// and returns their latencies, sorted.
func measurePages(b *testing.B, c *http.Client, base string, pages []string, concurrency int) []time.Duration {
	get := func(p string) error {
		res, err := c.Get(base + p)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %d", p, res.StatusCode)
		}
		return nil
	}
	for _, p := range pages { // warm up
		if err := get(p); err != nil {
			b.Fatal(err)
		}
	}
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for range concurrency {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= b.N {
					return
				}
				t0 := time.Now()
				if err := get(pages[i%len(pages)]); err != nil {
					b.Error(err)
					return
				}
				lat[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(lat)
	return lat
}
