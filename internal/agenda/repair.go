package agenda

import (
	"context"
	"slices"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/repair"
)

// RepairStore is what RepairDay reads and writes beyond Store.
type RepairStore interface {
	Store
	FindCheckins(ctx context.Context, eventID int64) ([]*dagang.Checkin, error)
	RepairMeetings(ctx context.Context, eventID int64, ch dagang.MeetingChanges) error
}

// RepairOptions tune RepairDay.
type RepairOptions struct {
	// Now is the first slot that may change (counted from 0); -1: the slot
	// after the latest one with a marked meeting (the day so far).
	Now int
	// DryRun computes the repair without storing it.
	DryRun bool
}

// Affected is one participant whose day a repair changed.
type Affected struct {
	ParticipationID int64  `json:"participation_id"`
	Name            string `json:"name"`
}

// RepairResult says what a repair changed.
type RepairResult struct {
	Now      int        `json:"now"` // first slot repaired, counted from 0
	Weight   int        `json:"weight"`
	Changes  int        `json:"changes"` // meetings moved or dropped
	Breaks   int        `json:"breaks"`
	Moved    []string   `json:"moved"`   // "A – B: 10:00 → 11:20"
	Dropped  []string   `json:"dropped"` // "A – B"
	Added    []string   `json:"added"`   // "A – B: 11:40"
	Absent   []Affected `json:"absent"`  // participants taken as gone
	Affected []Affected `json:"affected"`
	// Unchanged are the participants with meetings whose day stayed.
	Unchanged int   `json:"unchanged"`
	ElapsedMS int64 `json:"elapsed_ms"`
}

