package schedule

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

func readTestInstance(t *testing.T, path string) *Instance {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inst, err := ReadInstance(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return inst
}

// fields returns the field names of a validation error, and its messages.
func fields(err error) (names []string, msgs string) {
	var e *dagang.Error
	if !errors.As(err, &e) {
		return nil, ""
	}
	for _, f := range e.Fields {
		names = append(names, f.Field)
		msgs += f.MessageEN + "\n"
	}
	return names, msgs
}

func TestReadInstanceRefuses(t *testing.T) {
	const head = `{"format":"dagang-b2b/1","slots":4,"tables":2,"sessions":[{"name":"am","from":0,"to":2}],
		"participants":[{"id":"a","unavailable":[3]},{"id":"b"},{"id":"c"}],`
	tests := []struct {
		name   string
		json   string
		fields []string
		says   string // part of a message
	}{
		{"not json", `{`, nil, ""},
		{"wrong format", `{"format":"x","slots":1,"tables":1,"participants":[],"meetings":[]}`, []string{"format"}, "format must be"},
		{"unknown participant", head + `"meetings":[{"a":"a","b":"z"}]}`, []string{"meetings[0].b"}, `meeting 0: unknown participant "z"`},
		{"unknown session", head + `"meetings":[{"a":"a","b":"b","session":"pm"}]}`, []string{"meetings[0].session"}, `unknown session "pm"`},
		{"slot out of range", head + `"meetings":[{"a":"a","b":"b","fixed_slot":4}]}`, []string{"meetings[0].fixed_slot"}, "fixed slot 4 out of range"},
		{"fixed outside session", head + `"meetings":[{"a":"a","b":"b","session":"am","fixed_slot":2}]}`, []string{"meetings[0].fixed_slot"}, `outside session "am"`},
		{"fixed in unavailable slot", head + `"meetings":[{"a":"b","b":"a","fixed_slot":3}]}`, []string{"meetings[0].fixed_slot"}, `meeting 0: participant "a" is unavailable in its fixed slot 3`},
		{"self meeting", head + `"meetings":[{"a":"b","b":"b"}]}`, []string{"meetings[0]"}, "meets itself"},
		{"negative weight", head + `"meetings":[{"a":"a","b":"b","weight":-1}]}`, []string{"meetings[0].weight"}, "weight -1"},
		{"bad precedence", head + `"meetings":[{"a":"a","b":"b"}],"precedences":[[0,1]]}`, []string{"precedences[0]"}, "must name two different meetings"},
		{"precedence cycle", head + `"meetings":[{"a":"a","b":"b"},{"a":"b","b":"c"},{"a":"a","b":"c"}],"precedences":[[0,1],[1,2],[2,0]]}`,
			[]string{"precedences"}, "meetings 0 → 1 → 2 → 0 form a precedence cycle"},
		{"two-cycle", head + `"meetings":[{"a":"a","b":"b"},{"a":"b","b":"c"}],"precedences":[[1,0],[0,1]]}`,
			[]string{"precedences"}, "meetings 0 → 1 → 0 form a precedence cycle"},
		{"duplicate participant", `{"format":"dagang-b2b/1","slots":2,"tables":1,"participants":[{"id":"a"},{"id":"a"}],"meetings":[]}`,
			[]string{"participants[1].id"}, `participant "a" appears twice`},
		{"unavailable out of range", `{"format":"dagang-b2b/1","slots":2,"tables":1,"participants":[{"id":"a","unavailable":[2]}],"meetings":[]}`,
			[]string{"participants[0].unavailable"}, "slot 2 out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadInstance(strings.NewReader(tt.json))
			if dagang.ErrorCode(err) != dagang.EINVALID {
				t.Fatalf("error %v, want code %s", err, dagang.EINVALID)
			}
			names, msgs := fields(err)
			if diff := cmp.Diff(tt.fields, names); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
			if !strings.Contains(msgs, tt.says) {
				t.Errorf("messages %q do not say %q", msgs, tt.says)
			}
		})
	}
}

func TestReadInstanceDefaults(t *testing.T) {
	inst := readTestInstance(t, "testdata/weighted.json")
	var got []int
	for _, m := range inst.Meetings {
		got = append(got, m.Weight)
	}
	if diff := cmp.Diff([]int{5, 4, 3, 2, 1, 1, 1}, got); diff != "" {
		t.Errorf("weights (-want +got):\n%s", diff)
	}
}

