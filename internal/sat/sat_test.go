package sat

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// problem is a random formula kept in plain form for a brute-force check.
type problem struct {
	n       int
	clauses [][]Lit
	atMost  []atMost
}

type atMost struct {
	lits []Lit
	k    int
}

func (p *problem) holds(a uint32) bool {
	val := func(l Lit) bool { return (a>>l.Var())&1 == 1 != l.neg() }
	for _, c := range p.clauses {
		ok := false
		for _, l := range c {
			ok = ok || val(l)
		}
		if !ok {
			return false
		}
	}
	for _, c := range p.atMost {
		n := 0
		for _, l := range c.lits {
			if val(l) {
				n++
			}
		}
		if n > c.k {
			return false
		}
	}
	return true
}

// solver returns a solver given p's constraints.
func (p *problem) solver() *Solver {
	s := New()
	for range p.n {
		s.NewVar()
	}
	for _, c := range p.clauses {
		s.AddClause(c...)
	}
	for _, c := range p.atMost {
		s.AddAtMost(c.lits, c.k)
	}
	return s
}

func randomProblem(rng *rand.Rand) *problem {
	p := &problem{n: 4 + rng.IntN(11)}
	lit := func(v int) Lit {
		if rng.IntN(2) == 0 {
			return Pos(v)
		}
		return Neg(v)
	}
	for range rng.IntN(4 * p.n) {
		var c []Lit
		for range 1 + rng.IntN(4) {
			c = append(c, lit(rng.IntN(p.n)))
		}
		p.clauses = append(p.clauses, c)
	}
	for range rng.IntN(4) {
		vs := rng.Perm(p.n)[:2+rng.IntN(p.n-1)]
		var c atMost
		for _, v := range vs {
			c.lits = append(c.lits, lit(v))
		}
		c.k = rng.IntN(len(c.lits))
		p.atMost = append(p.atMost, c)
	}
	return p
}

// TestAgainstBruteForce compares the answer and the model with an
// exhaustive search on thousands of small random formulas.
func TestAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var sat, unsat int
	for i := range 4000 {
		p := randomProblem(rng)
		want := false
		for a := uint32(0); a < 1<<p.n; a++ {
			if p.holds(a) {
				want = true
				break
			}
		}
		s := p.solver()
		if i%2 == 1 {
			s.Shuffle(uint64(i)) // another search order, the same answers
		}
		got := s.Solve(Limits{})
		if got == Unknown || (got == Sat) != want {
			t.Fatalf("problem %d: Solve = %v, brute force says satisfiable = %v", i, got, want)
		}
		if got == Sat {
			sat++
			var a uint32
			for v := range p.n {
				if s.Value(v) {
					a |= 1 << v
				}
			}
			if !p.holds(a) {
				t.Fatalf("problem %d: the model violates a constraint", i)
			}
		} else {
			unsat++
		}
		// The same formula under two or three assumed literals, on the
		// solver that has just learnt from it.
		var assume []Lit
		for range 2 + rng.IntN(2) {
			v := rng.IntN(p.n)
			if rng.IntN(2) == 0 {
				assume = append(assume, Pos(v))
			} else {
				assume = append(assume, Neg(v))
			}
		}
		holdsAssumed := func(a uint32) bool {
			for _, l := range assume {
				if (a>>l.Var())&1 == 1 == l.neg() {
					return false
				}
			}
			return p.holds(a)
		}
		want = false
		for a := uint32(0); a < 1<<p.n; a++ {
			if holdsAssumed(a) {
				want = true
				break
			}
		}
		got = s.Solve(Limits{Assume: assume})
		if got == Unknown || (got == Sat) != want {
			t.Fatalf("problem %d under %v: Solve = %v, brute force says satisfiable = %v", i, assume, got, want)
		}
		if got == Sat {
			var a uint32
			for v := range p.n {
				if s.Value(v) {
					a |= 1 << v
				}
			}
			if !holdsAssumed(a) {
				t.Fatalf("problem %d under %v: the model violates a constraint or an assumption", i, assume)
			}
		}
	}
	if sat < 500 || unsat < 500 {
		t.Fatalf("unbalanced sample: %d satisfiable, %d not", sat, unsat)
	}
}

// TestPigeonhole: n+1 pigeons in n holes is unsatisfiable, n in n is not,
// with holes as at-most-one constraints and as pairwise clauses. The
// largest takes the search past the first thinning of learnt clauses,
// which moves the clauses kept in memory.
func TestPigeonhole(t *testing.T) {
	for _, native := range []bool{true, false} {
		for _, n := range []int{3, 5, 7} {
			for _, pigeons := range []int{n, n + 1} {
				s := New()
				x := make([][]int, pigeons)
				for i := range x {
					x[i] = make([]int, n)
					var c []Lit
					for h := range n {
						x[i][h] = s.NewVar()
						c = append(c, Pos(x[i][h]))
					}
					s.AddClause(c...)
				}
				for h := range n {
					var ls []Lit
					for i := range pigeons {
						ls = append(ls, Pos(x[i][h]))
					}
					if native {
						s.AddAtMost(ls, 1)
						continue
					}
					for i := range ls {
						for j := i + 1; j < len(ls); j++ {
							s.AddClause(ls[i].Not(), ls[j].Not())
						}
					}
				}
				want := Sat
				if pigeons > n {
					want = Unsat
				}
				if got := s.Solve(Limits{}); got != want {
					t.Errorf("native=%v: %d pigeons, %d holes: %v, want %v", native, pigeons, n, got, want)
				}
				if n == 7 && pigeons > n && s.Conflicts <= 2000 {
					t.Errorf("native=%v: %d pigeons, %d holes took %d conflicts, no longer past the first thinning of learnt clauses", native, pigeons, n, s.Conflicts)
				}
			}
		}
	}
}

