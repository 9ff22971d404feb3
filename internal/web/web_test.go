package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/demo/demotest"
	"github.com/dagang/dagang/internal/importer"
	"github.com/dagang/dagang/internal/jobs"
	"github.com/dagang/dagang/internal/store"
	"github.com/dagang/dagang/internal/web"
)

// newDemoServer starts the real handler on the demo story over SQLite.
func newDemoServer(t *testing.T) (*httptest.Server, *demo.Story) {
	t.Helper()
	e := newDemoEnv(t, nil)
	return e.srv, e.story
}

// demoEnv is a running demo server with its database.
type demoEnv struct {
	srv    *httptest.Server
	story  *demo.Story
	db     *store.DB
	server *web.Server
}

// demoDB is the demo story, built once for the package's tests and copied
// for each (internal/demo/demotest).
var demoDB demotest.Template

// newDemoEnv starts the real handler on the demo story over SQLite, with
// the demo users; configure, when not nil, adjusts the configuration.
func newDemoEnv(t testing.TB, configure func(*web.Config)) *demoEnv {
	t.Helper()
	return newDemoEnvOn(t, "sqlite", configure)
}

// newDemoEnvOn is newDemoEnv on backend, "sqlite" or "postgres" (skipped
// or failed as internal/pgtest says when PostgreSQL is missing).
func newDemoEnvOn(t testing.TB, backend string, configure func(*web.Config)) *demoEnv {
	t.Helper()
	return newDemoEnvWith(t, backend, store.Options{}, configure)
}

// newDemoEnvWith is newDemoEnvOn with the store's options (its clock).
func newDemoEnvWith(t testing.TB, backend string, opt store.Options, configure func(*web.Config)) *demoEnv {
	t.Helper()
	ctx := context.Background()
	db, story := demoDB.Open(t, backend, opt)
	// The job runner serve owns, polling often for the tests.
	runner := &jobs.Runner{Queue: db, Poll: 20 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Handlers: map[string]jobs.Handler{importer.JobKind: importer.JobHandler(db)}}
	runner.Start(ctx)
	t.Cleanup(runner.Stop)
	cfg := web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), WakeJobs: runner.Wake}
	if configure != nil {
		configure(&cfg)
	}
	h, err := web.New(cfg, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.CreateUsers(ctx, db, story); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(validatingHandler(t, h))
	t.Cleanup(srv.Close)
	return &demoEnv{srv: srv, story: story, db: db, server: h}
}

