package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// idAttrRE finds the attributes of a page whose values could carry an id.
var idAttrRE = regexp.MustCompile(`\s(href|src|action|value|id|for|name)="([^"]*)"`)

// TestPublicPagesLeakNothing renders the public pages of open calls in
// both languages for every state of an event (planned, open,
// delegation set, held, follow-up, closed) and fails on any contact of a
// business, partner, user or applicant, on any business's or applicant's
// name, and on any id but the public event's.
func TestPublicPagesLeakNothing(t *testing.T) {
	e := newOpenCallEnv(t, "sqlite")
	ctx := context.Background()
	office := e.story.Office.ID
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	mission := e.story.Mission2019

	// One applicant of the open call, so that its name and contact are
	// in the database as well.
	if code, _, page := postForm(t, anon, e.srv.URL+"/daftar", registration(mission.ID, "rahmah@telur.example")); code != http.StatusSeeOther {
		t.Fatalf("registration: %d\n%.2000s", code, page)
	}

	// What must never appear.
	var secrets []string
	add := func(ss ...string) {
		for _, s := range ss {
			if len(strings.TrimSpace(s)) >= 4 {
				secrets = append(secrets, s)
			}
		}
	}
	bs, _, err := e.db.FindBusinesses(ctx, dagang.BusinessFilter{OfficeID: office, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil || len(bs) == 0 {
		t.Fatalf("businesses: %v %d", err, len(bs))
	}
	for _, b := range bs {
		add(b.Name, b.Person, b.Email, b.Phone, b.WhatsApp, b.NIB)
	}
	orgs, _, err := e.db.FindOrganisations(ctx, dagang.OrganisationFilter{OfficeID: office, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		add(o.Person, o.Email, o.Phone, o.WhatsApp)
	}
	us, _, err := e.db.FindUsers(ctx, dagang.UserFilter{OfficeID: office, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		add(u.Email, u.Name)
	}
	rs, _, err := e.db.FindRegistrations(ctx, dagang.RegistrationFilter{OfficeID: office, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil || len(rs) == 0 {
		t.Fatalf("registrations: %v %d", err, len(rs))
	}
	for _, r := range rs {
		add(r.Name, r.Person, r.Email, r.WhatsApp, r.NIB, "0812-5100-2233")
	}
	forbidden := []string{"office_id", "business_id", "/businesses/", "/participations/", "/events/", "/pendaftaran", "mailto:", "wa.me"}

	// A planned event: not announced, so missing.
	planned := &dagang.Event{OfficeID: office, Kind: dagang.EventFair, Name: "Pameran Rahasia 2020", HostProvince: "73", StartsOn: dagang.MustDate("2020-03-01")}
	if err := e.db.CreateEvent(ctx, planned); err != nil {
		t.Fatal(err)
	}

	// check fails on what page must not show; the id of the page's own
	// address (a 404 names what was asked for) is its own.
	check := func(state, path string, page string, own int64) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(page, s) {
				t.Errorf("%s %s shows %q", state, path, s)
			}
		}
		for _, s := range forbidden {
			if strings.Contains(page, s) {
				t.Errorf("%s %s holds %q", state, path, s)
			}
		}
		if strings.Contains(page, planned.Name) {
			t.Errorf("%s %s names the planned event", state, path)
		}
		page = strings.ReplaceAll(page, e.srv.URL, "")
		id := `(` + strconv.FormatInt(mission.ID, 10) + `|` + strconv.FormatInt(own, 10) + `)`
		// A form token is the time the form was served and a signature.
		allowed := regexp.MustCompile(`^(/terbuka(/` + id + `)?|/daftar(\?event=` + id + `)?|/daftar|` + id + `|call-` + id +
			`|[0-9]{2}\.[0-9]{2}|[0-9]{10}\.[A-Za-z0-9_-]{24}|products\[[0-9]\]\.[a-z_]+|f-products-[0-9]-[a-z-]+)((\?|&amp;)lang=(id|en))?$`)
		for _, m := range idAttrRE.FindAllStringSubmatch(page, -1) {
			v := m[2]
			if !strings.ContainsAny(v, "0123456789") || strings.HasPrefix(v, "/static/") {
				continue
			}
			if u, err := url.Parse(v); err == nil && u.Path == "/terbuka" && u.RawQuery == "" {
				continue
			}
			if !allowed.MatchString(v) {
				t.Errorf("%s %s: %s=%q may be an internal id", state, path, m[1], v)
			}
		}
	}
	render := func(state string) {
		t.Helper()
		paths := []string{"/terbuka", "/terbuka/" + strconv.FormatInt(mission.ID, 10)}
		if state == string(dagang.EventOpen) {
			paths = append(paths, "/daftar?event="+strconv.FormatInt(mission.ID, 10))
		}
		for _, p := range paths {
			for _, lang := range []string{"id", "en"} {
				code, page := getPage(t, anon, e.srv.URL+p+"&lang="+lang)
				if !strings.Contains(p, "?") {
					code, page = getPage(t, anon, e.srv.URL+p+"?lang="+lang)
				}
				if code != http.StatusOK {
					t.Fatalf("%s %s (%s): %d", state, p, lang, code)
				}
				check(state, p+" ("+lang+")", page, mission.ID)
			}
		}
		if code, page := getPage(t, anon, e.srv.URL+"/terbuka/"+strconv.FormatInt(planned.ID, 10)); code != http.StatusNotFound {
			t.Errorf("a planned event's public page: %d, want 404", code)
		} else {
			check(state, "planned", page, planned.ID)
		}
	}
	render(string(dagang.EventOpen))
	for _, to := range []dagang.EventStatus{dagang.EventDelegationSet, dagang.EventHeld, dagang.EventFollowUp, dagang.EventClosed} {
		if to == dagang.EventDelegationSet {
			// Choose the delegation as staff do: its names are then
			// decided, and still not shown.
			staff := login(t, e.srv, dagang.UserStaff)
			if code, out := call(t, staff, "POST", e.srv.URL+"/api/v1/events/"+strconv.FormatInt(mission.ID, 10)+"/delegation", ""); code != http.StatusOK {
				t.Fatalf("set the delegation: %d %s", code, out)
			}
		} else if _, err := e.db.MoveEvent(ctx, office, mission.ID, 0, to); err != nil {
			t.Fatalf("move to %s: %v", to, err)
		}
		render(string(to))
	}
}
