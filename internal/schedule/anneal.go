package schedule

import (
	"context"
	"math"
	"math/rand/v2"
	"time"
)

// annealer minimises breaks over a fixed set of scheduled meetings by
// simulated annealing. Hard violations (clashes, table overflow, broken
// precedences, a break spread above the fairness bound) are allowed during
// the search at a price of lambda each; only states without them are kept
// as results.
type annealer struct {
	s       *state
	rng     *rand.Rand
	fair    int  // fairness bound d, -1 for none
	strict  bool // never accept a state with hard violations
	lambda  int
	movable []int
	mark    []int
	stamp   int
	chain   []int
	tmp     []int

	cbuf      []int // compact move: meetings moved
	undoSlots []int // compact move: their former slots

	best       []int // best feasible assignment, nil if none yet
	bestBreaks int
	bestSpread int
	onRecord   func(best []int, breaks int) // if not nil, told of every new best
}

func newAnnealer(s *state, rng *rand.Rand, fair int) *annealer {
	an := &annealer{s: s, rng: rng, fair: fair, lambda: 4 * breakCost, mark: make([]int, s.md.nm), bestBreaks: math.MaxInt}
	for m, t := range s.slot {
		if t >= 0 && len(s.md.dom[m]) > 1 {
			an.movable = append(an.movable, m)
		}
	}
	an.record()
	return an
}

// excess is how far the break spread is above the fairness bound.
func (an *annealer) excess() int {
	if an.fair < 0 {
		return 0
	}
	return max(0, an.s.spread()-an.fair)
}

// cost weighs hard violations, breaks and, to guide the search towards
// compact days, idle slots inside participants' days.
func (an *annealer) cost() int {
	return an.lambda*(an.s.hard()+an.excess()) + breakCost*an.s.breaks + an.s.holes
}

// Annealing cycles: iterations per movable meeting with an iteration
// budget, time slice without.
const (
	cycleFactor = 20000
	cycleSlice  = 2500 * time.Millisecond
)

// compactOdds: one iteration in compactOdds tries a compact move.
const compactOdds = 200

// breakCost is the price of one break relative to one idle slot.
const breakCost = 3

// record keeps the current state if it is feasible and better.
func (an *annealer) record() bool {
	s := an.s
	if s.hard() != 0 || an.excess() != 0 || s.breaks >= an.bestBreaks {
		return false
	}
	an.best = append(an.best[:0], s.slot...)
	an.bestBreaks = s.breaks
	an.bestSpread = s.spread()
	if an.onRecord != nil {
		an.onRecord(an.best, s.breaks)
	}
	return true
}

// stop says when to end the search.
type stopper struct {
	ctx        context.Context
	now        func() time.Time // the clock of deadline; nil: the wall clock
	deadline   time.Time
	iterations int64 // 0: no budget
	done       int64
	stopped    bool
	quit       func() bool // if not nil, stops the search when it returns true
	seat       *seat       // if not nil, the worker whose effort this counts
}

// clock reads the clock of the deadline.
func (st *stopper) clock() time.Time {
	if st.now == nil {
		return time.Now()
	}
	return st.now()
}

func (st *stopper) tick(n int64) bool {
	st.done += n
	if st.seat != nil {
		st.seat.spend(n)
	}
	if st.stopped {
		return true
	}
	if st.iterations > 0 && st.done >= st.iterations {
		st.stopped = true
	}
	if st.ctx.Err() != nil || (!st.deadline.IsZero() && st.clock().After(st.deadline)) || (st.quit != nil && st.quit()) {
		st.stopped = true
	}
	return st.stopped
}

