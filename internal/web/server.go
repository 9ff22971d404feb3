// Package web serves dagang over HTTP: the HTML pages of the office's web
// application and the JSON API under /api/v1/. Handlers return errors; one
// adapter (errors.go) renders them as a page or as JSON.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/dagang/dagang"
)

// Store is everything the web layer reads and writes. *store.DB implements it.
type Store interface {
	dagang.RegionService
	dagang.OfficeService
	dagang.CommodityService
	dagang.BusinessService
	dagang.OrganisationService
	dagang.ListingService
	dagang.AgreementService
	dagang.TargetService
	dagang.EventService
	dagang.ParticipationService
	dagang.MeetingService
	dagang.DealService
	dagang.UserService
	dagang.AuditService
	dagang.EvidenceService
	dagang.ReportService
	Ping(ctx context.Context) error
}

// Config is the server's configuration, read once by the command and
// passed down.
type Config struct {
	// OfficeID is the office whose records the pages and API show.
	OfficeID int64
	Version  string
	Logger   *slog.Logger
	// Now returns the current time; time.Now when nil.
	Now func() time.Time
}

// Server holds the dependencies of the handlers.
type Server struct {
	cfg   Config
	store Store
	log   *slog.Logger
	pages *pages
}

// NewServer returns the application's HTTP handler.
func NewServer(cfg Config, st Store) (http.Handler, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, store: st, log: cfg.Logger, pages: p}
	mux := http.NewServeMux()
	s.routes(mux)
	var h http.Handler = mux
	h = securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.logRequests(h)
	return h, nil
}
