package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
)

// Rule says who may use a route. A route is registered only together with
// its rule (see router.route), so no route can be left without one.
//
// Public routes need no login. Otherwise Roles maps each allowed role to
// its scope: nil for the whole office, or a *Scope that limits the role to
// its own records. A role absent from Roles is denied (403).
type Rule struct {
	Public bool
	Roles  map[dagang.UserRole]*Scope
	// Own marks a route that changes only the logged-in user's own
	// account (its API tokens), never a record of the office: it is open
	// to leadership, which is read-only on the office's records.
	Own bool
}

// Scope limits a role to its own records. Apply runs before the handler:
// it answers a request for another party's record with ENOTFOUND, worded
// as for a record that does not exist (no existence leaks), or
// returns the request rewritten to select only the user's own records
// (for lists).
type Scope struct {
	// Name describes the scope for tests and documentation.
	Name  string
	Apply func(s *Server, r *http.Request, u *dagang.User) (*http.Request, error)
}

// AllRoles are the roles of dagang.UserRole, in a fixed order.
var AllRoles = []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership, dagang.UserBusiness, dagang.UserCounterpart, dagang.UserNational}

// public is the rule of routes anybody may use.
func public() Rule { return Rule{Public: true} }

// allow permits the given roles on every record of the office.
func allow(roles ...dagang.UserRole) Rule {
	r := Rule{Roles: map[dagang.UserRole]*Scope{}}
	for _, role := range roles {
		r.Roles[role] = nil
	}
	return r
}

// scoped returns a copy of r that also permits role, limited by sc.
func (r Rule) scoped(role dagang.UserRole, sc *Scope) Rule {
	out := Rule{Public: r.Public, Roles: make(map[dagang.UserRole]*Scope, len(r.Roles)+1)}
	for k, v := range r.Roles {
		out.Roles[k] = v
	}
	out.Roles[role] = sc
	return out
}

// The usual rules.
var (
	// officeRead: the office's own people read everything.
	officeRead = allow(dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership)
	// officeWrite: only admin and staff change records; leadership is read-only.
	officeWrite = allow(dagang.UserAdmin, dagang.UserStaff)
	// nationalRead: the national view across every office (read-only).
	nationalRead = allow(dagang.UserNational)
	// adminOnly: user accounts.
	adminOnly = allow(dagang.UserAdmin)
	// anyUser: every logged-in user (reference data such as provinces).
	anyUser = allow(AllRoles...)
	// ownAccount: every logged-in user, on its own account only.
	ownAccount = Rule{Roles: anyUser.Roles, Own: true}
)

// Allows reports whether role may use the route, and the scope that limits
// it (nil when unlimited).
func (r Rule) Allows(role dagang.UserRole) (ok bool, sc *Scope) {
	if r.Public {
		return true, nil
	}
	sc, ok = r.Roles[role]
	return ok, sc
}

// String describes the rule, e.g. "admin, staff, business(own business)".
func (r Rule) String() string {
	if r.Public {
		return "public"
	}
	var parts []string
	for _, role := range AllRoles {
		if sc, ok := r.Roles[role]; ok {
			if sc != nil {
				parts = append(parts, fmt.Sprintf("%s(%s)", role, sc.Name))
			} else {
				parts = append(parts, string(role))
			}
		}
	}
	if r.Own {
		return strings.Join(parts, ", ") + " (own account)"
	}
	return strings.Join(parts, ", ")
}

// Route is one registered route and its rule.
type Route struct {
	Method  string // "" for the catch-all routes
	Pattern string // the path pattern, as given to http.ServeMux
	Rule    Rule
	Op      *apiOp // the OpenAPI operation of an API route; nil for pages
}

// router registers routes with their rules on a mux and remembers them.
type router struct {
	s      *Server
	mux    *http.ServeMux
	routes []Route
}

// api registers an API route with its OpenAPI operation: the one place
// the mux, the access table and the document read.
func (rt *router) api(pattern string, rule Rule, op apiOp, h handlerFunc) {
	if op.Summary == "" {
		panic("web: API route " + pattern + " without a summary")
	}
	if op.Idempotent {
		h = idempotent(h)
	}
	if op.Lane {
		h = rt.s.gated(h)
	}
	rt.add(pattern, rule, &op, rt.wrap(h))
}

