package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/golden"
)

// syncBuffer is a bytes.Buffer safe for a writer goroutine and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func runCmd(t *testing.T, ctx context.Context, env map[string]string, args ...string) (string, error) {
	t.Helper()
	var out, errOut syncBuffer
	err := run(ctx, args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errOut)
	return out.String(), err
}

// startInProcess runs dagang with args (serve, or demo without --no-serve)
// inside the test and returns the address it listens on, which run
// reports on env.ready as soon as it listens. stop cancels it as SIGINT
// would and returns what run returned; when the test does not call it,
// the test's cleanup does and reports an error.
func startInProcess(t *testing.T, getenv func(string) string, stdout, stderr io.Writer, args ...string) (string, func() error) {
	t.Helper()
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- runEnv(ctx, env{getenv: getenv, stdin: strings.NewReader(""), stdout: stdout, stderr: stderr, ready: ready}, args)
	}()
	var once sync.Once
	var err error
	halt := func() error {
		once.Do(func() {
			cancel()
			select {
			case err = <-done:
			case <-time.After(20 * time.Second):
				err = fmt.Errorf("%s did not shut down within 20 s", args[0])
			}
		})
		return err
	}
	stopped := false
	t.Cleanup(func() {
		if err := halt(); err != nil && !stopped {
			t.Error(err)
		}
	})
	select {
	case addr := <-ready:
		return addr, func() error { stopped = true; return halt() }
	case err := <-done:
		once.Do(cancel)
		stopped = true
		t.Fatalf("%s ended before it listened: %v", args[0], err)
		return "", nil
	}
}

func TestDemoThenSummary(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "demo.db")
	if _, err := runCmd(t, ctx, nil, "demo", "--db", db, "--no-serve"); err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, ctx, nil, "report", "summary", "--db", db, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Events           int    `json:"events"`
		TransactionsIDR  int64  `json:"transactions_idr"`
		TransactionsText string `json:"transactions_text"`
		ByDirection      struct {
			Sell, Buy, Invest int64
		} `json:"by_direction"`
		Partners []struct {
			ProvinceCode string `json:"province_code"`
			Name         string `json:"name"`
			Stage        string `json:"stage"`
		} `json:"partners"`
		BusinessesReached int `json:"businesses_reached"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("%v in:\n%s", err, out)
	}
	if s.Events != 3 || s.TransactionsIDR != 119_000_000_000 || s.TransactionsText != "Rp119 miliar" || s.BusinessesReached != 27 || len(s.Partners) != 4 {
		t.Errorf("summary = %+v", s)
	}
	if s.ByDirection.Sell+s.ByDirection.Buy+s.ByDirection.Invest != s.TransactionsIDR {
		t.Errorf("directions %+v do not add up to %d", s.ByDirection, s.TransactionsIDR)
	}
	// DAGANG_DB works like --db; the text report tells the article's headline.
	out, err = runCmd(t, ctx, map[string]string{"DAGANG_DB": db}, "report", "summary")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Total transaksi Rp119 miliar dari 3 kegiatan temu bisnis dan misi dagang.") {
		t.Errorf("text summary lacks the headline:\n%s", out)
	}
	golden.Check(t, "summary.golden", []byte(out))
	// The demo refuses to load twice into a non-demo path.
	if _, err := runCmd(t, ctx, nil, "demo", "--db", db, "--no-serve"); dagang.ErrorCode(err) != dagang.ECONFLICT {
		t.Errorf("second demo into the same database: err = %v, want conflict", err)
	}
}

func TestUsageErrors(t *testing.T) {
	ctx := context.Background()
	tests := [][]string{
		{"nonsense"},
		{"report", "nonsense"},
		{"report", "summary", "--year", "x"},
		{"serve", "--bogus"},
		{"user", "nonsense"},
		{"token", "nonsense"},
	}
	for _, args := range tests {
		_, err := runCmd(t, ctx, nil, args...)
		var ue usageError
		if !errors.As(err, &ue) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	for _, args := range [][]string{{"--help"}, {"serve", "--help"}, {"demo", "-h"}, {"report", "--help"}, {"report", "summary", "--help"}, {"migrate", "--help"}, {"version"}, {"user"}, {"user", "add", "--help"}, {"token"}} {
		if _, err := runCmd(t, ctx, nil, args...); err != nil {
			t.Errorf("%v: %v", args, err)
		}
	}
	// Developer benchmarks live in cmd/dagang-bench, not in the office's binary.
	if out, _ := runCmd(t, ctx, nil, "--help"); strings.Contains(out, "bench") {
		t.Errorf("--help lists a benchmark:\n%s", out)
	}
	if _, err := runCmd(t, ctx, nil, "report", "summary", "--db", filepath.Join(t.TempDir(), "missing.db")); err == nil || !strings.Contains(err.Error(), "belum ada") {
		t.Errorf("missing database: err = %v", err)
	}
}

// TestServeShutsDownGracefully starts serve on a free port, asks /healthz,
// then cancels the context as SIGINT would.
func TestServeShutsDownGracefully(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "serve.db")
	addr, stop := startInProcess(t, nil, &syncBuffer{}, &syncBuffer{}, "serve", "--db", db, "--addr", "127.0.0.1:0")
	res, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("/healthz = %d", res.StatusCode)
	}
	// The API needs credentials: a token made with the CLI.
	res, err = http.Get("http://" + addr + "/api/v1/offices")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("/api/v1/offices without a token = %d, want 401", res.StatusCode)
	}
	if _, err := runCmd(t, ctx, nil, "user", "add", "--db", db, "--email", "kadis@kalsel.test", "--name", "Kadis", "--role", "leadership"); err != nil {
		t.Fatal(err)
	}
	tokOut, err := runCmd(t, ctx, nil, "token", "create", "--db", db, "--email", "kadis@kalsel.test")
	if err != nil {
		t.Fatal(err)
	}
	token := regexp.MustCompile(`dgt_[A-Za-z0-9_-]{43}`).FindString(tokOut)
	if list, err := runCmd(t, ctx, nil, "token", "list", "--db", db, "--email", "kadis@kalsel.test"); err != nil || !strings.Contains(list, "skrip") {
		t.Errorf("token list: %v\n%s", err, list)
	}
	req, _ := http.NewRequest("GET", "http://"+addr+"/api/v1/offices", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	// A fresh database gets the home province's office.
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var page struct{ Items []dagang.Office }
	json.NewDecoder(res.Body).Decode(&page)
	res.Body.Close()
	if len(page.Items) != 1 || page.Items[0].Name != "Dinas Perdagangan Provinsi Kalimantan Selatan" {
		t.Errorf("offices = %+v", page.Items)
	}
	// A revoked token opens nothing.
	if _, err := runCmd(t, ctx, nil, "token", "revoke", "--db", db, "--id", "1"); err != nil {
		t.Errorf("token revoke: %v", err)
	}
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("revoked token: %d, want 401", res.StatusCode)
	}
	if err := stop(); err != nil {
		t.Errorf("serve returned %v after shutdown", err)
	}
}

func TestServeRefusesBadTrustedProxies(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	_, err := runCmd(t, context.Background(), map[string]string{"DAGANG_TRUSTED_PROXIES": "10.0.0.0/8, proxy.local"}, "serve", "--db", db, "--addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), `DAGANG_TRUSTED_PROXIES: "proxy.local"`) {
		t.Errorf("err = %v, want the setting and the bad entry named", err)
	}
}
