package sat

// Limits bound one Solve call.
type Limits struct {
	// Conflicts caps the conflicts of this call; 0 means none.
	Conflicts int64
	// Stop, if not nil, is polled every hundred conflicts; the search ends
	// with Unknown when it returns true.
	Stop func() bool
	// Assume lists literals taken as true for this call only: Unsat then
	// means that no model has them all (what was learnt stays valid).
	Assume []Lit
}

// Solve searches for an assignment that satisfies every constraint. On
// Sat, Value gives the model.
func (s *Solver) Solve(lim Limits) Status {
	if !s.toRoot() {
		return Unsat
	}
	start := s.Conflicts
	s.targetLen = 0
	for restart := 1; ; restart++ {
		budget := int64(100 * luby(restart))
		st := s.search(budget, start, lim)
		if st != Unknown {
			return st
		}
		if (lim.Conflicts > 0 && s.Conflicts-start >= lim.Conflicts) || (lim.Stop != nil && lim.Stop()) {
			s.cancelUntil(0)
			return Unknown
		}
	}
}

// search runs CDCL until a model, a proof of unsatisfiability, or budget
// conflicts (then it returns Unknown for a restart).
func (s *Solver) search(budget, start int64, lim Limits) Status {
	conflicts := int64(0)
	for {
		confl := s.propagate()
		if confl != noConflict {
			s.Conflicts++
			conflicts++
			if s.decisionLevel() == 0 {
				s.unsat = true
				return Unsat
			}
			// Every level below the conflict's is free of conflicts.
			if n := s.trailLim[s.decisionLevel()-1]; n > s.targetLen {
				for _, l := range s.trail[:n] {
					if l.neg() {
						s.target[l.Var()] = isFalse
					} else {
						s.target[l.Var()] = isTrue
					}
				}
				s.targetLen = n
			}
			learnt, bt := s.analyze(confl)
			lbd := s.lbd(learnt)
			s.cancelUntil(bt)
			if len(learnt) == 1 {
				s.enqueue(learnt[0], noReason)
			} else {
				ci := s.attach(learnt, true, lbd)
				s.learnts = append(s.learnts, ci)
				s.bumpClause(ci)
				s.enqueue(learnt[0], ci)
			}
			s.varInc /= 0.95
			s.claInc /= 0.999
			if s.Conflicts%100 == 0 && lim.Stop != nil && lim.Stop() {
				s.cancelUntil(0)
				return Unknown
			}
			if lim.Conflicts > 0 && s.Conflicts-start >= lim.Conflicts {
				s.cancelUntil(0)
				return Unknown
			}
			continue
		}
		if conflicts >= budget {
			s.cancelUntil(0)
			return Unknown
		}
		if s.Conflicts >= s.nextReduce {
			s.nextReduce = s.Conflicts + 2000 + int64(len(s.learnts))
			s.reduce()
		}
		// Assumptions come first, one decision level each.
		if lvl := s.decisionLevel(); lvl < len(lim.Assume) {
			a := lim.Assume[lvl]
			switch s.val[a] {
			case isFalse:
				s.cancelUntil(0)
				return Unsat
			case isTrue:
				s.trailLim = append(s.trailLim, len(s.trail)) // an empty level
			default:
				s.trailLim = append(s.trailLim, len(s.trail))
				s.enqueue(a, noReason)
			}
			continue
		}
		v := s.pickBranch()
		if v < 0 {
			// Every variable is assigned: a model. Save it in the phases,
			// which the next call starts from.
			for _, l := range s.trail {
				s.phase[l.Var()] = !l.neg()
			}
			clear(s.target)
			s.cancelUntil(0)
			return Sat
		}
		s.trailLim = append(s.trailLim, len(s.trail))
		l := Neg(v)
		if t := s.target[v]; t == isTrue || (t == unset && s.phase[v]) {
			l = Pos(v)
		}
		s.enqueue(l, noReason)
	}
}

func (s *Solver) pickBranch() int {
	for s.heap.len() > 0 {
		v := s.heap.pop()
		if s.val[Pos(v)] == unset {
			return v
		}
	}
	return -1
}

// luby returns the i-th term (from 1) of the Luby sequence 1 1 2 1 1 2 4 …
func luby(i int) int {
	for k := 1; ; k++ {
		if i == (1<<k)-1 {
			return 1 << (k - 1)
		}
		if i >= 1<<(k-1) && i < (1<<k)-1 {
			return luby(i - (1 << (k - 1)) + 1)
		}
	}
}

// varHeap is a max-heap of variables by activity.
type varHeap struct {
	act  *[]float64
	heap []int
	idx  []int // position in heap, -1 if absent
}

func (h *varHeap) len() int { return len(h.heap) }

func (h *varHeap) less(a, b int) bool {
	act := *h.act
	if act[a] != act[b] {
		return act[a] > act[b]
	}
	return a < b
}

func (h *varHeap) insert(v int) {
	for len(h.idx) <= v {
		h.idx = append(h.idx, -1)
	}
	if h.idx[v] >= 0 {
		return
	}
	h.idx[v] = len(h.heap)
	h.heap = append(h.heap, v)
	h.up(h.idx[v])
}

func (h *varHeap) update(v int) {
	if v < len(h.idx) && h.idx[v] >= 0 {
		h.up(h.idx[v])
	}
}

func (h *varHeap) pop() int {
	v := h.heap[0]
	last := h.heap[len(h.heap)-1]
	h.heap = h.heap[:len(h.heap)-1]
	h.idx[v] = -1
	if len(h.heap) > 0 {
		h.heap[0] = last
		h.idx[last] = 0
		h.down(0)
	}
	return v
}

func (h *varHeap) up(i int) {
	v := h.heap[i]
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(v, h.heap[p]) {
			break
		}
		h.heap[i] = h.heap[p]
		h.idx[h.heap[i]] = i
		i = p
	}
	h.heap[i] = v
	h.idx[v] = i
}

func (h *varHeap) down(i int) {
	v := h.heap[i]
	n := len(h.heap)
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && h.less(h.heap[c+1], h.heap[c]) {
			c++
		}
		if !h.less(h.heap[c], v) {
			break
		}
		h.heap[i] = h.heap[c]
		h.idx[h.heap[i]] = i
		i = c
	}
	h.heap[i] = v
	h.idx[v] = i
}
