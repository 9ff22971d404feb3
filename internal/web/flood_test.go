package web_test

import (
	"context"
	"fmt"
	"io"
	"maps"
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
	"github.com/dagang/dagang/internal/store"
	"github.com/dagang/dagang/internal/web"
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
func loginFlood(base string) floodTry {
	return func(ctx context.Context, c *http.Client, n, i int) (int, string, error) {
		form := url.Values{"email": {fmt.Sprintf("tamu%d.%d@contoh.id", n, i)}, "password": {"tebak-tebak"}}
		req, err := http.NewRequestWithContext(ctx, "POST", base+"/login", strings.NewReader(form.Encode()))
		if err != nil {
			return 0, "", err
		}
		return sendFlood(c, req, i)
	}
}

// floodTry is one scripted post from client n, try i: its status, and
// its page when refused (429 or 503).
type floodTry func(ctx context.Context, c *http.Client, n, i int) (status int, refusal string, err error)

// sendFlood sends a scripted form post with a forged X-Forwarded-For; a
// refusal must say when to come back.
func sendFlood(c *http.Client, req *http.Request, i int) (int, string, error) {
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i%250+1))
	res, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	refused := res.StatusCode == http.StatusTooManyRequests || res.StatusCode == http.StatusServiceUnavailable
	if !refused {
		_, err := io.Copy(io.Discard, res.Body)
		return res.StatusCode, "", err
	}
	if res.Header.Get("Retry-After") == "" {
		return 0, "", fmt.Errorf("%d without Retry-After", res.StatusCode)
	}
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}

// tryAgainWhenBusy posts try i from client n until the lane of anonymous
// posts takes it: a 503 is a post sent back unread, which counts against
// no limit.
func tryAgainWhenBusy(try floodTry, c *http.Client, n, i int) (int, string, error) {
	for {
		status, page, err := try(context.Background(), c, n, i)
		if err != nil || status != http.StatusServiceUnavailable {
			return status, page, err
		}
	}
}

// daftarFlood is one scripted registration from client n, try i: a
// complete /daftar form with the token the flood took once from the page
// (a token serves for hours), an e-mail of its own and a forged
// X-Forwarded-For.
func daftarFlood(t testing.TB, base string, event int64) floodTry {
	form := withFormToken(t, http.DefaultClient, base+"/daftar?event="+strconv.FormatInt(event, 10), registration(event, ""))
	var seq atomic.Int64 // e-mails of their own, run after run
	return func(ctx context.Context, c *http.Client, n, i int) (int, string, error) {
		v := url.Values{}
		for k, vs := range form {
			v[k] = vs
		}
		v.Set("email", fmt.Sprintf("banjir%d.%d.%d@contoh.id", n, i, seq.Add(1)))
		v.Set("name", fmt.Sprintf("UD Banjir %d-%d", n, i))
		req, err := http.NewRequestWithContext(ctx, "POST", base+"/daftar", strings.NewReader(v.Encode()))
		if err != nil {
			return 0, "", err
		}
		return sendFlood(c, req, i)
	}
}

