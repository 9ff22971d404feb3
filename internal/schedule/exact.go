package schedule

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/dagang/dagang/internal/sat"
)

// breakSAT is the exact model of a schedule_all instance as a
// satisfiability problem with at-most-k constraints, after the MaxSAT
// model of Bofill et al. (JAIR 74, 2022):
//
//   - x[m][i]: meeting m takes slot md.dom[m][i]; exactly one per meeting;
//   - u(p,t) ⇔ some meeting of p is in slot t; at most one per (p, t);
//     p is busy in exactly as many slots as it has meetings, and per
//     session in as many as its meetings there need and allow (redundant,
//     but they propagate);
//   - a break starts in t when p is busy in t, free in t−1 and busy
//     before; the same breaks are counted again from their ends; each
//     participant's breaks are counted in unary (breaks, ends);
//   - a participant without breaks takes one of its windows of n
//     consecutive slots its meetings can be matched into;
//   - at most `tables` meetings per slot, and at most 2·tables
//     participants busy per slot, as seats says; at most `tables` busy
//     among participants no two of whom meet (independentSets; redundant,
//     and what proves the crafc bounds); precedences as binary clauses;
//   - symmetry: meetings that are the only meeting of one participant,
//     with the same partner and slots, take increasing slots;
//   - fairness d: at most d breaks per participant;
//   - the break budget: at most k of the unary counters, added by solve or
//     by the caller.
//
// Fairness is enforced as "every participant has at most d breaks", which
// is the spread bound whenever somebody has no break — true of every
// schedule with fewer breaks than participants, the only budgets exact
// asks about.
type breakSAT struct {
	md      *model
	s       *sat.Solver
	x       [][]int // variable of meeting m in slot md.dom[m][i]
	u       [][]int // u[p][t]: variable "p is busy in t", -1 where p cannot be
	breaks  []sat.Lit
	ends    []sat.Lit
	bounded bool // the break budget has been added
}

