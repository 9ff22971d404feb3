package schedule

import (
	"cmp"
	"math/rand/v2"
	"slices"
)

// ruinRecreate improves the weight of a conflict-free state by large
// neighbourhood search: unschedule every meeting of a few random
// participants, re-insert the unscheduled meetings of those participants
// and their partners heaviest first (insertFree, then insertEject), and
// keep the result unless the weight dropped. It stops at the stopper, at
// the weight bound, or after 20 rounds per participant without a gain; it
// does nothing when the instance has precedences.
func (s *state) ruinRecreate(st *stopper, rng *rand.Rand, bound int) {
	md := s.md
	if len(md.inst.Precedences) > 0 || md.np == 0 {
		return
	}
	mark := make([]int, md.nm)
	stamp := 0
	var chain, tmp []int
	snap := make([]int, md.nm)
	seen := make([]int, md.nm)
	round, lastGain, best := 0, 0, s.weight
	for !st.stopped && s.weight < bound && round-lastGain < 20*md.np {
		round++
		copy(snap, s.slot)
		before := s.weight
		var cand []int
		k := 2 + rng.IntN(4)
		for range k {
			p := rng.IntN(md.np)
			for _, m := range md.pm[p] {
				if s.slot[m] >= 0 {
					s.remove(m)
				}
				q := md.other(m, p)
				for _, y := range md.pm[q] {
					if seen[y] != round {
						seen[y] = round
						cand = append(cand, y)
					}
				}
			}
		}
		slices.SortStableFunc(cand, func(x, y int) int { return cmp.Compare(md.w[y], md.w[x]) })
		s.refreshBySlot()
		for _, m := range cand {
			if s.slot[m] >= 0 || len(md.dom[m]) == 0 {
				continue
			}
			if !s.insertFree(m, mark, &stamp, &chain, &tmp) {
				s.insertEject(m, mark, &stamp, &chain, &tmp)
			}
		}
		st.tick(int64(1 + len(cand)))
		if s.weight < before {
			s.restoreTo(snap)
		}
		if s.weight > best {
			best, lastGain = s.weight, round
		}
	}
}

// restoreTo puts the assignment snap back.
func (s *state) restoreTo(snap []int) {
	for m, t := range s.slot {
		if t >= 0 && snap[m] != t {
			s.remove(m)
		}
	}
	for m, t := range snap {
		if t >= 0 && s.slot[m] != t {
			s.add(m, t)
		}
	}
}

// refreshBySlot rebuilds the per-slot lists, lightest first, that
// ejection from full slots uses.
func (s *state) refreshBySlot() {
	md := s.md
	if s.bySlot == nil {
		s.bySlot = make([][]int, md.T)
	}
	for t := range s.bySlot {
		s.bySlot[t] = s.bySlot[t][:0]
	}
	for m, t := range s.slot {
		if t >= 0 {
			s.bySlot[t] = append(s.bySlot[t], m)
		}
	}
	for _, l := range s.bySlot {
		slices.SortStableFunc(l, func(x, y int) int { return cmp.Compare(md.w[x], md.w[y]) })
	}
}
