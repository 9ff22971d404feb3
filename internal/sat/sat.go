// Package sat is a small conflict-driven clause-learning (CDCL) satisfiability
// solver with native at-most-k constraints, for the exact parts of the
// meeting scheduler. It is deterministic: the same constraints, phases and
// limits give the same answer and the same model.
//
// The design follows MiniSat (Eén and Sörensson, "An Extensible SAT-solver",
// SAT 2003): two watched literals per clause, first-UIP learning with
// clause minimisation, VSIDS variable activities in a heap, phase saving,
// Luby restarts and periodic removal of learnt clauses by literal block
// distance (Audemard and Simon, "Predicting Learnt Clauses Quality in Modern
// SAT Solvers", IJCAI 2009). Decisions follow target phases, the values of
// the longest conflict-free assignment since the last model (Biere and
// Fleury, "Chasing Target Phases", POS 2020): on the break budgets of the
// scheduler they find schedules in a fifth to a quarter of the conflicts
// that saved phases alone need. At-most-k constraints count their true literals
// and explain their propagations lazily, as MiniCard does (Liffiton and
// Maglalang, "A Cardinality Solver", SAT 2012), so tables per slot and break
// budgets need no auxiliary variables.
package sat

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Lit is a literal: variable v is 2v (true) and 2v+1 (false).
type Lit int32

// Pos is the literal "v is true".
func Pos(v int) Lit { return Lit(2 * v) }

// Neg is the literal "v is false".
func Neg(v int) Lit { return Lit(2*v + 1) }

// Not is the negation of l.
func (l Lit) Not() Lit { return l ^ 1 }

// Var is the variable of l.
func (l Lit) Var() int { return int(l >> 1) }

func (l Lit) neg() bool { return l&1 == 1 }

// Status is the answer of Solve.
type Status int

const (
	Unknown Status = iota // a limit stopped the search
	Sat
	Unsat
)

func (s Status) String() string {
	return [...]string{"unknown", "sat", "unsat"}[s]
}

// value of a literal or variable.
const (
	unset   int8 = 0
	isTrue  int8 = 1
	isFalse int8 = -1
)

// A reason is a clause reference (≥ 0), a cardinality constraint −(c+1),
// or noReason for decisions and level-0 facts.
const noReason = int32(-1 << 30)

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

type card struct {
	lits []Lit
	k    int
	n    int // true literals counted by propagation
}

type watcher struct {
	c       int32
	blocker Lit  // a literal of the clause; for binary clauses, the other one
	binary  bool // the clause has two literals: the blocker decides it
}

// Solver holds the constraints and the search state.
type Solver struct {
	val      []int8 // per literal
	level    []int32
	reason   []int32
	tpos     []int32 // trail position of each assigned variable
	cardWhy  [][]Lit // for a variable set by an at-most constraint: its reason
	trail    []Lit
	trailLim []int
	qhead    int

	arena   []Lit       // the clauses (see clauseHeader)
	learnts []int32     // references of the learnt clauses
	watches [][]watcher // watches[l]: clauses watching l, visited when l becomes false
	cards   []card
	cardOcc [][]int32 // cardOcc[l]: at-most constraints containing l

	act    []float64
	varInc float64
	heap   varHeap
	phase  []bool // saved phase: true means the variable was last true
	// target holds the phases of the longest conflict-free assignment
	// since the last model (see the package comment), targetLen the
	// length to beat in this Solve call.
	target    []int8
	targetLen int
	seen      []bool

	// nextReduce is the conflict count at which the learnt clauses are
	// thinned next; it carries over from one Solve call to the next.
	nextReduce int64

	claInc  float32
	unsat   bool
	learntB []Lit
	reasonB []Lit
	stack   []Lit
	toClear []Lit

	// Conflicts counts the conflicts of every Solve so far.
	Conflicts int64
}

// New returns an empty solver.
func New() *Solver {
	s := &Solver{varInc: 1, claInc: 1, nextReduce: 2000}
	s.heap.act = &s.act
	return s
}

// NewVar adds a variable and returns its number.
func (s *Solver) NewVar() int {
	v := len(s.level)
	s.val = append(s.val, unset, unset)
	s.level = append(s.level, 0)
	s.reason = append(s.reason, noReason)
	s.tpos = append(s.tpos, 0)
	s.cardWhy = append(s.cardWhy, nil)
	s.watches = append(s.watches, nil, nil)
	s.cardOcc = append(s.cardOcc, nil, nil)
	s.act = append(s.act, 0)
	s.phase = append(s.phase, false)
	s.target = append(s.target, unset)
	s.seen = append(s.seen, false)
	s.heap.insert(v)
	return v
}

