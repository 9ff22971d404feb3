package schedule

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkSolveOriginal solves one published instance for a fixed
// iteration budget (fairness 2); it reports the breaks found.
func BenchmarkSolveOriginal(b *testing.B) {
	needBenchDir(b)
	path := filepath.Join(benchDir, "forum-14.original.json")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("benchmark file absent: %v", err)
	}
	inst, err := ReadInstance(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	var breaks int
	for b.Loop() {
		sc, err := Solve(context.Background(), inst, Options{TimeLimit: time.Minute, Fairness: 2, Seed: 1, Iterations: 3_000_000})
		if err != nil {
			b.Fatal(err)
		}
		breaks = sc.Objective.Breaks
	}
	b.ReportMetric(float64(breaks), "breaks")
}

// BenchmarkTradeOffice200 solves a generated 200-participant instance in
// 1 s and reports the share of the weight bound reached.
func BenchmarkTradeOffice200(b *testing.B) {
	inst, err := Generate(GenOptions{Participants: 200, Requests: 2000, Slots: 16, Tables: 80, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	var pct float64
	for b.Loop() {
		sc, err := Solve(context.Background(), inst, Options{TimeLimit: time.Second, Fairness: -1, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		pct = 100 * float64(sc.Objective.Weight) / float64(sc.Bound.Weight)
	}
	b.ReportMetric(pct, "%bound")
}

// BenchmarkGreedy2000 times the first-fit peer on the large class.
func BenchmarkGreedy2000(b *testing.B) {
	inst, err := Generate(GenOptions{Participants: 2000, Requests: 20000, Slots: 16, Tables: 600, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Greedy(inst)
	}
}

// BenchmarkBound2000 times the b-matching weight bound on the large class.
func BenchmarkBound2000(b *testing.B) {
	inst, err := Generate(GenOptions{Participants: 2000, Requests: 20000, Slots: 16, Tables: 600, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Bound(inst)
	}
}

// BenchmarkExactProves solves the triangle, where the exact
// model proves that one break is the fewest: the time until the proof
// ends the search.
func BenchmarkExactProves(b *testing.B) {
	inst, err := ReadInstance(strings.NewReader(triangle))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Solve(context.Background(), inst, Options{TimeLimit: time.Hour, Fairness: 2}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSolveCancelled: the time Solve takes to return on a context
// cancelled before it starts.
func BenchmarkSolveCancelled(b *testing.B) {
	inst, err := Generate(GenOptions{Participants: 60, Requests: 500, Slots: 8, Seed: 3})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for b.Loop() {
		Solve(ctx, inst, Options{TimeLimit: time.Hour, Fairness: -1})
	}
}
