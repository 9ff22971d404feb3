package delegation

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// bruteScore is the objective's per-applicant data, computed here
// independently of evaluate.
type bruteScore struct {
	id    int64
	role  Role
	reg   string
	score int64
	never bool
	ok    bool // may be chosen
}

func bruteScores(apps []Applicant, dest Destination, p Policy) []bruteScore {
	quota := p.Quota
	if quota == nil {
		quota = DefaultQuota()
	}
	out := make([]bruteScore, len(apps))
	for i, a := range apps {
		s := bruteScore{id: a.BusinessID, role: a.Role, reg: a.Regency, never: true}
		for _, n := range dest.Needs {
			if slices.Contains(a.Products, n.Commodity) {
				s.score += int64(math.Round(n.Weight * 1000))
			}
		}
		recent := false
		for _, y := range a.LastYears {
			if y < p.Year {
				s.never = false
				if y >= p.Year-p.RotationYears && p.RotationYears > 0 {
					recent = true
				}
			}
		}
		if recent && p.RotationMode == RotationPenalty {
			s.score -= int64(math.Round(p.PenaltyWeight * 1000))
		}
		s.ok = a.Eligible && quota[a.Role] > 0 && !(recent && p.RotationMode != RotationPenalty)
		out[i] = s
	}
	return out
}

// bruteBest enumerates every subset of applicants and returns the best
// feasible one (as sorted IDs), whether another feasible set ties with it
// on seats and total score, and its number of seats.
func bruteBest(ss []bruteScore, p Policy) (best []int64, tie bool, seats int) {
	quota := p.Quota
	if quota == nil {
		quota = DefaultQuota()
	}
	// ranked reports whether x ranks before y.
	ranked := func(x, y bruteScore) bool {
		if x.score != y.score {
			return x.score > y.score
		}
		if x.never != y.never {
			return x.never
		}
		return x.id < y.id
	}
	type key struct{ n, score, never int64 }
	keyOf := func(m int) key {
		var k key
		for i, s := range ss {
			if m&(1<<i) != 0 {
				k.n++
				k.score += s.score
				if s.never {
					k.never++
				}
			}
		}
		return k
	}
	// beats reports whether set a is better than set b.
	beats := func(a, b int) bool {
		ka, kb := keyOf(a), keyOf(b)
		if ka != kb {
			if ka.n != kb.n {
				return ka.n > kb.n
			}
			if ka.score != kb.score {
				return ka.score > kb.score
			}
			return ka.never > kb.never
		}
		top := -1
		for i := range ss {
			if (a^b)&(1<<i) != 0 && (top < 0 || ranked(ss[i], ss[top])) {
				top = i
			}
		}
		return top >= 0 && a&(1<<top) != 0
	}
	feasible := func(m int) bool {
		roles := map[Role]int{}
		regs := map[string]int{}
		for i, s := range ss {
			if m&(1<<i) == 0 {
				continue
			}
			if !s.ok {
				return false
			}
			roles[s.role]++
			regs[s.reg]++
			if roles[s.role] > quota[s.role] || (p.MaxPerRegency > 0 && regs[s.reg] > p.MaxPerRegency) {
				return false
			}
		}
		return true
	}
	bm := 0
	var all []int
	for m := range 1 << len(ss) {
		if feasible(m) {
			all = append(all, m)
			if beats(m, bm) {
				bm = m
			}
		}
	}
	kb := keyOf(bm)
	for _, m := range all {
		if k := keyOf(m); m != bm && k.n == kb.n && k.score == kb.score {
			tie = true
		}
	}
	for i, s := range ss {
		if bm&(1<<i) != 0 {
			best = append(best, s.id)
		}
	}
	slices.Sort(best)
	return best, tie, int(kb.n)
}

