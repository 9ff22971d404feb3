package schedule

import (
	"fmt"
	"slices"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
)

// Schedule is a solution (format "dagang-b2b-schedule/1").
type Schedule struct {
	Format      string       `json:"format"`
	Instance    string       `json:"instance"`
	Assignments []Assignment `json:"assignments"`
	Unscheduled []int        `json:"unscheduled"`
	Objective   Objective    `json:"objective"`
	Bound       *Bounds      `json:"bound,omitempty"`
	ElapsedMS   int64        `json:"elapsed_ms"`
}

// Assignment places one meeting in a slot at a table.
type Assignment struct {
	Meeting int `json:"meeting"`
	Slot    int `json:"slot"`
	Table   int `json:"table"`
}

// Objective is what a schedule achieves.
type Objective struct {
	Scheduled   int `json:"scheduled"`
	Weight      int `json:"weight"`
	Breaks      int `json:"breaks"`
	BreakSpread int `json:"break_spread"`
}

// Bounds is what a solver can prove: no schedule has more total weight than
// Weight, and none that schedules as much has fewer breaks than Breaks.
type Bounds struct {
	Weight int `json:"weight"`
	Breaks int `json:"breaks"`
}

// Check verifies every constraint of sched against inst and recomputes the
// objective from the assignments alone, as check.py does. It returns the
// objective even when the schedule is infeasible; the error then is an
// EINVALID *dagang.Error listing up to twenty violations.
func Check(inst *Instance, sched *Schedule) (Objective, error) {
	var v dagang.Validation
	n := 0
	bad := func(id, en string, args ...any) {
		if n < maxFieldErrs {
			v.Add("assignments", fmt.Sprintf(id, args...), fmt.Sprintf(en, args...))
		}
		n++
	}
	parts := make(map[string]int, len(inst.Participants))
	for i, p := range inst.Participants {
		parts[p.ID] = i
	}
	sessions := make(map[string]Session, len(inst.Sessions))
	for _, s := range inst.Sessions {
		sessions[s.Name] = s
	}
	type pt struct{ p, t int }
	slotOf := make(map[int]int, len(sched.Assignments))
	used := make(map[pt]bool)
	busy := make(map[pt]int)
	for _, a := range sched.Assignments {
		m, t, k := a.Meeting, a.Slot, a.Table
		switch {
		case m < 0 || m >= len(inst.Meetings):
			bad("pertemuan %d tidak dikenal", "unknown meeting %d", m)
			continue
		case hasKey(slotOf, m):
			bad("pertemuan %d dijadwalkan dua kali", "meeting %d assigned twice", m)
			continue
		case t < 0 || t >= inst.Slots:
			bad("pertemuan %d: slot %d di luar rentang", "meeting %d: slot %d out of range", m, t)
			continue
		case k < 0 || k >= inst.Tables:
			bad("pertemuan %d: meja %d di luar rentang", "meeting %d: table %d out of range", m, k)
			continue
		}
		if used[pt{t, k}] {
			bad("slot %d meja %d dipakai dua kali", "slot %d table %d used twice", t, k)
		}
		used[pt{t, k}] = true
		slotOf[m] = t
		mt := inst.Meetings[m]
		for _, id := range []string{mt.A, mt.B} {
			p, ok := parts[id]
			if !ok {
				bad("pertemuan %d: peserta %q tidak dikenal", "meeting %d: unknown participant %q", m, id)
				continue
			}
			if o, clash := busy[pt{p, t}]; clash {
				bad("peserta %s punya pertemuan %d dan %d di slot %d", "participant %s has meetings %d and %d in slot %d", id, o, m, t)
			}
			busy[pt{p, t}] = m
			if slices.Contains(inst.Participants[p].Unavailable, t) {
				bad("peserta %s tidak tersedia di slot %d (pertemuan %d)", "participant %s unavailable in slot %d (meeting %d)", id, t, m)
			}
		}
		if s, ok := sessions[mt.Session]; ok && (t < s.From || t >= s.To) {
			bad("pertemuan %d di luar sesi %s", "meeting %d outside session %s", m, mt.Session)
		}
		if mt.FixedSlot != nil && *mt.FixedSlot != t {
			bad("pertemuan %d ditetapkan di slot %d, didapat %d", "meeting %d fixed to slot %d, got %d", m, *mt.FixedSlot, t)
		}
	}
	for _, pr := range inst.Precedences {
		i, j := pr[0], pr[1]
		ti, okI := slotOf[i]
		tj, okJ := slotOf[j]
		if okI && okJ && ti >= tj {
			bad("urutan %d sebelum %d dilanggar", "precedence %d before %d broken", i, j)
		}
		if okJ && !okI {
			bad("pertemuan %d dijadwalkan tanpa pendahulunya %d", "meeting %d scheduled without its predecessor %d", j, i)
		}
	}
	days := make([][]int, len(inst.Participants))
	var obj Objective
	for m, t := range slotOf {
		mt := inst.Meetings[m]
		obj.Scheduled++
		obj.Weight += mt.Weight
		for _, id := range []string{mt.A, mt.B} {
			if p, ok := parts[id]; ok {
				days[p] = append(days[p], t)
			}
		}
	}
	for p, ts := range days {
		if c := inst.Participants[p].MaxMeetings; c != nil && len(ts) > *c {
			bad("peserta %s punya %d pertemuan, maks. %d", "participant %s has %d meetings, max %d", inst.Participants[p].ID, len(ts), *c)
		}
	}
	if inst.ScheduleAll && len(slotOf) < len(inst.Meetings) {
		bad("%d dari %d pertemuan tidak dijadwalkan, semua wajib", "%d of %d meetings unscheduled, all required", len(inst.Meetings)-len(slotOf), len(inst.Meetings))
	}
	obj.Breaks, obj.BreakSpread = breaksOf(days)
	if n > maxFieldErrs {
		v.Add("", fmt.Sprintf("dan %d pelanggaran lain", n-maxFieldErrs), fmt.Sprintf("and %d more violations", n-maxFieldErrs))
	}
	return obj, v.Err()
}

