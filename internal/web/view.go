package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

// pageTitles names every page in Indonesian; T translates them.
var pageTitles = map[string]string{
	"dashboard":     "Dasbor",
	"error":         "Kesalahan",
	"agreements":    "Mitra & Kerja Sama",
	"agreement":     "Kerja Sama",
	"commodities":   "Komoditas",
	"businesses":    "Pelaku Usaha",
	"business":      "Pelaku Usaha",
	"business_form": "Pelaku Usaha",
	"events":        "Kegiatan",
	"event":         "Kegiatan",
	"event_form":    "Kegiatan",
	"deals":         "Transaksi",
	"deal":          "Transaksi",
	"deal_form":     "Catat Transaksi",
	"audit":         "Audit",
	"login":         "Masuk",

	// Partner analysis, delegations and reach (issues 4 and 5).
	"partners_rank":      "Peringkat Calon Mitra",
	"agreement_workflow": "Tahap dan Dokumen Kerja Sama",
	"delegation":         "Delegasi",
	"reach":              "Jangkauan Pelaku Usaha",
	"simulate":           "Simulasi Rotasi",

	// Statistics coverage (issue 22).
	"statistics_coverage": "Cakupan Data Statistik",
}

// navItem is one entry of the main navigation.
type navItem struct {
	Href, Label string
	Current     bool
}

