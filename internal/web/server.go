// Package web serves dagang over HTTP: the HTML pages of the office's web
// application and the JSON API under /api/v1/. Handlers return errors; one
// adapter (errors.go) renders them as a page or as JSON.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime"
	"sync"
	"time"

	"github.com/dagang/dagang"
)

// Config is the server's configuration, read once by the command and
// passed down.
type Config struct {
	Version string
	Logger  *slog.Logger
	// Now returns the current time; time.Now when nil. It is the wall
	// clock of sessions, cookies, signed links, form tokens and rate
	// limits, never of business decisions (Today).
	Now func() time.Time
	// Today is the office's calendar day, on which business is decided:
	// whether an open call still takes applications, which follow-ups
	// are due, the default date of a new record, the year of coverage;
	// dagang.Today (the real day) when nil. The demo re-enacts its 2019
	// story on a day of that year.
	Today func() dagang.Date
	// SecureCookies marks the session cookie Secure: set it when the
	// server is reached over TLS (directly or behind a TLS proxy).
	SecureCookies bool
	// SessionIdle and SessionMax end a session after so long without a
	// request, and so long after login; 2 h and 12 h when zero.
	SessionIdle, SessionMax time.Duration
	// ScheduleTimeLimit caps the meeting scheduler's search when staff
	// schedule an event from a page or the API; 5 s when zero.
	ScheduleTimeLimit time.Duration
	// FollowUpMonths are the months after a deal at which its delivery
	// and payment are followed up; dagang.DefaultFollowUpMonths when empty.
	FollowUpMonths []int
	// WakeJobs, when set, tells the server's job runner that a job was
	// enqueued (jobs.Runner.Wake); without it the runner finds the job at
	// its next poll.
	WakeJobs func()
	// BaseURL is the address users reach the server at
	// (https://dagang.example.go.id), for the links of notifications.
	BaseURL string
	// FormFillTime is the shortest time a person takes to fill a public
	// form (guard.go): one sent sooner after its page was served is a
	// script's. 3 s when zero; negative for none (tests whose clock
	// stands still).
	FormFillTime time.Duration
	// Mail says notifications are sent by e-mail (DAGANG_SMTP_URL);
	// without it they wait in the outbox for staff.
	Mail bool
	// Instance names this server process among the instances that share
	// one database behind a load balancer; every answer carries it as
	// X-Dagang-Instance, and /readyz reports it.
	Instance string
	// JobsReady, when set, says whether this instance's job runner is
	// working (jobs.Runner.Ready); /readyz answers 503 when it is not.
	JobsReady func() error
	// TrustedProxies are the reverse proxies and load balancers in front
	// of the server (proxy.go): a request from one of them is counted
	// under the client address it reports in X-Forwarded-For. Empty: the
	// header is never believed.
	TrustedProxies []netip.Prefix
}

// Server holds the dependencies of the handlers.
type Server struct {
	cfg Config
	stores
	log   *slog.Logger
	pages *pages
	table []Route // every route with its rule (access.go)
	h     http.Handler
	// verifying holds a place for each password check under way
	// (login.go).
	verifying chan struct{}
	// lane admits the anonymous posts after the signed-in requests
	// (lane.go, guard.go).
	lane *lane
	// calls holds the open calls read lately (page_opencall.go).
	calls calls
	// secrets caches the deployment's secrets (ratelimit.go).
	secrets sync.Map // string → []byte
	// Imports running in the background (page_laporan.go).
	// officeNames caches the offices' names for the page header (an
	// office is never renamed; one added later is read at its first page).
	officeNames sync.Map // int64 → string
}

// NewServer returns the application's HTTP handler.
func NewServer(cfg Config, st Store) (http.Handler, error) {
	s, err := New(cfg, st)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// ServeHTTP serves the application.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.h.ServeHTTP(w, r) }

// New returns the application's server; unlike NewServer it gives access
// to the route table (Routes).
func New(cfg Config, st Store) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Today == nil {
		cfg.Today = dagang.Today
	}
	if cfg.SessionIdle <= 0 {
		cfg.SessionIdle = defaultSessionIdle
	}
	if cfg.SessionMax <= 0 {
		cfg.SessionMax = defaultSessionMax
	}
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, stores: newStores(st), log: cfg.Logger, pages: p,
		verifying: make(chan struct{}, max(1, runtime.NumCPU()/2)), lane: newLane(publicFormSlots(), publicFormQueue, runtime.GOMAXPROCS(0), publicFormRest)}
	rt := &router{s: s, mux: http.NewServeMux()}
	s.routes(rt)
	s.table = rt.routes
	// Cross-site request protection for every state-changing request:
	// browsers' Sec-Fetch-Site/Origin must name this site. Scripts with a
	// token send neither header and pass.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, dagang.Errorf(dagang.EFORBIDDEN, "permintaan lintas situs ditolak", "cross-site request rejected"))
	}))
	var h http.Handler = cop.Handler(rt.mux)
	h = s.identify(h)
	h = securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.logRequests(h)
	h = trustForwarded(cfg.TrustedProxies, h)
	s.h = h
	return s, nil
}

// today is the office's calendar day (Config.Today).
func (s *Server) today() dagang.Date { return s.cfg.Today() }

// officeOf is the office whose records a request reads and writes: the
// acting user's. A request without one (a public page) has none: 0, which
// owns no record.
func officeOf(ctx context.Context) int64 {
	if u := dagang.UserFromContext(ctx); u != nil {
		return u.OfficeID
	}
	return 0
}

// officeName is the name of the request's office, "" for an anonymous
// request (or, logged, when it cannot be read: the header is no reason to
// fail a page).
func (s *Server) officeName(ctx context.Context) string {
	id := officeOf(ctx)
	if id == 0 {
		return ""
	}
	if n, ok := s.officeNames.Load(id); ok {
		return n.(string)
	}
	o, err := s.sessions.FindOfficeByID(ctx, id)
	if err != nil {
		s.log.ErrorContext(ctx, "office of the page header", "office", id, "err", err)
		return ""
	}
	s.officeNames.Store(id, o.Name)
	return o.Name
}
