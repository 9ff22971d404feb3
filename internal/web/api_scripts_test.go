package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// TestTokensAPI: the logged-in user makes, lists and revokes its own API
// tokens; a token works as a bearer until revoked; nobody revokes
// another's token. Leadership manages its own tokens too, and its tokens
// only read, as leadership does.
func TestTokensAPI(t *testing.T) {
	e := newDemoEnv(t, nil)
	u := e.srv.URL + "/api/v1"
	staff, admin, lead := login(t, e.srv, dagang.UserStaff), login(t, e.srv, dagang.UserAdmin), login(t, e.srv, dagang.UserLeadership)

	if status, body := call(t, staff, "POST", u+"/tokens", `{"name": "  "}`); status != 400 || !strings.Contains(body, `"field": "name"`) {
		t.Errorf("token without a name: %d %s", status, body)
	}
	status, body := call(t, staff, "POST", u+"/tokens", `{"name": "sinkron harian"}`)
	var made struct {
		ID    int64  `json:"id"`
		Name  string `json:"name"`
		Token string `json:"token"`
	}
	json.Unmarshal([]byte(body), &made)
	if status != 201 || made.ID == 0 || !strings.HasPrefix(made.Token, "dgt_") || made.Name != "sinkron harian" {
		t.Fatalf("create: %d %s", status, body)
	}
	bearer := func() int {
		req, _ := http.NewRequest("GET", u+"/deals?limit=1", nil)
		req.Header.Set("Authorization", "Bearer "+made.Token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := bearer(); got != 200 {
		t.Errorf("the new token: %d, want 200", got)
	}
	status, body = call(t, staff, "GET", u+"/tokens", "")
	if status != 200 || !strings.Contains(body, "sinkron harian") || strings.Contains(body, made.Token) {
		t.Errorf("list: %d %s", status, body)
	}
	if _, body := call(t, admin, "GET", u+"/tokens", ""); strings.Contains(body, "sinkron harian") {
		t.Errorf("another user lists the staff's token: %s", body)
	}
	if status, _ := call(t, admin, "DELETE", fmt.Sprintf("%s/tokens/%d", u, made.ID), ""); status != 404 {
		t.Errorf("another user revoked the token: %d, want 404", status)
	}
	if status, body := call(t, staff, "DELETE", fmt.Sprintf("%s/tokens/%d", u, made.ID), ""); status != 204 {
		t.Errorf("revoke: %d %s", status, body)
	}
	if got := bearer(); got != 401 {
		t.Errorf("the revoked token: %d, want 401", got)
	}

	// Leadership: its own token reads and changes nothing.
	status, body = call(t, lead, "POST", u+"/tokens", `{"name": "laporan pimpinan"}`)
	var leads struct {
		ID    int64  `json:"id"`
		Token string `json:"token"`
	}
	json.Unmarshal([]byte(body), &leads)
	if status != 201 || leads.ID == 0 {
		t.Fatalf("leadership makes a token: %d %s", status, body)
	}
	withToken := func(method, path, body string) int {
		req, _ := http.NewRequest(method, u+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+leads.Token)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := withToken("GET", "/deals?limit=1", ""); got != 200 {
		t.Errorf("leadership's token reads: %d, want 200", got)
	}
	if got := withToken("POST", "/targets", `{"year": 2030, "kind": "deals", "value": 1}`); got != 403 {
		t.Errorf("leadership's token writes: %d, want 403", got)
	}
	if status, body := call(t, lead, "GET", u+"/tokens", ""); status != 200 || !strings.Contains(body, "laporan pimpinan") {
		t.Errorf("leadership lists its tokens: %d %s", status, body)
	}
	if status, body := call(t, lead, "DELETE", fmt.Sprintf("%s/tokens/%d", u, leads.ID), ""); status != 204 {
		t.Errorf("leadership revokes its token: %d %s", status, body)
	}
}

// TestScriptRoutes: exports, agenda PDFs and the confirmation link's
// answer are reachable under /api/v1 as files or JSON.
func TestScriptRoutes(t *testing.T) {
	e := newDemoEnv(t, nil)
	u := e.srv.URL + "/api/v1"
	staff := login(t, e.srv, dagang.UserStaff)
	past := e.story.Events[0].ID
	ps, _, err := e.db.FindParticipations(context.Background(), dagang.ParticipationFilter{EventID: past, ListOptions: dagang.ListOptions{Limit: 1}})
	if err != nil || len(ps) == 0 {
		t.Fatalf("participations of event %d: %v", past, err)
	}
	files := []struct{ path, ctype, starts string }{
		{"/reports/deals/export?format=csv&year=2019", "text/csv; charset=utf-8", ""},
		{"/reports/deals/export?format=xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"},
		{"/reports/deals/export?format=pdf&year=2019", "application/pdf", "%PDF-"},
		{fmt.Sprintf("/events/%d/agenda.pdf", past), "application/pdf", "%PDF-"},
		{fmt.Sprintf("/events/%d/agenda.pdf?part=grid", past), "application/pdf", "%PDF-"},
		{fmt.Sprintf("/participations/%d/agenda.pdf", ps[0].ID), "application/pdf", "%PDF-"},
	}
	for _, f := range files {
		res, err := staff.Get(u + f.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != f.ctype || !strings.HasPrefix(string(b), f.starts) || len(b) == 0 {
			t.Errorf("GET %s: %d %q %.20q", f.path, res.StatusCode, res.Header.Get("Content-Type"), b)
		}
	}
	for path, field := range map[string]string{"/reports/deals/export?format=doc": "format", fmt.Sprintf("/events/%d/agenda.pdf?part=cover", past): "part"} {
		if status, body := call(t, staff, "GET", u+path, ""); status != 400 || !strings.Contains(body, `"field": "`+field+`"`) {
			t.Errorf("GET %s: %d %s", path, status, body)
		}
	}

	// The counterpart answers a confirmation link through the API.
	ds, _, err := e.db.FindDeals(context.Background(), dagang.DealFilter{OfficeID: e.story.Office.ID, ListOptions: dagang.ListOptions{Limit: 1}})
	if err != nil || len(ds) == 0 {
		t.Fatalf("deals: %v", err)
	}
	d := ds[0]
	status, body := call(t, staff, "POST", fmt.Sprintf("%s/deals/%d/confirm-link", u, d.ID), `{"days": 7}`)
	var link struct{ Token string }
	json.Unmarshal([]byte(body), &link)
	if status != 201 || link.Token == "" {
		t.Fatalf("link: %d %s", status, body)
	}
	anon := &http.Client{}
	if status, body := call(t, anon, "GET", u+"/confirmations/"+link.Token, ""); status != 200 || !strings.Contains(body, `"deal_id": `+fmt.Sprint(d.ID)) || strings.Contains(body, `"note"`) {
		t.Errorf("confirmation: %d %s", status, body)
	}
	if status, body := call(t, anon, "POST", u+"/confirmations/"+link.Token, `{"answer": "maybe"}`); status != 400 || !strings.Contains(body, `"answer"`) {
		t.Errorf("unknown answer: %d %s", status, body)
	}
	if status, body := call(t, anon, "POST", u+"/confirmations/"+link.Token, `{"answer": "confirmed", "note": "benar"}`); status != 200 || !strings.Contains(body, `"confirmation": "confirmed"`) {
		t.Errorf("answer: %d %s", status, body)
	}
	if status, _ := call(t, anon, "POST", u+"/confirmations/"+link.Token, `{"answer": "rejected"}`); status < 400 || status >= 500 {
		t.Errorf("a used link answered again: %d", status)
	}
	if status, _ := call(t, anon, "GET", u+"/confirmations/nope", ""); status != 404 {
		t.Errorf("unknown link: %d, want 404", status)
	}
}
