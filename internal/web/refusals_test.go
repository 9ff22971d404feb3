package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
)

// TestRefusalsStayOnTheirPage: a refused override or application answers
// the page it was made on, with what was typed and the reason beside its
// field, never an error page that names a code.
func TestRefusalsStayOnTheirPage(t *testing.T) {
	e := newPagesEnv(t)
	ev := e.story.Mission2019.ID
	chosen := strconv.FormatInt(e.story.Businesses["d1"].ID, 10)
	kemiri := strconv.FormatInt(e.story.Businesses[demo.DemoBusiness].ID, 10)
	tests := []struct {
		name     string
		role     dagang.UserRole
		path     string
		form     url.Values
		status   int
		contains []string
	}{
		{"override adding one chosen", dagang.UserStaff, "/delegation/overrides", url.Values{"business_id": {chosen}, "action": {"add"}, "reason": {"Alasan yang diketik"}}, http.StatusConflict,
			[]string{`id="ov-action-err"`, "sudah terpilih", `value="Alasan yang diketik"`, `id="chosen"`}},
		{"override without a reason", dagang.UserStaff, "/delegation/overrides", url.Values{"business_id": {chosen}, "action": {"remove"}}, http.StatusBadRequest,
			[]string{`id="ov-reason-err"`, "alasan wajib diisi", `id="chosen"`}},
		{"override of one that did not apply", dagang.UserStaff, "/delegation/overrides", url.Values{"business_id": {kemiri}, "action": {"add"}, "reason": {"x"}}, http.StatusBadRequest,
			[]string{`id="ov-business-err"`, "tidak mendaftar ke kegiatan ini"}},
		{"staff apply for one not eligible", dagang.UserStaff, "/applications", url.Values{"business_id": {kemiri}, "role": {"matching"}}, http.StatusBadRequest,
			[]string{`id="apply-error"`, "tidak memenuhi syarat", "CV Kemiri Banua", `id="chosen"`}},
		{"business applying where it cannot", dagang.UserBusiness, "/applications", url.Values{"role": {"matching"}}, http.StatusBadRequest,
			[]string{`id="apply-reason"`, "tidak termasuk kebutuhan", `href="/businesses/` + kemiri + `/edit"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := e.do(t, tt.role, "POST", fmt.Sprintf("/events/%d%s", ev, tt.path), tt.form)
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
			for _, c := range tt.contains {
				if !strings.Contains(body, c) {
					t.Errorf("page lacks %q:\n%.3000s", c, body)
				}
			}
			for _, code := range []string{"business_id", "overrides[0]", "Pelaku usaha " + chosen} {
				if strings.Contains(stripTags(body), code) {
					t.Errorf("page shows %q", code)
				}
			}
		})
	}
}

// stripTags drops the markup of a page, leaving what a reader sees (and
// the values of attributes out of the way).
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestDuplicateEventWarned: an event with the kind, host and dates of a
// stored one is refused with the event named, on the page (which then
// offers to save it anyway) and on the API (409 unless force=true).
func TestDuplicateEventWarned(t *testing.T) {
	e := newPagesEnv(t)
	m := e.story.Mission2019
	form := url.Values{"name": {"Misi Dagang Kaltim"}, "kind": {string(m.Kind)}, "host_province_code": {m.HostProvince},
		"starts_on": {m.StartsOn.String()}, "ends_on": {m.EndsOn.String()}, "status": {"planned"}}
	status, _, body := e.do(t, dagang.UserStaff, "POST", "/events", form)
	if status != http.StatusBadRequest || !strings.Contains(body, `id="f-force"`) || !strings.Contains(body, "«"+m.Name+"»") {
		t.Errorf("page: %d, want 400 naming %q with the box to save anyway:\n%.3000s", status, m.Name, body)
	}
	form.Set("force", "1")
	if status, h, _ := e.do(t, dagang.UserStaff, "POST", "/events", form); status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/events/") {
		t.Errorf("saved anyway: %d %q", status, h.Get("Location"))
	}
	staff := e.clients[dagang.UserStaff]
	body2 := fmt.Sprintf(`{"name": "Misi lewat API", "kind": %q, "host_province_code": %q, "starts_on": %q, "ends_on": %q}`, m.Kind, m.HostProvince, m.StartsOn, m.EndsOn)
	if code, out := call(t, staff, "POST", e.srv.URL+"/api/v1/events", body2); code != http.StatusConflict || !strings.Contains(out, `"field": "force"`) {
		t.Errorf("API: %d, want 409 on force:\n%s", code, out)
	}
	if code, out := call(t, staff, "POST", e.srv.URL+"/api/v1/events?force=maybe", body2); code != http.StatusBadRequest {
		t.Errorf("API force=maybe: %d %s", code, out)
	}
	if code, out := call(t, staff, "POST", e.srv.URL+"/api/v1/events?force=true", body2); code != http.StatusCreated {
		t.Errorf("API force=true: %d %s", code, out)
	}
}

// TestRequestFormStartsOnAValidPair: the staff's meeting-request form
// starts on two different participants (the first suggestion), and that
// pair, sent as it is, is recorded.
func TestRequestFormStartsOnAValidPair(t *testing.T) {
	e := newPagesEnv(t)
	path := fmt.Sprintf("/events/%d/requests", e.story.Mission2019.ID)
	_, _, body := e.do(t, dagang.UserStaff, "GET", path, nil)
	pick := func(id string) string {
		i := strings.Index(body, `id="`+id+`"`)
		if i < 0 {
			t.Fatalf("no %s on the page", id)
		}
		sel := body[i : i+strings.Index(body[i:], "</select>")]
		j := strings.Index(sel, " selected>")
		if j < 0 {
			t.Fatalf("%s has no chosen participant", id)
		}
		k := strings.LastIndex(sel[:j], `value="`)
		return sel[k+len(`value="`) : j-1]
	}
	from, to := pick("req-from"), pick("req-to")
	if from == to {
		t.Fatalf("the form starts on %s with itself", from)
	}
	status, h, out := e.do(t, dagang.UserStaff, "POST", path, url.Values{"from_participation_id": {from}, "to_participation_id": {to}, "priority": {"3"}})
	if status != http.StatusSeeOther || h.Get("Location") != path {
		t.Errorf("the default pair: %d %q\n%.2000s", status, h.Get("Location"), out)
	}
}
