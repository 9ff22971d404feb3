package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
)

// pagesEnv is the demo server with a logged-in client per role, each
// logged in on first use.
type pagesEnv struct {
	*demoEnv
	clients map[dagang.UserRole]*http.Client
}

func newPagesEnv(t *testing.T) *pagesEnv {
	t.Helper()
	return &pagesEnv{demoEnv: newDemoEnv(t, nil), clients: map[dagang.UserRole]*http.Client{}}
}

// do sends a request as role (no redirects followed).
func (e *pagesEnv) do(t *testing.T, role dagang.UserRole, method, path string, form url.Values) (int, http.Header, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return e.roundTrip(t, role, req)
}

// roundTrip sends req as role (logged in at the first request) and returns
// the answer's status, header and body.
func (e *pagesEnv) roundTrip(t *testing.T, role dagang.UserRole, req *http.Request) (int, http.Header, string) {
	t.Helper()
	if e.clients[role] == nil {
		e.clients[role] = login(t, e.srv, role)
	}
	res, err := e.clients[role].Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res.StatusCode, res.Header, string(b)
}

func TestPages(t *testing.T) {
	e := newPagesEnv(t)
	biz := e.story.Businesses[demo.DemoBusiness].ID
	other := int64(0)
	for _, b := range e.story.Businesses {
		if b.ID != biz {
			other = b.ID
			break
		}
	}
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	const (
		staff       = dagang.UserStaff
		lead        = dagang.UserLeadership
		business    = dagang.UserBusiness
		counterpart = dagang.UserCounterpart
	)
	tests := []pageScenario{
		{"dashboard", staff, "/", 200, []string{"Rp119 miliar", "3 kegiatan", "contoh", "data-chart", "/static/vendor/echarts.min.", "Target 2019"}, nil},
		{"dashboard english", staff, "/?lang=en", 200, []string{"IDR 119 billion", "Dashboard", "Bahasa Indonesia"}, nil},
		{"dashboard year", staff, "/?year=2017", 200, []string{"DI Yogyakarta"}, nil},
		{"geojson", staff, "/geo/provinces.geojson", 200, []string{`"FeatureCollection"`, `"code":"63"`}, nil},
		{"agreements", staff, "/agreements", 200, []string{"Kalimantan Timur", "Aktif", "aria-sort"}, nil},
		{"agreements board", lead, "/agreements?view=board", 200, []string{"Potensial", "Penjajakan", "board-card"}, nil},
		{"agreement", staff, "/agreements/1", 200, []string{"Riwayat tahap", "Dokumen"}, nil},
		{"commodities", business, "/commodities?q=jagung", 200, []string{"Jagung", "pakan"}, nil},
		{"commodities hs", staff, "/commodities?hs_code=1006", 200, []string{"Beras"}, []string{"Jagung"}},
		{"businesses", staff, "/businesses?sort=-name&limit=5", 200, []string{"Menampilkan 1–5 dari 37", `rel="next"`, "descending"}, nil},
		{"businesses search", staff, "/businesses?q=zzzz-tidak-ada", 200, []string{"Tidak ada data yang cocok."}, nil},
		{"businesses bad sort", staff, "/businesses?sort=gaji", 400, []string{"sort"}, nil},
		{"businesses: not for counterparts", counterpart, "/businesses", 403, []string{"Akses ditolak"}, nil},
		{"business", staff, "/businesses/" + id(biz), 200, []string{"Produk dan kapasitas", "Riwayat keikutsertaan"}, nil},
		{"own business", business, "/businesses/" + id(biz), 200, []string{"/businesses/" + id(biz) + "/edit"}, nil},
		{"another business", business, "/businesses/" + id(other), 404, []string{"Tidak ditemukan", "pelaku usaha " + id(other) + " tidak ditemukan"}, nil},
		{"another business's edit page", business, "/businesses/" + id(other) + "/edit", 404, []string{"Tidak ditemukan", "pelaku usaha " + id(other) + " tidak ditemukan"}, nil},
		{"own edit page", business, "/businesses/" + id(biz) + "/edit", 200, []string{`name="products[0].commodity_id"`}, nil},
		{"new business: leadership reads only", lead, "/businesses/new", 403, nil, nil},
		{"new business", staff, "/businesses/new", 200, []string{`action="/businesses"`, "Nama usaha"}, nil},
		{"events", staff, "/events?sort=starts_on", 200, []string{"Temu Bisnis"}, nil},
		{"event", staff, "/events/1", 200, []string{"Peserta", "Jadwal pertemuan", "Rp"}, nil},
		{"event edit", staff, "/events/1/edit", 200, []string{`name="quota_matching"`}, nil},
		{"deals", staff, "/deals?direction=buy", 200, []string{"Menampilkan 1–6 dari 6", "Pembelian"}, nil},
		{"deals of a business user", business, "/deals", 200, nil, []string{"Menampilkan 1–20"}},
		{"deals of a year", staff, "/deals?year=2017", 200, []string{"Menampilkan 1–6 dari 6", `name="year" value="2017"`}, nil},
		{"events of a year", staff, "/events?year=2017", 200, []string{"Menampilkan 1–1 dari 1"}, nil},
		{"events: bad year", staff, "/events?year=tahun", 400, []string{"year"}, nil},
		{"deal form", staff, "/deals/new", 200, []string{`name="value_idr"`, "1,5 miliar"}, nil},
		{"deal form: business users do not record", business, "/deals/new", 403, nil, nil},
		{"value preview", staff, "/deals/value-preview?value_idr=1%2C5+miliar", 200, []string{"= Rp1.500.000.000"}, []string{"<html"}},
		{"value preview of a bad amount", staff, "/deals/value-preview?value_idr=sejuta", 200, []string{"bukan nilai rupiah yang valid"}, nil},
		{"audit in words", lead, "/audit?entity=deal", 200, []string{"Nilai transaksi (Rp)", "Tanggal transaksi", "Nilai terbayar", `">Transaksi: `}, []string{"value_idr", "office_id", "Transaksi #", "<code>"}},
		{"audit: not for business", business, "/audit", 403, nil, nil},
		{"nav of a business user", business, "/commodities", 200, []string{"Profil Usaha"}, []string{`href="/audit"`, `href="/agreements"`}},
		{"dashboard of a business user: its own deals", business, "/", 200, []string{`id="tile-own">Rp8 miliar`, "1 transaksi"}, nil},
		{"dashboard of a counterpart: deals with it", counterpart, "/?year=2016", 200, []string{`id="tile-own">Rp17 miliar`, "3 transaksi"}, nil},
		{"dashboard of staff: no own tile", staff, "/", 200, nil, []string{`id="tile-own"`}},
	}
	runPageScenarios(t, e, tests)
}

