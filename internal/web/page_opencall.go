package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/delegation"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/mission"
)

// The public pages of open calls (no login): /terbuka lists the events
// open for applications across the deployment's offices, /terbuka/{id}
// tells one (what the destination needs, who may apply, the deadline,
// how the delegation is chosen), /daftar registers a business of the home
// province and applies in the same flow, and /daftar/verifikasi confirms
// its e-mail address by the signed link the outbox sent. Nothing private
// is shown: no business, no contact, no id but the event's.

// Public pages read across offices on purpose: the listing for the whole
// deployment, each event's call and registration in its own office.
const (
	reasonOpenCalls    = "public list of open calls"
	reasonOpenCall     = "public page of an open call"
	reasonRegistration = "signed link of a self-registration"
)

// callView is an open call as its public page shows it.
type callView struct {
	*mission.Call
	Host     string // the destination province's name
	Home     string // the home province's name
	Open     bool   // applications are taken today
	Needs    []string
	Who      string
	Choose   []string // how the delegation is chosen, sentence by sentence
	Deadline string
	Desc     string // the meta description
}

// publicEvent finds an event that may be shown to the public: any but a
// planned one (not announced yet), which is missing like an unknown id.
func (s *Server) publicEvent(ctx context.Context, id int64) (*dagang.Event, error) {
	e, err := s.openCalls.FindEventByID(dagang.NewContextForDeployment(ctx, reasonOpenCall), id)
	if err == nil && e.Status == dagang.EventPlanned {
		err = dagang.Errorf(dagang.ENOTFOUND, "kegiatan %d tidak ditemukan", "event %d not found", id)
	}
	return e, err
}

// openCallTTL is how long an event's open call, once read, serves its
// public pages and forms. Reading a call ranks the destination over the
// statistics of every province (tens of milliseconds of processor); kept
// for a minute, a page or a registration costs a few milliseconds and a
// flood of them little. A change of the event itself (its version) is
// seen at once; a change of the destination's needs or of the catalogue
// within the minute. Whether applications are still taken is checked in
// the registration's own transaction.
const openCallTTL = time.Minute

// calls holds the open calls read within openCallTTL, by event.
type calls struct {
	mu sync.Mutex
	m  map[int64]*cachedCall
}

// cachedCall is one event's call as of its version; ready is closed once
// c or err is set, so concurrent readers of a missing call read it once.
type cachedCall struct {
	version int64
	until   time.Time
	ready   chan struct{}
	c       *mission.Call
	err     error
}