// login returns a client with a session of the demo user of role.
func login(t testing.TB, srv *httptest.Server, role dagang.UserRole) *http.Client {
	t.Helper()
	for _, c := range demo.Users {
		if c.Role != role {
			continue
		}
		jar, _ := cookiejar.New(nil)
		client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := client.PostForm(srv.URL+"/login", url.Values{"email": {c.Email}, "password": {c.Password}, "next": {"/"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("login as %s: status %d", role, res.StatusCode)
		}
		return client
	}
	t.Fatalf("no demo user with role %s", role)
	return nil
}

func TestRoutes(t *testing.T) {
	srv, _ := newDemoServer(t)
	staff := login(t, srv, dagang.UserStaff)
	tests := []struct {
		name       string
		path       string
		wantStatus int
		wantType   string
		contains   []string
	}{
		{"health", "/healthz", 200, "application/json", []string{`"status": "ok"`}},
		{"dashboard", "/", 200, "text/html", []string{"Rp119 miliar", "3 kegiatan", "Jawa Timur", "Kalimantan Timur", "contoh", "Rp119.000.000.000"}},
		{"dashboard 2019 targets", "/?year=2019", 200, "text/html", []string{"Target 2019", "Dua provinsi mitra baru"}},
		{"dashboard bad year", "/?year=dua", 400, "text/html", []string{"year"}},
		{"page: agreements board", "/agreements?view=board", 200, "text/html", []string{"Potensial", "Aktif", "Jawa Timur"}},
		{"page: commodities", "/commodities?stage=raw", 200, "text/html", []string{"Jagung pipilan", "010594"}},
		{"page: businesses", "/businesses?size_class=kecil&sort=-name", 200, "text/html", []string{"Kecil", `aria-sort="descending"`}},
		{"page: businesses bad filter", "/businesses?commodity_id=x", 400, "text/html", []string{"commodity_id"}},
		{"page: events", "/events?kind=trade_mission", 200, "text/html", []string{"Misi Dagang"}},
		{"page: deals", "/deals?province_code=34", 200, "text/html", []string{"Menampilkan 1–6 dari 6"}},
		{"page: deal form", "/deals/new", 200, "text/html", []string{`name="value_idr"`}},
		{"page: audit", "/audit?entity=deal&limit=5", 200, "text/html", []string{`rel="next"`}},
		{"page: province map", "/geo/provinces.geojson", 200, "application/geo+json", []string{`"code":"64"`}},
		{"static js", "/static/app.js", 200, "text/javascript", []string{"data-chart"}},
		{"unknown page", "/tidak-ada", 404, "text/html", []string{"Tidak ditemukan"}},
		{"static css", "/static/app.css", 200, "text/css", []string{":root"}},
		{"summary", "/api/v1/reports/summary", 200, "application/json", []string{`"events": 3`, `"transactions_idr": 119000000000`, `"transactions_text": "Rp119 miliar"`, `"businesses_reached": 27`}},
		{"summary 2016", "/api/v1/reports/summary?year=2016", 200, "application/json", []string{`"events": 1`, `"transactions_idr": 35500000000`}},
		{"provinces", "/api/v1/provinces", 200, "application/json", []string{`"total": 38`, `"short_name": "Kalsel"`}},
		{"province", "/api/v1/provinces/64", 200, "application/json", []string{`"name": "Kalimantan Timur"`}},
		{"unknown province", "/api/v1/provinces/99", 404, "application/json", []string{`"code": "not_found"`}},
		{"regencies of Kalsel", "/api/v1/regencies?province_code=63", 200, "application/json", []string{`"total": 13`}},
		{"regency", "/api/v1/regencies/63.03", 200, "application/json", []string{"Kabupaten Banjar"}},
		{"commodities", "/api/v1/commodities?hs_code=10", 200, "application/json", []string{`"slug": "beras"`, `"slug": "jagung"`}},
		{"commodity with inputs", "/api/v1/commodities/3", 200, "application/json", []string{`"use": "pakan ternak ayam"`}},
		{"businesses paged", "/api/v1/businesses?limit=5&offset=5&sort=name", 200, "application/json", []string{`"total": 37`, `"limit": 5`, `"offset": 5`}},
		{"businesses by regency", "/api/v1/businesses?regency_code=63.10", 200, "application/json", []string{"Tanah Bumbu", `"total": 3`}},
		{"businesses bad sort", "/api/v1/businesses?sort=gaji", 400, "application/json", []string{`"field": "sort"`}},
		{"businesses bad limit", "/api/v1/businesses?limit=-3", 400, "application/json", []string{`"field": "limit"`}},
		{"business", "/api/v1/businesses/1", 200, "application/json", []string{`"products"`, `"sample": true`}},
		{"business not found", "/api/v1/businesses/9999", 404, "application/json", []string{"tidak ditemukan"}},
		{"business bad id", "/api/v1/businesses/x1", 400, "application/json", []string{`"field": "id"`}},
		{"organisations in Kaltim", "/api/v1/organisations?province_code=64", 200, "application/json", []string{`"total": 4`}},
		{"organisation", "/api/v1/organisations/1", 200, "application/json", []string{`"province_code": "35"`}},
		{"listings: needs in Kaltim", "/api/v1/listings?kind=need&province_code=64", 200, "application/json", []string{`"total": 3`}},
		{"listing", "/api/v1/listings/1", 200, "application/json", []string{`"kind": "need"`}},
		{"declarations in Kaltim", "/api/v1/declarations?province_code=64", 200, "application/json", []string{"pakan ternak", `"total": 4`}},
		{"declaration", "/api/v1/declarations/1", 200, "application/json", []string{"Bierhasani"}},
		{"agreements active", "/api/v1/agreements?stage=active", 200, "application/json", []string{`"total": 2`}},
		{"agreement with history", "/api/v1/agreements/1", 200, "application/json", []string{`"history"`, `"to_stage": "active"`}},
		{"targets 2019", "/api/v1/targets?year=2019", 200, "application/json", []string{`"kind": "new_partners"`, `"value": 2`}},
		{"target", "/api/v1/targets/1", 200, "application/json", []string{`"year": 2019`}},
		{"events 2017", "/api/v1/events?year=2017", 200, "application/json", []string{`"total": 1`, "DI Yogyakarta"}},
		{"event", "/api/v1/events/1", 200, "application/json", []string{`"quota_matching": 6`, `"quota_exhibitor": 3`}},
		{"participations", "/api/v1/events/1/participations?role=matching", 200, "application/json", []string{`"total": 6`}},
		{"meeting requests", "/api/v1/events/4/meeting-requests", 200, "application/json", []string{`"total": 19`}},
		{"meetings", "/api/v1/events/4/meetings", 200, "application/json", []string{`"total": 13`}},
		{"deals by direction", "/api/v1/deals?direction=buy", 200, "application/json", []string{`"total": 6`}},
		{"deals by province", "/api/v1/deals?province_code=34", 200, "application/json", []string{`"total": 6`}},
		{"deal", "/api/v1/deals/1", 200, "application/json", []string{`"value_idr": 8000000000`}},
		{"deal realisations", "/api/v1/deals/1/realisations", 200, "application/json", []string{`"paid_idr": 4000000000`}},
		{"statistics", "/api/v1/statistics?limit=1", 200, "application/json", []string{`"items": [`, `"limit": 1`}},
		{"statistic not found", "/api/v1/statistics/999999", 404, "application/json", nil},
		{"offices", "/api/v1/offices", 200, "application/json", []string{"Kalimantan Selatan"}},
		{"office", "/api/v1/offices/1", 200, "application/json", []string{`"home_province_code": "63"`}},
		{"users: admin only", "/api/v1/users", 403, "application/json", []string{`"code": "forbidden"`}},
		{"audit", "/api/v1/audit?entity=deal", 200, "application/json", []string{`"total": 29`, `"action": "realisation"`}},
		{"unknown api", "/api/v1/nothing", 404, "application/json", []string{`"code": "not_found"`}},
		{"english error", "/api/v1/businesses/9999?lang=en", 404, "application/json", []string{"not found"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := staff.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d; body:\n%s", res.StatusCode, tt.wantStatus, body)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.wantType) {
				t.Errorf("content type = %q, want %s", ct, tt.wantType)
			}
			for _, c := range tt.contains {
				if !strings.Contains(string(body), c) {
					t.Errorf("body lacks %q:\n%.2000s", c, body)
				}
			}
			if strings.HasPrefix(tt.wantType, "application/json") && !json.Valid(body) {
				t.Errorf("body is not valid JSON: %s", body)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Content-Security-Policy") == "" {
				t.Error("security headers missing")
			}
		})
	}
}
