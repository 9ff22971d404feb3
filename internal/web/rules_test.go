package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
)

// The rules suite over HTTP: each rule of docs/rules.md that a client can
// break through the JSON API, a page form or an import, broken that way on
// the demo database (SQLite, and PostgreSQL with DAGANG_TEST_POSTGRES;
// mandatory with CI=true). Every refusal must name the field as the client
// sent it and leave every table's row count as it was.

func TestRulesHTTP(t *testing.T) {
	eachDemoEnv(t, "the rules suite", runRulesHTTP)
}

// eachDemoEnv runs fn, the suite named what, on a demo server over SQLite
// and over PostgreSQL (internal/pgtest: skipped with a message locally
// when there is no server, mandatory with CI=true).
func eachDemoEnv(t *testing.T, what string, fn func(t *testing.T, e *demoEnv)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, newDemoEnv(t, nil)) })
	t.Run("postgres", func(t *testing.T) {
		e := newDemoEnvOn(t, "postgres", nil)
		t.Logf("%s on PostgreSQL", what)
		fn(t, e)
	})
}

// ruleRequest is one rule broken through one path.
type ruleRequest struct {
	name   string // cited by docs/rules.md: TestRulesHTTP/<backend>/<name>
	method string
	path   string
	ctype  string // "json", "form" or "import" (a CSV of businesses)
	body   string
	status int
	says   []string // the answer must hold each (field names, ids, words)
}

