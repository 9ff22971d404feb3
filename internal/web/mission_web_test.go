package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// send sends a request with a body of the given type as role.
func (e *pagesEnv) send(t *testing.T, role dagang.UserRole, method, path, ctype string, body []byte) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	return e.roundTrip(t, role, req)
}

func TestMissionPages(t *testing.T) {
	e := newPagesEnv(t)
	m := fmt.Sprint(e.story.Mission2019.ID)
	const (
		staff    = dagang.UserStaff
		lead     = dagang.UserLeadership
		business = dagang.UserBusiness
	)
	tests := []pageScenario{
		{"ranking", staff, "/partners/rank", 200, []string{
			"Kalsel dapat menjual beras ke Kaltim", "Sulsel dapat memasok jagung pipilan untuk pakan ternak ayam di Kalsel.",
			`data-mission-chart="choropleth"`, "/static/mission.", `href="#ev-decl-`, "Bierhasani", "ton GKG", "Cakupan data", "Sulawesi Selatan", "(contoh)", "untuk pakan ternak ayam (daging ayam)"}, nil},
		{"ranking in English", staff, "/partners/rank?lang=en", 200, []string{"Kalsel can sell rice"}, nil},
		{"ranking: observed trade beside the score", staff, "/partners/rank", 200, []string{"Perdagangan teramati (BPS PAW 2022)", "Rp31.660.000.000.000", `href="/statistics/coverage"`, "2022-12-30", "2023-05-16"}, nil},
		{"coverage", staff, "/statistics/coverage", 200, []string{`id="coverage-grid"`, `data-cell="63-beras"`, "surplus", "ton GKG", "kekosongan", "wilayah sebelum pemekaran Papua 2022", "dagang import statistics", "Kementan", `id="validation-table"`, "Spearman"}, nil},
		{"coverage in English", lead, "/statistics/coverage?lang=en", 200, []string{"Statistics Coverage", "What the office can import"}, nil},
		{"coverage: not for businesses", business, "/statistics/coverage", 403, nil, nil},
		{"ranking for leadership", lead, "/partners/rank", 200, []string{"Kalimantan Timur"}, nil},
		{"ranking: not for businesses", business, "/partners/rank", 403, nil, nil},
		{"ranking bad year", staff, "/partners/rank?year=dua", 400, []string{"year"}, nil},
		{"ranking unknown home", staff, "/partners/rank?home=99", 400, []string{"home"}, nil},
		{"ranking API", staff, "/api/v1/partners/rank", 200, []string{`"code": "64"`, `"evidence"`, `"home_unknown"`, `"publisher"`}, nil},
		{"delegation", staff, "/events/" + m + "/delegation", 200, []string{"CV Beras Kandangan Lestari", "sudah ikut pada 2018", "Tetapkan delegasi", "Kuota belum terpenuhi", "beras (bobot 2,5)", "hanya 0 dari 3 kursi peserta pameran terisi"}, nil},
		{"delegation for leadership", lead, "/events/" + m + "/delegation", 200, []string{"Dipilih (6)"}, []string{"Tetapkan delegasi"}},
		{"delegation of an unknown event", staff, "/events/999/delegation", 404, nil, nil},
		{"delegation bad id", staff, "/events/x/delegation", 400, nil, nil},
		{"delegation API", staff, "/api/v1/events/" + m + "/delegation", 200, []string{`"chosen"`, `"reason"`, `"destination"`}, nil},
		{"dashboard links to reach", lead, "/", 200, []string{`href="/reach"`}, nil},
		{"dashboard: no reach link for businesses", business, "/", 200, nil, []string{`href="/reach"`}},
		{"reach", lead, "/reach", 200, []string{`id="reach-total">27<`, "73%", `data-mission-chart="lines"`}, nil},
		{"reach API", staff, "/api/v1/reports/reach", 200, []string{`"total": 27`, `"registered": 37`}, nil},
		{"simulate", staff, "/delegation/simulate?event=" + m, 200, []string{"Dengan rotasi", "Tanpa rotasi", `id="simulation"`}, nil},
		{"simulate too many years", staff, "/delegation/simulate?years=500", 400, nil, nil},
		{"simulate API", staff, "/api/v1/delegation/simulate?years=3", 200, []string{`"with_policy"`, `"pool": 10`}, nil},
		{"workflow", staff, "/agreements/1/workflow", 200, []string{"Riwayat tahap", `enctype="multipart/form-data"`, `name="stage"`}, nil},
		{"workflow: leadership reads", lead, "/agreements/1/workflow", 200, []string{"Riwayat tahap"}, []string{`name="stage"`}},
	}
	runPageScenarios(t, e, tests)
}