// Shuffle breaks the ties of the first decisions at random, after seed:
// solvers with different seeds search the same constraints in different
// orders, which a portfolio needs. Call it before the first Solve.
func (s *Solver) Shuffle(seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 0x5851f42d4c957f2d))
	for v := range s.act {
		s.act[v] += rng.Float64() * 1e-3
		s.heap.update(v)
	}
}

// SetPhase sets the value the search tries first for v (until conflicts
// teach it otherwise): a known good assignment guides the search to it.
func (s *Solver) SetPhase(v int, b bool) {
	s.phase[v] = b
	s.target[v] = unset
}

func (s *Solver) decisionLevel() int { return len(s.trailLim) }

func (s *Solver) enqueue(l Lit, from int32) {
	v := l.Var()
	s.val[l] = isTrue
	s.val[l^1] = isFalse
	s.level[v] = int32(s.decisionLevel())
	s.reason[v] = from
	s.tpos[v] = int32(len(s.trail))
	s.trail = append(s.trail, l)
}

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

// Value is v's value in the model found by the last successful Solve.
func (s *Solver) Value(v int) bool { return s.phase[v] }

// conflict: a clause index, a cardinality constraint −(c+1), or none.
const noConflict = int32(1 << 30)

// propagate runs unit propagation to a fixpoint and returns the conflict,
// if any.
func (s *Solver) propagate() int32 {
	for s.qhead < len(s.trail) {
		p := s.trail[s.qhead]
		s.qhead++
		confl := noConflict
		// Count p in every at-most constraint first, so that backtracking
		// can uncount exactly the processed literals.
		for _, ci := range s.cardOcc[p] {
			c := &s.cards[ci]
			c.n++
			if confl != noConflict {
				continue
			}
			if c.n > c.k {
				confl = -(ci + 1)
			} else if c.n == c.k {
				var why []Lit // the k counted literals, negated, shared by the batch
				for _, l := range c.lits {
					if s.val[l] != unset {
						continue
					}
					if why == nil {
						why = make([]Lit, 0, c.k)
						for _, q := range c.lits {
							if s.val[q] == isTrue && int(s.tpos[q.Var()]) < s.qhead {
								why = append(why, q.Not())
							}
						}
					}
					s.enqueue(l.Not(), -(ci + 1))
					s.cardWhy[l.Var()] = why
				}
			}
		}
		if confl != noConflict {
			return confl
		}
		// Clauses watching ¬p.
		fl := p.Not()
		ws := s.watches[fl]
		i, j := 0, 0
		for i < len(ws) {
			w := ws[i]
			i++
			if s.val[w.blocker] == isTrue {
				ws[j] = w
				j++
				continue
			}
			if w.binary {
				ws[j] = w
				j++
				if s.val[w.blocker] == isFalse {
					confl = w.c
					for i < len(ws) {
						ws[j] = ws[i]
						i++
						j++
					}
					break
				}
				s.enqueue(w.blocker, w.c)
				continue
			}
			ls := s.lits(w.c)
			if ls[0] == fl {
				ls[0], ls[1] = ls[1], ls[0]
			}
			first := ls[0]
			if first != w.blocker && s.val[first] == isTrue {
				ws[j] = watcher{w.c, first, false}
				j++
				continue
			}
			found := false
			for k := 2; k < len(ls); k++ {
				if s.val[ls[k]] != isFalse {
					ls[1], ls[k] = ls[k], ls[1]
					s.watches[ls[1]] = append(s.watches[ls[1]], watcher{w.c, first, false})
					found = true
					break
				}
			}
			if found {
				continue
			}
			ws[j] = watcher{w.c, first, false}
			j++
			if s.val[first] == isFalse {
				confl = w.c
				for i < len(ws) {
					ws[j] = ws[i]
					i++
					j++
				}
			} else {
				s.enqueue(first, w.c)
			}
		}
		s.watches[fl] = ws[:j]
		if confl != noConflict {
			return confl
		}
	}
	return noConflict
}

// explain appends to buf the literals, all false, that with the
// propagated literal p form the reason clause of p (p excluded).
func (s *Solver) explain(p Lit, buf []Lit) []Lit {
	r := s.reason[p.Var()]
	if r >= 0 {
		for _, l := range s.lits(r) {
			if l != p {
				buf = append(buf, l)
			}
		}
		return buf
	}
	return append(buf, s.cardWhy[p.Var()]...)
}