// newBreakSAT builds the model of md with the fairness bound (-1: none);
// seats says how it counts the seats of a slot (see below).
func newBreakSAT(md *model, fairness int, seats Seating) *breakSAT {
	dom := md.dom
	T := md.T
	s := sat.New()
	b := &breakSAT{md: md, s: s, x: make([][]int, md.nm), u: make([][]int, md.np)}
	inSlot := make([][]sat.Lit, T) // meetings that may take each slot
	for m := range md.nm {
		b.x[m] = make([]int, len(dom[m]))
		lits := make([]sat.Lit, len(dom[m]))
		for i, t := range dom[m] {
			b.x[m][i] = s.NewVar()
			lits[i] = sat.Pos(b.x[m][i])
			inSlot[t] = append(inSlot[t], lits[i])
		}
		s.AddClause(lits...)
		s.AddAtMost(lits, 1)
	}
	// Meetings of p by slot, then busy and run-start variables.
	at := make([][]sat.Lit, T)
	busyAt := make([][]sat.Lit, T) // participants busy in each slot
	for p := range md.np {
		if len(md.pm[p]) == 0 {
			continue
		}
		for t := range at {
			at[t] = at[t][:0]
		}
		for _, m := range md.pm[p] {
			for i, t := range dom[m] {
				at[t] = append(at[t], sat.Pos(b.x[m][i]))
			}
		}
		// u[t]: p is busy in t; pre[t]: p is busy in some slot ≤ t (-1:
		// never, as no meeting of p can be there).
		u, pre := make([]int, T), make([]int, T)
		b.u[p] = u
		var busy, brks []sat.Lit
		for t := range T {
			u[t] = -1
			if t > 0 {
				pre[t] = pre[t-1]
			} else {
				pre[t] = -1
			}
			if len(at[t]) == 0 {
				continue
			}
			u[t] = s.NewVar()
			busy = append(busy, sat.Pos(u[t]))
			busyAt[t] = append(busyAt[t], sat.Pos(u[t]))
			s.AddAtMost(at[t], 1)
			clause := []sat.Lit{sat.Neg(u[t])}
			for _, x := range at[t] {
				s.AddClause(x.Not(), sat.Pos(u[t]))
				clause = append(clause, x)
			}
			s.AddClause(clause...)
			v := orVar(s, u[t], pre[t]) // pre[t] ⇔ u[t] ∨ pre[t-1]
			// A break starts in t: busy in t, free in t-1, busy before.
			if t >= 2 && pre[t-2] >= 0 {
				br := s.NewVar()
				brks = append(brks, sat.Pos(br))
				c := []sat.Lit{sat.Neg(u[t]), sat.Neg(pre[t-2]), sat.Pos(br)}
				if u[t-1] >= 0 {
					c = append(c, sat.Pos(u[t-1]))
				}
				s.AddClause(c...)
			}
			pre[t] = v
		}
		// The same breaks counted from their ends, for propagation in
		// the other direction: busy in t, free in t+1, busy after.
		var ends []sat.Lit
		suf := -1 // p is busy in some slot ≥ t+2
		for t := T - 1; t >= 0; t-- {
			if t+2 < T && u[t+2] >= 0 {
				suf = orVar(s, u[t+2], suf)
			}
			if u[t] < 0 || suf < 0 {
				continue
			}
			e := s.NewVar()
			ends = append(ends, sat.Pos(e))
			c := []sat.Lit{sat.Neg(u[t]), sat.Neg(suf), sat.Pos(e)}
			if t+1 < T && u[t+1] >= 0 {
				c = append(c, sat.Pos(u[t+1]))
			}
			s.AddClause(c...)
		}
		// Redundant, per session: p is busy in at least as many of its
		// slots as it has meetings that must fall there, and in at most
		// as many as it has meetings that may.
		for _, se := range md.inst.Sessions {
			var in []sat.Lit
			for t := se.From; t < se.To; t++ {
				if u[t] >= 0 {
					in = append(in, sat.Pos(u[t]))
				}
			}
			must, may := 0, 0
			for _, m := range md.pm[p] {
				d := dom[m]
				if len(d) > 0 && d[0] >= se.From && d[len(d)-1] < se.To {
					must++
				}
				for _, t := range d {
					if t >= se.From && t < se.To {
						may++
						break
					}
				}
			}
			s.AddAtLeast(in, must)
			s.AddAtMost(in, may)
		}
		n := len(md.pm[p])
		s.AddAtMost(busy, n)
		s.AddAtLeast(busy, n)
		if fairness >= 0 {
			s.AddAtMost(brks, fairness)
		}
		// The objective counts p's breaks in unary: c[j] ⇐ at least j+1
		// breaks, from the starts and, again, from the ends.
		most := len(brks)
		if fairness >= 0 {
			most = min(most, fairness)
		}
		cs := unaryAtLeast(s, brks, most)
		b.breaks = append(b.breaks, cs...)
		b.ends = append(b.ends, unaryAtLeast(s, ends, most)...)
		// A day without breaks is one window of n consecutive slots into
		// which p's meetings can be matched; p is busy in the slots that
		// every such window holds and free in those that none does.
		var none []sat.Lit // p has no break: none[0], or always (no literal)
		if len(cs) > 0 {
			none = cs[:1]
		}
		clause := slices.Clone(none)
		inWindows := make([]int, T)
		windows := 0
		for lo := 0; lo+n <= T; lo++ {
			ok := true
			for t := lo; t < lo+n && ok; t++ {
				ok = u[t] >= 0
			}
			if !ok || slices.Contains(md.matchIntoSlots(md.pm[p], lo, lo+n), -1) {
				continue
			}
			windows++
			w := s.NewVar()
			clause = append(clause, sat.Pos(w))
			for t := range T {
				if u[t] < 0 {
					continue
				}
				if t >= lo && t < lo+n {
					inWindows[t]++
					s.AddClause(sat.Neg(w), sat.Pos(u[t]))
				} else {
					s.AddClause(sat.Neg(w), sat.Neg(u[t]))
				}
			}
		}
		s.AddClause(clause...)
		for t := range T {
			switch {
			case u[t] < 0:
			case windows > 0 && inWindows[t] == windows:
				s.AddClause(append(slices.Clone(none), sat.Pos(u[t]))...)
			case inWindows[t] == 0:
				s.AddClause(append(slices.Clone(none), sat.Neg(u[t]))...)
			}
		}
	}
	// The seats of a slot. Natively (SeatsNative), the tables and, as a
	// redundant count, the participants busy there: a slot's meetings busy
	// two each. The model of the proofs and of most schedules found.
	//
	// Counted (SeatsCounted): the tables as a sequential counter, whose
	// auxiliary variables ("at least j of the first i meetings that may
	// take t are there") give the search partial counts to decide and
	// learn over, and no count of busy participants, whose explanations
	// (2·tables busy participants) would take the place of the counter's.
	// Where tables bind over whole days this model finds the schedules
	// at the optimum that the native one does not, and proves sooner
	// (fresh solver, conflicts, seeds 1 and 2): forum-13crafc k = 1
	// (sat) 5,843 and 5,401 (5,401–7,481 on seeds 1–5), ticf-13crafc
	// k = 1 11,901 and 12,262, against none in 60,000 natively;
	// ticf-13crafc k = 0 (unsat) 2,213 and 1,194 against 28,652 and
	// 58,565; forum-13 k = 0 928 and 2,376 against none and 28,705.
	// Elsewhere it is slower or lost: forum-13crafb k = 5 and k = 6 none
	// in 60,000 (natively 14,304 and 13,450; 26,636 and 8,056),
	// tic-13crafc k = 4 46,078 and 56,413 (619 and 1,730), forum-14
	// k = 2 7,898 and none (2,722 and 3,000). Either alone fails a
	// family, so exact searches the lowest open budget with both. Both
	// halves matter: the counter beside the native busy count finds
	// forum-13crafc k = 1 on none of six seeds within 150,000, and
	// without the busy count, native tables answer none of seven
	// budgets of six instances within 60,000.
	//
	// The busy count as a sequential counter (SeatsBusyCounted) refuted
	// forum-13crafc k = 0 before the independent-set counts below did,
	// natively and faster; NewFormula still writes it so, for comparing
	// solvers.
	if seats == SeatsCounted && !md.tablesCounted() {
		seats = SeatsNative
	}
	for t := range T {
		if seats == SeatsCounted {
			seqAtMost(s, inSlot[t], md.tables)
		} else {
			s.AddAtMost(inSlot[t], md.tables)
		}
		switch seats {
		case SeatsNative:
			s.AddAtMost(busyAt[t], 2*md.tables)
		case SeatsBusyCounted:
			seqAtMost(s, busyAt[t], 2*md.tables)
		}
	}
	// Redundant: participants no two of whom meet take a meeting each,
	// so at most `tables` of them are busy in a slot (busyAt above counts
	// two per meeting, which bounds 2·tables participants but not which
	// ones). Where tables bind, these refute the budgets below the optimum
	// (forum-13crafc k = 0: 61–124 conflicts, against no answer in 150,000
	// without them, and 52,809–111,244 with the counters; ticf-13crafc
	// k = 0: 18,347–61,472 on three seeds of four, none before within
	// 200,000), and they guide the search for schedules at the bound
	// (ticf-13crafa k = 0: 27,976 and 59,350 conflicts on two seeds, none
	// in 60,000 without; ticf-14crafa: 2,345 and 4,566 against 7,708 and
	// 10,101; forum-13 k = 0: 20,793 and 23,648, none in 60,000).
	for _, set := range md.independentSets() {
		if len(set) <= md.tables {
			continue
		}
		for t := range T {
			var in []sat.Lit
			for _, p := range set {
				if b.u[p] != nil && b.u[p][t] >= 0 {
					in = append(in, sat.Pos(b.u[p][t]))
				}
			}
			s.AddAtMost(in, md.tables)
		}
	}
	// Symmetry: participants whose one meeting is with the same partner
	// in the same slots can trade slots without changing anybody's day;
	// their meetings take increasing slots.
	for _, ms := range md.twinMeetings() {
		for i := 1; i < len(ms); i++ {
			prev, m := ms[i-1], ms[i]
			for k, t := range dom[m] {
				for j, tp := range dom[prev] {
					if tp >= t {
						s.AddClause(sat.Neg(b.x[prev][j]), sat.Neg(b.x[m][k]))
					}
				}
			}
		}
	}
	addPrecedences(s, md, b.x)
	b.addSuffixCounts()
	return b
}

