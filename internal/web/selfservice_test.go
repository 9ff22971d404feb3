package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/google/go-cmp/cmp"
)

// TestSelfService plays matchmaking without staff: the demo business sees
// its suggestions with reasons, asks the demo counterpart for a meeting in
// one call, the counterpart declines on its page with a message, staff
// reopen and approve many requests at once.
func TestSelfService(t *testing.T) {
	e := newPagesEnv(t)
	ctx := context.Background()
	past := e.story.Events[0].ID
	own := e.participation(t, past, demo.DemoBusiness, "")
	ownOrg := e.participation(t, past, "", demo.DemoCounterpart)
	const (
		staff       = dagang.UserStaff
		business    = dagang.UserBusiness
		counterpart = dagang.UserCounterpart
	)
	p := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }

	// Staff see any participant's suggestions (here the rice producer's).
	rice := e.participation(t, e.story.Mission2019.ID, "d1", "")
	status, body := e.api(t, staff, "GET", p("/api/v1/participations/%d/suggestions?limit=3", rice), "")
	var sg struct {
		Suggestions []struct {
			Counterpart int64 `json:"counterpart"`
			Reasons     []struct {
				Message string `json:"message"`
			} `json:"reasons"`
		} `json:"suggestions"`
	}
	if err := json.Unmarshal([]byte(body), &sg); status != 200 || err != nil || len(sg.Suggestions) == 0 || len(sg.Suggestions) > 3 || len(sg.Suggestions[0].Reasons) == 0 {
		t.Fatalf("own suggestions: %d %v:\n%s", status, err, body)
	}

	// One call asks; the business cannot ask in the counterpart's name:
	// another party's participation is answered as one that does not exist.
	if status, body := e.api(t, business, "POST", p("/api/v1/participations/%d/meeting-requests", ownOrg), `{"to_participation_id": 1, "priority": 3}`); status != 404 {
		t.Errorf("asking in another's name: %d %s", status, body)
	}
	status, body = e.api(t, business, "POST", p("/api/v1/participations/%d/meeting-requests", own), p(`{"to_participation_id": %d, "priority": 4, "note": "Kemiri"}`, ownOrg))
	var q dagang.MeetingRequest
	if err := json.Unmarshal([]byte(body), &q); status != 201 || err != nil || q.Status != dagang.RequestPending {
		t.Fatalf("own request: %d %v:\n%s", status, err, body)
	}
	// The requester cannot accept its own request.
	if status, body := e.api(t, business, "POST", p("/api/v1/participations/%d/meeting-requests/%d/answer", own, q.ID), `{"status": "approved"}`); status != 403 {
		t.Errorf("requester answering: %d %s", status, body)
	}
	// The counterpart sees it on its page with the answer form, and declines.
	if _, _, body := e.do(t, counterpart, "GET", p("/participations/%d/agenda", ownOrg), nil); !strings.Contains(body, p(`action="/participations/%d/requests/%d/answer"`, ownOrg, q.ID)) {
		t.Fatalf("the asked side has no answer form:\n%s", body)
	}
	status, h, body := e.do(t, counterpart, "POST", p("/participations/%d/requests/%d/answer", ownOrg, q.ID),
		url.Values{"status": {"declined"}, "reply": {"Jadwal kami penuh"}, "version": {"1"}})
	if status != 303 || h.Get("Location") != p("/participations/%d/agenda#requests", ownOrg) {
		t.Fatalf("decline: %d %q:\n%s", status, h.Get("Location"), body)
	}
	got, err := e.db.FindMeetingRequestByID(ctx, q.ID)
	if err != nil || got.Status != dagang.RequestDeclined || got.Reply != "Jadwal kami penuh" {
		t.Fatalf("after decline: %+v %v", got, err)
	}
	if _, _, body := e.do(t, business, "GET", p("/participations/%d/agenda", own), nil); !strings.Contains(body, "Jadwal kami penuh") {
		t.Errorf("the requester does not see the reply")
	}

	// Staff decide many at once: one refused id refuses all.
	status, body = e.api(t, staff, "POST", p("/api/v1/events/%d/meeting-requests/decisions", past), p(`{"ids": [%d, 999999], "status": "approved"}`, q.ID))
	if status != 404 {
		t.Errorf("bulk with an unknown id: %d %s", status, body)
	}
	if status, body := e.api(t, counterpart, "POST", p("/api/v1/events/%d/meeting-requests/decisions", past), p(`{"ids": [%d], "status": "approved"}`, q.ID)); status != 403 {
		t.Errorf("bulk by a counterpart: %d %s", status, body)
	}
	status, body = e.api(t, staff, "POST", p("/api/v1/events/%d/meeting-requests/decisions", past), p(`{"ids": [%d], "status": "approved", "reply": "disetujui staf"}`, q.ID))
	if status != 200 || !strings.Contains(body, `"status": "approved"`) {
		t.Fatalf("bulk approve: %d %s", status, body)
	}
	// The staff page offers the bulk form; it declines what is ticked.
	if _, _, body := e.do(t, staff, "GET", p("/events/%d/requests", past), nil); !strings.Contains(body, p(`name="ids" value="%d" form="bulk"`, q.ID)) {
		t.Fatalf("requests page lacks the bulk choice")
	}
	status, h, _ = e.do(t, staff, "POST", p("/events/%d/requests/decide", past), url.Values{"ids": {fmt.Sprint(q.ID)}, "status": {"declined"}})
	if status != 303 || h.Get("Location") != p("/events/%d/requests", past) {
		t.Fatalf("bulk page decline: %d %q", status, h.Get("Location"))
	}
	if got, _ := e.db.FindMeetingRequestByID(ctx, q.ID); got.Status != dagang.RequestDeclined {
		t.Errorf("after the bulk page: %s", got.Status)
	}
	if status, _, body := e.do(t, staff, "POST", p("/events/%d/requests/decide", past), url.Values{"status": {"declined"}}); status != 400 || !strings.Contains(body, "pilih minimal satu permintaan") {
		t.Errorf("bulk with nothing ticked: %d", status)
	}
}

