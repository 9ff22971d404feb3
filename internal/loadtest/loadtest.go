// Package loadtest drives running dagang servers with many concurrent
// users, each with an API token, mixing reads (dashboard, lists, summary)
// and writes (deals, businesses), and measures latency and errors. Users
// are spread over the instances given, as a load balancer would spread
// them, and move to the next instance when theirs stops answering. It only
// talks to loopback addresses and always stops: at the end of the duration
// or after the maximum number of requests, whichever comes first.
package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"sort"
	"sync"
	"time"
)

// Config says what to run.
type Config struct {
	Addrs       []string      // host:port of each instance, loopback only; users are spread over them
	Token       string        // API token of an office writer (admin or staff)
	Users       int           // concurrent users
	Duration    time.Duration // how long to run
	MaxRequests int           // stop after this many requests in all (0: no limit besides Duration)
	Think       time.Duration // mean pause of a user between requests (uniform 0.5–1.5×); 0 = none
	Mix         string        // "mixed" (reads and writes), "reads" or "healthz"
	Seed        uint64        // seeds every user's choice of requests: same seed, same sequence
	// KeepAcked records every write the servers acknowledged (2xx), so a
	// caller can check that none was lost.
	KeepAcked bool
}

// Limits of a run, so a mistyped flag cannot hammer a machine for hours.
const (
	MaxUsers    = 5000
	MaxDuration = 10 * time.Minute
)

// Op is one kind of request with its share of the mix.
type Op struct {
	Name   string
	Weight int
}

// Mixes are the request mixes, by name.
var Mixes = map[string][]Op{
	"mixed":   {{"dashboard", 15}, {"deals", 25}, {"businesses", 15}, {"summary", 20}, {"deal-create", 20}, {"business-create", 5}},
	"reads":   {{"dashboard", 15}, {"deals", 25}, {"businesses", 15}, {"summary", 20}},
	"healthz": {{"healthz", 1}},
}

// Stats are the figures of one kind of request or of the whole run.
type Stats struct {
	Name     string
	Requests int
	Errors   int
	P50      time.Duration
	P99      time.Duration
	Max      time.Duration
}

// Result is the outcome of a run.
type Result struct {
	Elapsed     time.Duration
	Total       Stats
	Ops         []Stats  // by name
	Instances   []Stats  // by address, in the order given
	FirstErrors []string // up to 10 error messages
	Acked       []Ack    // with Config.KeepAcked: the acknowledged writes
}

// Ack is one write a server acknowledged: the marker it carries (a deal's
// note, a business's name) and the instance that answered.
type Ack struct {
	Op, Marker, Addr string
}

// PerSecond is the throughput of the run.
func (r *Result) PerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Total.Requests) / r.Elapsed.Seconds()
}

// template is what writes copy: an existing sale and business.
type template struct {
	EventID, BusinessID, CounterpartID, CommodityID int64
	RegencyCode                                     string
}

type sample struct {
	op, addr string
	dur      time.Duration
	err      string
}

// Run performs the load test described by cfg.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if err := check(cfg); err != nil {
		return nil, err
	}
	ops := Mixes[cfg.Mix]
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConns: cfg.Users + 10, MaxIdleConnsPerHost: cfg.Users + 10}}
	defer client.CloseIdleConnections()
	var tmpl template
	if cfg.Mix == "mixed" {
		var err error
		if tmpl, err = fetchTemplate(ctx, client, "http://"+cfg.Addrs[0], cfg.Token); err != nil {
			return nil, err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	var (
		mu      sync.Mutex
		samples []sample
		acked   []Ack
		issued  int
		wg      sync.WaitGroup
	)
	take := func() bool {
		mu.Lock()
		defer mu.Unlock()
		if cfg.MaxRequests > 0 && issued >= cfg.MaxRequests {
			return false
		}
		issued++
		return true
	}
	start := time.Now()
	for u := 0; u < cfg.Users; u++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(cfg.Seed, uint64(u)))
			at := u % len(cfg.Addrs)
			var mine []sample
			var myAcks []Ack
			defer func() {
				mu.Lock()
				samples = append(samples, mine...)
				acked = append(acked, myAcks...)
				mu.Unlock()
			}()
			// Users start spread over one think time, as real users do.
			if !pause(ctx, rng, cfg.Think) {
				return
			}
			for i := 0; ctx.Err() == nil && take(); i++ {
				op := pick(rng, ops)
				addr := cfg.Addrs[at]
				marker := fmt.Sprintf("muat-%d-%d-%d", cfg.Seed, u, i)
				t0 := time.Now()
				err := do(ctx, client, "http://"+addr, cfg.Token, op, tmpl, marker, rng)
				if ctx.Err() != nil && err != nil {
					return // cut by the end of the run: neither counted nor an error
				}
				s := sample{op: op, addr: addr, dur: time.Since(t0)}
				switch {
				case err != nil:
					s.err = addr + " " + op + ": " + err.Error()
					var se *statusError
					if !errors.As(err, &se) {
						// The instance did not answer: go to the next one,
						// as a load balancer takes a dead instance out.
						at = (at + 1) % len(cfg.Addrs)
					}
				case cfg.KeepAcked && (op == "deal-create" || op == "business-create"):
					myAcks = append(myAcks, Ack{Op: op, Marker: marker, Addr: addr})
				}
				mine = append(mine, s)
				if !pause(ctx, rng, cfg.Think) {
					return
				}
			}
		}()
	}
	wg.Wait()
	r := summarise(samples, ops, cfg.Addrs, time.Since(start))
	r.Acked = acked
	return r, nil
}

