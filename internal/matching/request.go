package matching

import (
	"cmp"
	"slices"
)

// Request is a meeting request between two participants, with a priority
// from 1 (nice to have) to 5 (must meet).
type Request struct {
	ID       int64
	From, To int64
	Priority int
}

// Pair is one meeting to schedule: the requests between A and B (A < B)
// merged, with its weight for the scheduler.
type Pair struct {
	A, B     int64
	Weight   int
	Mutual   bool    // both asked to meet the other
	Requests []int64 // the requests merged, highest priority first
}

// Pairs merges the requests between the same two participants into one
// meeting. A one-sided request weighs its priority; when both sides asked,
// the meeting weighs the sum of the two priorities, so mutual interest
// always weighs more than either request alone. Two requests in the same
// direction count once, at the higher priority. Pairs come out ordered by
// A, then B.
func Pairs(reqs []Request) []Pair {
	type dir struct {
		prio int
		ids  []Request
	}
	type acc struct{ ab, ba dir }
	byPair := map[[2]int64]*acc{}
	for _, r := range reqs {
		if r.From == r.To {
			continue
		}
		a, b := min(r.From, r.To), max(r.From, r.To)
		x := byPair[[2]int64{a, b}]
		if x == nil {
			x = &acc{}
			byPair[[2]int64{a, b}] = x
		}
		d := &x.ab
		if r.From != a {
			d = &x.ba
		}
		d.prio = max(d.prio, r.Priority)
		d.ids = append(d.ids, r)
	}
	out := make([]Pair, 0, len(byPair))
	for k, x := range byPair {
		rs := append(append([]Request(nil), x.ab.ids...), x.ba.ids...)
		slices.SortFunc(rs, func(p, q Request) int {
			return cmp.Or(cmp.Compare(q.Priority, p.Priority), cmp.Compare(p.ID, q.ID))
		})
		p := Pair{A: k[0], B: k[1], Weight: x.ab.prio + x.ba.prio, Mutual: x.ab.prio > 0 && x.ba.prio > 0}
		for _, r := range rs {
			p.Requests = append(p.Requests, r.ID)
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(p, q Pair) int { return cmp.Or(cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B)) })
	return out
}
