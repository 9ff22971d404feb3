package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
)

// The writes of the event day under an idempotency key, on both dialects:
// a repeat of the same request writes nothing and gets the first answer,
// the same key with another request is refused, keys are each user's own,
// two requests with one key at once write once, and keys expire after
// seven days.
func TestIdempotentWrites(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			var clock atomic.Int64
			clock.Store(fixedNow.UnixNano())
			db, s := demoDB.Open(t, b.name, store.Options{Now: func() time.Time { return time.Unix(0, clock.Load()).UTC() }})
			ctx := context.Background()
			oid := s.Office.ID
			user := func(email string) *dagang.User {
				u := &dagang.User{OfficeID: oid, Email: email, Name: email, Role: dagang.UserStaff}
				if err := db.CreateUser(ctx, u, "h"); err != nil {
					t.Fatal(err)
				}
				return u
			}
			ana, budi := user("ana@example.id"), user("budi@example.id")
			// as makes the context of one request of u under key, whose
			// answer names the outcome.
			as := func(u *dagang.User, key, request string) context.Context {
				idem := &dagang.Idempotency{Key: key, Request: request, Answer: func(o any) (dagang.Answer, error) {
					switch o := o.(type) {
					case *dagang.Deal:
						return dagang.Answer{Status: 201, ContentType: "application/json", Body: fmt.Appendf(nil, `{"id":%d}`, o.ID)}, nil
					case dagang.CheckedIn:
						return dagang.Answer{Status: 303, Location: fmt.Sprintf("/checkin?arrived=%d&new=%v", o.Checkin.ParticipationID, o.Created)}, nil
					case *dagang.Meeting:
						return dagang.Answer{Status: 200, Body: fmt.Appendf(nil, "%s v%d", o.Outcome, o.Version)}, nil
					}
					return dagang.Answer{}, fmt.Errorf("outcome %T", o)
				}}
				return dagang.NewContextWithIdempotency(dagang.NewContextWithUser(ctx, u), idem)
			}
			ev := s.Events[0]
			deal := func(value int64) *dagang.Deal {
				return &dagang.Deal{OfficeID: oid, EventID: ev.ID, Direction: dagang.DirectionSell, BusinessID: s.Businesses[demo.DemoBusiness].ID,
					CounterpartID: s.Orgs[demo.DemoCounterpart].ID, CommodityID: s.Commodities["kemiri"].ID, ValueIDR: value,
					Stage: dagang.DealIndication, DealDate: dagang.MustDate("2019-07-10")}
			}
			deals := func() int {
				t.Helper()
				_, n, err := db.FindDeals(ctx, dagang.DealFilter{OfficeID: oid, EventID: ev.ID})
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			keys := func() int {
				t.Helper()
				n, err := db.RawCount(ctx, "idempotency_keys", false)
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			replayOf := func(err error) *dagang.Answer {
				var rp *dagang.Replay
				if errors.As(err, &rp) {
					return &rp.Answer
				}
				return nil
			}
			before := deals()

			// A deal sent twice under one key is stored once; the repeat
			// gets the first answer.
			first := deal(7_000_000)
			if err := db.CreateDeal(as(ana, "deal-1", "r1"), first, false); err != nil {
				t.Fatal(err)
			}
			err := db.CreateDeal(as(ana, "deal-1", "r1"), deal(7_000_000), false)
			if a := replayOf(err); a == nil || a.Status != 201 || string(a.Body) != fmt.Sprintf(`{"id":%d}`, first.ID) || a.ContentType != "application/json" {
				t.Errorf("the deal sent again: %v (%+v), want the first answer", err, a)
			}
			if n := deals(); n != before+1 {
				t.Errorf("%d deals after one sent twice, want %d", n, before+1)
			}
			// The same key with another request: refused, nothing stored.
			wantError(t, db.CreateDeal(as(ana, "deal-1", "r2"), deal(9_000_000), true), dagang.ECONFLICT, "Idempotency-Key")
			// Another user's key of the same name is its own.
			if err := db.CreateDeal(as(budi, "deal-1", "r2"), deal(9_000_000), true); err != nil {
				t.Errorf("another user's deal under the same key: %v", err)
			}
			if n := deals(); n != before+2 {
				t.Errorf("%d deals, want %d", n, before+2)
			}
			// A write that fails stores no key: sent again, it is tried again.
			bad := deal(1)
			bad.CounterpartID = 999_999
			if err := db.CreateDeal(as(ana, "deal-bad", "r3"), bad, true); err == nil || replayOf(err) != nil {
				t.Fatalf("a deal with an unknown counterpart: %v", err)
			}
			if err := db.CreateDeal(as(ana, "deal-bad", "r3"), deal(11_000_000), true); err != nil {
				t.Errorf("the key of a refused write used again: %v", err)
			}

			// Two phones send the same queued deal at once: one stores it,
			// the other gets its answer.
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i := range errs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs[i] = db.CreateDeal(as(ana, "deal-race", "r4"), deal(13_000_000), true)
				}()
			}
			wg.Wait()
			if (errs[0] == nil) == (errs[1] == nil) || (replayOf(errs[0]) == nil && replayOf(errs[1]) == nil) {
				t.Errorf("two requests with one key at once: %v, %v; want one write and one replay", errs[0], errs[1])
			}
			if n := deals(); n != before+4 {
				t.Errorf("%d deals after the race, want %d", n, before+4)
			}
			if n := keys(); n != 4 {
				t.Errorf("%d idempotency keys, want 4 (deal-1 twice, deal-bad, deal-race)", n)
			}

			// A check-in and a meeting's outcome: the same.
			ps, _, err := db.FindParticipations(ctx, dagang.ParticipationFilter{EventID: ev.ID})
			if err != nil || len(ps) < 2 {
				t.Fatalf("participations: %d %v", len(ps), err)
			}
			c := &dagang.Checkin{EventID: ev.ID, ParticipationID: ps[0].ID}
			if created, err := db.CheckIn(as(ana, "in-1", "c1"), c); err != nil || !created {
				t.Fatalf("check-in: %v %v", created, err)
			}
			_, err = db.CheckIn(as(ana, "in-1", "c1"), &dagang.Checkin{EventID: ev.ID, ParticipationID: ps[0].ID})
			if a := replayOf(err); a == nil || a.Status != 303 || a.Location != fmt.Sprintf("/checkin?arrived=%d&new=true", ps[0].ID) {
				t.Errorf("the check-in sent again: %v (%+v), want the first answer (new=true)", err, a)
			}
			// Without a key the same person is not checked in twice either.
			if created, err := db.CheckIn(dagang.NewContextWithUser(ctx, ana), &dagang.Checkin{EventID: ev.ID, ParticipationID: ps[0].ID}); err != nil || created {
				t.Errorf("the same person checked in again: %v %v", created, err)
			}
			if cs, err := db.FindCheckins(ctx, ev.ID); err != nil || len(cs) != 1 {
				t.Errorf("check-ins: %d %v, want 1", len(cs), err)
			}
			m := &dagang.Meeting{AID: ps[0].ID, BID: ps[1].ID}
			if err := db.ReplaceMeetings(ctx, ev.ID, []*dagang.Meeting{m}); err != nil {
				t.Fatal(err)
			}
			ms, _, err := db.FindMeetings(ctx, dagang.MeetingFilter{EventID: ev.ID})
			if err != nil || len(ms) != 1 {
				t.Fatalf("meetings: %v %v", ms, err)
			}
			held, err := db.MarkMeeting(as(ana, "mark-1", "m1"), ms[0].ID, 0, dagang.OutcomeHeld)
			if err != nil {
				t.Fatal(err)
			}
			_, err = db.MarkMeeting(as(ana, "mark-1", "m1"), ms[0].ID, 0, dagang.OutcomeHeld)
			if a := replayOf(err); a == nil || string(a.Body) != fmt.Sprintf("held v%d", held.Version) {
				t.Errorf("the mark sent again: %v (%+v)", err, a)
			}
			if now, err := db.FindMeetingByID(ctx, ms[0].ID); err != nil || now.Version != held.Version {
				t.Errorf("the meeting after the mark sent twice: %+v %v, want version %d", now, err, held.Version)
			}

			// Seven days on, the keys are forgotten as a new one is claimed.
			clock.Add(int64(dagang.IdempotencyTTL + time.Minute))
			if err := db.CreateDeal(as(budi, "deal-late", "r5"), deal(17_000_000), true); err != nil {
				t.Fatal(err)
			}
			if n := keys(); n != 1 {
				t.Errorf("%d idempotency keys after seven days and a new one, want 1", n)
			}
		})
	}
}
