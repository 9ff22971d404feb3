package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/money"
)

// pageTitle names the page of template name in Indonesian (T translates
// it): the catalogue's message page.NAME, empty for a page without one.
func pageTitle(name string) string {
	if !locale.Has("page." + name) {
		return ""
	}
	return locale.Msg(locale.ID, "page."+name)
}

// navItem is one entry of the main navigation.
type navItem struct {
	Href, Label string
	Current     bool
}

// officeRoles are the roles of an office's own work (all but national).
var officeRoles = []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership, dagang.UserBusiness, dagang.UserCounterpart}

// navSections is the main navigation in order; viewers lists the roles
// that see each section (empty: everyone signed in).
var navSections = []struct {
	href, label string
	viewers     []dagang.UserRole
}{
	{"/", "Dasbor", officeRoles},
	{"/nasional", "Nasional", []dagang.UserRole{dagang.UserNational}},
	{"/agreements", "Mitra & Kerja Sama", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
	{"/partners/rank", "Calon Mitra", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
	{"/commodities", "Komoditas", nil},
	{"/businesses", "Pelaku Usaha", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership, dagang.UserBusiness}},
	{"/events", "Kegiatan", officeRoles},
	{"/deals", "Transaksi", officeRoles},
	{"/pendaftaran", "Pendaftaran Mandiri", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
	{"/reach", "Jangkauan", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
	{"/laporan", "Laporan", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
	{"/audit", "Audit", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
	{"/outbox", "Pesan Keluar", []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}},
	{"/glosarium", "Glosarium", nil},
}

// pageData is what the layout needs besides the page's own data. Its
// methods format values in the page's language.
type pageData struct {
	Title string
	Lang  string
	Path  string // the request's path, to mark the current section
	Here  string // the request's path and query, to come back to
	User  *dagang.User
	// Office is the name of the viewer's office, shown in the header: one
	// server serves every office of its database.
	Office string
	Data   any
	Flash  string // what the last save did, shown once (flash.go)
	page   string // the template's name
}

func newPageData(r *http.Request, name string, data any) pageData {
	return pageData{Title: pageTitle(name), Lang: langOf(r), Path: r.URL.Path, Here: r.URL.RequestURI(), User: dagang.UserFromContext(r.Context()), Data: data, page: name}
}

// offlineDayPages are the pages of the event day that work without a
// network once loaded (offline.go): check-in and meeting marks, the agenda
// by table, deal entry, and a participant's own agenda.
var offlineDayPages = map[string]bool{"checkin": true, "agenda": true, "deal_form": true, "agenda_person": true}

// OfflineDay reports whether the page is one of the event day's, kept on
// the phone with its writes queued while the network is down.
func (p pageData) OfflineDay() bool { return p.User != nil && offlineDayPages[p.page] }

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

// OfficePerson reports whether the viewer is one of the office's own
// people (admin, staff, leadership), who see the deals from partners.
func (p pageData) OfficePerson() bool {
	return p.User != nil && hasRole(p.User, dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership)
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

func translate(lang, id string) string { return locale.T(lang, id) }

// Date writes a calendar day: 2 Januari 2019 or 2 January 2019.
func (p pageData) Date(d dagang.Date) string { return formatDate(p.Lang, d) }

// When writes a moment as its day and local time: 2 Januari 2019 14.05.
func (p pageData) When(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return locale.When(p.Lang, t.Local())
}

// Rp writes rupiah in full: Rp1.500.000.000 (IDR 1,500,000,000 in English).
func (p pageData) Rp(v int64) string { return money.In(p.Lang, v) }

// RpShort writes rupiah briefly: Rp1,5 miliar (IDR 1.5 billion).
func (p pageData) RpShort(v int64) string { return money.ShortIn(p.Lang, v) }

// Num writes a number with Indonesian separators: 1.250,5 (1,250.5 in
// English), at most two decimals.
func (p pageData) Num(v any) string {
	switch x := v.(type) {
	case int:
		return locale.Int(p.Lang, int64(x))
	case int64:
		return locale.Int(p.Lang, x)
	case float64:
		return locale.Number(p.Lang, x, -1)
	}
	return fmt.Sprint(v)
}

// Dec writes x with the given number of decimals: 1,606 (1.606 in
// English).
func (p pageData) Dec(x float64, decimals int) string { return locale.Number(p.Lang, x, decimals) }

// Pct writes a share (0.246) as a percentage: 24,6% (24.6% in English).
func (p pageData) Pct(share float64, decimals int) string {
	return locale.Percent(p.Lang, share, decimals)
}

// Km writes a distance in whole kilometres: 1.566 km (1,566 km).
func (p pageData) Km(km float64) string { return locale.Distance(p.Lang, km) }

// Label names one of the domain's enum values in the page's language.
func (p pageData) Label(v any) string { return locale.Label(p.Lang, fmt.Sprint(v)) }

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