// addSuffixCounts gives every meeting order variables, "m is in slot t
// or later", and says of every participant p and slot t that p has as many
// meetings in slot t or later as it has busy slots there: each busy slot
// holds one of its meetings. As one exactly-k constraint over the order
// variables and the negated busy variables, it lets the search count
// meetings against slots over whole stretches of the day, which the
// per-slot and per-meeting constraints cannot (a Hall-type argument: k
// meetings that must come late need k busy slots late), and its learnt
// clauses speak of "m no earlier than t" rather than slot by slot. With a
// fresh solver (conflicts, seeds 1 and 2): forum-13crafb k = 5 (unsat)
// 14,304 and 13,450 against 27,481 and 17,970; k = 6 (sat, the optimum)
// 26,636 and 8,056 against 54,433 and 121,940; ticf-13crafb k = 3 (sat)
// 18,914 and 33,992 against 90,928 and 61,509. Each conflict costs about
// half again as much.
func (b *breakSAT) addSuffixCounts() {
	s, md := b.s, b.md
	// after[m][i]: meeting m is in slot md.dom[m][i] or later, for
	// 0 < i < len(dom[m]) (before that always, after it never).
	after := make([][]int, md.nm)
	for m, xs := range b.x {
		n := len(xs)
		if n < 2 {
			continue
		}
		after[m] = make([]int, n)
		for i := 1; i < n; i++ {
			after[m][i] = s.NewVar()
			if i > 1 {
				s.AddClause(sat.Neg(after[m][i]), sat.Pos(after[m][i-1]))
			}
		}
		// x[m][i] ⇔ after[m][i] ∧ ¬after[m][i+1].
		for i, x := range xs {
			c := []sat.Lit{sat.Pos(x)}
			if i > 0 {
				s.AddClause(sat.Neg(x), sat.Pos(after[m][i]))
				c = append(c, sat.Neg(after[m][i]))
			}
			if i+1 < n {
				s.AddClause(sat.Neg(x), sat.Neg(after[m][i+1]))
				c = append(c, sat.Pos(after[m][i+1]))
			}
			s.AddClause(c...)
		}
	}
	var lits []sat.Lit
	for p, u := range b.u {
		if u == nil {
			continue
		}
		for t := 1; t < md.T; t++ {
			// meetings of p in t or later + free slots of p there =
			// p's available slots there.
			lits = lits[:0]
			k := 0
			for _, m := range md.pm[p] {
				d := md.dom[m]
				i, _ := slices.BinarySearch(d, t)
				switch {
				case len(d) == 0 || i == len(d):
				case i == 0:
					k-- // always in t or later
				default:
					lits = append(lits, sat.Pos(after[m][i]))
				}
			}
			for _, v := range u[t:] {
				if v >= 0 {
					lits = append(lits, sat.Neg(v))
					k++
				}
			}
			if k < 0 || len(lits) == 0 {
				continue // impossible, or nothing to count: other constraints say so
			}
			s.AddAtMost(lits, k)
			s.AddAtLeast(lits, k)
		}
	}
}

