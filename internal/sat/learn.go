package sat

import "slices"

// analyze derives the first-UIP learnt clause from a conflict and returns
// it (asserting literal first) with the level to backtrack to.
func (s *Solver) analyze(confl int32) ([]Lit, int) {
	learnt := append(s.learntB[:0], 0) // room for the asserting literal
	pathC := 0
	var p Lit = -1
	idx := len(s.trail) - 1
	lits := s.conflictLits(confl, s.reasonB[:0])
	for {
		if confl >= 0 && s.learnt(confl) {
			s.bumpClause(confl)
		}
		for _, q := range lits {
			if p >= 0 && q == p {
				continue
			}
			v := q.Var()
			if s.seen[v] || s.level[v] == 0 {
				continue
			}
			s.seen[v] = true
			s.bumpVar(v)
			if int(s.level[v]) >= s.decisionLevel() {
				pathC++
			} else {
				learnt = append(learnt, q)
			}
		}
		for !s.seen[s.trail[idx].Var()] {
			idx--
		}
		p = s.trail[idx]
		idx--
		s.seen[p.Var()] = false
		pathC--
		if pathC == 0 {
			break
		}
		confl = s.reason[p.Var()]
		lits = s.explain(p, s.reasonB[:0])
		s.reasonB = lits
	}
	learnt[0] = p.Not()
	s.reasonB = lits

	// Minimise: drop literals implied by the others (recursive check).
	s.toClear = append(s.toClear[:0], learnt...)
	j := 1
	for i := 1; i < len(learnt); i++ {
		if s.reason[learnt[i].Var()] == noReason || !s.redundant(learnt[i]) {
			learnt[j] = learnt[i]
			j++
		}
	}
	learnt = learnt[:j]
	for _, l := range s.toClear {
		s.seen[l.Var()] = false
	}

	bt := 0
	if len(learnt) > 1 {
		maxI := 1
		for i := 2; i < len(learnt); i++ {
			if s.level[learnt[i].Var()] > s.level[learnt[maxI].Var()] {
				maxI = i
			}
		}
		learnt[1], learnt[maxI] = learnt[maxI], learnt[1]
		bt = int(s.level[learnt[1].Var()])
	}
	s.learntB = learnt
	return learnt, bt
}

// redundant reports whether literal l of the learnt clause is implied by
// the clause's other literals (all marked seen), following reasons.
func (s *Solver) redundant(l Lit) bool {
	s.stack = append(s.stack[:0], l)
	top := len(s.toClear)
	for len(s.stack) > 0 {
		q := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		var buf [64]Lit
		for _, r := range s.explain(q.Not(), buf[:0]) {
			v := r.Var()
			if s.seen[v] || s.level[v] == 0 {
				continue
			}
			if s.reason[v] == noReason {
				for _, c := range s.toClear[top:] {
					s.seen[c.Var()] = false
				}
				s.toClear = s.toClear[:top]
				return false
			}
			s.seen[v] = true
			s.stack = append(s.stack, r)
			s.toClear = append(s.toClear, r)
		}
	}
	return true
}

func (s *Solver) bumpVar(v int) {
	s.act[v] += s.varInc
	if s.act[v] > 1e100 {
		for i := range s.act {
			s.act[i] *= 1e-100
		}
		s.varInc *= 1e-100
	}
	s.heap.update(v)
}

func (s *Solver) bumpClause(c int32) {
	a := s.clauseAct(c) + s.claInc
	s.setClauseAct(c, a)
	if a > 1e20 {
		for _, i := range s.learnts {
			s.setClauseAct(i, s.clauseAct(i)*1e-20)
		}
		s.claInc *= 1e-20
	}
}

func (s *Solver) lbd(lits []Lit) int32 {
	n := int32(0)
	var seen [256]bool
	var more map[int32]bool
	for _, l := range lits {
		lv := s.level[l.Var()]
		if lv < 256 {
			if !seen[lv] {
				seen[lv] = true
				n++
			}
			continue
		}
		if more == nil {
			more = map[int32]bool{}
		}
		if !more[lv] {
			more[lv] = true
			n++
		}
	}
	return n
}

// reduce removes about half of the learnt clauses, the least useful ones
// (highest literal block distance, then lowest activity), keeping those
// with a distance of two or less and those that are reasons now.
func (s *Solver) reduce() {
	slices.SortFunc(s.learnts, func(a, b int32) int {
		if la, lb := s.arena[a+1], s.arena[b+1]; la != lb {
			return int(lb - la)
		}
		switch aa, ab := s.clauseAct(a), s.clauseAct(b); {
		case aa < ab:
			return -1
		case aa > ab:
			return 1
		}
		return int(a - b)
	})
	half := len(s.learnts) / 2
	keep := s.learnts[:0]
	for i, ci := range s.learnts {
		locked := false
		for _, l := range s.lits(ci)[:2] {
			locked = locked || (s.reason[l.Var()] == ci && s.val[l] == isTrue)
		}
		if i < half && s.arena[ci+1] > 2 && !locked {
			s.arena[ci+1] = gone
			continue
		}
		keep = append(keep, ci)
	}
	s.learnts = keep
	// Move the clauses kept to a new arena; the second word of each old
	// header now forwards to the new place (or says gone).
	old := s.arena
	s.arena = make([]Lit, 0, len(old))
	for c := int32(0); c < int32(len(old)); {
		next := c + clauseHeader + int32(old[c]>>1)
		if old[c+1] != gone {
			nc := Lit(len(s.arena))
			s.arena = append(s.arena, old[c:next]...)
			old[c+1] = nc
		}
		c = next
	}
	for i, c := range s.learnts {
		s.learnts[i] = int32(old[c+1])
	}
	for v, r := range s.reason {
		if r >= 0 {
			s.reason[v] = int32(old[r+1])
		}
	}
	// Drop the watchers of deleted clauses, forward the others.
	for l := range s.watches {
		ws := s.watches[l][:0]
		for _, w := range s.watches[l] {
			if old[w.c+1] != gone {
				w.c = int32(old[w.c+1])
				ws = append(ws, w)
			}
		}
		s.watches[l] = ws
	}
}
