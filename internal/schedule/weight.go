package schedule

import (
	"cmp"
	"slices"
)

// improveWeight schedules more weight into a conflict-free state: each
// unscheduled meeting, heaviest first, is placed first-fit, else after a
// Kempe-chain swap of two slots frees both participants, else by ejecting
// lighter meetings (which then try to find another place). It never
// breaks a hard constraint and the total weight only grows.
func (s *state) improveWeight(st *stopper) {
	md := s.md
	mark := make([]int, md.nm)
	stamp := 0
	var chain, tmp []int
	for pass := 0; pass < 8 && !st.stopped; pass++ {
		var order []int
		for m, t := range s.slot {
			if t < 0 && len(md.dom[m]) > 0 {
				order = append(order, m)
			}
		}
		slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(md.w[y], md.w[x]) })
		before := s.weight
		// meetings of each slot, lightest first, for ejection from full slots
		bySlot := make([][]int, md.T)
		for m, t := range s.slot {
			if t >= 0 {
				bySlot[t] = append(bySlot[t], m)
			}
		}
		for _, l := range bySlot {
			slices.SortStableFunc(l, func(x, y int) int { return cmp.Compare(md.w[x], md.w[y]) })
		}
		s.bySlot = bySlot
		for i, m := range order {
			if i&63 == 0 && st.tick(64) {
				return
			}
			if s.slot[m] >= 0 {
				continue
			}
			if s.insertFree(m, mark, &stamp, &chain, &tmp) {
				continue
			}
			if s.insertEject(m, mark, &stamp, &chain, &tmp) {
				continue
			}
			s.insertMakeRoom(m, mark, &stamp, &chain, &tmp)
		}
		if s.weight == before {
			return
		}
	}
}

// insertFree places m without unscheduling anything: first fit, or after
// swapping a Kempe chain between a slot where one participant is free and
// a slot where the other is.
func (s *state) insertFree(m int, mark []int, stamp *int, chain, tmp *[]int) bool {
	md := s.md
	if t := s.firstFit(m); t >= 0 {
		s.add(m, t)
		return true
	}
	a, b := md.ma[m], md.mb[m]
	if s.nmeet[a] >= md.capacity[a] || s.nmeet[b] >= md.capacity[b] {
		return false
	}
	T := md.T
	for _, s1 := range md.dom[m] {
		if s.load[s1] >= md.tables {
			continue
		}
		fa, fb := s.occ[a*T+s1] == 0, s.occ[b*T+s1] == 0
		if fa == fb {
			continue
		}
		busy := b // the participant to free in s1
		if !fa {
			busy = a
		}
		y := s.busyAt(busy, s1, -1)
		if y < 0 || len(md.dom[y]) < 2 {
			continue
		}
		for _, s2 := range md.dom[y] {
			if s2 == s1 || s.occ[busy*T+s2] > 0 {
				continue
			}
			*stamp++
			c := s.kempe(y, s1, s2, 30, mark, *stamp, *chain)
			if c == nil {
				continue
			}
			*chain = c
			*tmp = s.swapChain(c, s1, s2, *tmp)
			if s.hard() == 0 && s.fits(m, s1) {
				s.add(m, s1)
				return true
			}
			*tmp = s.swapChain(c, s1, s2, *tmp)
		}
	}
	return false
}

// insertEject places m in the slot where the meetings it displaces weigh
// least, if they weigh less than m, and tries to put them back elsewhere.
func (s *state) insertEject(m int, mark []int, stamp *int, chain, tmp *[]int) bool {
	md := s.md
	a, b := md.ma[m], md.mb[m]
	bestT, bestCost := -1, md.w[m]
	var victims [3]int
	for _, t := range md.dom[m] {
		va, vb, vt := s.busyAt(a, t, -1), s.busyAt(b, t, -1), -1
		if vb == va {
			vb = -1
		}
		if s.load[t] >= md.tables && va < 0 && vb < 0 {
			vt = s.lightestAt(t)
			if vt < 0 {
				continue
			}
		}
		c := 0
		ok := true
		for _, v := range [3]int{va, vb, vt} {
			if v < 0 {
				continue
			}
			c += md.w[v]
			for _, j := range md.succ[v] {
				ok = ok && s.slot[j] < 0
			}
		}
		if ok && c < bestCost {
			bestT, bestCost = t, c
			victims = [3]int{va, vb, vt}
		}
	}
	if bestT < 0 {
		return false
	}
	for _, v := range victims {
		if v >= 0 {
			s.remove(v)
		}
	}
	if !s.fits(m, bestT) {
		for _, v := range victims {
			if v >= 0 {
				s.add(v, bestT)
			}
		}
		return false
	}
	s.add(m, bestT)
	for _, v := range victims {
		if v >= 0 {
			s.insertFree(v, mark, stamp, chain, tmp)
		}
	}
	return true
}

// lightestAt returns the lightest meeting in slot t without a scheduled
// successor, from the per-slot lists of the current pass, or -1.
func (s *state) lightestAt(t int) int {
	l := s.bySlot[t]
	for len(l) > 0 && s.slot[l[0]] != t {
		l = l[1:] // moved or unscheduled since the pass began
	}
	s.bySlot[t] = l
	for _, y := range l {
		if s.slot[y] != t {
			continue
		}
		free := true
		for _, j := range s.md.succ[y] {
			free = free && s.slot[j] < 0
		}
		if free {
			return y
		}
	}
	return -1
}

// insertMakeRoom frees a table for m in a full slot of its domain by
// unscheduling that slot's lightest meeting (lighter than m), then places
// m with insertFree; the displaced meeting tries to find another place.
func (s *state) insertMakeRoom(m int, mark []int, stamp *int, chain, tmp *[]int) bool {
	md := s.md
	for _, t := range md.dom[m] {
		if s.load[t] < md.tables {
			continue
		}
		y := s.lightestAt(t)
		if y < 0 || md.w[y] >= md.w[m] {
			continue
		}
		s.remove(y)
		if s.insertFree(m, mark, stamp, chain, tmp) {
			s.insertFree(y, mark, stamp, chain, tmp)
			return true
		}
		s.add(y, t)
	}
	return false
}
