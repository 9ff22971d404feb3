package web_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/web"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/access.txt from the route table")

// The role × route matrix. testdata/access.txt is the reviewed list of
// every route and its rule: a route added without a line there, or a line
// left after its route went, fails TestAccessTable (run with -update after
// a deliberate change and review the diff). TestAccessMatrix then visits
// every route as every role and checks the answer against the rule.

const (
	guardLogin = "silakan masuk terlebih dahulu"                         // guard: no user
	guardRole  = "Peran Anda tidak berhak membuka halaman atau data ini" // guard: role not in the rule
)

func accessTable(routes []web.Route) string {
	var b strings.Builder
	for _, r := range routes {
		fmt.Fprintf(&b, "%-7s %-50s %s\n", orAny(r.Method), r.Pattern, r.Rule)
	}
	return b.String()
}

func orAny(m string) string {
	if m == "" {
		return "*"
	}
	return m
}

func TestAccessTable(t *testing.T) {
	e := newDemoEnv(t, nil)
	got := accessTable(e.server.Routes())
	path := filepath.Join("testdata", "access.txt")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("routes and their rules differ from %s (-file +server); review, then run go test ./internal/web -run TestAccessTable -update:\n%s", path, diff)
	}
	// Every route goes through rt.route: routes.go never touches the mux.
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`\bmux\.|\.Handle\(|HandleFunc\(`).Find(src); m != nil {
		t.Errorf("routes.go registers a route around the rule table (%q)", m)
	}
	for _, r := range e.server.Routes() {
		if ok, _ := r.Rule.Allows(dagang.UserLeadership); ok && !r.Rule.Public && !r.Rule.Own && r.Method != "GET" && r.Method != "HEAD" {
			t.Errorf("%s %s: leadership is read-only", r.Method, r.Pattern)
		}
	}
}

// fixture names the records a scoped role owns and does not own.
type fixture struct {
	own, foreign string // the {id} path value
	// rid is the {rid} path value of the own case (a request the own
	// participation was asked), or its {pid} (the own participation).
	rid  string
	body string // JSON body for the own case, "" for "{}"
}

