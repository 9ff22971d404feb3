package schedule

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

// A triangle of meetings at one table in three slots: whichever meetings
// take the first and the last slot share a participant, who waits in
// between. Every participant's two meetings fit a window of two slots, so
// the simple bound says 0; the exact model proves 1.
const triangle = `{"format":"dagang-b2b/1","schedule_all":true,"slots":3,"tables":1,
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
	for _, opt := range []Options{
		{TimeLimit: 10 * time.Second, Fairness: 2},                     // side by side
		{TimeLimit: 10 * time.Second, Fairness: 2, Iterations: 100000}, // one after the other
		{TimeLimit: 10 * time.Second, Fairness: -1},
	} {
		start := time.Now()
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
		// Proven optimal: the search stops long before its limit.
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%+v: took %v though the optimum was proven", opt, d)
		}
	}
}

// TestExactProvesImpossible: three participants who all meet each other
// in two slots. Each alone fits (two meetings, two slots) and the weight
// bound allows all three meetings, so only the exact model sees that the
// triangle needs three slots.
func TestExactProvesImpossible(t *testing.T) {
	js := strings.Replace(triangle, `"slots":3,"tables":1`, `"slots":2,"tables":3`, 1)
	inst, err := ReadInstance(strings.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	if b := Bound(inst); b.Weight != 3 {
		t.Fatalf("weight bound %d, want 3 (else this test proves nothing)", b.Weight)
	}
	for _, opt := range []Options{
		{TimeLimit: 10 * time.Second, Fairness: -1},
		{TimeLimit: 10 * time.Second, Fairness: -1, Iterations: 100000},
	} {
		start := time.Now()
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
		if d := time.Since(start); opt.Iterations == 0 && d > 8*time.Second {
			t.Errorf("%+v: took %v though impossibility was proven", opt, d)
		}
	}
}

// TestExactEndsWithoutFairSchedule: with fairness 0 the triangle at one
// table has complete schedules but none fair (somebody waits, the others
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
// the best schedule, knows when the exact model has proved a bound, and
// stops every search once the best schedule meets the bound or no
// schedule exists.
func TestPool(t *testing.T) {
	type step struct {
		op    string // "offer", "raise" or "impossible"
		n     int    // breaks offered, or bound raised to
		slot0 int    // first meeting's slot in the schedule offered
	}
	type want struct {
		Breaks, LB int
		Slot0      int // -1: no schedule
		Proved     bool
		Stopped    bool
		Settled    bool
		None       bool
	}
	for _, tc := range []struct {
		name  string
		lb    int
		steps []step
		want  want
	}{
		{"nothing yet", 2, nil, want{Breaks: math.MaxInt, LB: 2, Slot0: -1}},
		{"the better schedule stays", 0, []step{{"offer", 5, 1}, {"offer", 3, 2}, {"offer", 4, 3}},
			want{Breaks: 3, Slot0: 2}},
		{"a bound above the first is proved", 1, []step{{"offer", 5, 1}, {"raise", 3, 0}},
			want{Breaks: 5, LB: 3, Slot0: 1, Proved: true}},
		{"a lower bound proves nothing new", 3, []step{{"raise", 2, 0}},
			want{Breaks: math.MaxInt, LB: 3, Slot0: -1}},
		{"schedule meets the bound", 1, []step{{"raise", 3, 0}, {"offer", 3, 4}},
			want{Breaks: 3, LB: 3, Slot0: 4, Proved: true, Stopped: true, Settled: true}},
		{"bound meets the schedule", 1, []step{{"offer", 3, 4}, {"raise", 3, 0}},
			want{Breaks: 3, LB: 3, Slot0: 4, Proved: true, Stopped: true, Settled: true}},
		{"no schedule exists", 0, []step{{"impossible", 0, 0}},
			want{Breaks: math.MaxInt, Slot0: -1, Stopped: true, Settled: true, None: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stopped := false
			pl := newPool(tc.lb, func() { stopped = true })
			for _, s := range tc.steps {
				switch s.op {
				case "offer":
					slot := []int{s.slot0, 0}
					pl.offer(slot, s.n)
					slot[0] = 99 // the pool keeps its own copy
				case "raise":
					pl.raise(s.n)
				case "impossible":
					pl.impossible()
				}
			}
			best, breaks := pl.current()
			_, lb, none := pl.result()
			got := want{Breaks: breaks, LB: lb, Slot0: -1, Proved: pl.proved(), Stopped: stopped, Settled: pl.settled(), None: none}
			if best != nil {
				got.Slot0 = best[0]
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("pool (-want +got):\n%s", diff)
			}
		})
	}
}
