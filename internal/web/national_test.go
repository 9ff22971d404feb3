package web_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// The national view: the national role reads it, page and API, and
// nothing of an office's own work; no office role reads it; an office's
// admin cannot give the role.
func TestNationalView(t *testing.T) {
	e := newPagesEnv(t)
	status, h, _ := e.do(t, dagang.UserNational, "GET", "/", nil)
	if status != 303 || h.Get("Location") != "/nasional" {
		t.Errorf("a national reader's start page: %d → %q, want 303 → /nasional", status, h.Get("Location"))
	}
	status, _, body := e.do(t, dagang.UserNational, "GET", "/nasional", nil)
	if status != 200 {
		t.Fatalf("/nasional as national: %d", status)
	}
	for _, want := range []string{`id="national-pairs"`, "Kalimantan Selatan", "Jawa Timur", `id="national-events"`, `id="national-agreements"`, "Dikonfirmasi kedua pihak"} {
		if !strings.Contains(body, want) {
			t.Errorf("/nasional lacks %q", want)
		}
	}
	// The menu offers the national view, not the office's work.
	if !strings.Contains(body, `href="/nasional"`) || strings.Contains(body, `href="/deals"`) || strings.Contains(body, `href="/events"`) {
		t.Error("the national reader's menu offers office pages, or not the national view")
	}
	if status, _, body := e.do(t, dagang.UserNational, "GET", "/nasional?stage=finished&year=2018", nil); status != 200 || !strings.Contains(body, `value="finished" selected`) {
		t.Errorf("/nasional filtered by stage and year: %d", status)
	}
	if status, _, body := e.do(t, dagang.UserNational, "GET", "/nasional?stage=mentah", nil); status != 400 || !strings.Contains(body, "stage") {
		t.Errorf("/nasional?stage=mentah: %d, want 400 naming the field stage", status)
	}

	status, _, body = e.do(t, dagang.UserNational, "GET", "/api/v1/reports/national?year=2018", nil)
	var v dagang.NationalView
	if status != 200 || json.Unmarshal([]byte(body), &v) != nil {
		t.Fatalf("national API: %d %.200s", status, body)
	}
	if v.Offices != 1 || v.ValueIDR == 0 || len(v.Flows) == 0 || v.ConfirmedIDR > v.ValueIDR || len(v.Agreements) != len(dagang.AgreementStages) {
		t.Errorf("national view of the demo's 2018: %+v", v)
	}
	for _, f := range v.Flows {
		if f.From != "63" && f.To != "63" {
			t.Errorf("a flow of the Kalsel demo that neither leaves nor enters Kalsel: %+v", f)
		}
	}

	for _, role := range []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership, dagang.UserBusiness, dagang.UserCounterpart} {
		for _, path := range []string{"/nasional", "/api/v1/reports/national"} {
			if status, _, _ := e.do(t, role, "GET", path, nil); status != 403 {
				t.Errorf("%s as %s: %d, want 403", path, role, status)
			}
		}
	}
	for _, path := range []string{"/deals", "/businesses", "/api/v1/deals", "/events"} {
		if status, _, _ := e.do(t, dagang.UserNational, "GET", path, nil); status != 403 {
			t.Errorf("%s as national: %d, want 403", path, status)
		}
	}

	// An office's admin cannot make anybody a national reader.
	admin := login(t, e.srv, dagang.UserAdmin)
	status, body = call(t, admin, "POST", e.srv.URL+"/api/v1/users", `{"email":"pusat@kemendag.example","name":"Pusat","role":"national","password":"rahasia-sekali"}`)
	if status != 403 || !strings.Contains(body, `"field": "role"`) {
		t.Errorf("an office admin creates a national reader: %d %s, want 403 naming role", status, body)
	}
}
