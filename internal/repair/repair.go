// Package repair re-optimises the rest of an event day after no-shows, late
// arrivals or new requests, changing as little as it can: meetings already
// held, locked or before the current slot stay; among the schedules it
// finds it prefers, lexicographically, the largest total weight, then the
// fewest changed meetings that had a slot (moved or dropped), then the
// fewest breaks. It is a pure package: values in, values out.
//
// The method is local: every meeting that can stay stays; meetings that
// lost their slot (a participant is gone) are dropped; then the unscheduled
// meetings, heaviest first, are put where both sides are free (no change),
// else where moving one or two other meetings to a free slot makes room,
// else where ejecting lighter meetings gains weight (the ejected ones try
// again). Weight only grows, so it ends. A full reschedule may find more
// weight on some instances; docs/BENCHMARKS.md compares the two.
package repair

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/dagang/dagang"
)

// Participant is one participant of the day.
type Participant struct {
	Unavailable []int // slots it cannot meet in
	Cap         int   // most meetings; 0: no cap
	// GoneFrom is the first slot the participant is absent from (a
	// no-show who left); -1: present to the end.
	GoneFrom int
	// From is the first slot it can meet in (a late arrival); 0: all day.
	From int
}

// Meeting is one meeting, scheduled or asked for.
type Meeting struct {
	A, B   int // participant indices
	Weight int
	// Slot is where the meeting is now; -1: not scheduled (a new request
	// or one left out before).
	Slot int
	// Fixed meetings stay at Slot: held, locked, or before the current
	// slot.
	Fixed bool
	// Lo and Hi bound the slots it may take (its session): Lo ≤ t < Hi;
	// both 0: the whole day.
	Lo, Hi int
}

// Instance is the day to repair.
type Instance struct {
	Slots, Tables int
	// Now is the first slot that may change; earlier meetings are fixed.
	Now          int
	Participants []Participant
	Meetings     []Meeting
}

// Result is the repaired day.
type Result struct {
	Slot    []int `json:"slots"`   // per meeting: its slot, -1 unscheduled
	Weight  int   `json:"weight"`  // total weight scheduled
	Changes int   `json:"changes"` // meetings that had a slot and lost or changed it
	Breaks  int   `json:"breaks"`
	Moved   []int `json:"moved"`   // meetings now at another slot
	Dropped []int `json:"dropped"` // meetings that had a slot and have none
	Added   []int `json:"added"`   // meetings that had none and have one
	// Affected lists the participants whose day changed, increasing.
	Affected []int `json:"affected"`
}

// Validate refuses an instance the repair cannot read.
func (in *Instance) Validate() error {
	var v dagang.Validation
	v.Check(in.Slots >= 1 && in.Slots <= 1000, "slots", "jumlah sesi harus 1–1000", "slots must be 1–1000")
	v.Check(in.Tables >= 1, "tables", "jumlah meja minimal 1", "tables must be at least 1")
	v.Check(in.Now >= 0 && in.Now <= in.Slots, "now", "sesi saat ini di luar hari", "the current slot lies outside the day")
	if err := v.Err(); err != nil {
		return err
	}
	np := len(in.Participants)
	for i, m := range in.Meetings {
		ok := m.A >= 0 && m.A < np && m.B >= 0 && m.B < np && m.A != m.B && m.Weight >= 0 && m.Slot >= -1 && m.Slot < in.Slots &&
			m.Lo >= 0 && m.Hi <= in.Slots && m.Lo <= m.Hi && (!m.Fixed || m.Slot >= 0)
		if !ok {
			v.Add("meetings", "pertemuan "+itoa(i)+" tidak valid", "meeting "+itoa(i)+" is not valid")
		}
	}
	return v.Err()
}

func itoa(i int) string { return strconv.Itoa(i) }

// day is the state of the search: who meets when.
type day struct {
	in    *Instance
	T     int
	slot  []int // per meeting
	busy  []int // busy[p*T+t]: meeting of p in t, or -1
	load  []int // meetings per slot
	count []int // meetings per participant
	avail []bool
}

