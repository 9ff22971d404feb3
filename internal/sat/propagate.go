package sat

// enqueue makes l true at the current decision level, for reason from.
func (s *Solver) enqueue(l Lit, from int32) {
	v := l.Var()
	s.val[l] = isTrue
	s.val[l^1] = isFalse
	s.level[v] = int32(s.decisionLevel())
	s.reason[v] = from
	s.tpos[v] = int32(len(s.trail))
	s.trail = append(s.trail, l)
}

// conflict: a clause index, a cardinality constraint −(c+1), or none.
const noConflict = int32(1 << 30)

// propagate runs unit propagation to a fixpoint and returns the conflict,
// if any.
func (s *Solver) propagate() int32 {
	for s.qhead < len(s.trail) {
		p := s.trail[s.qhead]
		s.qhead++
		confl := noConflict
		// Count p in every at-most constraint first, so that backtracking
		// can uncount exactly the processed literals.
		for _, ci := range s.cardOcc[p] {
			c := &s.cards[ci]
			c.n++
			if confl != noConflict {
				continue
			}
			if c.n > c.k {
				confl = -(ci + 1)
			} else if c.n == c.k {
				var why []Lit // the k counted literals, negated, shared by the batch
				for _, l := range c.lits {
					if s.val[l] != unset {
						continue
					}
					if why == nil {
						why = make([]Lit, 0, c.k)
						for _, q := range c.lits {
							if s.val[q] == isTrue && int(s.tpos[q.Var()]) < s.qhead {
								why = append(why, q.Not())
							}
						}
					}
					s.enqueue(l.Not(), -(ci + 1))
					s.cardWhy[l.Var()] = why
				}
			}
		}
		if confl != noConflict {
			return confl
		}
		// Clauses watching ¬p.
		fl := p.Not()
		ws := s.watches[fl]
		i, j := 0, 0
		for i < len(ws) {
			w := ws[i]
			i++
			if s.val[w.blocker] == isTrue {
				ws[j] = w
				j++
				continue
			}
			if w.binary {
				ws[j] = w
				j++
				if s.val[w.blocker] == isFalse {
					confl = w.c
					for i < len(ws) {
						ws[j] = ws[i]
						i++
						j++
					}
					break
				}
				s.enqueue(w.blocker, w.c)
				continue
			}
			ls := s.lits(w.c)
			if ls[0] == fl {
				ls[0], ls[1] = ls[1], ls[0]
			}
			first := ls[0]
			if first != w.blocker && s.val[first] == isTrue {
				ws[j] = watcher{w.c, first, false}
				j++
				continue
			}
			found := false
			for k := 2; k < len(ls); k++ {
				if s.val[ls[k]] != isFalse {
					ls[1], ls[k] = ls[k], ls[1]
					s.watches[ls[1]] = append(s.watches[ls[1]], watcher{w.c, first, false})
					found = true
					break
				}
			}
			if found {
				continue
			}
			ws[j] = watcher{w.c, first, false}
			j++
			if s.val[first] == isFalse {
				confl = w.c
				for i < len(ws) {
					ws[j] = ws[i]
					i++
					j++
				}
			} else {
				s.enqueue(first, w.c)
			}
		}
		s.watches[fl] = ws[:j]
		if confl != noConflict {
			return confl
		}
	}
	return noConflict
}

// explain appends to buf the literals, all false, that with the
// propagated literal p form the reason clause of p (p excluded).
func (s *Solver) explain(p Lit, buf []Lit) []Lit {
	r := s.reason[p.Var()]
	if r >= 0 {
		for _, l := range s.lits(r) {
			if l != p {
				buf = append(buf, l)
			}
		}
		return buf
	}
	return append(buf, s.cardWhy[p.Var()]...)
}

// conflictLits appends the literals, all false, of the conflict.
func (s *Solver) conflictLits(confl int32, buf []Lit) []Lit {
	if confl >= 0 {
		return append(buf, s.lits(confl)...)
	}
	c := &s.cards[-(confl + 1)]
	for _, l := range c.lits {
		if s.val[l] == isTrue && int(s.tpos[l.Var()]) < s.qhead {
			buf = append(buf, l.Not())
		}
	}
	return buf
}

// cancelUntil undoes every assignment above level lvl.
func (s *Solver) cancelUntil(lvl int) {
	if s.decisionLevel() <= lvl {
		return
	}
	lim := s.trailLim[lvl]
	for i := len(s.trail) - 1; i >= lim; i-- {
		l := s.trail[i]
		v := l.Var()
		if i < s.qhead {
			for _, ci := range s.cardOcc[l] {
				s.cards[ci].n--
			}
		}
		s.phase[v] = !l.neg()
		s.val[l], s.val[l^1] = unset, unset
		s.reason[v] = noReason
		s.heap.insert(v)
	}
	s.trail = s.trail[:lim]
	s.trailLim = s.trailLim[:lvl]
	s.qhead = min(s.qhead, lim)
}
