package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
)

// TestOfficeMatrix is the access matrix's office dimension, on PostgreSQL
// (where one deployment serves many offices, with row-level security
// behind the application's scoping). A second office joins the demo's:
// its people, asking by id for the demo office's records on every route
// that takes one, get a 404 worded as for a missing record, and no list,
// search, export (CSV, Excel, PDF), report, PDF or calendar answer of
// theirs names any of the demo office's businesses, partners or events.
//
// The deliberate exceptions, a deal and an agreement shared with a partner
// office: the demo office records a sale to a buyer in Sulawesi Selatan,
// whose office is on the deployment too, and its agreement with Sulawesi
// Selatan becomes one record with that office. The isolation office
// (Bali's, unrelated to both) gets 404 for them on every route of a deal
// or an agreement, the review and the signature included; the partner
// office sees the deal among its deals from partners and may review it,
// sees the agreement among its own, may move it and sign it, gets 404 on
// every other route of the deal, on the agreement's documents and on the
// demo office's other agreements, 403 on a change of the agreement's
// fields, and sees nothing else of the demo office.
func TestOfficeMatrix(t *testing.T) {
	e := newDemoEnvOn(t, "postgres", nil)
	ctx := context.Background()
	other := &dagang.Office{Name: "Dinas Uji Isolasi Denpasar", HomeProvince: "51"}
	hash, err := auth.HashPassword("Isolasi-Sandi-2026", auth.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	admin := &dagang.User{Email: "admin@isolasi.example", Name: "Admin Isolasi"}
	if err := e.db.CreateOfficeWithAdmin(ctx, other, admin, hash); err != nil {
		t.Fatal(err)
	}
	clients := map[dagang.UserRole]*http.Client{dagang.UserAdmin: loginAs(t, e.srv.URL, admin.Email, "Isolasi-Sandi-2026")}
	for _, role := range []dagang.UserRole{dagang.UserStaff, dagang.UserLeadership} {
		u := &dagang.User{OfficeID: other.ID, Email: string(role) + "@isolasi.example", Name: "Isolasi " + string(role), Role: role}
		if err := e.db.CreateUser(ctx, u, hash); err != nil {
			t.Fatal(err)
		}
		clients[role] = loginAs(t, e.srv.URL, u.Email, "Isolasi-Sandi-2026")
	}
	var markers []string
	for _, b := range e.story.Businesses {
		markers = append(markers, b.Name)
	}
	for _, o := range e.story.Orgs {
		markers = append(markers, o.Name)
	}
	for _, ev := range append(append([]*dagang.Event{}, e.story.Events...), e.story.Mission2019) {
		markers = append(markers, ev.Name)
	}
	partner, partnerClient, sharedID, sharedNames := partnerOfficeWithDeal(t, e, hash)
	agreements, _, err := e.db.FindAgreements(ctx, dagang.AgreementFilter{OfficeID: e.story.Office.ID})
	if err != nil {
		t.Fatal(err)
	}
	var sharedAgreement *dagang.Agreement
	for _, a := range agreements {
		markers = append(markers, a.Title)
		switch {
		case a.PartnerOfficeID == partner.ID:
			sharedAgreement = a
		case a.Shared():
			t.Errorf("the demo office's agreement with %s is shared with office %d", a.PartnerProvince, a.PartnerOfficeID)
		}
	}
	if sharedAgreement == nil {
		t.Fatalf("the demo office's agreement with Sulawesi Selatan is not shared with its office %d: %+v", partner.ID, agreements)
	}
	sharedAgreementID := fmt.Sprint(sharedAgreement.ID)
	isAgreementRoute := func(pattern string) bool {
		return strings.HasPrefix(pattern, "/agreements/{id}") || strings.HasPrefix(pattern, "/api/v1/agreements/{id}")
	}
	// A word of a demo business's name, for the searches.
	word := strings.Fields(e.story.Businesses[firstKey(e.story.Businesses)].Name)[1]

	leaks := func(what string, a answer) {
		t.Helper()
		text := readable(t, a.body)
		for _, m := range markers {
			if strings.Contains(text, m) {
				t.Errorf("%s: answers with %q of the other office", what, m)
				return
			}
		}
	}
	for _, r := range e.server.Routes() {
		if r.Rule.Public || r.Pattern == "/logout" || r.Pattern == "/" || r.Pattern == "/api/" || r.Pattern == "/static/" {
			continue
		}
		var c *http.Client
		var role dagang.UserRole
		for _, x := range []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership} {
			if ok, _ := r.Rule.Allows(x); ok {
				c, role = clients[x], x
				break
			}
		}
		if c == nil {
			continue
		}
		if shared[r.Method+" "+r.Pattern] {
			continue
		}
		safe := r.Method == "" || r.Method == "GET" || r.Method == "HEAD"
		name := fmt.Sprintf("%s %s as the other office's %s", orAny(r.Method), r.Pattern, role)
		if strings.Contains(r.Pattern, "{id}") {
			// Ids 1 and 2 are records of every kind in the demo office;
			// the shared deal is the partner's, not this office's.
			ids := []string{"1", "2"}
			if strings.HasPrefix(r.Pattern, "/deals/{id}") || strings.HasPrefix(r.Pattern, "/api/v1/deals/{id}") {
				ids = append(ids, sharedID)
			}
			if isAgreementRoute(r.Pattern) {
				ids = append(ids, sharedAgreementID)
			}
			for _, id := range ids {
				a := visit(t, c, e.srv.URL, r.Method, pathFor(t, r.Pattern, id, ""), "")
				if a.status != http.StatusNotFound || !strings.Contains(a.body, " tidak ditemukan") {
					t.Errorf("%s, record %s of the demo office: %d, want 404 as for a missing record: %.300s", name, id, a.status, a.body)
				}
				leaks(name+" "+id, a)
			}
			continue
		}
		if !safe || strings.Contains(r.Pattern, "{") {
			continue
		}
		for _, q := range []string{"", "?q=" + url.QueryEscape(word), "?format=csv", "?format=xlsx", "?format=pdf", "?year=2019", "?year=2018&format=pdf"} {
			a := visit(t, c, e.srv.URL, r.Method, r.Pattern+q, "")
			if a.status >= 500 {
				t.Errorf("%s%s: %d", name, q, a.status)
			}
			leaks(name+q, a)
		}
	}
	// The partner office: the shared deal among its deals from partners,
	// its review, 404 on every other route of the deal, and nothing else
	// of the demo office in its lists.
	for _, path := range []string{"/deals/masuk", "/api/v1/deals/incoming"} {
		a := visit(t, partnerClient, e.srv.URL, "GET", path, "")
		if a.status != http.StatusOK || !strings.Contains(a.body, sharedNames[0]) || !strings.Contains(a.body, sharedNames[1]) {
			t.Errorf("the partner office's %s does not show the shared deal: %d %.300s", path, a.status, a.body)
		}
	}
	if a := visit(t, partnerClient, e.srv.URL, "POST", "/api/v1/deals/"+sharedID+"/partner-review", `{"decision":"confirm"}`); a.status != http.StatusOK {
		t.Errorf("the partner office reviews the shared deal: %d %.300s", a.status, a.body)
	}
	// The shared agreement: in the partner's list and page, moved and
	// signed by it; its fields and documents stay the demo office's.
	for _, path := range []string{"/agreements", "/api/v1/agreements", "/agreements/" + sharedAgreementID, "/api/v1/agreements/" + sharedAgreementID, "/agreements/" + sharedAgreementID + "/workflow"} {
		a := visit(t, partnerClient, e.srv.URL, "GET", path, "")
		if a.status != http.StatusOK || !strings.Contains(a.body, sharedAgreement.Title) {
			t.Errorf("the partner office's %s does not show the shared agreement: %d %.300s", path, a.status, a.body)
		}
	}
	if a := visit(t, partnerClient, e.srv.URL, "POST", "/api/v1/agreements/"+sharedAgreementID+"/stage", `{"stage":"exploring","on":"2019-02-11"}`); a.status != http.StatusOK {
		t.Errorf("the partner office moves the shared agreement: %d %.300s", a.status, a.body)
	}
	if a := visit(t, partnerClient, e.srv.URL, "POST", "/api/v1/agreements/"+sharedAgreementID+"/sign", `{"signatory":"Kepala Dinas Uji Mitra","signed_on":"2019-03-01"}`); a.status != http.StatusOK || !strings.Contains(a.body, "Kepala Dinas Uji Mitra") {
		t.Errorf("the partner office signs the shared agreement: %d %.300s", a.status, a.body)
	}
	if a := visit(t, partnerClient, e.srv.URL, "PATCH", "/api/v1/agreements/"+sharedAgreementID, `{"title":"diambil"}`); a.status != http.StatusForbidden {
		t.Errorf("the partner office changes the shared agreement's title: %d, want 403: %.300s", a.status, a.body)
	}
	var own []string
	for _, m := range markers {
		if m != sharedNames[0] && m != sharedNames[1] && m != sharedAgreement.Title {
			own = append(own, m)
		}
	}
	for _, r := range e.server.Routes() {
		if r.Rule.Public || r.Method == "" {
			continue
		}
		if ok, _ := r.Rule.Allows(dagang.UserStaff); !ok {
			continue
		}
		if strings.HasPrefix(r.Pattern, "/deals/{id}") || strings.HasPrefix(r.Pattern, "/api/v1/deals/{id}") {
			if r.Pattern == "/deals/{id}/partner-review" || r.Pattern == "/api/v1/deals/{id}/partner-review" {
				continue
			}
			a := visit(t, partnerClient, e.srv.URL, r.Method, pathFor(t, r.Pattern, sharedID, ""), "")
			if a.status != http.StatusNotFound {
				t.Errorf("%s %s, the shared deal, as the partner office: %d, want 404: %.200s", r.Method, r.Pattern, a.status, a.body)
			}
			continue
		}
		if isAgreementRoute(r.Pattern) {
			ids := []string{"1", "2"} // the demo office's agreements with Jatim and DIY
			if strings.Contains(r.Pattern, "/documents") {
				ids = append(ids, sharedAgreementID)
			}
			for _, id := range ids {
				a := visit(t, partnerClient, e.srv.URL, r.Method, pathFor(t, r.Pattern, id, ""), "")
				if a.status != http.StatusNotFound {
					t.Errorf("%s %s, agreement %s, as the partner office: %d, want 404: %.200s", r.Method, r.Pattern, id, a.status, a.body)
				}
			}
			continue
		}
		if r.Method != "GET" || strings.Contains(r.Pattern, "{") {
			continue
		}
		a := visit(t, partnerClient, e.srv.URL, "GET", r.Pattern, "")
		text := readable(t, a.body)
		for _, m := range own {
			if strings.Contains(text, m) {
				t.Errorf("GET %s as the partner office %s: answers with %q of the demo office", r.Pattern, partner.Name, m)
				break
			}
		}
	}

	// The demo office still sees its own: the markers are real.
	a := visit(t, login(t, e.srv, dagang.UserStaff), e.srv.URL, "GET", "/businesses?q="+url.QueryEscape(word), "")
	if !strings.Contains(a.body, e.story.Businesses[firstKey(e.story.Businesses)].Name) {
		t.Errorf("the demo office's own search for %q does not find its business: %.300s", word, a.body)
	}
}