// TestAuditInWords: a change reads as the office says it, on the audit
// page of every kind of record: labels, names and rupiah, no codes.
func TestAuditInWords(t *testing.T) {
	e := newPagesEnv(t)
	staff := login(t, e.srv, dagang.UserStaff)
	biz := e.story.Businesses[demo.DemoBusiness]
	if code, out := call(t, staff, "PATCH", fmt.Sprintf("%s/api/v1/businesses/%d", e.srv.URL, biz.ID), `{"size_class": "menengah"}`); code != 200 {
		t.Fatalf("update: %d %s", code, out)
	}
	status, _, body := e.do(t, dagang.UserStaff, "GET", "/audit?entity=business", nil)
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	for _, want := range []string{"Pelaku usaha: CV Kemiri Banua", "Skala usaha", "Kecil", "Menengah"} {
		if !strings.Contains(body, want) {
			t.Errorf("audit lacks %q", want)
		}
	}
	for _, code := range []string{"size_class", ">kecil<", ">menengah<", "regency_code", "office_id"} {
		if strings.Contains(body, code) {
			t.Errorf("audit shows %q", code)
		}
	}
}

func TestAuditShowsExactRupiah(t *testing.T) {
	e := newPagesEnv(t)
	status, _, body := e.do(t, dagang.UserStaff, "GET", "/audit?entity=deal", nil)
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	if strings.Contains(body, "e+") || !strings.Contains(body, "Rp8.000.000.000") {
		t.Errorf("audit values are not exact rupiah:\n%.3000s", body)
	}
}

