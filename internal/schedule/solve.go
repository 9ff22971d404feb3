package schedule

import (
	"context"
	"fmt"
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
	// Clock, if not nil, is what TimeLimit, Progress.Elapsed and the
	// schedule's elapsed_ms measure instead of the wall clock: a reading
	// that only grows, such as the process's CPU time, so that on a
	// machine shared with other jobs a limit gives the search what an idle
	// machine would.
	Clock func() time.Duration
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
	now := time.Now
	if opt.Clock != nil {
		base, c0 := time.Now(), opt.Clock()
		now = func() time.Time { return base.Add(opt.Clock() - c0) }
	}
	start := now()
	if opt.TimeLimit <= 0 {
		opt.TimeLimit = 10 * time.Second
	}
	md := compile(inst)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	st := &stopper{ctx: ctx, now: now, deadline: start.Add(opt.TimeLimit), iterations: opt.Iterations}
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
		opt.Progress(Progress{Phase: phase, Elapsed: now().Sub(start), Iteration: st.done,
			Objective: Objective{Scheduled: s.scheduled, Weight: s.weight, Breaks: s.breaks, BreakSpread: s.spread()},
			Bound:     bounds})
	}
	finish := func(slot []int, b Bounds) *Schedule {
		sc := md.build(slot)
		sc.Bound = &b
		sc.ElapsedMS = now().Sub(start).Milliseconds()
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
	wst := &stopper{ctx: ctx, now: now, deadline: start.Add(opt.TimeLimit * 4 / 10), iterations: opt.Iterations * 4 / 10}
	if wst.iterations > 0 {
		wst.iterations = max(1, wst.iterations-st.done)
	}
	// Placing gets half of it, so that a set that cannot be placed leaves
	// the search its share.
	pst := &stopper{ctx: ctx, now: now, deadline: start.Add(opt.TimeLimit * 2 / 10)}
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

// minimiseBreaks lowers the breaks of a complete schedule from an's state
// with two workers that meet in a pool (see pool): the first runs the
// exact model (exact), which closes the gap to the optimum at small break
// budgets, proves lower bounds and finds complete schedules where
// annealing does not, then a window search; the second anneals until a
// complete schedule is known and a cycle brings nothing new, then runs a
// window search (windowSearch: a few participants' days re-solved at a
// time), and once a bound is proved and the best schedule has not improved
// for exactPatience meeting points, a second exact search in another
// order. With an iteration budget each worker gets half of it. The pool
// stops both once the optimum is proven. It returns the best schedule (nil
// if none), the proven lower bound on breaks, and whether no complete
// schedule exists.
func (md *model) minimiseBreaks(ctx context.Context, an *annealer, lb int, opt Options, st *stopper, report func()) ([]int, int, bool) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pl := newPool(lb, 2, cancel)
	stopper := func(w *seat) *stopper {
		return &stopper{ctx: ctx, now: st.now, deadline: st.deadline, iterations: opt.Iterations / 2, seat: w}
	}
	exactSeat, annealSeat := pl.seat(0), pl.seat(1)
	est, ast := stopper(exactSeat), stopper(annealSeat)
	an.onRecord = annealSeat.offer
	var wg sync.WaitGroup
	wg.Go(func() {
		defer exactSeat.leave()
		md.exact(lb, opt.Fairness, opt.Seed, est, exactSeat)
		md.windowSearch(exactSeat, opt.Fairness, est, rand.New(rand.NewPCG(opt.Seed, 0x2545f4914f6cdd1d)))
	})
	wg.Go(func() {
		defer annealSeat.leave()
		for !ast.stopped {
			an.run(ast, lb, 1, report)
			// A complete schedule is known, or nothing can move (every
			// meeting fixed, or none): annealing again would bring nothing.
			if b, _ := annealSeat.current(); b != nil || len(an.movable) == 0 {
				break
			}
		}
		from := annealSeat.effort
		ast.quit = func() bool {
			return annealSeat.proved() && annealSeat.idle() > exactPatience && annealSeat.effort-from > exactPatience*meetEffort
		}
		md.windowSearch(annealSeat, opt.Fairness, ast, rand.New(rand.NewPCG(opt.Seed, 0x5851f42d4c957f2d)))
		ast.quit, ast.stopped = nil, false
		if !ast.tick(0) {
			md.exact(lb, opt.Fairness, opt.Seed+1, ast, annealSeat)
		}
	})
	wg.Wait()
	st.done += est.done + ast.done
	return pl.result()
}

// exactPatience is how many meeting points the best schedule may stay the
// same before the annealing side, its window search stalled, joins the
// exact model.
const exactPatience = 8

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
