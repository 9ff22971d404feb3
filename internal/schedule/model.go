package schedule

import (
	"slices"
)

// model is an instance compiled to dense indices for the solvers.
type model struct {
	inst     *Instance
	T        int     // slots
	tables   int     // meetings per slot
	np, nm   int     // participants, meetings
	ma, mb   []int   // participants of each meeting
	w        []int   // weights
	dom      [][]int // allowed slots of each meeting, increasing
	canSlot  []bool  // canSlot[m*T+t]: slot t is in dom[m]
	avail    []bool  // avail[p*T+t]: participant p can meet in slot t
	capacity []int   // max_meetings, or the number of meetings of p
	pm       [][]int // meetings of each participant
	pred     [][]int // meetings that must come before
	succ     [][]int // meetings that must come after
}

func compile(in *Instance) *model {
	T := in.Slots
	md := &model{inst: in, T: T, tables: in.Tables, np: len(in.Participants), nm: len(in.Meetings)}
	idx := make(map[string]int, md.np)
	md.avail = make([]bool, md.np*T)
	for i, p := range in.Participants {
		idx[p.ID] = i
		for t := 0; t < T; t++ {
			md.avail[i*T+t] = true
		}
		for _, t := range p.Unavailable {
			md.avail[i*T+t] = false
		}
	}
	sessions := make(map[string]Session, len(in.Sessions))
	for _, s := range in.Sessions {
		sessions[s.Name] = s
	}
	md.ma, md.mb, md.w = make([]int, md.nm), make([]int, md.nm), make([]int, md.nm)
	md.dom = make([][]int, md.nm)
	md.canSlot = make([]bool, md.nm*T)
	md.pm = make([][]int, md.np)
	for m, mt := range in.Meetings {
		a, b := idx[mt.A], idx[mt.B]
		md.ma[m], md.mb[m], md.w[m] = a, b, mt.Weight
		md.pm[a] = append(md.pm[a], m)
		md.pm[b] = append(md.pm[b], m)
		lo, hi := 0, T
		if s, ok := sessions[mt.Session]; ok {
			lo, hi = s.From, s.To
		}
		if mt.FixedSlot != nil {
			lo, hi = *mt.FixedSlot, *mt.FixedSlot+1
		}
		for t := lo; t < hi; t++ {
			if md.avail[a*T+t] && md.avail[b*T+t] {
				md.dom[m] = append(md.dom[m], t)
				md.canSlot[m*T+t] = true
			}
		}
	}
	md.capacity = make([]int, md.np)
	for p, pp := range in.Participants {
		md.capacity[p] = len(md.pm[p])
		if pp.MaxMeetings != nil && *pp.MaxMeetings < md.capacity[p] {
			md.capacity[p] = *pp.MaxMeetings
		}
	}
	md.pred, md.succ = make([][]int, md.nm), make([][]int, md.nm)
	for _, pr := range in.Precedences {
		md.pred[pr[1]] = append(md.pred[pr[1]], pr[0])
		md.succ[pr[0]] = append(md.succ[pr[0]], pr[1])
	}
	return md
}

// other returns the participant of meeting m that is not p.
func (md *model) other(m, p int) int {
	if md.ma[m] == p {
		return md.mb[m]
	}
	return md.ma[m]
}

// build turns a slot per meeting (-1: unscheduled) into a Schedule with
// tables numbered in each slot and the objective recomputed.
func (md *model) build(slot []int) *Schedule {
	s := &Schedule{Format: ScheduleFormat, Instance: md.inst.Name, Assignments: []Assignment{}, Unscheduled: []int{}}
	next := make([]int, md.T)
	days := make([][]int, md.np)
	for m, t := range slot {
		if t < 0 {
			s.Unscheduled = append(s.Unscheduled, m)
			continue
		}
		s.Assignments = append(s.Assignments, Assignment{Meeting: m, Slot: t, Table: next[t]})
		next[t]++
		s.Objective.Scheduled++
		s.Objective.Weight += md.w[m]
		days[md.ma[m]] = append(days[md.ma[m]], t)
		days[md.mb[m]] = append(days[md.mb[m]], t)
	}
	s.Objective.Breaks, s.Objective.BreakSpread = breaksOf(days)
	return s
}

// matchIntoSlots finds a largest matching of the given meetings into
// distinct slots of their domains (Kuhn's augmenting paths). It returns,
// per meeting in ms, its slot or -1. Only window slots in [lo, hi) are used.
func (md *model) matchIntoSlots(ms []int, lo, hi int) []int {
	owner := make([]int, md.T) // slot → index in ms, or -1
	for i := range owner {
		owner[i] = -1
	}
	at := make([]int, len(ms))
	seen := make([]int, md.T)
	stamp := 0
	var try func(i int) bool
	try = func(i int) bool {
		for _, t := range md.dom[ms[i]] {
			if t < lo || t >= hi || seen[t] == stamp {
				continue
			}
			seen[t] = stamp
			if owner[t] < 0 || try(owner[t]) {
				owner[t] = i
				at[i] = t
				return true
			}
		}
		return false
	}
	for i := range ms {
		at[i] = -1
		stamp++
		try(i)
	}
	return at
}

// participantShortfall checks, participant by participant, that all its
// meetings fit in distinct slots of their domains (ignoring everybody
// else). For the first participant where they do not, it returns the
// participant and the meetings that could not be placed; p is -1 when every
// participant passes.
func (md *model) participantShortfall() (p int, left []int) {
	for p := 0; p < md.np; p++ {
		ms := md.pm[p]
		at := md.matchIntoSlots(ms, 0, md.T)
		for i, t := range at {
			if t < 0 {
				left = append(left, ms[i])
			}
		}
		if len(left) > 0 {
			return p, left
		}
	}
	return -1, nil
}

// breakLowerBound is a lower bound on the breaks of any schedule that
// places every meeting: a participant whose meetings cannot all be placed
// in one window of consecutive slots has at least one break; and the
// count over stretches of slots (rangeBreakBound).
func (md *model) breakLowerBound() int {
	lb := 0
	for p := 0; p < md.np; p++ {
		if len(md.pm[p]) > 1 && len(md.windows(p)) == 0 {
			lb++
		}
	}
	return max(lb, md.rangeBreakBound())
}

// windows returns the first slots of the windows of n consecutive slots
// that p's n meetings can be matched into.
func (md *model) windows(p int) []int {
	var out []int
	n := len(md.pm[p])
	for lo := 0; lo+n <= md.T; lo++ {
		if !slices.Contains(md.matchIntoSlots(md.pm[p], lo, lo+n), -1) {
			out = append(out, lo)
		}
	}
	return out
}