// openCall returns the open call of e, read in e's office, from calls
// when it was read within openCallTTL at e's version.
func (s *Server) openCall(ctx context.Context, e *dagang.Event) (*mission.Call, error) {
	now := time.Now()
	s.calls.mu.Lock()
	cc := s.calls.m[e.ID]
	if cc == nil || cc.version != e.Version || now.After(cc.until) {
		if s.calls.m == nil || len(s.calls.m) >= 256 {
			s.calls.m = map[int64]*cachedCall{}
		}
		cc = &cachedCall{version: e.Version, until: now.Add(openCallTTL), ready: make(chan struct{})}
		s.calls.m[e.ID] = cc
		s.calls.mu.Unlock()
		// Read for every reader waiting: not ended by the first one leaving.
		cc.c, cc.err = mission.OpenCall(dagang.NewContextWithOffice(context.WithoutCancel(ctx), e.OfficeID), s.openCalls, e)
		if cc.err != nil {
			s.calls.mu.Lock()
			if s.calls.m[e.ID] == cc {
				delete(s.calls.m, e.ID)
			}
			s.calls.mu.Unlock()
		}
		close(cc.ready)
	} else {
		s.calls.mu.Unlock()
		select {
		case <-cc.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if cc.err != nil {
		return nil, cc.err
	}
	c := *cc.c
	c.Event = e
	return &c, nil
}

// callOf reads the open call of an event in its office, worded in lang.
func (s *Server) callOf(ctx context.Context, e *dagang.Event, lang string) (*callView, error) {
	c, err := s.openCall(ctx, e)
	if err != nil {
		return nil, err
	}
	v := &callView{Call: c, Open: e.AcceptsApplications(s.today())}
	provinces, err := s.provincesByCode(ctx)
	if err != nil {
		return nil, err
	}
	v.Host, v.Home = provinceName(provinces, e.HostProvince), provinceName(provinces, c.Office.HomeProvince)
	for _, n := range c.Needed {
		v.Needs = append(v.Needs, n.Name)
	}
	v.Who = locale.Msg(lang, "opencall.who", v.Home)
	v.Choose = choosing(lang, c.Policy)
	pd := pageData{Lang: lang}
	if !e.ApplyBy.IsZero() {
		v.Deadline = pd.Date(e.ApplyBy)
	}
	v.Desc = locale.Msg(lang, "opencall.meta", pd.Label(e.Kind), v.Host, pd.Date(e.StartsOn), v.Home)
	return v, nil
}

func provinceName(byCode map[string]*dagang.Province, code string) string {
	if p := byCode[code]; p != nil {
		return p.Name
	}
	return code
}

// choosing says in plain words how the delegation is chosen under p.
func choosing(lang string, p delegation.Policy) []string {
	out := []string{locale.Msg(lang, "opencall.choose", p.Quota[delegation.RoleMatching], p.Quota[delegation.RoleExhibitor])}
	if p.RotationYears > 0 {
		key := "opencall.rotation_exclude"
		if p.RotationMode == delegation.RotationPenalty {
			key = "opencall.rotation_penalty"
		}
		out = append(out, locale.Msg(lang, key, p.RotationYears))
	}
	if p.MaxPerRegency > 0 {
		out = append(out, locale.Msg(lang, "opencall.spread", p.MaxPerRegency))
	}
	return out
}

// openCallsPage is the data of /terbuka.
type openCallsPage struct {
	Calls []*callView
	Meta  publicMeta
}

// publicMeta is what an indexable page tells search engines.
type publicMeta struct {
	Title, Description, Canonical, English, Indonesian string
}

// meta describes the public page at path.
func (s *Server) meta(r *http.Request, path, title, desc string) publicMeta {
	base := strings.TrimRight(s.cfg.BaseURL, "/")
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	m := publicMeta{Title: title, Description: desc, Canonical: base + path, English: base + path + "?lang=en", Indonesian: base + path + "?lang=id"}
	if langOf(r) == "en" {
		m.Canonical = m.English
	}
	return m
}

func (s *Server) handleOpenCalls(w http.ResponseWriter, r *http.Request) error {
	lang := langOf(r)
	es, _, err := s.openCalls.FindEvents(dagang.NewContextForDeployment(r.Context(), reasonOpenCalls),
		dagang.EventFilter{Status: dagang.EventOpen, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit, Sort: "starts_on"}})
	if err != nil {
		return err
	}
	d := openCallsPage{}
	for _, e := range es {
		c, err := s.callOf(r.Context(), e, lang)
		if err != nil {
			return err
		}
		d.Calls = append(d.Calls, c)
	}
	d.Meta = s.meta(r, "/terbuka", translate(lang, "Kegiatan yang membuka pendaftaran"), translate(lang, "Misi dagang, temu bisnis dan pameran yang membuka pendaftaran bagi pelaku usaha daerah: tujuan, tanggal, kebutuhan tuan rumah, syarat dan batas pendaftaran."))
	s.renderPage(w, r, http.StatusOK, "terbuka", d)
	return nil
}

// openCallPage is the data of /terbuka/{id}.
type openCallPage struct {
	C    *callView
	Meta publicMeta
}

func (s *Server) handleOpenCall(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.publicEvent(r.Context(), id)
	if err != nil {
		return err
	}
	c, err := s.callOf(r.Context(), e, langOf(r))
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "terbuka_kegiatan", openCallPage{C: c, Meta: s.meta(r, "/terbuka/"+strconv.FormatInt(e.ID, 10), e.Name, c.Desc)})
	return nil
}

// registrationLabels names the fields of /daftar: the business form's,
// and the event and role applied for.
var registrationLabels = func() map[string]string {
	m := map[string]string{"event_id": "Kegiatan", "role": "Ikut sebagai", "products": "Produk"}
	for k, v := range businessLabels {
		m[k] = v
	}
	return m
}()

// registrationGuard guards /daftar (guard.go). Every post counts, refused
// or not: thirty an hour from one address lets an office help a room of
// businesses register on one venue's network; ten an hour for one e-mail
// lets a person correct the form several times, while nobody can have
// more than a few verification messages sent to someone else's inbox.
var registrationGuard = publicForm{name: "daftar", maxBody: 64 << 10, token: true,
	fieldMax: map[string]int{"event_id": 20, "role": 20, "name": 300, "regency_code": 10, "size_class": 20, "nib": 20,
		"products[].commodity_id": 64, "products[].monthly_capacity": 24, "products[].unit": 24,
		"contact_name": 120, "email": 254, "whatsapp": 32},
	perAddress: rateLimit{"daftar-address", 30, time.Hour}, perEmail: rateLimit{"daftar-email", 10, time.Hour}, emailField: "email"}