// run anneals until the stopper fires, the best state reaches lb, or
// maxIdle cycles pass without improvement. report is called after every
// cycle.
func (an *annealer) run(st *stopper, lb, maxIdle int, report func()) {
	s, md := an.s, an.s.md
	if len(an.movable) == 0 {
		return
	}
	cycle := int64(max(20000, cycleFactor*len(an.movable)))
	const t0, t1 = 2.0, 0.1
	idle := 0
	for !st.stopped && !(an.best != nil && an.bestBreaks <= lb) {
		improved := false
		cur := an.cost()
		temp := t0
		if st.iterations > 0 {
			cycle = min(cycle, max(20000, st.iterations-st.done))
		}
		// Without an iteration budget, and outside minimiseBreaks (whose
		// workers count effort), a cycle cools over a time slice:
		// the rest of the time, or 2.5 s when much more remains.
		var slice time.Duration
		cycleStart := st.clock()
		if st.iterations == 0 && st.seat == nil && !st.deadline.IsZero() {
			slice = st.deadline.Sub(st.clock())
			if slice > 2*cycleSlice {
				slice = cycleSlice
			}
		}
		for it := int64(0); it < cycle || slice > 0; it++ {
			if it&1023 == 0 {
				if st.tick(1024) {
					break
				}
				frac := float64(it) / float64(cycle)
				if slice > 0 {
					frac = float64(st.clock().Sub(cycleStart)) / float64(slice)
				}
				if frac >= 1 {
					break
				}
				temp = t0 * math.Pow(t1/t0, frac)
			}
			if an.rng.IntN(compactOdds) == 0 {
				p := an.rng.IntN(md.np)
				if s.runs[p] > 1 && an.compact(p) {
					next := an.cost()
					if an.accept(next-cur, temp) {
						cur = next
						if an.record() {
							improved = true
						}
					} else {
						an.undoCompact()
					}
				}
				continue
			}
			m := an.pick()
			from := s.slot[m]
			to := an.target(m)
			if to < 0 || to == from {
				continue
			}
			if an.rng.IntN(100) < 45 {
				an.stamp++
				chain := s.kempe(m, from, to, 40, an.mark, an.stamp, an.chain)
				if chain == nil {
					continue
				}
				an.chain = chain
				an.tmp = s.swapChain(chain, from, to, an.tmp)
				next := an.cost()
				if an.accept(next-cur, temp) {
					cur = next
					if an.record() {
						improved = true
					}
				} else {
					an.tmp = s.swapChain(chain, from, to, an.tmp)
				}
				continue
			}
			s.move(m, to)
			next := an.cost()
			if an.accept(next-cur, temp) {
				cur = next
				if an.record() {
					improved = true
				}
			} else {
				s.move(m, from)
			}
			if an.best != nil && an.bestBreaks <= lb {
				break
			}
		}
		if report != nil {
			report()
		}
		if improved {
			idle = 0
		} else {
			idle++
			if maxIdle > 0 && idle >= maxIdle {
				return
			}
		}
		if an.best == nil {
			an.lambda += 2 * breakCost // still infeasible: make violations dearer
		} else if !improved {
			an.restore() // restart the next cycle from the best state
		}
	}
}

func (an *annealer) accept(delta int, temp float64) bool {
	if an.strict && an.s.hard()+an.excess() > 0 {
		return false
	}
	if delta <= 0 {
		return true
	}
	return an.rng.Float64() < math.Exp(-float64(delta)/temp)
}

// target picks a slot for meeting m: half the time next to another
// meeting of one of its participants, else anywhere in its domain.
func (an *annealer) target(m int) int {
	s, md := an.s, an.s.md
	d := md.dom[m]
	if an.rng.IntN(2) == 0 {
		p := md.ma[m]
		if an.rng.IntN(2) == 0 {
			p = md.mb[m]
		}
		ms := md.pm[p]
		y := ms[an.rng.IntN(len(ms))]
		if y != m && s.slot[y] >= 0 {
			t := s.slot[y] + 1 - 2*an.rng.IntN(2)
			if t >= 0 && t < md.T && md.canSlot[m*md.T+t] {
				return t
			}
		}
	}
	return d[an.rng.IntN(len(d))]
}

// restore puts the best state back.
func (an *annealer) restore() {
	s := an.s
	for m, t := range an.best {
		if s.slot[m] != t && s.slot[m] >= 0 {
			s.remove(m)
		}
	}
	for m, t := range an.best {
		if s.slot[m] != t && t >= 0 {
			s.add(m, t)
		}
	}
}

// pick chooses a meeting to move, preferring (by rejection sampling) one
// of a participant whose day has a break.
func (an *annealer) pick() int {
	s := an.s
	m := an.movable[an.rng.IntN(len(an.movable))]
	for k := 0; k < 3; k++ {
		if s.runs[s.md.ma[m]] > 1 || s.runs[s.md.mb[m]] > 1 {
			return m
		}
		m = an.movable[an.rng.IntN(len(an.movable))]
	}
	return m
}