func check(cfg Config) error {
	if len(cfg.Addrs) == 0 {
		return fmt.Errorf("--addr wajib: host:port, atau beberapa dipisah koma (an address is required)")
	}
	for _, a := range cfg.Addrs {
		host, _, err := net.SplitHostPort(a)
		if err != nil {
			return fmt.Errorf("--addr %q: harus host:port (must be host:port)", a)
		}
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return fmt.Errorf("--addr %q: uji beban hanya ke 127.0.0.1 atau localhost (load tests only target loopback)", a)
		}
	}
	if cfg.Users < 1 || cfg.Users > MaxUsers {
		return fmt.Errorf("--users harus 1–%d (users must be 1–%d)", MaxUsers, MaxUsers)
	}
	if cfg.Duration <= 0 || cfg.Duration > MaxDuration {
		return fmt.Errorf("--duration harus antara 1ms dan %s (duration must be at most %s)", MaxDuration, MaxDuration)
	}
	if cfg.MaxRequests < 0 || cfg.Think < 0 {
		return fmt.Errorf("--max-requests dan --think tidak boleh negatif (must not be negative)")
	}
	if _, ok := Mixes[cfg.Mix]; !ok {
		return fmt.Errorf("--mix %q: pilih mixed, reads atau healthz", cfg.Mix)
	}
	if cfg.Token == "" && cfg.Mix != "healthz" {
		return fmt.Errorf("token API wajib (--token atau DAGANG_TOKEN): buat dengan 'dagang token create' (an API token is required)")
	}
	return nil
}

// pause waits a think time drawn uniformly from 0.5–1.5× mean; false when
// the run ended meanwhile.
func pause(ctx context.Context, rng *rand.Rand, mean time.Duration) bool {
	if mean <= 0 {
		return ctx.Err() == nil
	}
	d := mean/2 + time.Duration(rng.Int64N(int64(mean)+1))
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func pick(rng *rand.Rand, ops []Op) string {
	total := 0
	for _, o := range ops {
		total += o.Weight
	}
	n := rng.IntN(total)
	for _, o := range ops {
		if n < o.Weight {
			return o.Name
		}
		n -= o.Weight
	}
	return ops[len(ops)-1].Name
}

// do sends one request of kind op; any answer but 2xx is an error.
func do(ctx context.Context, c *http.Client, base, token, op string, t template, marker string, rng *rand.Rand) error {
	method, path := "GET", ""
	var body any
	switch op {
	case "healthz":
		path = "/healthz"
	case "dashboard":
		path = "/"
	case "deals":
		path = fmt.Sprintf("/api/v1/deals?limit=20&offset=%d", 20*rng.IntN(5))
	case "businesses":
		path = "/api/v1/businesses?limit=20"
	case "summary":
		path = "/api/v1/reports/summary"
	case "deal-create":
		method, path = "POST", "/api/v1/deals"
		body = map[string]any{"direction": "sell", "event_id": t.EventID, "business_id": t.BusinessID, "counterpart_id": t.CounterpartID,
			"commodity_id": t.CommodityID, "value_text": fmt.Sprintf("Rp%d juta", 1+rng.IntN(999)), "stage": "indication",
			"deal_date": "2019-07-15", "note": marker, "force": true}
	case "business-create":
		method, path = "POST", "/api/v1/businesses"
		body = map[string]any{"name": "Usaha uji beban " + marker, "regency_code": t.RegencyCode, "size_class": "mikro"}
	default:
		return fmt.Errorf("unknown request kind %q", op)
	}
	_, err := send(ctx, c, method, base+path, token, body)
	return err
}

func send(ctx context.Context, c *http.Client, method, url, token string, body any) ([]byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return nil, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		if len(b) > 200 {
			b = b[:200]
		}
		return nil, &statusError{fmt.Sprintf("%s %s: %d %s", method, url, res.StatusCode, b)}
	}
	return b, nil
}