// route registers the page (or other non-API route) h at pattern
// ("METHOD /path") under rule. API routes use api.
func (rt *router) route(pattern string, rule Rule, h handlerFunc) {
	if method, path, ok := strings.Cut(pattern, " "); ok && method != "" && strings.HasPrefix(path, "/api/") {
		panic("web: API route " + pattern + " registered without its operation (use rt.api)")
	}
	rt.add(pattern, rule, nil, rt.wrap(h))
}

// wrap renders the error h returns.
func (rt *router) wrap(h handlerFunc) http.Handler {
	s := rt.s
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		var be *bodyError
		if errors.As(err, &be) {
			// 413 and 415: the error table has no code for them.
			w = statusWriter{w, be.status}
			err = be.err
		}
		if err != nil {
			s.renderError(w, r, err)
		}
	})
}

// routeHandler is route for a plain http.Handler (static files).
func (rt *router) routeHandler(pattern string, rule Rule, h http.Handler) {
	rt.add(pattern, rule, nil, h)
}

// add registers h at pattern under rule, with its operation if any. It
// panics on a rule that lets leadership change anything but its own
// account (leadership is read-only) or that allows nobody.
func (rt *router) add(pattern string, rule Rule, op *apiOp, h http.Handler) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "", pattern
	}
	safe := method == http.MethodGet || method == http.MethodHead
	if !safe && !rule.Public && !rule.Own {
		if _, ok := rule.Roles[dagang.UserLeadership]; ok {
			panic("web: leadership is read-only but may use " + pattern)
		}
	}
	if !rule.Public && len(rule.Roles) == 0 {
		panic("web: rule of " + pattern + " allows nobody")
	}
	rt.routes = append(rt.routes, Route{Method: method, Pattern: path, Rule: rule, Op: op})
	rt.mux.Handle(pattern, rt.s.guard(rule, h))
}

// guard enforces rule before h runs.
func (s *Server) guard(rule Rule, h http.Handler) http.Handler {
	if rule.Public {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := dagang.UserFromContext(r.Context())
		if u == nil {
			s.renderError(w, r, dagang.Errorf(dagang.EUNAUTHORIZED, "silakan masuk terlebih dahulu", "please log in first"))
			return
		}
		ok, sc := rule.Allows(u.Role)
		if !ok {
			s.renderError(w, r, errRole)
			return
		}
		if sc != nil {
			r2, err := sc.Apply(s, r, u)
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			r = r2
		}
		h.ServeHTTP(w, r)
	})
}

// errRole refuses a role the route's rule does not name.
var errRole = dagang.Errorf(dagang.EFORBIDDEN, "Peran Anda tidak berhak membuka halaman atau data ini", "your role may not open this page or record")

// errForbidden refuses an account that owns no records of the kind a
// scoped list shows (a business user without a business).
func errForbidden() error {
	return dagang.Errorf(dagang.EFORBIDDEN, "Anda tidak berhak membuka atau mengubah data ini", "you are not allowed to open or change this record")
}

// noun names a kind of record in a message, in Indonesian and English,
// as the store names it when the record does not exist.
type noun struct{ id, en string }

var (
	nounBusiness      = noun{"pelaku usaha", "business"}
	nounOrganisation  = noun{"organisasi", "organisation"}
	nounDeal          = noun{"transaksi", "deal"}
	nounEvent         = noun{"kegiatan", "event"}
	nounParticipation = noun{"peserta", "participation"}
)

// notYours answers a request for another party's record exactly as for a
// record that does not exist (the store's ENOTFOUND), so a business or
// counterpart user cannot learn which records exist.
func notYours(what noun, id int64) error {
	return &dagang.Error{Code: dagang.ENOTFOUND, Message: fmt.Sprintf("%s %d tidak ditemukan", what.id, id), MessageEN: fmt.Sprintf("%s %d not found", what.en, id)}
}

// Scopes. Each names the records a business or counterpart user owns.

// ownBusiness: the {id} path value is the user's own business.
var ownBusiness = pathOwner("own business", nounBusiness, func(u *dagang.User) int64 { return u.BusinessID })

// ownOrganisation: the {id} path value is the user's own organisation.
var ownOrganisation = pathOwner("own organisation", nounOrganisation, func(u *dagang.User) int64 { return u.OrganisationID })

