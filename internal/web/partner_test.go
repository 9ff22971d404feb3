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
	"github.com/dagang/dagang/internal/auth"
)

// partnerOffices adds Kaltim's office (the partner of the demo office's
// deals with Kaltim buyers) and Bali's (unrelated) to e, each with a
// staff and a leadership account, and returns their clients by office
// and role.
func partnerOffices(t *testing.T, e *demoEnv) (kaltim, bali *dagang.Office, clients map[string]map[dagang.UserRole]*http.Client) {
	t.Helper()
	ctx := context.Background()
	hash, err := auth.HashPassword("Mitra-Sandi-2026", auth.DefaultParams)
	if err != nil {
		t.Fatal(err)
	}
	clients = map[string]map[dagang.UserRole]*http.Client{}
	offices := map[string]*dagang.Office{}
	for _, o := range []struct{ key, name, home string }{{"kaltim", "Dinas Perdagangan Provinsi Kalimantan Timur", "64"}, {"bali", "Dinas Perdagangan Provinsi Bali", "51"}} {
		office := &dagang.Office{Name: o.name, HomeProvince: o.home}
		admin := &dagang.User{Email: "admin@" + o.key + ".example", Name: "Admin " + o.key}
		if err := e.db.CreateOfficeWithAdmin(ctx, office, admin, hash); err != nil {
			t.Fatal(err)
		}
		offices[o.key] = office
		clients[o.key] = map[dagang.UserRole]*http.Client{}
		for _, role := range []dagang.UserRole{dagang.UserStaff, dagang.UserLeadership} {
			u := &dagang.User{OfficeID: office.ID, Email: string(role) + "@" + o.key + ".example", Name: "Staf " + o.key + " " + string(role), Role: role}
			if err := e.db.CreateUser(ctx, u, hash); err != nil {
				t.Fatal(err)
			}
			clients[o.key][role] = loginAs(t, e.srv.URL, u.Email, "Mitra-Sandi-2026")
		}
	}
	return offices["kaltim"], offices["bali"], clients
}

