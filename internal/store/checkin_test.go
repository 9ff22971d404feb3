package store_test

import (
	"context"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
)

func TestCheckinCode(t *testing.T) {
	for _, id := range []int64{1, 9, 12, 97, 98, 12345, 999999999} {
		code := dagang.CheckinCode(id)
		got, err := dagang.ParseCheckinCode(code)
		if err != nil || got != id {
			t.Errorf("ParseCheckinCode(%q) = %d, %v; want %d", code, got, err, id)
		}
	}
	if got, err := dagang.ParseCheckinCode(" p12 - " + dagang.CheckinCode(12)[4:] + " "); err != nil || got != 12 {
		t.Errorf("lower case and spaces: %d, %v", got, err)
	}
	// One digit typed wrong, two digits swapped, nothing: refused.
	for _, bad := range []string{"P13" + dagang.CheckinCode(12)[3:], "P21" + dagang.CheckinCode(12)[3:], "", "P", "Pxx-12", "P0-98"} {
		if _, err := dagang.ParseCheckinCode(bad); dagang.ErrorCode(err) != dagang.EINVALID {
			t.Errorf("ParseCheckinCode(%q): %v, want invalid", bad, err)
		}
	}
}

func TestCheckinAndOutcome(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e, ps := agendaEvent(t, ctx, db)
		staff := dagang.NewContextWithUser(ctx, &dagang.User{ID: 0, OfficeID: e.OfficeID, Role: dagang.UserStaff})
		guest := dagang.NewContextWithUser(ctx, &dagang.User{ID: 9, OfficeID: e.OfficeID, Role: dagang.UserCounterpart, OrganisationID: 1})

		if _, err := db.CheckIn(guest, &dagang.Checkin{EventID: e.ID, ParticipationID: ps[0]}); dagang.ErrorCode(err) != dagang.EFORBIDDEN {
			t.Errorf("check-in by a participant: %v, want forbidden", err)
		}
		wantError(t, func() error {
			_, err := db.CheckIn(staff, &dagang.Checkin{EventID: e.ID, ParticipationID: 99999})
			return err
		}(), dagang.EINVALID, "participation_id")
		c := &dagang.Checkin{EventID: e.ID, ParticipationID: ps[0]}
		created, err := db.CheckIn(staff, c)
		if err != nil || !created || c.ID == 0 || c.At.IsZero() {
			t.Fatalf("first check-in: %+v created=%v %v", c, created, err)
		}
		// The same person again: the first check-in, nothing new.
		again := &dagang.Checkin{EventID: e.ID, ParticipationID: ps[0]}
		if created, err := db.CheckIn(staff, again); err != nil || created || again.ID != c.ID || !again.At.Equal(c.At) {
			t.Errorf("check-in again: %+v created=%v %v", again, created, err)
		}
		list, err := db.FindCheckins(ctx, e.ID)
		if err != nil || len(list) != 1 || list[0].ParticipationID != ps[0] {
			t.Errorf("check-ins: %+v %v", list, err)
		}

		ms := []*dagang.Meeting{{AID: ps[0], BID: ps[1], Slot: 0, Table: 0}, {AID: ps[2], BID: ps[3], Slot: 0, Table: 1}}
		if err := db.ReplaceMeetings(ctx, e.ID, ms); err != nil {
			t.Fatal(err)
		}
		if _, err := db.MarkMeeting(guest, ms[0].ID, 0, dagang.OutcomeHeld); dagang.ErrorCode(err) != dagang.EFORBIDDEN {
			t.Errorf("mark by a participant: %v", err)
		}
		wantError(t, func() error { _, err := db.MarkMeeting(staff, ms[0].ID, 0, "gone"); return err }(), dagang.EINVALID, "outcome")
		m, err := db.MarkMeeting(staff, ms[1].ID, 1, dagang.OutcomeNoShowB)
		if err != nil || m.Outcome != dagang.OutcomeNoShowB || !m.Locked || m.OutcomeAt == nil || m.Version != 2 {
			t.Fatalf("no-show: %+v %v", m, err)
		}
		if !m.Absent(ps[3]) || m.Absent(ps[2]) {
			t.Errorf("Absent: side B is %v, side A %v", m.Absent(ps[3]), m.Absent(ps[2]))
		}
		stored, _ := db.FindMeetingByID(ctx, ms[1].ID)
		if stored.Outcome != dagang.OutcomeNoShowB || stored.OutcomeAt == nil || !stored.OutcomeAt.Equal(*m.OutcomeAt) {
			t.Errorf("stored: %+v", stored)
		}
		if _, err := db.MarkMeeting(staff, ms[1].ID, 1, dagang.OutcomeHeld); dagang.ErrorCode(err) != dagang.ECONFLICT {
			t.Errorf("stale mark: %v", err)
		}
		m, err = db.MarkMeeting(staff, ms[0].ID, 0, dagang.OutcomeMoved)
		if err != nil || m.Locked {
			t.Errorf("moved: %+v %v (a moved meeting is free to go elsewhere)", m, err)
		}
	})
}