func newDay(in *Instance) *day {
	T, np := in.Slots, len(in.Participants)
	d := &day{in: in, T: T, slot: make([]int, len(in.Meetings)), busy: make([]int, np*T), load: make([]int, T), count: make([]int, np), avail: make([]bool, np*T)}
	for i := range d.busy {
		d.busy[i] = -1
	}
	for p, pp := range in.Participants {
		for t := range T {
			d.avail[p*T+t] = t >= pp.From && (pp.GoneFrom < 0 || t < pp.GoneFrom)
		}
		for _, t := range pp.Unavailable {
			if t >= 0 && t < T {
				d.avail[p*T+t] = false
			}
		}
	}
	for m := range d.slot {
		d.slot[m] = -1
	}
	return d
}

func (d *day) place(m, t int) {
	mt := d.in.Meetings[m]
	d.slot[m] = t
	d.busy[mt.A*d.T+t], d.busy[mt.B*d.T+t] = m, m
	d.load[t]++
	d.count[mt.A]++
	d.count[mt.B]++
}

func (d *day) remove(m int) {
	t := d.slot[m]
	mt := d.in.Meetings[m]
	d.slot[m] = -1
	d.busy[mt.A*d.T+t], d.busy[mt.B*d.T+t] = -1, -1
	d.load[t]--
	d.count[mt.A]--
	d.count[mt.B]--
}

// allowed reports whether meeting m may take slot t as far as time goes:
// after now, in its session, both sides there.
func (d *day) allowed(m, t int) bool {
	mt := d.in.Meetings[m]
	hi := mt.Hi
	if mt.Lo == 0 && mt.Hi == 0 {
		hi = d.T
	}
	return t >= d.in.Now && t >= mt.Lo && t < hi && d.avail[mt.A*d.T+t] && d.avail[mt.B*d.T+t]
}

// free reports whether m can go to t with nothing else changing.
func (d *day) free(m, t int) bool {
	mt := d.in.Meetings[m]
	return d.allowed(m, t) && d.busy[mt.A*d.T+t] < 0 && d.busy[mt.B*d.T+t] < 0 && d.load[t] < d.in.Tables
}

func (d *day) capOK(p int) bool {
	c := d.in.Participants[p].Cap
	return c <= 0 || d.count[p] < c
}

// breakDelta is how many breaks placing m at t adds for its two
// participants (negative: it closes a gap).
func (d *day) breakDelta(m, t int) int {
	mt := d.in.Meetings[m]
	return d.breaksWith(mt.A, t) + d.breaksWith(mt.B, t)
}

// breaksWith is the change of p's breaks if p became busy in t.
func (d *day) breaksWith(p, t int) int {
	prev, next := -1, -1
	for s := t - 1; s >= 0; s-- {
		if d.busy[p*d.T+s] >= 0 {
			prev = s
			break
		}
	}
	for s := t + 1; s < d.T; s++ {
		if d.busy[p*d.T+s] >= 0 {
			next = s
			break
		}
	}
	gap := func(a, b int) int {
		if a >= 0 && b >= 0 && b-a > 1 {
			return 1
		}
		return 0
	}
	return gap(prev, t) + gap(t, next) - gap(prev, next)
}

// Breaks counts, over all participants, consecutive meetings that are not
// in adjacent slots.
func breaks(d *day) int {
	n := 0
	for p := range d.in.Participants {
		last := -1
		for t := range d.T {
			if d.busy[p*d.T+t] >= 0 {
				if last >= 0 && t-last > 1 {
					n++
				}
				last = t
			}
		}
	}
	return n
}

