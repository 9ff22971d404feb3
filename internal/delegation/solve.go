package delegation

import (
	"math/big"
	"math/bits"
)

// solve returns the optimal set (see the package documentation) among
// pool, which holds the eligible applicants in rank order.
func solve(pool []*eval, p Policy) []*eval {
	roles := roleOrder(p.Quota)
	total := 0
	for _, r := range roles {
		total += p.Quota[r]
	}
	if total == 0 || len(pool) == 0 {
		return nil
	}
	group := func(e *eval) string { return e.a.Regency }
	regCap := p.MaxPerRegency
	if regCap == 0 {
		// No regency limit: one group holding everyone.
		group = func(*eval) string { return "" }
		regCap = total
	}
	cands := candidates(pool, p.Quota, group, regCap, total)
	if len(cands) == 0 {
		return nil
	}

	// Nodes: 0 source, 1 sink, then one per role, then one per group.
	g := newGraph(2 + len(roles))
	roleNode := make(map[Role]int, len(roles))
	zero := new(big.Int)
	for i, r := range roles {
		roleNode[r] = 2 + i
		g.edge(2+i, 1, p.Quota[r], zero)
	}
	groupNode := map[string]int{}
	edges := make([]int, len(cands))
	n := len(cands)
	shift := uint(n + bits.Len(uint(total)) + 1)
	w, t := new(big.Int), new(big.Int)
	for i, e := range cands {
		gn, ok := groupNode[group(e)]
		if !ok {
			gn = g.node()
			groupNode[group(e)] = gn
			g.edge(0, gn, regCap, zero)
		}
		// w = score·2^shift + never·2^n + 2^(n-1-i); the cost is -w.
		w.Lsh(big.NewInt(e.score), shift)
		if e.never {
			w.Add(w, t.Lsh(big.NewInt(1), uint(n)))
		}
		w.Add(w, t.Lsh(big.NewInt(1), uint(n-1-i)))
		edges[i] = g.edge(gn, roleNode[e.a.Role], 1, w.Neg(w))
	}
	g.minCostMaxFlow(0, 1)
	var out []*eval
	for i, e := range cands {
		if g.cap[edges[i]] == 0 {
			out = append(out, e)
		}
	}
	return out
}

// candidates drops the applicants of pool (in rank order) that cannot be in
// any optimal set, by two exchange arguments. Let x have role r and group
// (regency) g, and let S be an optimal set holding x.
//
//   - If k = min(regCap, quota r) better applicants share r and g, one of
//     them, h, is not in S (S has at most k of them, x included), and
//     S-x+h is feasible and better.
//   - If better applicants of role r come from at least `total` distinct
//     groups, S-x (fewer than total members) leaves one of those groups
//     empty; its applicant h is not in S and S-x+h is feasible and better.
//
// Both contradict optimality, so x can be dropped. What is left is at most
// total·quota(r) applicants per role.
func candidates(pool []*eval, quota map[Role]int, group func(*eval) string, regCap, total int) []*eval {
	type key struct {
		r Role
		g string
	}
	inGroup := map[key]int{}
	groups := map[Role]map[string]bool{}
	var out []*eval
	for _, e := range pool {
		r := e.a.Role
		if groups[r] == nil {
			groups[r] = map[string]bool{}
		}
		if len(groups[r]) >= total {
			continue
		}
		k := key{r, group(e)}
		if inGroup[k] < min(regCap, quota[r]) {
			out = append(out, e)
		}
		inGroup[k]++
		groups[r][k.g] = true
	}
	return out
}

// graph is a flow network with exact integer costs.
type graph struct {
	adj  [][]int // edge ids leaving each node
	to   []int   // head of each edge; edge id^1 is its reverse
	cap  []int   // residual capacity
	cost []*big.Int
}

func newGraph(nodes int) *graph { return &graph{adj: make([][]int, nodes)} }

// node adds a node and returns its index.
func (g *graph) node() int {
	g.adj = append(g.adj, nil)
	return len(g.adj) - 1
}

// edge adds u→v with capacity c and the given cost (copied), and its
// reverse, and returns the id of u→v.
func (g *graph) edge(u, v, c int, cost *big.Int) int {
	id := len(g.to)
	g.to = append(g.to, v, u)
	g.cap = append(g.cap, c, 0)
	g.cost = append(g.cost, new(big.Int).Set(cost), new(big.Int).Neg(cost))
	g.adj[u] = append(g.adj[u], id)
	g.adj[v] = append(g.adj[v], id+1)
	return id
}

// minCostMaxFlow pushes the maximum flow from s to t at minimum cost, by
// successive shortest paths. The network may have negative costs but no
// negative cycle. Initial potentials come from Bellman–Ford; each round
// then runs Dijkstra on reduced costs (dense O(V²): the network is small)
// and augments along the shortest path. Each path is the cheapest way to
// add one unit, so after the last one the flow is maximum and, among
// maximum flows, of least cost.
func (g *graph) minCostMaxFlow(s, t int) {
	n := len(g.adj)
	pot := make([]*big.Int, n)
	dist := make([]*big.Int, n)
	for v := range n {
		pot[v], dist[v] = new(big.Int), new(big.Int)
	}
	tmp := new(big.Int)
	reach := make([]bool, n)
	reach[s] = true
	for range n {
		changed := false
		for id, v := range g.to {
			u := g.to[id^1]
			if g.cap[id] == 0 || !reach[u] {
				continue
			}
			tmp.Add(pot[u], g.cost[id])
			if !reach[v] || tmp.Cmp(pot[v]) < 0 {
				pot[v].Set(tmp)
				reach[v] = true
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	// Nodes unreachable now stay unreachable: augmenting only adds reverse
	// edges between nodes of the path. Their potentials do not matter.
	done := make([]bool, n)
	prev := make([]int, n)
	for {
		clear(reach)
		clear(done)
		reach[s] = true
		dist[s].SetInt64(0)
		for {
			u := -1
			for v := range n {
				if reach[v] && !done[v] && (u < 0 || dist[v].Cmp(dist[u]) < 0) {
					u = v
				}
			}
			if u < 0 {
				break
			}
			done[u] = true
			for _, id := range g.adj[u] {
				v := g.to[id]
				if g.cap[id] == 0 || done[v] {
					continue
				}
				tmp.Add(dist[u], g.cost[id])
				tmp.Add(tmp, pot[u])
				tmp.Sub(tmp, pot[v])
				if !reach[v] || tmp.Cmp(dist[v]) < 0 {
					dist[v].Set(tmp)
					reach[v] = true
					prev[v] = id
				}
			}
		}
		if !reach[t] {
			return
		}
		for v := range n {
			if reach[v] {
				pot[v].Add(pot[v], dist[v])
			}
		}
		f := -1
		for v := t; v != s; v = g.to[prev[v]^1] {
			if c := g.cap[prev[v]]; f < 0 || c < f {
				f = c
			}
		}
		for v := t; v != s; v = g.to[prev[v]^1] {
			g.cap[prev[v]] -= f
			g.cap[prev[v]^1] += f
		}
	}
}
