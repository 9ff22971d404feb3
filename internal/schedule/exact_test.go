package schedule

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/sat"
	"github.com/google/go-cmp/cmp"
)

// A triangle of meetings in three slots: any two share a participant, so
// they take three slots, and whichever take the first and the last share
// a participant, who waits in between. Every participant's two meetings
// fit a window of two slots and two tables leave room in every slot for
// all three participants, so the simple bounds say 0; the exact model
// proves 1.
const triangle = `{"format":"dagang-b2b/1","schedule_all":true,"slots":3,"tables":2,
	"participants":[{"id":"a"},{"id":"b"},{"id":"c"}],
	"meetings":[{"a":"a","b":"b"},{"a":"a","b":"c"},{"a":"b","b":"c"}]}`

func TestExactProvesBreaks(t *testing.T) {
	inst, err := ReadInstance(strings.NewReader(triangle))
	if err != nil {
		t.Fatal(err)
	}
	if b := Bound(inst); b.Breaks != 0 {
		t.Fatalf("simple bound %d, want 0 (else this test proves nothing)", b.Breaks)
	}
	// An hour's limit: only the proof ends the search (how soon is
	// BenchmarkExactProves).
	for _, opt := range []Options{
		{TimeLimit: time.Hour, Fairness: 2},                     // side by side
		{TimeLimit: time.Hour, Fairness: 2, Iterations: 100000}, // one after the other
		{TimeLimit: time.Hour, Fairness: -1},
	} {
		sc, err := Solve(context.Background(), inst, opt)
		if err != nil {
			t.Fatal(err)
		}
		obj, err := Check(inst, sc)
		if err != nil {
			t.Fatal(err)
		}
		got := struct{ Breaks, Bound int }{obj.Breaks, sc.Bound.Breaks}
		if diff := cmp.Diff(struct{ Breaks, Bound int }{1, 1}, got); diff != "" {
			t.Errorf("%+v: breaks and proven bound (-want +got):\n%s", opt, diff)
		}
	}
}

// TestExactProvesImpossible: three participants who all meet each other
// in two slots. Each alone fits (two meetings, two slots) and the weight
// bound allows all three meetings, so only the exact model sees that the
// triangle needs three slots.
func TestExactProvesImpossible(t *testing.T) {
	js := strings.Replace(triangle, `"slots":3,"tables":2`, `"slots":2,"tables":3`, 1)
	inst, err := ReadInstance(strings.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	if b := Bound(inst); b.Weight != 3 {
		t.Fatalf("weight bound %d, want 3 (else this test proves nothing)", b.Weight)
	}
	// An hour's limit: only the proof ends the search.
	for _, opt := range []Options{
		{TimeLimit: time.Hour, Fairness: -1},
		{TimeLimit: time.Hour, Fairness: -1, Iterations: 100000},
	} {
		sc, err := Solve(context.Background(), inst, opt)
		if dagang.ErrorCode(err) != dagang.ECONFLICT {
			t.Fatalf("%+v: error %v, want a conflict", opt, err)
		}
		if msg := dagang.ErrorMessage(err, "en"); !strings.Contains(msg, "no complete schedule exists") || !strings.Contains(msg, "unscheduled: ") {
			t.Errorf("%+v: message %q", opt, msg)
		}
		if sc == nil || sc.Objective.Scheduled != 2 || sc.Bound.Weight != 2 {
			t.Errorf("%+v: want the best partial schedule (2 meetings, bound 2), got %+v", opt, sc)
		}
	}
}

// TestExactEndsWithoutFairSchedule: with fairness 0 the triangle
// has complete schedules but none fair (somebody waits, the others
// do not). The search must end at its time limit, not loop once every
// break budget is refuted, and must not pass the complete but unfair
// schedule it falls back to off as an answer.
func TestExactEndsWithoutFairSchedule(t *testing.T) {
	inst, err := ReadInstance(strings.NewReader(triangle))
	if err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Options{
		{TimeLimit: time.Second, Fairness: 0},
		{TimeLimit: time.Second, Fairness: 0, Iterations: 100000},
	} {
		done := make(chan error, 1)
		go func() {
			sc, err := Solve(context.Background(), inst, opt)
			if dagang.ErrorCode(err) != dagang.ECONFLICT {
				done <- fmt.Errorf("error %v, want a conflict", err)
				return
			}
			if msg := dagang.ErrorMessage(err, "en"); !strings.Contains(msg, "break spread 1 exceeds the bound 0") {
				done <- fmt.Errorf("message %q", msg)
				return
			}
			if sc == nil || len(sc.Unscheduled) > 0 {
				done <- fmt.Errorf("want the complete schedule beside the error, got %+v", sc)
				return
			}
			_, err = Check(inst, sc)
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%+v: %v", opt, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%+v: Solve did not return 19 s after its 1 s limit", opt)
		}
	}
}

