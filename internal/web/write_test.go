package web_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
)

// call sends a request with a JSON body and returns status and body.
func call(t *testing.T, c *http.Client, method, url, body string) (int, string) {
	t.Helper()
	res, b := send(t, c, method, url, body)
	return res.StatusCode, b
}

func TestWriteAPI(t *testing.T) {
	e := newDemoEnv(t, nil)
	u := e.srv.URL + "/api/v1"
	staff := login(t, e.srv, dagang.UserStaff)
	admin := login(t, e.srv, dagang.UserAdmin)
	lead := login(t, e.srv, dagang.UserLeadership)
	biz := login(t, e.srv, dagang.UserBusiness)
	own := e.story.Businesses[demo.DemoBusiness].ID
	other := e.story.Businesses["d1"].ID
	beras := e.story.Commodities["beras"].ID
	mission := e.story.Mission2019.ID
	tests := []struct {
		name         string
		client       *http.Client
		method, path string
		body         string
		want         int
		contains     []string
	}{
		{"create business", staff, "POST", "/businesses", `{"name":"UD Rotan Amuntai","regency_code":"63.08","size_class":"mikro","products":[{"commodity_id":` + fmt.Sprint(beras) + `,"monthly_capacity":12,"unit":"ton"}]}`,
			201, []string{`"name": "UD Rotan Amuntai"`, `"monthly_capacity": 12`}},
		{"create business: office from the server", staff, "POST", "/businesses", `{"office_id":99,"name":"UD Lain","regency_code":"63.08","size_class":"mikro"}`, 201, []string{`"office_id": 1`}},
		{"invalid business names the fields", staff, "POST", "/businesses", `{"name":"","regency_code":"63.03","size_class":"raksasa"}`, 400, []string{`"field": "name"`, `"field": "size_class"`}},
		{"business in an unknown regency", staff, "POST", "/businesses", `{"name":"UD X","regency_code":"63.99","size_class":"mikro"}`, 400, []string{`"field": "regency_code"`}},
		{"unknown field", staff, "POST", "/businesses", `{"name":"X","gaji":1}`, 400, []string{`"field": "gaji"`, "kolom tidak dikenal"}},
		{"wrong type", staff, "POST", "/businesses", `{"name":12}`, 400, []string{`"field": "name"`, "teks"}},
		{"broken JSON", staff, "POST", "/businesses", `{"name":`, 400, []string{"JSON tidak valid"}},
		{"two values", staff, "POST", "/businesses", `{"name":"A"} {"name":"B"}`, 400, []string{`"field": "body"`}},
		{"oversized body", staff, "POST", "/businesses", `{"name":"` + strings.Repeat("x", 1<<20) + `"}`, 413, []string{"terlalu besar"}},
		{"update business fields", staff, "PATCH", fmt.Sprintf("/businesses/%d", other), `{"nib":"1234567890123"}`, 200, []string{`"nib": "1234567890123"`, `"name": "CV Beras Kandangan Lestari"`}},
		{"update unknown business", staff, "PATCH", "/businesses/99999", `{"name":"x"}`, 404, nil},
		{"business edits its own profile", biz, "PATCH", fmt.Sprintf("/businesses/%d", own), `{"phone":"0511-123456"}`, 200, []string{`"phone": "0511-123456"`}},
		{"business may not edit another", biz, "PATCH", fmt.Sprintf("/businesses/%d", other), `{"phone":"0"}`, 404, []string{`"code": "not_found"`}},
		{"business may not create businesses", biz, "POST", "/businesses", `{"name":"X"}`, 403, nil},
		{"leadership is read-only", lead, "POST", "/targets", `{"year":2020,"kind":"new_partners","value":1}`, 403, nil},
		{"create target", staff, "POST", "/targets", `{"year":2020,"kind":"new_partners","value":3}`, 201, []string{`"year": 2020`}},
		{"duplicate target", staff, "POST", "/targets", `{"year":2020,"kind":"new_partners","value":4}`, 409, nil},
		{"create agreement", staff, "POST", "/agreements", `{"partner_province_code":"73","title":"Kerja sama Kalsel–Sulsel","stage":"potential"}`, 201, []string{`"stage": "potential"`, `"history"`}},
		{"agreement update refuses a stage", staff, "PATCH", "/agreements/1", `{"document_ref":"No. 7/2016","stage":"expired"}`, 400, []string{`"field": "stage"`, `/api/v1/agreements/{id}/stage`}},
		{"agreement update keeps the stage", staff, "PATCH", "/agreements/1", `{"document_ref":"No. 7/2016","stage":"active"}`, 200, []string{`"document_ref": "No. 7/2016"`, `"stage": "active"`}},
		{"agreement stage move", staff, "POST", "/agreements/1/stage", `{"stage":"expired","on":"2021-01-01","note":"berakhir"}`, 200, []string{`"stage": "expired"`, `"note": "berakhir"`}},
		{"agreement stage invalid", staff, "POST", "/agreements/1/stage", `{"stage":"lupa"}`, 400, []string{`"field": "stage"`}},
		{"agreement bad date", staff, "POST", "/agreements/1/stage", `{"stage":"active","on":"2021-13-01"}`, 400, nil},
		{"create event", staff, "POST", "/events", `{"kind":"fair","name":"Pameran Banua 2020","host_province_code":"63","starts_on":"2020-05-01","status":"planned"}`, 201, []string{`"name": "Pameran Banua 2020"`}},
		{"event with participants is kept", staff, "DELETE", fmt.Sprintf("/events/%d", e.story.Events[0].ID), "", 409, nil},
		{"staff registers a participant", staff, "POST", fmt.Sprintf("/events/%d/participations", mission), fmt.Sprintf(`{"role":"exhibitor","business_id":%d,"status":"selected"}`, own), 201, []string{`"status": "selected"`}},
		{"businesses apply through applications, not here", biz, "POST", fmt.Sprintf("/events/%d/participations", mission), fmt.Sprintf(`{"role":"matching","business_id":%d}`, own), 403, nil},
		{"create listing", staff, "POST", "/listings", fmt.Sprintf(`{"kind":"offer","business_id":%d,"commodity_id":%d,"volume":5,"unit":"ton"}`, own, beras), 201, nil},
		{"listing with an unknown commodity", staff, "POST", "/listings", fmt.Sprintf(`{"kind":"offer","business_id":%d,"commodity_id":99999}`, own), 400, []string{`"field": "commodity_id"`}},
		{"update declaration", staff, "PATCH", "/declarations/1", `{"statement":"Kaltim perlu beras"}`, 200, []string{"Kaltim perlu beras"}},
		{"delete declaration", staff, "DELETE", "/declarations/2", "", 204, nil},
		{"delete declaration again", staff, "DELETE", "/declarations/2", "", 404, nil},
		{"staff may not add users", staff, "POST", "/users", `{"email":"x@y.test","name":"X","role":"staff","password":"rahasia-panjang"}`, 403, nil},
		{"admin adds a user", admin, "POST", "/users", `{"email":"Baru@Kalsel.test","name":"Staf Baru","role":"staff","password":"rahasia-panjang"}`, 201, []string{`"email": "baru@kalsel.test"`}},
		{"user without password", admin, "POST", "/users", `{"email":"b@kalsel.test","name":"B","role":"staff"}`, 400, []string{`"field": "password"`}},
		{"user hash never leaves", admin, "GET", "/users?limit=100", "", 200, []string{`"role": "counterpart"`}},
	}
	req, _ := http.NewRequest("POST", u+"/targets", strings.NewReader(`{"year":2021,"kind":"new_partners","value":1}`))
	req.Header.Set("Content-Type", "text/plain")
	res, err := staff.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnsupportedMediaType || !strings.Contains(string(b), "application/json") {
		t.Errorf("text/plain body: %d %s", res.StatusCode, b)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := call(t, tt.client, tt.method, u+tt.path, tt.body)
			if status != tt.want {
				t.Errorf("%s %s = %d, want %d; body:\n%.1500s", tt.method, tt.path, status, tt.want, body)
			}
			for _, c := range tt.contains {
				if !strings.Contains(body, c) {
					t.Errorf("body lacks %q:\n%.1500s", c, body)
				}
			}
			if strings.Contains(body, "argon2") {
				t.Error("a password hash leaked")
			}
		})
	}
}