// TestDelegationWorkflow walks the 2019 mission through an override, the
// delegation and the next status, as a sequence of scenarios.
func TestDelegationWorkflow(t *testing.T) {
	e := newPagesEnv(t)
	m := fmt.Sprint(e.story.Mission2019.ID)
	const staff, lead = dagang.UserStaff, dagang.UserLeadership
	// The business staff add is one the proposal passed over although it
	// could go: which one that is follows the statistics, not the test.
	status, _, body := e.send(t, staff, "GET", "/api/v1/events/"+m+"/delegation", "", nil)
	if status != http.StatusOK {
		t.Fatalf("delegation: status %d:\n%.2000s", status, body)
	}
	var plan struct {
		Proposal struct {
			PassedOver []struct {
				BusinessID int64  `json:"business_id"`
				Why        string `json:"why"`
			} `json:"passed_over"`
		} `json:"proposal"`
	}
	if err := json.Unmarshal([]byte(body), &plan); err != nil {
		t.Fatal(err)
	}
	added := ""
	for _, d := range plan.Proposal.PassedOver {
		if d.Why != "ineligible" && d.Why != "rotation" {
			added = fmt.Sprint(d.BusinessID)
			break
		}
	}
	if added == "" {
		t.Fatalf("the proposal passed over no eligible business:\n%.2000s", body)
	}
	form := func(kv ...string) url.Values {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}
	steps := []struct {
		name       string
		role       dagang.UserRole
		method     string
		path       string
		form       url.Values
		json       string
		wantStatus int
		contains   []string
	}{
		{"override without reason", staff, "POST", "/events/" + m + "/delegation/overrides", form("business_id", added, "action", "add", "reason", " "), "", 400, []string{"reason"}},
		{"override without a business", staff, "POST", "/api/v1/events/" + m + "/delegation/overrides", nil, `{"action": "add", "reason": "x"}`, 400, []string{"business_id"}},
		{"override with an unknown action", staff, "POST", "/api/v1/events/" + m + "/delegation/overrides", nil, `{"business_id": ` + added + `, "action": "swap", "reason": "x"}`, 400, []string{"action"}},
		{"override by leadership", lead, "POST", "/events/" + m + "/delegation/overrides", form("business_id", added, "action", "add", "reason", "x"), "", 403, nil},
		{"override of a chosen business", staff, "POST", "/api/v1/events/" + m + "/delegation/overrides", nil, `{"business_id": ` + fmt.Sprint(e.story.Businesses["d1"].ID) + `, "action": "add", "reason": "x"}`, 409, nil},
		{"override", staff, "POST", "/events/" + m + "/delegation/overrides", form("business_id", added, "action", "add", "reason", "pembeli hotel meminta telur"), "", 303, nil},
		{"override shown", staff, "GET", "/events/" + m + "/delegation", nil, "", 200, []string{"Ditambahkan oleh", "pembeli hotel meminta telur", "Usulan sistem", "Dipilih (7)"}},
		{"override audited", staff, "GET", "/api/v1/audit?entity=participation", nil, "", 200, []string{"override_add"}},
		{"skip a status", staff, "POST", "/api/v1/events/" + m + "/status", nil, `{"status": "held"}`, 400, []string{"status", "Delegasi ditetapkan"}},
		{"apply form offers the others", staff, "GET", "/events/" + m + "/delegation", nil, "", 200, []string{`id="apply"`, "CV Kemiri Banua"}},
		{"apply for a kemiri business", staff, "POST", "/events/" + m + "/applications", form("business_id", fmt.Sprint(e.story.Businesses["a1"].ID), "role", "matching"), "", 400, []string{"tidak termasuk kebutuhan Kaltim"}},
		{"set the delegation: asked first", staff, "POST", "/events/" + m + "/delegation", form(), "", 200, []string{`id="confirm-what"`, "7 pelamar dipilih", `name="confirmed" value="1"`}},
		{"set the delegation", staff, "POST", "/events/" + m + "/delegation", form("confirmed", "1"), "", 303, nil},
		{"set twice", staff, "POST", "/api/v1/events/" + m + "/delegation", nil, "", 400, []string{"status"}},
		{"decisions stored", staff, "GET", "/api/v1/events/" + m + "/participations?status=selected", nil, "", 200, []string{`"total": 7`, "Dipilih: produk beras"}},
		{"next status: asked first", staff, "POST", "/events/" + m + "/status", form("status", "held"), "", 200, []string{"Status kegiatan menjadi Terlaksana", `name="status" value="held"`}},
		{"next status", staff, "POST", "/events/" + m + "/status", form("status", "held", "confirmed", "1"), "", 303, nil},
		{"status shown", staff, "GET", "/events/" + m + "/delegation", nil, "", 200, []string{`id="event-status">Terlaksana<`}},
		{"apply to a held event", staff, "POST", "/api/v1/events/" + m + "/applications", nil, `{"business_id": 1, "role": "matching"}`, 400, []string{"tidak dibuka"}},
	}
	for _, s := range steps {
		var status int
		var body string
		switch {
		case s.json != "" || (s.form == nil && s.method == "POST"):
			status, _, body = e.send(t, s.role, s.method, s.path, "application/json", []byte(s.json))
		default:
			status, _, body = e.do(t, s.role, s.method, s.path, s.form)
		}
		if status != s.wantStatus {
			t.Fatalf("%s: status = %d, want %d; body:\n%.2000s", s.name, status, s.wantStatus, body)
		}
		for _, c := range s.contains {
			if !strings.Contains(body, c) {
				t.Errorf("%s: body lacks %q:\n%.2000s", s.name, c, body)
			}
		}
	}
}

