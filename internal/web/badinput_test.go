package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/importer"
	"github.com/dagang/dagang/internal/web"
)

// The bad-input corpus: every state-changing route of the route table gets
// hostile and malformed input from a logged-in user it admits, with a
// same-origin (CSRF-valid) request. Every case must be answered with a 4xx
// that names the field at fault (JSON error.fields or the page's field
// errors), never a 5xx, and must leave the row count of every table as it
// was. Runs on SQLite and, with DAGANG_TEST_POSTGRES, on PostgreSQL.

// Hostile values.
const (
	sqlInjection  = "1'; DROP TABLE deals; --"
	htmlInjection = `<script>alert(1)</script><img src=x onerror=alert(1)>`
	invalidUTF8   = "\xff\xfe\xc3\x28"
)

// badCase is one hostile request body.
type badCase struct {
	name  string
	ctype string
	body  []byte
	query string // added to the URL (imports take their kind there)
}

func jsonBody(s string) badCase { return badCase{ctype: "application/json", body: []byte(s)} }

func named(name string, c badCase) badCase { c.name = name; return c }

// jsonCases are sent to every JSON route.
func jsonCases() []badCase {
	huge := `{"note": "` + strings.Repeat("a", 1<<20+10) + `"}`
	return []badCase{
		named("wrong content type", badCase{ctype: "text/plain", body: []byte(`{"note":"x"}`)}),
		named("form instead of JSON", badCase{ctype: "application/x-www-form-urlencoded", body: []byte("note=x")}),
		named("empty body", jsonBody("")),
		named("malformed JSON", jsonBody(`{"note": "x"`)),
		named("null", jsonBody(`null`)),
		named("array", jsonBody(`[1, 2, 3]`)),
		named("two objects", jsonBody(`{} {}`)),
		named("wrong types", jsonBody(`{"value_idr": "banyak", "name": 12, "stage": true, "deal_date": [], "event_id": "x", "priority": "tinggi", "status": 1, "role": {}}`)),
		named("invalid UTF-8", jsonBody(`{"name": "`+invalidUTF8+`", "note": "`+invalidUTF8+`"}`)),
		named("huge string", jsonBody(huge)),
		named("unknown field, SQL injection", jsonBody(`{"`+sqlInjection+`": 1}`)),
		named("SQL injection in typed fields", jsonBody(`{"value_idr": "`+sqlInjection+`", "deal_date": "2019-01-01' OR '1'='1", "stage": "`+sqlInjection+`"}`)),
		named("HTML injection in enums", jsonBody(`{"stage": "`+jsonEscape(htmlInjection)+`", "status": "`+jsonEscape(htmlInjection)+`", "role": "`+jsonEscape(htmlInjection)+`", "kind": "`+jsonEscape(htmlInjection)+`"}`)),
		named("rupiah overflowing int64", jsonBody(`{"value_idr": 9223372036854775808}`)),
		named("rupiah negative", jsonBody(`{"value_idr": -1}`)),
		named("rupiah as Rp-5", jsonBody(`{"value_idr": "Rp-5"}`)),
		named("rupiah as float", jsonBody(`{"value_idr": 1.5e300}`)),
		named("date 0000-01-01", jsonBody(`{"deal_date": "0000-01-01", "on": "0000-01-01"}`)),
		named("date 2019-02-30", jsonBody(`{"deal_date": "2019-02-30", "on": "2019-02-30"}`)),
		named("date 9999-12-31 with a negative amount", jsonBody(`{"deal_date": "9999-12-31", "on": "9999-12-31", "value_idr": -5}`)),
		named("duplicate keys", jsonBody(`{"stage": "loi", "stage": "contract"}`)),
		named("duplicate keys differing in case", jsonBody(`{"note": "a", "NOTE": "b"}`)),
		named("deeply nested", jsonBody(strings.Repeat(`{"a":`, 10000)+"1"+strings.Repeat("}", 10000))),
	}
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// formFields are the names the application's forms read; a hostile form
// fills each of them with the same value.
var formFields = []string{
	"action", "answer", "business_id", "code", "commodity_id", "confirmation", "contact_name", "counterpart_id", "deal_date", "decision", "delivery_from", "delivery_to",
	"direction", "email", "ends_on", "entity", "entity_id", "event", "event_id", "force", "from", "from_participation_id", "home", "host_province_code",
	"hs_code", "ids", "kind", "lang", "link_deal_id", "locked", "max_meetings", "max_per_regency", "name", "nib", "note", "on", "organisation_id", "outcome",
	"participation_id", "partner_province_code",
	"password", "penalty", "personal", "phone", "priority", "province_code", "quota_exhibitor", "quota_matching", "reason", "regency_code", "reply", "role",
	"rotation_mode", "rotation_years", "size_class", "slot", "source", "stage", "starts_on", "statement", "status", "to_participation_id", "token",
	"unavailable", "unit", "value", "value_idr", "venue", "volume", "year", "years",
	"products[0].commodity_id", "products[0].monthly_capacity", "products[0].unit", "products[0].description",
}

func formOf(v string) badCase {
	f := url.Values{}
	for _, k := range formFields {
		f.Set(k, v)
	}
	return badCase{ctype: "application/x-www-form-urlencoded", body: []byte(f.Encode())}
}

// formCases are sent to every HTML form route.
func formCases() []badCase {
	return []badCase{
		named("missing fields", badCase{ctype: "application/x-www-form-urlencoded"}),
		named("JSON instead of a form", jsonBody(`{"name": "x"}`)),
		named("malformed encoding", badCase{ctype: "application/x-www-form-urlencoded", body: []byte("name=%zz&note=%")}),
		named("huge form", badCase{ctype: "application/x-www-form-urlencoded", body: []byte("note=" + strings.Repeat("a", 1<<20+10))}),
		named("SQL injection", formOf(sqlInjection)),
		named("HTML injection", formOf(htmlInjection)),
		named("invalid UTF-8", formOf(invalidUTF8)),
		named("rupiah overflowing int64", formOf("9223372036854775808")),
		named("negative", formOf("-1")),
		named("Rp-5", formOf("Rp-5")),
		named("date 0000-01-01", formOf("0000-01-01")),
		named("date 2019-02-30", formOf("2019-02-30")),
		named("date 9999-12-31", formOf("9999-12-31")),
	}
}

func multipartFile(name, field string, content []byte) badCase {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	if field != "" {
		fw, _ := w.CreateFormFile(field, name)
		fw.Write(content)
	}
	w.WriteField("note", "uji")
	w.Close()
	return badCase{ctype: w.FormDataContentType(), body: b.Bytes()}
}

// uploadCases are sent to the document uploads.
func uploadCases() []badCase {
	html := []byte("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>")
	return []badCase{
		named("HTML renamed .pdf", multipartFile("naskah.pdf", "file", html)),
		named("HTML with a PDF name and path", multipartFile("../../etc/naskah.pdf", "file", html)),
		named("SVG with script", multipartFile("peta.pdf", "file", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`))),
		named("oversized upload", multipartFile("besar.pdf", "file", append([]byte("%PDF-1.4\n"), make([]byte, dagang.MaxDocumentBytes+10)...))),
		named("empty file", multipartFile("kosong.pdf", "file", nil)),
		named("no file field", multipartFile("", "", nil)),
		named("file in another field", multipartFile("naskah.pdf", "dokumen", []byte("%PDF-1.4\n%%EOF\n"))),
		named("not multipart", jsonBody(`{"file": "naskah.pdf"}`)),
		named("broken multipart", badCase{ctype: "multipart/form-data; boundary=xyz", body: []byte("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF")}),
	}
}

// importCases are sent to the import upload: malformed Excel and CSV.
func importCases(t *testing.T) []badCase {
	var hdr bytes.Buffer
	if err := importer.Template(&hdr, importer.Deals, "csv"); err != nil {
		t.Fatal(err)
	}
	header := strings.TrimSpace(hdr.String())
	cols := len(strings.Split(header, ","))
	row := func(v string) string {
		cells := make([]string, cols)
		for i := range cells {
			cells[i] = v
		}
		return strings.Join(cells, ",")
	}
	file := func(kind, name string, body string) badCase {
		return badCase{ctype: "application/octet-stream", body: []byte(body), query: "kind=" + kind + "&name=" + url.QueryEscape(name)}
	}
	var xlsx bytes.Buffer
	if err := importer.Template(&xlsx, importer.Deals, "xlsx"); err != nil {
		t.Fatal(err)
	}
	truncated := xlsx.Bytes()[:xlsx.Len()/2]
	return []badCase{
		named("no kind", file("", "a.csv", header+"\n")),
		named("unknown kind, SQL injection", file(url.QueryEscape(sqlInjection), "a.csv", header+"\n")),
		named("empty file", file("deals", "a.csv", "")),
		named("header only", file("deals", "a.csv", header+"\n")),
		named("wrong header", file("deals", "a.csv", "nama,alamat\nx,y\n")),
		named("unterminated quote", file("deals", "a.csv", header+"\n\"abc,def\n")),
		named("invalid UTF-8 rows", file("deals", "a.csv", header+"\n"+row(invalidUTF8)+"\n")),
		named("SQL injection rows", file("deals", "a.csv", header+"\n"+row(`"`+strings.ReplaceAll(sqlInjection, `"`, `""`)+`"`)+"\n")),
		named("HTML and formula rows", file("deals", "a.csv", header+"\n"+row(`"=HYPERLINK(""http://evil.example"")<script>"`)+"\n")),
		named("negative rupiah rows", file("deals", "a.csv", header+"\n"+row("-1")+"\n")),
		named("overflowing rupiah rows", file("deals", "a.csv", header+"\n"+row("9223372036854775808")+"\n")),
		named("bad date rows", file("deals", "a.csv", header+"\n"+row("2019-02-30")+"\n"+row("0000-01-01")+"\n")),
		named("HTML renamed .xlsx", file("deals", "a.xlsx", "<html><body>tabel</body></html>")),
		named("zip that is not Excel", file("deals", "a.xlsx", "PK\x03\x04 bukan excel sama sekali")),
		named("truncated Excel", file("deals", "a.xlsx", string(truncated))),
		named("binary garbage", file("businesses", "a.csv", string(bytes.Repeat([]byte{0, 0xff, 0x1b, '\n'}, 1000)))),
	}
}

// buttons are form routes that read no field: a button that starts an
// action (scheduling or publishing the agenda; confirming the proposed delegation, whose
// rules are in the query string). Only their path can be hostile.
var buttons = map[string]bool{"/events/{id}/agenda/solve": true, "/events/{id}/delegation": true, "/events/{id}/agenda/publish": true}

// optionalFields are routes whose every field is optional: an empty form
// or body is a valid request (a participant available at every slot with
// no cap, or, on its own form, in no session; a meeting unlocked; the API's scheduling, publishing and delegation, whose
// options are in the query string; a repair of the day from the latest
// marked slot).
var optionalFields = map[string]bool{"/events/{id}/participations/{pid}/availability": true, "/participations/{id}/availability": true, "/events/{id}/meetings/{mid}/lock": true,
	"/api/v1/events/{id}/schedule": true, "/api/v1/events/{id}/delegation": true,
	"/events/{id}/agenda/repair": true, "/api/v1/events/{id}/agenda/repair": true, "/api/v1/events/{id}/agenda/publish": true}

// pathIDs are hostile values for an {id} in the path.
var pathIDs = []string{"abc", "-1", "0", "9223372036854775808", url.PathEscape("1' OR '1'='1"), "1.5", "%00"}

func TestBadInput(t *testing.T) {
	eachDemoEnv(t, "the bad-input corpus", runBadInput)
}

// recordIDs names a real record for the {id} of each resource, so that the
// hostile body reaches the handler's checks instead of a 404.
func recordIDs(t *testing.T, e *demoEnv) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	s := e.story
	oid := s.Office.ID
	all := dagang.ListOptions{Limit: 1}
	ids := map[string]int64{
		"businesses":    s.Businesses[demo.DemoBusiness].ID,
		"organisations": s.Orgs[demo.DemoCounterpart].ID,
		"events":        s.Mission2019.ID,
	}
	first := func(name string, n int, id func() int64, err error) {
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			ids[name] = id()
		}
	}
	ls, n, err := e.db.FindListings(ctx, dagang.ListingFilter{OfficeID: oid, ListOptions: all})
	first("listings", n, func() int64 { return ls[0].ID }, err)
	ds, n, err := e.db.FindDeclarations(ctx, dagang.DeclarationFilter{OfficeID: oid, ListOptions: all})
	first("declarations", n, func() int64 { return ds[0].ID }, err)
	as, n, err := e.db.FindAgreements(ctx, dagang.AgreementFilter{OfficeID: oid, ListOptions: all})
	first("agreements", n, func() int64 { return as[0].ID }, err)
	ts, n, err := e.db.FindTargets(ctx, dagang.TargetFilter{OfficeID: oid, ListOptions: all})
	first("targets", n, func() int64 { return ts[0].ID }, err)
	ps, n, err := e.db.FindParticipations(ctx, dagang.ParticipationFilter{EventID: s.Mission2019.ID, ListOptions: all})
	first("participations", n, func() int64 { return ps[0].ID }, err)
	mr, n, err := e.db.FindMeetingRequests(ctx, dagang.MeetingFilter{EventID: s.Mission2019.ID, ListOptions: all})
	first("meeting-requests", n, func() int64 { return mr[0].ID }, err)
	ms, n, err := e.db.FindMeetings(ctx, dagang.MeetingFilter{EventID: s.Mission2019.ID, ListOptions: all})
	first("meetings", n, func() int64 { return ms[0].ID }, err)
	us, n, err := e.db.FindUsers(ctx, dagang.UserFilter{OfficeID: oid, Role: dagang.UserBusiness, ListOptions: all})
	first("users", n, func() int64 { return us[0].ID }, err)
	dl, n, err := e.db.FindDeals(ctx, dagang.DealFilter{OfficeID: oid, ListOptions: all})
	first("deals", n, func() int64 { return dl[0].ID }, err)
	return ids
}

// fillPath puts real ids into pattern; hostile, when not "", replaces the
// route's first parameter.
func fillPath(t *testing.T, pattern string, ids map[string]int64, hostile string) string {
	segs := strings.Split(pattern, "/")
	done := false
	for i, sg := range segs {
		if !strings.HasPrefix(sg, "{") {
			continue
		}
		if hostile != "" && !done {
			segs[i], done = hostile, true
			continue
		}
		var key string
		switch sg {
		case "{id}":
			key = segs[i-1]
		case "{rid}":
			key = "meeting-requests"
		case "{mid}":
			key = "meetings"
		case "{pid}":
			key = "participations"
		case "{doc}":
			segs[i] = "1"
			continue
		case "{token}":
			segs[i] = "tidak-ada"
			continue
		default:
			t.Fatalf("%s: no value for %s", pattern, sg)
		}
		id, ok := ids[key]
		if !ok {
			id = 999999
		}
		segs[i] = fmt.Sprint(id)
	}
	return strings.Join(segs, "/")
}

func runBadInput(t *testing.T, e *demoEnv) {
	ids := recordIDs(t, e)
	fx := scopeFixtures(t, e)
	clients := map[dagang.UserRole]*http.Client{"": noRedirect()}
	for _, role := range []dagang.UserRole{dagang.UserStaff, dagang.UserAdmin, dagang.UserCounterpart, dagang.UserBusiness} {
		clients[role] = login(t, e.srv, role)
	}
	counts := func() map[string]int64 { return dataRowCounts(t, e.db) }
	imports := importCases(t)
	statuses := map[int]int{}
	for _, r := range e.server.Routes() {
		if r.Method == "" || r.Method == "GET" || r.Method == "HEAD" || r.Pattern == "/logout" {
			continue
		}
		role, scope := actingRole(r.Rule)
		c := clients[role]
		var cases []badCase
		switch {
		case strings.HasSuffix(r.Pattern, "/documents"):
			cases = uploadCases()
		case r.Pattern == "/api/v1/imports":
			cases = imports
		case strings.HasPrefix(r.Pattern, "/api/"):
			cases = jsonCases()
		default:
			cases = formCases()
		}
		switch {
		case r.Method == "DELETE", buttons[r.Pattern]:
			cases = nil // no body is read: only the path can be hostile
		case optionalFields[r.Pattern]:
			cases = slices.DeleteFunc(cases, func(c badCase) bool {
				return c.name == "missing fields" || c.name == "JSON instead of a form" || c.name == "empty body"
			})
		}
		path := fillPath(t, r.Pattern, ids, "")
		if scope != nil {
			path = strings.Replace(r.Pattern, "{id}", fx[scope.Name].own, 1)
		}
		t.Run(r.Method+" "+r.Pattern, func(t *testing.T) {
			before := counts()
			for _, tc := range cases {
				u := e.srv.URL + path
				if tc.query != "" {
					u += "?" + tc.query
				}
				a := sendBad(t, c, r.Method, u, tc, e.srv.URL)
				statuses[a.status]++
				checkRefused(t, tc.name, a, true)
			}
			if strings.Contains(r.Pattern, "{") {
				for _, id := range pathIDs {
					a := sendBad(t, c, r.Method, e.srv.URL+fillPath(t, r.Pattern, ids, id), jsonBody(`{}`), e.srv.URL)
					statuses[a.status]++
					checkRefused(t, "path id "+id, a, false)
				}
			}
			if diff := cmp.Diff(before, counts()); diff != "" {
				t.Errorf("rows changed by refused requests (-before +after):\n%s", diff)
			}
		})
	}
	var keys []int
	for k := range statuses {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	for _, k := range keys {
		t.Logf("status %d: %d answers", k, statuses[k])
	}
}

// actingRole picks who sends the hostile input: staff when admitted, else
// the admin, a counterpart or a business user (with the scope that limits
// them), else nobody (public routes).
func actingRole(rule web.Rule) (dagang.UserRole, *web.Scope) {
	if rule.Public {
		return "", nil
	}
	for _, role := range []dagang.UserRole{dagang.UserStaff, dagang.UserAdmin, dagang.UserCounterpart, dagang.UserBusiness} {
		if ok, sc := rule.Allows(role); ok {
			return role, sc
		}
	}
	return "", nil
}

type badAnswer struct {
	status int
	ctype  string
	body   string
}

// sendBad sends one hostile request as a same-origin browser would.
func sendBad(t *testing.T, c *http.Client, method, u string, tc badCase, origin string) badAnswer {
	t.Helper()
	req, err := http.NewRequest(method, u, bytes.NewReader(tc.body))
	if err != nil {
		t.Fatal(err)
	}
	if tc.ctype != "" {
		req.Header.Set("Content-Type", tc.ctype)
	}
	req.Header.Set("Origin", origin)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", tc.name, err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	a := badAnswer{res.StatusCode, res.Header.Get("Content-Type"), string(b)}
	if a.status == http.StatusAccepted && strings.Contains(u, "/api/v1/imports") {
		a = waitImport(t, c, origin, a)
	}
	return a
}

// waitImport follows an accepted import to its end: a refused file ends
// "failed" with its problems, answered here as the 400 it amounts to.
func waitImport(t *testing.T, c *http.Client, origin string, a badAnswer) badAnswer {
	var job struct {
		ID     int64         `json:"id"`
		Status string        `json:"status"`
		Error  *dagang.Error `json:"error"`
	}
	if err := json.Unmarshal([]byte(a.body), &job); err != nil {
		t.Fatalf("import answer: %v", err)
	}
	for range 200 {
		res, err := c.Get(fmt.Sprintf("%s/api/v1/imports/%d", origin, job.ID))
		if err != nil {
			t.Fatal(err)
		}
		json.NewDecoder(res.Body).Decode(&job)
		res.Body.Close()
		if job.Status != "running" && job.Status != "queued" {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if job.Status != "failed" || job.Error == nil {
		return badAnswer{status: 299, body: fmt.Sprintf("import ended %q", job.Status)}
	}
	status := http.StatusBadRequest
	if job.Error.Code != dagang.EINVALID {
		status = 500
	}
	fields := ""
	if len(job.Error.Fields) > 0 {
		fields = `"fields"`
	}
	return badAnswer{status: status, ctype: "application/json", body: job.Error.Message + " " + fields}
}

// checkRefused checks a hostile request was refused with a 4xx; a refused
// body (wantField) must name the field at fault.
func checkRefused(t *testing.T, name string, a badAnswer, wantField bool) {
	t.Helper()
	if a.status < 400 || a.status > 499 {
		t.Errorf("%s: status %d, want 4xx; body:\n%.600s", name, a.status, a.body)
		return
	}
	// Not field errors by nature: a record that is not there, a refusal, a
	// conflict with stored data, a wrong login (which never says which of
	// e-mail and password was wrong) and throttling.
	if !wantField || a.status == http.StatusUnauthorized || a.status == http.StatusNotFound || a.status == http.StatusForbidden || a.status == http.StatusConflict || a.status == http.StatusTooManyRequests {
		return
	}
	field := strings.Contains(a.body, `"fields"`) || strings.Contains(a.body, `class="field-error"`) || strings.Contains(a.body, `<li><strong>`)
	if !field {
		t.Errorf("%s: status %d without a field-level message:\n%.600s", name, a.status, a.body)
	}
}

// dataRowCounts counts the rows of every table but jobs: a refused import
// leaves its failed job, the record the client reads the refusal from, not
// data. Refusals must leave these counts as they were.
func dataRowCounts(t *testing.T, db interface {
	RowCounts(context.Context) (map[string]int64, error)
}) map[string]int64 {
	t.Helper()
	c, err := db.RowCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	delete(c, "jobs")
	// A refused attempt still counts against its address and account:
	// that is what the rate limits are for.
	delete(c, "rate_hits")
	return c
}
