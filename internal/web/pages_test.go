package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/web"
)

// pagesEnv is the demo server with a logged-in client per role.
type pagesEnv struct {
	*demoEnv
	clients map[dagang.UserRole]*http.Client
}

func newPagesEnv(t *testing.T) *pagesEnv {
	t.Helper()
	e := &pagesEnv{demoEnv: newDemoEnv(t, nil), clients: map[dagang.UserRole]*http.Client{}}
	for _, role := range web.AllRoles {
		e.clients[role] = login(t, e.srv, role)
	}
	return e
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
	tests := []struct {
		name       string
		role       dagang.UserRole
		path       string
		wantStatus int
		contains   []string
		lacks      []string
	}{
		{"dashboard", staff, "/", 200, []string{"Rp119 miliar", "3 kegiatan", "contoh", "data-chart", "/static/vendor/echarts.min.js", "Target 2019"}, nil},
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
		{"another business", business, "/businesses/" + id(other), 403, []string{"Akses ditolak"}, nil},
		{"another business's edit page", business, "/businesses/" + id(other) + "/edit", 403, []string{"Akses ditolak"}, nil},
		{"own edit page", business, "/businesses/" + id(biz) + "/edit", 200, []string{`name="products[0].commodity_id"`}, nil},
		{"new business: leadership reads only", lead, "/businesses/new", 403, nil, nil},
		{"new business", staff, "/businesses/new", 200, []string{`action="/businesses"`, "Nama usaha"}, nil},
		{"events", staff, "/events?sort=starts_on", 200, []string{"Temu Bisnis"}, nil},
		{"event", staff, "/events/1", 200, []string{"Peserta", "Jadwal pertemuan", "Rp"}, nil},
		{"event edit", staff, "/events/1/edit", 200, []string{`name="quota_matching"`}, nil},
		{"deals", staff, "/deals?direction=buy", 200, []string{"Menampilkan 1–6 dari 6", "Pembelian"}, nil},
		{"deals of a business user", business, "/deals", 200, nil, []string{"Menampilkan 1–20"}},
		{"deal form", staff, "/deals/new", 200, []string{`name="value_idr"`, "1,5 miliar"}, nil},
		{"deal form: business users do not record", business, "/deals/new", 403, nil, nil},
		{"audit", lead, "/audit?entity=deal", 200, []string{"Transaksi #", "value_idr"}, nil},
		{"audit: not for business", business, "/audit", 403, nil, nil},
		{"nav of a business user", business, "/commodities", 200, []string{"Profil Usaha"}, []string{`href="/audit"`, `href="/agreements"`}},
	}
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