// twinMeetings returns groups of two or more meetings, each the only
// meeting of one of its participants, with the same other participant, the
// same slots and the same weight, and in no precedence: any order of their
// slots gives every participant the same day.
func (md *model) twinMeetings() [][]int {
	groups := map[string][]int{}
	var keys []string
	for m := range md.nm {
		if len(md.pred[m]) > 0 || len(md.succ[m]) > 0 {
			continue
		}
		a, b := md.ma[m], md.mb[m]
		if len(md.pm[a]) != 1 {
			a, b = b, a
		}
		if len(md.pm[a]) != 1 || md.capacity[a] < 1 || md.capacity[b] < len(md.pm[b]) {
			continue
		}
		k := fmt.Sprint(b, md.w[m], md.dom[m])
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], m)
	}
	var out [][]int
	for _, k := range keys {
		if len(groups[k]) > 1 {
			out = append(out, groups[k])
		}
	}
	return out
}

// sortTwins gives the twin meetings of each group (twinMeetings) the slots
// they have in slot, in increasing order, as the model's symmetry
// constraint wants them: every participant keeps the same day.
func (md *model) sortTwins(slot []int) {
	for _, ms := range md.twinMeetings() {
		ts := make([]int, len(ms))
		for i, m := range ms {
			ts[i] = slot[m]
		}
		slices.Sort(ts)
		for i, m := range ms {
			slot[m] = ts[i]
		}
	}
}

// independentSets returns sets of participants no two of whom have a
// meeting together, each found greedily: two partitions of the
// participants with meetings, one taking those with the fewest partners
// first (large sets), the other those with the most meetings first (sets
// of long days, which crowd the same slots).
func (md *model) independentSets() [][]int {
	partners := make([][]int, md.np)
	var ps []int
	for p := range md.np {
		for _, m := range md.pm[p] {
			partners[p] = append(partners[p], md.other(m, p))
		}
		slices.Sort(partners[p])
		partners[p] = slices.Compact(partners[p])
		if len(md.pm[p]) > 0 {
			ps = append(ps, p)
		}
	}
	blocked := make([]int, md.np) // stamp of the set that p's partner joined
	taken := make([]bool, md.np)
	var out [][]int
	for _, less := range []func(a, b int) int{
		func(a, b int) int { return len(partners[a]) - len(partners[b]) },
		func(a, b int) int { return len(md.pm[b]) - len(md.pm[a]) },
	} {
		order := slices.Clone(ps)
		slices.SortStableFunc(order, less)
		clear(taken)
		for left := len(order); left > 0; {
			stamp := len(out) + 1
			var set []int
			for _, p := range order {
				if taken[p] || blocked[p] == stamp {
					continue
				}
				set = append(set, p)
				taken[p] = true
				left--
				for _, q := range partners[p] {
					blocked[q] = stamp
				}
			}
			slices.Sort(set)
			out = append(out, set)
		}
	}
	return out
}

