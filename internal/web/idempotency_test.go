package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
)

// TestIdempotencyKey: the event day's writes sent again under their
// Idempotency-Key are done once and answer the first answer, byte for
// byte; the same key with another body is refused in the user's
// language; another user's key of the same name is its own; a malformed
// key is refused naming the header; the API document says so.
func TestIdempotencyKey(t *testing.T) {
	e := newPagesEnv(t)
	ctx := context.Background()
	s := e.story
	ev := s.Events[0]
	send := func(role dagang.UserRole, method, path, key, body string, form bool) (int, http.Header, string) {
		t.Helper()
		req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if form {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if key != "" {
			req.Header.Set("Idempotency-Key", key)
		}
		return e.roundTrip(t, role, req)
	}
	deals := func() int {
		t.Helper()
		_, n, err := e.db.FindDeals(ctx, dagang.DealFilter{OfficeID: s.Office.ID, EventID: ev.ID})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := deals()
	deal := func(value int64) string {
		return fmt.Sprintf(`{"event_id": %d, "direction": "sell", "business_id": %d, "counterpart_id": %d, "commodity_id": %d, "value_idr": %d, "stage": "indication", "deal_date": "2019-07-10", "force": true}`,
			ev.ID, s.Businesses[demo.DemoBusiness].ID, s.Orgs[demo.DemoCounterpart].ID, s.Commodities["kemiri"].ID, value)
	}
	const staff, admin = dagang.UserStaff, dagang.UserAdmin

	status, h, first := send(staff, "POST", "/api/v1/deals", "7f1c-deal-1", deal(5_000_000), false)
	if status != 201 || h.Get("Idempotent-Replayed") != "" {
		t.Fatalf("a deal under a key: %d %s", status, first)
	}
	for range 2 {
		status, h, again := send(staff, "POST", "/api/v1/deals", "7f1c-deal-1", deal(5_000_000), false)
		if status != 201 || again != first || h.Get("Idempotent-Replayed") != "true" || !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
			t.Errorf("the deal sent again: %d %q %q\n%s\nwant the first answer:\n%s", status, h.Get("Idempotent-Replayed"), h.Get("Content-Type"), again, first)
		}
	}
	if n := deals(); n != before+1 {
		t.Errorf("%d deals after one sent three times, want %d", n, before+1)
	}
	// The same key with another body: refused, in the user's language.
	if status, _, out := send(staff, "POST", "/api/v1/deals", "7f1c-deal-1", deal(6_000_000), false); status != 409 || !strings.Contains(out, "kunci idempotensi sudah dipakai untuk permintaan lain") || !strings.Contains(out, `"Idempotency-Key"`) {
		t.Errorf("the key with another body: %d %s", status, out)
	}
	if status, _, out := send(staff, "POST", "/api/v1/deals?lang=en", "7f1c-deal-1", deal(5_000_000), false); status != 409 || !strings.Contains(out, "this idempotency key was used for a different request") {
		t.Errorf("the key with another request, in English: %d %s", status, out)
	}
	// Another user's key of the same name names its own write.
	status, _, other := send(admin, "POST", "/api/v1/deals", "7f1c-deal-1", deal(5_000_000), false)
	var a, b dagang.Deal
	if status != 201 || json.Unmarshal([]byte(first), &a) != nil || json.Unmarshal([]byte(other), &b) != nil || a.ID == b.ID {
		t.Errorf("another user under the same key: %d %s", status, other)
	}
	if n := deals(); n != before+2 {
		t.Errorf("%d deals, want %d", n, before+2)
	}
	// Malformed keys name the header.
	for _, key := range []string{"a key", strings.Repeat("k", 201), "kunci-é"} {
		if status, _, out := send(staff, "POST", "/api/v1/deals", key, deal(8_000_000), false); status != 400 || !strings.Contains(out, `"Idempotency-Key"`) {
			t.Errorf("key %.20q: %d %s", key, status, out)
		}
	}

	// A check-in from the page, sent twice: one arrival, the same redirect.
	pid := e.participation(t, ev.ID, demo.DemoBusiness, "")
	form := url.Values{"code": {dagang.CheckinCode(pid)}}.Encode()
	path := fmt.Sprintf("/events/%d/checkins", ev.ID)
	want := fmt.Sprintf("/events/%d/checkin?arrived=%d&new=true", ev.ID, pid)
	for i := range 2 {
		status, h, out := send(staff, "POST", path, "in-"+dagang.CheckinCode(pid), form, true)
		if status != 303 || h.Get("Location") != want || (h.Get("Idempotent-Replayed") == "true") != (i == 1) {
			t.Errorf("check-in %d: %d %q replayed %q %s", i+1, status, h.Get("Location"), h.Get("Idempotent-Replayed"), out)
		}
	}
	if cs, err := e.db.FindCheckins(ctx, ev.ID); err != nil || len(cs) != 1 {
		t.Errorf("check-ins: %d %v, want 1", len(cs), err)
	}

	// A meeting's outcome through the API, sent twice: marked once.
	mission := s.Mission2019.ID
	if status, out := e.api(t, staff, "POST", fmt.Sprintf("/api/v1/events/%d/schedule", mission), ""); status != 200 {
		t.Fatalf("schedule: %d %s", status, out)
	}
	ms, _, err := e.db.FindMeetings(ctx, dagang.MeetingFilter{EventID: mission})
	if err != nil || len(ms) == 0 {
		t.Fatalf("meetings: %v", err)
	}
	mark := fmt.Sprintf("/api/v1/meetings/%d/outcome", ms[0].ID)
	_, _, once := send(staff, "POST", mark, "mark-1", `{"outcome": "held"}`, false)
	status, _, twice := send(staff, "POST", mark, "mark-1", `{"outcome": "held"}`, false)
	if now, err := e.db.FindMeetingByID(ctx, ms[0].ID); status != 200 || twice != once || err != nil || now.Version != ms[0].Version+1 {
		t.Errorf("the mark sent twice: %d %s (first %s), meeting now %+v %v", status, twice, once, now, err)
	}

	// The API document names the header on each of these operations.
	res, err := http.Get(e.srv.URL + "/api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct{ Name, In string }
		}
	}
	err = json.NewDecoder(res.Body).Decode(&doc)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/api/v1/deals", "/api/v1/events/{id}/checkins", "/api/v1/meetings/{id}/outcome"} {
		found := false
		for _, prm := range doc.Paths[p]["post"].Parameters {
			found = found || (prm.Name == "Idempotency-Key" && prm.In == "header")
		}
		if !found {
			t.Errorf("POST %s does not document Idempotency-Key", p)
		}
	}
}
