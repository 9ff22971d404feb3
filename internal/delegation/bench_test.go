package delegation

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchPool generates n applicants over the given number of regencies,
// with 33 commodities, of which 8 are needed at the destination, and a
// history of past missions. It is deterministic.
func benchPool(n, regencies int) ([]Applicant, Destination) {
	rng := rand.New(rand.NewPCG(2019, uint64(n)))
	commodities := []string{"beras", "daging-ayam", "telur"}
	for i := range 30 {
		commodities = append(commodities, fmt.Sprintf("k%02d", i))
	}
	dest := Destination{Code: "64", Name: "Kaltim"}
	for i, c := range commodities[:8] {
		dest.Needs = append(dest.Needs, Need{Commodity: c, Weight: float64(1+(i*7)%10) / 2})
	}
	apps := make([]Applicant, n)
	for i := range apps {
		a := Applicant{
			BusinessID: int64(i + 1),
			Name:       fmt.Sprintf("Usaha %d", i+1),
			Regency:    fmt.Sprintf("63.%02d", rng.IntN(regencies)),
			Role:       RoleMatching,
			Eligible:   rng.IntN(20) > 0,
		}
		if rng.IntN(3) == 0 {
			a.Role = RoleExhibitor
		}
		for range 1 + rng.IntN(3) {
			a.Products = append(a.Products, commodities[rng.IntN(len(commodities))])
		}
		for y, pct := range []int{15, 20, 25} { // 2016, 2017, 2018
			if rng.IntN(100) < pct {
				a.LastYears = append(a.LastYears, 2016+y)
			}
		}
		apps[i] = a
	}
	return apps, dest
}

// greedy is the naive method the benchmark compares with: take applicants
// by score (ties: never taken first, lower ID) while their role and
// regency have room. It returns the number of seats and the total score.
func greedy(apps []Applicant, dest Destination, p Policy) (seats int, total int64) {
	p = p.withDefaults()
	role := map[Role]int{}
	regency := map[string]int{}
	for _, e := range evaluate(apps, dest, p) {
		r, g := e.a.Role, e.a.Regency
		if e.status != inPool || role[r] >= p.Quota[r] || (p.MaxPerRegency > 0 && regency[g] >= p.MaxPerRegency) {
			continue
		}
		role[r]++
		regency[g]++
		seats++
		total += e.score
	}
	return seats, total
}

func BenchmarkPropose10000(b *testing.B) {
	apps, dest := benchPool(10000, 100)
	p := DefaultPolicy(2019)
	var prop Proposal
	for b.Loop() {
		var err error
		if prop, err = Propose(apps, dest, p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(prop.Chosen)), "seats")
	b.ReportMetric(float64(prop.TotalScore)/ScoreScale, "score")
}

// BenchmarkSolve10000 times the exact optimisation alone (scoring,
// ranking, flow), without writing the 10,000 reasons.
func BenchmarkSolve10000(b *testing.B) {
	apps, dest := benchPool(10000, 100)
	p := DefaultPolicy(2019).withDefaults()
	for b.Loop() {
		var pool []*eval
		for _, e := range evaluate(apps, dest, p) {
			if e.status == inPool {
				pool = append(pool, e)
			}
		}
		solve(pool, p)
	}
}

func BenchmarkGreedy10000(b *testing.B) {
	apps, dest := benchPool(10000, 100)
	p := DefaultPolicy(2019)
	var seats int
	var total int64
	for b.Loop() {
		seats, total = greedy(apps, dest, p)
	}
	b.ReportMetric(float64(seats), "seats")
	b.ReportMetric(float64(total)/ScoreScale, "score")
}

// TestGreedyQuality compares greedy with the exact proposal: never better
// (that would disprove optimality), and logs how often and by how much it
// is worse, on the benchmark pool and on many small pools where the
// per-regency limit binds.
func TestGreedyQuality(t *testing.T) {
	objective := func(prop Proposal) (int, int64) { return len(prop.Chosen), prop.TotalScore }
	worse := func(gs int, gt int64, es int, et int64) bool { return gs < es || (gs == es && gt < et) }
	for _, m := range []int{2, 1} {
		apps, dest := benchPool(10000, 100)
		p := DefaultPolicy(2019)
		p.MaxPerRegency = m
		prop, err := Propose(apps, dest, p)
		if err != nil {
			t.Fatal(err)
		}
		es, et := objective(prop)
		gs, gt := greedy(apps, dest, p)
		if worse(es, et, gs, gt) {
			t.Errorf("M=%d: greedy (%d seats, score %d) beats exact (%d, %d)", m, gs, gt, es, et)
		}
		t.Logf("10,000 applicants, 100 regencies, M=%d: exact %d seats, score %s; greedy %d seats, score %s",
			m, es, score(et, "."), gs, score(gt, "."))
	}
	rng := rand.New(rand.NewPCG(7, 7))
	var cases, lost, fewer int
	var gap float64
	for range 2000 {
		apps, dest := benchPool(30+rng.IntN(30), 4+rng.IntN(4))
		p := DefaultPolicy(2019)
		p.MaxPerRegency = 1 + rng.IntN(2)
		prop, err := Propose(apps, dest, p)
		if err != nil {
			t.Fatal(err)
		}
		es, et := objective(prop)
		gs, gt := greedy(apps, dest, p)
		cases++
		switch {
		case worse(es, et, gs, gt):
			t.Fatalf("greedy (%d seats, score %d) beats exact (%d, %d)", gs, gt, es, et)
		case worse(gs, gt, es, et):
			lost++
			if gs < es {
				fewer++
			}
			if gs == es && et > 0 {
				gap += float64(et-gt) / float64(et)
			}
		}
	}
	t.Logf("small pools (30-59 applicants, 4-7 regencies, M=1-2): greedy worse than exact in %d of %d cases (%d with fewer seats; mean score gap when seats equal %.1f%%)",
		lost, cases, fewer, 100*gap/float64(max(lost-fewer, 1)))
}