// A registration flood from many addresses, each post a complete form
// with a valid token and an e-mail of its own, on a clock that moves only
// when the test says. One address has its 30 registrations of the hour
// stored, then 429 naming the address and e-mail limit; those 30 fill the
// deployment's budget of the minute, so the posts of seven other
// addresses are all refused, 429 naming the budget, and nothing of them is
// stored. A minute later each of them registers again, and the first
// address is still refused for the hour. Every stored registration has
// its audit row and its verification message; nothing else is written.
func TestRegistrationFloodFromManyAddresses(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Now().UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()).UTC() }
	e := newDemoEnvWith(t, "sqlite", store.Options{Now: now}, func(c *web.Config) { atOpenCall(c); c.Now = now })
	event := e.story.Mission2019.ID
	try := daftarFlood(t, e.srv.URL, event)
	before := dataRowCounts(t, e.db)
	// A registration refused after it took a place of the budget (its
	// business is not eligible) gives the place back.
	ineligible := registration(event, "jagung@contoh.id")
	ineligible.Set("products[0].commodity_id", "jagung")
	if code, _, page := postForm(t, noRedirect(), e.srv.URL+"/daftar", ineligible); code != http.StatusBadRequest || !strings.Contains(page, "tidak memenuhi syarat") {
		t.Fatalf("ineligible registration: %d\n%.1500s", code, page)
	}
	const budget, perAddress = 30, 30
	answers := func(a, from, tries int) (map[int]int, []string) {
		got, pages := map[int]int{}, []string{}
		c := floodFrom(a)
		for i := from; i < from+tries; i++ {
			status, page, err := tryAgainWhenBusy(try, c, a, i)
			if err != nil {
				t.Fatal(err)
			}
			got[status]++
			if page != "" {
				pages = append(pages, page)
			}
		}
		return got, pages
	}
	refusedFor := func(who string, pages []string, reason string) {
		t.Helper()
		for _, p := range pages {
			if !strings.Contains(p, reason) || !strings.Contains(p, "UD Banjir") {
				t.Errorf("%s: refusal without %q, or without the form as typed:\n%.1500s", who, reason, p)
			}
		}
	}
	byAddress, byBudget := "Terlalu banyak kiriman dari alamat atau email ini", "paling banyak 30 per menit dari semua pengirim"

	got, pages := answers(2, 0, perAddress+2)
	if diff := cmp.Diff(map[int]int{http.StatusSeeOther: perAddress, http.StatusTooManyRequests: 2}, got); diff != "" {
		t.Errorf("127.0.0.2: answers (-want +got):\n%s", diff)
	}
	refusedFor("127.0.0.2", pages, byAddress)

	const others, tries = 7, 4
	all := make([]map[int]int, others)
	refusals := make([][]string, others)
	var wg sync.WaitGroup
	for a := range others {
		wg.Go(func() { all[a], refusals[a] = answers(a+3, 0, tries) })
	}
	wg.Wait()
	for a := range others {
		if diff := cmp.Diff(map[int]int{http.StatusTooManyRequests: tries}, all[a]); diff != "" {
			t.Errorf("127.0.0.%d, the budget spent: answers (-want +got):\n%s", a+3, diff)
		}
		refusedFor(fmt.Sprintf("127.0.0.%d", a+3), refusals[a], byBudget)
	}
	stored := func(want int) {
		t.Helper()
		// The counted hits, the deployment's first secrets and the search
		// index's own tables aside.
		after := dataRowCounts(t, e.db)
		for _, rows := range []map[string]int64{before, after} {
			maps.DeleteFunc(rows, func(table string, _ int64) bool {
				return table == "rate_hits" || table == "server_secrets" || strings.Contains(table, "_search")
			})
		}
		wantRows := maps.Clone(before)
		for _, table := range []string{"registrations", "outbox", "audit_entries"} {
			wantRows[table] += int64(want)
		}
		if diff := cmp.Diff(wantRows, after); diff != "" {
			t.Errorf("rows after the flood (-want +got):\n%s", diff)
		}
	}
	stored(budget)

	clock.Add(int64(time.Minute + time.Second))
	for a := range others {
		if got, _ := answers(a+3, tries, 1); got[http.StatusSeeOther] != 1 {
			t.Errorf("127.0.0.%d a minute later: %v, want one 303", a+3, got)
		}
	}
	got, pages = answers(2, perAddress+2, 1)
	if got[http.StatusTooManyRequests] != 1 {
		t.Errorf("127.0.0.2 a minute later: %v, want 429", got)
	}
	refusedFor("127.0.0.2 a minute later", pages, byAddress)
	stored(budget + others)
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
// X-Forwarded-For, 16 addresses at a time (what the lane of anonymous
// posts lets wait: TestLaneOfAnonymousPosts): each address gets its 20
// answers, then 429; the staff on their own address still log in.
func TestLoginFloodFromManyAddresses(t *testing.T) {
	e := newDemoEnv(t, nil)
	before := dataRowCounts(t, e.db)
	try := loginFlood(e.srv.URL)
	const addresses, tries = 40, 25
	got := make([]map[int]int, addresses)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for a := range addresses {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			c := floodFrom(a + 2)
			got[a] = map[int]int{}
			for i := range tries {
				status, _, err := tryAgainWhenBusy(try, c, a+2, i)
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
// without a flood (the peer, just before) and with a flood of scripted
// anonymous posts from 199 loopback addresses, in each run: logins (wrong passwords for e-mails of their
// own), then registrations (/daftar with a valid form token), each with a
// forged X-Forwarded-For. b.N staff requests over the dashboard, events,
// businesses and deals pages by 4 clients, while 16 flooders post as fast
// as the server answers. The flood's answers are counted: posts worked on
// and refused by a limit (429), posts the lane of anonymous posts sent
// back unread (503, no place in time), registrations stored. The clock
// stands still (on the office's day of the demo's story), so no limit's
// window ends during a
// run, except that each run of the registration flood starts a minute
// after the last: the deployment's budget of registrations has room for
// 30, after which every registration is refused. On SQLite, and on
// PostgreSQL with DAGANG_TEST_POSTGRES.
//
//	go test ./internal/web -run '^$' -bench Flood -benchtime 400x -count 5
func BenchmarkFlood(b *testing.B) {
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend, func(b *testing.B) { benchmarkFlood(b, backend) })
	}
}

func benchmarkFlood(b *testing.B, backend string) {
	var clock atomic.Int64
	clock.Store(time.Now().UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()).UTC() }
	e := newDemoEnvWith(b, backend, store.Options{Now: now}, func(c *web.Config) { atOpenCall(c); c.Now = now })
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
		try  floodTry
	}{
		{"login-flood", loginFlood(e.srv.URL)},
		{"registration-flood", daftarFlood(b, e.srv.URL, e.story.Mission2019.ID)},
	}
	for _, f := range floods {
		try := f.try
		b.Run(f.name, func(b *testing.B) {
			// The peer: the same pages just before, without the flood.
			peer := measurePages(b, client, e.srv.URL, pages, 4)
			if f.name == "registration-flood" {
				// A minute on: the deployment's budget of registrations
				// has room again, as it has each minute of a real flood.
				clock.Add(int64(time.Minute + time.Second))
			}
			ctx, stop := context.WithCancel(context.Background())
			var posts, limited, busy, stored atomic.Int64
			var fw sync.WaitGroup
			for g := range 16 {
				fw.Go(func() {
					for i := g; ctx.Err() == nil; i += 16 {
						n := 2 + i%199
						status, _, err := try(ctx, clients[n], n, i)
						if err != nil {
							if ctx.Err() == nil {
								b.Error(err)
							}
							return
						}
						posts.Add(1)
						switch status {
						case http.StatusTooManyRequests:
							limited.Add(1)
						case http.StatusServiceUnavailable:
							busy.Add(1)
						case http.StatusSeeOther:
							stored.Add(1)
						}
					}
				})
			}
			time.Sleep(500 * time.Millisecond) // the flood under way
			lat := measurePages(b, client, e.srv.URL, pages, 4)
			stop()
			fw.Wait()
			pct := func(lat []time.Duration, p float64) float64 {
				return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(peer, 0.50), "peer-p50-ms")
			b.ReportMetric(pct(peer, 0.99), "peer-p99-ms")
			b.ReportMetric(pct(lat, 0.50), "p50-ms")
			b.ReportMetric(pct(lat, 0.99), "p99-ms")
			b.ReportMetric(float64(posts.Load()), "flood-posts")
			b.ReportMetric(float64(limited.Load()), "flood-429")
			b.ReportMetric(float64(busy.Load()), "flood-503")
			if f.name == "registration-flood" {
				b.ReportMetric(float64(stored.Load()), "flood-stored")
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
