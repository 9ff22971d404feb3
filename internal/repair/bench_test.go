package repair_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/dagang/dagang/internal/repair"
	"github.com/dagang/dagang/internal/schedule"
)

// The repair against a full reschedule of the rest of the day, on the
// trade-office class of internal/schedule (200 participants, 2,000
// requests, 16 slots, 80 tables; 2,000 / 20,000 / 16 / 600): the day is
// scheduled, then 20 % of the participants, drawn at random, are gone
// after the first third of the day (slot 5 on). Both keep the first third.
// Reported: changes (meetings that had a slot in the rest of the day and
// lost or changed it) and the total weight; ns/op is the time.

type day struct {
	inst    *schedule.Instance
	sc      *schedule.Schedule
	now     int
	gone    map[int]bool
	repair  *repair.Instance
	limit   time.Duration
	initial []int // per meeting: slot before, -1 none
}

func newDay(b *testing.B, g schedule.GenOptions, limit time.Duration) *day {
	b.Helper()
	inst, err := schedule.Generate(g)
	if err != nil {
		b.Fatal(err)
	}
	// The day as planned: the same schedule on every run (an iteration
	// budget, not a time limit).
	sc, err := schedule.Solve(context.Background(), inst, schedule.Options{TimeLimit: time.Minute, Iterations: 1_000_000, Fairness: -1, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	d := &day{inst: inst, sc: sc, now: inst.Slots / 3, gone: map[int]bool{}, limit: limit}
	rng := rand.New(rand.NewPCG(g.Seed, 20))
	for _, p := range rng.Perm(len(inst.Participants))[:len(inst.Participants)/5] {
		d.gone[p] = true
	}
	d.initial = make([]int, len(inst.Meetings))
	for i := range d.initial {
		d.initial[i] = -1
	}
	for _, a := range sc.Assignments {
		d.initial[a.Meeting] = a.Slot
	}
	index := map[string]int{}
	in := &repair.Instance{Slots: inst.Slots, Tables: inst.Tables, Now: d.now}
	for i, p := range inst.Participants {
		index[p.ID] = i
		rp := repair.Participant{Unavailable: p.Unavailable, GoneFrom: -1}
		if p.MaxMeetings != nil {
			rp.Cap = *p.MaxMeetings
		}
		if d.gone[i] {
			rp.GoneFrom = d.now
		}
		in.Participants = append(in.Participants, rp)
	}
	sessions := map[string]schedule.Session{}
	for _, s := range inst.Sessions {
		sessions[s.Name] = s
	}
	for i, m := range inst.Meetings {
		rm := repair.Meeting{A: index[m.A], B: index[m.B], Weight: m.Weight, Slot: d.initial[i]}
		if s, ok := sessions[m.Session]; ok {
			rm.Lo, rm.Hi = s.From, s.To
		}
		in.Meetings = append(in.Meetings, rm)
	}
	d.repair = in
	return d
}

// rest is the instance of the rest of the day for a full reschedule:
// slots from now on, renumbered from 0; the gone participants unavailable
// throughout; caps less the meetings already had; meetings of the past
// and meetings whose session has ended left out.
func (d *day) rest() (*schedule.Instance, []int) {
	in := d.inst
	T := in.Slots - d.now
	out := &schedule.Instance{Format: schedule.InstanceFormat, Slots: T, Tables: in.Tables}
	for _, s := range in.Sessions {
		if s.To > d.now {
			out.Sessions = append(out.Sessions, schedule.Session{Name: s.Name, From: max(0, s.From-d.now), To: s.To - d.now})
		}
	}
	had := map[string]int{}
	for i, m := range in.Meetings {
		if s := d.initial[i]; s >= 0 && s < d.now {
			had[m.A]++
			had[m.B]++
		}
	}
	for i, p := range in.Participants {
		q := schedule.Participant{ID: p.ID, Role: p.Role}
		if p.MaxMeetings != nil {
			c := max(0, *p.MaxMeetings-had[p.ID])
			q.MaxMeetings = &c
		}
		for _, t := range p.Unavailable {
			if t >= d.now {
				q.Unavailable = append(q.Unavailable, t-d.now)
			}
		}
		if d.gone[i] {
			q.Unavailable = nil
			for t := range T {
				q.Unavailable = append(q.Unavailable, t)
			}
		}
		out.Participants = append(out.Participants, q)
	}
	ended := map[string]bool{}
	for _, s := range in.Sessions {
		ended[s.Name] = s.To <= d.now
	}
	var orig []int
	for i, m := range in.Meetings {
		if s := d.initial[i]; (s >= 0 && s < d.now) || ended[m.Session] {
			continue
		}
		out.Meetings = append(out.Meetings, m)
		orig = append(orig, i)
	}
	return out, orig
}

func benchRepair(b *testing.B, g schedule.GenOptions, limit time.Duration) {
	d := newDay(b, g, limit)
	var r *repair.Result
	for b.Loop() {
		var err error
		if r, err = repair.Repair(d.repair); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(r.Changes), "changes")
	b.ReportMetric(float64(len(r.Moved)), "moved")
	b.ReportMetric(float64(r.Weight), "weight")
	b.ReportMetric(float64(len(r.Affected)), "affected")
}

func benchFull(b *testing.B, g schedule.GenOptions, limit time.Duration) {
	d := newDay(b, g, limit)
	rest, orig := d.rest()
	past := 0
	for i, s := range d.initial {
		if s >= 0 && s < d.now {
			past += d.inst.Meetings[i].Weight
		}
	}
	var changes, moved, weight int
	for b.Loop() {
		sc, err := schedule.Solve(context.Background(), rest, schedule.Options{TimeLimit: limit, Fairness: -1, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		now := map[int]int{}
		for _, a := range sc.Assignments {
			now[orig[a.Meeting]] = a.Slot + d.now
		}
		changes, moved, weight = 0, 0, past+sc.Objective.Weight
		for _, i := range orig {
			before := d.initial[i]
			after, ok := now[i]
			if before < 0 || before == after {
				continue
			}
			changes++
			if ok {
				moved++
			}
		}
	}
	b.ReportMetric(float64(changes), "changes")
	b.ReportMetric(float64(moved), "moved")
	b.ReportMetric(float64(weight), "weight")
}

var (
	small = schedule.GenOptions{Participants: 200, Requests: 2000, Slots: 16, Tables: 80, Seed: 1}
	large = schedule.GenOptions{Participants: 2000, Requests: 20000, Slots: 16, Tables: 600, Seed: 1}
)

func BenchmarkRepair200(b *testing.B)          { benchRepair(b, small, time.Second) }
func BenchmarkFullReschedule200(b *testing.B)  { benchFull(b, small, time.Second) }
func BenchmarkRepair2000(b *testing.B)         { benchRepair(b, large, 5*time.Second) }
func BenchmarkFullReschedule2000(b *testing.B) { benchFull(b, large, 5*time.Second) }
