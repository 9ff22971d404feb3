package schedule

import (
	"fmt"

	"github.com/dagang/dagang/internal/sat"
)

// Formula is the exact model of a schedule_all instance (the one exact
// searches, see breakSAT) without a break budget, for handing to another
// solver: its constraints are those of Solver (sat.Solver.Constraints), and
// the fewest true literals of Breaks over all models is the fewest breaks.
// cmd/dagang-bench/satpeer compares internal/sat with gophersat on it.
type Formula struct {
	Solver *sat.Solver
	// Breaks counts each participant's breaks in unary: the number of
	// true ones is at least the schedule's breaks, and equal at the optimum.
	Breaks []sat.Lit
	// Ends counts the same breaks from their ends (exact adds a break
	// budget to both, which propagates in both directions).
	Ends []sat.Lit
	b    *breakSAT
}

// NewFormula builds the exact model of in with the fairness bound (-1:
// none), a slot's seats counted as seats says.
func NewFormula(in *Instance, fairness int, seats Seating) *Formula {
	b := newBreakSAT(compile(in), fairness, seats)
	return &Formula{Solver: b.s, Breaks: b.breaks, Ends: b.ends, b: b}
}

// Schedule reads the schedule of a model, given as the value of each
// variable, with its objective computed.
func (f *Formula) Schedule(value func(v int) bool) *Schedule {
	return f.b.md.build(slotsOf(value, f.b.md, f.b.x))
}

// Hold returns assumptions that hold the busy slots of the participants who
// (indices into the instance's participants) as they are in sc: busy where
// sc gives them a meeting, free elsewhere; assignments to meetings or slots
// the instance does not have are passed over. Meetings the model orders for
// symmetry (twins: the only meeting of one participant, with the same
// partner, slots and weight) are first given sc's slots in that order, so
// that the assumptions describe the model's copy of sc rather than rule it
// out. satpeer -hold measures with them how far a schedule is from others.
func (f *Formula) Hold(sc *Schedule, who []int) []sat.Lit {
	md := f.b.md
	slot := make([]int, md.nm)
	for m := range slot {
		slot[m] = -1
	}
	for _, a := range sc.Assignments {
		if a.Meeting >= 0 && a.Meeting < md.nm && a.Slot >= 0 && a.Slot < md.T {
			slot[a.Meeting] = a.Slot
		}
	}
	md.sortTwins(slot)
	busy := make([]bool, md.np*md.T)
	for m, t := range slot {
		if t >= 0 {
			busy[md.ma[m]*md.T+t] = true
			busy[md.mb[m]*md.T+t] = true
		}
	}
	var as []sat.Lit
	for _, p := range who {
		for t, v := range f.b.u[p] {
			switch {
			case v < 0:
			case busy[p*md.T+t]:
				as = append(as, sat.Pos(v))
			default:
				as = append(as, sat.Neg(v))
			}
		}
	}
	return as
}

// Seating is how the exact model counts the seats of a slot.
type Seating int

const (
	// SeatsNative: at most `tables` meetings and at most 2·tables busy
	// participants per slot, as native at-most-k constraints.
	SeatsNative Seating = iota
	// SeatsCounted: at most `tables` meetings per slot as a sequential
	// counter (natively where the counters would need more than
	// maxTableCounters variables), busy participants per slot not
	// counted.
	SeatsCounted
	// SeatsBusyCounted: tables natively, busy participants per slot as
	// a sequential counter (an earlier model of the proofs, kept for
	// comparing solvers).
	SeatsBusyCounted
)

// String is the seating's name, as satpeer -seats takes it.
func (s Seating) String() string {
	switch s {
	case SeatsNative:
		return "native"
	case SeatsCounted:
		return "counted"
	case SeatsBusyCounted:
		return "busy-counted"
	}
	return fmt.Sprintf("Seating(%d)", int(s))
}
