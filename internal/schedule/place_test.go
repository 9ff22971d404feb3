package schedule

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// On the trade-office class, the meetings of the weight bound's
// b-matching can be placed, so the solver's weight equals the bound: the
// optimum, proven.
func TestPlaceSetReachesBound(t *testing.T) {
	inst, err := Generate(GenOptions{Participants: 200, Requests: 2000, Slots: 16, Tables: 80, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Solve(context.Background(), inst, Options{TimeLimit: time.Minute, Fairness: -1, Seed: 1, Iterations: 200000})
	if err != nil {
		t.Fatal(err)
	}
	obj, err := Check(inst, sc)
	if err != nil {
		t.Fatal(err)
	}
	if g := Greedy(inst); g.Objective.Weight >= obj.Weight {
		t.Fatalf("greedy weight %d, ours %d: the instance shows nothing", g.Objective.Weight, obj.Weight)
	}
	if obj.Weight != sc.Bound.Weight {
		t.Errorf("weight %d, bound %d: want the bound", obj.Weight, sc.Bound.Weight)
	}
}

func TestPlaceSetRefuses(t *testing.T) {
	// Participant a has three meetings and two slots; meeting 3 must come
	// before meeting 0.
	inst, err := ReadInstance(strings.NewReader(`{"format":"dagang-b2b/1","slots":2,"tables":3,
		"participants":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"}],
		"meetings":[{"a":"a","b":"b"},{"a":"a","b":"c"},{"a":"a","b":"d"},{"a":"b","b":"c"}],
		"precedences":[[3,0]]}`))
	if err != nil {
		t.Fatal(err)
	}
	md := compile(inst)
	st := &stopper{ctx: context.Background()}
	for _, c := range []struct {
		name string
		set  []bool
		ok   bool
	}{
		{"fits", []bool{false, true, true, false}, true},
		{"too many for a", []bool{true, true, true, true}, false},
		{"successor without predecessor", []bool{true, false, false, false}, false},
		{"precedence kept", []bool{true, false, false, true}, true},
	} {
		slot := md.placeSet(c.set, st)
		if (slot != nil) != c.ok {
			t.Errorf("%s: placed %v, want %v", c.name, slot != nil, c.ok)
			continue
		}
		if slot == nil {
			continue
		}
		got := make([]bool, len(slot))
		for m, t := range slot {
			got[m] = t >= 0
		}
		if diff := cmp.Diff(c.set, got); diff != "" {
			t.Errorf("%s: placed meetings (-want +got):\n%s", c.name, diff)
		}
		if s := newState(md, slot); s.hard() != 0 {
			t.Errorf("%s: placement %v breaks a hard constraint", c.name, slot)
		}
	}
}
