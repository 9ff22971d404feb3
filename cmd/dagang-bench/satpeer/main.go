// Command satpeer compares the solver of internal/sat with gophersat
// (github.com/crillab/gophersat, a CDCL solver in Go with native
// cardinality and pseudo-boolean constraints) on the exact model of a
// published meeting-scheduling instance: the same variables and
// constraints (schedule.NewFormula), the same objective (the break
// counters) and the same strategy — solve, require fewer breaks than the
// model found, solve again, until no model is left — with one core. It
// prints the CPU time of the first model, of each better one and of the
// proof of the optimum; every schedule is checked with schedule.Check, and
// -save writes the last one for check.py.
//
// With -budget K (and -seed S) it instead decides the one budget "at most K
// breaks" with a fresh internal/sat solver, as the scheduler's exact search
// does, and prints the answer and the conflicts it took: the figures of the
// model's constraints in docs/scheduling.md are measured so. -seats chooses
// how the model counts a slot's seats (schedule.Seating): the scheduler
// searches the lowest budget with both native and counted.
//
// With -hold SCHEDULE (and -budget) the busy slots of -keep participants
// of that schedule, among those without a break in it, are held as
// assumptions: at random after -seed, or the ones with the most meetings
// with -busiest. It measures how much of a schedule's shape the solver
// needs to be given to find the rest, and whether a schedule with more
// breaks shares any shape with the better ones (docs/scheduling.md, "Tried
// and not kept").
//
// It is a module of its own so that the product's go.mod does not name
// gophersat (go mod tidy counts every build tag):
//
//	cd cmd/dagang-bench/satpeer && go run . -solver gophersat ../../../../shared/bench/b2b/tic-13crafc.original.json
//
// The figures are in docs/scheduling.md ("The solver against gophersat").
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/crillab/gophersat/solver"
	"github.com/dagang/dagang/internal/sat"
	"github.com/dagang/dagang/internal/schedule"
)

