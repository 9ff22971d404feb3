package agenda

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/matching"
	"github.com/dagang/dagang/internal/schedule"
)

// Plan is an event's scheduling problem: the instance and what each of its
// participants and meetings stands for.
type Plan struct {
	Event    *dagang.Event
	Grid     *Grid
	People   map[int64]*Person
	Instance *schedule.Instance
	// Per instance participant, its participation ID.
	Participants []int64
	// Per instance meeting: the merged requests, or the locked meeting.
	Pairs  []matching.Pair
	Locked []*dagang.Meeting // nil where the meeting is not locked
}

// Build reads an event and makes its plan: every approved request between
// two participants who are not rejected becomes a meeting (two requests
// between the same pair become one, weighing more when both asked; a
// must-meet request outweighs all ordinary ones, see mustMeetFirst); each
// locked meeting is a meeting fixed to its slot. Build refuses locked
// meetings that cannot be kept (see Plan.Check).
func Build(ctx context.Context, st Store, eventID int64) (*Plan, error) {
	r, err := read(ctx, st, eventID)
	if err != nil {
		return nil, err
	}
	e, g, ppl, reqs, meetings := r.event, r.grid, r.people, r.approved, r.meetings
	p := &Plan{Event: e, Grid: g, People: ppl}
	var mr []matching.Request
	for _, r := range reqs {
		if ppl[r.FromID] != nil && ppl[r.ToID] != nil {
			mr = append(mr, matching.Request{ID: r.ID, From: r.FromID, To: r.ToID, Priority: r.Priority})
		}
	}
	pairs := mustMeetFirst(matching.Pairs(mr), mr)
	byPair := map[[2]int64]int{}
	for i, pr := range pairs {
		byPair[[2]int64{pr.A, pr.B}] = i
	}
	taken := map[int]bool{}
	for _, m := range meetings {
		if !m.Locked || ppl[m.AID] == nil || ppl[m.BID] == nil {
			continue
		}
		a, b := min(m.AID, m.BID), max(m.AID, m.BID)
		pr := matching.Pair{A: a, B: b, Weight: 1}
		if i, ok := byPair[[2]int64{a, b}]; ok && !taken[i] {
			pr, taken[i] = pairs[i], true
		}
		p.Pairs = append(p.Pairs, pr)
		p.Locked = append(p.Locked, m)
	}
	for i, pr := range pairs {
		if !taken[i] {
			p.Pairs = append(p.Pairs, pr)
			p.Locked = append(p.Locked, nil)
		}
	}
	if err := p.Check(); err != nil {
		return nil, err
	}
	p.instance()
	if err := p.Instance.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// MustMeet is the priority of a request its participant must not miss.
const MustMeet = 5

// mustMeetFirst raises the weight of every pair with a must-meet request
// above the total weight of all other pairs, so that no number of ordinary
// meetings outweighs one that a participant must have: the scheduler drops
// a must-meet meeting only when no schedule can hold it. Pending and
// declined requests are not in reqs, so they never take a slot.
func mustMeetFirst(pairs []matching.Pair, reqs []matching.Request) []matching.Pair {
	must := map[[2]int64]bool{}
	for _, r := range reqs {
		if r.Priority >= MustMeet {
			must[[2]int64{min(r.From, r.To), max(r.From, r.To)}] = true
		}
	}
	rest := 0
	for _, p := range pairs {
		if !must[[2]int64{p.A, p.B}] {
			rest += p.Weight
		}
	}
	for i, p := range pairs {
		if must[[2]int64{p.A, p.B}] {
			pairs[i].Weight += rest + 1
		}
	}
	return pairs
}

// instance writes the dagang-b2b/1 instance of the plan. Participants
// appear in participation order, named by Person.Label.
func (p *Plan) instance() {
	in := &schedule.Instance{Format: schedule.InstanceFormat, Name: p.Event.Name, Slots: p.Grid.Slots, Tables: p.Grid.Tables,
		Sessions: p.Grid.Sessions(), Participants: []schedule.Participant{}, Meetings: []schedule.Meeting{}}
	ids := make([]int64, 0, len(p.People))
	for id := range p.People {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	p.Participants = ids
	for _, id := range ids {
		person := p.People[id]
		sp := schedule.Participant{ID: person.Label(), Role: string(person.Participation.Role), Unavailable: person.Unavailable}
		if person.MaxMeetings > 0 {
			sp.MaxMeetings = &person.MaxMeetings
		}
		in.Participants = append(in.Participants, sp)
	}
	for i, pr := range p.Pairs {
		m := schedule.Meeting{A: p.People[pr.A].Label(), B: p.People[pr.B].Label(), Weight: pr.Weight}
		if l := p.Locked[i]; l != nil {
			slot := l.Slot
			m.FixedSlot = &slot
		}
		in.Meetings = append(in.Meetings, m)
	}
	p.Instance = in
}

// meetingName names a meeting by its two participants: "A – B".
func (p *Plan) meetingName(a, b int64) string {
	return p.People[a].Label() + " – " + p.People[b].Label()
}

// Check refuses locked meetings that cannot all be kept, naming the
// meetings and participants involved: a locked meeting outside the grid or
// in a slot one of its participants is unavailable in; more locked meetings
// in a slot than tables, or two at the same table; a participant with two
// locked meetings in one slot, or more locked meetings than its cap.
func (p *Plan) Check() error {
	var v dagang.Validation
	g := p.Grid
	bySlot := map[int][]int{}
	perPerson := map[int64][]int{}
	for i, m := range p.Locked {
		if m == nil {
			continue
		}
		name := p.meetingName(m.AID, m.BID)
		if m.Slot < 0 || m.Slot >= g.Slots || m.Table < 0 || m.Table >= g.Tables {
			v.Add("meetings", fmt.Sprintf("pertemuan terkunci %s di sesi %d meja %d berada di luar grid kegiatan (%d sesi, %d meja)", name, m.Slot+1, m.Table+1, g.Slots, g.Tables),
				fmt.Sprintf("locked meeting %s in slot %d at table %d lies outside the event grid (%d slots, %d tables)", name, m.Slot+1, m.Table+1, g.Slots, g.Tables))
			if m.Slot < 0 || m.Slot >= g.Slots {
				continue
			}
		}
		for _, id := range []int64{m.AID, m.BID} {
			if slices.Contains(p.People[id].Unavailable, m.Slot) {
				v.Add("meetings", fmt.Sprintf("pertemuan terkunci %s pada %s: %s tidak tersedia pada sesi itu", name, g.SlotName(m.Slot), p.People[id].Label()),
					fmt.Sprintf("locked meeting %s in %s: %s is unavailable then", name, g.SlotNameEN(m.Slot), p.People[id].Label()))
			}
			perPerson[id] = append(perPerson[id], i)
		}
		bySlot[m.Slot] = append(bySlot[m.Slot], i)
	}
	names := func(is []int) string {
		var s []string
		for _, i := range is {
			s = append(s, p.meetingName(p.Locked[i].AID, p.Locked[i].BID))
		}
		return strings.Join(s, "; ")
	}
	for _, slot := range sortedKeys(bySlot) {
		is := bySlot[slot]
		if len(is) > g.Tables {
			v.Add("meetings", fmt.Sprintf("%s punya %d pertemuan terkunci, lebih banyak dari %d meja: %s", g.SlotName(slot), len(is), g.Tables, names(is)),
				fmt.Sprintf("%s has %d locked meetings, more than its %d tables: %s", g.SlotNameEN(slot), len(is), g.Tables, names(is)))
		}
		byTable := map[int][]int{}
		for _, i := range is {
			byTable[p.Locked[i].Table] = append(byTable[p.Locked[i].Table], i)
		}
		for _, table := range sortedKeys(byTable) {
			if js := byTable[table]; len(js) > 1 {
				v.Add("meetings", fmt.Sprintf("meja %d pada %s dipakai %d pertemuan terkunci: %s", table+1, g.SlotName(slot), len(js), names(js)),
					fmt.Sprintf("table %d in %s holds %d locked meetings: %s", table+1, g.SlotNameEN(slot), len(js), names(js)))
			}
		}
	}
	for _, id := range sortedKeys(perPerson) {
		is := perPerson[id]
		person := p.People[id]
		if person.MaxMeetings > 0 && len(is) > person.MaxMeetings {
			v.Add("meetings", fmt.Sprintf("%s punya %d pertemuan terkunci, lebih dari batasnya %d: %s", person.Label(), len(is), person.MaxMeetings, names(is)),
				fmt.Sprintf("%s has %d locked meetings, more than its cap of %d: %s", person.Label(), len(is), person.MaxMeetings, names(is)))
		}
		bySlot := map[int][]int{}
		for _, i := range is {
			bySlot[p.Locked[i].Slot] = append(bySlot[p.Locked[i].Slot], i)
		}
		for _, slot := range sortedKeys(bySlot) {
			if js := bySlot[slot]; len(js) > 1 {
				v.Add("meetings", fmt.Sprintf("%s punya %d pertemuan terkunci pada %s: %s", person.Label(), len(js), g.SlotName(slot), names(js)),
					fmt.Sprintf("%s has %d locked meetings in %s: %s", person.Label(), len(js), g.SlotNameEN(slot), names(js)))
			}
		}
	}
	if err := v.Err(); err != nil {
		e := err.(*dagang.Error)
		e.Message = "Pertemuan terkunci tidak dapat dipertahankan; buka kuncinya atau pindahkan"
		e.MessageEN = "Locked meetings cannot be kept; unlock or move them"
		return e
	}
	return nil
}

func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// Options tune Solve.
type Options struct {
	TimeLimit  time.Duration // 0: 5 seconds
	Seed       uint64
	Iterations int64 // 0: search until the time limit
	Fairness   int   // largest spread of breaks; -1: none
}

// Result is what Solve achieved.
type Result struct {
	Requested   int `json:"requested"` // meetings asked for (pairs), locked ones included
	Scheduled   int `json:"scheduled"`
	Locked      int `json:"locked"`
	Weight      int `json:"weight"`
	WeightBound int `json:"weight_bound"`
	Breaks      int `json:"breaks"`
	BreaksBound int `json:"breaks_bound"` // proven: no schedule of this weight has fewer breaks
	// WeightGap and BreaksGap say how far the schedule may be from the
	// best possible (schedule.Schedule.Gap); both zero: optimal, proven.
	WeightGap   int      `json:"weight_gap"`
	BreaksGap   int      `json:"breaks_gap"`
	Unscheduled []string `json:"unscheduled"` // "A – B" of each meeting left out
	ElapsedMS   int64    `json:"elapsed_ms"`
}

// Solve builds the plan of an event, solves it and stores the schedule:
// every unlocked meeting of the event is replaced, locked ones stay where
// they are.
// Once the agenda is published, the participants whose meetings changed
// are told (Announce).
func Solve(ctx context.Context, st Store, eventID int64, opt Options) (*Result, error) {
	p, err := Build(ctx, st, eventID)
	if err != nil {
		return nil, err
	}
	if opt.TimeLimit <= 0 {
		opt.TimeLimit = 5 * time.Second
	}
	if opt.Fairness == 0 {
		opt.Fairness = -1
	}
	sc, err := schedule.Solve(ctx, p.Instance, schedule.Options{TimeLimit: opt.TimeLimit, Seed: opt.Seed, Iterations: opt.Iterations, Fairness: opt.Fairness})
	if err != nil {
		return nil, err
	}
	if _, err := schedule.Check(p.Instance, sc); err != nil {
		return nil, fmt.Errorf("agenda: the solver returned an infeasible schedule: %w", err)
	}
	ms, res := p.meetings(sc)
	if err := st.ReplaceMeetings(ctx, eventID, ms); err != nil {
		return nil, err
	}
	if _, err := Announce(ctx, st, eventID); err != nil {
		return nil, err
	}
	return res, nil
}

// meetings turns a schedule into the unlocked meetings to store.
func (p *Plan) meetings(sc *schedule.Schedule) ([]*dagang.Meeting, *Result) {
	res := &Result{Requested: len(p.Pairs), Scheduled: sc.Objective.Scheduled, Weight: sc.Objective.Weight, Breaks: sc.Objective.Breaks,
		Unscheduled: []string{}, ElapsedMS: sc.ElapsedMS}
	if sc.Bound != nil {
		res.WeightBound, res.BreaksBound = sc.Bound.Weight, sc.Bound.Breaks
		res.WeightGap, res.BreaksGap, _ = sc.Gap()
	}
	for _, m := range p.Locked {
		if m != nil {
			res.Locked++
		}
	}
	var out []*dagang.Meeting
	for _, a := range p.tables(sc.Assignments) {
		pr := p.Pairs[a.Meeting]
		m := &dagang.Meeting{EventID: p.Event.ID, AID: pr.A, BID: pr.B, Slot: a.Slot, Table: a.Table}
		if len(pr.Requests) > 0 {
			m.RequestID = pr.Requests[0]
		}
		out = append(out, m)
	}
	for _, i := range sc.Unscheduled {
		res.Unscheduled = append(res.Unscheduled, p.meetingName(p.Pairs[i].A, p.Pairs[i].B))
	}
	return out, res
}

// tables gives the unlocked meetings of a schedule their tables, slot by
// slot, so that participants move as little as possible: a meeting takes
// the table of the previous meeting of its busier participant when it is
// free, else that of the other participant, else the lowest free table
// nobody has sat at yet, else the lowest free table. Locked meetings keep
// their tables. The result is ordered by slot and table.
func (p *Plan) tables(as []schedule.Assignment) []schedule.Assignment {
	count := map[int64]int{}
	for _, a := range as {
		count[p.Pairs[a.Meeting].A]++
		count[p.Pairs[a.Meeting].B]++
	}
	// host is the participant that keeps its table: the busier one.
	host := func(pr matching.Pair) (int64, int64) {
		if count[pr.B] > count[pr.A] {
			return pr.B, pr.A
		}
		return pr.A, pr.B
	}
	bySlot := map[int][]schedule.Assignment{}
	for _, a := range as {
		bySlot[a.Slot] = append(bySlot[a.Slot], a)
	}
	last := map[int64]int{} // participant → table of its latest meeting
	taken := map[int]bool{} // tables somebody has sat at
	sit := func(pr matching.Pair, t int) {
		last[pr.A], last[pr.B], taken[t] = t, t, true
	}
	var out []schedule.Assignment
	for _, slot := range sortedKeys(bySlot) {
		used := map[int]bool{}
		var free []schedule.Assignment
		for _, a := range bySlot[slot] {
			if l := p.Locked[a.Meeting]; l != nil {
				used[l.Table] = true
				sit(p.Pairs[a.Meeting], l.Table)
				continue
			}
			free = append(free, a)
		}
		slices.SortStableFunc(free, func(x, y schedule.Assignment) int {
			hx, _ := host(p.Pairs[x.Meeting])
			hy, _ := host(p.Pairs[y.Meeting])
			return cmp.Or(cmp.Compare(count[hy], count[hx]), cmp.Compare(x.Meeting, y.Meeting))
		})
		for i := range free {
			h, g := host(p.Pairs[free[i].Meeting])
			t := -1
			for _, who := range []int64{h, g} {
				if lt, ok := last[who]; ok && !used[lt] && t < 0 {
					t = lt
				}
			}
			if t < 0 {
				for t = 0; used[t] || taken[t]; t++ {
				}
				if t >= p.Grid.Tables {
					for t = 0; used[t]; t++ {
					}
				}
			}
			used[t] = true
			free[i].Table = t
		}
		for _, a := range free {
			sit(p.Pairs[a.Meeting], a.Table)
		}
		slices.SortFunc(free, func(x, y schedule.Assignment) int { return cmp.Compare(x.Table, y.Table) })
		out = append(out, free...)
	}
	return out
}
