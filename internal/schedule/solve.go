package schedule

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dagang/dagang"
)

// Options tune Solve.
type Options struct {
	// TimeLimit caps the search; 0 means 10 seconds.
	TimeLimit time.Duration
	// Fairness bounds the break spread (largest minus smallest number of
	// breaks of participants with meetings); -1 means no bound.
	Fairness int
	// Seed makes the search reproducible.
	Seed uint64
	// Iterations caps the search effort. With a budget the result depends
	// only on the instance, the options and the seed, as long as the time
	// limit does not expire first; 0 means search until the time limit.
	Iterations int64
	// Progress, if not nil, is called from time to time during the search.
	Progress func(Progress)
}

// Progress reports the state of the search.
type Progress struct {
	Phase     string        // "weight" or "breaks"
	Elapsed   time.Duration // since Solve started
	Iteration int64
	Objective Objective // best so far
	Bound     Bounds
}

// Solve schedules inst: first the largest total weight (every meeting when
// inst.ScheduleAll), then the fewest breaks with the break spread at most
// opt.Fairness. The schedule carries the proven bounds.
//
// When inst.ScheduleAll holds but not every meeting can be placed, Solve
// returns the best partial schedule it found together with an ECONFLICT
// *dagang.Error that names the participants or meetings at fault.
func Solve(ctx context.Context, inst *Instance, opt Options) (*Schedule, error) {
	start := time.Now()
	if opt.TimeLimit <= 0 {
		opt.TimeLimit = 10 * time.Second
	}
	md := compile(inst)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	st := &stopper{ctx: ctx, deadline: start.Add(opt.TimeLimit), iterations: opt.Iterations}
	wb, picked := md.bMatching()
	bounds := Bounds{Weight: wb, Breaks: md.breaksBound()}
	total := 0
	for _, w := range md.w {
		total += w
	}
	if inst.ScheduleAll {
		bounds.Weight = min(bounds.Weight, total)
	}
	report := func(phase string, s *state) {
		if opt.Progress == nil {
			return
		}
		opt.Progress(Progress{Phase: phase, Elapsed: time.Since(start), Iteration: st.done,
			Objective: Objective{Scheduled: s.scheduled, Weight: s.weight, Breaks: s.breaks, BreakSpread: s.spread()},
			Bound:     bounds})
	}
	finish := func(slot []int, b Bounds) *Schedule {
		sc := md.build(slot)
		sc.Bound = &b
		sc.ElapsedMS = time.Since(start).Milliseconds()
		return sc
	}

	var whyNot *dagang.Error
	if inst.ScheduleAll {
		p, left := md.participantShortfall()
		switch {
		case p >= 0:
			whyNot = dagang.Errorf(dagang.ECONFLICT,
				"tidak semua pertemuan dapat dijadwalkan: peserta %s tidak punya cukup slot untuk pertemuan %s",
				"not every meeting can be scheduled: participant %s lacks slots for meetings %s",
				inst.Participants[p].ID, list(left))
		case bounds.Weight < total:
			whyNot = dagang.Errorf(dagang.ECONFLICT,
				"tidak semua pertemuan dapat dijadwalkan: paling banyak bobot %d dari %d",
				"not every meeting can be scheduled: at most weight %d of %d", bounds.Weight, total)
		default:
			slot := md.greedy(nil)
			for m, t := range slot {
				if t < 0 && len(md.dom[m]) > 0 {
					slot[m] = md.dom[m][rng.IntN(len(md.dom[m]))]
				}
			}
			s := newState(md, slot)
			an := newAnnealer(s, rng, opt.Fairness)
			best, lb, impossible := md.minimiseBreaks(ctx, an, bounds.Breaks, opt, st, func() { report("breaks", s) })
			if impossible {
				// Some meeting stays out, at least the lightest.
				bounds.Weight = min(bounds.Weight, total-slices.Min(md.w))
				whyNot = dagang.Errorf(dagang.ECONFLICT,
					"tidak semua pertemuan dapat dijadwalkan: terbukti tidak ada jadwal lengkap",
					"not every meeting can be scheduled: no complete schedule exists (proven)")
				break
			}
			if best != nil {
				bounds.Breaks = lb
				return finish(best, bounds), nil
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			whyNot = dagang.Errorf(dagang.ECONFLICT,
				"tidak ditemukan jadwal lengkap dalam batas pencarian (waktu %v, iterasi %d)",
				"no complete schedule found within the search limits (time %v, iterations %d)", opt.TimeLimit, opt.Iterations)
		}
		// Fall through to the best partial schedule; its breaks bound no
		// longer applies.
		bounds.Breaks = 0
	}

	// The weight gets 40% of the effort: first an attempt to place the
	// meetings of the bound's b-matching (which, placed, is optimal),
	// else a greedy start improved by large neighbourhood search.
	wst := &stopper{ctx: ctx, deadline: start.Add(opt.TimeLimit * 4 / 10), iterations: opt.Iterations * 4 / 10}
	if wst.iterations > 0 {
		wst.iterations = max(1, wst.iterations-st.done)
	}
	// Placing gets half of it, so that a set that cannot be placed leaves
	// the search its share.
	pst := &stopper{ctx: ctx, deadline: start.Add(opt.TimeLimit * 2 / 10)}
	if wst.iterations > 0 {
		pst.iterations = max(1, wst.iterations/2)
	}
	var s *state
	if slot := md.placeSet(picked, pst); slot != nil {
		if s = newState(md, slot); s.hard() != 0 {
			s = nil // cannot happen: the model is exact
		}
	}
	wst.done += pst.done
	if s == nil {
		s = newState(md, md.greedy(md.pickedFirst(picked)))
		s.improveWeight(st)
		s.ruinRecreate(wst, rng, bounds.Weight)
	}
	st.done += wst.done
	report("weight", s)
	placed := append([]int(nil), s.slot...)
	an := newAnnealer(s, rng, opt.Fairness)
	an.strict = an.best != nil // keep a feasible start feasible
	an.run(st, 0, 8, func() { report("breaks", s) })
	if an.best != nil {
		placed = an.best
	}
	sc := finish(placed, bounds)
	if whyNot != nil && len(sc.Unscheduled) == 0 && opt.Fairness >= 0 && sc.Objective.BreakSpread > opt.Fairness {
		// Complete, but not fair enough: say so rather than pass it off.
		return sc, dagang.Errorf(dagang.ECONFLICT,
			"semua pertemuan terjadwal, tetapi selisih jeda %d melebihi batas %d: tidak ditemukan jadwal lengkap dalam batas itu",
			"every meeting is scheduled, but the break spread %d exceeds the bound %d: no complete schedule within it was found",
			sc.Objective.BreakSpread, opt.Fairness)
	}
	if whyNot != nil && len(sc.Unscheduled) > 0 {
		whyNot.Message += "; belum terjadwal: " + list(sc.Unscheduled)
		whyNot.MessageEN += "; unscheduled: " + list(sc.Unscheduled)
		return sc, whyNot
	}
	return sc, nil
}

// annealShare is the percentage of an iteration budget that annealing
// gets before the exact model takes over.
const annealShare = 30

// exactShare is the percentage that the exact model gets after it; the
// window search has the rest.
const exactShare = 35

// minimiseBreaks lowers the breaks of a complete schedule from an's state:
// annealing finds good schedules fast; the exact model (exact) closes the
// gap to the optimum at small break budgets, proves lower bounds, and finds
// complete schedules where annealing does not; the window search
// (windowSearch) then improves the best schedule so far by re-solving a
// few participants' days at a time. With an iteration budget they run one
// after the other on one goroutine, so the result depends only on the
// inputs; with a time limit only, they run on two goroutines. Either way
// the searches meet in a pool (each starts from the best schedule known)
// that stops them once the optimum is proven. It returns the best schedule
// (nil if none), the proven lower bound on breaks, and whether no complete
// schedule exists.
func (md *model) minimiseBreaks(ctx context.Context, an *annealer, lb int, opt Options, st *stopper, report func()) ([]int, int, bool) {
	rng := rand.New(rand.NewPCG(opt.Seed, 0x2545f4914f6cdd1d))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pl := newPool(lb, cancel)
	an.onRecord = pl.offer
	if opt.Iterations > 0 {
		ast := &stopper{ctx: ctx, deadline: st.deadline, iterations: opt.Iterations * annealShare / 100}
		an.run(ast, lb, 0, report)
		est := &stopper{ctx: ctx, deadline: st.deadline, iterations: opt.Iterations * exactShare / 100}
		md.exact(lb, opt.Fairness, opt.Seed, est, pl)
		st.done += ast.done + est.done
		md.windowSearch(pl, opt.Fairness, st, rng)
		return pl.result()
	}

	var wg sync.WaitGroup
	wg.Go(func() {
		// The exact model keeps the time while it proves bounds; one that
		// has proved none in the first quarter (its budgets then sit below
		// an optimum it cannot reach; where it can, the first proofs come
		// within a fraction of a second) gives the rest to a window search.
		quarter := time.Now().Add(time.Until(st.deadline) / 4)
		est := &stopper{ctx: ctx, deadline: st.deadline, quit: func() bool {
			return time.Now().After(quarter) && !pl.proved()
		}}
		md.exact(lb, opt.Fairness, opt.Seed, est, pl)
		md.windowSearch(pl, opt.Fairness, &stopper{ctx: ctx, deadline: st.deadline}, rng)
	})
	// Annealing until a cycle brings nothing new once a complete schedule
	// is known; then a window search, and, once the exact model has proved
	// a bound and nobody has improved the best schedule for a while, a
	// second exact search in another order.
	ast := &stopper{ctx: ctx, deadline: st.deadline}
	for !ast.stopped {
		an.run(ast, lb, 1, report)
		if b, _ := pl.current(); b != nil {
			break
		}
	}
	wstart := time.Now()
	wst := &stopper{ctx: ctx, deadline: st.deadline, quit: func() bool {
		return pl.proved() && min(pl.idle(), time.Since(wstart)) > exactPatience
	}}
	md.windowSearch(pl, opt.Fairness, wst, rand.New(rand.NewPCG(opt.Seed, 0x5851f42d4c957f2d)))
	if !ast.tick(0) {
		md.exact(lb, opt.Fairness, opt.Seed+1, ast, pl)
	}
	cancel()
	wg.Wait()
	return pl.result()
}

// exactPatience is how long the best schedule may stay the same before
// the annealing side, its window search stalled, joins the exact model.
const exactPatience = 1500 * time.Millisecond

// pool is where the concurrent searches of minimiseBreaks meet: the best
// complete schedule so far, the proven lower bound on breaks, and whether
// no complete schedule exists.
type pool struct {
	mu       sync.Mutex
	best     []int
	breaks   int // of best; math.MaxInt while there is none
	lb, lb0  int // the proven lower bound, and the one the search began with
	none     bool
	improved time.Time // when best last improved
	stop     func()    // ends every search: the optimum is proven, or none exists
}

func newPool(lb int, stop func()) *pool {
	return &pool{breaks: math.MaxInt, lb: lb, lb0: lb, improved: time.Now(), stop: stop}
}

// offer records slot, a complete schedule with breaks breaks, if it is the
// best so far.
func (p *pool) offer(slot []int, breaks int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if breaks < p.breaks {
		p.best, p.breaks, p.improved = slices.Clone(slot), breaks, time.Now()
	}
	p.check()
}

// raise records a proof that no complete schedule has fewer than lb breaks.
func (p *pool) raise(lb int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lb = max(p.lb, lb)
	p.check()
}

// impossible records a proof that no complete schedule exists.
func (p *pool) impossible() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.none = true
	p.check()
}

// check stops every search once the pool is settled.
func (p *pool) check() {
	if p.over() {
		p.stop()
	}
}

// over says, with p.mu held, whether the search is over: the best schedule
// meets the lower bound, or no complete schedule exists.
func (p *pool) over() bool { return p.none || p.breaks <= p.lb }

// settled says whether the search is over (see over).
func (p *pool) settled() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.over()
}

// current returns the best schedule (nil if none) and its breaks.
func (p *pool) current() ([]int, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.best, p.breaks
}

// proved says whether the exact model has raised the lower bound.
func (p *pool) proved() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lb > p.lb0
}

// idle is the time since the best schedule last improved.
func (p *pool) idle() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return time.Since(p.improved)
}

// result returns what minimiseBreaks returns.
func (p *pool) result() ([]int, int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.none {
		return nil, p.lb0, true
	}
	return p.best, p.lb, false
}

// list formats meeting numbers, at most twenty of them.
func list(ms []int) string {
	var b strings.Builder
	for i, m := range ms {
		if i == 20 {
			fmt.Fprintf(&b, " … (%d more)", len(ms)-20)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprint(&b, m)
	}
	return b.String()
}
