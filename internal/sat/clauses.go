package sat

import (
	"math"
	"slices"
)

// Clauses live in one arena, so that propagation finds a clause's
// literals in the cache line it reads first. A clause reference is the
// offset of its header: arena[c] holds the size and the learnt flag
// (size<<1 | learnt), arena[c+1] the literal block distance of a learnt
// clause, arena[c+2] its activity (float32 bits); the literals follow.
const clauseHeader = 3

// lits returns the literals of clause c, a slice into the arena.
func (s *Solver) lits(c int32) []Lit {
	from := c + clauseHeader
	to := from + int32(s.arena[c]>>1)
	return s.arena[from:to:to]
}

// gone marks a deleted clause in its header's second word.
const gone = Lit(-1)

func (s *Solver) learnt(c int32) bool { return s.arena[c]&1 == 1 }

func (s *Solver) clauseAct(c int32) float32 { return math.Float32frombits(uint32(s.arena[c+2])) }

func (s *Solver) setClauseAct(c int32, a float32) { s.arena[c+2] = Lit(math.Float32bits(a)) }

// AddClause adds the clause (l₁ ∨ l₂ ∨ …). It must be called before Solve
// or between calls. It returns false when the constraints are now known to
// be unsatisfiable.
func (s *Solver) AddClause(lits ...Lit) bool {
	if !s.toRoot() {
		return false
	}
	ls := slices.Clone(lits)
	slices.Sort(ls)
	j := 0
	for i, l := range ls {
		switch {
		case s.val[l] == isTrue || (i > 0 && l == ls[i-1].Not()):
			return true // satisfied or tautology
		case s.val[l] == isFalse || (i > 0 && l == ls[i-1]):
			continue
		}
		ls[j] = l
		j++
	}
	ls = ls[:j]
	switch len(ls) {
	case 0:
		s.unsat = true
		return false
	case 1:
		s.enqueue(ls[0], noReason)
		if s.propagate() != noConflict {
			s.unsat = true
		}
		return !s.unsat
	}
	s.attach(ls, false, 0)
	return true
}

// toRoot backtracks to level 0 and propagates what is pending there; it
// returns false when the constraints are unsatisfiable.
func (s *Solver) toRoot() bool {
	if s.unsat {
		return false
	}
	s.cancelUntil(0)
	if s.propagate() != noConflict {
		s.unsat = true
	}
	return !s.unsat
}

// attach copies lits (two or more) into the arena as a clause, watches
// its first two literals and returns its reference.
func (s *Solver) attach(lits []Lit, learnt bool, lbd int32) int32 {
	c := int32(len(s.arena))
	h := Lit(len(lits) << 1)
	if learnt {
		h |= 1
	}
	s.arena = append(s.arena, h, Lit(lbd), 0)
	s.arena = append(s.arena, lits...)
	bin := len(lits) == 2
	s.watches[lits[0]] = append(s.watches[lits[0]], watcher{c, lits[1], bin})
	s.watches[lits[1]] = append(s.watches[lits[1]], watcher{c, lits[0], bin})
	return c
}

// AddAtMost adds "at most k of lits are true". The literals must be of
// distinct variables.
func (s *Solver) AddAtMost(lits []Lit, k int) bool {
	if !s.toRoot() {
		return false
	}
	if k < 0 {
		s.unsat = true
		return false
	}
	if k >= len(lits) {
		return true
	}
	if k == 0 {
		for _, l := range lits {
			if !s.AddClause(l.Not()) {
				return false
			}
		}
		return true
	}
	c := card{lits: slices.Clone(lits), k: k}
	for _, l := range c.lits {
		if s.val[l] == isTrue {
			c.n++
		}
	}
	ci := int32(len(s.cards))
	s.cards = append(s.cards, c)
	for _, l := range c.lits {
		s.cardOcc[l] = append(s.cardOcc[l], ci)
	}
	switch {
	case c.n > k:
		s.unsat = true
	case c.n == k:
		for _, l := range c.lits {
			if s.val[l] == unset {
				s.enqueue(l.Not(), -(ci + 1))
			}
		}
		if s.propagate() != noConflict {
			s.unsat = true
		}
	}
	return !s.unsat
}

// AddAtLeast adds "at least k of lits are true".
func (s *Solver) AddAtLeast(lits []Lit, k int) bool {
	neg := make([]Lit, len(lits))
	for i, l := range lits {
		neg[i] = l.Not()
	}
	return s.AddAtMost(neg, len(lits)-k)
}

// AtMost is the constraint "at most K of Lits are true".
type AtMost struct {
	Lits []Lit
	K    int
}

// Constraints returns the constraints the solver was given, as it holds
// them at the root: the facts known there as one-literal clauses, the
// clauses of two or more literals without their learnt ones, and the
// at-most-k constraints. Every model of the solver satisfies them and every
// assignment that satisfies them is a model, so another solver can be given
// the same problem (the figures in docs/scheduling.md compare two this way).
func (s *Solver) Constraints() (clauses [][]Lit, atMost []AtMost) {
	if s.unsat {
		return [][]Lit{{}}, nil
	}
	if !s.toRoot() {
		return [][]Lit{{}}, nil
	}
	for _, l := range s.trail {
		clauses = append(clauses, []Lit{l})
	}
	for c := int32(0); c < int32(len(s.arena)); c += clauseHeader + int32(s.arena[c]>>1) {
		if !s.learnt(c) {
			clauses = append(clauses, slices.Clone(s.lits(c)))
		}
	}
	for _, c := range s.cards {
		atMost = append(atMost, AtMost{Lits: slices.Clone(c.lits), K: c.k})
	}
	return clauses, atMost
}

// NumVars is the number of variables.
func (s *Solver) NumVars() int { return len(s.level) }