// pathOwner checks that the {id} path value is the id own(u).
func pathOwner(name string, what noun, own func(*dagang.User) int64) *Scope {
	return &Scope{Name: name, Apply: func(s *Server, r *http.Request, u *dagang.User) (*http.Request, error) {
		id, err := pathID(r)
		if err != nil {
			return nil, err
		}
		if id != own(u) {
			return nil, notYours(what, id)
		}
		return r, nil
	}}
}

// forceQuery limits a list to the user's own records by setting query
// parameter param to own(u), whatever the request asked for.
func forceQuery(name, param string, own func(*dagang.User) int64) *Scope {
	return &Scope{Name: name, Apply: func(s *Server, r *http.Request, u *dagang.User) (*http.Request, error) {
		id := own(u)
		if id == 0 {
			return nil, errForbidden()
		}
		r2 := r.Clone(r.Context())
		q := r2.URL.Query()
		q.Set(param, strconv.FormatInt(id, 10))
		r2.URL.RawQuery = q.Encode()
		return r2, nil
	}}
}

// ownRecord loads the record named by the {id} path value and checks that
// the user owns it. A record that does not exist answers as the handler
// would (ENOTFOUND), and so does another party's record.
func ownRecord(name string, what noun, owns func(ctx context.Context, s *Server, id int64, u *dagang.User) (bool, error)) *Scope {
	return &Scope{Name: name, Apply: func(s *Server, r *http.Request, u *dagang.User) (*http.Request, error) {
		id, err := pathID(r)
		if err != nil {
			return nil, err
		}
		ok, err := owns(r.Context(), s, id, u)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, notYours(what, id)
		}
		return r, nil
	}}
}

// Business users: their business, its applications and its deals.
var (
	businessDeals          = forceQuery("deals of own business", "business_id", func(u *dagang.User) int64 { return u.BusinessID })
	businessParticipations = forceQuery("applications of own business", "business_id", func(u *dagang.User) int64 { return u.BusinessID })
	businessDeal           = ownRecord("deal of own business", nounDeal, func(ctx context.Context, s *Server, id int64, u *dagang.User) (bool, error) {
		d, err := s.scopes.FindDealByID(ctx, id)
		return err == nil && u.BusinessID != 0 && d.BusinessID == u.BusinessID, err
	})
)

// Business users: their applications (participations of their business).
var (
	businessApplication = ownRecord("application of own business", nounParticipation, func(ctx context.Context, s *Server, id int64, u *dagang.User) (bool, error) {
		p, err := s.participationOfOffice(ctx, id)
		return err == nil && u.BusinessID != 0 && p.BusinessID == u.BusinessID, err
	})
)

// Counterpart users: the events their organisation takes part in and the
// deals recorded with it.
var (
	counterpartDeals  = forceQuery("deals with own organisation", "counterpart_id", func(u *dagang.User) int64 { return u.OrganisationID })
	counterpartEvents = forceQuery("events of own organisation", "organisation_id", func(u *dagang.User) int64 { return u.OrganisationID })
	counterpartDeal   = ownRecord("deal with own organisation", nounDeal, func(ctx context.Context, s *Server, id int64, u *dagang.User) (bool, error) {
		d, err := s.scopes.FindDealByID(ctx, id)
		return err == nil && u.OrganisationID != 0 && d.CounterpartID == u.OrganisationID, err
	})
	counterpartEvent = ownRecord("event of own organisation", nounEvent, func(ctx context.Context, s *Server, id int64, u *dagang.User) (bool, error) {
		return s.takesPart(ctx, id, u.OrganisationID)
	})
)

// takesPart reports whether organisation orgID takes part in event eventID.
func (s *Server) takesPart(ctx context.Context, eventID, orgID int64) (bool, error) {
	if orgID == 0 {
		return false, nil
	}
	if _, err := s.eventOfOffice(ctx, eventID); err != nil {
		return false, err
	}
	_, n, err := s.scopes.FindParticipations(ctx, dagang.ParticipationFilter{EventID: eventID, OrganisationID: orgID, ListOptions: dagang.ListOptions{Limit: 1}})
	return n > 0, err
}

// Routes returns every registered route with its rule, in registration
// order.
func (s *Server) Routes() []Route { return slices.Clone(s.table) }