// TestPool checks the meeting point of the concurrent searches: it keeps
// the best schedule, knows when the exact model has proved a bound, shows
// a worker the others' findings only after a meeting point, and stops
// every search once the best schedule meets the bound or no schedule
// exists.
func TestPool(t *testing.T) {
	type step struct {
		op    string // "offer", "raise", "impossible", "leave" or "meet"
		w     int    // worker
		n     int    // breaks offered, or bound raised to
		slot0 int    // first meeting's slot in the schedule offered
	}
	type want struct {
		Seen       int // breaks worker 1 sees before both leave
		Breaks, LB int
		Slot0      int // -1: no schedule
		Proved     bool
		Stopped    bool
		None       bool
	}
	const none = math.MaxInt
	for _, tc := range []struct {
		name  string
		lb    int
		steps []step
		want  want
	}{
		{"nothing yet", 2, nil, want{Seen: none, Breaks: none, LB: 2, Slot0: -1}},
		{"the better schedule stays", 0, []step{{"offer", 1, 5, 1}, {"offer", 1, 3, 2}, {"offer", 1, 4, 3}},
			want{Seen: 3, Breaks: 3, Slot0: 2}},
		{"another worker's schedule waits for a meeting point", 0, []step{{"offer", 0, 5, 1}},
			want{Seen: none, Breaks: 5, Slot0: 1}},
		{"a worker that left no longer holds the others back", 0, []step{{"offer", 0, 5, 1}, {"leave", 0, 0, 0}, {"meet", 1, 0, 0}},
			want{Seen: 5, Breaks: 5, Slot0: 1}},
		{"equal schedules: the first worker's wins", 0, []step{{"offer", 1, 4, 7}, {"offer", 0, 4, 6}},
			want{Seen: 4, Breaks: 4, Slot0: 6}},
		{"a bound above the first is proved", 1, []step{{"offer", 1, 5, 1}, {"raise", 0, 3, 0}},
			want{Seen: 5, Breaks: 5, LB: 3, Slot0: 1, Proved: true}},
		{"a lower bound proves nothing new", 3, []step{{"raise", 0, 2, 0}},
			want{Seen: none, Breaks: none, LB: 3, Slot0: -1}},
		{"schedule meets the bound", 1, []step{{"raise", 0, 3, 0}, {"offer", 1, 3, 4}},
			want{Seen: 3, Breaks: 3, LB: 3, Slot0: 4, Proved: true, Stopped: true}},
		{"no schedule exists", 0, []step{{"impossible", 0, 0, 0}},
			want{Seen: none, Breaks: none, Slot0: -1, Stopped: true, None: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stopped := false
			pl := newPool(tc.lb, 2, func() { stopped = true })
			seats := []*seat{pl.seat(0), pl.seat(1)}
			for _, s := range tc.steps {
				w := seats[s.w]
				switch s.op {
				case "offer":
					slot := []int{s.slot0, 0}
					w.offer(slot, s.n)
					slot[0] = 99 // the pool keeps its own copy
				case "raise":
					w.raise(s.n)
				case "impossible":
					w.impossible()
				case "leave":
					w.leave()
				case "meet":
					w.spend(meetEffort)
				}
			}
			_, seen := seats[1].current()
			seats[0].leave()
			seats[1].leave()
			best, breaks := seats[1].current()
			_, lb, gone := pl.result()
			got := want{Seen: seen, Breaks: breaks, LB: lb, Slot0: -1, Proved: seats[1].proved(), Stopped: stopped, None: gone}
			if best != nil {
				got.Slot0 = best[0]
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("pool (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPoolMeetsAtFixedPoints: what one worker finds reaches the other at
// the first meeting point after it, by effort, however the goroutines are
// timed.
func TestPoolMeetsAtFixedPoints(t *testing.T) {
	for range 20 {
		pl := newPool(0, 2, func() {})
		w0, w1 := pl.seat(0), pl.seat(1)
		var seenAt int64 = -1
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer w0.leave()
			for w0.effort < 4*meetEffort {
				if w0.effort == 3*meetEffort/2 {
					w0.offer([]int{1}, 5)
				}
				w0.spend(meetEffort / 10)
			}
		}()
		func() {
			defer w1.leave()
			for w1.effort < 6*meetEffort {
				if _, b := w1.current(); b == 5 && seenAt < 0 {
					seenAt = w1.effort
				}
				w1.spend(meetEffort / 20)
			}
		}()
		<-done
		if seenAt != 2*meetEffort {
			t.Fatalf("worker 1 saw the schedule after %d units of effort, want %d", seenAt, 2*meetEffort)
		}
	}
}

// TestSeqAtMost checks both forms of the counter against counting: under
// every assignment of up to six literals the constraints are satisfiable
// exactly when at most k are true.
func TestSeqAtMost(t *testing.T) {
	for n := 1; n <= 6; n++ {
		for k := 0; k <= n; k++ {
			s := sat.New()
			lits := make([]sat.Lit, n)
			for i := range lits {
				lits[i] = sat.Pos(s.NewVar())
			}
			seqAtMost(s, lits, k)
			for mask := range 1 << n {
				assume := make([]sat.Lit, n)
				for i, l := range lits {
					if mask>>i&1 == 1 {
						assume[i] = l
					} else {
						assume[i] = l.Not()
					}
				}
				got := s.Solve(sat.Limits{Assume: assume}) == sat.Sat
				if want := bits.OnesCount(uint(mask)) <= k; got != want {
					t.Fatalf("n %d, k %d, true %b: satisfiable %v, want %v", n, k, mask, got, want)
				}
			}
		}
	}
}

// TestFormula: the exact model handed to another solver reads back as a
// schedule Check accepts, and its break counters bound the breaks: on the
// triangle of TestExactProvesBreaks a model exists, none without a break.
func TestFormula(t *testing.T) {
	inst, err := ReadInstance(strings.NewReader(triangle))
	if err != nil {
		t.Fatal(err)
	}
	f := NewFormula(inst, 2, SeatsNative)
	if got := f.Solver.Solve(sat.Limits{}); got != sat.Sat {
		t.Fatalf("Solve = %v, want sat", got)
	}
	sc := f.Schedule(f.Solver.Value)
	obj, err := Check(inst, sc)
	if err != nil {
		t.Fatal(err)
	}
	counted := 0
	for _, l := range f.Breaks {
		if f.Solver.Value(l.Var()) == (l == sat.Pos(l.Var())) {
			counted++
		}
	}
	if obj.Scheduled != 3 || obj.Breaks != 1 || counted < obj.Breaks {
		t.Errorf("scheduled %d, breaks %d, counted %d; want 3, 1 and at least the breaks", obj.Scheduled, obj.Breaks, counted)
	}
	if f.Solver.AddAtMost(f.Breaks, 0) && f.Solver.Solve(sat.Limits{}) != sat.Unsat {
		t.Errorf("a model without breaks, where every schedule has one")
	}
}

// TestExactModelAdmitsEverySchedule builds random instances around a
// schedule known to be complete and valid (meetings drawn slot by slot,
// sessions and unavailable slots consistent with it) and asks the exact
// model for that very schedule, with the break budget set to its breaks:
// every redundant constraint of newBreakSAT (busy counts, windows, the
// independent-set counts, the counts of meetings against busy slots from
// each slot on, the symmetry between one-meeting participants), with the
// seats of a slot counted each way, must admit it. A redundant constraint
// that cut off a real schedule would make the exact side "prove" a bound
// that is not one.
func TestExactModelAdmitsEverySchedule(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 5))
	twinned := 0 // twin groups met
	for trial := range 300 {
		T, tables, np := 4+rng.IntN(7), 1+rng.IntN(3), 4+rng.IntN(9)
		in := &Instance{Format: InstanceFormat, ScheduleAll: true, Slots: T, Tables: tables}
		mid := 1 + rng.IntN(T-1)
		if rng.IntN(2) == 0 {
			in.Sessions = []Session{{Name: "pagi", From: 0, To: mid}, {Name: "siang", From: mid, To: T}}
		}
		busy := make([][]bool, np)
		for p := range np {
			busy[p] = make([]bool, T)
		}
		met := map[[2]int]bool{}
		var slots []int
		for s := range T {
			for range tables {
				a, b := rng.IntN(np), rng.IntN(np)
				if a > b {
					a, b = b, a
				}
				if a == b || busy[a][s] || busy[b][s] || met[[2]int{a, b}] || rng.IntN(4) == 0 {
					continue
				}
				busy[a][s], busy[b][s], met[[2]int{a, b}] = true, true, true
				m := Meeting{A: fmt.Sprint(a), B: fmt.Sprint(b), Weight: 1}
				if in.Sessions != nil && rng.IntN(3) == 0 {
					m.Session = in.Sessions[min(1, s/mid)].Name
				}
				in.Meetings = append(in.Meetings, m)
				slots = append(slots, s)
			}
		}
		for p := range np {
			pa := Participant{ID: fmt.Sprint(p)}
			for s := range T {
				if !busy[p][s] && rng.IntN(5) == 0 {
					pa.Unavailable = append(pa.Unavailable, s)
				}
			}
			in.Participants = append(in.Participants, pa)
		}
		if len(in.Meetings) == 0 {
			continue
		}
		md := compile(in)
		// The symmetry constraint orders the slots of twin meetings; any
		// order gives every participant the same day, so take that one.
		md.sortTwins(slots)
		// The same schedule with the twins' slots in decreasing order,
		// for Formula.Hold below.
		reversed := slices.Clone(slots)
		for _, ms := range md.twinMeetings() {
			for i, m := range ms {
				reversed[m] = slots[ms[len(ms)-1-i]]
			}
			twinned++
		}
		drawn := md.build(reversed)
		s := newState(md, slots)
		if s.hard() != 0 || s.scheduled != md.nm {
			t.Fatalf("trial %d: the drawn schedule is not valid", trial)
		}
		for _, seats := range []Seating{SeatsNative, SeatsCounted, SeatsBusyCounted} {
			b := newBreakSAT(md, -1, seats)
			var assume []sat.Lit
			for m, xs := range b.x {
				for i, v := range xs {
					if md.dom[m][i] == slots[m] {
						assume = append(assume, sat.Pos(v))
					}
				}
			}
			if len(assume) != md.nm {
				t.Fatalf("trial %d: a meeting's slot is outside its domain", trial)
			}
			if st, _ := b.solve(s.breaks, sat.Limits{Assume: assume}); st != sat.Sat {
				t.Fatalf("trial %d, seats %v: the exact model refuses a valid schedule with %d breaks (%v)\n%+v\nslots %v", trial, seats, s.breaks, st, in, slots)
			}
		}
		// Formula.Hold describes the drawn schedule, twins in any order:
		// holding every participant's day admits it at its breaks.
		f := NewFormula(in, -1, SeatsNative)
		all := make([]int, md.np)
		for p := range all {
			all[p] = p
		}
		if !f.Solver.AddAtMost(f.Breaks, s.breaks) {
			t.Fatalf("trial %d: the budget of %d breaks is refused at once", trial, s.breaks)
		}
		if st := f.Solver.Solve(sat.Limits{Assume: f.Hold(drawn, all)}); st != sat.Sat {
			t.Fatalf("trial %d: holding the days of a valid schedule with %d breaks: %v\nslots %v", trial, s.breaks, st, slots)
		}
	}
	if twinned == 0 {
		t.Fatal("no instance had twin meetings: the symmetry constraint went untested")
	}
}