func TestCheck(t *testing.T) {
	inst := readTestInstance(t, "testdata/small.json")
	tests := []struct {
		name     string
		assign   []Assignment
		want     Objective
		feasible bool
		says     string
	}{
		{"empty", nil, Objective{}, false, "8 of 8 meetings unscheduled"},
		{"clash and gap", []Assignment{{0, 0, 0}, {1, 0, 1}, {4, 2, 0}}, Objective{Scheduled: 3, Weight: 3, Breaks: 2, BreakSpread: 1}, false,
			"participant A has meetings 0 and 1 in slot 0"},
		{"table twice", []Assignment{{0, 0, 0}, {5, 0, 0}}, Objective{Scheduled: 2, Weight: 2}, false, "slot 0 table 0 used twice"},
		{"unavailable", []Assignment{{5, 0, 0}}, Objective{Scheduled: 1, Weight: 1}, false, "participant D unavailable in slot 0"},
		{"predecessor missing", []Assignment{{2, 3, 0}}, Objective{Scheduled: 1, Weight: 1}, false, "meeting 2 scheduled without its predecessor 0"},
		{"precedence broken", []Assignment{{0, 3, 0}, {2, 1, 0}}, Objective{Scheduled: 2, Weight: 2, Breaks: 1, BreakSpread: 1}, false,
			"precedence 0 before 2 broken"},
		{"fixed moved", []Assignment{{4, 1, 0}}, Objective{Scheduled: 1, Weight: 1}, false, "meeting 4 fixed to slot 2, got 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Check(inst, &Schedule{Format: ScheduleFormat, Assignments: tt.assign})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("objective (-want +got):\n%s", diff)
			}
			if (err == nil) != tt.feasible {
				t.Fatalf("error %v, feasible want %v", err, tt.feasible)
			}
			if _, msgs := fields(err); !strings.Contains(msgs, tt.says) {
				t.Errorf("messages %q do not say %q", msgs, tt.says)
			}
		})
	}
}

func TestSolveSmallIsOptimalAndDeterministic(t *testing.T) {
	inst := readTestInstance(t, "testdata/small.json")
	opt := Options{TimeLimit: 5 * time.Second, Fairness: 2, Seed: 7, Iterations: 200000}
	a, err := Solve(context.Background(), inst, opt)
	if err != nil {
		t.Fatal(err)
	}
	obj, err := Check(inst, a)
	if err != nil {
		t.Fatalf("infeasible schedule: %v", err)
	}
	if diff := cmp.Diff(a.Objective, obj); diff != "" {
		t.Errorf("reported objective differs from checked one (-reported +checked):\n%s", diff)
	}
	if obj.Scheduled != len(inst.Meetings) {
		t.Errorf("scheduled %d of %d", obj.Scheduled, len(inst.Meetings))
	}
	if a.Bound == nil || obj.Breaks < a.Bound.Breaks || obj.Weight > a.Bound.Weight {
		t.Errorf("objective %+v outside the bound %+v", obj, a.Bound)
	}
	// The same schedule again, on one core or two, with the budget or with
	// the time limit alone (the optimum is proven long before it): the
	// searches meet at fixed points of effort, never of time.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	timed := opt
	timed.Iterations = 0
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		for _, o := range []Options{opt, timed} {
			b, err := Solve(context.Background(), inst, o)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(a.Assignments, b.Assignments); diff != "" {
				t.Errorf("GOMAXPROCS %d, %d iterations: same seed, different schedules (-first +second):\n%s", procs, o.Iterations, diff)
			}
		}
	}
}