// Repair repairs the day.
func Repair(in *Instance) (*Result, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	d := newDay(in)
	// Fixed meetings first, then every meeting that can stay, heaviest
	// first (on a clash the lighter one gives way).
	order := make([]int, len(in.Meetings))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		mx, my := in.Meetings[x], in.Meetings[y]
		return cmp.Or(boolCmp(my.Fixed, mx.Fixed), cmp.Compare(my.Weight, mx.Weight))
	})
	for _, m := range order {
		mt := in.Meetings[m]
		switch {
		case mt.Fixed:
			d.place(m, mt.Slot)
		case mt.Slot >= 0 && mt.Slot < in.Now:
			d.place(m, mt.Slot) // the past is not repaired
		case mt.Slot >= 0 && d.free(m, mt.Slot) && d.capOK(mt.A) && d.capOK(mt.B):
			d.place(m, mt.Slot)
		}
	}
	d.fill(order)
	return d.result(), nil
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// fill inserts the unscheduled meetings, heaviest first, until none can
// be added.
func (d *day) fill(order []int) {
	queue := slices.Clone(order)
	// Every insertion gains weight, so this ends; the bound is a guard.
	for rounds := 0; len(queue) > 0 && rounds < 4*len(order)+4; rounds++ {
		var next []int
		for _, m := range queue {
			if d.slot[m] >= 0 || d.in.Meetings[m].Weight == 0 {
				continue
			}
			next = append(next, d.insert(m)...)
		}
		slices.SortStableFunc(next, func(x, y int) int { return cmp.Compare(d.in.Meetings[y].Weight, d.in.Meetings[x].Weight) })
		queue = next
	}
}

// option is one way to put a meeting at a slot: meetings to move (each to
// its slot) and meetings to drop.
type option struct {
	t      int
	moves  [][2]int // meeting, new slot
	drops  []int
	gain   int // weight gained
	cost   int // changed meetings that had a slot
	breaks int
}

func (o option) better(p option) bool {
	return cmp.Or(cmp.Compare(p.gain, o.gain), cmp.Compare(o.cost, p.cost), cmp.Compare(o.breaks, p.breaks)) < 0
}

// insert puts meeting m where it costs least and returns the meetings it
// ejected, to be inserted again.
func (d *day) insert(m int) []int {
	mt := d.in.Meetings[m]
	var best *option
	consider := func(o option) {
		if o.gain > 0 && (best == nil || o.better(*best)) {
			b := o
			best = &b
		}
	}
	for t := d.in.Now; t < d.T; t++ {
		if !d.allowed(m, t) {
			continue
		}
		var blockers []int
		for _, p := range []int{mt.A, mt.B} {
			if b := d.busy[p*d.T+t]; b >= 0 && !slices.Contains(blockers, b) {
				blockers = append(blockers, b)
			}
		}
		o := option{t: t, gain: mt.Weight}
		ok := true
		for _, b := range blockers {
			if d.in.Meetings[b].Fixed || d.slot[b] < d.in.Now {
				ok = false
				break
			}
			// Move the blocker to a slot where it fits as things are.
			if nt := d.moveTarget(b, t); nt >= 0 {
				o.moves = append(o.moves, [2]int{b, nt})
			} else {
				o.drops = append(o.drops, b)
				o.gain -= d.in.Meetings[b].Weight
			}
			o.cost++
		}
		if !ok {
			continue
		}
		if len(blockers) == 0 && d.load[t] >= d.in.Tables {
			// A full slot: drop its lightest movable meeting, unless it
			// can move.
			l := d.lightestIn(t)
			if l < 0 {
				continue
			}
			if nt := d.moveTarget(l, t); nt >= 0 {
				o.moves = append(o.moves, [2]int{l, nt})
			} else {
				o.drops = append(o.drops, l)
				o.gain -= d.in.Meetings[l].Weight
			}
			o.cost++
		}
		// Caps: a participant at its cap gives up its lightest movable
		// meeting (not one already leaving).
		for _, p := range []int{mt.A, mt.B} {
			c := d.in.Participants[p].Cap
			if c <= 0 {
				continue
			}
			leaving := 0
			for _, b := range o.drops {
				if x := d.in.Meetings[b]; x.A == p || x.B == p {
					leaving++
				}
			}
			if d.count[p]-leaving < c {
				continue
			}
			l := d.lightestOf(p, o.drops, o.moves)
			if l < 0 {
				ok = false
				break
			}
			o.drops = append(o.drops, l)
			o.gain -= d.in.Meetings[l].Weight
			o.cost++
		}
		if !ok || !d.distinctMoves(o) {
			continue
		}
		o.breaks = d.breakDelta(m, t)
		consider(o)
	}
	if best == nil {
		return nil
	}
	for _, b := range best.drops {
		if d.slot[b] >= 0 {
			d.remove(b)
		}
	}
	for _, mv := range best.moves {
		if d.slot[mv[0]] >= 0 {
			d.remove(mv[0])
		}
	}
	for _, mv := range best.moves {
		if d.free(mv[0], mv[1]) {
			d.place(mv[0], mv[1])
		} else {
			best.drops = append(best.drops, mv[0])
		}
	}
	if d.free(m, best.t) {
		d.place(m, best.t)
	}
	return best.drops
}