func TestAgreementAndUserChangesAudited(t *testing.T) {
	e := newDemoEnv(t, nil)
	admin := login(t, e.srv, dagang.UserAdmin)
	u := e.srv.URL + "/api/v1"
	if s, b := call(t, admin, "PATCH", u+"/agreements/2", `{"responsible_staff":"Bu Rina"}`); s != 200 {
		t.Fatalf("patch agreement: %d %s", s, b)
	}
	if s, b := call(t, admin, "POST", u+"/agreements/2/stage", `{"stage":"expired","on":"2022-01-01"}`); s != 200 {
		t.Fatalf("move agreement: %d %s", s, b)
	}
	_, b := call(t, admin, "GET", u+"/audit?entity=agreement&entity_id=2", "")
	for _, want := range []string{`"action": "move"`, `"action": "update"`, `"actor": "Admin Demo \u003cadmin@demo.dagang.test\u003e"`, "Bu Rina"} {
		if !strings.Contains(b, want) {
			t.Errorf("agreement audit lacks %s:\n%.2000s", want, b)
		}
	}
	s, b := call(t, admin, "POST", u+"/users", `{"email":"tamu@kalsel.test","name":"Tamu","role":"leadership","password":"rahasia-panjang"}`)
	if s != 201 {
		t.Fatalf("add user: %d %s", s, b)
	}
	var id int
	fmt.Sscanf(b[strings.Index(b, `"id": `)+6:], "%d", &id)
	if s, b := call(t, admin, "PATCH", fmt.Sprintf("%s/users/%d", u, id), `{"name":"Tamu Kadis","password":"pendek"}`); s != 400 || !strings.Contains(b, `"field": "password"`) {
		t.Errorf("short password: %d %s", s, b)
	}
	if s, b := call(t, admin, "PATCH", fmt.Sprintf("%s/users/%d", u, id), `{"name":"Tamu Kadis","password":"rahasia-baru-panjang"}`); s != 200 || !strings.Contains(b, "Tamu Kadis") {
		t.Errorf("rename user: %d %s", s, b)
	}
	if s, _ := call(t, admin, "DELETE", fmt.Sprintf("%s/users/%d", u, id), ""); s != 204 {
		t.Errorf("delete user: %d", s)
	}
	_, b = call(t, admin, "GET", fmt.Sprintf("%s/audit?entity=user&entity_id=%d", u, id), "")
	for _, want := range []string{`"action": "create"`, `"action": "update"`, `"action": "password"`, `"action": "delete"`} {
		if !strings.Contains(b, want) {
			t.Errorf("user audit lacks %s", want)
		}
	}
	// An admin cannot delete or demote themselves.
	me, _, _ := e.db.FindCredentials(t.Context(), "admin@demo.dagang.test")
	if s, _ := call(t, admin, "DELETE", fmt.Sprintf("%s/users/%d", u, me.ID), ""); s != 409 {
		t.Errorf("delete self: %d, want 409", s)
	}
	if s, _ := call(t, admin, "PATCH", fmt.Sprintf("%s/users/%d", u, me.ID), `{"role":"staff"}`); s != 400 {
		t.Errorf("demote self: %d, want 400", s)
	}
}