func hasKey(m map[int]int, k int) bool {
	_, ok := m[k]
	return ok
}

// breaksOf returns the total breaks and the break spread of the given
// per-participant lists of slots (which it sorts).
func breaksOf(days [][]int) (total, spread int) {
	lo, hi, any := 0, 0, false
	for _, ts := range days {
		if len(ts) == 0 {
			continue
		}
		slices.Sort(ts)
		b := 0
		for i := 1; i < len(ts); i++ {
			if ts[i] != ts[i-1]+1 {
				b++
			}
		}
		total += b
		if !any || b < lo {
			lo = b
		}
		if !any || b > hi {
			hi = b
		}
		any = true
	}
	return total, hi - lo
}

// Gap says how far sc may be from the best schedule by its own proven
// bound: the weight it may lack and, when its weight meets the bound, the
// breaks it may have too many. Both zero: optimal, and proven so. Without
// a bound the gap is unknown (ok false).
func (sc *Schedule) Gap() (weight, breaks int, ok bool) {
	if sc.Bound == nil {
		return 0, 0, false
	}
	weight = max(0, sc.Bound.Weight-sc.Objective.Weight)
	if weight == 0 {
		breaks = max(0, sc.Objective.Breaks-sc.Bound.Breaks)
	}
	return weight, breaks, true
}

// Verdict states Gap in Indonesian and in English: "optimal (terbukti)",
// or how far from the best possible the schedule may be.
func (sc *Schedule) Verdict() (id, en string) {
	w, b, ok := sc.Gap()
	both := func(key string, n int) (string, string) {
		return locale.Plural(locale.ID, key, n, n), locale.Plural(locale.EN, key, n, n)
	}
	switch {
	case !ok:
		return locale.Both("schedule.verdict.unknown")
	case w > 0:
		return both("schedule.verdict.weight", w)
	case b > 0:
		return both("schedule.verdict.breaks", b)
	}
	return locale.Both("schedule.verdict.optimal")
}
