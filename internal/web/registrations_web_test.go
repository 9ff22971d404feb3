package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// TestRegistrationQueue: staff see self-registrations with their likely
// duplicates; an unverified one cannot be approved until staff verify it
// by phone; approving makes the business, its account and its
// application at once; merging applies for the recorded business;
// rejecting needs a reason, which the applicant's message carries; every
// decision is audited and told to the applicant.
func TestRegistrationQueue(t *testing.T) {
	e := newOpenCallEnv(t, "sqlite")
	ctx := context.Background()
	mission := e.story.Mission2019
	office := mission.OfficeID
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	staff := login(t, e.srv, dagang.UserStaff)
	api := e.srv.URL + "/api/v1/registrations"

	// A business already recorded, which has not applied to the mission:
	// its self-registration is a duplicate by name and regency.
	applied := map[int64]bool{}
	ps, _, err := e.db.FindParticipations(ctx, dagang.ParticipationFilter{EventID: mission.ID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		applied[p.BusinessID] = true
	}
	var known *dagang.Business
	for _, k := range []string{"a1", "a2", "a3", "a4", "a5", "a6", "b1", "b2"} {
		if b := e.story.Businesses[k]; b != nil && !applied[b.ID] {
			known = b
			break
		}
	}
	if known == nil {
		t.Fatal("no recorded business outside the mission")
	}

	send := func(name, email, regency string) *dagang.Registration {
		t.Helper()
		v := registration(mission.ID, email)
		v.Set("name", name)
		v.Set("regency_code", regency)
		if code, _, page := postForm(t, anon, e.srv.URL+"/daftar", v); code != http.StatusSeeOther {
			t.Fatalf("register %s: %d\n%.2000s", name, code, page)
		}
		return findRegistration(t, e, email)
	}
	fresh := send("UD Telur Martapura Baru", "rahmah@telur.example", "63.03")
	dup := send(" "+strings.ToUpper(known.Name)+" ", "dup@telur.example", known.RegencyCode)
	rejected := send("UD Telur Palsu", "palsu@telur.example", "63.03")

	code, out := call(t, staff, "GET", api, "")
	var list struct {
		Items []*dagang.Registration `json:"items"`
		Total int                    `json:"total"`
	}
	if code != http.StatusOK || json.Unmarshal([]byte(out), &list) != nil || list.Total != 3+len(e.story.Registrations) {
		t.Fatalf("queue: %d %s", code, out)
	}
	demo := map[int64]bool{}
	for _, r := range e.story.Registrations {
		demo[r.ID] = true
	}
	for _, r := range list.Items {
		want := 0
		if r.ID == dup.ID || (demo[r.ID] && r.Name == e.story.Businesses["d6"].Name) {
			want = 1
		} else if demo[r.ID] {
			continue
		}
		if r.ID == dup.ID && (len(r.DuplicateOf) != 1 || r.DuplicateOf[0] != known.ID) || len(r.DuplicateOf) != want {
			t.Errorf("%s: duplicate_of %v, want %d", r.Name, r.DuplicateOf, want)
		}
	}
	if code, page := getPage(t, staff, e.srv.URL+"/pendaftaran"); code != http.StatusOK || !strings.Contains(page, "Kemungkinan duplikat") || !strings.Contains(page, "rahmah@telur.example") {
		t.Errorf("/pendaftaran: %d\n%.2000s", code, page)
	}
	if code, _ := getPage(t, anon, e.srv.URL+"/pendaftaran"); code != http.StatusSeeOther {
		t.Errorf("/pendaftaran without login: %d, want a redirect to the login", code)
	}

	decide := func(r *dagang.Registration, body string) (int, string) {
		t.Helper()
		return call(t, staff, "POST", fmt.Sprintf("%s/%d/decision", api, r.ID), body)
	}
	if code, out := decide(fresh, `{"action": "approve"}`); code != http.StatusBadRequest || !strings.Contains(out, `"field": "action"`) || !strings.Contains(out, "belum terverifikasi") {
		t.Errorf("approve before verification: %d %s", code, out)
	}
	if code, out := decide(rejected, `{"action": "reject"}`); code != http.StatusBadRequest || !strings.Contains(out, `"field": "reason"`) {
		t.Errorf("reject without a reason: %d %s", code, out)
	}
	for _, r := range []*dagang.Registration{fresh, dup} {
		if code, out := call(t, staff, "POST", fmt.Sprintf("%s/%d/verification", api, r.ID), `{"verified_by": "phone"}`); code != http.StatusOK || !strings.Contains(out, `"verified_by": "phone"`) {
			t.Fatalf("verify by phone: %d %s", code, out)
		}
	}

	code, out = decide(fresh, `{"action": "approve"}`)
	var got dagang.Registration
	if code != http.StatusOK || json.Unmarshal([]byte(out), &got) != nil || got.Status != dagang.RegistrationApproved || got.BusinessID == 0 {
		t.Fatalf("approve: %d %s", code, out)
	}
	b, err := e.db.FindBusinessByID(ctx, got.BusinessID)
	if err != nil || b.Name != "UD Telur Martapura Baru" || b.Email != "rahmah@telur.example" || b.WhatsApp != "6281251002233" || len(b.Products) != 1 {
		t.Errorf("approved business: %v %+v", err, b)
	}
	us, _, err := e.db.FindUsers(ctx, dagang.UserFilter{OfficeID: office, Role: dagang.UserBusiness, ListOptions: dagang.ListOptions{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	account := false
	for _, u := range us {
		account = account || (u.Email == "rahmah@telur.example" && u.BusinessID == b.ID)
	}
	if !account {
		t.Error("the approved business's contact has no account")
	}
	if code, out := decide(fresh, `{"action": "reject", "reason": "x"}`); code != http.StatusBadRequest || !strings.Contains(out, "sudah diputuskan") {
		t.Errorf("a second decision: %d %s", code, out)
	}

	if code, out := decide(dup, fmt.Sprintf(`{"action": "merge", "business_id": %d}`, known.ID)); code != http.StatusOK || !strings.Contains(out, `"status": "merged"`) {
		t.Fatalf("merge: %d %s", code, out)
	}
	if code, out := decide(rejected, `{"action": "reject", "reason": "Bukan usaha telur; hubungi dinas"}`); code != http.StatusOK || !strings.Contains(out, `"status": "rejected"`) {
		t.Fatalf("reject: %d %s", code, out)
	}

	ps, _, err = e.db.FindParticipations(ctx, dagang.ParticipationFilter{EventID: mission.ID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]dagang.ParticipationStatus{}
	for _, p := range ps {
		seen[p.BusinessID] = p.Status
	}
	if seen[b.ID] != dagang.ParticipationApplied || seen[known.ID] != dagang.ParticipationApplied {
		t.Errorf("applications: approved %q, merged %q; want both applied", seen[b.ID], seen[known.ID])
	}

	ns, _, err := e.db.FindNotifications(ctx, dagang.NotificationFilter{OfficeID: office, Kind: dagang.NotifyRegistrationDecided})
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{}
	for _, n := range ns {
		reasons[n.ToEmail] = n.Params["decision"] + ":" + n.Params["reason"]
	}
	want := map[string]string{"rahmah@telur.example": "approved:", "dup@telur.example": "merged:", "palsu@telur.example": "rejected:Bukan usaha telur; hubungi dinas"}
	for k, v := range want {
		if reasons[k] != v {
			t.Errorf("message to %s: %q, want %q", k, reasons[k], v)
		}
	}
	es, _, err := e.db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: office, Entity: "registration", ListOptions: dagang.ListOptions{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, a := range es {
		actions[a.Action]++
	}
	if actions["create"] != 3+len(e.story.Registrations) || actions["verify"] != 4 || actions["approve"] != 1 || actions["merge"] != 1 || actions["reject"] != 1 {
		t.Errorf("audit of registrations: %v", actions)
	}
	if code, page := getPage(t, staff, e.srv.URL+"/audit?entity=registration"); code != http.StatusOK || !strings.Contains(page, "Pendaftaran mandiri") {
		t.Errorf("audit page: %d", code)
	}
}