// addPrecedences forbids every pair of slots that breaks a precedence
// between two meetings that have variables in x (x[m][i]: meeting m in
// slot md.dom[m][i]; nil for a meeting left out).
func addPrecedences(s *sat.Solver, md *model, x [][]int) {
	for m := range md.nm {
		for _, j := range md.succ[m] {
			if x[m] == nil || x[j] == nil {
				continue
			}
			for i, ti := range md.dom[m] {
				for k, tj := range md.dom[j] {
					if tj <= ti {
						s.AddClause(sat.Neg(x[m][i]), sat.Neg(x[j][k]))
					}
				}
			}
		}
	}
}

// hint makes the search try slot assignment slot first.
func (b *breakSAT) hint(slot []int) { setPhases(b.s, b.md, b.x, slot) }

// setPhases makes s try slot first: x[m][i], the variable of meeting m in
// slot md.dom[m][i] (nil for a meeting left out), is tried true when
// slot[m] is that slot, else false.
func setPhases(s *sat.Solver, md *model, x [][]int, slot []int) {
	for m, xs := range x {
		for i, v := range xs {
			s.SetPhase(v, md.dom[m][i] == slot[m])
		}
	}
}

// model returns the slots of the last model.
func (b *breakSAT) model() []int { return slotsOf(b.s.Value, b.md, b.x) }

// slotsOf reads the slot of every meeting from a model, given as the value
// of each variable, where x[m][i] is the variable of meeting m in slot
// md.dom[m][i] (-1 for a meeting without variables).
func slotsOf(value func(v int) bool, md *model, x [][]int) []int {
	slot := make([]int, md.nm)
	for m, xs := range x {
		slot[m] = -1
		for i, v := range xs {
			if value(v) {
				slot[m] = md.dom[m][i]
			}
		}
	}
	return slot
}

// tablesCounted says whether the exact model states tables per slot as
// sequential counters: when they need at most maxTableCounters auxiliary
// variables.
func (md *model) tablesCounted() bool {
	n := 0
	for _, d := range md.dom {
		n += len(d) * md.tables
	}
	return n <= maxTableCounters
}

// maxTableCounters bounds the auxiliary variables of the tables' counters
// (meetings that may take a slot times tables, over the slots): beyond it
// the model states tables natively. The published instances need fewer
// than 150,000; instances of the trade-office class's size
// (200 participants and up) would need millions to hundreds of millions.
const maxTableCounters = 1 << 20

// solve looks for a schedule with at most k breaks (k fixed for the life
// of b; k < 0: any number); on sat.Sat it returns the slots.
func (b *breakSAT) solve(k int, lim sat.Limits) (sat.Status, []int) {
	if k >= 0 && !b.bounded {
		b.bounded = true
		if !b.s.AddAtMost(b.breaks, k) || !b.s.AddAtMost(b.ends, k) {
			return sat.Unsat, nil
		}
	}
	st := b.s.Solve(lim)
	if st != sat.Sat {
		return st, nil
	}
	return sat.Sat, b.model()
}

