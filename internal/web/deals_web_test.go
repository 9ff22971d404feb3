package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/xuri/excelize/v2"
)

func TestDealAPI(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := login(t, e.srv, dagang.UserStaff)
	s := e.story
	base := e.srv.URL
	body := fmt.Sprintf(`{"event_id": %d, "direction": "sell", "business_id": %d, "counterpart_id": %d, "commodity_id": %d, "volume": 10, "unit": "ton",
		"value_text": "Rp1,5 miliar", "stage": "indication", "deal_date": "2019-07-10"}`,
		s.Mission2019.ID, s.Businesses["c6"].ID, s.Orgs["kaltim1"].ID, s.Commodities["beras"].ID)
	code, out := call(t, staff, "POST", base+"/api/v1/deals", body)
	if code != http.StatusCreated {
		t.Fatalf("create: %d %s", code, out)
	}
	var d dagang.Deal
	json.Unmarshal([]byte(out), &d)
	if d.ValueIDR != 1_500_000_000 || d.Confirmation != dagang.ConfirmationPending {
		t.Errorf("created %+v", d)
	}
	// The same deal again is a likely duplicate until forced.
	code, out = call(t, staff, "POST", base+"/api/v1/deals", body)
	if code != http.StatusConflict || !strings.Contains(out, "force") || !strings.Contains(out, "duplikat") {
		t.Errorf("duplicate: %d %s", code, out)
	}
	if code, out = call(t, staff, "POST", base+"/api/v1/deals", strings.Replace(body, `"value_text"`, `"force": true, "value_text"`, 1)); code != http.StatusCreated {
		t.Errorf("forced duplicate: %d %s", code, out)
	}
	for _, bad := range []struct{ body, field string }{
		{strings.Replace(body, "Rp1,5 miliar", "satu miliar", 1), "value_text"},
		{strings.Replace(body, `"sell"`, `"export"`, 1), "direction"},
		{strings.Replace(body, `"value_text": "Rp1,5 miliar"`, `"value_idr": -5`, 1), "value_idr"},
	} {
		code, out := call(t, staff, "POST", base+"/api/v1/deals", bad.body)
		if code != http.StatusBadRequest && code != http.StatusUnprocessableEntity || !strings.Contains(out, `"`+bad.field+`"`) {
			t.Errorf("bad %s: %d %s", bad.field, code, out)
		}
	}
	id := fmt.Sprint(d.ID)
	if code, out = call(t, staff, "PATCH", base+"/api/v1/deals/"+id, `{"value_idr": 2000000000, "force": true}`); code != http.StatusOK || !has(out, `"value_idr":2000000000`) {
		t.Errorf("update: %d %s", code, out)
	}
	if code, out = call(t, staff, "POST", base+"/api/v1/deals/"+id+"/stage", `{"stage": "contract", "note": "kontrak"}`); code != http.StatusOK || !has(out, `"stage":"contract"`) {
		t.Errorf("stage: %d %s", code, out)
	}
	if code, out = call(t, staff, "POST", base+"/api/v1/deals/"+id+"/realisations", `{"reported_on": "2019-08-10", "paid_text": "Rp500 juta", "delivered_volume": 3}`); code != http.StatusCreated {
		t.Errorf("realisation: %d %s", code, out)
	}
	// A single-use link for the counterpart, answered without an account.
	code, out = call(t, staff, "POST", base+"/api/v1/deals/"+id+"/confirm-link", `{"days": 7}`)
	var link struct{ Path, Token string }
	json.Unmarshal([]byte(out), &link)
	if code != http.StatusCreated || link.Token == "" {
		t.Fatalf("link: %d %s", code, out)
	}
	anon := &http.Client{}
	res, err := anon.Get(base + link.Path)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(page), "Rp2.000.000.000") {
		t.Errorf("link page: %d", res.StatusCode)
	}
	form := url.Values{"token": {link.Token}, "answer": {"confirmed"}}
	post := func() *http.Response {
		req, _ := http.NewRequest("POST", base+"/konfirmasi", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := anon.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	if res := post(); res.StatusCode != http.StatusOK {
		t.Errorf("answer by link: %d", res.StatusCode)
	}
	if res := post(); res.StatusCode != http.StatusNotFound {
		t.Errorf("second use of the link: %d, want 404", res.StatusCode)
	}
	if code, out = call(t, staff, "GET", base+"/api/v1/deals/"+id, ""); !has(out, `"confirmation":"confirmed"`) {
		t.Errorf("after the link: %d %s", code, out)
	}
	// Staff cannot answer for the counterpart; the counterpart answers its own deals.
	if code, _ = call(t, staff, "POST", base+"/api/v1/deals/"+id+"/answer", `{"answer": "rejected"}`); code != http.StatusForbidden {
		t.Errorf("staff answer: %d, want 403", code)
	}
	cp := login(t, e.srv, dagang.UserCounterpart)
	_, out = call(t, cp, "GET", base+"/api/v1/deals", "")
	var own struct{ Items []dagang.Deal }
	json.Unmarshal([]byte(out), &own)
	if len(own.Items) == 0 {
		t.Fatalf("the counterpart has no deals: %s", out)
	}
	cid := fmt.Sprint(own.Items[0].ID)
	if code, out = call(t, cp, "POST", base+"/api/v1/deals/"+cid+"/answer", `{"answer": "rejected", "note": "belum disepakati"}`); code != http.StatusOK || !has(out, `"confirmation":"rejected"`) {
		t.Errorf("counterpart answer: %d %s", code, out)
	}
	if code, _ = call(t, staff, "DELETE", base+"/api/v1/deals/"+id, ""); code != http.StatusNoContent {
		t.Errorf("delete: %d", code)
	}
}

func TestLaporanReportExportImport(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := login(t, e.srv, dagang.UserStaff)
	base := e.srv.URL
	code, out := call(t, staff, "GET", base+"/api/v1/reports/deals", "")
	if code != http.StatusOK || !strings.Contains(out, "Total transaksi Rp119 miliar dari 3 kegiatan temu bisnis dan misi dagang") {
		t.Errorf("report API: %d %.300s", code, out)
	}
	code, out = call(t, staff, "GET", base+"/laporan", "")
	if code != http.StatusOK || !strings.Contains(out, "Total transaksi Rp119 miliar dari 3 kegiatan temu bisnis dan misi dagang") || !strings.Contains(out, `href="/laporan"`) {
		t.Errorf("report page: %d", code)
	}
	if code, _ = call(t, staff, "GET", base+"/laporan?year=1800", ""); code != http.StatusBadRequest && code != http.StatusUnprocessableEntity {
		t.Errorf("bad year: %d", code)
	}
	code, out = call(t, staff, "GET", base+"/laporan/ekspor?format=xlsx", "")
	if code != http.StatusOK {
		t.Fatalf("export: %d %.200s", code, out)
	}
	f, err := excelize.OpenReader(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Transaksi")
	f.Close()
	if len(rows) != 21 || strings.Contains(strings.Join(rows[0], ","), "Telepon") {
		t.Errorf("export: %d rows, header %v", len(rows), rows[0])
	}
	if code, _ = call(t, staff, "GET", base+"/laporan/ekspor?format=doc", ""); code == http.StatusOK {
		t.Error("unknown export format accepted")
	}
	lead := login(t, e.srv, dagang.UserLeadership)
	if code, _ = call(t, lead, "GET", base+"/laporan/ekspor?format=pdf", ""); code != http.StatusOK {
		t.Errorf("leadership PDF: %d", code)
	}
	if code, _ = call(t, lead, "POST", base+"/api/v1/imports?kind=deals", "x"); code != http.StatusForbidden {
		t.Errorf("leadership import: %d, want 403", code)
	}

	// Upload, then poll the job until it ends.
	file := "nama,provinsi,jenis\nPT Uji Samarinda,64,buyer\nPT Uji Makassar,Antah Berantah,buyer\n"
	job := upload(t, staff, base, "organisations", file)
	if job["status"] != "failed" || !strings.Contains(fmt.Sprint(job["error"]), "baris 3, kolom provinsi") {
		t.Errorf("failed import job: %v", job)
	}
	job = upload(t, staff, base, "organisations", strings.Replace(file, "Antah Berantah", "Sulawesi Selatan", 1))
	if job["status"] != "done" || job["rows"] != float64(2) {
		t.Errorf("import job: %v", job)
	}
	if code, out = call(t, staff, "GET", base+"/api/v1/imports/template?kind=deals&format=csv", ""); code != http.StatusOK || !strings.HasPrefix(out, "tanggal,arah") {
		t.Errorf("template: %d %q", code, out)
	}
	if code, _ = call(t, staff, "GET", base+"/api/v1/followups?due_before=2030-01-01", ""); code != http.StatusOK {
		t.Errorf("followups: %d", code)
	}
	if code, _ = call(t, staff, "GET", base+"/laporan/impor", ""); code != http.StatusOK {
		t.Errorf("import page: %d", code)
	}
}

func upload(t *testing.T, c *http.Client, base, kind, body string) map[string]any {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/api/v1/imports?kind="+kind+"&name=uji.csv", bytes.NewReader([]byte(body)))
	req.Header.Set("Content-Type", "application/octet-stream")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var job map[string]any
	json.NewDecoder(res.Body).Decode(&job)
	res.Body.Close()
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("upload: %d %v", res.StatusCode, job)
	}
	return poll(t, c, base, fmt.Sprint(job["id"]))
}

// poll asks for an import job until it has ended.
func poll(t *testing.T, c *http.Client, base, id string) map[string]any {
	t.Helper()
	var job map[string]any
	for range 200 {
		_, out := call(t, c, "GET", base+"/api/v1/imports/"+id, "")
		json.Unmarshal([]byte(out), &job)
		if job["status"] == "done" || job["status"] == "failed" {
			return job
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("import job has not ended: %v", job)
	return nil
}

// has reports whether the JSON text out holds want, ignoring indentation.
func has(out, want string) bool {
	return strings.Contains(strings.Join(strings.Fields(out), ""), want)
}

func TestDealFormFlagsDuplicates(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := login(t, e.srv, dagang.UserStaff)
	s := e.story
	form := url.Values{"event_id": {fmt.Sprint(s.Mission2019.ID)}, "deal_date": {"2019-07-10"}, "direction": {"sell"},
		"business_id": {fmt.Sprint(s.Businesses["c6"].ID)}, "counterpart_id": {fmt.Sprint(s.Orgs["kaltim1"].ID)},
		"commodity_id": {fmt.Sprint(s.Commodities["beras"].ID)}, "value_idr": {"Rp1,5 miliar"}, "stage": {"indication"}}
	post := func(v url.Values) (int, string) {
		res, err := staff.PostForm(e.srv.URL+"/deals", v)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res.StatusCode, string(b)
	}
	if code, _ := post(form); code != http.StatusSeeOther {
		t.Fatalf("first deal: %d", code)
	}
	code, page := post(form)
	if code != http.StatusBadRequest || !strings.Contains(page, "kemungkinan duplikat") || !strings.Contains(page, `name="force"`) {
		t.Errorf("the same deal again: %d, want the form with the duplicate and the force box", code)
	}
	form.Set("force", "1")
	if code, _ := post(form); code != http.StatusSeeOther {
		t.Errorf("forced: %d", code)
	}
}

func TestCounterpartAnswersFromTheDealList(t *testing.T) {
	e := newDemoEnv(t, nil)
	cp := login(t, e.srv, dagang.UserCounterpart)
	code, page := call(t, cp, "GET", e.srv.URL+"/deals", "")
	if code != http.StatusOK || !strings.Contains(page, `value="rejected"`) {
		t.Fatalf("the counterpart's deal list offers no answer: %d", code)
	}
	_, out := call(t, cp, "GET", e.srv.URL+"/api/v1/deals", "")
	var own struct{ Items []dagang.Deal }
	json.Unmarshal([]byte(out), &own)
	if len(own.Items) == 0 {
		t.Fatal("no deals of the counterpart")
	}
	id := fmt.Sprint(own.Items[0].ID)
	// The list's form carries the deal's version; an answer to an older
	// version (the deal changed since the page was drawn) is refused and
	// changes nothing.
	if !strings.Contains(page, fmt.Sprintf(`action="/deals/%s/answer" class="inline"><input type="hidden" name="version" value="%d">`, id, own.Items[0].Version)) {
		t.Errorf("the answer form carries no version of deal %s", id)
	}
	version := fmt.Sprint(own.Items[0].Version)
	stale := fmt.Sprint(own.Items[0].Version + 1)
	res, err := cp.PostForm(e.srv.URL+"/deals/"+id+"/answer", url.Values{"answer": {"rejected"}, "version": {stale}, "confirmed": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusConflict && res.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("answer to a stale version: %d, want a conflict", res.StatusCode)
	}
	if _, out = call(t, cp, "GET", e.srv.URL+"/api/v1/deals/"+id, ""); has(out, `"confirmation":"rejected"`) {
		t.Errorf("a stale answer was stored: %s", out)
	}
	// A refusal is asked about first; the page posts the version again.
	res, err = cp.PostForm(e.srv.URL+"/deals/"+id+"/answer", url.Values{"answer": {"rejected"}, "version": {version}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(b), `id="confirm-what"`) || !strings.Contains(string(b), `name="version" value="`+version+`"`) {
		t.Errorf("a refusal without confirmation: %d", res.StatusCode)
	}
	if _, out = call(t, cp, "GET", e.srv.URL+"/api/v1/deals/"+id, ""); has(out, `"confirmation":"rejected"`) {
		t.Errorf("rejected before the confirmation: %s", out)
	}
	res, err = cp.PostForm(e.srv.URL+"/deals/"+id+"/answer", url.Values{"answer": {"rejected"}, "version": {version}, "confirmed": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("answer from the list: %d", res.StatusCode)
	}
	if _, out = call(t, cp, "GET", e.srv.URL+"/api/v1/deals/"+id, ""); !has(out, `"confirmation":"rejected"`) {
		t.Errorf("after the answer: %s", out)
	}
	staff := login(t, e.srv, dagang.UserStaff)
	if code, page = call(t, staff, "GET", e.srv.URL+"/deals", ""); code != http.StatusOK || strings.Contains(page, `value="rejected"`) {
		t.Errorf("staff see answer buttons: %d", code)
	}
	res, err = staff.PostForm(e.srv.URL+"/deals/"+id+"/answer", url.Values{"answer": {"confirmed"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("staff answering for the counterpart: %d, want 403", res.StatusCode)
	}
}
