package store_test

import (
	"context"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
)

// Calendar entries follow every write of the schedule in its own
// transaction: a full reschedule, a staff move and a repair raise the
// sequence of each pair whose meeting moved or went, and leave the others.
func TestCalendarEntries(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e, ps := agendaEvent(t, ctx, db)
		type entry struct {
			A, B        int64
			Slot, Table int
			Seq         int
			Cancelled   bool
		}
		check := func(step string, participation int64, want []entry) {
			t.Helper()
			cs, err := db.FindCalendarEntries(ctx, e.ID, participation)
			if err != nil {
				t.Fatal(err)
			}
			got := []entry{}
			for _, c := range cs {
				if c.ChangedAt.IsZero() {
					t.Errorf("%s: entry %s has no change time", step, c.UID())
				}
				got = append(got, entry{c.AID, c.BID, c.Slot, c.Table, c.Sequence, c.Cancelled})
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("%s (-want +got):\n%s", step, d)
			}
		}
		if err := db.ReplaceMeetings(ctx, e.ID, []*dagang.Meeting{{AID: ps[1], BID: ps[0], Slot: 0, Table: 0}, {AID: ps[2], BID: ps[3], Slot: 0, Table: 1}}); err != nil {
			t.Fatal(err)
		}
		check("scheduled", 0, []entry{{ps[0], ps[1], 0, 0, 0, false}, {ps[2], ps[3], 0, 1, 0, false}})
		// The same schedule again changes no entry.
		if err := db.ReplaceMeetings(ctx, e.ID, []*dagang.Meeting{{AID: ps[0], BID: ps[1], Slot: 0, Table: 0}, {AID: ps[2], BID: ps[3], Slot: 0, Table: 1}}); err != nil {
			t.Fatal(err)
		}
		check("rescheduled alike", 0, []entry{{ps[0], ps[1], 0, 0, 0, false}, {ps[2], ps[3], 0, 1, 0, false}})
		ms, _, err := db.FindMeetings(ctx, dagang.MeetingFilter{EventID: e.ID, ParticipationID: ps[2]})
		if err != nil || len(ms) != 1 {
			t.Fatal(ms, err)
		}
		if _, err := db.MoveMeeting(ctx, ms[0].ID, 2, 0); err != nil {
			t.Fatal(err)
		}
		check("moved", 0, []entry{{ps[0], ps[1], 0, 0, 0, false}, {ps[2], ps[3], 2, 0, 1, false}})
		check("one participant's", ps[3], []entry{{ps[2], ps[3], 2, 0, 1, false}})
		// A reschedule without the first pair cancels it and keeps its place.
		if err := db.ReplaceMeetings(ctx, e.ID, []*dagang.Meeting{{AID: ps[0], BID: ps[2], Slot: 1, Table: 0}}); err != nil {
			t.Fatal(err)
		}
		check("cancelled", 0, []entry{{ps[0], ps[1], 0, 0, 1, true}, {ps[0], ps[2], 1, 0, 0, false}, {ps[2], ps[3], 2, 0, 1, false}})
		// A repair that drops one meeting and brings the cancelled pair back.
		ms, _, err = db.FindMeetings(ctx, dagang.MeetingFilter{EventID: e.ID, ParticipationID: ps[0]})
		if err != nil || len(ms) != 1 {
			t.Fatal(ms, err)
		}
		if err := db.RepairMeetings(ctx, e.ID, dagang.MeetingChanges{Drops: []int64{ms[0].ID}, Adds: []*dagang.Meeting{{AID: ps[0], BID: ps[1], Slot: 3, Table: 1}}}); err != nil {
			t.Fatal(err)
		}
		check("repaired", 0, []entry{{ps[0], ps[2], 1, 0, 1, true}, {ps[2], ps[3], 2, 0, 1, false}, {ps[0], ps[1], 3, 1, 2, false}})
	})
}