// registrationBudget bounds the registrations the whole deployment stores
// in a minute, whatever the addresses and e-mails they come from: each is
// a row for the staff's queue and an e-mail sent to an address nobody has
// confirmed yet. Thirty a minute is far above what an announcement brings
// (registrations trickle in over days), and stops a flood spread over
// many addresses at thirty rows and messages a minute.
var registrationBudget = rateLimit{"daftar-deployment", 30, time.Minute}

// registerInBudget runs store, which stores one registration, when the
// deployment's budget has room: a refusal is ETOOMANY with Retry-After
// and stores nothing; a registration that is not stored gives its place
// back.
func (s *Server) registerInBudget(w http.ResponseWriter, r *http.Request, store func() error) error {
	now := s.cfg.Now()
	buckets, wait, err := s.takeHits(r.Context(), now, hit{registrationBudget, "all"})
	if err != nil {
		return err
	}
	if wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		id, en := locale.Both("error.rate.registrations", registrationBudget.n, int((wait+time.Second-1)/time.Second))
		return &dagang.Error{Code: dagang.ETOOMANY, Message: id, MessageEN: en}
	}
	if err := store(); err != nil {
		if rerr := s.limits.RateRefund(r.Context(), buckets[0], now); rerr != nil {
			return rerr
		}
		return err
	}
	return nil
}

// verifyPerAddress limits the e-mail links followed from one address.
var verifyPerAddress = rateLimit{"verify-address", 30, time.Hour}

// registrationRows is how many product rows /daftar offers.
const registrationRows = 3

// registrationForm is the data of /daftar.
type registrationForm struct {
	Form       *form
	C          *callView
	Rows       []productRow
	Roles      []option
	Regencies  []option
	Sizes      []option
	Commoditys []option
	Meta       publicMeta
	Guard      guardView
}

// registrationEvent reads the event /daftar applies to (?event= or the
// posted event_id).
func (s *Server) registrationEvent(r *http.Request, raw string) (*dagang.Event, error) {
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return nil, invalidField("event_id", "pilih kegiatan dari halaman /terbuka", "choose an event on the /terbuka page")
	}
	return s.publicEvent(r.Context(), id)
}

func (s *Server) renderRegistration(w http.ResponseWriter, r *http.Request, status int, f *form, e *dagang.Event) error {
	c, err := s.callOf(r.Context(), e, f.lang)
	if err != nil {
		return err
	}
	d := registrationForm{Form: f, C: c, Sizes: enumOptions(f.lang, "— pilih —", sizeClasses),
		Meta: s.meta(r, "/daftar", translate(f.lang, "Daftar dan lamar"), c.Desc)}
	for _, role := range []dagang.Role{dagang.RoleMatching, dagang.RoleExhibitor} {
		if c.Policy.Quota[delegation.Role(role)] > 0 {
			d.Roles = append(d.Roles, option{string(role), pageData{Lang: f.lang}.Label(role)})
		}
	}
	d.Regencies = []option{{"", translate(f.lang, "— pilih —")}}
	for _, rg := range c.Regencies {
		d.Regencies = append(d.Regencies, option{rg.Code, rg.Name})
	}
	// The commodities the destination needs first, then the catalogue,
	// each by its slug.
	d.Commoditys = []option{{"", translate(f.lang, "— pilih —")}}
	needed := map[string]bool{}
	for _, n := range c.Needed {
		needed[n.Slug] = true
		d.Commoditys = append(d.Commoditys, option{n.Slug, n.Name + " ★"})
	}
	for _, n := range c.Catalogue() {
		if !needed[n.Slug] {
			d.Commoditys = append(d.Commoditys, option{n.Slug, n.Name})
		}
	}
	for i := 0; i < registrationRows; i++ {
		d.Rows = append(d.Rows, productRow{I: i, N: i + 1})
	}
	if d.Guard, err = s.guardFor(r.Context(), registrationGuard); err != nil {
		return err
	}
	s.renderPage(w, r, status, "daftar", d)
	return nil
}

func (s *Server) handleRegistrationForm(w http.ResponseWriter, r *http.Request) error {
	e, err := s.registrationEvent(r, r.URL.Query().Get("event"))
	if err != nil {
		return err
	}
	f := newForm(r, registrationLabels, url.Values{"event_id": {strconv.FormatInt(e.ID, 10)}, "role": {string(dagang.RoleMatching)}, "size_class": {string(dagang.SizeMicro)}})
	return s.renderRegistration(w, r, http.StatusOK, f, e)
}