// shared are the routes of the deployment's reference data, which every
// office reads alike: commodities, statistics, the offices themselves.
var shared = map[string]bool{"GET /api/v1/commodities/{id}": true, "GET /api/v1/statistics/{id}": true, "GET /api/v1/offices/{id}": true}

func firstKey[V any](m map[string]V) string {
	first := ""
	for k := range m {
		if first == "" || k < first {
			first = k
		}
	}
	return first
}

// loginAs returns a client with a session of the account.
func loginAs(t *testing.T, base, email, password string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(base+"/login", url.Values{"email": {email}, "password": {password}, "next": {"/"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login as %s: status %d", email, res.StatusCode)
	}
	return c
}

// readable is the text of an answer: a workbook's sheets and strings, a
// PDF's text (pdftotext), or the body as it is; runs of white space are
// one space, as a name wrapped in a PDF's cell reads.
func readable(t *testing.T, body string) string {
	t.Helper()
	text := body
	switch {
	case strings.HasPrefix(body, "PK"):
		z, err := zip.NewReader(bytes.NewReader([]byte(body)), int64(len(body)))
		if err != nil {
			t.Fatalf("a zip answer that does not open: %v", err)
		}
		var b strings.Builder
		for _, f := range z.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(&b, rc)
			rc.Close()
		}
		text = b.String()
	case strings.HasPrefix(body, "%PDF-"):
		if _, err := exec.LookPath("pdftotext"); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("pdftotext is required in CI (poppler-utils)")
			}
			t.Skip("pdftotext not installed (poppler-utils); the PDFs are not checked")
		}
		in := filepath.Join(t.TempDir(), "in.pdf")
		if err := os.WriteFile(in, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", in, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text = string(out)
	}
	return strings.Join(strings.Fields(text), " ")
}