// distinctMoves refuses options whose moves land two meetings of one
// participant, or too many meetings, in one slot.
func (d *day) distinctMoves(o option) bool {
	seen := map[[2]int]bool{}
	per := map[int]int{}
	for _, mv := range o.moves {
		x := d.in.Meetings[mv[0]]
		for _, p := range []int{x.A, x.B} {
			if seen[[2]int{p, mv[1]}] {
				return false
			}
			seen[[2]int{p, mv[1]}] = true
		}
		per[mv[1]]++
		if d.load[mv[1]]+per[mv[1]] > d.in.Tables {
			return false
		}
	}
	return true
}

// moveTarget is the slot (other than t) meeting b can move to with
// nothing else changing and the fewest added breaks; -1 if none.
func (d *day) moveTarget(b, t int) int {
	best, bestBreaks := -1, 0
	mb := d.in.Meetings[b]
	for s := d.in.Now; s < d.T; s++ {
		if s == t || !d.allowed(b, s) || d.load[s] >= d.in.Tables {
			continue
		}
		free := true
		for _, p := range []int{mb.A, mb.B} {
			if x := d.busy[p*d.T+s]; x >= 0 && x != b {
				free = false
			}
		}
		if !free {
			continue
		}
		br := d.breakDelta(b, s)
		if best < 0 || br < bestBreaks {
			best, bestBreaks = s, br
		}
	}
	return best
}

// lightestIn is the lightest movable meeting in slot t, -1 if none.
func (d *day) lightestIn(t int) int {
	best := -1
	for m, s := range d.slot {
		if s == t && !d.in.Meetings[m].Fixed && (best < 0 || d.in.Meetings[m].Weight < d.in.Meetings[best].Weight) {
			best = m
		}
	}
	return best
}

// lightestOf is the lightest movable scheduled meeting of p that is not
// already dropped or moved.
func (d *day) lightestOf(p int, drops []int, moves [][2]int) int {
	best := -1
	for t := d.in.Now; t < d.T; t++ {
		m := d.busy[p*d.T+t]
		if m < 0 || d.in.Meetings[m].Fixed || slices.Contains(drops, m) || slices.ContainsFunc(moves, func(mv [2]int) bool { return mv[0] == m }) {
			continue
		}
		if best < 0 || d.in.Meetings[m].Weight < d.in.Meetings[best].Weight {
			best = m
		}
	}
	return best
}

func (d *day) result() *Result {
	r := &Result{Slot: slices.Clone(d.slot), Moved: []int{}, Dropped: []int{}, Added: []int{}, Affected: []int{}}
	touched := map[int]bool{}
	for m, mt := range d.in.Meetings {
		now := d.slot[m]
		if now >= 0 {
			r.Weight += mt.Weight
		}
		switch {
		case mt.Slot >= 0 && now < 0:
			r.Dropped = append(r.Dropped, m)
		case mt.Slot >= 0 && now != mt.Slot:
			r.Moved = append(r.Moved, m)
		case mt.Slot < 0 && now >= 0:
			r.Added = append(r.Added, m)
		default:
			continue
		}
		touched[mt.A], touched[mt.B] = true, true
	}
	r.Changes = len(r.Moved) + len(r.Dropped)
	r.Breaks = breaks(d)
	for p := range d.in.Participants {
		if touched[p] {
			r.Affected = append(r.Affected, p)
		}
	}
	return r
}