func TestApplications(t *testing.T) {
	e := newPagesEnv(t)
	ctx := context.Background()
	ev := &dagang.Event{OfficeID: e.story.Office.ID, Kind: dagang.EventTradeMission, Name: "Misi Dagang Kaltim 2020", HostProvince: "64",
		StartsOn: dagang.MustDate("2020-07-01"), QuotaMatching: 6, QuotaExhibitor: 3}
	if err := e.db.CreateEvent(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if _, err := e.db.MoveEvent(ctx, ev.OfficeID, ev.ID, 0, dagang.EventOpen); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/api/v1/events/%d/applications", ev.ID)
	body := func(key, role string) []byte {
		b, _ := json.Marshal(map[string]any{"business_id": e.story.Businesses[key].ID, "role": role})
		return b
	}
	tests := []struct {
		name       string
		role       dagang.UserRole
		body       []byte
		wantStatus int
		contains   string
	}{
		{"kemiri is not needed in Kaltim", dagang.UserStaff, body("a1", "matching"), 400, "tidak termasuk kebutuhan Kaltim"},
		{"buyer role", dagang.UserStaff, body("c9", "buyer"), 400, "role"},
		{"not JSON", dagang.UserStaff, []byte("business_id=1"), 400, "JSON"},
		{"eligible", dagang.UserStaff, body("c9", "matching"), 201, `"status": "applied"`},
		{"twice", dagang.UserStaff, body("c9", "matching"), 409, ""},
		{"leadership reads only", dagang.UserLeadership, body("d1", "matching"), 403, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, got := e.send(t, tt.role, "POST", path, "application/json", tt.body)
			if status != tt.wantStatus || !strings.Contains(got, tt.contains) {
				t.Errorf("status %d, want %d with %q; body:\n%.1000s", status, tt.wantStatus, tt.contains, got)
			}
		})
	}
}

