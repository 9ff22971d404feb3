package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// serveInProcess runs `dagang serve` on a free port of 127.0.0.1 inside
// the test until the test ends, and returns its address.
func serveInProcess(t *testing.T, dsn string) string {
	t.Helper()
	addr, _ := startInProcess(t, nil, &syncBuffer{}, &syncBuffer{}, "serve", "--db", dsn, "--addr", "127.0.0.1:0")
	return addr
}

// The short load test of CI: 50 users mixing reads and writes for 5 s must
// see no error. Latency is a benchmark (docs/BENCHMARKS.md), not asserted.
func TestLoadShort(t *testing.T) {
	if testing.Short() {
		t.Skip("50 users for 5 s on each database: not in -short")
	}
	t.Run("sqlite", func(t *testing.T) { loadShort(t, newDemoDBOn(t, "sqlite")) })
	t.Run("postgres", func(t *testing.T) { loadShort(t, newDemoDBOn(t, "postgres")) })
}

func loadShort(t *testing.T, dsn string) {
	ctx := context.Background()
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