// RepairDay re-optimises the rest of an event's day after no-shows, late
// arrivals and new requests (internal/repair), keeping meetings held,
// locked or in the past, and changing as few others as it can. A
// participant is taken as gone when a meeting of it is marked a no-show
// and it has not checked in since (a later check-in is a late arrival).
// Once the agenda is published, the affected participants are told
// (Announce).
func RepairDay(ctx context.Context, st RepairStore, eventID int64, opt RepairOptions) (*RepairResult, error) {
	start := time.Now()
	p, err := Build(ctx, st, eventID)
	if err != nil {
		return nil, err
	}
	ms, err := pages(func(o dagang.ListOptions) ([]*dagang.Meeting, int, error) {
		return st.FindMeetings(ctx, dagang.MeetingFilter{ListOptions: o, EventID: eventID})
	})
	if err != nil {
		return nil, err
	}
	cs, err := st.FindCheckins(ctx, eventID)
	if err != nil {
		return nil, err
	}
	now := opt.Now
	if now < 0 {
		now = 0
		for _, m := range ms {
			if m.Outcome != dagang.OutcomeNone {
				now = max(now, m.Slot+1)
			}
		}
	}
	now = min(now, p.Grid.Slots)
	index := map[int64]int{}
	for i, id := range p.Participants {
		index[id] = i
	}
	arrived := map[int64]time.Time{}
	for _, c := range cs {
		arrived[c.ParticipationID] = c.At
	}
	gone := map[int64]bool{}
	for _, m := range ms {
		for _, id := range []int64{m.AID, m.BID} {
			if m.Absent(id) && m.OutcomeAt != nil {
				if at, ok := arrived[id]; !ok || !at.After(*m.OutcomeAt) {
					gone[id] = true
				}
			}
		}
	}
	in := &repair.Instance{Slots: p.Grid.Slots, Tables: p.Grid.Tables, Now: now}
	for _, id := range p.Participants {
		person := p.People[id]
		rp := repair.Participant{Unavailable: person.Unavailable, Cap: person.MaxMeetings, GoneFrom: -1}
		if gone[id] {
			rp.GoneFrom = now
		}
		in.Participants = append(in.Participants, rp)
	}
	// One repair meeting per pair of the plan; the stored meeting of each.
	type key [2]int64
	stored := map[key]*dagang.Meeting{}
	for _, m := range ms {
		stored[key{min(m.AID, m.BID), max(m.AID, m.BID)}] = m
	}
	var records []*dagang.Meeting // per repair meeting: its stored meeting or nil
	var requests []int64
	seen := map[key]bool{}
	add := func(a, b int64, w int, rec *dagang.Meeting, req int64) {
		rm := repair.Meeting{A: index[a], B: index[b], Weight: w, Slot: -1}
		if rec != nil {
			rm.Slot = rec.Slot
			rm.Fixed = rec.Locked || (rec.Outcome != dagang.OutcomeNone && rec.Outcome != dagang.OutcomeMoved)
			if rec.Outcome == dagang.OutcomeMoved && !rm.Fixed {
				rm.Slot = -1 // both sides agreed on another time: it needs one
			}
		}
		in.Meetings = append(in.Meetings, rm)
		records = append(records, rec)
		requests = append(requests, req)
	}
	for _, pr := range p.Pairs {
		k := key{pr.A, pr.B}
		seen[k] = true
		var req int64
		if len(pr.Requests) > 0 {
			req = pr.Requests[0]
		}
		add(pr.A, pr.B, pr.Weight, stored[k], req)
	}
	for _, m := range ms {
		k := key{min(m.AID, m.BID), max(m.AID, m.BID)}
		if _, okA := index[m.AID]; !okA || seen[k] {
			continue
		}
		if _, okB := index[m.BID]; !okB {
			continue
		}
		seen[k] = true
		add(k[0], k[1], 1, m, m.RequestID) // on the schedule without an approved request
	}
	res, err := repair.Repair(in)
	if err != nil {
		return nil, err
	}
	out := &RepairResult{Now: now, Weight: res.Weight, Changes: res.Changes, Breaks: res.Breaks,
		Moved: []string{}, Dropped: []string{}, Added: []string{}, Absent: []Affected{}, Affected: []Affected{}}
	name := func(i int) string {
		m := in.Meetings[i]
		return p.meetingName(p.Participants[m.A], p.Participants[m.B])
	}
	// Tables: unchanged meetings keep theirs; the others take the lowest
	// free table of their slot.
	used := map[[2]int]bool{}
	for i, rec := range records {
		if rec != nil && res.Slot[i] == rec.Slot {
			used[[2]int{rec.Slot, rec.Table}] = true
		}
	}
	table := func(slot int) int {
		t := 0
		for used[[2]int{slot, t}] {
			t++
		}
		used[[2]int{slot, t}] = true
		return t
	}
	var ch dagang.MeetingChanges
	for i, rec := range records {
		if rec != nil && in.Meetings[i].Slot < 0 && res.Slot[i] < 0 {
			// Marked moved and no new time found: it goes.
			ch.Drops = append(ch.Drops, rec.ID)
			out.Dropped = append(out.Dropped, name(i))
			out.Changes++
		}
	}
	for _, i := range res.Dropped {
		ch.Drops = append(ch.Drops, records[i].ID)
		out.Dropped = append(out.Dropped, name(i))
	}
	for _, i := range res.Moved {
		rec := records[i]
		m := &dagang.Meeting{ID: rec.ID, Slot: res.Slot[i], Table: table(res.Slot[i])}
		ch.Moves = append(ch.Moves, m)
		out.Moved = append(out.Moved, name(i)+": "+p.Grid.Time(rec.Slot)+" → "+p.Grid.Time(m.Slot))
	}
	for _, i := range res.Added {
		mt := in.Meetings[i]
		if rec := records[i]; rec != nil {
			// A moved meeting (or one marked moved) keeps its record.
			m := &dagang.Meeting{ID: rec.ID, Slot: res.Slot[i], Table: table(res.Slot[i])}
			ch.Moves = append(ch.Moves, m)
			out.Moved = append(out.Moved, name(i)+": "+p.Grid.Time(rec.Slot)+" → "+p.Grid.Time(m.Slot))
			continue
		}
		m := &dagang.Meeting{EventID: eventID, RequestID: requests[i], AID: p.Participants[mt.A], BID: p.Participants[mt.B], Slot: res.Slot[i], Table: table(res.Slot[i])}
		ch.Adds = append(ch.Adds, m)
		out.Added = append(out.Added, name(i)+": "+p.Grid.Time(m.Slot))
	}
	for _, i := range res.Affected {
		id := p.Participants[i]
		out.Affected = append(out.Affected, Affected{ParticipationID: id, Name: p.People[id].Label()})
	}
	busy := map[int]bool{}
	for i, s := range res.Slot {
		if s >= 0 {
			busy[in.Meetings[i].A], busy[in.Meetings[i].B] = true, true
		}
	}
	for i := range busy {
		if !slices.Contains(res.Affected, i) {
			out.Unchanged++
		}
	}
	for _, id := range p.Participants {
		if gone[id] {
			out.Absent = append(out.Absent, Affected{ParticipationID: id, Name: p.People[id].Label()})
		}
	}
	if !opt.DryRun && (len(ch.Drops)+len(ch.Moves)+len(ch.Adds) > 0) {
		if err := st.RepairMeetings(ctx, eventID, ch); err != nil {
			return nil, err
		}
		if _, err := Announce(ctx, st, eventID); err != nil {
			return nil, err
		}
	}
	out.ElapsedMS = time.Since(start).Milliseconds()
	return out, nil
}