func TestAgreementDocumentsHTTP(t *testing.T) {
	e := newPagesEnv(t)
	upload := func(role dagang.UserRole, path, name string, content []byte) (int, string) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		fw, _ := w.CreateFormFile("file", name)
		fw.Write(content)
		w.WriteField("note", "naskah kesepakatan")
		w.Close()
		status, _, body := e.send(t, role, "POST", path, w.FormDataContentType(), b.Bytes())
		return status, body
	}
	pdf := []byte("%PDF-1.4\n%%EOF\n")
	if status, body := upload(dagang.UserStaff, "/api/v1/agreements/1/documents", "<b>naskah</b>.pdf", pdf); status != 201 || !strings.Contains(body, `"content_type": "application/pdf"`) {
		t.Fatalf("upload PDF: %d %s", status, body)
	}
	if status, body := upload(dagang.UserStaff, "/api/v1/agreements/1/documents", "naskah.pdf", []byte("<html><script>alert(1)</script>")); status != 400 || !strings.Contains(body, "file") {
		t.Errorf("upload HTML as PDF: %d %s", status, body)
	}
	if status, _ := upload(dagang.UserLeadership, "/api/v1/agreements/1/documents", "naskah.pdf", pdf); status != 403 {
		t.Errorf("leadership upload: %d, want 403", status)
	}
	if status, _ := upload(dagang.UserStaff, "/agreements/1/documents", "naskah2.pdf", pdf); status != 303 {
		t.Errorf("page upload: %d, want 303", status)
	}
	status, h, body := e.do(t, dagang.UserLeadership, "GET", "/agreements/1/documents/1", nil)
	if status != 200 || body != string(pdf) || h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") || !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("download: %d %v %q", status, h, body)
	}
	if status, _, _ := e.do(t, dagang.UserStaff, "GET", "/agreements/2/documents/1", nil); status != 404 {
		t.Errorf("document through another agreement: %d, want 404", status)
	}
	if status, _, body := e.do(t, dagang.UserStaff, "GET", "/agreements/1/workflow", nil); status != 200 || !strings.Contains(body, "naskah2.pdf") {
		t.Errorf("workflow page lacks the document: %d", status)
	}
	// Moving the stage from the workflow page keeps the history.
	status, _, _ = e.do(t, dagang.UserStaff, "POST", "/agreements/3/stage", url.Values{"stage": {"exploring"}, "on": {"2019-02-01"}, "note": {"kunjungan ke Samarinda"}})
	if status != 303 {
		t.Fatalf("move stage: %d", status)
	}
	if status, _, body := e.do(t, dagang.UserStaff, "GET", "/agreements/3/workflow", nil); status != 200 || !strings.Contains(body, "kunjungan ke Samarinda") {
		t.Errorf("history lacks the move: %d", status)
	}
	if status, _, body := e.do(t, dagang.UserStaff, "POST", "/agreements/3/stage", url.Values{"stage": {"exploring"}, "on": {"kemarin"}}); status != 400 || !strings.Contains(body, "TTTT-BB-HH") {
		t.Errorf("bad date: %d", status)
	}
}

// TestDeclareFromRanking records a staff declaration from the ranking page
// and sees it behind a new flow: Kalsel's declared candlenut surplus meets
// Gorontalo's declared need (candlenut has no statistics, so the
// declaration decides).
func TestDeclareFromRanking(t *testing.T) {
	e := newPagesEnv(t)
	corn := fmt.Sprint(e.story.Commodities["kemiri"].ID)
	form := url.Values{"province_code": {"75"}, "commodity_id": {corn}, "kind": {"need"}, "statement": {"Gorontalo butuh kemiri (uji)"}}
	if status, _, body := e.do(t, dagang.UserLeadership, "POST", "/partners/declarations", form); status != 403 {
		t.Fatalf("leadership declares: %d %.300s", status, body)
	}
	if status, _, body := e.do(t, dagang.UserStaff, "POST", "/partners/declarations", url.Values{"province_code": {"75"}, "commodity_id": {corn}, "kind": {"banyak"}}); status != 400 || !strings.Contains(body, "kind") {
		t.Errorf("bad kind: %d %.300s", status, body)
	}
	if status, _, body := e.do(t, dagang.UserStaff, "POST", "/partners/declarations", form); status != 303 {
		t.Fatalf("declare: %d %.300s", status, body)
	}
	_, _, body := e.do(t, dagang.UserStaff, "GET", "/partners/rank", nil)
	for _, want := range []string{"Kalsel dapat menjual daging ayam, kemiri dan telur ayam ras ke Gorontalo", "Gorontalo butuh kemiri (uji)", "Staf Kerja Sama (demo)"} {
		if !strings.Contains(body, want) {
			t.Errorf("ranking lacks %q", want)
		}
	}
}

