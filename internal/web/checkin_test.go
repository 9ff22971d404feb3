package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// TestCheckinDay: staff check in by code (API and page), by name, again
// without a second record; mark a no-show; participants cannot.
func TestCheckinDay(t *testing.T) {
	e := newPagesEnv(t)
	ctx := context.Background()
	mission := e.story.Mission2019.ID
	rice := e.participation(t, mission, "d1", "")
	food := e.participation(t, mission, "", "kaltim1")
	p := func(format string, args ...any) string { return fmt.Sprintf(format, args...) }
	const staff, counterpart = dagang.UserStaff, dagang.UserCounterpart

	if status, body := e.api(t, staff, "POST", p("/api/v1/events/%d/checkins", mission), `{"code": "P1-00"}`); status != 400 || !strings.Contains(body, `"code"`) {
		t.Errorf("wrong check digits: %d %s", status, body)
	}
	if status, _ := e.api(t, counterpart, "POST", p("/api/v1/events/%d/checkins", mission), p(`{"code": %q}`, dagang.CheckinCode(rice))); status != 403 {
		t.Errorf("check-in by a counterpart: %d", status)
	}
	body := p(`{"code": %q}`, strings.ToLower(dagang.CheckinCode(rice)))
	var first, again struct {
		ParticipationID int64  `json:"participation_id"`
		Name            string `json:"name"`
		Created         bool   `json:"created"`
		ID              int64  `json:"id"`
	}
	status, out := e.api(t, staff, "POST", p("/api/v1/events/%d/checkins", mission), body)
	if err := json.Unmarshal([]byte(out), &first); status != 200 || err != nil || !first.Created || first.ParticipationID != rice || first.Name == "" {
		t.Fatalf("check-in by code: %d %s", status, out)
	}
	status, out = e.api(t, staff, "POST", p("/api/v1/events/%d/checkins", mission), body)
	if err := json.Unmarshal([]byte(out), &again); status != 200 || err != nil || again.Created || again.ID != first.ID {
		t.Errorf("the same person again: %d %s", status, out)
	}
	if cs, _ := e.db.FindCheckins(ctx, mission); len(cs) != 1 {
		t.Errorf("%d check-ins stored, want 1", len(cs))
	}

	// The page: find a name, check in from the list.
	_, _, page := e.do(t, staff, "GET", p("/events/%d/checkin?q=%s", mission, url.QueryEscape("pangan mahakam")), nil)
	if !strings.Contains(page, p(`id="participant-%d"`, food)) || strings.Contains(page, p(`id="participant-%d"`, rice)) {
		t.Fatalf("name search does not find only the food buyer:\n%s", page)
	}
	status, h, page := e.do(t, staff, "POST", p("/events/%d/checkins", mission), url.Values{"participation_id": {fmt.Sprint(food)}})
	if status != 303 || h.Get("Location") != p("/events/%d/checkin?arrived=%d&new=true", mission, food) {
		t.Fatalf("page check-in: %d %q %s", status, h.Get("Location"), page)
	}
	if _, _, page = e.do(t, staff, "GET", h.Get("Location"), nil); !strings.Contains(page, "sudah check-in sekarang") {
		t.Errorf("the page does not say who arrived")
	}
	status, _, page = e.do(t, staff, "POST", p("/events/%d/checkins", mission), url.Values{"code": {"P99-99"}})
	if status != 400 || !strings.Contains(page, "tidak valid") {
		t.Errorf("a mistyped code: %d", status)
	}
	status, out = e.api(t, staff, "GET", p("/api/v1/events/%d/checkins?q=", mission), "")
	if status != 200 || strings.Count(out, `"checked_in_at"`) != 2 {
		t.Errorf("roster: %d, want two arrivals:\n%s", status, out)
	}

	// Meetings are marked held or no-show; a no-show is locked.
	if status, out := e.api(t, staff, "POST", p("/api/v1/events/%d/schedule", mission), ""); status != 200 {
		t.Fatalf("schedule: %d %s", status, out)
	}
	ms, _, err := e.db.FindMeetings(ctx, dagang.MeetingFilter{EventID: mission, ParticipationID: rice})
	if err != nil || len(ms) == 0 {
		t.Fatalf("meetings of the rice producer: %v", err)
	}
	m := ms[0]
	status, out = e.api(t, staff, "POST", p("/api/v1/meetings/%d/outcome", m.ID), `{"outcome": "no_show_b"}`)
	if status != 200 || !strings.Contains(out, `"outcome": "no_show_b"`) || !strings.Contains(out, `"locked": true`) {
		t.Errorf("mark no-show: %d %s", status, out)
	}
	if status, out := e.api(t, staff, "POST", p("/api/v1/meetings/%d/outcome", m.ID), `{"outcome": "perhaps"}`); status != 400 || !strings.Contains(out, "outcome") {
		t.Errorf("unknown outcome: %d %s", status, out)
	}
	_, _, page = e.do(t, staff, "GET", p("/events/%d/checkin", mission), nil)
	if !strings.Contains(page, p(`id="meeting-%d"`, m.ID)) || !strings.Contains(page, "Pihak B tidak hadir") {
		t.Errorf("the day page lacks the marked meeting")
	}
	// The venue's time, with its zone (the mission is in Kaltim: WITA).
	if !strings.Contains(page, " WITA") {
		t.Errorf("the day page shows its slots without the event's time zone")
	}
	status, h, _ = e.do(t, staff, "POST", p("/events/%d/meetings/%d/outcome", mission, m.ID), url.Values{"outcome": {"held"}, "version": {"1"}})
	if status != 409 {
		t.Errorf("marking an old version: %d %q", status, h.Get("Location"))
	}

	// The no-show's partner has not checked in since: the rest of its day
	// goes; the repair says whom it affects. Leadership cannot repair.
	absent := m.BID
	status, out = e.api(t, staff, "POST", p("/api/v1/events/%d/agenda/repair", mission), `{"dry_run": true}`)
	var rep struct {
		Now    int `json:"now"`
		Absent []struct {
			ParticipationID int64 `json:"participation_id"`
		} `json:"absent"`
		Affected []struct {
			ParticipationID int64 `json:"participation_id"`
		} `json:"affected"`
	}
	if err := json.Unmarshal([]byte(out), &rep); status != 200 || err != nil || rep.Now != m.Slot+1 || len(rep.Absent) != 1 || rep.Absent[0].ParticipationID != absent {
		t.Fatalf("repair dry run: %d %v %s", status, err, out)
	}
	if status, _ := e.api(t, dagang.UserLeadership, "POST", p("/api/v1/events/%d/agenda/repair", mission), `{}`); status != 403 {
		t.Errorf("repair by leadership: %d", status)
	}
	if status, out := e.api(t, staff, "POST", p("/api/v1/events/%d/agenda/repair", mission), `{"from": -2}`); status != 400 || !strings.Contains(out, `"from"`) {
		t.Errorf("repair from a negative slot: %d %s", status, out)
	}
	status, _, page = e.do(t, staff, "POST", p("/events/%d/agenda/repair", mission), url.Values{})
	if status != 200 || !strings.Contains(page, "Hasil perbaikan") || !strings.Contains(page, p(`href="/participations/%d/agenda"`, absent)) {
		t.Errorf("repair from the page: %d", status)
	}
	after, _, _ := e.db.FindMeetings(ctx, dagang.MeetingFilter{EventID: mission, ParticipationID: absent})
	for _, x := range after {
		if x.Slot > m.Slot {
			t.Errorf("the absent participant still meets in slot %d after the repair", x.Slot)
		}
	}
}