// exact searches with the exact model for schedules with few breaks, as
// satisfiability problems with a break budget k ("a schedule with at most
// k breaks"):
//
//   - the descent: one solver whose budget is one below the best schedule
//     known, lowered (a tighter at-most-k) each time a better one turns up,
//     here or in the pool, so that what it learnt about one budget serves
//     the next: a model is a better schedule, a proof of unsatisfiability
//     proves the best one optimal. Alone on one core it proves
//     forum-13crafb (6) in 4.1 s of CPU, where a fresh solver needs 2.3 s for
//     the last budget (k = 5) alone;
//   - the lowest open budget, k = lb, searched first in each round, with
//     the same conflict budget as the descent: where the
//     bound is the optimum its schedules are found there sooner than by
//     descending to it (forum-14, ticf-14crafa, ticf-13crafa), and where
//     it is not, its proof raises the bound (the crafc instances k = 0,
//     forum-13crafb k = 5) — with the independent-set counts of
//     newBreakSAT the plain model proves what only the busy-per-slot
//     counters could before, so no attempt carries those any more;
//   - the same lowest budget on the model with the tables counted
//     (SeatsCounted), with half the conflict budget: where tables bind
//     over whole days it finds the schedules at the optimum that the
//     native model does not (forum-13crafc and ticf-13crafc, one break)
//     and proves some bounds sooner (ticf-13crafc k = 0), and elsewhere
//     it costs a fifth of the exact side's conflicts;
//   - while no schedule is known, one without a budget and without the
//     fairness bound (k < 0: any complete schedule), whose proof shows that
//     no complete schedule exists.
//
// They are searched in turns with a conflict budget that doubles each
// round, each keeping what it learnt; the descent searches on after each
// model until its conflicts for the round are spent. A model goes to the
// pool; a proof of unsatisfiability raises the lower bound past k (and,
// without a budget, proves that no complete schedule exists). Each problem
// searches from the best schedule known (hint), and again whenever a
// better one turns up: schedules with fewer breaks are often a few moves
// away. seed orders the solvers' first decisions.
//
// Schedules and bounds meet in pl, which searches running beside this one
// may share: their schedules lower the descent's budget and serve as
// hints, and each schedule and bound found here goes to it at once. exact
// returns when the pool's best schedule meets the lower bound, when no
// problem can tell anything new, or when st stops it.
func (md *model) exact(lb, fairness int, seed uint64, st *stopper, pl *seat) {
	type attempt struct {
		k       int
		b       *breakSAT
		hinted  int     // breaks of the schedule it last searched from
		descent bool    // k follows the best schedule: one fewer breaks
		seats   Seating // how its model counts the seats of a slot
	}
	ub := func() int { _, b := pl.current(); return b }
	none := func() bool { b, _ := pl.current(); return b == nil }
	// The lowest budget is searched on the model with the tables counted
	// too, where their counters are not too many.
	secondModel := md.tablesCounted()
	active := 0 // participants with meetings
	for p := range md.np {
		if len(md.pm[p]) > 0 {
			active++
		}
	}
	// The descent's budget: one below the best schedule, and below the
	// participants, where fairness is "at most d breaks each".
	descentK := func() int {
		k := ub() - 1
		if fairness >= 0 {
			k = min(k, active-1)
		}
		return k
	}
	open := []*attempt{{k: math.MaxInt, descent: true}}
	if none() {
		open = append(open, &attempt{k: -1})
	}
	// live says whether an attempt can still tell anything new.
	live := func(a *attempt) bool {
		switch {
		case a.descent:
			return a.k >= lb
		case a.k < 0:
			return a.k != settled && none()
		}
		return a.k >= lb && a.k < ub()
	}
	var lim sat.Limits
	for budget := int64(exactBudget); !st.stopped; budget *= 2 {
		open = slices.DeleteFunc(open, func(a *attempt) bool { return !live(a) })
		// The lowest open budget, below the descent's, searched first:
		// where the bound is the optimum its schedules are found there
		// (forum-14 k = 2, ticf-14crafa and ticf-13crafa k = 0), and
		// where it is not, its proof raises the bound (forum-13crafb k = 5,
		// the crafc instances k = 0).
		if lb < ub()-1 && !slices.ContainsFunc(open, func(a *attempt) bool { return a.k >= 0 && !a.descent }) && !(fairness >= 0 && lb >= active) {
			open = slices.Insert(open, 0, &attempt{k: lb})
			if secondModel {
				open = slices.Insert(open, 1, &attempt{k: lb, seats: SeatsCounted})
			}
		}
		if len(open) == 0 || st.tick(0) {
			break
		}
		for _, a := range open {
			if st.stopped || !live(a) || (a.descent && none()) {
				continue // the descent begins below the first schedule
			}
			allow := budget
			if a.seats == SeatsCounted {
				allow = budget / 2 // the second model of the same budget
			}
			if a.b == nil {
				f := fairness
				if a.k < 0 {
					// Feasibility alone: "at most d breaks each" is the
					// fairness bound only when somebody has none, so a
					// proof with it would not show that no complete
					// schedule exists.
					f = -1
				}
				a.b = newBreakSAT(md, f, a.seats)
				a.b.bounded = a.descent // its budget is set below
				a.b.s.Shuffle(seed)
				a.hinted = math.MaxInt
			}
			for again := true; again; {
				if ks, kb := pl.current(); ks != nil && kb < a.hinted {
					a.b.hint(ks)
					a.hinted = kb
				}
				status := sat.Unknown
				var slot []int
				if k := descentK(); a.descent && k < a.k {
					a.k = k
					if k < lb {
						break // the bound meets the best schedule: nothing to ask
					}
					if !a.b.tighten(k) {
						status = sat.Unsat
					}
				}
				if status == sat.Unknown {
					lim.Conflicts = allow
					lim.Stop = spender(st, a.b.s)
					from := a.b.s.Conflicts
					status, slot = a.b.solve(a.k, lim)
					lim.Stop()
					allow -= a.b.s.Conflicts - from
				}
				switch status {
				case sat.Unsat:
					if a.k < 0 {
						pl.impossible()
						return
					}
					lb = max(lb, a.k+1)
					pl.raise(lb)
				case sat.Sat:
					s := md.complete(slot)
					if s == nil || (a.k >= 0 && s.breaks > a.k) {
						break // cannot happen: the model is exact
					}
					if a.k < 0 {
						a.k = settled // complete schedules exist
					}
					if fairness >= 0 && s.spread() > fairness {
						break // complete but not fair enough: no result
					}
					pl.offer(slot, s.breaks)
				}
				if pl.settled() {
					return
				}
				// The descent searches on below each schedule it finds.
				again = a.descent && status == sat.Sat && descentK() < a.k && allow > 0 && !st.stopped
			}
		}
	}
}