// TestPageForms posts the forms the way a browser does and checks the
// answer: a redirect to the saved record, or the form again with the
// errors next to their fields.
func TestPageForms(t *testing.T) {
	e := newPagesEnv(t)
	const (
		staff    = dagang.UserStaff
		lead     = dagang.UserLeadership
		business = dagang.UserBusiness
	)
	own := strconv.FormatInt(e.story.Businesses[demo.DemoBusiness].ID, 10)
	other := strconv.FormatInt(e.story.Businesses["a2"].ID, 10)
	org := strconv.FormatInt(e.story.Orgs[demo.DemoCounterpart].ID, 10)
	beras := strconv.FormatInt(e.story.Commodities["beras"].ID, 10)
	deal := func(value string) url.Values {
		return url.Values{"direction": {"sell"}, "business_id": {own}, "counterpart_id": {org}, "commodity_id": {beras},
			"value_idr": {value}, "stage": {"indication"}, "deal_date": {"2019-03-01"}}
	}
	forced := func(v url.Values) url.Values {
		v.Set("force", "1")
		return v
	}
	tests := []struct {
		name         string
		role         dagang.UserRole
		path         string
		form         url.Values
		wantStatus   int
		wantLocation string // prefix
		contains     []string
	}{
		{"business without a name", staff, "/businesses", url.Values{"regency_code": {"63.03"}, "size_class": {"mikro"}}, 400, "",
			[]string{`id="f-name-err"`, "nama usaha wajib diisi", `aria-invalid="true"`, `href="#f-name"`}},
		{"business with a bad capacity in row 2", staff, "/businesses", url.Values{"name": {"UD Uji"}, "regency_code": {"63.03"}, "size_class": {"mikro"},
			"products[1].commodity_id": {beras}, "products[1].monthly_capacity": {"banyak"}, "products[1].unit": {"ton"}}, 400, "",
			[]string{`id="f-products-1-monthly-capacity-err"`, "Kapasitas per bulan #2: harus angka"}},
		{"business with a product of no commodity", staff, "/businesses", url.Values{"name": {"UD Uji"}, "regency_code": {"63.03"}, "size_class": {"mikro"},
			"products[2].monthly_capacity": {"1.250,5"}, "products[2].unit": {"ton"}}, 400, "",
			[]string{`id="f-products-2-commodity-id-err"`, "Komoditas produk #3: komoditas wajib dipilih"}},
		{"business saved", staff, "/businesses", url.Values{"name": {"UD Uji Simpan"}, "regency_code": {"63.03"}, "size_class": {"kecil"},
			"products[0].commodity_id": {beras}, "products[0].monthly_capacity": {"1.250,5"}, "products[0].unit": {"ton"}}, 303, "/businesses/", nil},
		{"business: leadership cannot save", lead, "/businesses", url.Values{"name": {"UD X"}}, 403, "", nil},
		{"business user edits its own", business, "/businesses/" + own, url.Values{"name": {"CV Kemiri Banua"}, "regency_code": {"63.03"}, "size_class": {"kecil"}}, 303, "/businesses/" + own, nil},
		{"business user cannot save another", business, "/businesses/" + other, url.Values{"name": {"Diambil alih"}, "regency_code": {"63.03"}, "size_class": {"kecil"}}, 404, "", nil},
		{"deal of 1,5 miliar", staff, "/deals", deal("1,5 miliar"), 303, "/deals/", nil},
		{"the same deal again is flagged as a likely duplicate", staff, "/deals", deal("Rp1.500.000.000"), 400, "", []string{"kemungkinan duplikat", `name="force"`}},
		{"deal of Rp1.500.000.000, saved anyway", staff, "/deals", forced(deal("Rp1.500.000.000")), 303, "/deals/", nil},
		{"deal with a bad amount", staff, "/deals", deal("sejuta-an"), 400, "", []string{"Nilai transaksi (Rp):", `id="f-value-idr-err"`}},
		{"deal without an amount", staff, "/deals", deal(""), 400, "", []string{"Nilai transaksi (Rp): nilai rupiah kosong"}},
		{"deal: business users do not record", business, "/deals", deal("1 juta"), 403, "", nil},
		{"event ending before it starts", staff, "/events", url.Values{"name": {"Temu Bisnis Uji"}, "kind": {"business_meeting"}, "host_province_code": {"64"},
			"starts_on": {"2020-05-02"}, "ends_on": {"2020-05-01"}, "status": {"planned"}}, 400, "", []string{"Tanggal selesai: tanggal selesai tidak boleh sebelum tanggal mulai"}},
		{"event saved", staff, "/events", url.Values{"name": {"Temu Bisnis Uji"}, "kind": {"business_meeting"}, "host_province_code": {"64"},
			"starts_on": {"2020-05-02"}, "status": {"planned"}, "quota_matching": {"6"}}, 303, "/events/", nil},
		{"event edited", staff, "/events/1", url.Values{"name": {"Temu Bisnis Jatim 2016"}, "kind": {"trade_mission"}, "host_province_code": {"35"},
			"starts_on": {"2016-10-12"}, "ends_on": {"2016-10-14"}, "status": {"closed"}, "quota_matching": {"6"}, "quota_exhibitor": {"3"}}, 303, "/events/1", nil},
		{"language switch", lead, "/lang", url.Values{"lang": {"en"}, "next": {"/deals?stage=loi"}}, 303, "/deals?stage=loi", nil},
		{"language switch cannot leave the site", lead, "/lang", url.Values{"lang": {"en"}, "next": {"//evil.example/"}}, 303, "/", nil},
		{"unknown language", lead, "/lang", url.Values{"lang": {"fr"}}, 400, "", []string{"<strong>lang</strong>"}},
	}
	_, _, before := e.do(t, staff, "GET", "/api/v1/reports/summary", nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, h, body := e.do(t, tt.role, "POST", tt.path, tt.form)
			if status != tt.wantStatus {
				t.Errorf("status = %d, want %d; body:\n%.3000s", status, tt.wantStatus, body)
			}
			if loc := h.Get("Location"); tt.wantLocation != "" && (!strings.HasPrefix(loc, tt.wantLocation) || (tt.wantLocation == "/" && loc != "/")) {
				t.Errorf("Location = %q, want %q…", loc, tt.wantLocation)
			}
			for _, c := range tt.contains {
				if !strings.Contains(body, c) {
					t.Errorf("body lacks %q:\n%.3000s", c, body)
				}
			}
		})
	}
	// The two deals raised the total by exactly Rp3 miliar.
	_, _, after := e.do(t, staff, "GET", "/api/v1/reports/summary", nil)
	if !strings.Contains(before, `"transactions_idr": 119000000000`) || !strings.Contains(after, `"transactions_idr": 122000000000`) {
		t.Errorf("summary before:\n%s\nafter:\n%s", before, after)
	}
	// The language is remembered for the user: a new session starts in English.
	fresh := login(t, e.srv, lead)
	res, err := fresh.Get(e.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(b), `<html lang="en">`) || !strings.Contains(string(b), "Dashboard") {
		t.Errorf("a new session of the user is not in English:\n%.1500s", b)
	}
}

