package schedule

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
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
			an.run(st, bounds.Breaks, 0, func() { report("breaks", s) })
			if an.best != nil {
				return finish(an.best, bounds), nil
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

	s := newState(md, md.greedy(md.pickedFirst(picked)))
	s.improveWeight(st)
	// Large neighbourhood search on the weight for 40% of the effort.
	wst := &stopper{ctx: ctx, deadline: start.Add(opt.TimeLimit * 4 / 10), iterations: opt.Iterations * 4 / 10}
	if wst.iterations > 0 {
		wst.iterations = max(1, wst.iterations-st.done)
	}
	s.ruinRecreate(wst, rng, bounds.Weight)
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
	if whyNot != nil && len(sc.Unscheduled) > 0 {
		whyNot.Message += "; belum terjadwal: " + list(sc.Unscheduled)
		whyNot.MessageEN += "; unscheduled: " + list(sc.Unscheduled)
		return sc, whyNot
	}
	return sc, nil
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
