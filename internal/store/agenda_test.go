package store_test

import (
	"context"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
)

// agendaEvent creates an event of 4 slots and 2 tables with four
// participants and returns the event and their participation IDs.
func agendaEvent(t *testing.T, ctx context.Context, db *store.DB) (*dagang.Event, []int64) {
	t.Helper()
	if err := db.LoadRegions(ctx, []*dagang.Province{{Code: "63", BPSCode: "63", Name: "Kalimantan Selatan", ShortName: "Kalsel"},
		{Code: "64", BPSCode: "64", Name: "Kalimantan Timur", ShortName: "Kaltim"}}, nil); err != nil {
		t.Fatal(err)
	}
	o := &dagang.Office{Name: "Disdag Kalsel", HomeProvince: "63"}
	if err := db.CreateOffice(ctx, o); err != nil {
		t.Fatal(err)
	}
	e := &dagang.Event{OfficeID: o.ID, Kind: dagang.EventBusinessMeeting, Name: "Temu Bisnis", HostProvince: "64",
		StartsOn: dagang.MustDate("2019-07-10"), Slots: 4, Tables: 2, SlotMinutes: 20, DayStart: "09:00", LunchAfter: 2}
	if err := db.CreateEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	if _, err := db.MoveEvent(ctx, o.ID, e.ID, 0, dagang.EventOpen); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for i := range 4 {
		org := &dagang.Organisation{OfficeID: o.ID, Name: "Pembeli " + string(rune('A'+i)), ProvinceCode: "64", Kind: dagang.OrgBuyer}
		if err := db.CreateOrganisation(ctx, org); err != nil {
			t.Fatal(err)
		}
		p := &dagang.Participation{EventID: e.ID, Role: dagang.RoleBuyer, OrganisationID: org.ID, Status: dagang.ParticipationSelected}
		if err := db.CreateParticipation(ctx, p); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	return e, ids
}

func TestAvailability(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e, ps := agendaEvent(t, ctx, db)
		if err := db.SetAvailability(ctx, &dagang.Availability{ParticipationID: ps[0], MaxMeetings: 2, Unavailable: []int{3, 1, 3}}); err != nil {
			t.Fatal(err)
		}
		if err := db.SetAvailability(ctx, &dagang.Availability{ParticipationID: ps[1], Unavailable: []int{0}}); err != nil {
			t.Fatal(err)
		}
		wantError(t, db.SetAvailability(ctx, &dagang.Availability{ParticipationID: ps[2], Unavailable: []int{4}}), dagang.EINVALID, "unavailable_slots")
		wantError(t, db.SetAvailability(ctx, &dagang.Availability{ParticipationID: ps[2], MaxMeetings: -1}), dagang.EINVALID, "max_meetings")
		wantError(t, db.SetAvailability(ctx, &dagang.Availability{ParticipationID: 99999}), dagang.ENOTFOUND, "")
		got, err := db.FindAvailability(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []*dagang.Availability{
			{ParticipationID: ps[0], MaxMeetings: 2, Unavailable: []int{1, 3}},
			{ParticipationID: ps[1], Unavailable: []int{0}},
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("availability (-want +got):\n%s", d)
		}
		// A counterpart sets its own participation's availability and
		// nobody else's: another's is not found, and stays as it was.
		own, err := db.FindParticipationByID(ctx, ps[2])
		if err != nil {
			t.Fatal(err)
		}
		as := dagang.NewContextWithUser(ctx, &dagang.User{ID: 7, OfficeID: e.OfficeID, Role: dagang.UserCounterpart, OrganisationID: own.OrganisationID})
		if err := db.SetAvailability(as, &dagang.Availability{ParticipationID: ps[2], MaxMeetings: 1, Unavailable: []int{2, 3}}); err != nil {
			t.Fatalf("own availability: %v", err)
		}
		wantError(t, db.SetAvailability(as, &dagang.Availability{ParticipationID: ps[0]}), dagang.ENOTFOUND, "")
		got, _ = db.FindAvailability(ctx, e.ID)
		if d := cmp.Diff(append(want, &dagang.Availability{ParticipationID: ps[2], MaxMeetings: 1, Unavailable: []int{2, 3}}), got); d != "" {
			t.Errorf("after the counterpart (-want +got):\n%s", d)
		}
		biz := dagang.NewContextWithUser(ctx, &dagang.User{ID: 8, OfficeID: e.OfficeID, Role: dagang.UserBusiness, BusinessID: 1})
		wantError(t, db.SetAvailability(biz, &dagang.Availability{ParticipationID: ps[2]}), dagang.ENOTFOUND, "")
		staff := dagang.NewContextWithUser(ctx, &dagang.User{ID: 9, OfficeID: e.OfficeID, Role: dagang.UserStaff})
		if err := db.SetAvailability(staff, &dagang.Availability{ParticipationID: ps[2]}); err != nil {
			t.Fatalf("staff for a participant: %v", err)
		}
		got, _ = db.FindAvailability(ctx, e.ID)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("after the acting users (-want +got):\n%s", d)
		}
		// Setting again replaces: no cap, no unavailable slots.
		if err := db.SetAvailability(ctx, &dagang.Availability{ParticipationID: ps[0]}); err != nil {
			t.Fatal(err)
		}
		got, _ = db.FindAvailability(ctx, e.ID)
		if d := cmp.Diff(want[1:], got); d != "" {
			t.Errorf("after reset (-want +got):\n%s", d)
		}
	})
}

