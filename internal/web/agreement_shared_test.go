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
)

// TestSharedAgreementPages: the demo office's agreement with Kaltim is one
// record with Kaltim's office. Kaltim's staff find it in their list marked
// as shared, with Kalsel as the partner province, and sign it on its
// workflow page; both offices' pages then show it waiting for the demo
// office's signature. The demo office signs through the API with the
// version it read (a stale one gets 412), and both pages show it signed
// by both. Kaltim's leadership reads without the form; Bali's office gets
// 404; bad input is refused naming the field.
func TestSharedAgreementPages(t *testing.T) {
	e := newDemoEnv(t, nil)
	kaltim, _, clients := partnerOffices(t, e)
	as, _, err := e.db.FindAgreements(context.Background(), dagang.AgreementFilter{OfficeID: e.story.Office.ID, PartnerProvince: "64"})
	if err != nil || len(as) != 1 || as[0].PartnerOfficeID != kaltim.ID {
		t.Fatalf("the demo office's agreement with Kaltim: %+v, %v; want one, shared with Kaltim's office", as, err)
	}
	a := as[0]
	id := fmt.Sprint(a.ID)
	base := e.srv.URL
	staffK, leadK, staffBali := clients["kaltim"][dagang.UserStaff], clients["kaltim"][dagang.UserLeadership], clients["bali"][dagang.UserStaff]
	kalsel := login(t, e.srv, dagang.UserStaff)

	list := visit(t, staffK, base, "GET", "/agreements", "")
	if list.status != http.StatusOK || !strings.Contains(list.body, `href="/agreements/`+id+`"`) || !strings.Contains(list.body, `class="badge shared"`) || !strings.Contains(list.body, "Kalimantan Selatan") {
		t.Errorf("Kaltim's agreements list: %d %.500s", list.status, list.body)
	}
	if code, b := call(t, staffK, "GET", base+"/api/v1/agreements?partner_province_code=63", ""); code != http.StatusOK || !strings.Contains(b, `"total": 1`) || !strings.Contains(b, `"partner_office_id": `+fmt.Sprint(kaltim.ID)) {
		t.Errorf("Kaltim's agreements with Kalsel in the API: %d %.400s", code, b)
	}
	for _, path := range []string{"/agreements/" + id, "/api/v1/agreements/" + id, "/agreements/" + id + "/workflow"} {
		if b := visit(t, staffBali, base, "GET", path, ""); b.status != http.StatusNotFound {
			t.Errorf("Bali reads %s: %d, want 404", path, b.status)
		}
	}
	if code, _ := call(t, staffBali, "POST", base+"/api/v1/agreements/"+id+"/sign", `{"signatory":"x","signed_on":"2019-03-01"}`); code != http.StatusNotFound {
		t.Errorf("Bali signs the agreement: %d, want 404", code)
	}
	if w := visit(t, leadK, base, "GET", "/agreements/"+id+"/workflow", ""); w.status != http.StatusOK || strings.Contains(w.body, `action="/agreements/`+id+`/sign"`) {
		t.Errorf("Kaltim's leadership sees a signing form: %d", w.status)
	}

	// Kaltim signs on its workflow page.
	w := visit(t, staffK, base, "GET", "/agreements/"+id+"/workflow", "")
	if w.status != http.StatusOK || !strings.Contains(w.body, `action="/agreements/`+id+`/sign"`) || strings.Contains(w.body, `id="documents"`) {
		t.Fatalf("Kaltim's workflow page of the shared agreement: %d %.500s", w.status, w.body)
	}
	res, err := staffK.PostForm(base+"/agreements/"+id+"/sign", url.Values{"signatory": {"Kepala Disdag Kaltim"}, "signed_on": {"2019-03-28"}, "version": {fmt.Sprint(a.Version)}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("Kaltim's signature from the page: %d", res.StatusCode)
	}
	for who, c := range map[string]*http.Client{"Kaltim": staffK, "Kalsel": kalsel} {
		p := visit(t, c, base, "GET", "/agreements/"+id, "")
		if p.status != http.StatusOK || !strings.Contains(p.body, "Menunggu tanda tangan "+e.story.Office.Name) || !strings.Contains(p.body, "Kepala Disdag Kaltim") {
			t.Errorf("%s's page of the agreement signed by Kaltim only: %d %.600s", who, p.status, p.body)
		}
	}
	// The demo office signs through the API, from the version it read.
	if res, b := send(t, kalsel, "POST", base+"/api/v1/agreements/"+id+"/sign", `{"signatory":"Kepala Disdag Kalsel","signed_on":"2019-03-25"}`, "If-Match", fmt.Sprintf(`"%d"`, a.Version)); res.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("Kalsel signs the version before Kaltim's signature: %d %.300s", res.StatusCode, b)
	}
	for body, field := range map[string]string{`{"signed_on":"2019-03-25"}`: "signatory", `{"signatory":"Kepala Disdag Kalsel"}`: "signed_on"} {
		if code, b := call(t, kalsel, "POST", base+"/api/v1/agreements/"+id+"/sign", body); code != http.StatusBadRequest || !strings.Contains(b, `"`+field+`"`) {
			t.Errorf("signature %s: %d %.300s; want 400 naming %s", body, code, b, field)
		}
	}
	code, b := call(t, kalsel, "GET", base+"/api/v1/agreements/"+id, "")
	var cur dagang.Agreement
	if code != http.StatusOK || json.Unmarshal([]byte(b), &cur) != nil {
		t.Fatalf("read the agreement: %d %.300s", code, b)
	}
	res, b = send(t, kalsel, "POST", base+"/api/v1/agreements/"+id+"/sign", `{"signatory":"Kepala Disdag Kalsel","signed_on":"2019-03-25"}`, "If-Match", fmt.Sprintf(`"%d"`, cur.Version))
	if res.StatusCode != http.StatusOK || !strings.Contains(b, `"stage": "signed"`) || !strings.Contains(b, `"signed_on": "2019-03-28"`) {
		t.Fatalf("Kalsel's signature: %d %.400s", res.StatusCode, b)
	}
	for who, c := range map[string]*http.Client{"Kaltim": staffK, "Kalsel": kalsel} {
		p := visit(t, c, base, "GET", "/agreements/"+id, "")
		if p.status != http.StatusOK || !strings.Contains(p.body, "Ditandatangani kedua dinas") || !strings.Contains(p.body, "Kepala Disdag Kalsel") {
			t.Errorf("%s's page of the agreement signed by both: %d %.600s", who, p.status, p.body)
		}
	}
}