func runRulesHTTP(t *testing.T, e *demoEnv) {
	ctx := context.Background()
	staff := login(t, e.srv, dagang.UserStaff)
	s := e.story
	biz := s.Businesses[demo.DemoBusiness]
	org := s.Orgs[demo.DemoCounterpart]
	// A business with a NIB, so a twin can be tried.
	nibbed := &dagang.Business{OfficeID: s.Office.ID, Name: "UD Ber-NIB", RegencyCode: biz.RegencyCode, NIB: "9120000000777", Size: dagang.SizeSmall}
	if err := e.db.CreateBusiness(ctx, nibbed); err != nil {
		t.Fatal(err)
	}
	// A deal with a first follow-up: 100 ton for Rp1 miliar.
	deal := &dagang.Deal{OfficeID: s.Office.ID, Direction: dagang.DirectionSell, BusinessID: biz.ID, CounterpartID: org.ID, CommodityID: biz.Products[0].CommodityID,
		Volume: 100, Unit: "ton", ValueIDR: 1_000_000_000, Stage: dagang.DealContract, DealDate: dagang.MustDate("2021-03-01")}
	if err := e.db.CreateDeal(ctx, deal, true); err != nil {
		t.Fatal(err)
	}
	ags, _, err := e.db.FindAgreements(ctx, dagang.AgreementFilter{OfficeID: s.Office.ID})
	if err != nil || len(ags) == 0 {
		t.Fatalf("agreements: %v", err)
	}
	ag := ags[0]
	other := "35.78" // Kota Surabaya, Jawa Timur: not the office's province (63)
	newBiz := func(extra string) string {
		return `{"name":"UD Uji Aturan","regency_code":"` + biz.RegencyCode + `","size_class":"mikro"` + extra + `}`
	}
	csvHeader := "nama,kabupaten,nib,skala,kontak,telepon,email,komoditas,kapasitas_bulanan,satuan\n"
	cases := []ruleRequest{
		{"text/business-name-NUL/api", "POST", "/api/v1/businesses", "json", `{"name":"UD \u0000Nul","regency_code":"` + biz.RegencyCode + `","size_class":"mikro"}`, 400, []string{`"field": "name"`, "U+0000"}},
		{"text/business-name-BEL/form", "POST", "/businesses", "form", "name=UD+%07Bel&regency_code=" + biz.RegencyCode + "&size_class=mikro", 400, []string{`id="f-name-err"`, "karakter kendali"}},
		{"text/business-name-NUL/import", "POST", "/api/v1/imports?kind=businesses&name=u.csv", "import", csvHeader + "\"UD \x00Nul\"," + biz.RegencyCode + ",,mikro,,,,,,\n", 400, []string{"kolom nama"}},
		{"text/organisation-name-BEL/api", "POST", "/api/v1/organisations", "json", `{"name":"PT \u0007Bel","province_code":"35","kind":"buyer"}`, 400, []string{`"field": "name"`}},
		{"text/deal-note-ESC/api", "PATCH", fmt.Sprintf("/api/v1/deals/%d", deal.ID), "json", `{"note":"baris\n\u001b[31mmerah"}`, 400, []string{`"field": "note"`, "U+001B"}},

		{"business/regency-other-province/api", "POST", "/api/v1/businesses", "json", `{"name":"UD Surabaya","regency_code":"` + other + `","size_class":"mikro"}`, 400, []string{`"field": "regency_code"`, other}},
		{"business/regency-other-province/api-update", "PATCH", fmt.Sprintf("/api/v1/businesses/%d", biz.ID), "json", `{"regency_code":"` + other + `"}`, 400, []string{`"field": "regency_code"`}},
		{"business/regency-other-province/form", "POST", "/businesses", "form", "name=UD+Surabaya&regency_code=" + other + "&size_class=mikro", 400, []string{`id="f-regency-code-err"`, other}},
		{"business/regency-other-province/import", "POST", "/api/v1/imports?kind=businesses&name=u.csv", "import", csvHeader + "UD Surabaya," + other + ",,mikro,,,,,,\n", 400, []string{"kolom kabupaten", other}},

		{"business/nib-unique/api", "POST", "/api/v1/businesses", "json", newBiz(`,"nib":"9120000000777"`), 409, []string{`"field": "nib"`, "UD Ber-NIB"}},
		{"business/nib-unique/form", "POST", "/businesses", "form", "name=UD+Kembar&regency_code=" + biz.RegencyCode + "&size_class=mikro&nib=9120000000777", 400, []string{`id="f-nib-err"`, "UD Ber-NIB"}},
		{"business/nib-unique/import", "POST", "/api/v1/imports?kind=businesses&name=u.csv", "import", csvHeader + "UD Kembar," + biz.RegencyCode + ",9120000000777,mikro,,,,,,\n", 400, []string{"baris 2, kolom nib", "9120000000777"}},
		{"business/nib-unique/import-same-file", "POST", "/api/v1/imports?kind=businesses&name=u.csv", "import", csvHeader + "UD Satu," + biz.RegencyCode + ",9120000000888,mikro,,,,,,\nUD Dua," + biz.RegencyCode + ",9120000000888,mikro,,,,,,\n", 400, []string{"baris 3, kolom nib", "9120000000888"}},

		{"business/delete-with-deals/api", "DELETE", fmt.Sprintf("/api/v1/businesses/%d", biz.ID), "json", "", 409, []string{"transaksi"}},
		{"organisation/delete-with-deals/api", "DELETE", fmt.Sprintf("/api/v1/organisations/%d", org.ID), "json", "", 409, []string{"transaksi"}},

		{"event/create-not-planned/api", "POST", "/api/v1/events", "json", `{"kind":"fair","name":"Pameran Tutup","host_province_code":"63","starts_on":"2021-05-01","status":"closed"}`, 400, []string{`"field": "status"`}},
		{"event/create-not-planned/form", "POST", "/events", "form", "kind=fair&name=Pameran+Tutup&host_province_code=63&starts_on=2021-05-01&status=closed", 400, []string{`id="f-status-err"`}},

		{"event/update-skips-status/api", "PATCH", fmt.Sprintf("/api/v1/events/%d", s.Mission2019.ID), "json", `{"status":"closed"}`, 400, []string{`"field": "status"`}},
		{"event/update-skips-status/form", "POST", fmt.Sprintf("/events/%d", s.Mission2019.ID), "form", "kind=trade_mission&name=Misi+Dagang&host_province_code=64&starts_on=2019-07-10&status=closed&quota_matching=6&quota_exhibitor=3", 400, []string{`id="f-status-err"`}},
		{"event/move-skips-status/api", "POST", fmt.Sprintf("/api/v1/events/%d/status", s.Mission2019.ID), "json", `{"status":"closed"}`, 400, []string{`"field": "status"`}},
		{"event/delete-with-participants/api", "DELETE", fmt.Sprintf("/api/v1/events/%d", s.Mission2019.ID), "json", "", 409, []string{"peserta"}},
		{"agreement/update-changes-stage/api", "PATCH", fmt.Sprintf("/api/v1/agreements/%d", ag.ID), "json", `{"stage":"expired"}`, 400, []string{`"field": "stage"`, "/api/v1/agreements/{id}/stage"}},
		{"agreement/move-to-same-stage/api", "POST", fmt.Sprintf("/api/v1/agreements/%d/stage", ag.ID), "json", `{"stage":"` + string(ag.Stage) + `","on":"2021-01-01"}`, 409, []string{`"field": "stage"`}},
		{"agreement/move-to-same-stage/form", "POST", fmt.Sprintf("/agreements/%d/stage", ag.ID), "form", "stage=" + string(ag.Stage) + "&on=2021-01-01", 409, []string{string(ag.Stage.Label())}},

		{"realisation/before-deal-date/api", "POST", fmt.Sprintf("/api/v1/deals/%d/realisations", deal.ID), "json", `{"reported_on":"2021-02-28","delivered_volume":10}`, 400, []string{`"field": "reported_on"`}},
		{"realisation/volume-over-deal/api", "POST", fmt.Sprintf("/api/v1/deals/%d/realisations", deal.ID), "json", `{"reported_on":"2021-06-01","delivered_volume":100000}`, 400, []string{`"field": "delivered_volume"`}},
		{"realisation/value-over-deal/api", "POST", fmt.Sprintf("/api/v1/deals/%d/realisations", deal.ID), "json", `{"reported_on":"2021-06-01","paid_text":"Rp1 triliun"}`, 400, []string{`"field": "paid_idr"`}},

		{"deal/value-disagrees/api", "POST", "/api/v1/deals", "json", fmt.Sprintf(`{"direction":"sell","business_id":%d,"counterpart_id":%d,"commodity_id":%d,"stage":"indication","deal_date":"2021-04-01","value_idr":5000000,"value_text":"Rp7 juta"}`, biz.ID, org.ID, deal.CommodityID), 400, []string{`"field": "value_idr"`, `"field": "value_text"`}},
		{"deal/value-disagrees/api-update", "PATCH", fmt.Sprintf("/api/v1/deals/%d", deal.ID), "json", `{"value_idr":5000000,"value_text":"Rp7 juta"}`, 400, []string{`"field": "value_idr"`, `"field": "value_text"`}},
		{"deal/value-text-negative/api", "POST", "/api/v1/deals", "json", fmt.Sprintf(`{"direction":"sell","business_id":%d,"counterpart_id":%d,"commodity_id":%d,"stage":"indication","deal_date":"2021-04-01","value_text":"-Rp5 juta"}`, biz.ID, org.ID, deal.CommodityID), 400, []string{`"field": "value_text"`}},
	}
	counts := func() map[string]int64 { return dataRowCounts(t, e.db) }
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := counts()
			checkRule(t, staff, e.srv.URL, c)
			if diff := cmp.Diff(before, counts()); diff != "" {
				t.Errorf("the refusal changed the database (-before +after):\n%s", diff)
			}
		})
	}
	// Allowed: a value given both ways that agrees; an edit of a deal saved
	// with force needs no force again.
	ok := []ruleRequest{
		{"deal/value-agrees/api", "PATCH", fmt.Sprintf("/api/v1/deals/%d", deal.ID), "json", `{"value_idr":1000000000,"value_text":"Rp1 miliar"}`, 200, []string{`"value_idr": 1000000000`}},
		{"deal/forced-twin-edit/api", "PATCH", fmt.Sprintf("/api/v1/deals/%d", deal.ID), "json", `{"note":"diperbarui tanpa force"}`, 200, []string{"diperbarui tanpa force"}},
	}
	for _, c := range ok {
		t.Run(c.name, func(t *testing.T) { checkRule(t, staff, e.srv.URL, c) })
	}
}