func TestRequestStatusAndMeetingMoves(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e, ps := agendaEvent(t, ctx, db)
		r := &dagang.MeetingRequest{EventID: e.ID, FromID: ps[0], ToID: ps[1], Priority: 4}
		if err := db.CreateMeetingRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		got, err := db.AnswerMeetingRequest(ctx, r.ID, 0, dagang.RequestApproved, "")
		if err != nil || got.Status != dagang.RequestApproved {
			t.Fatalf("approve: %+v, %v", got, err)
		}
		wantError(t, func() error { _, err := db.AnswerMeetingRequest(ctx, r.ID, 0, "maybe", ""); return err }(), dagang.EINVALID, "status")
		wantError(t, func() error { _, err := db.AnswerMeetingRequest(ctx, 12345, 0, dagang.RequestDeclined, ""); return err }(), dagang.ENOTFOUND, "")
		stored, _ := db.FindMeetingRequestByID(ctx, r.ID)
		if stored.Status != dagang.RequestApproved {
			t.Errorf("stored status = %s, want approved", stored.Status)
		}

		ms := []*dagang.Meeting{
			{RequestID: r.ID, AID: ps[0], BID: ps[1], Slot: 0, Table: 0},
			{AID: ps[2], BID: ps[3], Slot: 0, Table: 1},
			{AID: ps[0], BID: ps[2], Slot: 1, Table: 0},
		}
		if err := db.ReplaceMeetings(ctx, e.ID, ms); err != nil {
			t.Fatal(err)
		}
		if err := db.SetAvailability(ctx, &dagang.Availability{ParticipationID: ps[3], Unavailable: []int{3}}); err != nil {
			t.Fatal(err)
		}
		move := func(id int64, slot, table int) error { _, err := db.MoveMeeting(ctx, id, slot, table); return err }
		wantError(t, move(ms[0].ID, 0, 1), dagang.ECONFLICT, "")    // table taken
		wantError(t, move(ms[0].ID, 1, 1), dagang.ECONFLICT, "")    // ps[0] meets ps[2] then
		wantError(t, move(ms[1].ID, 3, 0), dagang.ECONFLICT, "")    // ps[3] unavailable
		wantError(t, move(ms[1].ID, 4, 0), dagang.EINVALID, "slot") // outside the grid
		wantError(t, move(ms[1].ID, 2, 2), dagang.EINVALID, "table")
		m, err := db.MoveMeeting(ctx, ms[1].ID, 2, 1)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(dagang.Meeting{ID: ms[1].ID, Version: 2, EventID: e.ID, AID: ps[2], BID: ps[3], Slot: 2, Table: 1, Locked: true}, *m); d != "" {
			t.Errorf("moved meeting (-want +got):\n%s", d)
		}
		if m, err = db.LockMeeting(ctx, ms[2].ID, true); err != nil || !m.Locked {
			t.Fatalf("lock: %+v, %v", m, err)
		}
		// Re-solving replaces only the unlocked meeting.
		if err := db.ReplaceMeetings(ctx, e.ID, []*dagang.Meeting{{AID: ps[0], BID: ps[1], Slot: 3, Table: 0}}); err != nil {
			t.Fatal(err)
		}
		all, n, err := db.FindMeetings(ctx, dagang.MeetingFilter{EventID: e.ID})
		if err != nil || n != 3 {
			t.Fatalf("meetings after re-solve: %d, %v", n, err)
		}
		var where [][3]int
		for _, m := range all {
			where = append(where, [3]int{m.Slot, m.Table, map[bool]int{false: 0, true: 1}[m.Locked]})
		}
		if d := cmp.Diff([][3]int{{1, 0, 1}, {2, 1, 1}, {3, 0, 0}}, where); d != "" {
			t.Errorf("slot, table, locked (-want +got):\n%s", d)
		}
		if _, n, _ := db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: e.OfficeID, Entity: "meeting"}); n != 2 {
			t.Errorf("audit entries for meetings = %d, want 2 (move, lock)", n)
		}
	})
}
