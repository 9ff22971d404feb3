package store_test

import (
	"context"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
)

// TestMeetingRequestDoor: who may ask and who may answer is the service's
// rule, whatever path calls it.
func TestMeetingRequestDoor(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e, ps := agendaEvent(t, ctx, db)
		part := func(id int64) *dagang.Participation {
			p, err := db.FindParticipationByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		as := func(u *dagang.User) context.Context { return dagang.NewContextWithUser(ctx, u) }
		staff := as(&dagang.User{ID: 1, OfficeID: e.OfficeID, Role: dagang.UserStaff})
		a := as(&dagang.User{ID: 2, OfficeID: e.OfficeID, Role: dagang.UserCounterpart, OrganisationID: part(ps[0]).OrganisationID})
		b := as(&dagang.User{ID: 3, OfficeID: e.OfficeID, Role: dagang.UserCounterpart, OrganisationID: part(ps[1]).OrganisationID})
		lead := as(&dagang.User{ID: 4, OfficeID: e.OfficeID, Role: dagang.UserLeadership})

		// A participant asks only in its own name, and only for pending.
		wantError(t, db.CreateMeetingRequest(a, &dagang.MeetingRequest{EventID: e.ID, FromID: ps[1], ToID: ps[0], Priority: 3}), dagang.EFORBIDDEN, "")
		wantError(t, db.CreateMeetingRequest(a, &dagang.MeetingRequest{EventID: e.ID, FromID: ps[0], ToID: ps[1], Priority: 3, Status: dagang.RequestApproved}), dagang.EFORBIDDEN, "")
		wantError(t, db.CreateMeetingRequest(lead, &dagang.MeetingRequest{EventID: e.ID, FromID: ps[0], ToID: ps[1], Priority: 3}), dagang.EFORBIDDEN, "")
		wantError(t, db.CreateMeetingRequest(a, &dagang.MeetingRequest{EventID: e.ID, FromID: ps[0], ToID: 99999, Priority: 3}), dagang.EINVALID, "to_participation_id")
		r := &dagang.MeetingRequest{EventID: e.ID, FromID: ps[0], ToID: ps[1], Priority: 3, Note: "  kopi  "}
		if err := db.CreateMeetingRequest(a, r); err != nil {
			t.Fatal(err)
		}
		if r.Status != dagang.RequestPending || r.Note != "kopi" {
			t.Errorf("created %+v, want pending with note trimmed", r)
		}
		// A second tap asks nothing new.
		wantError(t, db.CreateMeetingRequest(a, &dagang.MeetingRequest{EventID: e.ID, FromID: ps[0], ToID: ps[1], Priority: 5}), dagang.ECONFLICT, "")

		// The requester cannot answer its own request; a third party neither.
		wantError(t, func() error { _, err := db.AnswerMeetingRequest(a, r.ID, 0, dagang.RequestApproved, ""); return err }(), dagang.EFORBIDDEN, "")
		c := as(&dagang.User{ID: 5, OfficeID: e.OfficeID, Role: dagang.UserCounterpart, OrganisationID: part(ps[2]).OrganisationID})
		wantError(t, func() error { _, err := db.AnswerMeetingRequest(c, r.ID, 0, dagang.RequestApproved, ""); return err }(), dagang.EFORBIDDEN, "")
		// The asked side answers approved or declined, not pending.
		wantError(t, func() error { _, err := db.AnswerMeetingRequest(b, r.ID, 0, dagang.RequestPending, ""); return err }(), dagang.EINVALID, "status")
		got, err := db.AnswerMeetingRequest(b, r.ID, 1, dagang.RequestDeclined, " Jadwal kami penuh ")
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != dagang.RequestDeclined || got.Reply != "Jadwal kami penuh" || got.Version != 2 {
			t.Errorf("answered %+v", got)
		}
		// An answer on an old version is stale.
		if _, err := db.AnswerMeetingRequest(b, r.ID, 1, dagang.RequestApproved, ""); dagang.ErrorCode(err) != dagang.ECONFLICT {
			t.Errorf("stale answer: %v, want conflict", err)
		}
		// A declined request is not asked again; staff may reopen it.
		wantError(t, db.CreateMeetingRequest(a, &dagang.MeetingRequest{EventID: e.ID, FromID: ps[0], ToID: ps[1], Priority: 4}), dagang.ECONFLICT, "")
		// Staff act for anyone, one by one or many at once.
		if got, err := db.AnswerMeetingRequest(staff, r.ID, 0, dagang.RequestPending, ""); err != nil || got.Status != dagang.RequestPending {
			t.Fatalf("staff reopen: %+v, %v", got, err)
		}
		r3 := &dagang.MeetingRequest{EventID: e.ID, FromID: ps[2], ToID: ps[3], Priority: 2}
		r4 := &dagang.MeetingRequest{EventID: e.ID, FromID: ps[3], ToID: ps[0], Priority: 2}
		for _, q := range []*dagang.MeetingRequest{r3, r4} {
			if err := db.CreateMeetingRequest(staff, q); err != nil {
				t.Fatal(err)
			}
		}
		wantError(t, func() error {
			_, err := db.DecideMeetingRequests(a, e.ID, []int64{r3.ID}, dagang.RequestApproved, "")
			return err
		}(), dagang.EFORBIDDEN, "")
		wantError(t, func() error {
			_, err := db.DecideMeetingRequests(staff, e.ID, []int64{r3.ID, 99999}, dagang.RequestApproved, "")
			return err
		}(), dagang.ENOTFOUND, "")
		if q, _ := db.FindMeetingRequestByID(ctx, r3.ID); q.Status != dagang.RequestPending {
			t.Errorf("a refused bulk decision changed request %d: %s", r3.ID, q.Status)
		}
		wantError(t, func() error {
			_, err := db.DecideMeetingRequests(staff, e.ID, nil, dagang.RequestApproved, "")
			return err
		}(), dagang.EINVALID, "ids")
		done, err := db.DecideMeetingRequests(staff, e.ID, []int64{r4.ID, r3.ID, r3.ID}, dagang.RequestApproved, "sampai jumpa")
		if err != nil {
			t.Fatal(err)
		}
		if len(done) != 2 {
			t.Fatalf("decided %d requests, want 2", len(done))
		}
		for _, id := range []int64{r3.ID, r4.ID} {
			if q, _ := db.FindMeetingRequestByID(ctx, id); q.Status != dagang.RequestApproved || q.Reply != "sampai jumpa" {
				t.Errorf("request %d after bulk approval: %+v", id, q)
			}
		}
	})
}
