package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/web"
)

// notReady is the demo store with a database that is not ready.
type notReady struct{ web.Store }

func (notReady) Ready(context.Context) error {
	return errors.New("schema at migration 11, this binary needs 13")
}

func TestReadyz(t *testing.T) {
	e := newDemoEnv(t, nil)
	res, err := http.Get(e.srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), `"status": "ready"`) {
		t.Errorf("/readyz on a migrated database: %d %s", res.StatusCode, b)
	}

	var logs bytes.Buffer
	h, err := web.New(web.Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))}, notReady{e.db})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"/readyz": 503, "/healthz": 200} {
		rec := httpRecorder(h, "GET", path)
		if rec.status != want {
			t.Errorf("%s on a database behind in migrations: %d, want %d", path, rec.status, want)
		}
		if strings.Contains(rec.body, "migration") {
			t.Errorf("%s shows the reason to anonymous callers: %s", path, rec.body)
		}
	}
	if !strings.Contains(logs.String(), "readiness check failed") || !strings.Contains(logs.String(), "needs 13") {
		t.Errorf("the reason is not logged: %s", logs.String())
	}
	if !regexp.MustCompile(`msg=request request_id=[0-9a-f]{16} method=GET path=/readyz status=503`).MatchString(logs.String()) {
		t.Errorf("no structured request line with a request id:\n%s", logs.String())
	}

	// One of several instances: every answer names it, and its readiness
	// follows its own job runner, not only the shared database.
	var runnerErr error
	h, err = web.New(web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Instance: "dagang-2",
		JobsReady: func() error { return runnerErr }}, e.db)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		runner error
		status int
		body   string
	}{
		{nil, 200, `"instance": "dagang-2"`},
		{errors.New("jobs: runner stopped"), 503, `"status": "unavailable"`},
	} {
		runnerErr = tc.runner
		for _, path := range []string{"/readyz", "/healthz", "/login"} {
			rec := httpRecorder(h, "GET", path)
			if got := rec.header.Get("X-Dagang-Instance"); got != "dagang-2" {
				t.Errorf("%s: X-Dagang-Instance = %q, want dagang-2", path, got)
			}
			if path != "/readyz" {
				continue
			}
			if rec.status != tc.status || !strings.Contains(rec.body, tc.body) || strings.Contains(rec.body, "runner") {
				t.Errorf("/readyz with the runner %v: %d %s, want %d with %s and no reason", tc.runner, rec.status, rec.body, tc.status, tc.body)
			}
		}
	}
}

type recorded struct {
	status int
	header http.Header
	body   string
}

func httpRecorder(h http.Handler, method, path string) recorded {
	req, _ := http.NewRequest(method, "http://dagang.test"+path, nil)
	w := &memWriter{h: http.Header{}}
	h.ServeHTTP(w, req)
	return recorded{w.status, w.h, w.b.String()}
}

type memWriter struct {
	h      http.Header
	b      bytes.Buffer
	status int
}

func (w *memWriter) Header() http.Header { return w.h }
func (w *memWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = 200
	}
	return w.b.Write(p)
}
func (w *memWriter) WriteHeader(s int) {
	if w.status == 0 {
		w.status = s
	}
}