// tighten lowers the break budget of b to k; false when that is now known
// to be impossible.
func (b *breakSAT) tighten(k int) bool {
	return b.s.AddAtMost(b.breaks, k) && b.s.AddAtMost(b.ends, k)
}

// spender returns a stop function for s's search that counts the
// conflicts since its last call as effort of st, exactTick each.
func spender(st *stopper, s *sat.Solver) func() bool {
	last := s.Conflicts
	return func() bool {
		n := s.Conflicts - last
		last = s.Conflicts
		return st.tick(exactTick * n)
	}
}

// settled marks the attempt without a budget once it found a complete
// schedule.
const settled = -2

// exactBudget is the first conflict budget of each exact problem;
// exactTick is the search effort, in annealing iterations, that one
// conflict counts for.
const (
	exactBudget = 2000
	exactTick   = 50
)

// orVar returns a new variable v ⇔ a ∨ b, for variables a and b (b < 0:
// false).
func orVar(s *sat.Solver, a, b int) int {
	v := s.NewVar()
	s.AddClause(sat.Neg(a), sat.Pos(v))
	if b < 0 {
		s.AddClause(sat.Neg(v), sat.Pos(a))
		return v
	}
	s.AddClause(sat.Neg(b), sat.Pos(v))
	s.AddClause(sat.Neg(v), sat.Pos(a), sat.Pos(b))
	return v
}

// complete returns the state of slot if it places every meeting without
// a hard violation, else nil. The exact model only yields such schedules;
// its results are checked all the same before they are used.
func (md *model) complete(slot []int) *state {
	s := newState(md, slot)
	if s.hard() != 0 || s.scheduled != md.nm {
		return nil
	}
	return s
}

// unaryAtLeast returns literals c[0..k-1] with c[j] forced true when at
// least j+1 of lits are true (a sequential counter, in the one direction
// an objective to minimise needs).
func unaryAtLeast(s *sat.Solver, lits []sat.Lit, k int) []sat.Lit {
	if k <= 0 || len(lits) == 0 {
		return nil
	}
	prev := make([]int, k) // prev[j]: at least j+1 among the lits so far; -1 false
	for j := range prev {
		prev[j] = -1
	}
	for _, x := range lits {
		cur := make([]int, k)
		for j := range k {
			cur[j] = s.NewVar()
			if prev[j] >= 0 {
				s.AddClause(sat.Neg(prev[j]), sat.Pos(cur[j]))
			}
			if j == 0 {
				s.AddClause(x.Not(), sat.Pos(cur[j]))
			} else if prev[j-1] >= 0 {
				s.AddClause(x.Not(), sat.Neg(prev[j-1]), sat.Pos(cur[j]))
			}
		}
		prev = cur
	}
	out := make([]sat.Lit, 0, k)
	for _, v := range prev {
		out = append(out, sat.Pos(v))
	}
	return out
}