// conflictLits appends the literals, all false, of the conflict.
func (s *Solver) conflictLits(confl int32, buf []Lit) []Lit {
	if confl >= 0 {
		return append(buf, s.lits(confl)...)
	}
	c := &s.cards[-(confl + 1)]
	for _, l := range c.lits {
		if s.val[l] == isTrue && int(s.tpos[l.Var()]) < s.qhead {
			buf = append(buf, l.Not())
		}
	}
	return buf
}

// analyze derives the first-UIP learnt clause from a conflict and returns
// it (asserting literal first) with the level to backtrack to.
func (s *Solver) analyze(confl int32) ([]Lit, int) {
	learnt := append(s.learntB[:0], 0) // room for the asserting literal
	pathC := 0
	var p Lit = -1
	idx := len(s.trail) - 1
	lits := s.conflictLits(confl, s.reasonB[:0])
	for {
		if confl >= 0 && s.learnt(confl) {
			s.bumpClause(confl)
		}
		for _, q := range lits {
			if p >= 0 && q == p {
				continue
			}
			v := q.Var()
			if s.seen[v] || s.level[v] == 0 {
				continue
			}
			s.seen[v] = true
			s.bumpVar(v)
			if int(s.level[v]) >= s.decisionLevel() {
				pathC++
			} else {
				learnt = append(learnt, q)
			}
		}
		for !s.seen[s.trail[idx].Var()] {
			idx--
		}
		p = s.trail[idx]
		idx--
		s.seen[p.Var()] = false
		pathC--
		if pathC == 0 {
			break
		}
		confl = s.reason[p.Var()]
		lits = s.explain(p, s.reasonB[:0])
		s.reasonB = lits
	}
	learnt[0] = p.Not()
	s.reasonB = lits

	// Minimise: drop literals implied by the others (recursive check).
	s.toClear = append(s.toClear[:0], learnt...)
	j := 1
	for i := 1; i < len(learnt); i++ {
		if s.reason[learnt[i].Var()] == noReason || !s.redundant(learnt[i]) {
			learnt[j] = learnt[i]
			j++
		}
	}
	learnt = learnt[:j]
	for _, l := range s.toClear {
		s.seen[l.Var()] = false
	}

	bt := 0
	if len(learnt) > 1 {
		maxI := 1
		for i := 2; i < len(learnt); i++ {
			if s.level[learnt[i].Var()] > s.level[learnt[maxI].Var()] {
				maxI = i
			}
		}
		learnt[1], learnt[maxI] = learnt[maxI], learnt[1]
		bt = int(s.level[learnt[1].Var()])
	}
	s.learntB = learnt
	return learnt, bt
}

// redundant reports whether literal l of the learnt clause is implied by
// the clause's other literals (all marked seen), following reasons.
func (s *Solver) redundant(l Lit) bool {
	s.stack = append(s.stack[:0], l)
	top := len(s.toClear)
	for len(s.stack) > 0 {
		q := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		var buf [64]Lit
		for _, r := range s.explain(q.Not(), buf[:0]) {
			v := r.Var()
			if s.seen[v] || s.level[v] == 0 {
				continue
			}
			if s.reason[v] == noReason {
				for _, c := range s.toClear[top:] {
					s.seen[c.Var()] = false
				}
				s.toClear = s.toClear[:top]
				return false
			}
			s.seen[v] = true
			s.stack = append(s.stack, r)
			s.toClear = append(s.toClear, r)
		}
	}
	return true
}

func (s *Solver) bumpVar(v int) {
	s.act[v] += s.varInc
	if s.act[v] > 1e100 {
		for i := range s.act {
			s.act[i] *= 1e-100
		}
		s.varInc *= 1e-100
	}
	s.heap.update(v)
}

func (s *Solver) bumpClause(c int32) {
	a := s.clauseAct(c) + s.claInc
	s.setClauseAct(c, a)
	if a > 1e20 {
		for _, i := range s.learnts {
			s.setClauseAct(i, s.clauseAct(i)*1e-20)
		}
		s.claInc *= 1e-20
	}
}

// cancelUntil undoes every assignment above level lvl.
func (s *Solver) cancelUntil(lvl int) {
	if s.decisionLevel() <= lvl {
		return
	}
	lim := s.trailLim[lvl]
	for i := len(s.trail) - 1; i >= lim; i-- {
		l := s.trail[i]
		v := l.Var()
		if i < s.qhead {
			for _, ci := range s.cardOcc[l] {
				s.cards[ci].n--
			}
		}
		s.phase[v] = !l.neg()
		s.val[l], s.val[l^1] = unset, unset
		s.reason[v] = noReason
		s.heap.insert(v)
	}
	s.trail = s.trail[:lim]
	s.trailLim = s.trailLim[:lvl]
	s.qhead = min(s.qhead, lim)
}

