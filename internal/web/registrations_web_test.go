package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/notify"
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
	// The contact sets their own password through the link of the
	// decision's message, once, and logs in with it.
	link := ""
	ns, _, err := e.db.FindNotifications(ctx, dagang.NotificationFilter{OfficeID: office, Kind: dagang.NotifyRegistrationDecided})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range ns {
		if n.ToEmail == "rahmah@telur.example" {
			link = n.Params["path"]
			if m := notify.Render(n, e.srv.URL); !strings.Contains(m.Body, "Atur kata sandi Anda sendiri") || !strings.Contains(m.Body, e.srv.URL+link) {
				t.Errorf("the approval's message:\n%s", m.Body)
			}
		}
	}
	if !strings.HasPrefix(link, "/kata-sandi?token=") {
		t.Fatalf("no link to set the password in the approval's message: %q", link)
	}
	setPasswordByLink(t, e.srv.URL, link, "telur-martapura-2019")
	if code, _ := getPage(t, anon, e.srv.URL+link); code != http.StatusNotFound {
		t.Errorf("the spent link: %d, want 404", code)
	}
	if code, _, _ := postForm(t, anon, e.srv.URL+"/kata-sandi", url.Values{"token": {strings.TrimPrefix(link, "/kata-sandi?token=")}, "password": {"orang-lain-2019"}, "password_again": {"orang-lain-2019"}}); code != http.StatusNotFound {
		t.Errorf("the spent link used again: %d, want 404", code)
	}
	jar, _ := cookiejar.New(nil)
	owner := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if code, where, _ := postForm(t, owner, e.srv.URL+"/login", url.Values{"email": {"rahmah@telur.example"}, "password": {"telur-martapura-2019"}, "next": {"/"}}); code != http.StatusSeeOther || where != "/" {
		t.Errorf("login with the password set by the link: %d %s", code, where)
	}

	if code, out := decide(fresh, `{"action": "reject", "reason": "x"}`); code != http.StatusConflict || !strings.Contains(out, "sudah diputuskan") {
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

	ns, _, err = e.db.FindNotifications(ctx, dagang.NotificationFilter{OfficeID: office, Kind: dagang.NotifyRegistrationDecided})
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

// TestRegistrationDecisionRefused: a decision the office refuses on
// /pendaftaran (a rejection without a reason, a merge without the
// recorded business, an approval before the contact is verified, a
// decision on a registration decided meanwhile) draws the queue again
// with a 4xx and the message beside the field as the form named it;
// nothing is written. The API refuses the same naming the field. Two
// staff deciding one registration at once: one decision stands, the
// other is told, on the page and through the API, and nothing is lost.
func TestRegistrationDecisionRefused(t *testing.T) {
	e := newOpenCallEnv(t, "sqlite")
	ctx := context.Background()
	mariana, fahmi, rusdi := e.story.Registrations[0], e.story.Registrations[1], e.story.Registrations[2]
	if mariana.VerifiedBy == "" || fahmi.VerifiedBy != "" || rusdi.VerifiedBy == "" || len(rusdi.DuplicateOf) != 1 {
		t.Fatalf("the demo's queue changed: %+v %+v %+v", mariana, fahmi, rusdi)
	}
	staff := login(t, e.srv, dagang.UserStaff)
	admin := login(t, e.srv, dagang.UserAdmin)
	office := mariana.OfficeID
	written := func() string {
		t.Helper()
		as, _, err := e.db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: office, Entity: "registration", ListOptions: dagang.ListOptions{Limit: 100}})
		if err != nil {
			t.Fatal(err)
		}
		ns, _, err := e.db.FindNotifications(ctx, dagang.NotificationFilter{OfficeID: office, Kind: dagang.NotifyRegistrationDecided})
		if err != nil {
			t.Fatal(err)
		}
		_, n, err := e.db.FindBusinesses(ctx, dagang.BusinessFilter{OfficeID: office})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%d audit entries, %d decisions told, %d businesses", len(as), len(ns), n)
	}
	decide := func(c *http.Client, r *dagang.Registration, v url.Values) (int, string) {
		t.Helper()
		code, _, page := postForm(t, c, fmt.Sprintf("%s/pendaftaran/%d/keputusan", e.srv.URL, r.ID), v)
		return code, page
	}
	version := func(r *dagang.Registration) string { return strconv.FormatInt(r.Version, 10) }
	before := written()
	for _, c := range []struct {
		name          string
		r             *dagang.Registration
		v             url.Values
		element, want string
	}{
		{"reject without a reason", fahmi, url.Values{"action": {"reject"}, "reason": {"  "}, "version": {version(fahmi)}}, "reason", "alasan penolakan wajib diisi"},
		{"merge without the recorded business", rusdi, url.Values{"action": {"merge"}, "business_id": {""}, "version": {version(rusdi)}}, "merge", "pilih pelaku usaha yang sudah tercatat"},
		{"merge of a registration without likely duplicates", fahmi, url.Values{"action": {"merge"}, "version": {version(fahmi)}}, "merge", "pilih pelaku usaha yang sudah tercatat"},
		{"merge with another office's business", rusdi, url.Values{"action": {"merge"}, "business_id": {"99999"}, "version": {version(rusdi)}}, "merge", "tidak tercatat di dinas ini"},
		{"approve before verification", fahmi, url.Values{"action": {"approve"}, "version": {version(fahmi)}}, "decision", "belum terverifikasi"},
	} {
		code, page := decide(staff, c.r, c.v)
		field := fmt.Sprintf(`id="%s-%d-err">`, c.element, c.r.ID)
		beside, _, _ := strings.Cut(page[strings.Index(page, field)+1:], "</p>")
		if code != http.StatusBadRequest || !strings.Contains(page, field) || !strings.Contains(beside, c.want) ||
			!strings.Contains(page, fmt.Sprintf(`href="#%s-%d"`, c.element, c.r.ID)) || !strings.Contains(page, fmt.Sprintf(`id="%s-%d"`, c.element, c.r.ID)) {
			t.Errorf("%s: %d, want 400 with %q beside %s\n%.3000s", c.name, code, c.want, field, page)
		}
		if got, err := e.db.FindRegistrationByID(ctx, c.r.ID); err != nil || got.Status != dagang.RegistrationPending || got.Version != c.r.Version {
			t.Errorf("%s: the registration changed: %v %+v", c.name, err, got)
		}
	}
	// What was typed stays in the form.
	if _, page := decide(staff, fahmi, url.Values{"action": {"merge"}, "reason": {"Tidak menjawab telepon"}, "version": {version(fahmi)}}); !strings.Contains(page, ">Tidak menjawab telepon</textarea>") {
		t.Errorf("the typed reason is lost:\n%.3000s", page)
	}
	if after := written(); after != before {
		t.Fatalf("refused decisions wrote: %s, was %s", after, before)
	}

	// Two staff at once on the page: both read the same version; the
	// first decision stands, the second is told on the card.
	if code, page := decide(staff, mariana, url.Values{"action": {"approve"}, "version": {version(mariana)}}); code != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%.2000s", code, page)
	}
	decided := written()
	code, page := decide(admin, mariana, url.Values{"action": {"reject"}, "reason": {"Bukan usaha telur"}, "version": {version(mariana)}})
	card := fmt.Sprintf(`id="registration-%d"`, mariana.ID)
	if code != http.StatusConflict || !strings.Contains(page, card) || !strings.Contains(page[strings.Index(page, card):], "sudah diubah orang lain") {
		t.Errorf("the second decision of two: %d, want 409 told on the card\n%.3000s", code, page)
	}
	// Sent again without a version, it is told the registration is decided.
	code, page = decide(admin, mariana, url.Values{"action": {"reject"}, "reason": {"Bukan usaha telur"}})
	if code != http.StatusConflict || !strings.Contains(page, fmt.Sprintf(`href="#decision-%d"`, mariana.ID)) || !strings.Contains(page, "sudah diputuskan (Disetujui)") {
		t.Errorf("a decision on a decided registration: %d\n%.3000s", code, page)
	}
	if got, err := e.db.FindRegistrationByID(ctx, mariana.ID); err != nil || got.Status != dagang.RegistrationApproved || got.Reason != "" {
		t.Errorf("the first decision was lost: %v %+v", err, got)
	}
	if after := written(); after != decided {
		t.Errorf("the refused second decision wrote: %s, was %s", after, decided)
	}

	// The API: the same refusals naming the field.
	api := fmt.Sprintf("%s/api/v1/registrations/%%d/decision", e.srv.URL)
	for _, c := range []struct {
		r          *dagang.Registration
		body       string
		code       int
		field, msg string
	}{
		{fahmi, `{"action": "reject"}`, http.StatusBadRequest, "reason", "wajib diisi"},
		{rusdi, `{"action": "merge"}`, http.StatusBadRequest, "business_id", "pilih pelaku usaha"},
		{rusdi, `{"action": "keep"}`, http.StatusBadRequest, "action", "approve, merge atau reject"},
		{mariana, `{"action": "reject", "reason": "x"}`, http.StatusConflict, "action", "sudah diputuskan"},
	} {
		code, out := call(t, staff, "POST", fmt.Sprintf(api, c.r.ID), c.body)
		if code != c.code || !strings.Contains(out, `"field": "`+c.field+`"`) || !strings.Contains(out, c.msg) {
			t.Errorf("%s on %d: %d %s, want %d naming %s", c.body, c.r.ID, code, out, c.code, c.field)
		}
	}
	if after := written(); after != decided {
		t.Errorf("refused API decisions wrote: %s, was %s", after, decided)
	}

	// Two staff at once through the API, each with the ETag it read: one
	// decision stands, the other gets 412 with the registration as it is.
	if code, out := call(t, staff, "POST", fmt.Sprintf("%s/api/v1/registrations/%d/verification", e.srv.URL, fahmi.ID), `{"verified_by": "phone"}`); code != http.StatusOK {
		t.Fatalf("verify: %d %s", code, out)
	}
	cur, err := e.db.FindRegistrationByID(ctx, fahmi.ID)
	if err != nil {
		t.Fatal(err)
	}
	bodies := []string{`{"action": "approve"}`, `{"action": "reject", "reason": "Kapasitas belum cukup"}`}
	codes := make([]int, 2)
	var wg sync.WaitGroup
	for i, c := range []*http.Client{staff, admin} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", fmt.Sprintf(api, fahmi.ID), strings.NewReader(bodies[i]))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("If-Match", `"`+strconv.FormatInt(cur.Version, 10)+`"`)
			res, err := c.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			codes[i] = res.StatusCode
		}()
	}
	wg.Wait()
	won := slices.Index(codes, http.StatusOK)
	if won < 0 || codes[1-won] != http.StatusPreconditionFailed {
		t.Fatalf("two decisions at once: %v, want one 200 and one 412", codes)
	}
	got, err := e.db.FindRegistrationByID(ctx, fahmi.ID)
	want := []dagang.RegistrationStatus{dagang.RegistrationApproved, dagang.RegistrationRejected}[won]
	if err != nil || got.Status != want || got.Version != cur.Version+1 {
		t.Errorf("after two decisions at once: %v %+v, want %s", err, got, want)
	}
	ns, _, err := e.db.FindNotifications(ctx, dagang.NotificationFilter{OfficeID: office, Kind: dagang.NotifyRegistrationDecided})
	if err != nil {
		t.Fatal(err)
	}
	told := 0
	for _, n := range ns {
		if n.ToEmail == fahmi.Email {
			told++
		}
	}
	if told != 1 {
		t.Errorf("the applicant was told %d decisions", told)
	}
}

