package repair

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// check verifies a repaired day against every hard rule and against the
// instance: fixed and past meetings kept, nobody twice in a slot, tables,
// caps, availability and sessions; and that the result's figures are
// those of its slots.
func check(t *testing.T, in *Instance, r *Result) {
	t.Helper()
	T := in.Slots
	busy := map[[2]int]int{}
	load := make([]int, T)
	count := make([]int, len(in.Participants))
	weight, changes := 0, 0
	for m, mt := range in.Meetings {
		s := r.Slot[m]
		if (mt.Fixed || (mt.Slot >= 0 && mt.Slot < in.Now)) && s != mt.Slot {
			t.Errorf("meeting %d was fixed or past at %d, now at %d", m, mt.Slot, s)
		}
		if mt.Slot >= 0 && s != mt.Slot {
			changes++
		}
		if s < 0 {
			continue
		}
		weight += mt.Weight
		load[s]++
		for _, p := range []int{mt.A, mt.B} {
			if o, ok := busy[[2]int{p, s}]; ok {
				t.Errorf("participant %d meets twice in slot %d (meetings %d and %d)", p, s, o, m)
			}
			busy[[2]int{p, s}] = m
			count[p]++
			pp := in.Participants[p]
			free := !slices.Contains(pp.Unavailable, s) && s >= pp.From && (pp.GoneFrom < 0 || s < pp.GoneFrom)
			if !free && !mt.Fixed && !(mt.Slot == s && s < in.Now) {
				t.Errorf("meeting %d in slot %d where participant %d is not there", m, s, p)
			}
		}
		if !mt.Fixed && s != mt.Slot && (s < in.Now || (mt.Hi > 0 && (s < mt.Lo || s >= mt.Hi))) {
			t.Errorf("meeting %d moved to slot %d outside now %d or its session [%d, %d)", m, s, in.Now, mt.Lo, mt.Hi)
		}
	}
	for s, n := range load {
		if n > in.Tables {
			t.Errorf("slot %d holds %d meetings on %d tables", s, n, in.Tables)
		}
	}
	for p, pp := range in.Participants {
		if pp.Cap > 0 && count[p] > pp.Cap {
			t.Errorf("participant %d has %d meetings, cap %d", p, count[p], pp.Cap)
		}
	}
	if weight != r.Weight || changes != r.Changes || changes != len(r.Moved)+len(r.Dropped) {
		t.Errorf("result says weight %d changes %d, slots give %d and %d", r.Weight, r.Changes, weight, changes)
	}
}

func TestNothingHappenedNothingChanges(t *testing.T) {
	in := &Instance{Slots: 3, Tables: 2, Now: 1, Participants: []Participant{{GoneFrom: -1}, {GoneFrom: -1}, {GoneFrom: -1}, {GoneFrom: -1}},
		Meetings: []Meeting{{A: 0, B: 1, Weight: 2, Slot: 0}, {A: 0, B: 2, Weight: 1, Slot: 1}, {A: 1, B: 3, Weight: 3, Slot: 2}}}
	r, err := Repair(in)
	if err != nil {
		t.Fatal(err)
	}
	check(t, in, r)
	if r.Changes != 0 || r.Weight != 6 || len(r.Affected) != 0 {
		t.Errorf("a day without events changed: %+v", r)
	}
}

// TestNoShowMovesTheFewest: participant 3 leaves; its meeting with 2 goes.
// The request 2–4 (new, weight 5) fits in the freed slot without moving
// anybody; the meetings of 0 and 1 stay where they were.
func TestNoShowMovesTheFewest(t *testing.T) {
	ps := []Participant{{GoneFrom: -1}, {GoneFrom: -1}, {GoneFrom: -1}, {GoneFrom: 1}, {GoneFrom: -1}}
	in := &Instance{Slots: 3, Tables: 2, Now: 1, Participants: ps, Meetings: []Meeting{
		{A: 0, B: 1, Weight: 2, Slot: 0, Fixed: true}, // held
		{A: 2, B: 3, Weight: 3, Slot: 1},              // 3 has gone
		{A: 0, B: 2, Weight: 2, Slot: 2},
		{A: 1, B: 4, Weight: 1, Slot: 1},
		{A: 2, B: 4, Weight: 5, Slot: -1}, // new request
	}}
	r, err := Repair(in)
	if err != nil {
		t.Fatal(err)
	}
	check(t, in, r)
	// 2–4 cannot take slot 1 (4 meets 1 there) without a move; in slot 2,
	// 2 meets 0. The best weight takes one move: 1–4 or 0–2 elsewhere.
	if r.Weight != 10 {
		t.Errorf("weight %d, want 10 (every meeting but the one with the absent participant): slots %v", r.Weight, r.Slot)
	}
	if r.Changes != 2 {
		t.Errorf("%d changes (dropped %v, moved %v), want 2: the absent one's meeting and one move; slots %v", r.Changes, r.Dropped, r.Moved, r.Slot)
	}
	if !slices.Contains(r.Affected, 3) || slices.Contains(r.Affected, 0) && slices.Contains(r.Affected, 1) {
		t.Errorf("affected %v", r.Affected)
	}
}

