package schedule

import (
	"cmp"
	"slices"
)

// Greedy is the first-fit peer: meetings in order of decreasing weight
// (then index) each take the earliest slot where both participants are free
// and available, a table is free, caps and precedences allow; a meeting
// that fits nowhere stays unscheduled.
func Greedy(inst *Instance) *Schedule {
	md := compile(inst)
	return md.build(md.greedy(nil))
}

// greedy places meetings first-fit in the given order (nil: by weight).
func (md *model) greedy(order []int) []int {
	if order == nil {
		order = md.weightOrder()
	}
	s := newState(md, nil)
	for _, m := range order {
		if t := s.firstFit(m); t >= 0 {
			s.add(m, t)
		}
	}
	s.dropOrphans()
	return s.slot
}

// fits reports whether meeting m can go into slot t without breaking any
// hard constraint, given the meetings scheduled now.
func (s *state) fits(m, t int) bool {
	md := s.md
	a, b := md.ma[m], md.mb[m]
	if !md.canSlot[m*md.T+t] || s.load[t] >= md.tables ||
		s.occ[a*md.T+t] > 0 || s.occ[b*md.T+t] > 0 ||
		s.nmeet[a] >= md.capacity[a] || s.nmeet[b] >= md.capacity[b] {
		return false
	}
	for _, i := range md.pred[m] {
		if s.slot[i] < 0 || s.slot[i] >= t {
			return false
		}
	}
	for _, j := range md.succ[m] {
		if s.slot[j] >= 0 && s.slot[j] <= t {
			return false
		}
	}
	return true
}

func (s *state) firstFit(m int) int {
	for _, t := range s.md.dom[m] {
		if s.fits(m, t) {
			return t
		}
	}
	return -1
}

// dropOrphans unschedules meetings whose predecessor is unscheduled.
func (s *state) dropOrphans() {
	for changed := true; changed; {
		changed = false
		for m, t := range s.slot {
			if t < 0 {
				continue
			}
			for _, i := range s.md.pred[m] {
				if s.slot[i] < 0 {
					s.remove(m)
					changed = true
					break
				}
			}
		}
	}
}

// weightOrder lists the meetings by decreasing weight, then index, except
// that a meeting never comes before its predecessors (Kahn's algorithm with
// the weight order as priority).
func (md *model) weightOrder() []int {
	rank := make([]int, md.nm)
	for m := range rank {
		rank[m] = m
	}
	slices.SortStableFunc(rank, func(x, y int) int { return cmp.Compare(md.w[y], md.w[x]) })
	pos := make([]int, md.nm)
	for i, m := range rank {
		pos[m] = i
	}
	indeg := make([]int, md.nm)
	var h heap
	for m := range indeg {
		indeg[m] = len(md.pred[m])
		if indeg[m] == 0 {
			h.push(pos[m], m)
		}
	}
	order := make([]int, 0, md.nm)
	for h.len() > 0 {
		_, m := h.pop()
		order = append(order, m)
		for _, j := range md.succ[m] {
			if indeg[j]--; indeg[j] == 0 {
				h.push(pos[j], j)
			}
		}
	}
	return order
}

// pickedFirst orders the meetings the relaxation picked before the others,
// each part by decreasing weight, predecessors always first.
func (md *model) pickedFirst(picked []bool) []int {
	w := md.weightOrder()
	if len(md.inst.Precedences) > 0 {
		return w // keep the precedence-safe order
	}
	return append(restrict(w, picked, true), restrict(w, picked, false)...)
}

// restrict lists the meetings m of order with in[m] == want, in order.
func restrict(order []int, in []bool, want bool) []int {
	out := make([]int, 0, len(order))
	for _, m := range order {
		if in[m] == want {
			out = append(out, m)
		}
	}
	return out
}