// navSections is the main navigation in order; viewers lists the roles
// that see each section (empty: everyone signed in).
var navSections = []struct {
	href, label string
	viewers     []dagang.UserRole
}{
	{"/", "Dasbor", nil},
	{"/agreements", "Mitra & Kerja Sama", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
	{"/partners/rank", "Calon Mitra", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
	{"/commodities", "Komoditas", nil},
	{"/businesses", "Pelaku Usaha", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership, dagang.UserBusiness}},
	{"/events", "Kegiatan", nil},
	{"/deals", "Transaksi", nil},
	{"/reach", "Jangkauan", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
	{"/laporan", "Laporan", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
	{"/audit", "Audit", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
}

// pageData is what the layout needs besides the page's own data. Its
// methods format values in the page's language.
type pageData struct {
	Title string
	Lang  string
	Path  string // the request's path, to mark the current section
	Here  string // the request's path and query, to come back to
	User  *dagang.User
	Data  any
}

func newPageData(r *http.Request, name string, data any) pageData {
	return pageData{Title: pageTitles[name], Lang: langOf(r), Path: r.URL.Path, Here: r.URL.RequestURI(), User: dagang.UserFromContext(r.Context()), Data: data}
}

// Nav returns the navigation entries the viewer may open.
func (p pageData) Nav() []navItem {
	if p.User == nil {
		return nil
	}
	var items []navItem
	for _, s := range navSections {
		if len(s.viewers) > 0 && !hasRole(p.User, s.viewers...) {
			continue
		}
		href, label := s.href, s.label
		if href == "/businesses" && p.User.Role == dagang.UserBusiness {
			// A business sees only its own profile.
			href, label = "/businesses/"+strconv.FormatInt(p.User.BusinessID, 10), "Profil Usaha"
		}
		cur := p.Path == href || (href != "/" && strings.HasPrefix(p.Path, s.href))
		items = append(items, navItem{Href: href, Label: p.T(label), Current: cur})
	}
	return items
}

// CanWrite reports whether the viewer may change office records (not
// leadership, which reads only).
func (p pageData) CanWrite() bool {
	return p.User != nil && hasRole(p.User, dagang.UserAdmin, dagang.UserStaff)
}

// CanSeeBusiness reports whether the viewer may open business id's page:
// the office's people, and the business itself.
func (p pageData) CanSeeBusiness(id int64) bool {
	return canSeeBusiness(p.User, id)
}

func canSeeBusiness(u *dagang.User, id int64) bool {
	return u != nil && (hasRole(u, dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership) || (u.Role == dagang.UserBusiness && u.BusinessID == id))
}

// EN reports whether the page is in English.
func (p pageData) EN() bool { return p.Lang == "en" }

// T translates an Indonesian text of the interface into the page's
// language; texts without a translation stay Indonesian.
func (p pageData) T(id string) string { return translate(p.Lang, id) }

func translate(lang, id string) string {
	if lang == "en" {
		if en, ok := english[id]; ok {
			return en
		}
	}
	return id
}

var monthsEN = []string{"", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// Date writes a calendar day: 2 Januari 2019 or 2 January 2019.
func (p pageData) Date(d dagang.Date) string {
	if p.Lang == "en" && !d.IsZero() {
		return fmt.Sprintf("%d %s %d", d.Day, monthsEN[d.Month], d.Year)
	}
	return formatDate(d)
}

// When writes a moment as its day and local time: 2 Januari 2019 14.05.
func (p pageData) When(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	t = t.Local()
	sep := "."
	if p.Lang == "en" {
		sep = ":"
	}
	return p.Date(dagang.DateOf(t)) + " " + fmt.Sprintf("%02d%s%02d", t.Hour(), sep, t.Minute())
}

// Rp writes rupiah in full: Rp1.500.000.000 (IDR 1,500,000,000 in English).
func (p pageData) Rp(v int64) string {
	if p.Lang == "en" {
		return "IDR " + strings.ReplaceAll(strings.TrimPrefix(money.Format(v), "Rp"), ".", ",")
	}
	return money.Format(v)
}

// RpShort writes rupiah briefly: Rp1,5 miliar (IDR 1.5 billion).
func (p pageData) RpShort(v int64) string {
	if p.Lang == "en" {
		return money.ShortEN(v)
	}
	return money.Short(v)
}

// Num writes a number with Indonesian separators: 1.250,5 (1,250.5 in
// English), at most two decimals.
func (p pageData) Num(v any) string {
	var s string
	switch x := v.(type) {
	case int:
		s = strconv.Itoa(x)
	case int64:
		s = strconv.FormatInt(x, 10)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
		if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i > 3 {
			s = strconv.FormatFloat(x, 'f', 2, 64)
		}
	default:
		return fmt.Sprint(v)
	}
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	thou, dec := ".", ","
	if p.Lang == "en" {
		thou, dec = ",", "."
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(thou)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(dec + frac)
	}
	return b.String()
}

// Label translates one of the domain's enum values.
func (p pageData) Label(v any) string {
	var id string
	switch x := v.(type) {
	case dagang.AgreementStage:
		id = x.Label()
	case dagang.Direction:
		id = x.Label()
	case dagang.EventKind:
		id = x.Label()
	case dagang.Stage:
		id = x.Label()
	default:
		id = enumLabels[fmt.Sprint(v)]
		if id == "" {
			id = fmt.Sprint(v)
		}
	}
	return p.T(id)
}

// enumLabels names enum values that have no Label method in the domain.
var enumLabels = map[string]string{
	"indication": "Indikasi", "loi": "Surat minat (LoI)", "contract": "Kontrak", "realised": "Terealisasi",
	"pending": "Menunggu", "confirmed": "Dikonfirmasi", "rejected": "Ditolak",
	"planned": "Direncanakan", "open": "Pendaftaran dibuka", "delegation_set": "Delegasi ditetapkan", "held": "Terlaksana", "follow_up": "Tindak lanjut", "closed": "Selesai",
	"matching": "Temu bisnis", "exhibitor": "Pameran", "buyer": "Pembeli",
	"applied": "Mendaftar", "selected": "Terpilih", "attended": "Hadir",
	"mikro": "Mikro", "kecil": "Kecil", "menengah": "Menengah", "besar": "Besar",
	"association": "Asosiasi", "government": "Pemerintah",
	"new_partners": "Provinsi mitra baru", "transaction_value": "Nilai transaksi", "businesses_reached": "Pelaku usaha dijangkau",
	"admin": "Admin", "staff": "Staf", "leadership": "Pimpinan", "business": "Pelaku usaha", "counterpart": "Mitra",
	"create": "Buat", "update": "Ubah", "delete": "Hapus", "move": "Pindah tahap", "realisation": "Realisasi",
	"offer": "Penawaran", "need": "Kebutuhan",
}

// JSON encodes v for a data attribute read by app.js.
func (p pageData) JSON(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

func hasRole(u *dagang.User, roles ...dagang.UserRole) bool {
	for _, r := range roles {
		if u.Role == r {
			return true
		}
	}
	return false
}