func main() {
	which := flag.String("solver", "dagang", "dagang (internal/sat) or gophersat")
	fairness := flag.Int("fairness", 2, "at most this many breaks per participant (-1: none)")
	seatsFlag := flag.String("seats", "native", "how the model counts a slot's seats: native (tables and busy participants natively), counted (tables as counters, busy participants not counted) or busy-counted (busy participants as counters)")
	limit := flag.Duration("cpu-limit", 60*time.Second, "stop after this much CPU time")
	save := flag.String("save", "", "write the last schedule here")
	budget := flag.Int("budget", -1, "dagang only: decide the one budget \"at most this many breaks\" with a fresh solver, as exact does, and print its answer and conflicts (-1: descend)")
	seed := flag.Uint64("seed", 0, "with -budget: the seed that orders the solver's first decisions (exact's Shuffle)")
	conflicts := flag.Int64("conflicts", 0, "with -budget: stop after this many conflicts (0: at -cpu-limit only)")
	hold := flag.String("hold", "", "with -budget: a schedule of the instance whose participants' busy slots are held (see -keep)")
	keep := flag.Int("keep", 35, "with -hold: how many participants without a break in it are held")
	busiest := flag.Bool("busiest", false, "with -hold: hold those with the most meetings rather than a random choice after -seed")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: satpeer [flags] INSTANCE.json")
		os.Exit(2)
	}
	runtime.GOMAXPROCS(1)
	path := flag.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		fail(err)
	}
	inst, err := schedule.ReadInstance(f)
	f.Close()
	if err != nil {
		fail(err)
	}
	name := strings.TrimSuffix(filepath.Base(path), ".json")
	start := cpuTime()
	seatings := []schedule.Seating{schedule.SeatsNative, schedule.SeatsCounted, schedule.SeatsBusyCounted}
	i := slices.IndexFunc(seatings, func(s schedule.Seating) bool { return s.String() == *seatsFlag })
	if i < 0 {
		fail(fmt.Errorf("-seats %q: want one of %v", *seatsFlag, seatings))
	}
	seats := seatings[i]
	form := schedule.NewFormula(inst, *fairness, seats)
	var last *schedule.Schedule
	var mu sync.Mutex // the watchdog below may end the run while a model is read
	// found reports a model, after checking its schedule.
	found := func(value func(v int) bool) {
		mu.Lock()
		defer mu.Unlock()
		sc := form.Schedule(value)
		if _, err := schedule.Check(inst, sc); err != nil || len(sc.Unscheduled) > 0 {
			fail(fmt.Errorf("%s: %s: the model is not a complete schedule: %v", name, *which, err))
		}
		if last != nil && last.Objective.Breaks <= sc.Objective.Breaks {
			return // fewer counted, as many real breaks
		}
		last = sc
		fmt.Printf("%s\t%s\tmodel\t%.2f s\t%d breaks\n", name, *which, (cpuTime() - start).Seconds(), sc.Objective.Breaks)
	}
	done := func(proven bool) {
		mu.Lock()
		what := "limit"
		if proven {
			what = "optimum"
		}
		breaks := "none"
		if last != nil {
			breaks = fmt.Sprintf("%d breaks", last.Objective.Breaks)
		}
		fmt.Printf("%s\t%s\t%s\t%.2f s\t%s\n", name, *which, what, (cpuTime() - start).Seconds(), breaks)
		if *save != "" && last != nil {
			out, err := json.MarshalIndent(last, "", " ")
			if err == nil {
				err = os.WriteFile(*save, out, 0o644)
			}
			if err != nil {
				fail(err)
			}
		}
		os.Exit(0)
	}
	if *budget >= 0 {
		if *which != "dagang" {
			fail(fmt.Errorf("-budget is for -solver dagang"))
		}
		s := form.Solver
		s.Shuffle(*seed)
		lim := sat.Limits{Conflicts: *conflicts, Stop: func() bool { return cpuTime()-start >= *limit }}
		held := ""
		if *hold != "" {
			sc, err := readSchedule(*hold)
			if err != nil {
				fail(err)
			}
			who, err := holdWho(inst, sc, *keep, *busiest, *seed)
			if err != nil {
				fail(fmt.Errorf("%s: %w", *hold, err))
			}
			lim.Assume = form.Hold(sc, who)
			held = fmt.Sprintf(", %d participants held", len(who))
		}
		status := sat.Unsat
		if s.AddAtMost(form.Breaks, *budget) && s.AddAtMost(form.Ends, *budget) {
			status = s.Solve(lim)
		}
		if status == sat.Sat {
			found(s.Value)
		}
		fmt.Printf("%s\tdagang\tbudget %d, seed %d%s\t%v\t%d conflicts\t%.2f s\n", name, *budget, *seed, held, status, s.Conflicts, (cpuTime() - start).Seconds())
		return
	}
	// gophersat cannot be stopped: a watchdog ends the process at the limit.
	go func() {
		for cpuTime()-start < *limit {
			time.Sleep(50 * time.Millisecond)
		}
		done(false)
	}()
	switch *which {
	case "dagang":
		s := form.Solver
		stop := func() bool { return cpuTime()-start >= *limit }
		for {
			switch s.Solve(sat.Limits{Stop: stop}) {
			case sat.Sat:
				found(s.Value)
				cost := 0
				for _, l := range form.Breaks {
					if s.Value(l.Var()) != (l != sat.Pos(l.Var())) {
						cost++
					}
				}
				if cost == 0 || !s.AddAtMost(form.Breaks, cost-1) {
					done(true)
				}
			case sat.Unsat:
				done(last != nil)
			default:
				done(false)
			}
		}
	case "gophersat":
		clauses, cards := form.Solver.Constraints()
		lit := func(l sat.Lit) int {
			if l == sat.Pos(l.Var()) {
				return l.Var() + 1
			}
			return -(l.Var() + 1)
		}
		var cs []solver.CardConstr
		for _, c := range clauses {
			ls := make([]int, len(c))
			for i, l := range c {
				ls[i] = lit(l)
			}
			cs = append(cs, solver.CardConstr{Lits: ls, AtLeast: 1})
		}
		for _, c := range cards { // at most k of n: at least n−k of the negations
			ls := make([]int, len(c.Lits))
			for i, l := range c.Lits {
				ls[i] = lit(l.Not())
			}
			cs = append(cs, solver.CardConstr{Lits: ls, AtLeast: len(ls) - c.K})
		}
		pb := solver.ParseCardConstrs(cs)
		cost := make([]solver.Lit, len(form.Breaks))
		for i, l := range form.Breaks {
			cost[i] = solver.IntToLit(int32(lit(l)))
		}
		ones := make([]int, len(cost)) // Optimal sorts by weight: nil weights would panic
		for i := range ones {
			ones[i] = 1
		}
		pb.SetCostFunc(cost, ones)
		results := make(chan solver.Result)
		go solver.New(pb).Optimal(results, nil)
		var res solver.Result
		for r := range results {
			res = r
			if r.Status == solver.Sat {
				m := r.Model
				found(func(v int) bool { return v < len(m) && m[v] })
			}
		}
		done(res.Status == solver.Sat)
	default:
		fail(fmt.Errorf("unknown solver %q", *which))
	}
}

// cpuTime is the user and system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "satpeer:", err)
	os.Exit(1)
}

func readSchedule(path string) (*schedule.Schedule, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var sc schedule.Schedule
	if err := json.Unmarshal(b, &sc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &sc, nil
}

// holdWho picks keep participants (indices into inst.Participants) with
// meetings and without a break in sc: those with the most meetings, or at
// random after seed.
func holdWho(inst *schedule.Instance, sc *schedule.Schedule, keep int, busiest bool, seed uint64) ([]int, error) {
	idx := make(map[string]int, len(inst.Participants))
	for i, p := range inst.Participants {
		idx[p.ID] = i
	}
	slots := make([][]int, len(inst.Participants))
	for _, a := range sc.Assignments {
		if a.Meeting < 0 || a.Meeting >= len(inst.Meetings) {
			return nil, fmt.Errorf("no meeting %d in the instance", a.Meeting)
		}
		m := inst.Meetings[a.Meeting]
		for _, p := range []int{idx[m.A], idx[m.B]} {
			slots[p] = append(slots[p], a.Slot)
		}
	}
	var who []int
	for p, ts := range slots {
		if len(ts) == 0 {
			continue
		}
		slices.Sort(ts)
		if ts[len(ts)-1]-ts[0]+1 == len(ts) {
			who = append(who, p)
		}
	}
	if busiest {
		slices.SortStableFunc(who, func(a, b int) int { return len(slots[b]) - len(slots[a]) })
	} else {
		rng := rand.New(rand.NewPCG(seed, 0))
		rng.Shuffle(len(who), func(i, j int) { who[i], who[j] = who[j], who[i] })
	}
	return who[:min(keep, len(who))], nil
}