// setPasswordByLink follows a link to set a password (path) as its owner
// does, without a session: the form names the account; two different
// passwords and a short one are refused by their fields, and nothing is
// echoed back; then password is set.
func setPasswordByLink(t *testing.T, base, path, password string) {
	t.Helper()
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	code, page := getPage(t, anon, base+path)
	token := strings.TrimPrefix(path, "/kata-sandi?token=")
	if code != http.StatusOK || !strings.Contains(page, `name="token" value="`+token+`"`) {
		t.Fatalf("%s: %d\n%.2000s", path, code, page)
	}
	for _, c := range []struct{ password, again, field string }{
		{password, password + "x", "password_again"},
		{"pendek", "pendek", "password"},
	} {
		code, _, page := postForm(t, anon, base+"/kata-sandi", url.Values{"token": {token}, "password": {c.password}, "password_again": {c.again}})
		if code != http.StatusBadRequest || !strings.Contains(page, `id="f-`+strings.ReplaceAll(c.field, "_", "-")+`-err"`) || strings.Contains(page, c.password) {
			t.Errorf("%s refused: %d\n%.2000s", c.field, code, page)
		}
	}
	code, _, page = postForm(t, anon, base+"/kata-sandi", url.Values{"token": {token}, "password": {password}, "password_again": {password}})
	if code != http.StatusOK || !strings.Contains(page, `id="password-set"`) {
		t.Fatalf("set the password: %d\n%.2000s", code, page)
	}
}
