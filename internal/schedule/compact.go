package schedule

// compact is a large move for the break phase: it packs all meetings of
// participant p into one window of consecutive slots, choosing which
// meeting takes which slot by an exact assignment that minimises the cost
// for everybody else (the partners' breaks, idle slots and clashes, the
// tables). It returns false, changing nothing, when no window fits; else
// the move is applied and the caller accepts or undoes it with undo.
func (an *annealer) compact(p int) bool {
	s, md := an.s, an.s.md
	ms := an.cbuf[:0]
	for _, m := range md.pm[p] {
		if s.slot[m] < 0 {
			continue
		}
		if len(md.dom[m]) < 2 {
			return false // fixed meetings stay where they are
		}
		ms = append(ms, m)
	}
	an.cbuf = ms
	n := len(ms)
	if n < 2 || n > 32 {
		return false
	}
	// A random window of n slots available to p. (The code allows longer
	// windows, whose gaps the assignment would place, but they did worse.)
	T := md.T
	L := n
	var starts []int
	for lo := 0; lo+L <= T; lo++ {
		ok := true
		for t := lo; t < lo+L && ok; t++ {
			ok = md.avail[p*T+t]
		}
		if ok {
			starts = append(starts, lo)
		}
	}
	if len(starts) == 0 {
		return false
	}
	lo := starts[an.rng.IntN(len(starts))]
	an.undoSlots = an.undoSlots[:0]
	for _, m := range ms {
		an.undoSlots = append(an.undoSlots, s.slot[m])
		s.remove(m)
	}
	const inf = 1 << 40
	base := an.cost()
	cost := make([][]int, L) // rows past n are dummies: slots left empty
	for i := range cost {
		cost[i] = make([]int, L)
	}
	for i, m := range ms {
		for j := range L {
			t := lo + j
			if !md.canSlot[m*T+t] {
				cost[i][j] = inf
				continue
			}
			s.add(m, t)
			cost[i][j] = an.cost() - base
			s.remove(m)
		}
	}
	assign := hungarian(cost)
	for i, m := range ms {
		if cost[i][assign[i]] >= inf {
			an.undoCompact()
			return false
		}
		s.add(m, lo+assign[i])
	}
	return true
}

// undoCompact puts the meetings of the last compact move back.
func (an *annealer) undoCompact() {
	s := an.s
	for _, m := range an.cbuf {
		if s.slot[m] >= 0 {
			s.remove(m)
		}
	}
	for i, m := range an.cbuf {
		s.add(m, an.undoSlots[i])
	}
}

// hungarian solves the square assignment problem: it returns, per row, the
// column that minimises the total cost (Kuhn–Munkres with potentials,
// O(n³)).
func hungarian(c [][]int) []int {
	n := len(c)
	const inf = 1 << 62
	u, v := make([]int, n+1), make([]int, n+1)
	p, way := make([]int, n+1), make([]int, n+1) // p[j]: row matched to column j (1-based)
	minv, used := make([]int, n+1), make([]bool, n+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j], used[j] = inf, false
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], inf, 0
			for j := 1; j <= n; j++ {
				if used[j] {
					continue
				}
				cur := c[i0-1][j-1] - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= n; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	row := make([]int, n)
	for j := 1; j <= n; j++ {
		row[p[j]-1] = j - 1
	}
	return row
}