// TestOwnAvailability: a business blocks its afternoon on its own page
// and caps its meetings; nobody but staff and the participant itself
// changes it (another's participation is a 404 on the page and in the
// API); a schedule made afterwards puts none of its meetings in the
// afternoon.
func TestOwnAvailability(t *testing.T) {
	e := newPagesEnv(t)
	ctx := context.Background()
	past := e.story.Events[0].ID
	own := e.participation(t, past, demo.DemoBusiness, "")
	ownOrg := e.participation(t, past, "", demo.DemoCounterpart)
	const (
		staff       = dagang.UserStaff
		business    = dagang.UserBusiness
		counterpart = dagang.UserCounterpart
	)
	p := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	availability := func(pid int64) *dagang.Availability {
		t.Helper()
		av, err := e.db.FindAvailability(ctx, past)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range av {
			if a.ParticipationID == pid {
				return a
			}
		}
		return &dagang.Availability{ParticipationID: pid, Unavailable: []int{}}
	}

	// The business's own page offers both sessions, ticked: free all day.
	_, _, body := e.do(t, business, "GET", p("/participations/%d/agenda", own), nil)
	for _, want := range []string{p(`action="/participations/%d/availability"`, own), `name="available_sessions" value="0" checked`, `name="available_sessions" value="1" checked`, "09:00–11:00", "12:00–14:00"} {
		if !strings.Contains(body, want) {
			t.Errorf("own agenda lacks %q", want)
		}
	}
	// Another party's participation is answered as one that does not exist.
	if status, _, _ := e.do(t, business, "POST", p("/participations/%d/availability", ownOrg), url.Values{"available_sessions": {"0"}}); status != 404 {
		t.Errorf("business on the counterpart's availability: %d", status)
	}
	if status, body := e.api(t, business, "PUT", p("/api/v1/participations/%d/availability", ownOrg), `{"unavailable_slots": [0]}`); status != 404 {
		t.Errorf("business on the counterpart's availability (API): %d %s", status, body)
	}
	if status, _, _ := e.do(t, dagang.UserLeadership, "POST", p("/participations/%d/availability", own), url.Values{}); status != 403 {
		t.Errorf("leadership setting availability: %d", status)
	}
	if d := cmp.Diff(&dagang.Availability{ParticipationID: ownOrg, Unavailable: []int{}}, availability(ownOrg)); d != "" {
		t.Errorf("the counterpart's availability changed (-want +got):\n%s", d)
	}
	// Bad input is refused naming the field and the value as sent.
	for _, tt := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"available_sessions": {"0"}, "max_meetings": {"tiga"}}, `&#34;tiga&#34; bukan angka`},
		{url.Values{"available_sessions": {"0"}, "max_meetings": {"500"}}, "batas pertemuan 500 harus 0–200"},
		{url.Values{"available_sessions": {"2"}}, `sesi &#34;2&#34; tidak ada di kegiatan ini`},
	} {
		if status, _, body := e.do(t, business, "POST", p("/participations/%d/availability", own), tt.form); status != 400 || !strings.Contains(body, tt.want) {
			t.Errorf("%v: %d, want 400 with %q:\n%.3000s", tt.form, status, tt.want, body)
		}
	}
	// The business keeps the morning only, at most three meetings.
	status, h, _ := e.do(t, business, "POST", p("/participations/%d/availability", own), url.Values{"available_sessions": {"0"}, "max_meetings": {"3"}})
	if status != 303 || h.Get("Location") != p("/participations/%d/agenda#availability", own) {
		t.Fatalf("own availability: %d %q", status, h.Get("Location"))
	}
	if d := cmp.Diff(&dagang.Availability{ParticipationID: own, MaxMeetings: 3, Unavailable: []int{6, 7, 8, 9, 10, 11}}, availability(own)); d != "" {
		t.Errorf("own availability (-want +got):\n%s", d)
	}
	_, _, body = e.do(t, business, "GET", p("/participations/%d/agenda", own), nil)
	if !strings.Contains(body, `name="available_sessions" value="0" checked`) || !strings.Contains(body, `name="available_sessions" value="1">`) || !strings.Contains(body, `value="3"`) {
		t.Errorf("the page does not show the saved availability")
	}
	// The counterpart sets its own through the API.
	if status, body := e.api(t, counterpart, "PUT", p("/api/v1/participations/%d/availability", ownOrg), `{"max_meetings": 5}`); status != 200 {
		t.Errorf("counterpart's own availability (API): %d %s", status, body)
	}

	// The two ask each other; staff approve and schedule: the business's
	// meetings all fall in the morning it kept.
	q := &dagang.MeetingRequest{EventID: past, FromID: own, ToID: ownOrg, Priority: 5, Status: dagang.RequestApproved}
	if err := e.db.CreateMeetingRequest(ctx, q); err != nil {
		t.Fatal(err)
	}
	if status, body := e.api(t, staff, "POST", p("/api/v1/events/%d/schedule", past), ""); status != 200 {
		t.Fatalf("schedule: %d %s", status, body)
	}
	ms, _, err := e.db.FindMeetings(ctx, dagang.MeetingFilter{EventID: past, ParticipationID: own})
	if err != nil || len(ms) == 0 {
		t.Fatalf("meetings of the business: %v %v", ms, err)
	}
	for _, m := range ms {
		if m.Slot >= 6 {
			t.Errorf("meeting %d at slot %d, in the afternoon the business blocked", m.ID, m.Slot+1)
		}
	}
	if len(ms) > 3 {
		t.Errorf("%d meetings, above the cap of 3", len(ms))
	}
}
