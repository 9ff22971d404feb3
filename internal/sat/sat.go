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
//
// The files follow the concerns: sat.go the literals and the solver's
// state, clauses.go the clause arena and the constraints a caller adds,
// propagate.go unit propagation and the trail, learn.go conflict analysis,
// activities and the thinning of learnt clauses, search.go decisions,
// restarts and Solve.
package sat

import "math/rand/v2"

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

// Value is v's value in the model found by the last successful Solve.
func (s *Solver) Value(v int) bool { return s.phase[v] }