// checkRule sends r and checks the status and what the answer says.
func checkRule(t *testing.T, c *http.Client, base string, r ruleRequest) {
	t.Helper()
	status, body := sendRule(t, c, base, r)
	if status != r.status {
		t.Errorf("%s %s = %d, want %d; body:\n%.1500s", r.method, r.path, status, r.status, body)
	}
	for _, w := range r.says {
		if !strings.Contains(body, w) {
			t.Errorf("answer lacks %q:\n%.6000s", w, body)
		}
	}
}

// sendRule sends one request as a same-origin browser would; an import is
// followed to its end and answered as its job's final state (a failed
// job as the status its error code maps to).
func sendRule(t *testing.T, c *http.Client, base string, r ruleRequest) (int, string) {
	t.Helper()
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, base+r.path, body)
	if err != nil {
		t.Fatal(err)
	}
	switch r.ctype {
	case "json":
		if r.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
	case "form":
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	case "import":
		req.Header.Set("Content-Type", "application/octet-stream")
	}
	req.Header.Set("Origin", base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if r.ctype != "import" || res.StatusCode != http.StatusAccepted {
		return res.StatusCode, string(b)
	}
	var job struct {
		ID     int64           `json:"id"`
		Status string          `json:"status"`
		Error  json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(b, &job); err != nil {
		t.Fatalf("import answer: %v", err)
	}
	var raw []byte
	for range 300 {
		res, err := c.Get(fmt.Sprintf("%s/api/v1/imports/%d", base, job.ID))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ = io.ReadAll(res.Body)
		res.Body.Close()
		json.Unmarshal(raw, &job)
		if job.Status != "queued" && job.Status != "running" {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if job.Status != "failed" {
		return http.StatusOK, string(raw)
	}
	var code struct {
		Code string `json:"code"`
	}
	json.Unmarshal(job.Error, &code)
	status := map[string]int{dagang.EINVALID: 400, dagang.ECONFLICT: 409}[code.Code]
	if status == 0 {
		status = 500
	}
	return status, string(raw)
}
