package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// serveInProcess runs `dagang serve` on a free port of 127.0.0.1 inside
// the test until the test ends, and returns its address.
func serveInProcess(t *testing.T, dsn string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", dsn, "--addr", "127.0.0.1:0"}, func(string) string { return "" }, strings.NewReader(""), &out, &syncBuffer{})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("serve did not shut down")
		}
	})
	for i := 0; i < 400; i++ {
		if m := servingRe.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("serve did not start: %s", out.String())
	return ""
}

// The short load test of CI: 50 users mixing reads and writes for 5 s must
// see no error. Latency is a benchmark (docs/BENCHMARKS.md), not asserted.
func TestLoadShort(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { loadShort(t, filepath.Join(t.TempDir(), "load.db")) })
	t.Run("postgres", func(t *testing.T) { loadShort(t, pgTestDB(t)) })
}

func loadShort(t *testing.T, dsn string) {
	ctx := context.Background()
	if _, err := runCmd(t, ctx, nil, "demo", "--db", dsn, "--no-serve"); err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, ctx, nil, "token", "create", "--db", dsn, "--email", "staf@demo.dagang.test")
	if err != nil {
		t.Fatal(err)
	}
	token := tokenRe.FindString(out)
	addr := serveInProcess(t, dsn)
	out, err = runCmd(t, ctx, map[string]string{"DAGANG_TOKEN": token}, "loadtest", "--addr", addr, "--users", "50", "--duration", "5s", "--think", "50ms")
	if err != nil {
		t.Fatalf("loadtest: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?m)^\s+total\s+(\d+)\s+0\s`).FindStringSubmatch(out)
	if m == nil || m[1] == "0" {
		t.Fatalf("no requests, or errors:\n%s", out)
	}
	for _, op := range []string{"dashboard", "deals", "businesses", "summary", "deal-create", "business-create"} {
		if !regexp.MustCompile(`(?m)^\s+` + op + `\s+[1-9]\d*\s+0\s`).MatchString(out) {
			t.Errorf("%s: not run or failed:\n%s", op, out)
		}
	}
	// Only loopback addresses are load tested.
	if _, err := runCmd(t, ctx, map[string]string{"DAGANG_TOKEN": token}, "loadtest", "--addr", "192.0.2.1:80", "--duration", "1s"); err == nil || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("a non-loopback address was accepted: %v", err)
	}
}