// TestSecurityHeaders checks the headers of every kind of response: pages,
// JSON, errors as pages and as JSON, redirects, static files, health,
// refused cross-site posts, documents and exports. The CSP never allows
// inline script, and no page carries one.
func TestSecurityHeaders(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := login(t, e.srv, dagang.UserStaff)
	anon := noRedirect()

	// A document to download.
	var mp bytes.Buffer
	w := multipart.NewWriter(&mp)
	fw, _ := w.CreateFormFile("file", "naskah.pdf")
	fw.Write([]byte("%PDF-1.4\n%%EOF\n"))
	w.Close()
	res, err := staff.Post(e.srv.URL+"/api/v1/agreements/1/documents", w.FormDataContentType(), &mp)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Fatalf("upload: %d", res.StatusCode)
	}

	tests := []struct {
		name   string
		c      *http.Client
		method string
		path   string
		status int
		ctype  string
	}{
		{"page", staff, "GET", "/deals", 200, "text/html"},
		{"login page", anon, "GET", "/login", 200, "text/html"},
		{"JSON", staff, "GET", "/api/v1/deals?limit=1", 200, "application/json"},
		{"JSON error 401", anon, "GET", "/api/v1/deals", 401, "application/json"},
		{"JSON error 400", staff, "GET", "/api/v1/deals?limit=x", 400, "application/json"},
		{"page error 404", staff, "GET", "/tidak-ada", 404, "text/html"},
		{"page error 400", staff, "GET", "/deals?year=dua", 400, "text/html"},
		{"redirect to login", anon, "GET", "/deals", 303, ""},
		{"static script", anon, "GET", "/static/app.js", 200, "text/javascript"},
		{"static style", anon, "GET", "/static/app.css", 200, "text/css"},
		{"static missing", anon, "GET", "/static/tidak-ada.js", 404, ""},
		{"health", anon, "GET", "/healthz", 200, "application/json"},
		{"ready", anon, "GET", "/readyz", 200, "application/json"},
		{"cross-site post", anon, "POST", "/login", 403, "text/html"},
		{"document", staff, "GET", "/agreements/1/documents/1", 200, "application/pdf"},
		{"export", staff, "GET", "/laporan/ekspor?format=csv", 200, ""},
	}
	scriptTag := regexp.MustCompile(`(?is)<script([^>]*)>(.*?)</script>`)
	handlerAttr := regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, e.srv.URL+tt.path, nil)
			if tt.method == "POST" {
				req.Header.Set("Sec-Fetch-Site", "cross-site")
			}
			res, err := tt.c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.status || !strings.HasPrefix(res.Header.Get("Content-Type"), tt.ctype) {
				t.Fatalf("%d %q, want %d %q", res.StatusCode, res.Header.Get("Content-Type"), tt.status, tt.ctype)
			}
			h := res.Header
			csp := h.Get("Content-Security-Policy")
			for _, want := range []string{"frame-ancestors 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %q", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") || !(strings.Contains(csp, "script-src 'self'") || strings.HasPrefix(csp, "default-src 'none'")) {
				t.Errorf("CSP %q allows inline or foreign script", csp)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") != "DENY" {
				t.Errorf("headers: nosniff %q, referrer %q, frame %q", h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"), h.Get("X-Frame-Options"))
			}
			if len(h.Get("X-Request-Id")) != 16 {
				t.Errorf("X-Request-Id %q", h.Get("X-Request-Id"))
			}
			if strings.HasPrefix(tt.ctype, "text/html") {
				for _, m := range scriptTag.FindAllStringSubmatch(string(b), -1) {
					data := strings.Contains(m[1], `type="application/json"`)
					if (!strings.Contains(m[1], "src=") || strings.TrimSpace(m[2]) != "") && !data {
						t.Errorf("inline script in the page: %.200q", m[0])
					}
				}
				if m := handlerAttr.FindString(string(b)); m != "" {
					t.Errorf("inline event handler in the page: %.200q", m)
				}
			}
		})
	}
}

// TestDealChangesAudited: every change to a deal through the API leaves an
// audit entry naming the acting user (agreements and users:
// TestAgreementAndUserChangesAudited).
func TestDealChangesAudited(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := login(t, e.srv, dagang.UserStaff)
	s := e.story
	base := e.srv.URL + "/api/v1/deals"
	entries := func(id int64) []*dagang.AuditEntry {
		es, _, err := e.db.FindAuditEntries(context.Background(), dagang.AuditFilter{OfficeID: s.Office.ID, Entity: "deal", EntityID: id, ListOptions: dagang.ListOptions{Limit: 100}})
		if err != nil {
			t.Fatal(err)
		}
		return es
	}
	code, out := call(t, staff, "POST", base, fmt.Sprintf(`{"event_id": %d, "direction": "sell", "business_id": %d, "counterpart_id": %d, "commodity_id": %d, "volume": 10, "unit": "ton", "value_text": "Rp7 miliar", "stage": "indication", "deal_date": "2019-07-11"}`,
		s.Mission2019.ID, s.Businesses["c6"].ID, s.Orgs["kaltim1"].ID, s.Commodities["beras"].ID))
	if code != 201 {
		t.Fatalf("create: %d %s", code, out)
	}
	var d dagang.Deal
	json.Unmarshal([]byte(out), &d)
	id := fmt.Sprint(d.ID)
	steps := []struct{ method, path, body string }{
		{"PATCH", "/" + id, `{"value_idr": 8000000000, "force": true}`},
		{"POST", "/" + id + "/stage", `{"stage": "contract", "note": "kontrak"}`},
		{"POST", "/" + id + "/realisations", `{"reported_on": "2019-08-10", "paid_text": "Rp1 miliar", "delivered_volume": 2}`},
		{"DELETE", "/" + id, ""},
	}
	n := len(entries(d.ID))
	if n != 1 {
		t.Fatalf("after create: %d audit entries, want 1", n)
	}
	for _, st := range steps {
		if code, out := call(t, staff, st.method, base+st.path, st.body); code >= 300 {
			t.Fatalf("%s %s: %d %s", st.method, st.path, code, out)
		}
		es := entries(d.ID)
		if len(es) != n+1 {
			t.Errorf("%s %s: %d audit entries, want %d", st.method, st.path, len(es), n+1)
		}
		n = len(es)
	}
	for _, a := range entries(d.ID) {
		if !strings.Contains(a.Actor, "@") {
			t.Errorf("audit entry %s without the acting user: %q", a.Action, a.Actor)
		}
	}
}
