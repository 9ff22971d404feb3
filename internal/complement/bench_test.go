package complement

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkAnalyze38x500 ranks 37 partners for one home over 500
// synthetic commodities with 23,740 pieces of evidence. Target:
// under 50 ms per ranking (issue 4; results in docs/BENCHMARKS.md).
func BenchmarkAnalyze38x500(b *testing.B) {
	provs, coms, ev := randomWorld(rand.New(rand.NewPCG(38, 500)), 38, 500, true)
	for b.Loop() {
		if _, err := Analyze(provs[0].Code, provs, coms, ev, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(ev)), "evidence")
}

// BenchmarkAnalyze38x500Naive is the peer: the same rules with every
// lookup scanning all the evidence instead of the index.
func BenchmarkAnalyze38x500Naive(b *testing.B) {
	provs, coms, ev := randomWorld(rand.New(rand.NewPCG(38, 500)), 38, 500, true)
	for b.Loop() {
		analyzeNaive(provs[0].Code, provs, coms, ev, DefaultOptions())
	}
	b.ReportMetric(float64(len(ev)), "evidence")
}
