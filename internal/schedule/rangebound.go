package schedule

// rangeBreakBound is a lower bound on the breaks of any schedule that
// places every meeting, from a count over stretches of slots: in slots
// a…b at most 2·tables·(b−a+1) participants can be busy (each meeting
// busies two, each slot holds at most `tables`). A participant with n
// meetings and no break fills one window of n consecutive slots; with
// breaks it can leave more of a…b free. For each participant and each
// number of breaks j (0, 1, 2, then any number) the fewest of its busy
// slots that must fall in a…b are counted exactly over its available
// slots, and a knapsack over participants finds the fewest breaks whose
// least busy count fits the stretch. The best stretch gives the bound.
//
// On tic-13crafc (10 slots, 19 tables, 180 meetings, most participants
// busy all day) slots 2…7 prove 4 breaks, the optimum, which the exact
// model alone needed 72,793 conflicts to show for 3. Where the least busy
// windows fit every stretch (forum-13crafc) it adds nothing; stretches
// where they fit are skipped, so it takes 1–60 ms on the benchmark.
func (md *model) rangeBreakBound() int {
	const J = 3 // breaks counted exactly below this; at J, any number
	T := md.T
	type part struct {
		n       int
		windows []int // first slots of the windows its meetings fit in
		avail   []bool
	}
	var ps []part
	for p := range md.np {
		n := len(md.pm[p])
		if n == 0 {
			continue
		}
		pt := part{n: n, avail: make([]bool, T)}
		for _, m := range md.pm[p] {
			for _, t := range md.dom[m] {
				pt.avail[t] = true
			}
		}
		pt.windows = md.windows(p)
		ps = append(ps, pt)
	}
	// Too large to count every stretch cheaply: no bound from here.
	if len(ps) == 0 || len(ps)*T*(T+1)/2 > 5_000_000 {
		return 0
	}
	const inf = 1 << 30
	maxCost := J * len(ps)
	best := 0
	f, f0 := make([]int, J+1), make([]int, len(ps))
	anyRun := make([]int, T+1)
	dp, next := make([]int, maxCost+1), make([]int, maxCost+1)
	// cells[c][r][run]: fewest busy slots in the stretch with c slots
	// chosen, r runs begun, the last slot chosen (run = 1) or not.
	cells := make([][J + 1][2]int, T+1)
	for a := range T {
		for b := a; b < T; b++ {
			capacity := 2 * md.tables * (b - a + 1)
			// Where every participant's least busy window fits, breaks
			// cannot be forced here: skip the counting.
			sum := 0
			for i, pt := range ps {
				f0[i] = inf
				for _, lo := range pt.windows {
					f0[i] = min(f0[i], max(0, min(b+1, lo+pt.n)-max(a, lo)))
				}
				if f0[i] < inf {
					sum += f0[i]
				}
			}
			if sum <= capacity {
				continue
			}
			for c := range dp {
				dp[c] = inf
			}
			dp[0] = 0
			for i, pt := range ps {
				f[0] = f0[i]
				leastBusy(pt.avail, pt.n, a, b, cells, anyRun, f[1:])
				for c := range next {
					next[c] = inf
				}
				for c, v := range dp {
					if v == inf {
						continue
					}
					for j, o := range f {
						if o < inf && c+j <= maxCost {
							next[c+j] = min(next[c+j], v+o)
						}
					}
				}
				dp, next = next, dp
			}
			for c, v := range dp {
				if v <= capacity {
					best = max(best, c)
					break
				}
			}
		}
	}
	return best
}

// leastBusy sets out[j] (j = 0 … len(out)−1) to the fewest slots in a…b
// among n available slots chosen with at most j+2 runs (at most j+1
// breaks), except the last entry, which allows any number of runs; inf
// (1<<30) where n slots cannot be chosen so.
func leastBusy(avail []bool, n, a, b int, cells [][4][2]int, anyRun, out []int) {
	const inf = 1 << 30
	runs := len(out) // most runs counted; the last entry: any
	// cells is indexed by slots chosen (0 … n) rather than time: sweep
	// time, updating in place from the most chosen down.
	for c := range n + 1 {
		for r := range cells[c] {
			cells[c][r] = [2]int{inf, inf}
		}
	}
	anyRun = anyRun[:n+1] // fewest with any number of runs
	for c := range anyRun {
		anyRun[c] = inf
	}
	cells[0][0][0], anyRun[0] = 0, 0
	for t := range avail {
		in := 0
		if t >= a && t <= b {
			in = 1
		}
		for c := n; c >= 0; c-- {
			for r := runs; r >= 0; r-- {
				cur := &cells[c][r]
				stay := inf // t chosen: continue a run or begin one
				if avail[t] && c > 0 {
					stay = cells[c-1][r][1]
					if r > 0 {
						stay = min(stay, cells[c-1][r-1][0])
					}
					if stay < inf {
						stay += in
					}
				}
				cur[0] = min(cur[0], cur[1]) // t not chosen: the run ends
				cur[1] = stay
			}
			if avail[t] && c > 0 && anyRun[c-1] < inf {
				anyRun[c] = min(anyRun[c], anyRun[c-1]+in)
			}
		}
	}
	for j := range out {
		out[j] = inf
		if j == len(out)-1 {
			out[j] = anyRun[n]
			continue
		}
		for r := 1; r <= j+2 && r <= runs; r++ {
			out[j] = min(out[j], cells[n][r][0], cells[n][r][1])
		}
	}
}