// An event's time zone and meeting days are kept; an unknown zone is
// refused naming the field.
func TestEventTime(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e, ps := agendaEvent(t, ctx, db)
		got, err := db.FindEventByID(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.MeetingDays != 1 || got.TimeZone != "" || got.ZoneName() != dagang.ZoneWITA {
			t.Errorf("new event: %d days, zone %q (%s)", got.MeetingDays, got.TimeZone, got.ZoneName())
		}
		got.TimeZone, got.MeetingDays, got.EndsOn = dagang.ZoneWIB, 3, dagang.MustDate("2019-07-12")
		if err := db.UpdateEvent(ctx, got, dagang.Change{Fields: []string{"time_zone", "meeting_days", "ends_on"}}); err != nil {
			t.Fatal(err)
		}
		again, err := db.FindEventByID(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if again.MeetingDays != 3 || again.TimeZone != dagang.ZoneWIB {
			t.Errorf("updated: %d days, zone %q", again.MeetingDays, again.TimeZone)
		}
		again.TimeZone = "Asia/Banjarmasin"
		wantError(t, db.UpdateEvent(ctx, again, dagang.Change{Fields: []string{"time_zone"}}), dagang.EINVALID, "time_zone")
		// The grid counts slots over the days: slot 11 of 3 × 4 is in it,
		// slot 12 is not.
		if err := db.SetAvailability(ctx, &dagang.Availability{ParticipationID: ps[0], Unavailable: []int{11}}); err != nil {
			t.Errorf("slot 11 of three days: %v", err)
		}
		wantError(t, db.SetAvailability(ctx, &dagang.Availability{ParticipationID: ps[0], Unavailable: []int{12}}), dagang.EINVALID, "unavailable_slots")
	})
}

// Announcing an agenda: nobody before it is published; publishing tells
// every participant (staff only); afterwards only the participants of the
// meetings changed since, once.
func TestAnnounceAgenda(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e, ps := agendaEvent(t, ctx, db)
		render := func(pid int64, lang string) (*dagang.AgendaNotice, error) {
			return &dagang.AgendaNotice{Params: map[string]string{"event": e.Name}}, nil
		}
		if err := db.ReplaceMeetings(ctx, e.ID, []*dagang.Meeting{{AID: ps[0], BID: ps[1], Slot: 0, Table: 0}, {AID: ps[2], BID: ps[3], Slot: 0, Table: 1}}); err != nil {
			t.Fatal(err)
		}
		told, err := db.AnnounceAgenda(ctx, e.ID, false, render)
		if err != nil || len(told) != 0 {
			t.Errorf("before publishing: told %v, %v", told, err)
		}
		business := dagang.NewContextWithUser(ctx, &dagang.User{ID: 9, OfficeID: e.OfficeID, Role: dagang.UserCounterpart})
		if _, err := db.AnnounceAgenda(business, e.ID, true, render); dagang.ErrorCode(err) != dagang.EFORBIDDEN {
			t.Errorf("a counterpart publishes: %v", err)
		}
		told, err = db.AnnounceAgenda(ctx, e.ID, true, render)
		if d := cmp.Diff(ps, told); err != nil || d != "" {
			t.Errorf("publishing told (-want +got) %v:\n%s", err, d)
		}
		ms, _, err := db.FindMeetings(ctx, dagang.MeetingFilter{EventID: e.ID, ParticipationID: ps[2]})
		if err != nil || len(ms) != 1 {
			t.Fatal(ms, err)
		}
		if _, err := db.MoveMeeting(ctx, ms[0].ID, 3, 1); err != nil {
			t.Fatal(err)
		}
		told, err = db.AnnounceAgenda(ctx, e.ID, false, render)
		if d := cmp.Diff([]int64{ps[2], ps[3]}, told); err != nil || d != "" {
			t.Errorf("after a move, told (-want +got) %v:\n%s", err, d)
		}
		if told, err = db.AnnounceAgenda(ctx, e.ID, false, render); err != nil || len(told) != 0 {
			t.Errorf("nothing changed since, told %v, %v", told, err)
		}
		got, err := db.FindEventByID(ctx, e.ID)
		if err != nil || got.AgendaPublishedAt == nil {
			t.Errorf("published at: %v", err)
		}
	})
}