// TestIncremental tightens an at-most constraint between calls, as the
// scheduler does with its break budget, and stops on a conflict limit.
func TestIncremental(t *testing.T) {
	s := New()
	var ls []Lit
	for range 10 {
		ls = append(ls, Pos(s.NewVar()))
	}
	s.AddAtLeast(ls[:6], 3)
	for k := 9; k >= 3; k-- {
		s.AddAtMost(ls, k)
		if got := s.Solve(Limits{}); got != Sat {
			t.Fatalf("at most %d: %v", k, got)
		}
	}
	s.AddAtMost(ls, 2)
	if got := s.Solve(Limits{}); got != Unsat {
		t.Fatalf("at most 2 with at least 3: %v", got)
	}

	// A hard formula stops at its limit with Unknown.
	h := New()
	n := 10
	x := make([][]int, n+1)
	for i := range x {
		x[i] = make([]int, n)
		var c []Lit
		for j := range n {
			x[i][j] = h.NewVar()
			c = append(c, Pos(x[i][j]))
		}
		h.AddClause(c...)
	}
	for j := range n {
		for i := range n + 1 {
			for k := i + 1; k <= n; k++ {
				h.AddClause(Neg(x[i][j]), Neg(x[k][j]))
			}
		}
	}
	if got := h.Solve(Limits{Conflicts: 50}); got != Unknown {
		t.Fatalf("pigeonhole 11/10 with 50 conflicts: %v, want unknown", got)
	}
	calls := 0
	if got := h.Solve(Limits{Stop: func() bool { calls++; return true }}); got != Unknown || calls == 0 {
		t.Fatalf("stopped search: %v after %d polls", got, calls)
	}
}

// TestRandom3SAT checks the models of random 3-SAT formulas near the
// threshold, large enough that the search thins its learnt clauses (and
// moves the ones it keeps) before it answers.
func TestRandom3SAT(t *testing.T) {
	if testing.Short() {
		t.Skip("six formulas of 200 variables: not in -short")
	}
	const vars, clauses = 200, 852
	thinned := 0
	for seed := range uint64(6) {
		rng := rand.New(rand.NewPCG(seed, 3))
		s := New()
		for range vars {
			s.NewVar()
		}
		var cs [][]Lit
		for range clauses {
			c := make([]Lit, 3)
			for i := range c {
				c[i] = Lit(2*rng.IntN(vars) + rng.IntN(2))
			}
			cs = append(cs, c)
			s.AddClause(c...)
		}
		if s.Solve(Limits{}) != Sat {
			continue
		}
		if s.Conflicts > 2000 {
			thinned++
		}
		for _, c := range cs {
			if !slices.ContainsFunc(c, func(l Lit) bool { return s.Value(l.Var()) != l.neg() }) {
				t.Fatalf("seed %d: model falsifies clause %v", seed, c)
			}
		}
	}
	if thinned == 0 {
		t.Errorf("no satisfiable formula took more than 2000 conflicts: the test no longer checks a model found after thinning")
	}
}

// TestConstraints checks that the constraints a solver hands out have
// exactly the models of the formula it was given, before a search and
// after one (with learnt clauses that must not be handed out, and facts
// found at the root that must).
func TestConstraints(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	facts := 0
	for i := range 500 {
		p := randomProblem(rng)
		s := p.solver()
		for round := range 2 {
			if round == 1 {
				s.Solve(Limits{})
			}
			clauses, cards := s.Constraints()
			q := &problem{n: p.n, clauses: clauses}
			for _, c := range cards {
				q.atMost = append(q.atMost, atMost{lits: c.Lits, k: c.K})
			}
			for _, c := range clauses {
				if len(c) == 1 {
					facts++
				}
			}
			if s.NumVars() != p.n {
				t.Fatalf("problem %d: %d variables, want %d", i, s.NumVars(), p.n)
			}
			for a := uint32(0); a < 1<<p.n; a++ {
				if p.holds(a) != q.holds(a) {
					t.Fatalf("problem %d, round %d: assignment %b satisfies the formula: %v, its constraints: %v", i, round, a, p.holds(a), q.holds(a))
				}
			}
		}
	}
	if facts == 0 {
		t.Errorf("no formula had a fact at the root: the test no longer checks that facts are handed out")
	}
}
