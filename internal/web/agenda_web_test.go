package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
)

// participation returns the participation ID of a business or organisation
// of the demo story in an event.
func (e *pagesEnv) participation(t *testing.T, eventID int64, biz, org string) int64 {
	t.Helper()
	f := dagang.ParticipationFilter{EventID: eventID}
	if biz != "" {
		f.BusinessID = e.story.Businesses[biz].ID
	} else {
		f.OrganisationID = e.story.Orgs[org].ID
	}
	ps, _, err := e.db.FindParticipations(context.Background(), f)
	if err != nil || len(ps) != 1 {
		t.Fatalf("participation of %s%s in event %d: %v (%d found)", biz, org, eventID, err, len(ps))
	}
	return ps[0].ID
}

// api sends a JSON request as role.
func (e *pagesEnv) api(t *testing.T, role dagang.UserRole, method, path, body string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	status, _, b := e.roundTrip(t, role, req)
	return status, b
}

func TestAgendaPages(t *testing.T) {
	e := newPagesEnv(t)
	ctx := context.Background()
	mission := e.story.Mission2019.ID
	past := e.story.Events[0].ID
	rice := e.participation(t, mission, "d1", "")
	food := e.participation(t, mission, "", "kaltim1")
	own := e.participation(t, past, demo.DemoBusiness, "")
	ownOrg := e.participation(t, past, "", demo.DemoCounterpart)
	p := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	const (
		staff       = dagang.UserStaff
		lead        = dagang.UserLeadership
		business    = dagang.UserBusiness
		counterpart = dagang.UserCounterpart
	)
	tests := []struct {
		name   string
		role   dagang.UserRole
		path   string
		status int
		want   []string
	}{
		{"full agenda", staff, p("/events/%d/agenda", mission), 200, []string{"Agenda pertemuan", "09.00–09.20 WITA", "Istirahat makan siang", "CV Beras Kandangan Lestari – PT Pangan Mahakam Samarinda", "Jadwalkan ulang"}},
		{"full agenda, read only", lead, p("/events/%d/agenda", mission), 200, []string{"Agenda pertemuan", "PT Pangan Mahakam Samarinda"}},
		{"full agenda in English", staff, p("/events/%d/agenda?lang=en", mission), 200, []string{"Meeting agenda", "09:00–09:20 WITA", "Lunch break", "Schedule again", "Publish the agenda"}},
		{"participant agenda", staff, p("/participations/%d/agenda", rice), 200, []string{"CV Beras Kandangan Lestari", "PT Pangan Mahakam Samarinda", "Beras (500 ton/bulan)", "1 pertemuan"}},
		{"requests and suggestions", staff, p("/events/%d/requests", mission), 200, []string{"timbal balik", "Saran pertemuan", "Dapat menjual Beras kepada PT Pangan Mahakam Samarinda", "Ketersediaan dan batas", "Setujui", "Disetujui", "Ditolak", " WITA"}},
		{"own agenda of a business", business, p("/participations/%d/agenda", own), 200, []string{"CV Kemiri Banua", "0 pertemuan"}},
		{"own agenda of a counterpart", counterpart, p("/participations/%d/agenda", ownOrg), 200, []string{"PT Rempah Nusantara Surabaya"}},
		{"another business's agenda", business, p("/participations/%d/agenda", rice), 404, nil},
		{"another organisation's agenda", counterpart, p("/participations/%d/agenda", food), 404, nil},
		{"full agenda not for a business", business, p("/events/%d/agenda", mission), 403, nil},
		{"full agenda not for a counterpart", counterpart, p("/events/%d/agenda", mission), 403, nil},
		{"unknown participant", staff, "/participations/999999/agenda", 404, nil},
		// Calendar files: the event's for staff, one participant's for
		// itself and staff, times in the event's zone.
		{"event calendar", staff, p("/api/v1/events/%d/agenda.ics", mission), 200, []string{"BEGIN:VCALENDAR\r\n", "BEGIN:VTIMEZONE", "DTSTART;TZID=Asia/Makassar:20190710T090000", "CV Beras Kandangan Lestari – PT Pangan Mahakam Samarinda", "SEQUENCE:0"}},
		{"event calendar not for a business", business, p("/api/v1/events/%d/agenda.ics", mission), 403, nil},
		{"participant calendar for staff", staff, p("/api/v1/events/%d/participations/%d/agenda.ics", mission, rice), 200, []string{"SUMMARY:Pertemuan dengan PT Pangan Mahakam Samarinda", "UID:meeting-"}},
		{"participant calendar in English", staff, p("/api/v1/events/%d/participations/%d/agenda.ics?lang=en", mission, rice), 200, []string{"SUMMARY:Meeting with PT Pangan Mahakam Samarinda"}},
		{"own calendar of a business", business, p("/api/v1/events/%d/participations/%d/agenda.ics", past, own), 200, []string{"BEGIN:VCALENDAR", "TZID:Asia/Jakarta"}},
		{"own calendar of a counterpart", counterpart, p("/api/v1/events/%d/participations/%d/agenda.ics", past, ownOrg), 200, []string{"BEGIN:VCALENDAR"}},
		{"another business's calendar", business, p("/api/v1/events/%d/participations/%d/agenda.ics", mission, rice), 404, nil},
		{"another organisation's calendar", counterpart, p("/api/v1/events/%d/participations/%d/agenda.ics", past, own), 404, nil},
		{"a participant of another event", staff, p("/api/v1/events/%d/participations/%d/agenda.ics", past, rice), 404, nil},
		{"own agenda links its calendar", business, p("/participations/%d/agenda", own), 200, []string{p("/api/v1/events/%d/participations/%d/agenda.ics", past, own)}},
		{"unknown event", staff, "/events/999999/agenda", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := e.do(t, tt.role, "GET", tt.path, nil)
			if status != tt.status {
				t.Fatalf("status %d, want %d:\n%s", status, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}

	// A participant asks for meetings in its own name only.
	status, h, body := e.do(t, business, "POST", p("/participations/%d/requests", own), url.Values{"to_participation_id": {fmt.Sprint(ownOrg)}, "priority": {"4"}, "note": {"Kemiri untuk Surabaya"}})
	if status != 303 || h.Get("Location") != p("/participations/%d/agenda#requests", own) {
		t.Fatalf("own request: status %d, location %q:\n%s", status, h.Get("Location"), body)
	}
	mine, _, err := e.db.FindMeetingRequests(ctx, dagang.MeetingFilter{EventID: past, ParticipationID: own})
	if err != nil || len(mine) != 1 || mine[0].FromID != own || mine[0].ToID != ownOrg || mine[0].Priority != 4 || mine[0].Status != dagang.RequestPending {
		t.Errorf("own request stored as %+v (%v)", mine, err)
	}
	if _, _, body := e.do(t, counterpart, "GET", p("/participations/%d/agenda", ownOrg), nil); !strings.Contains(body, "CV Kemiri Banua") || !strings.Contains(body, "Menunggu") {
		t.Errorf("the counterpart does not see the request to it:\n%s", body)
	}
	// Leadership may not write (403); a business does not learn that
	// another's application exists (404).
	for who, want := range map[dagang.UserRole]int{business: 404, lead: 403} {
		if status, _, _ := e.do(t, who, "POST", p("/participations/%d/requests", rice), url.Values{"to_participation_id": {fmt.Sprint(food)}, "priority": {"4"}}); status != want {
			t.Errorf("%s asking in another's name: status %d, want %d", who, status, want)
		}
	}
	if _, _, body := e.do(t, staff, "GET", p("/participations/%d/agenda", rice), nil); !strings.Contains(body, "Minta pertemuan") || !strings.Contains(body, "Dapat menjual Beras kepada PT Pangan Mahakam Samarinda") {
		t.Errorf("participant page lacks its suggestions")
	}

	for _, path := range []string{p("/events/%d/agenda.pdf", mission), p("/events/%d/agenda.pdf?part=grid", mission), p("/participations/%d/agenda.pdf", rice)} {
		status, h, body := e.do(t, staff, "GET", path, nil)
		if status != 200 || h.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF-") {
			t.Errorf("%s: status %d, type %q, starts %q", path, status, h.Get("Content-Type"), body[:min(8, len(body))])
		}
	}
	if status, _, _ := e.do(t, business, "GET", p("/participations/%d/agenda.pdf", own), nil); status != 200 {
		t.Errorf("own agenda PDF of a business: status %d", status)
	}

	// Leadership reads only; staff solves, moves and locks.
	if status, _, _ := e.do(t, lead, "POST", p("/events/%d/agenda/solve", mission), url.Values{}); status != 403 {
		t.Errorf("leadership solving: status %d, want 403", status)
	}
	// Rescheduling is asked about first, and nothing moves until confirmed.
	before := meetingPlaces(t, e, mission)
	status, _, body = e.do(t, staff, "POST", p("/events/%d/agenda/solve", mission), url.Values{})
	if status != 200 || !strings.Contains(body, "setiap pertemuan yang tidak dikunci dapat berpindah") || !strings.Contains(body, `name="confirmed" value="1"`) {
		t.Fatalf("solve without confirmation: status %d:\n%.2000s", status, body)
	}
	if after := meetingPlaces(t, e, mission); after != before {
		t.Fatalf("the meetings moved before the confirmation:\n%s\n→\n%s", before, after)
	}
	confirmed := url.Values{"confirmed": {"1"}}
	status, h, body = e.do(t, staff, "POST", p("/events/%d/agenda/solve", mission), confirmed)
	if status != 303 || h.Get("Location") != p("/events/%d/agenda?scheduled=13&of=13&wgap=0&bgap=0", mission) {
		t.Fatalf("solve: status %d, location %q:\n%s", status, h.Get("Location"), body)
	}
	// The page says how good the schedule is: here, proven optimal.
	if status, _, body = e.do(t, staff, "GET", h.Get("Location"), nil); status != 200 || !strings.Contains(body, "13 dari 13 pertemuan terjadwal. Optimal (terbukti).") {
		t.Errorf("agenda after solving: status %d:\n%s", status, body)
	}
	if status, _, body = e.do(t, staff, "GET", p("/events/%d/agenda?scheduled=13&of=13&wgap=0&bgap=2", mission), nil); status != 200 || !strings.Contains(body, "Paling banyak 2 jeda di atas yang terbaik mungkin.") {
		t.Errorf("agenda with a gap: status %d:\n%s", status, body)
	}
	ms, _, err := e.db.FindMeetings(ctx, dagang.MeetingFilter{EventID: mission, ParticipationID: rice})
	if err != nil || len(ms) != 1 {
		t.Fatalf("meetings of the rice producer: %v, %v", ms, err)
	}
	m := ms[0]
	status, _, body = e.do(t, staff, "POST", p("/events/%d/meetings/%d/move", mission, m.ID), url.Values{"slot": {"13"}, "table": {"1"}})
	if status != 400 || !strings.Contains(body, "sesi harus 1–12") {
		t.Errorf("move off the grid: status %d:\n%s", status, body)
	}
	if status, _, _ = e.do(t, staff, "POST", p("/events/%d/meetings/%d/lock", mission, m.ID), url.Values{"locked": {"1"}}); status != 303 {
		t.Fatalf("lock: status %d", status)
	}
	// The rice buyer becomes unavailable in the locked meeting's slot:
	// solving is refused, naming the meeting and the participant.
	unavail := url.Values{"max_meetings": {"8"}, "unavailable": {fmt.Sprint(m.Slot + 1)}}
	if status, _, body = e.do(t, staff, "POST", p("/events/%d/participations/%d/availability", mission, food), unavail); status != 303 {
		t.Fatalf("availability: status %d:\n%s", status, body)
	}
	status, _, body = e.do(t, staff, "POST", p("/events/%d/agenda/solve", mission), confirmed)
	if status != 400 || !strings.Contains(body, "PT Pangan Mahakam Samarinda (#"+fmt.Sprint(food)+") tidak tersedia pada sesi itu") || !strings.Contains(body, "Pertemuan terkunci tidak dapat dipertahankan") {
		t.Errorf("infeasible lock: status %d:\n%s", status, body)
	}

	// Staff declines a request from the page.
	rs, _, _ := e.db.FindMeetingRequests(ctx, dagang.MeetingFilter{EventID: mission, Status: dagang.RequestPending})
	if len(rs) != 1 {
		t.Fatalf("pending requests: %d, want 1", len(rs))
	}
	if status, _, body = e.do(t, staff, "POST", p("/events/%d/requests/%d/status", mission, rs[0].ID), url.Values{"status": {"declined"}}); status != 200 || !strings.Contains(body, `id="confirm-what"`) {
		t.Errorf("decline without confirmation: status %d", status)
	}
	if got, _ := e.db.FindMeetingRequestByID(ctx, rs[0].ID); got.Status != dagang.RequestPending {
		t.Errorf("request status %s before the confirmation, want pending", got.Status)
	}
	if status, _, _ = e.do(t, staff, "POST", p("/events/%d/requests/%d/status", mission, rs[0].ID), url.Values{"status": {"declined"}, "confirmed": {"1"}}); status != 303 {
		t.Errorf("decline: status %d", status)
	}
	if got, _ := e.db.FindMeetingRequestByID(ctx, rs[0].ID); got.Status != dagang.RequestDeclined {
		t.Errorf("request status %s, want declined", got.Status)
	}
	if status, _, body = e.do(t, staff, "POST", p("/events/%d/requests", mission), url.Values{"from_participation_id": {fmt.Sprint(rice)}, "to_participation_id": {fmt.Sprint(rice)}, "priority": {"3"}}); status != 400 || !strings.Contains(body, "tidak dapat bertemu dirinya sendiri") {
		t.Errorf("self request: status %d:\n%s", status, body)
	}
}

func TestAgendaAPI(t *testing.T) {
	e := newPagesEnv(t)
	mission := e.story.Mission2019.ID
	rice := e.participation(t, mission, "d1", "")
	p := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	ms, _, err := e.db.FindMeetings(context.Background(), dagang.MeetingFilter{EventID: mission})
	if err != nil || len(ms) == 0 {
		t.Fatalf("demo mission meetings: %v", err)
	}
	first := ms[0].ID
	tests := []struct {
		name         string
		role         dagang.UserRole
		method, path string
		body         string
		status       int
		want         []string
	}{
		{"suggestions", dagang.UserStaff, "GET", p("/api/v1/events/%d/suggestions?limit=2", mission), "", 200, []string{`"direction": "sell"`, `"message": "Dapat menjual Beras kepada PT Pangan Mahakam Samarinda"`}},
		{"suggestions bad limit", dagang.UserStaff, "GET", p("/api/v1/events/%d/suggestions?limit=1000", mission), "", 400, []string{"limit"}},
		{"agenda", dagang.UserLeadership, "GET", p("/api/v1/events/%d/agenda", mission), "", 200, []string{`"time": "`, `"a_name": "`, `"09:00–09:20"`}},
		{"availability", dagang.UserStaff, "GET", p("/api/v1/events/%d/availability", mission), "", 200, []string{`"max_meetings": 8`, `"total": 3`}},
		{"set availability", dagang.UserStaff, "PUT", p("/api/v1/participations/%d/availability", rice), p(`{"max_meetings": 3, "unavailable_slots": [%d]}`, (ms[0].Slot+1)%12), 200, []string{`"unavailable_slots": [`}},
		{"availability off the grid", dagang.UserStaff, "PUT", p("/api/v1/participations/%d/availability", rice), `{"unavailable_slots": [12]}`, 400, []string{"unavailable_slots"}},
		{"availability read-only for leadership", dagang.UserLeadership, "PUT", p("/api/v1/participations/%d/availability", rice), `{}`, 403, nil},
		{"lock needs a value", dagang.UserStaff, "POST", p("/api/v1/meetings/%d/lock", first), `{}`, 400, []string{"locked"}},
		{"lock", dagang.UserStaff, "POST", p("/api/v1/meetings/%d/lock", first), `{"locked": true}`, 200, []string{`"locked": true`}},
		{"move needs slot and table", dagang.UserStaff, "POST", p("/api/v1/meetings/%d/move", first), `{"slot": 3}`, 400, []string{"table"}},
		{"unknown meeting", dagang.UserStaff, "POST", "/api/v1/meetings/99999/lock", `{"locked": true}`, 404, nil},
		{"schedule", dagang.UserStaff, "POST", p("/api/v1/events/%d/schedule", mission), "", 200, []string{`"scheduled": 13`, `"requested": 13`, `"locked": 1`}},
		{"schedule unknown event", dagang.UserStaff, "POST", "/api/v1/events/999999/schedule", "", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := e.api(t, tt.role, tt.method, tt.path, tt.body)
			if status != tt.status {
				t.Fatalf("status %d, want %d:\n%s", status, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
		})
	}
	// After the schedule call the meetings are new; the solved agenda PDF
	// still opens.
	status, _, body := e.do(t, dagang.UserStaff, "GET", p("/events/%d/agenda.pdf?part=tables", mission), nil)
	if status != 200 || !bytes.HasPrefix([]byte(body), []byte("%PDF-")) {
		t.Errorf("table cards: status %d", status)
	}
}

// meetingPlaces writes where every meeting of an event is, to compare.
func meetingPlaces(t *testing.T, e *pagesEnv, event int64) string {
	t.Helper()
	ms, _, err := e.db.FindMeetings(context.Background(), dagang.MeetingFilter{EventID: event, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%d@%d/%d ", m.ID, m.Slot, m.Table)
	}
	return b.String()
}

// TestAgendaPublish: staff publish an agenda from the API and the page;
// every participant's notification waits in the outbox with its calendar
// file; nobody else may publish.
func TestAgendaPublish(t *testing.T) {
	e := newPagesEnv(t)
	ctx := context.Background()
	// The 2016 meeting in East Java: the demo business and counterpart
	// accounts take part.
	mission := e.story.Events[0].ID
	if status, body := e.api(t, dagang.UserBusiness, "POST", fmt.Sprintf("/api/v1/events/%d/agenda/publish", mission), ""); status != http.StatusForbidden {
		t.Errorf("a business publishes: %d %s", status, body)
	}
	status, body := e.api(t, dagang.UserStaff, "POST", fmt.Sprintf("/api/v1/events/%d/agenda/publish", mission), "")
	if status != http.StatusOK || !strings.Contains(body, `"participation_ids": [`) {
		t.Fatalf("publish: %d %s", status, body)
	}
	ns, _, err := e.db.FindNotifications(ctx, dagang.NotificationFilter{OfficeID: e.story.Office.ID, Kind: dagang.NotifyAgendaPublished, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil || len(ns) != 2 {
		t.Fatalf("agenda notifications: %d, %v; want the demo business's and counterpart's", len(ns), err)
	}
	for _, n := range ns {
		if n.Params["changed"] != "" || !strings.HasPrefix(n.AttachmentName, fmt.Sprintf("agenda-%d-", mission)) || n.Params["schedule"] == "" {
			t.Errorf("notification %d: %+v", n.ID, n)
		}
	}
	ev, err := e.db.FindEventByID(ctx, mission)
	if err != nil || ev.AgendaPublishedAt == nil {
		t.Errorf("the event does not say it is published: %v", err)
	}
	// The page says so, and offers to publish again.
	if _, _, page := e.do(t, dagang.UserStaff, "GET", fmt.Sprintf("/events/%d/agenda", mission), nil); !strings.Contains(page, "Agenda sudah diterbitkan") || !strings.Contains(page, "Terbitkan lagi") {
		t.Errorf("the agenda page after publishing lacks its notice")
	}
}