// randomCase draws a small pool and policy with many ties.
func randomCase(rng *rand.Rand) ([]Applicant, Destination, Policy) {
	dest := Destination{Code: "64", Name: "Kaltim"}
	weights := []float64{1, 1, 2, 0.5, 1.5}
	for i, c := range []string{"beras", "daging-ayam", "telur", "jagung"} {
		if rng.IntN(4) > 0 {
			dest.Needs = append(dest.Needs, Need{Commodity: c, Weight: weights[(i+rng.IntN(2))%len(weights)]})
		}
	}
	products := []string{"beras", "daging-ayam", "telur", "jagung", "kemiri"}
	roles := []Role{RoleMatching, RoleMatching, RoleExhibitor, "catering"}
	n := 12 - rng.IntN(13)*rng.IntN(13)/12 // mostly large pools
	apps := make([]Applicant, n)
	for i := range apps {
		a := Applicant{
			BusinessID: int64(1 + rng.IntN(40)*n + i), // distinct, unordered
			Name:       fmt.Sprintf("Usaha %d", i),
			Regency:    fmt.Sprintf("63.0%d", 1+rng.IntN(4)),
			Role:       roles[rng.IntN(len(roles))],
			Eligible:   rng.IntN(8) > 0,
		}
		for _, c := range products {
			if rng.IntN(3) == 0 {
				a.Products = append(a.Products, c)
			}
		}
		for _, y := range []int{2016, 2017, 2018, 2019} {
			if rng.IntN(4) == 0 {
				a.LastYears = append(a.LastYears, y)
			}
		}
		apps[i] = a
	}
	p := Policy{
		Year:          2019,
		Quota:         map[Role]int{RoleMatching: rng.IntN(4), RoleExhibitor: rng.IntN(3)},
		RotationYears: rng.IntN(3),
		RotationMode:  []RotationMode{RotationExclude, RotationPenalty}[rng.IntN(2)],
		PenaltyWeight: float64(rng.IntN(5)) / 2,
		MaxPerRegency: rng.IntN(4),
	}
	if rng.IntN(6) == 0 {
		p.Quota = nil // the default 6 + 3: usually too few applicants
	}
	return apps, dest, p
}

// TestProposeMatchesBruteForce checks Propose against enumeration of all
// subsets on random pools of up to 12 applicants: the same set, every
// applicant explained once, a shortfall exactly when seats stay empty, and
// no dependence on the input order.
func TestProposeMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 2019))
	var ties, short, cases int
	for c := range 1000 {
		apps, dest, p := randomCase(rng)
		prop, err := Propose(apps, dest, p)
		if err != nil {
			t.Fatalf("case %d: %v", c, err)
		}
		want, tie, seats := bruteBest(bruteScores(apps, dest, p), p)
		var got []int64
		for _, d := range prop.Chosen {
			got = append(got, d.BusinessID)
		}
		slices.Sort(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("case %d: chosen differs from brute force (-want +got):\n%s\napplicants %+v\npolicy %+v\nneeds %+v",
				c, diff, apps, p, dest.Needs)
		}
		cases++
		if tie {
			ties++
		}
		total := 0
		for _, q := range prop.Policy.Quota {
			total += q
		}
		if seats < total {
			short++
			if prop.Shortfall == nil || !strings.Contains(prop.Shortfall.Message, "tidak terpenuhi") {
				t.Errorf("case %d: %d of %d seats filled but Shortfall = %v", c, seats, total, prop.Shortfall)
			}
		} else if prop.Shortfall != nil {
			t.Errorf("case %d: all seats filled but Shortfall = %v", c, prop.Shortfall)
		}
		if n := len(prop.Chosen) + len(prop.PassedOver); n != len(apps) {
			t.Errorf("case %d: %d decisions for %d applicants", c, n, len(apps))
		}
		for _, d := range prop.Chosen {
			if d.Why != WhyChosen || !strings.HasPrefix(d.Reason, "Dipilih") || d.ReasonEN == "" {
				t.Errorf("case %d: chosen %d: %s %q", c, d.BusinessID, d.Why, d.Reason)
			}
		}
		for _, d := range prop.PassedOver {
			if d.Why == WhyNotOptimal || !strings.HasPrefix(d.Reason, "Tidak dipilih: ") || d.ReasonEN == "" {
				t.Errorf("case %d: passed over %d: %s %q", c, d.BusinessID, d.Why, d.Reason)
			}
		}
		shuffled := slices.Clone(apps)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := Propose(shuffled, dest, p)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(prop, again); diff != "" {
			t.Fatalf("case %d: result depends on input order (-first +shuffled):\n%s", c, diff)
		}
	}
	t.Logf("%d cases, %d with ties on seats and score, %d with too few eligible applicants", cases, ties, short)
	if ties < 100 || short < 100 {
		t.Errorf("weak test: %d ties and %d shortfalls in %d cases; want at least 100 of each", ties, short, cases)
	}
}
