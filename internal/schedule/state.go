package schedule

// state is a slot assignment with incrementally maintained counters:
// per participant and slot occupancy, runs of occupied slots (a
// participant's breaks are its runs minus one), slot loads, and the hard
// violations (participant clashes, table overflow, broken precedences).
type state struct {
	md        *model
	slot      []int   // slot of each meeting, -1 if unscheduled
	occ       []int32 // occ[p*T+t]: meetings of p in slot t
	runs      []int   // maximal runs of occupied slots per participant
	nmeet     []int   // scheduled meetings per participant
	load      []int   // scheduled meetings per slot
	clashes   int     // Σ max(0, occ-1)
	overflow  int     // Σ max(0, load-tables)
	precViol  int     // precedences with both ends scheduled, out of order
	breaks    int     // Σ max(0, runs-1)
	hist      []int   // participants with meetings, by their breaks
	weight    int     // total weight scheduled
	scheduled int
	bySlot    [][]int // weight phase: meetings per slot, lightest first
	nocc      []int   // distinct occupied slots per participant
	holePer   []int   // idle slots between a participant's first and last meeting
	holes     int     // Σ holePer: a smoother measure of gaps than breaks
}

// updateHoles recomputes p's idle slots after one of its slots changed
// between free and occupied (d = +1 or -1).
func (s *state) updateHoles(p, d int) {
	T := s.md.T
	s.nocc[p] += d
	row := s.occ[p*T : (p+1)*T]
	lo, hi := 0, T-1
	for lo < T && row[lo] == 0 {
		lo++
	}
	for hi >= 0 && row[hi] == 0 {
		hi--
	}
	h := 0
	if lo <= hi {
		h = hi - lo + 1 - s.nocc[p]
	}
	s.holes += h - s.holePer[p]
	s.holePer[p] = h
}

func newState(md *model, slot []int) *state {
	s := &state{
		md:      md,
		slot:    make([]int, md.nm),
		occ:     make([]int32, md.np*md.T),
		runs:    make([]int, md.np),
		nmeet:   make([]int, md.np),
		load:    make([]int, md.T),
		hist:    make([]int, md.T+1),
		nocc:    make([]int, md.np),
		holePer: make([]int, md.np),
	}
	for m := range s.slot {
		s.slot[m] = -1
	}
	for m, t := range slot {
		if t >= 0 {
			s.add(m, t)
		}
	}
	return s
}

func brk(runs int) int { return max(0, runs-1) }

// touch moves participant p's occupancy of slot t by d (+1 or -1).
func (s *state) touch(p, t, d int) {
	T := s.md.T
	i := p*T + t
	oldB, had := brk(s.runs[p]), s.nmeet[p] > 0
	before := s.occ[i]
	s.occ[i] += int32(d)
	after := s.occ[i]
	s.nmeet[p] += d
	if (before == 0) != (after == 0) {
		s.updateHoles(p, d)
		nb := 0
		if t > 0 && s.occ[i-1] > 0 {
			nb++
		}
		if t < T-1 && s.occ[i+1] > 0 {
			nb++
		}
		if after > 0 {
			s.runs[p] += 1 - nb
		} else {
			s.runs[p] -= 1 - nb
		}
	}
	if d > 0 && after > 1 {
		s.clashes++
	} else if d < 0 && before > 1 {
		s.clashes--
	}
	newB, has := brk(s.runs[p]), s.nmeet[p] > 0
	if had {
		s.hist[oldB]--
	}
	if has {
		s.hist[newB]++
	}
	s.breaks += newB - oldB
}

func (s *state) precDelta(m, t int) int {
	v := 0
	for _, i := range s.md.pred[m] {
		if s.slot[i] >= 0 && s.slot[i] >= t {
			v++
		}
	}
	for _, j := range s.md.succ[m] {
		if s.slot[j] >= 0 && t >= s.slot[j] {
			v++
		}
	}
	return v
}

func (s *state) add(m, t int) {
	md := s.md
	s.touch(md.ma[m], t, 1)
	s.touch(md.mb[m], t, 1)
	s.load[t]++
	if s.load[t] > md.tables {
		s.overflow++
	}
	s.precViol += s.precDelta(m, t)
	s.slot[m] = t
	s.weight += md.w[m]
	s.scheduled++
}

func (s *state) remove(m int) {
	md := s.md
	t := s.slot[m]
	s.slot[m] = -1
	s.precViol -= s.precDelta(m, t)
	if s.load[t] > md.tables {
		s.overflow--
	}
	s.load[t]--
	s.touch(md.ma[m], t, -1)
	s.touch(md.mb[m], t, -1)
	s.weight -= md.w[m]
	s.scheduled--
}

func (s *state) move(m, t int) {
	s.remove(m)
	s.add(m, t)
}

// hard counts the violated hard constraints.
func (s *state) hard() int { return s.clashes + s.overflow + s.precViol }

// spread is the largest minus the smallest number of breaks among
// participants with at least one meeting.
func (s *state) spread() int {
	lo, hi := -1, 0
	for b, n := range s.hist {
		if n > 0 {
			if lo < 0 {
				lo = b
			}
			hi = b
		}
	}
	if lo < 0 {
		return 0
	}
	return hi - lo
}

// busyAt returns the meeting of p in slot t other than skip, or -1.
func (s *state) busyAt(p, t, skip int) int {
	if s.occ[p*s.md.T+t] == 0 {
		return -1
	}
	for _, y := range s.md.pm[p] {
		if y != skip && s.slot[y] == t {
			return y
		}
	}
	return -1
}

// kempe collects into buf the chain of meetings that must swap between
// slots a and b when meeting m (in one of them) moves to the other: every
// meeting in a or b sharing a participant with a chain member. It returns
// nil when the chain is longer than limit or leaves a domain.
func (s *state) kempe(m, a, b, limit int, mark []int, stamp int, buf []int) []int {
	md := s.md
	buf = append(buf[:0], m)
	mark[m] = stamp
	for i := 0; i < len(buf); i++ {
		x := buf[i]
		to := a + b - s.slot[x]
		if !md.canSlot[x*md.T+to] {
			return nil
		}
		for _, p := range [2]int{md.ma[x], md.mb[x]} {
			if s.occ[p*md.T+to] == 0 {
				continue
			}
			for _, y := range md.pm[p] {
				if s.slot[y] == to && mark[y] != stamp {
					mark[y] = stamp
					buf = append(buf, y)
					if len(buf) > limit {
						return nil
					}
				}
			}
		}
	}
	return buf
}

// swapChain moves every meeting of chain to the other of slots a and b;
// calling it again undoes it. tmp is scratch space, returned for reuse.
func (s *state) swapChain(chain []int, a, b int, tmp []int) []int {
	tmp = tmp[:0]
	for _, x := range chain {
		tmp = append(tmp, a+b-s.slot[x])
	}
	for _, x := range chain {
		s.remove(x)
	}
	for i, x := range chain {
		s.add(x, tmp[i])
	}
	return tmp
}