func (s *Solver) lbd(lits []Lit) int32 {
	n := int32(0)
	var seen [256]bool
	var more map[int32]bool
	for _, l := range lits {
		lv := s.level[l.Var()]
		if lv < 256 {
			if !seen[lv] {
				seen[lv] = true
				n++
			}
			continue
		}
		if more == nil {
			more = map[int32]bool{}
		}
		if !more[lv] {
			more[lv] = true
			n++
		}
	}
	return n
}

// reduce removes about half of the learnt clauses, the least useful ones
// (highest literal block distance, then lowest activity), keeping those
// with a distance of two or less and those that are reasons now.
func (s *Solver) reduce() {
	slices.SortFunc(s.learnts, func(a, b int32) int {
		if la, lb := s.arena[a+1], s.arena[b+1]; la != lb {
			return int(lb - la)
		}
		switch aa, ab := s.clauseAct(a), s.clauseAct(b); {
		case aa < ab:
			return -1
		case aa > ab:
			return 1
		}
		return int(a - b)
	})
	half := len(s.learnts) / 2
	keep := s.learnts[:0]
	for i, ci := range s.learnts {
		locked := false
		for _, l := range s.lits(ci)[:2] {
			locked = locked || (s.reason[l.Var()] == ci && s.val[l] == isTrue)
		}
		if i < half && s.arena[ci+1] > 2 && !locked {
			s.arena[ci+1] = gone
			continue
		}
		keep = append(keep, ci)
	}
	s.learnts = keep
	// Move the clauses kept to a new arena; the second word of each old
	// header now forwards to the new place (or says gone).
	old := s.arena
	s.arena = make([]Lit, 0, len(old))
	for c := int32(0); c < int32(len(old)); {
		next := c + clauseHeader + int32(old[c]>>1)
		if old[c+1] != gone {
			nc := Lit(len(s.arena))
			s.arena = append(s.arena, old[c:next]...)
			old[c+1] = nc
		}
		c = next
	}
	for i, c := range s.learnts {
		s.learnts[i] = int32(old[c+1])
	}
	for v, r := range s.reason {
		if r >= 0 {
			s.reason[v] = int32(old[r+1])
		}
	}
	// Drop the watchers of deleted clauses, forward the others.
	for l := range s.watches {
		ws := s.watches[l][:0]
		for _, w := range s.watches[l] {
			if old[w.c+1] != gone {
				w.c = int32(old[w.c+1])
				ws = append(ws, w)
			}
		}
		s.watches[l] = ws
	}
}

// Limits bound one Solve call.
type Limits struct {
	// Conflicts caps the conflicts of this call; 0 means none.
	Conflicts int64
	// Stop, if not nil, is polled every hundred conflicts; the search ends
	// with Unknown when it returns true.
	Stop func() bool
	// Assume lists literals taken as true for this call only: Unsat then
	// means that no model has them all (what was learnt stays valid).
	Assume []Lit
}

// Solve searches for an assignment that satisfies every constraint. On
// Sat, Value gives the model.
func (s *Solver) Solve(lim Limits) Status {
	if !s.toRoot() {
		return Unsat
	}
	start := s.Conflicts
	s.targetLen = 0
	for restart := 1; ; restart++ {
		budget := int64(100 * luby(restart))
		st := s.search(budget, start, lim)
		if st != Unknown {
			return st
		}
		if (lim.Conflicts > 0 && s.Conflicts-start >= lim.Conflicts) || (lim.Stop != nil && lim.Stop()) {
			s.cancelUntil(0)
			return Unknown
		}
	}
}