// statusError is an answer that is not 2xx: the instance is alive.
type statusError struct{ msg string }

func (e *statusError) Error() string { return e.msg }

// fetchTemplate reads an existing sale and business for the writes to copy.
func fetchTemplate(ctx context.Context, c *http.Client, base, token string) (template, error) {
	var t template
	b, err := send(ctx, c, "GET", base+"/api/v1/deals?limit=100", token, nil)
	if err != nil {
		return t, err
	}
	var deals struct {
		Items []struct {
			Direction     string `json:"direction"`
			EventID       int64  `json:"event_id"`
			BusinessID    int64  `json:"business_id"`
			CounterpartID int64  `json:"counterpart_id"`
			CommodityID   int64  `json:"commodity_id"`
		}
	}
	if err := json.Unmarshal(b, &deals); err != nil {
		return t, fmt.Errorf("deal list: %w", err)
	}
	for _, d := range deals.Items {
		if d.Direction == "sell" && d.BusinessID > 0 && d.CommodityID > 0 {
			t.EventID, t.BusinessID, t.CounterpartID, t.CommodityID = d.EventID, d.BusinessID, d.CounterpartID, d.CommodityID
			break
		}
	}
	b, err = send(ctx, c, "GET", base+"/api/v1/businesses?limit=1", token, nil)
	if err != nil {
		return t, err
	}
	var bs struct {
		Items []struct {
			RegencyCode string `json:"regency_code"`
		}
	}
	if err := json.Unmarshal(b, &bs); err != nil {
		return t, fmt.Errorf("business list: %w", err)
	}
	if t.BusinessID == 0 || len(bs.Items) == 0 {
		return t, fmt.Errorf("the database has no sale or business to copy: load the demo first (dagang demo --no-serve)")
	}
	t.RegencyCode = bs.Items[0].RegencyCode
	return t, nil
}

func summarise(samples []sample, ops []Op, addrs []string, elapsed time.Duration) *Result {
	r := &Result{Elapsed: elapsed}
	by, byAddr := map[string][]time.Duration{}, map[string][]time.Duration{}
	errs, addrErrs := map[string]int{}, map[string]int{}
	var all []time.Duration
	for _, s := range samples {
		by[s.op] = append(by[s.op], s.dur)
		byAddr[s.addr] = append(byAddr[s.addr], s.dur)
		all = append(all, s.dur)
		if s.err != "" {
			errs[s.op]++
			addrErrs[s.addr]++
			if len(r.FirstErrors) < 10 {
				r.FirstErrors = append(r.FirstErrors, s.err)
			}
		}
	}
	r.Total = stats("total", all, 0)
	for _, o := range ops {
		st := stats(o.Name, by[o.Name], errs[o.Name])
		r.Total.Errors += st.Errors
		r.Ops = append(r.Ops, st)
	}
	for _, a := range addrs {
		r.Instances = append(r.Instances, stats(a, byAddr[a], addrErrs[a]))
	}
	sort.Slice(r.Ops, func(i, j int) bool { return r.Ops[i].Name < r.Ops[j].Name })
	return r
}

func stats(name string, ds []time.Duration, errors int) Stats {
	s := Stats{Name: name, Requests: len(ds), Errors: errors}
	if len(ds) == 0 {
		return s
	}
	slices.Sort(ds)
	s.P50 = ds[len(ds)/2]
	s.P99 = ds[min(len(ds)-1, len(ds)*99/100)]
	s.Max = ds[len(ds)-1]
	return s
}