// readRegistration fills reg from the posted form; the public form
// names commodities by their slugs, not by the catalogue's ids.
func readRegistration(f *form, reg *dagang.Registration, c *mission.Call) []int {
	reg.Role = dagang.Role(f.str("role"))
	reg.Name, reg.NIB, reg.RegencyCode = f.str("name"), f.str("nib"), f.str("regency_code")
	reg.Size = dagang.SizeClass(f.str("size_class"))
	reg.Person, reg.Email, reg.WhatsApp = f.str("contact_name"), f.str("email"), f.str("whatsapp")
	var rows []int
	reg.Products, rows = readProducts(f, registrationRows, func(name string) int64 {
		slug := f.str(name)
		id, ok := c.CommodityID(slug)
		if slug != "" && !ok {
			f.v.Add(name, "pilihan tidak valid", "invalid choice")
		}
		return id
	})
	reg.Lang = f.lang
	return rows
}

func (s *Server) handleRegistrationCreate(w http.ResponseWriter, r *http.Request) error {
	f, gerr := s.readPublicForm(w, r, registrationGuard, registrationLabels)
	if f == nil {
		return gerr
	}
	e, err := s.registrationEvent(r, f.Get("event_id"))
	if err != nil {
		return err
	}
	if gerr != nil {
		// Refused by the guard: the form again as typed, with a fresh
		// token; nothing is stored.
		status, err := f.refused(gerr)
		if err != nil {
			return err
		}
		return s.renderRegistration(w, r, status, f, e)
	}
	ctx := dagang.NewContextWithOffice(r.Context(), e.OfficeID)
	c, err := s.openCall(ctx, e)
	if err != nil {
		return err
	}
	reg := &dagang.Registration{}
	rows := readRegistration(f, reg, c)
	key, err := s.verifyKey(ctx)
	if err != nil {
		return err
	}
	if err = f.check(nil); err == nil {
		err = s.registerInBudget(w, r, func() error {
			return renumberRows(mission.Register(ctx, s.openCalls, c, reg, s.today(), func(id int64) (string, time.Time) { return mission.VerifyLink(key, id, s.cfg.Now()) }), "products", rows)
		})
	}
	if err != nil {
		status, err := f.refused(err)
		if err != nil {
			return err
		}
		return s.renderRegistration(w, r, status, f, e)
	}
	http.Redirect(w, r, "/daftar/terkirim?event="+strconv.FormatInt(e.ID, 10), http.StatusSeeOther)
	return nil
}

// handleRegistrationSent tells the applicant to open the link in the
// e-mail; it names nothing of the registration.
func (s *Server) handleRegistrationSent(w http.ResponseWriter, r *http.Request) error {
	e, err := s.registrationEvent(r, r.URL.Query().Get("event"))
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "daftar_terkirim", map[string]any{"Event": e, "Mail": s.cfg.Mail})
	return nil
}

// verifyKey is the key that signs the e-mail links of registrations,
// read before the registration's transaction (the secret is made at its
// first use, in a transaction of its own).
func (s *Server) verifyKey(ctx context.Context) ([]byte, error) {
	return s.openCalls.ServerSecret(ctx, mission.VerifySecret)
}

// verifiedPage is the data of /daftar/verifikasi.
type verifiedPage struct {
	Reg     *dagang.Registration
	Event   *dagang.Event
	Verdict mission.Verdict
}

func (s *Server) handleRegistrationVerify(w http.ResponseWriter, r *http.Request) error {
	if err := s.limitAddress(w, r, verifyPerAddress); err != nil {
		return err
	}
	key, err := s.verifyKey(r.Context())
	if err != nil {
		return err
	}
	id, ok := mission.VerifiedID(key, r.URL.Query(), s.cfg.Now())
	if !ok {
		return dagang.Errorf(dagang.EINVALID, "tautan verifikasi tidak sah atau sudah kedaluwarsa; daftar lagi atau hubungi dinas", "the verification link is not valid or has expired; register again or contact the office")
	}
	reg, err := s.openCalls.FindRegistrationByID(dagang.NewContextForDeployment(r.Context(), reasonRegistration), id)
	if err != nil {
		return err
	}
	ctx := dagang.NewContextWithOffice(r.Context(), reg.OfficeID)
	if reg, err = s.openCalls.VerifyRegistration(ctx, id, dagang.VerifiedByEmail); err != nil {
		return err
	}
	e, err := s.openCalls.FindEventByID(ctx, reg.EventID)
	if err != nil {
		return err
	}
	c, err := s.openCall(ctx, e)
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "daftar_verifikasi", verifiedPage{Reg: reg, Event: e, Verdict: c.Judge(reg)})
	return nil
}

// callFacts is what the "callfacts" template draws: one call, in the
// page's language.
type callFacts struct {
	P pageData
	C *callView
}

// Facts hands one call to the "callfacts" template.
func (p pageData) Facts(c *callView) callFacts { return callFacts{P: p, C: c} }
