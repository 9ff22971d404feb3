package schedule

// Bound returns what can be proven about inst without solving it: Weight
// is an upper bound on the total weight of any schedule, Breaks a lower
// bound on the breaks of any schedule that places every meeting (0 when
// the instance does not require all meetings).
//
// The weight bound is a maximum-weight b-matching: every participant meets
// at most min(cap, available slots) others, within each session at most as
// many as it has available slots there, and the forum holds at most
// slots × tables meetings. It is solved exactly as a min-cost flow
// (integral for bipartite meeting graphs, the bipartite double cover
// halved otherwise).
func Bound(inst *Instance) Bounds {
	md := compile(inst)
	return Bounds{Weight: md.weightBound(), Breaks: md.breaksBound()}
}

func (md *model) breaksBound() int {
	if !md.inst.ScheduleAll {
		return 0
	}
	return md.breakLowerBound()
}

func (md *model) weightBound() int {
	b, _ := md.bMatching()
	return b
}

// bMatching solves the b-matching relaxation and returns its value (the
// weight bound) and, per meeting, whether the relaxation picked it.
func (md *model) bMatching() (int, []bool) {
	// Disjoint sessions give each participant a capacity per session.
	sess := md.inst.Sessions
	for i := range sess {
		for j := range i {
			if sess[i].From < sess[j].To && sess[j].From < sess[i].To {
				sess = nil
				break
			}
		}
	}
	nc := len(sess) + 1 // class len(sess): domain not inside one session
	class := make([]int, md.nm)
	for m, d := range md.dom {
		class[m] = len(sess)
		if len(d) == 0 {
			class[m] = -1
			continue
		}
		for k, s := range sess {
			if d[0] >= s.From && d[len(d)-1] < s.To {
				class[m] = k
			}
		}
	}
	color, bip := md.twoColour()
	f := &flow{}
	src, mid := f.node(), f.node()
	capTotal := md.T * md.tables
	if !bip {
		capTotal *= 2
	}
	f.edge(src, mid, capTotal, 0)
	// side s of participant p: total node and one node per class.
	type side struct{ total, cls int }
	nodes := make([][2]side, md.np)
	sink := -1
	sideCap := func(p int) (total int, per []int) {
		n := 0
		per = make([]int, nc)
		for t := 0; t < md.T; t++ {
			if md.avail[p*md.T+t] {
				n++
				for k, s := range sess {
					if t >= s.From && t < s.To {
						per[k]++
					}
				}
			}
		}
		per[nc-1] = n
		return min(n, md.capacity[p]), per
	}
	for s := 0; s < 2; s++ {
		for p := 0; p < md.np; p++ {
			if bip && color[p] != s {
				continue
			}
			// Nodes are created in topological order: left total before
			// its classes, right classes before their total.
			total, per := sideCap(p)
			if s == 0 {
				nodes[p][s].total = f.node()
			}
			nodes[p][s].cls = len(f.head)
			for k := 0; k < nc; k++ {
				f.node()
			}
			if s == 1 {
				nodes[p][s].total = f.node()
			}
			if s == 0 {
				f.edge(mid, nodes[p][s].total, total, 0)
				for k := 0; k < nc; k++ {
					f.edge(nodes[p][s].total, nodes[p][s].cls+k, per[k], 0)
				}
			}
		}
	}
	sink = f.node()
	for p := 0; p < md.np; p++ {
		if bip && color[p] != 1 {
			continue
		}
		total, per := sideCap(p)
		for k := 0; k < nc; k++ {
			f.edge(nodes[p][1].cls+k, nodes[p][1].total, per[k], 0)
		}
		f.edge(nodes[p][1].total, sink, total, 0)
	}
	edgeOf := make([]int, md.nm) // first flow edge of each meeting, -1 if none
	for m := 0; m < md.nm; m++ {
		edgeOf[m] = -1
		if class[m] < 0 || md.w[m] == 0 {
			continue
		}
		a, b, k := md.ma[m], md.mb[m], class[m]
		edgeOf[m] = len(f.to)
		if bip {
			if color[a] == 1 {
				a, b = b, a
			}
			f.edge(nodes[a][0].cls+k, nodes[b][1].cls+k, 1, -md.w[m])
			continue
		}
		f.edge(nodes[a][0].cls+k, nodes[b][1].cls+k, 1, -md.w[m])
		f.edge(nodes[b][0].cls+k, nodes[a][1].cls+k, 1, -md.w[m])
	}
	cost := f.minCost(src, sink)
	picked := make([]bool, md.nm)
	for m, e := range edgeOf {
		// a saturated forward edge has its capacity on the reverse edge
		picked[m] = e >= 0 && (f.cap[e] == 0 || (!bip && f.cap[e+2] == 0))
	}
	if bip {
		return -cost, picked
	}
	return -cost / 2, picked
}

// twoColour colours participants so every meeting joins two colours, and
// reports whether that is possible (the meeting graph is bipartite).
func (md *model) twoColour() ([]int, bool) {
	color := make([]int, md.np)
	for i := range color {
		color[i] = -1
	}
	for s := 0; s < md.np; s++ {
		if color[s] >= 0 {
			continue
		}
		color[s] = 0
		queue := []int{s}
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			for _, m := range md.pm[p] {
				q := md.other(m, p)
				if color[q] < 0 {
					color[q] = 1 - color[p]
					queue = append(queue, q)
				} else if color[q] == color[p] {
					return nil, false
				}
			}
		}
	}
	return color, true
}