// search runs CDCL until a model, a proof of unsatisfiability, or budget
// conflicts (then it returns Unknown for a restart).
func (s *Solver) search(budget, start int64, lim Limits) Status {
	conflicts := int64(0)
	for {
		confl := s.propagate()
		if confl != noConflict {
			s.Conflicts++
			conflicts++
			if s.decisionLevel() == 0 {
				s.unsat = true
				return Unsat
			}
			// Every level below the conflict's is free of conflicts.
			if n := s.trailLim[s.decisionLevel()-1]; n > s.targetLen {
				for _, l := range s.trail[:n] {
					if l.neg() {
						s.target[l.Var()] = isFalse
					} else {
						s.target[l.Var()] = isTrue
					}
				}
				s.targetLen = n
			}
			learnt, bt := s.analyze(confl)
			lbd := s.lbd(learnt)
			s.cancelUntil(bt)
			if len(learnt) == 1 {
				s.enqueue(learnt[0], noReason)
			} else {
				ci := s.attach(learnt, true, lbd)
				s.learnts = append(s.learnts, ci)
				s.bumpClause(ci)
				s.enqueue(learnt[0], ci)
			}
			s.varInc /= 0.95
			s.claInc /= 0.999
			if s.Conflicts%100 == 0 && lim.Stop != nil && lim.Stop() {
				s.cancelUntil(0)
				return Unknown
			}
			if lim.Conflicts > 0 && s.Conflicts-start >= lim.Conflicts {
				s.cancelUntil(0)
				return Unknown
			}
			continue
		}
		if conflicts >= budget {
			s.cancelUntil(0)
			return Unknown
		}
		if s.Conflicts >= s.nextReduce {
			s.nextReduce = s.Conflicts + 2000 + int64(len(s.learnts))
			s.reduce()
		}
		// Assumptions come first, one decision level each.
		if lvl := s.decisionLevel(); lvl < len(lim.Assume) {
			a := lim.Assume[lvl]
			switch s.val[a] {
			case isFalse:
				s.cancelUntil(0)
				return Unsat
			case isTrue:
				s.trailLim = append(s.trailLim, len(s.trail)) // an empty level
			default:
				s.trailLim = append(s.trailLim, len(s.trail))
				s.enqueue(a, noReason)
			}
			continue
		}
		v := s.pickBranch()
		if v < 0 {
			// Every variable is assigned: a model. Save it in the phases,
			// which the next call starts from.
			for _, l := range s.trail {
				s.phase[l.Var()] = !l.neg()
			}
			clear(s.target)
			s.cancelUntil(0)
			return Sat
		}
		s.trailLim = append(s.trailLim, len(s.trail))
		l := Neg(v)
		if t := s.target[v]; t == isTrue || (t == unset && s.phase[v]) {
			l = Pos(v)
		}
		s.enqueue(l, noReason)
	}
}

func (s *Solver) pickBranch() int {
	for s.heap.len() > 0 {
		v := s.heap.pop()
		if s.val[Pos(v)] == unset {
			return v
		}
	}
	return -1
}

// luby returns the i-th term (from 1) of the Luby sequence 1 1 2 1 1 2 4 …
func luby(i int) int {
	for k := 1; ; k++ {
		if i == (1<<k)-1 {
			return 1 << (k - 1)
		}
		if i >= 1<<(k-1) && i < (1<<k)-1 {
			return luby(i - (1 << (k - 1)) + 1)
		}
	}
}

// varHeap is a max-heap of variables by activity.
type varHeap struct {
	act  *[]float64
	heap []int
	idx  []int // position in heap, -1 if absent
}

func (h *varHeap) len() int { return len(h.heap) }

func (h *varHeap) less(a, b int) bool {
	act := *h.act
	if act[a] != act[b] {
		return act[a] > act[b]
	}
	return a < b
}

func (h *varHeap) insert(v int) {
	for len(h.idx) <= v {
		h.idx = append(h.idx, -1)
	}
	if h.idx[v] >= 0 {
		return
	}
	h.idx[v] = len(h.heap)
	h.heap = append(h.heap, v)
	h.up(h.idx[v])
}

func (h *varHeap) update(v int) {
	if v < len(h.idx) && h.idx[v] >= 0 {
		h.up(h.idx[v])
	}
}

func (h *varHeap) pop() int {
	v := h.heap[0]
	last := h.heap[len(h.heap)-1]
	h.heap = h.heap[:len(h.heap)-1]
	h.idx[v] = -1
	if len(h.heap) > 0 {
		h.heap[0] = last
		h.idx[last] = 0
		h.down(0)
	}
	return v
}

func (h *varHeap) up(i int) {
	v := h.heap[i]
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(v, h.heap[p]) {
			break
		}
		h.heap[i] = h.heap[p]
		h.idx[h.heap[i]] = i
		i = p
	}
	h.heap[i] = v
	h.idx[v] = i
}

func (h *varHeap) down(i int) {
	v := h.heap[i]
	n := len(h.heap)
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && h.less(h.heap[c+1], h.heap[c]) {
			c++
		}
		if !h.less(h.heap[c], v) {
			break
		}
		h.heap[i] = h.heap[c]
		h.idx[h.heap[i]] = i
		i = c
	}
	h.heap[i] = v
	h.idx[v] = i
}
