package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dagang/dagang"
)

// params reads query parameters, collecting a field error for every value
// that does not parse.
type params struct {
	r *http.Request
	v dagang.Validation
}

func (p *params) str(name string) string {
	s := p.r.URL.Query().Get(name)
	if !utf8.ValidString(s) || len(s) > 500 {
		p.v.Add(name, "nilai tidak valid (teks UTF-8, maks. 500 karakter)", "invalid value (UTF-8 text, at most 500 characters)")
		return ""
	}
	return strings.TrimSpace(s)
}

func (p *params) int64(name string) int64 {
	s := p.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		p.v.Add(name, "harus bilangan bulat tidak negatif", "must be a non-negative whole number")
		return 0
	}
	return n
}

func (p *params) int(name string) int {
	n := p.int64(name)
	if n > 1<<31-1 {
		p.v.Add(name, "angka terlalu besar", "number too large")
		return 0
	}
	return int(n)
}

// flag reads a yes/no parameter: true or 1, false, 0 or absent.
func (p *params) flag(name string) bool {
	switch p.str(name) {
	case "", "false", "0":
		return false
	case "true", "1":
		return true
	}
	p.v.Add(name, "harus true atau false", "must be true or false")
	return false
}

// list reads the paging parameters every list accepts.
func (p *params) list() dagang.ListOptions {
	return dagang.ListOptions{Offset: p.int("offset"), Limit: p.limit("limit", dagang.MaxLimit), Sort: p.str("sort"), Query: p.str("q")}
}

// Years and limits are checked by these two on every route, so that one
// rule answers every caller the same way.
const (
	minYear = 1945
	maxYear = 2200
)

// year reads a year: absent (0) or minYear to maxYear.
func (p *params) year(name string) int {
	y := p.int(name)
	if y != 0 && (y < minYear || y > maxYear) {
		p.v.Add(name, fmt.Sprintf("tahun harus antara %d dan %d", minYear, maxYear), fmt.Sprintf("year must be between %d and %d", minYear, maxYear))
		return 0
	}
	return y
}

// limit reads a number of rows: absent (0, the route's default) or 1 to max.
func (p *params) limit(name string, max int) int {
	if !p.has(name) {
		return 0
	}
	n, err := strconv.Atoi(p.str(name))
	if err != nil || n < 1 || n > max {
		p.v.Add(name, fmt.Sprintf("harus antara 1 dan %d", max), fmt.Sprintf("must be between 1 and %d", max))
		return 0
	}
	return n
}

// has reports whether the query names the parameter with a value.
func (p *params) has(name string) bool { return strings.TrimSpace(p.r.URL.Query().Get(name)) != "" }

// enum reads a filter whose values are a fixed set: absent ("") or a value
// valid accepts. An unknown value is refused, never matched against
// nothing.
func enum[T ~string](p *params, name string, valid func(T) bool) T {
	v := T(p.str(name))
	if v != "" && !valid(v) {
		p.v.Add(name, fmt.Sprintf("nilai %q tidak dikenal", string(v)), fmt.Sprintf("unknown value %q", string(v)))
		return ""
	}
	return v
}

// oneOf is the check of enum for a fixed set of plain strings.
func oneOf(values []string) func(string) bool {
	return func(v string) bool { return slices.Contains(values, v) }
}

func validListingKind(k dagang.ListingKind) bool {
	return k == dagang.ListingOffer || k == dagang.ListingNeed
}

// page is the JSON shape of every list.
type page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}

// listAPI serves a list: filter reads the query into a filter value (and
// the paging options it carries), find runs it.
func listAPI[T, F any](filter func(*params) (F, dagang.ListOptions), find func(context.Context, F) ([]T, int, error)) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p := &params{r: r}
		f, opt := filter(p)
		if err := p.v.Err(); err != nil {
			return err
		}
		items, total, err := find(r.Context(), f)
		if err != nil {
			return err
		}
		opt = opt.Normalize()
		writeJSON(w, http.StatusOK, page[T]{Items: items, Total: total, Offset: opt.Offset, Limit: opt.Limit})
		return nil
	}
}

// getAPI serves one record by its numeric id.
func getAPI[T any](find func(context.Context, int64) (T, error)) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		v, err := find(r.Context(), id)
		if err != nil {
			return err
		}
		writeRecord(w, http.StatusOK, v)
		return nil
	}
}

// pathID reads the {id} path value.
func pathID(r *http.Request) (int64, error) { return pathInt(r, "id") }

// pathInt reads a positive integer path value.
func pathInt(r *http.Request, name string) (int64, error) {
	v, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || v <= 0 {
		return 0, invalidField(name, fmt.Sprintf("%s harus bilangan bulat positif", name), fmt.Sprintf("%s must be a positive whole number", name))
	}
	return v, nil
}

// officeRecord hides records of other offices: they answer ENOTFOUND.
func officeRecord[T any](find func(context.Context, int64) (T, error), owner func(T) int64) func(context.Context, int64) (T, error) {
	return func(ctx context.Context, id int64) (T, error) {
		v, err := find(ctx, id)
		if err == nil && owner(v) != officeOf(ctx) {
			var zero T
			return zero, dagang.Errorf(dagang.ENOTFOUND, "data %d tidak ditemukan", "record %d not found", id)
		}
		return v, err
	}
}

func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) error {
	if err := s.health.Ping(r.Context()); err != nil {
		s.log.ErrorContext(r.Context(), "health check failed", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return nil
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.cfg.Version})
	return nil
}

// handleReadyz answers 200 when this instance can serve: the database
// answers, its schema is at the latest migration and the instance's job
// runner is working; 503 otherwise (the reason is logged, not shown). A
// load balancer takes an instance out on 503; the answer names the
// instance.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) error {
	err := s.health.Ready(r.Context())
	if err == nil && s.cfg.JobsReady != nil {
		err = s.cfg.JobsReady()
	}
	if err != nil {
		s.log.ErrorContext(r.Context(), "readiness check failed", "err", err, "instance", s.cfg.Instance)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "instance": s.cfg.Instance})
		return nil
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready", "version": s.cfg.Version, "instance": s.cfg.Instance})
	return nil
}

func (s *Server) handleSummaryAPI(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	year := p.year("year")
	if err := p.v.Err(); err != nil {
		return err
	}
	sum, err := s.reports.Summary(r.Context(), officeOf(r.Context()), year)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sum)
	return nil
}
