package schedule

import (
	"math"
	"slices"
	"sync"
)

// pool is where the searches of minimiseBreaks meet: the best complete
// schedule so far, the proven lower bound on breaks, and whether no
// complete schedule exists. Each search runs as a worker on its own
// goroutine and sees the others' findings only at meeting points: after
// every meetEffort units of its own effort (annealing iterations; a
// conflict of the exact model counts for exactTick) it waits at a barrier
// until every worker still searching has arrived there or left, and the
// pool then merges what each found since the last meeting point, in
// worker order. What a worker sees therefore depends on the effort spent
// and never on the timing between goroutines: for a given instance, seed
// and set of workers the result is the same on one core or on many, as
// long as the time limit does not cut the search short.
type pool struct {
	mu     sync.Mutex
	cond   *sync.Cond
	pub    facts   // as of the last meeting point
	own    []facts // each worker's findings since then
	lb0    int     // the lower bound the search began with
	active int     // workers still searching
	waits  int     // workers waiting at the barrier
	round  int     // meeting points so far
	better int     // the meeting point at which pub.best last improved
	stop   func()  // ends every search: the optimum is proven, or none exists
}

// facts is what the searches know: the best schedule and its breaks
// (math.MaxInt while there is none), the proven lower bound, and whether
// no complete schedule exists.
type facts struct {
	best   []int
	breaks int
	lb     int
	none   bool
}

// fold adds g to f, g's schedule winning only when strictly better.
func (f *facts) fold(g facts) bool {
	f.lb = max(f.lb, g.lb)
	f.none = f.none || g.none
	if g.breaks < f.breaks {
		f.best, f.breaks = g.best, g.breaks
		return true
	}
	return false
}

// over says whether the search is over: the best schedule meets the lower
// bound, or no complete schedule exists.
func (f facts) over() bool { return f.none || f.breaks <= f.lb }

// meetEffort is the effort each worker spends between meeting points.
const meetEffort = 200_000

func newPool(lb, workers int, stop func()) *pool {
	p := &pool{lb0: lb, active: workers, stop: stop, own: make([]facts, workers)}
	p.cond = sync.NewCond(&p.mu)
	p.pub = facts{breaks: math.MaxInt, lb: lb}
	for i := range p.own {
		p.own[i] = facts{breaks: math.MaxInt, lb: lb}
	}
	return p
}

// seat is one worker's place at the pool.
type seat struct {
	pl     *pool
	id     int
	effort int64 // spent so far
	next   int64 // effort at which the worker meets the others next
	gone   bool
}

// seat returns worker id's place.
func (p *pool) seat(id int) *seat { return &seat{pl: p, id: id, next: meetEffort} }

// spend counts n units of effort and, when a meeting point is due, waits
// there for the others.
func (w *seat) spend(n int64) {
	w.effort += n
	if w.effort < w.next || w.gone {
		return
	}
	for w.next <= w.effort {
		w.next += meetEffort
	}
	p := w.pl
	p.mu.Lock()
	defer p.mu.Unlock()
	p.waits++
	if p.waits == p.active {
		p.merge()
		return
	}
	for r := p.round; p.round == r; {
		p.cond.Wait()
	}
}

// leave ends the worker's part: what it found is merged at the next
// meeting point, which no longer waits for it.
func (w *seat) leave() {
	if w.gone {
		return
	}
	w.gone = true
	p := w.pl
	p.mu.Lock()
	defer p.mu.Unlock()
	p.active--
	if p.waits == p.active {
		p.merge()
	}
}

// merge, with p.mu held, folds every worker's findings into pub in worker
// order and releases the barrier.
func (p *pool) merge() {
	for i := range p.own {
		if p.pub.fold(p.own[i]) {
			p.better = p.round + 1
		}
		p.own[i] = facts{breaks: math.MaxInt, lb: p.pub.lb}
	}
	p.waits = 0
	p.round++
	p.cond.Broadcast()
	if p.pub.over() {
		p.stop()
	}
}

// view returns what worker w knows: the last meeting point's facts and
// its own since.
func (w *seat) view() facts {
	p := w.pl
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.pub
	f.fold(p.own[w.id])
	return f
}

// offer records slot, a complete schedule with breaks breaks, if it is the
// best the worker knows.
func (w *seat) offer(slot []int, breaks int) {
	if f := w.view(); breaks >= f.breaks {
		return
	}
	p := w.pl
	p.mu.Lock()
	defer p.mu.Unlock()
	p.own[w.id].best, p.own[w.id].breaks = slices.Clone(slot), breaks
}

// raise records a proof that no complete schedule has fewer than lb breaks.
func (w *seat) raise(lb int) {
	p := w.pl
	p.mu.Lock()
	defer p.mu.Unlock()
	p.own[w.id].lb = max(p.own[w.id].lb, lb)
}

// impossible records a proof that no complete schedule exists.
func (w *seat) impossible() {
	p := w.pl
	p.mu.Lock()
	defer p.mu.Unlock()
	p.own[w.id].none = true
}

// current returns the best schedule the worker knows (nil if none) and
// its breaks.
func (w *seat) current() ([]int, int) { f := w.view(); return f.best, f.breaks }

// settled says whether the search is over as far as the worker knows.
func (w *seat) settled() bool { return w.view().over() }

// proved says whether the lower bound the worker knows is above the one
// the search began with.
func (w *seat) proved() bool { return w.view().lb > w.pl.lb0 }

// idle is the number of meeting points since the best schedule last
// improved.
func (w *seat) idle() int {
	p := w.pl
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.round - p.better
}

// result returns what minimiseBreaks returns, once every worker has left.
func (p *pool) result() ([]int, int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pub.none {
		return nil, p.lb0, true
	}
	return p.pub.best, p.pub.lb, false
}