// shareDeal records, as the demo office's staff through the API, a sale
// to a Kaltim buyer, and returns it.
func shareDeal(t *testing.T, e *demoEnv) *dagang.Deal {
	t.Helper()
	body := fmt.Sprintf(`{"direction":"sell","business_id":%d,"counterpart_id":%d,"commodity_id":%d,"volume":12,"unit":"ton","value_idr":180000000,"stage":"contract","deal_date":"2019-05-06","note":"catatan internal Kalsel","force":true}`,
		e.story.Businesses["a1"].ID, e.story.Orgs["kaltim1"].ID, e.story.Commodities["kemiri"].ID)
	code, b := call(t, login(t, e.srv, dagang.UserStaff), "POST", e.srv.URL+"/api/v1/deals", body)
	if code != http.StatusCreated {
		t.Fatalf("record a sale to Kaltim: %d %s", code, b)
	}
	var d dagang.Deal
	if err := json.Unmarshal([]byte(b), &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

// TestPartnerReview: Kaltim's office sees the demo office's sale to a
// Kaltim buyer as an incoming purchase, on its page and in the API, and
// confirms or disputes it; leadership reads only, the demo office's
// business and counterpart users cannot review, bad input is refused
// naming the field in the user's language, an unrelated office gets 404,
// and the recording office sees the answer on its deal.
func TestPartnerReview(t *testing.T) {
	e := newDemoEnv(t, nil)
	kaltim, _, clients := partnerOffices(t, e)
	d := shareDeal(t, e)
	if d.PartnerOfficeID != kaltim.ID || d.PartnerState != dagang.PartnerPending {
		t.Fatalf("the sale to Kaltim is not shared with Kaltim's office: %+v", d.DealPartner)
	}
	id := fmt.Sprint(d.ID)
	base := e.srv.URL
	staffK, leadK, staffBali := clients["kaltim"][dagang.UserStaff], clients["kaltim"][dagang.UserLeadership], clients["bali"][dagang.UserStaff]

	// The incoming list, from Kaltim's side, without Kalsel's notes.
	for _, c := range []*http.Client{staffK, leadK} {
		code, b := call(t, c, "GET", base+"/api/v1/deals/incoming", "")
		if code != http.StatusOK || !strings.Contains(b, `"id": `+id+`,`) || !strings.Contains(b, `"direction": "buy"`) || !strings.Contains(b, e.story.Office.Name) {
			t.Errorf("Kaltim's incoming deals: %d %.400s", code, b)
		}
		if strings.Contains(b, "catatan internal") {
			t.Errorf("Kaltim's incoming deals show Kalsel's note: %.400s", b)
		}
	}
	code, b := call(t, staffBali, "GET", base+"/api/v1/deals/incoming", "")
	if code != http.StatusOK || strings.Contains(b, `"id": `+id+`,`) || !strings.Contains(b, `"total": 0`) {
		t.Errorf("Bali's incoming deals: %d %.300s", code, b)
	}
	a := visit(t, staffK, base, "GET", "/deals/masuk", "")
	if a.status != http.StatusOK || !strings.Contains(a.body, "Dicatat oleh mitra") || !strings.Contains(a.body, e.story.Businesses["a1"].Name) || !strings.Contains(a.body, `action="/deals/`+id+`/partner-review"`) {
		t.Errorf("Kaltim's page of deals from partners: %d %.500s", a.status, a.body)
	}
	if a := visit(t, leadK, base, "GET", "/deals/masuk", ""); a.status != http.StatusOK || strings.Contains(a.body, "/partner-review") {
		t.Errorf("leadership's page of deals from partners offers a review: %d", a.status)
	}

	// Who may review.
	review := `{"decision":"confirm"}`
	for name, c := range map[string]*http.Client{
		"Kaltim's leadership":           leadK,
		"the demo office's business":    login(t, e.srv, dagang.UserBusiness),
		"the demo office's counterpart": login(t, e.srv, dagang.UserCounterpart),
	} {
		if code, b := call(t, c, "POST", base+"/api/v1/deals/"+id+"/partner-review", review); code != http.StatusForbidden {
			t.Errorf("%s reviews: %d %.200s, want 403", name, code, b)
		}
	}
	for name, c := range map[string]*http.Client{"Bali's staff": staffBali, "the demo office's staff": login(t, e.srv, dagang.UserStaff)} {
		if code, b := call(t, c, "POST", base+"/api/v1/deals/"+id+"/partner-review", review); code != http.StatusNotFound || !strings.Contains(b, " tidak ditemukan") {
			t.Errorf("%s reviews: %d %.200s, want 404", name, code, b)
		}
	}
	// Kaltim reads and changes nothing else of the deal.
	for _, r := range []struct{ method, path, body string }{{"GET", "/api/v1/deals/" + id, ""}, {"PATCH", "/api/v1/deals/" + id, `{"value_idr":1}`}, {"GET", "/deals/" + id, ""}} {
		if code, b := call(t, staffK, r.method, base+r.path, r.body); code != http.StatusNotFound {
			t.Errorf("Kaltim %s %s: %d %.200s, want 404", r.method, r.path, code, b)
		}
	}

	// Bad input names the field, in the user's language.
	for _, tc := range []struct{ body, field, id, en string }{
		{`{"decision":"dispute"}`, "note", "tuliskan alasan sanggahan", "write why you dispute the deal"},
		{`{"decision":"yes"}`, "decision", "keputusan harus confirm atau dispute", "decision must be confirm or dispute"},
		{`{"decision":"confirm","link_deal_id":` + id + `}`, "link_deal_id", "bukan transaksi dinas Anda", "is not a deal of your office"},
	} {
		for _, lang := range []struct{ code, want string }{{"id", tc.id}, {"en", tc.en}} {
			res, b := send(t, staffK, "POST", base+"/api/v1/deals/"+id+"/partner-review?lang="+lang.code, tc.body)
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(b, `"`+tc.field+`"`) || !strings.Contains(b, lang.want) {
				t.Errorf("review %s (%s): %d %.300s, want 400 naming %s", tc.body, lang.code, res.StatusCode, b, tc.field)
			}
		}
	}
	if res, b := send(t, staffK, "POST", base+"/api/v1/deals/"+id+"/partner-review", review, "If-Match", `"99"`); res.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("review of a stale version: %d %.200s, want 412", res.StatusCode, b)
	}

	// The review, then the recording office sees it.
	res, b := send(t, staffK, "POST", base+"/api/v1/deals/"+id+"/partner-review", `{"decision":"dispute","note":"volume 10 ton, bukan 12"}`, "If-Match", fmt.Sprintf(`"%d"`, d.Version))
	if res.StatusCode != http.StatusOK || !strings.Contains(b, `"partner_state": "disputed"`) || res.Header.Get("ETag") != fmt.Sprintf(`"%d"`, d.Version+1) {
		t.Fatalf("Kaltim disputes: %d %s %.300s", res.StatusCode, res.Header.Get("ETag"), b)
	}
	code, b = call(t, login(t, e.srv, dagang.UserStaff), "GET", base+"/api/v1/deals/"+id, "")
	if code != http.StatusOK || !strings.Contains(b, `"partner_state": "disputed"`) || !strings.Contains(b, `"partner_note": "volume 10 ton, bukan 12"`) {
		t.Errorf("the demo office's deal after the dispute: %d %.400s", code, b)
	}
	a = visit(t, login(t, e.srv, dagang.UserLeadership), base, "GET", "/deals/"+id, "")
	if !strings.Contains(a.body, `id="deal-partner"`) || !strings.Contains(a.body, kaltim.Name) || !strings.Contains(a.body, "Disanggah") {
		t.Errorf("the demo office's deal page does not show Kaltim's answer: %.600s", a.body)
	}
	// Kaltim's report shows the deal as its purchase, recorded by the
	// partner and apart from its own totals; the demo office's report
	// counts its sale as before, with no deal from partners.
	code, b = call(t, staffK, "GET", base+"/api/v1/reports/deals?year=2019", "")
	if code != http.StatusOK || !strings.Contains(b, `"from_partners"`) || !strings.Contains(b, `"disputed_idr": 180000000`) || !strings.Contains(b, `"key": "buy"`) {
		t.Errorf("Kaltim's deal report: %d %.600s", code, b)
	}
	if a := visit(t, leadK, base, "GET", "/laporan?year=2019", ""); a.status != http.StatusOK || !strings.Contains(a.body, `id="from-partners"`) || !strings.Contains(a.body, e.story.Office.Name) {
		t.Errorf("Kaltim's report page: %d, no deals from partners", a.status)
	}
	code, b = call(t, login(t, e.srv, dagang.UserStaff), "GET", base+"/api/v1/reports/deals?year=2019", "")
	if code != http.StatusOK || strings.Contains(b, `"from_partners"`) {
		t.Errorf("the demo office's deal report: %d, with deals from partners: %.300s", code, b)
	}

	// The page's form: confirm, back to the list with the state shown.
	var fresh dagang.Deal
	code, b = call(t, login(t, e.srv, dagang.UserStaff), "GET", base+"/api/v1/deals/"+id, "")
	if err := json.Unmarshal([]byte(b), &fresh); code != http.StatusOK || err != nil {
		t.Fatal(code, err)
	}
	resp, err := staffK.PostForm(base+"/deals/"+id+"/partner-review", url.Values{"decision": {"confirm"}, "version": {fmt.Sprint(fresh.Version)}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/deals/masuk" {
		t.Errorf("the page's review: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if a := visit(t, staffK, base, "GET", "/deals/masuk", ""); !strings.Contains(a.body, "Transaksi dari mitra dikonfirmasi.") || !strings.Contains(a.body, "Staf kaltim staff") {
		t.Errorf("after the page's review: %.600s", a.body)
	}
	if resp, err := staffK.PostForm(base+"/deals/"+id+"/partner-review", url.Values{"decision": {"confirm"}, "link_deal_id": {"abc"}}); err != nil || resp.StatusCode != http.StatusBadRequest {
		t.Errorf("the page's review with a bad link: %v %v, want 400", resp.StatusCode, err)
	}
}