func TestSolveWeighted(t *testing.T) {
	inst := readTestInstance(t, "testdata/weighted.json")
	// S2 may meet once; B2 has two slots; 3 slots per participant.
	// Best: S1–B1 (5), S1–B2 (4), S2–B1 (3), S1–B1 again (1): 13.
	sc, err := Solve(context.Background(), inst, Options{TimeLimit: 2 * time.Second, Fairness: -1, Iterations: 100000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Check(inst, sc); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Bounds{Weight: 13}, *sc.Bound); diff != "" {
		t.Errorf("bound (-want +got):\n%s", diff)
	}
	if sc.Objective.Weight != 13 {
		t.Errorf("weight %d, want 13", sc.Objective.Weight)
	}
	if g := Greedy(inst); g.Objective.Weight > sc.Objective.Weight {
		t.Errorf("greedy %d beats the solver %d", g.Objective.Weight, sc.Objective.Weight)
	}
}

func TestSolveNamesWhatIsImpossible(t *testing.T) {
	const js = `{"format":"dagang-b2b/1","schedule_all":true,"slots":2,"tables":5,
		"participants":[{"id":"x","unavailable":[1]},{"id":"y"},{"id":"z"}],
		"meetings":[{"a":"x","b":"y"},{"a":"x","b":"z"},{"a":"y","b":"z"}]}`
	inst, err := ReadInstance(strings.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Solve(context.Background(), inst, Options{TimeLimit: time.Second, Fairness: -1, Iterations: 10000})
	if dagang.ErrorCode(err) != dagang.ECONFLICT {
		t.Fatalf("error %v, want a conflict", err)
	}
	if msg := dagang.ErrorMessage(err, "en"); !strings.Contains(msg, "participant x lacks slots for meetings 1") {
		t.Errorf("message %q does not name participant x and meeting 1", msg)
	}
	if sc == nil || sc.Objective.Scheduled != 2 {
		t.Errorf("want the best partial schedule with 2 meetings, got %+v", sc)
	}
}

func TestSolveHonoursContext(t *testing.T) {
	inst, err := Generate(GenOptions{Participants: 60, Requests: 500, Slots: 8, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// An hour's limit: only the cancelled context ends the search (how
	// soon is BenchmarkSolveCancelled).
	sc, err := Solve(ctx, inst, Options{TimeLimit: time.Hour, Fairness: -1})
	if err == nil {
		if _, cerr := Check(inst, sc); cerr != nil {
			t.Errorf("schedule after cancellation infeasible: %v", cerr)
		}
	}
}

func TestGenerate(t *testing.T) {
	g := GenOptions{Participants: 100, Requests: 800, Slots: 12, Tables: 30, Seed: 5}
	a, err := Generate(g)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Validate(); err != nil {
		t.Fatalf("generated instance invalid: %v", err)
	}
	b, _ := Generate(g)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different instances:\n%s", diff)
	}
	if len(a.Meetings) != 800 {
		t.Errorf("%d meetings, want 800", len(a.Meetings))
	}
	for i, m := range a.Meetings {
		if m.A[0] != 'S' || m.B[0] != 'B' || m.Weight < 1 || m.Weight > 5 {
			t.Fatalf("meeting %d = %+v: want seller–buyer with weight 1–5", i, m)
		}
	}
	sc, err := Solve(context.Background(), a, Options{TimeLimit: 500 * time.Millisecond, Fairness: -1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Check(a, sc); err != nil {
		t.Fatal(err)
	}
	gr := Greedy(a)
	if sc.Objective.Weight < gr.Objective.Weight || sc.Objective.Weight > sc.Bound.Weight {
		t.Errorf("weight %d: want between greedy %d and the bound %d", sc.Objective.Weight, gr.Objective.Weight, sc.Bound.Weight)
	}
}

func FuzzReadInstance(f *testing.F) {
	for _, p := range []string{"testdata/small.json", "testdata/weighted.json"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"format":"dagang-b2b/1","slots":1,"tables":1,"participants":[{"id":"a"},{"id":"b"}],"meetings":[{"a":"a","b":"b","fixed_slot":0}],"precedences":[[0]]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		inst, err := ReadInstance(strings.NewReader(string(b)))
		if err != nil {
			return
		}
		if len(inst.Meetings) > 200 || inst.Slots > 50 {
			return
		}
		// A valid instance must survive every solver entry point.
		Bound(inst)
		g := Greedy(inst)
		if _, err := Check(inst, g); err != nil && !inst.ScheduleAll {
			t.Fatalf("greedy schedule infeasible: %v", err)
		}
		sc, _ := Solve(context.Background(), inst, Options{TimeLimit: 100 * time.Millisecond, Fairness: 1, Iterations: 2000})
		if sc != nil {
			if _, err := Check(inst, sc); err != nil && len(sc.Unscheduled) == 0 {
				t.Fatalf("solver schedule infeasible: %v", err)
			}
		}
	})
}

func TestVerdict(t *testing.T) {
	for _, tc := range []struct {
		obj    Objective
		bound  *Bounds
		id, en string
	}{
		{Objective{Weight: 10, Breaks: 3}, &Bounds{Weight: 10, Breaks: 3}, "optimal (terbukti)", "optimal (proven)"},
		{Objective{Weight: 10, Breaks: 5}, &Bounds{Weight: 10, Breaks: 3},
			"paling banyak 2 jeda di atas yang terbaik mungkin", "within 2 breaks of the best possible"},
		{Objective{Weight: 10, Breaks: 4}, &Bounds{Weight: 10, Breaks: 3},
			"paling banyak 1 jeda di atas yang terbaik mungkin", "within 1 break of the best possible"},
		{Objective{Weight: 8, Breaks: 5}, &Bounds{Weight: 10, Breaks: 0},
			"paling banyak 2 bobot di bawah yang terbaik mungkin", "within 2 weight of the best possible"},
		{Objective{Weight: 8}, nil, "batas bawah tidak diketahui", "no bound known"},
	} {
		sc := &Schedule{Objective: tc.obj, Bound: tc.bound}
		id, en := sc.Verdict()
		if diff := cmp.Diff([2]string{tc.id, tc.en}, [2]string{id, en}); diff != "" {
			t.Errorf("%+v %+v (-want +got):\n%s", tc.obj, tc.bound, diff)
		}
	}
}

// TestSolveClock: the time limit is measured on the clock of the options
// (the benchmark passes the process's CPU time). With a clock that runs a
// second per reading, a ten-second search ends after a few readings past
// its limit, whatever the wall clock does, and the schedule's elapsed
// time is read on that clock.
func TestSolveClock(t *testing.T) {
	inst, err := Generate(GenOptions{Participants: 200, Requests: 2000, Slots: 16, Tables: 80, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var now time.Duration
	var mu sync.Mutex
	clock := func() time.Duration {
		mu.Lock()
		defer mu.Unlock()
		now += time.Second
		return now
	}
	sc, err := Solve(context.Background(), inst, Options{TimeLimit: 10 * time.Second, Fairness: -1, Seed: 1, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	// The search reads the clock every thousand iterations or so: a
	// search that ignored it for the wall clock would read it thousands
	// of times.
	if sc.ElapsedMS < 10_000 || sc.ElapsedMS > 60_000 {
		t.Errorf("elapsed_ms %d, want the limit on the clock and a few readings more (10,000–60,000)", sc.ElapsedMS)
	}
}
