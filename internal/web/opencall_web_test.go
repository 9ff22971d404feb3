package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
	"github.com/dagang/dagang/internal/web"
)

// atOpenCall runs the server as the demo does: on the office's day of
// its story (the 2019 mission to Kaltim takes applications until 10 June
// 2019), with the real wall clock; a form may be sent as soon as it is
// served.
func atOpenCall(c *web.Config) {
	c.Today = func() dagang.Date { return demo.StoryDay }
	c.FormFillTime = -1
}

// newOpenCallEnv is the demo server on the story's day.
func newOpenCallEnv(t testing.TB, backend string) *demoEnv {
	return newDemoEnvWith(t, backend, store.Options{}, atOpenCall)
}

// getPage fetches a page without a session.
func getPage(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// postForm posts a form without a session and returns the status, the
// redirect's target and the page.
func postForm(t *testing.T, c *http.Client, u string, v url.Values) (int, string, string) {
	t.Helper()
	if strings.HasSuffix(u, "/daftar") && !v.Has("form_token") {
		v = withFormToken(t, c, u+"?event="+v.Get("event_id"), v)
	}
	res, err := c.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

var formToken = regexp.MustCompile(`name="form_token" value="([^"]+)"`)

// withFormToken is v with the token of the form served at page, as a
// visitor's browser sends it.
func withFormToken(t testing.TB, c *http.Client, page string, v url.Values) url.Values {
	t.Helper()
	res, err := c.Get(page)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := formToken.FindSubmatch(b)
	if m == nil {
		t.Fatalf("%s: %d, no form token", page, res.StatusCode)
	}
	out := url.Values{"form_token": {string(m[1])}}
	for k, vs := range v {
		out[k] = vs
	}
	return out
}

// registration is a filled /daftar form of an egg farm of Banjar for
// event: Kaltim needs eggs.
func registration(event int64, email string) url.Values {
	return url.Values{"event_id": {strconv.FormatInt(event, 10)}, "role": {"matching"}, "name": {"UD Telur Martapura Baru"},
		"regency_code": {"63.03"}, "size_class": {"mikro"}, "nib": {""},
		"products[0].commodity_id": {"telur"}, "products[0].monthly_capacity": {"5000"}, "products[0].unit": {"kg"},
		"contact_name": {"Ibu Rahmah"}, "email": {email}, "whatsapp": {"0812-5100-2233"}}
}

// TestOpenCallRegistration: a visitor without an account reads the open
// mission, is refused with the field named when the form is wrong or the
// business not eligible (nothing stored), registers, and confirms the
// e-mail address by the signed link of the outbox's message.
func TestOpenCallRegistration(t *testing.T) {
	e := newOpenCallEnv(t, "sqlite")
	ctx := context.Background()
	mission := e.story.Mission2019
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	base := e.srv.URL

	code, page := getPage(t, anon, base+"/terbuka")
	for _, want := range []string{mission.Name, `<meta name="description"`, `<link rel="canonical" href="` + base + `/terbuka"`, `href="/daftar?event=` + strconv.FormatInt(mission.ID, 10) + `"`, "10 Juni 2019"} {
		if code != http.StatusOK || !strings.Contains(page, want) {
			t.Fatalf("/terbuka: %d, no %q in\n%.2000s", code, want, page)
		}
	}
	eventPage := base + "/terbuka/" + strconv.FormatInt(mission.ID, 10)
	if code, page := getPage(t, anon, eventPage+"?lang=en"); code != http.StatusOK || !strings.Contains(page, "How the delegation is chosen") || !strings.Contains(page, "at most 2 businesses from one regency") {
		t.Fatalf("/terbuka/{id} in English: %d\n%.3000s", code, page)
	}
	if code, page := getPage(t, anon, base+"/daftar?event="+strconv.FormatInt(mission.ID, 10)); code != http.StatusOK || !strings.Contains(page, "telur ayam ras ★") {
		t.Fatalf("/daftar: %d\n%.3000s", code, page)
	}

	demoRegistrations := len(e.story.Registrations)
	count := func() int {
		t.Helper()
		_, n, err := e.db.FindRegistrations(ctx, dagang.RegistrationFilter{OfficeID: mission.OfficeID})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	refusals := []struct {
		name  string
		edit  func(url.Values)
		field string // the id of the field whose error is shown
		want  string
	}{
		{"no name", func(v url.Values) { v.Set("name", "") }, "name-err", "nama usaha wajib diisi"},
		{"bad e-mail", func(v url.Values) { v.Set("email", "rahmah@") }, "email-err", "alamat email tidak valid"},
		{"not a WhatsApp number", func(v url.Values) { v.Set("whatsapp", "021-555") }, "whatsapp-err", "nomor WhatsApp"},
		{"regency of another province", func(v url.Values) { v.Set("regency_code", "64.72") }, "regency_code-err", "tidak berada di provinsi dinas"},
		{"capacity not a number", func(v url.Values) { v.Set("products[0].monthly_capacity", "banyak") }, "products[0].monthly_capacity-err", "harus angka"},
		{"unknown commodity", func(v url.Values) { v.Set("products[0].commodity_id", "uranium") }, "products[0].commodity_id-err", "pilihan tidak valid"},
		{"no product the host needs", func(v url.Values) { v.Set("products[0].commodity_id", "jagung") }, "products-err", "tidak memenuhi syarat"},
	}
	for _, tc := range refusals {
		v := registration(mission.ID, "rahmah@telur.example")
		tc.edit(v)
		code, _, page := postForm(t, anon, base+"/daftar", v)
		if code != http.StatusBadRequest || !strings.Contains(page, `id="`+strings.ReplaceAll(strings.ReplaceAll(tc.field, "[", "-"), "]", "")) && !strings.Contains(page, tc.want) {
			t.Errorf("%s: %d, want 400 with %s", tc.name, code, tc.field)
		}
		if !strings.Contains(page, tc.want) {
			t.Errorf("%s: the page does not say %q:\n%.3000s", tc.name, tc.want, page)
		}
	}
	if n := count(); n != demoRegistrations {
		t.Fatalf("%d registrations stored after refusals, want the demo's %d", n, demoRegistrations)
	}

	code, next, page := postForm(t, anon, base+"/daftar", registration(mission.ID, "Rahmah@Telur.example"))
	if code != http.StatusSeeOther || !strings.HasPrefix(next, "/daftar/terkirim") {
		i := strings.Index(page, "error-summary")
		t.Fatalf("registration: %d %q\n%.600s", code, next, page[max(i, 0):])
	}
	if code, _, page := postForm(t, anon, base+"/daftar", registration(mission.ID, "rahmah@telur.example")); code != http.StatusConflict || !strings.Contains(page, "sudah mendaftar") {
		t.Errorf("the same registration twice: %d\n%.2000s", code, page)
	}
	reg := findRegistration(t, e, "rahmah@telur.example")
	if reg.Status != dagang.RegistrationPending || reg.VerifiedBy != "" || reg.Email != "rahmah@telur.example" || reg.WhatsApp != "6281251002233" || reg.EventID != mission.ID || len(reg.Products) != 1 || reg.Products[0].MonthlyCapacity != 5000 {
		t.Errorf("stored %+v", reg)
	}
	link := verifyPath(t, e, "rahmah@telur.example")
	tampered := strings.Replace(link, "r="+strconv.FormatInt(reg.ID, 10), "r="+strconv.FormatInt(reg.ID+1, 10), 1)
	if code, _ := getPage(t, anon, base+tampered); code != http.StatusBadRequest {
		t.Errorf("a tampered link: %d, want 400", code)
	}
	code, page = getPage(t, anon, base+link)
	if code != http.StatusOK || !strings.Contains(page, "Memenuhi syarat") || !strings.Contains(page, "telur ayam ras (5.000 kg per bulan)") {
		i := strings.Index(page, "<main")
		t.Fatalf("verification link: %d\n%.1000s", code, page[max(i, 0):])
	}
	got, err := e.db.FindRegistrationByID(ctx, reg.ID)
	if err != nil || got.VerifiedBy != dagang.VerifiedByEmail {
		t.Errorf("after the link: %v %+v", err, got)
	}
}

// findRegistration returns the registration of the demo's office with
// e-mail address email.
func findRegistration(t testing.TB, e *demoEnv, email string) *dagang.Registration {
	t.Helper()
	rs, _, err := e.db.FindRegistrations(context.Background(), dagang.RegistrationFilter{OfficeID: e.story.Office.ID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Email == email {
			return r
		}
	}
	t.Fatalf("no registration of %s", email)
	return nil
}

// verifyPath is the link of the one e-mail the outbox holds to confirm
// address email.
func verifyPath(t testing.TB, e *demoEnv, email string) string {
	t.Helper()
	ns, _, err := e.db.FindNotifications(context.Background(), dagang.NotificationFilter{OfficeID: e.story.Office.ID, Kind: dagang.NotifyEmailVerify, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, n := range ns {
		if n.ToEmail == email {
			paths = append(paths, n.Params["path"])
		}
	}
	if len(paths) != 1 {
		t.Fatalf("%d messages to confirm %s, want 1", len(paths), email)
	}
	return paths[0]
}