func TestRefusesBadInstances(t *testing.T) {
	for _, in := range []*Instance{
		{Slots: 0, Tables: 1},
		{Slots: 2, Tables: 1, Now: 3},
		{Slots: 2, Tables: 1, Participants: []Participant{{}, {}}, Meetings: []Meeting{{A: 0, B: 0}}},
		{Slots: 2, Tables: 1, Participants: []Participant{{}, {}}, Meetings: []Meeting{{A: 0, B: 1, Slot: 5}}},
		{Slots: 2, Tables: 1, Participants: []Participant{{}, {}}, Meetings: []Meeting{{A: 0, B: 1, Slot: -1, Fixed: true}}},
	} {
		if _, err := Repair(in); err == nil {
			t.Errorf("accepted %+v", in)
		}
	}
}

// TestRandomDays repairs random days after random absences and late
// arrivals and checks every rule; on days small enough it compares the
// weight with the best one found by trying every slot for every meeting.
func TestRandomDays(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 19))
	below := 0
	for round := range 300 {
		T, np := 2+rng.IntN(4), 3+rng.IntN(5)
		in := &Instance{Slots: T, Tables: 1 + rng.IntN(3), Now: rng.IntN(T)}
		for range np {
			p := Participant{GoneFrom: -1}
			if rng.IntN(5) == 0 {
				p.GoneFrom = in.Now + rng.IntN(T-in.Now+1)
			}
			if rng.IntN(6) == 0 {
				p.From = rng.IntN(T)
			}
			if rng.IntN(4) == 0 {
				p.Cap = 1 + rng.IntN(2)
			}
			if rng.IntN(4) == 0 {
				p.Unavailable = []int{rng.IntN(T)}
			}
			in.Participants = append(in.Participants, p)
		}
		// A feasible current schedule, built greedily before anything
		// happened, then a few new requests.
		busy := map[[2]int]bool{}
		load := make([]int, T)
		for range 2 + rng.IntN(6) {
			a, b := rng.IntN(np), rng.IntN(np)
			if a == b {
				continue
			}
			m := Meeting{A: a, B: b, Weight: 1 + rng.IntN(5), Slot: -1}
			if rng.IntN(4) > 0 {
				for s := range T {
					if !busy[[2]int{a, s}] && !busy[[2]int{b, s}] && load[s] < in.Tables {
						m.Slot = s
						busy[[2]int{a, s}], busy[[2]int{b, s}] = true, true
						load[s]++
						m.Fixed = s < in.Now && rng.IntN(2) == 0
						break
					}
				}
			}
			in.Meetings = append(in.Meetings, m)
		}
		// Caps and availability held for the old schedule's past part.
		for p := range in.Participants {
			in.Participants[p].Cap = 0
		}
		r, err := Repair(in)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		check(t, in, r)
		if t.Failed() {
			t.Fatalf("round %d: instance %+v result %+v", round, in, r)
		}
		if best := bestWeight(in); r.Weight > best {
			t.Fatalf("round %d: weight %d above the exhaustive best %d", round, r.Weight, best)
		} else if d := best - r.Weight; d > 0 {
			below++
			t.Logf("round %d: %d below the best %d", round, d, best)
		}
	}
	// The local repair is not exact: it reaches the best weight on 288 of
	// these 300 days. Fewer would be a regression.
	if below > 12 {
		t.Errorf("%d of 300 days repaired below the best weight, want at most 12", below)
	}
}

// bestWeight tries every slot (or none) for every movable meeting.
func bestWeight(in *Instance) int {
	best := -1
	slots := make([]int, len(in.Meetings))
	var try func(m int)
	try = func(m int) {
		if m == len(in.Meetings) {
			r := &Result{Slot: slots}
			if feasible(in, r) {
				w := 0
				for i, s := range slots {
					if s >= 0 {
						w += in.Meetings[i].Weight
					}
				}
				best = max(best, w)
			}
			return
		}
		mt := in.Meetings[m]
		if mt.Fixed || (mt.Slot >= 0 && mt.Slot < in.Now) {
			slots[m] = mt.Slot
			try(m + 1)
			return
		}
		for s := -1; s < in.Slots; s++ {
			if s >= 0 && s < in.Now {
				continue
			}
			slots[m] = s
			try(m + 1)
		}
	}
	try(0)
	return best
}

func feasible(in *Instance, r *Result) bool {
	busy := map[[2]int]bool{}
	load := make([]int, in.Slots)
	count := make([]int, len(in.Participants))
	for m, mt := range in.Meetings {
		s := r.Slot[m]
		if s < 0 {
			continue
		}
		load[s]++
		if load[s] > in.Tables {
			return false
		}
		past := mt.Fixed || (mt.Slot == s && s < in.Now)
		if !past && mt.Hi > 0 && (s < mt.Lo || s >= mt.Hi) {
			return false
		}
		for _, p := range []int{mt.A, mt.B} {
			if busy[[2]int{p, s}] {
				return false
			}
			busy[[2]int{p, s}] = true
			count[p]++
			pp := in.Participants[p]
			if !past && (slices.Contains(pp.Unavailable, s) || s < pp.From || (pp.GoneFrom >= 0 && s >= pp.GoneFrom)) {
				return false
			}
			if pp.Cap > 0 && count[p] > pp.Cap {
				return false
			}
		}
	}
	return true
}