// windowSearch improves a complete schedule by large neighbourhood search
// on the exact model: each round keeps the busy slots of every participant
// but a few (one with breaks, then partners of those chosen and others at
// random), as assumptions, and asks for a schedule with fewer breaks in
// all; the meetings themselves may all move. Every other round keeps the
// others' busy slots only outside a stretch of a third of the day, so
// that days can also be reshaped across many participants at once. Most
// rounds are refuted by propagation alone, so rounds are cheap and many.
// The neighbourhood grows while rounds are refuted within their conflict
// limit and shrinks when they hit it. It improves the best schedule of
// pl, offers it each better one at once, and takes up any better one that
// others put there.
func (md *model) windowSearch(pl *seat, fairness int, st *stopper, rng *rand.Rand) {
	cur, curBreaks := pl.current()
	if cur == nil || pl.settled() || st.tick(0) {
		return
	}
	b := newBreakSAT(md, fairness, SeatsNative)
	b.hint(cur)
	if !b.tighten(curBreaks - 1) {
		return
	}
	size := 15
	free := make([]bool, md.np)
	var assume []sat.Lit
	var withBreaks, chosen []int
	var s *state // of cur
	for !pl.settled() && !st.stopped {
		if sc, sb := pl.current(); sb < curBreaks {
			cur, curBreaks, s = sc, sb, nil
			if !b.tighten(curBreaks - 1) {
				break
			}
		}
		if s == nil {
			s = newState(md, cur)
			withBreaks = withBreaks[:0]
			for p := range md.np {
				if s.runs[p] > 1 {
					withBreaks = append(withBreaks, p)
				}
			}
		}
		clear(free)
		chosen = chosen[:0]
		if len(withBreaks) > 0 {
			p := withBreaks[rng.IntN(len(withBreaks))]
			free[p] = true
			chosen = append(chosen, p)
		}
		for len(chosen) < min(size, md.np) {
			p := rng.IntN(md.np)
			if len(chosen) > 0 && rng.IntN(3) > 0 {
				q := chosen[rng.IntN(len(chosen))]
				if len(md.pm[q]) > 0 {
					p = md.other(md.pm[q][rng.IntN(len(md.pm[q]))], q)
				}
			}
			if !free[p] {
				free[p] = true
				chosen = append(chosen, p)
			}
		}
		assume = assume[:0]
		// Every other round also frees a third of the day for everybody:
		// the chosen participants' days may change anywhere, the others'
		// within that stretch.
		lo, hi := 0, 0
		if rng.IntN(2) == 0 {
			w := max(1, md.T/3)
			lo = rng.IntN(md.T - w + 1)
			hi = lo + w
		}
		for p, us := range b.u {
			if free[p] {
				continue
			}
			for t, v := range us {
				switch {
				case v < 0 || (t >= lo && t < hi):
				case s.occ[p*md.T+t] > 0:
					assume = append(assume, sat.Pos(v))
				default:
					assume = append(assume, sat.Neg(v))
				}
			}
		}
		stop := spender(st, b.s)
		status := b.s.Solve(sat.Limits{Conflicts: windowConflicts, Assume: assume, Stop: stop})
		stop()
		st.tick(windowTick)
		switch status {
		case sat.Sat:
			slot := b.model()
			ns := md.complete(slot)
			if ns == nil || ns.breaks >= curBreaks || (fairness >= 0 && ns.spread() > fairness) {
				return // cannot happen: the model is exact
			}
			cur, curBreaks, s = slot, ns.breaks, nil
			pl.offer(cur, curBreaks)
			if !b.tighten(curBreaks - 1) {
				return
			}
		case sat.Unsat:
			size = min(md.np, size+1)
		default:
			size = max(4, size-2)
		}
	}
}

// windowConflicts limits one round of windowSearch; windowTick is the
// effort, in annealing iterations, that a round counts for besides its
// conflicts.
const (
	windowConflicts = 2000
	windowTick      = 2000
)

// seqAtMost adds "at most k of lits" as a sequential counter (Sinz,
// "Towards an optimal CNF encoding of Boolean cardinality constraints",
// CP 2005): the counter's last output, "at least k+1", is false. (Counting
// the false literals instead when k is more than half of them is smaller,
// but its partial counts teach the search less: tic-13crafc k = 3, no
// answer in 150,000 conflicts against a proof in 72,793.)
func seqAtMost(s *sat.Solver, lits []sat.Lit, k int) {
	if k >= len(lits) {
		return
	}
	cs := unaryAtLeast(s, lits, k+1)
	s.AddClause(cs[k].Not())
}
