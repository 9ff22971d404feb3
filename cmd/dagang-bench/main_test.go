package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for dagang-bench when the deals
// benchmark starts its Excel child processes (os.Executable is the test).
func TestMain(m *testing.M) {
	if os.Getenv("DAGANG_BENCH_CHILD") == "1" {
		if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// The deals benchmark runs end to end on a small SQLite database and
// prints one filled row per measurement.
func TestBenchDealsSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a database and starts three processes")
	}
	t.Setenv("DAGANG_BENCH_CHILD", "1")
	var out, errs bytes.Buffer
	err := run(context.Background(), []string{"deals", "--rows", "3000", "--import-rows", "200", "--naive-rows", "20", "--peer-rows", "500", "--runs", "1"}, &out, &errs)
	if err != nil {
		t.Fatalf("%v\n%s", err, errs.String())
	}
	for _, want := range []string{
		`\| deal report, all years, 3000 deals \(median of 1\) \| \S+ \(summary table\) \| \S+ \(GROUP BY`,
		`\| Excel export, all 3000 deals, streamed .* \| \d+ MB / \S+ / \S+ \| – \|`,
		`\| Excel export, 500 deals: .* \| \d+ MB / \S+ / \S+ \(StreamWriter\) \| \d+ MB / \S+ / \S+ \(excelize`,
		`\| import 200 deals from CSV`,
	} {
		if !regexp.MustCompile(want).MatchString(out.String()) {
			t.Errorf("no line matching %s in\n%s", want, out.String())
		}
	}
}

func TestUsage(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), nil, &out, &out); err != nil || !strings.Contains(out.String(), "schedule") {
		t.Errorf("usage: %v\n%s", err, out.String())
	}
	for _, args := range [][]string{{"nonsense"}, {"deals", "--bogus"}, {"schedule", "extra"}} {
		if err := run(context.Background(), args, &out, &out); err == nil || !strings.Contains(err.Error(), "usage") {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	if err := run(context.Background(), []string{"schedule", "--clock", "sundial", "--dir", t.TempDir()}, &out, &out); err == nil || !strings.Contains(err.Error(), "sundial") {
		t.Errorf("--clock sundial: err = %v, want one naming the value", err)
	}
	if err := run(context.Background(), []string{"schedule", "--help"}, &out, &out); err != nil {
		t.Errorf("--help: %v", err)
	}
}