// flow is a min-cost flow network with integer costs. Edges must be added
// so that the network without residual edges is a DAG in node order.
type flow struct {
	head []int // first edge of each node, -1 if none
	to   []int
	cap  []int
	cost []int
	next []int
}

func (f *flow) node() int {
	f.head = append(f.head, -1)
	return len(f.head) - 1
}

func (f *flow) edge(u, v, c, cost int) {
	for _, e := range [2][4]int{{u, v, c, cost}, {v, u, 0, -cost}} {
		f.to = append(f.to, e[1])
		f.cap = append(f.cap, e[2])
		f.cost = append(f.cost, e[3])
		f.next = append(f.next, f.head[e[0]])
		f.head[e[0]] = len(f.to) - 1
	}
}

// minCost sends flow from s to t as long as a negative-cost path exists and
// returns the total cost (primal-dual: Dijkstra on reduced costs, then a
// maximum flow on the zero-reduced-cost edges).
func (f *flow) minCost(s, t int) int {
	n := len(f.head)
	const inf = int(^uint(0) >> 2)
	pi := make([]int, n)
	for i := range pi {
		pi[i] = inf
	}
	pi[s] = 0
	for u := 0; u < n; u++ { // DAG in node order
		if pi[u] == inf {
			continue
		}
		for e := f.head[u]; e >= 0; e = f.next[e] {
			if f.cap[e] > 0 && pi[u]+f.cost[e] < pi[f.to[e]] {
				pi[f.to[e]] = pi[u] + f.cost[e]
			}
		}
	}
	for i := range pi {
		if pi[i] == inf {
			pi[i] = 0 // unreachable forever: no edge enters it with capacity
		}
	}
	dist := make([]int, n)
	level := make([]int, n)
	iter := make([]int, n)
	total := 0
	var h heap
	for {
		for i := range dist {
			dist[i] = inf
		}
		dist[s] = 0
		h.push(0, s)
		for h.len() > 0 {
			d, u := h.pop()
			if d > dist[u] {
				continue
			}
			for e := f.head[u]; e >= 0; e = f.next[e] {
				v := f.to[e]
				if f.cap[e] > 0 {
					nd := d + f.cost[e] + pi[u] - pi[v]
					if nd < dist[v] {
						dist[v] = nd
						h.push(nd, v)
					}
				}
			}
		}
		if dist[t] == inf {
			return total
		}
		for v := range pi {
			pi[v] += min(dist[v], dist[t])
		}
		pathCost := pi[t] - pi[s]
		if pathCost >= 0 {
			return total
		}
		// Dinic on the admissible (zero reduced cost) residual edges.
		admissible := func(e, u int) bool {
			return f.cap[e] > 0 && f.cost[e]+pi[u]-pi[f.to[e]] == 0
		}
		for {
			for i := range level {
				level[i] = -1
			}
			level[s] = 0
			q := []int{s}
			for len(q) > 0 {
				u := q[0]
				q = q[1:]
				for e := f.head[u]; e >= 0; e = f.next[e] {
					if v := f.to[e]; level[v] < 0 && admissible(e, u) {
						level[v] = level[u] + 1
						q = append(q, v)
					}
				}
			}
			if level[t] < 0 {
				break
			}
			copy(iter, f.head)
			var dfs func(u, lim int) int
			dfs = func(u, lim int) int {
				if u == t {
					return lim
				}
				for ; iter[u] >= 0; iter[u] = f.next[iter[u]] {
					e := iter[u]
					v := f.to[e]
					if level[v] != level[u]+1 || !admissible(e, u) {
						continue
					}
					if d := dfs(v, min(lim, f.cap[e])); d > 0 {
						f.cap[e] -= d
						f.cap[e^1] += d
						return d
					}
				}
				return 0
			}
			for {
				d := dfs(s, inf)
				if d == 0 {
					break
				}
				total += d * pathCost
			}
		}
	}
}

// heap is a binary min-heap of (key, value) pairs.
type heap struct{ k, v []int }

func (h *heap) len() int { return len(h.k) }

func (h *heap) push(k, v int) {
	h.k, h.v = append(h.k, k), append(h.v, v)
	i := len(h.k) - 1
	for i > 0 {
		p := (i - 1) / 2
		if h.k[p] <= h.k[i] {
			break
		}
		h.k[p], h.k[i] = h.k[i], h.k[p]
		h.v[p], h.v[i] = h.v[i], h.v[p]
		i = p
	}
}

func (h *heap) pop() (int, int) {
	k, v := h.k[0], h.v[0]
	last := len(h.k) - 1
	h.k[0], h.v[0] = h.k[last], h.v[last]
	h.k, h.v = h.k[:last], h.v[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < last && h.k[l] < h.k[m] {
			m = l
		}
		if r < last && h.k[r] < h.k[m] {
			m = r
		}
		if m == i {
			break
		}
		h.k[m], h.k[i] = h.k[i], h.k[m]
		h.v[m], h.v[i] = h.v[i], h.v[m]
		i = m
	}
	return k, v
}