// partnerOfficeWithDeal adds the office of Sulawesi Selatan with a staff
// account and has the demo office's staff record, through the API, a sale
// to the demo's buyer in Makassar: a deal shared with that office. It
// returns the office, its staff's client, the deal's id and the names of
// its parties.
func partnerOfficeWithDeal(t *testing.T, e *demoEnv, hash string) (*dagang.Office, *http.Client, string, [2]string) {
	t.Helper()
	ctx := context.Background()
	partner := &dagang.Office{Name: "Dinas Uji Mitra Makassar", HomeProvince: "73"}
	admin := &dagang.User{Email: "admin@mitra.example", Name: "Admin Mitra"}
	if err := e.db.CreateOfficeWithAdmin(ctx, partner, admin, hash); err != nil {
		t.Fatal(err)
	}
	staff := &dagang.User{OfficeID: partner.ID, Email: "staf@mitra.example", Name: "Staf Mitra", Role: dagang.UserStaff}
	if err := e.db.CreateUser(ctx, staff, hash); err != nil {
		t.Fatal(err)
	}
	biz, org := e.story.Businesses["a1"], e.story.Orgs["sulsel1"]
	body := fmt.Sprintf(`{"direction":"sell","business_id":%d,"counterpart_id":%d,"commodity_id":%d,"value_idr":90000000,"stage":"loi","deal_date":"2019-06-01","force":true}`,
		biz.ID, org.ID, e.story.Commodities["kemiri"].ID)
	a := visit(t, login(t, e.srv, dagang.UserStaff), e.srv.URL, "POST", "/api/v1/deals", body)
	if a.status != http.StatusCreated || !strings.Contains(a.body, fmt.Sprintf(`"partner_office_id": %d`, partner.ID)) {
		t.Fatalf("the demo office's sale to Makassar: %d %.300s", a.status, a.body)
	}
	var d struct{ ID int64 }
	if err := json.Unmarshal([]byte(a.body), &d); err != nil {
		t.Fatal(err)
	}
	return partner, loginAs(t, e.srv.URL, staff.Email, "Isolasi-Sandi-2026"), fmt.Sprint(d.ID), [2]string{biz.Name, org.Name}
}