func TestCounterpartSeesNoBusinessLinks(t *testing.T) {
	e := newPagesEnv(t)
	for _, path := range []string{"/deals", "/events/1"} {
		status, _, body := e.do(t, dagang.UserCounterpart, "GET", path, nil)
		if status != 200 {
			t.Fatalf("%s: status %d", path, status)
		}
		if strings.Contains(body, `href="/businesses/`) {
			t.Errorf("%s links to business pages the counterpart cannot open", path)
		}
		if !strings.Contains(body, "CV Kemiri Banua") {
			t.Errorf("%s lacks the business it dealt with", path)
		}
	}
}

// TestPagesBadInput sends nonsense to every page: a 4xx with a message,
// never a 500.
func TestPagesBadInput(t *testing.T) {
	e := newPagesEnv(t)
	paths := []string{"/", "/agreements", "/agreements/1", "/commodities", "/businesses", "/businesses/1", "/businesses/1/edit",
		"/businesses/new", "/events", "/events/1", "/events/1/edit", "/events/new", "/deals", "/deals/new", "/audit", "/deals/value-preview"}
	queries := []string{"?sort=%27%3B--", "?offset=-5", "?limit=99999999999999999999", "?q=%ff%fe", "?year=-1", "?view=board&sort=nope",
		"?business_id=abc", "?event_id=1e9", "?province_code=%00", "?value_idr=Rp%20-1%20miliar", "?q=" + strings.Repeat("a", 600)}
	for _, p := range paths {
		for _, q := range queries {
			status, _, body := e.do(t, dagang.UserStaff, "GET", p+q, nil)
			if status >= 500 {
				t.Errorf("GET %s%s: status %d\n%.500s", p, q, status, body)
			}
		}
	}
	for _, p := range []string{"/businesses/abc", "/events/0", "/agreements/-1", "/businesses/99999", "/events/99999/edit"} {
		status, _, _ := e.do(t, dagang.UserStaff, "GET", p, nil)
		if status != 400 && status != 404 {
			t.Errorf("GET %s: status %d, want 400 or 404", p, status)
		}
	}
	forms := []url.Values{
		{"name": {strings.Repeat("x", 6000)}},
		{"products[0].commodity_id": {"-1"}, "products[0].monthly_capacity": {"NaN"}},
		{"products[49].monthly_capacity": {"1e400"}},
		{"value_idr": {"9999999999 triliun"}, "direction": {"sell"}},
		{"deal_date": {"2019-02-30"}, "starts_on": {"kemarin"}, "quota_matching": {"99999999999"}},
	}
	for _, p := range []string{"/businesses", "/businesses/1", "/events", "/events/1", "/deals", "/lang"} {
		for _, f := range forms {
			status, _, body := e.do(t, dagang.UserStaff, "POST", p, f)
			if status >= 500 {
				t.Errorf("POST %s %v: status %d\n%.500s", p, f, status, body)
			}
		}
	}
}

// pageScenario is one GET of a page as a role: the status it must answer
// and the texts its body must and must not hold.
type pageScenario struct {
	name       string
	role       dagang.UserRole
	path       string
	wantStatus int
	contains   []string
	lacks      []string
}

// runPageScenarios runs each scenario as a subtest against e.
func runPageScenarios(t *testing.T, e *pagesEnv, tests []pageScenario) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := e.do(t, tt.role, "GET", tt.path, nil)
			if status != tt.wantStatus {
				t.Errorf("status = %d, want %d; body:\n%.3000s", status, tt.wantStatus, body)
			}
			for _, c := range tt.contains {
				if !strings.Contains(body, c) {
					t.Errorf("body lacks %q:\n%.3000s", c, body)
				}
			}
			for _, c := range tt.lacks {
				if strings.Contains(body, c) {
					t.Errorf("body has %q", c)
				}
			}
		})
	}
}