func scopeFixtures(t *testing.T, e *demoEnv) map[string]fixture {
	t.Helper()
	ctx := context.Background()
	s := e.story
	a1, d1 := e.story.Businesses[demo.DemoBusiness].ID, e.story.Businesses["d1"].ID
	org, otherOrg := s.Orgs[demo.DemoCounterpart].ID, s.Orgs["kaltim1"].ID
	deals, _, err := e.db.FindDeals(ctx, dagang.DealFilter{OfficeID: s.Office.ID, ListOptions: dagang.ListOptions{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	var bizDeal, otherBizDeal, orgDeal, otherOrgDeal int64
	for _, d := range deals {
		switch {
		case d.BusinessID == a1 && bizDeal == 0:
			bizDeal = d.ID
		case d.BusinessID != a1 && otherBizDeal == 0:
			otherBizDeal = d.ID
		}
		switch {
		case d.CounterpartID == org && orgDeal == 0:
			orgDeal = d.ID
		case d.CounterpartID != org && otherOrgDeal == 0:
			otherOrgDeal = d.ID
		}
	}
	ps, _, err := e.db.FindParticipations(ctx, dagang.ParticipationFilter{ListOptions: dagang.ListOptions{Limit: 500}})
	if err != nil {
		t.Fatal(err)
	}
	var app, otherApp, orgEvent, otherEvent, orgPart, otherOrgPart, bizEvent, otherBizEvent int64
	bizEvents := map[int64]bool{}
	for _, p := range ps {
		if p.BusinessID == a1 {
			bizEvents[p.EventID] = true
		}
		switch {
		case p.BusinessID == a1 && app == 0:
			app, bizEvent = p.ID, p.EventID
		case p.BusinessID != 0 && p.BusinessID != a1 && otherApp == 0:
			otherApp = p.ID
		}
		if p.OrganisationID == org && orgEvent == 0 {
			orgEvent, orgPart = p.EventID, p.ID
		}
		if p.OrganisationID != 0 && p.OrganisationID != org && otherOrgPart == 0 {
			otherOrgPart = p.ID
		}
	}
	for _, ev := range append(append([]*dagang.Event{}, s.Events...), s.Mission2019) {
		if ev.ID != orgEvent {
			otherEvent = ev.ID
		}
		if !bizEvents[ev.ID] {
			otherBizEvent = ev.ID
		}
	}
	id := func(v int64) string {
		if v == 0 {
			t.Fatal("demo data lacks a record for a scope fixture")
		}
		return fmt.Sprint(v)
	}
	// A request each own participation was asked, for the routes that
	// answer one: a request between other participants is not its own.
	// When the demo has none, another participant of the event asks.
	askedOf := func(pid int64) string {
		t.Helper()
		rs, _, err := e.db.FindMeetingRequests(ctx, dagang.MeetingFilter{ParticipationID: pid, ListOptions: dagang.ListOptions{Limit: 500}})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if r.ToID == pid {
				return fmt.Sprint(r.ID)
			}
		}
		var event int64
		for _, p := range ps {
			if p.ID == pid {
				event = p.EventID
			}
		}
		for _, p := range ps {
			if p.EventID == event && p.ID != pid {
				r := &dagang.MeetingRequest{EventID: event, FromID: p.ID, ToID: pid, Priority: 3}
				if err := e.db.CreateMeetingRequest(ctx, r); err != nil {
					t.Fatal(err)
				}
				return fmt.Sprint(r.ID)
			}
		}
		t.Fatalf("no other participant of event %d can ask participation %d", event, pid)
		return ""
	}
	return map[string]fixture{
		"own business":                                   {own: id(a1), foreign: id(d1)},
		"own organisation":                               {own: id(org), foreign: id(otherOrg)},
		"deal of own business":                           {own: id(bizDeal), foreign: id(otherBizDeal)},
		"deal with own organisation":                     {own: id(orgDeal), foreign: id(otherOrgDeal)},
		"event of own organisation":                      {own: id(orgEvent), foreign: id(otherEvent)},
		"application of own business":                    {own: id(app), foreign: id(otherApp), rid: askedOf(app)},
		"participation of own organisation":              {own: id(orgPart), foreign: id(otherOrgPart), rid: askedOf(orgPart)},
		"application of own business in the event":       {own: id(bizEvent), foreign: id(otherBizEvent), rid: id(app)},
		"participation of own organisation in the event": {own: id(orgEvent), foreign: id(otherEvent), rid: id(orgPart)},
		"deals of own business":                          {own: "1"},
		"deals with own organisation":                    {own: "1"},
		"applications of own business":                   {own: "1"},
		"events of own organisation":                     {own: "1"},
	}
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)(\.\.\.)?\}`)

// pathFor fills a pattern's parameters: id with the given value, rid with
// the given request (or 1 when empty), the others with a plausible value.
func pathFor(t *testing.T, pattern, id, rid string) string {
	t.Helper()
	switch pattern {
	case "/":
		return "/tidak-ada"
	case "/api/":
		return "/api/v1/tidak-ada"
	case "/static/":
		return "/static/app.css"
	}
	p := strings.TrimSuffix(pattern, "{$}")
	return pathParam.ReplaceAllStringFunc(p, func(m string) string {
		switch name := pathParam.FindStringSubmatch(m)[1]; name {
		case "id":
			return id
		case "code":
			return "63"
		case "rid":
			if rid != "" {
				return rid
			}
			return "1"
		case "pid":
			if rid != "" {
				return rid
			}
			return "1"
		case "doc", "mid", "token":
			return "1"
		default:
			t.Fatalf("%s: no test value for path parameter {%s}; add one to pathFor", pattern, name)
			return ""
		}
	})
}

type answer struct {
	status   int
	location string
	body     string
}

func visit(t *testing.T, c *http.Client, base, method, path, body string) answer {
	t.Helper()
	if method == "" {
		method = "GET"
	}
	var rd io.Reader
	if method != "GET" && method != "HEAD" {
		if body == "" {
			body = "{}"
		}
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return answer{res.StatusCode, res.Header.Get("Location"), string(b)}
}

func (a answer) deniedByGuard() bool {
	return (a.status == http.StatusSeeOther && strings.HasPrefix(a.location, "/login?next=")) ||
		(a.status == http.StatusUnauthorized && strings.Contains(a.body, guardLogin)) ||
		(a.status == http.StatusForbidden && strings.Contains(a.body, guardRole))
}

// hidByScope reports whether the answer is the scope's for record id of
// another party: a 404 worded exactly as for a record that does not exist.
func (a answer) hidByScope(id string) bool {
	return a.status == http.StatusNotFound && strings.Contains(a.body, " "+id+" tidak ditemukan")
}

func TestAccessMatrix(t *testing.T) {
	e := newDemoEnv(t, nil)
	fixtures := scopeFixtures(t, e)
	clients := map[dagang.UserRole]*http.Client{"": noRedirect()}
	for _, role := range web.AllRoles {
		clients[role] = login(t, e.srv, role)
	}
	roles := append([]dagang.UserRole{""}, web.AllRoles...)
	for _, r := range e.server.Routes() {
		safe := r.Method == "" || r.Method == "GET" || r.Method == "HEAD"
		// Changes go to a record that does not exist, so that visiting
		// does not alter the demo data the other visits rely on.
		id := "1"
		if !safe {
			id = "999999"
		}
		for _, role := range roles {
			name := fmt.Sprintf("%s %s as %s", orAny(r.Method), r.Pattern, orAny(string(role)))
			c := clients[role]
			ok, sc := r.Rule.Allows(role)
			if role == "" && !r.Rule.Public {
				ok = false
			}
			switch {
			case !ok:
				a := visit(t, c, e.srv.URL, r.Method, pathFor(t, r.Pattern, id, ""), "")
				if !a.deniedByGuard() {
					t.Errorf("%s: %d, want denied (rule %s)", name, a.status, r.Rule)
				}
				if role != "" && !strings.HasPrefix(r.Pattern, "/api/") && !strings.Contains(a.body, "<html") {
					t.Errorf("%s: a page route must answer with a page, got %.200s", name, a.body)
				}
			case sc == nil:
				if a := visit(t, c, e.srv.URL, r.Method, pathFor(t, r.Pattern, id, ""), ""); a.deniedByGuard() || a.status == http.StatusForbidden {
					t.Errorf("%s: %d, want allowed (rule %s): %.300s", name, a.status, r.Rule, a.body)
				}
			default:
				f, found := fixtures[sc.Name]
				if !found {
					t.Fatalf("%s: no fixture for scope %q; add one to scopeFixtures", name, sc.Name)
				}
				if a := visit(t, c, e.srv.URL, r.Method, pathFor(t, r.Pattern, f.own, f.rid), f.body); a.deniedByGuard() || a.hidByScope(f.own) || a.status == http.StatusForbidden {
					t.Errorf("%s, own record %s: %d, want allowed: %.300s", name, f.own, a.status, a.body)
				}
				if f.foreign != "" {
					a := visit(t, c, e.srv.URL, r.Method, pathFor(t, r.Pattern, f.foreign, ""), "")
					if !a.hidByScope(f.foreign) {
						t.Errorf("%s, another's record %s: %d, want 404 as for a missing record (scope %s): %.300s", name, f.foreign, a.status, sc.Name, a.body)
					}
					if !strings.HasPrefix(r.Pattern, "/api/") && !strings.Contains(a.body, "<html") {
						t.Errorf("%s, another's record: want a 404 page, got %.200s", name, a.body)
					}
					// The same route for a record that does not exist
					// answers the same way: the 404 tells nothing.
					if m := visit(t, c, e.srv.URL, r.Method, pathFor(t, r.Pattern, "999999", ""), ""); !m.hidByScope("999999") {
						t.Errorf("%s, missing record: %d, want the same 404 as for another's record: %.300s", name, m.status, m.body)
					}
				}
			}
			if r.Pattern == "/logout" && role != "" {
				clients[role] = login(t, e.srv, role)
			}
		}
	}
}