// TestTargets sets yearly targets from the dashboard and sees their
// progress computed from the records.
func TestTargets(t *testing.T) {
	e := newPagesEnv(t)
	steps := []struct {
		name       string
		role       dagang.UserRole
		form       url.Values
		wantStatus int
		contains   string
	}{
		{"leadership reads only", dagang.UserLeadership, url.Values{"year": {"2018"}, "kind": {"transaction_value"}, "value": {"Rp40 miliar"}}, 403, ""},
		{"bad rupiah", dagang.UserStaff, url.Values{"year": {"2018"}, "kind": {"transaction_value"}, "value": {"banyak"}}, 400, "Rp150 miliar"},
		{"bad year", dagang.UserStaff, url.Values{"year": {"dua ribu"}, "kind": {"new_partners"}, "value": {"2"}}, 400, "year"},
		{"transaction value", dagang.UserStaff, url.Values{"year": {"2018"}, "kind": {"transaction_value"}, "value": {"Rp40 miliar"}}, 303, ""},
		{"businesses reached", dagang.UserStaff, url.Values{"year": {"2018"}, "kind": {"businesses_reached"}, "value": {"12"}}, 303, ""},
		{"the same target twice", dagang.UserStaff, url.Values{"year": {"2019"}, "kind": {"new_partners"}, "value": {"3"}}, 409, ""},
	}
	for _, s := range steps {
		status, _, body := e.do(t, s.role, "POST", "/targets", s.form)
		if status != s.wantStatus || !strings.Contains(body, s.contains) {
			t.Errorf("%s: %d, want %d with %q; body:\n%.500s", s.name, status, s.wantStatus, s.contains, body)
		}
	}
	// 2018: Rp45,25 miliar of deals against Rp40 miliar; 9 businesses against 12.
	_, _, body := e.do(t, dagang.UserStaff, "GET", "/?year=2018", nil)
	for _, want := range []string{"Target 2018", "Rp40.000.000.000", "Rp45.250.000.000", `id="target-form"`} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard 2018 lacks %q", want)
		}
	}
}

// TestDelegationRules recomputes the proposal under other rules: with no
// rotation the 2018 rice seller is back in the running; bad rules are
// refused with the field named.
func TestDelegationRules(t *testing.T) {
	e := newPagesEnv(t)
	m := fmt.Sprint(e.story.Mission2019.ID)
	tests := []struct {
		name       string
		query      string
		wantStatus int
		contains   []string
	}{
		{"no rotation", "rotation_years=0", 200, []string{`name="rotation_years" type="number" min="0" max="50" value="0"`, "action=\"/events/" + m + "/delegation?rotation_years=0\""}},
		{"penalty", "rotation_mode=penalty&penalty=1,5", 200, []string{"UD Beras Unus Batola"}},
		{"one per regency", "max_per_regency=1", 200, []string{`value="1"`}},
		{"bad years", "rotation_years=satu", 400, []string{"rotation_years"}},
		{"bad mode", "rotation_mode=acak", 400, []string{"rotation"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := e.do(t, dagang.UserStaff, "GET", "/events/"+m+"/delegation?"+tt.query, nil)
			if status != tt.wantStatus {
				t.Fatalf("status %d, want %d: %.1500s", status, tt.wantStatus, body)
			}
			for _, c := range tt.contains {
				if !strings.Contains(body, c) {
					t.Errorf("body lacks %q", c)
				}
			}
		})
	}
	// Without rotation the API proposal may take the 2018 rice seller.
	_, _, body := e.do(t, dagang.UserStaff, "GET", "/api/v1/events/"+m+"/delegation?rotation_years=0", nil)
	if strings.Contains(body, "sudah ikut pada 2018") {
		t.Errorf("rotation_years=0 still excludes the 2018 participants")
	}
	// The simulation takes the same rules.
	status, _, body := e.do(t, dagang.UserStaff, "GET", "/api/v1/delegation/simulate?event="+m+"&years=3&max_per_regency=1", nil)
	if status != 200 || !strings.Contains(body, `"max_per_regency": 1`) {
		t.Errorf("simulate with rules: %d %.500s", status, body)
	}
}

// TestBusinessApplies: the demo business (candlenut) sees the apply form
// of the open Kaltim mission and is told why it is not eligible.
func TestBusinessApplies(t *testing.T) {
	e := newPagesEnv(t)
	m := fmt.Sprint(e.story.Mission2019.ID)
	if _, _, body := e.do(t, dagang.UserBusiness, "GET", "/events/"+m, nil); !strings.Contains(body, `id="apply"`) {
		t.Errorf("the business sees no apply form on the open mission")
	}
	if _, _, body := e.do(t, dagang.UserStaff, "GET", "/events/"+m, nil); strings.Contains(body, `id="apply"`) {
		t.Errorf("staff see the business's apply form")
	}
	if _, _, body := e.do(t, dagang.UserBusiness, "GET", fmt.Sprintf("/events/%d", e.story.Events[0].ID), nil); strings.Contains(body, `id="apply"`) {
		t.Errorf("a closed event offers the apply form")
	}
	status, _, body := e.do(t, dagang.UserBusiness, "POST", "/events/"+m+"/applications", url.Values{"role": {"matching"}, "business_id": {"1"}})
	if status != 400 || !strings.Contains(body, "produknya (kemiri) tidak termasuk kebutuhan Kaltim") {
		t.Errorf("ineligible business: %d %.800s", status, body)
	}
}
