package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/delegation"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/mission"
)

// delegationPage is the data of an event's delegation page.
type delegationPage struct {
	Plan *mission.Plan
	Next dagang.EventStatus // the next status of the lifecycle, "" at the end
	Open bool               // applications open: the delegation can be set
	// Others are the office's businesses that have not applied, for the
	// form by which staff apply on a business's behalf.
	Others []*dagang.Business
	// Rules is the query of the policy changes in force ("" for none), so
	// that setting the delegation stores what the page shows.
	Rules string
}

// Role names a delegation role in Indonesian.
func (delegationPage) Role(r delegation.Role) string {
	if r == delegation.RoleExhibitor {
		return "pameran"
	}
	return "temu bisnis"
}

// Score writes a scaled score as a decimal in lang (2500 → "2,5").
func (delegationPage) Score(lang string, v int64) string {
	return locale.Number(lang, float64(v)/delegation.ScoreScale, 3)
}

// actor is the name recorded for a change made by the request's user.
func actor(r *http.Request) string {
	if u := dagang.UserFromContext(r.Context()); u != nil {
		return u.Name
	}
	return "staf"
}

// ruleKeys are the query parameters that change the delegation policy.
var ruleKeys = []string{"rotation_years", "rotation_mode", "penalty", "max_per_regency"}

// ruleEnums lists the values of the rule parameters that take a fixed set.
var ruleEnums = map[string][]string{"rotation_mode": enumOf(delegation.RotationModes)}

// rulesOf reads changes of the delegation policy from the query:
// rotation_years (N), rotation_mode (exclude, penalty), penalty (weight)
// and max_per_regency (M). Absent ones keep the office's default.
func rulesOf(r *http.Request) (mission.Rules, url.Values, error) {
	q := r.URL.Query()
	kept := url.Values{}
	for _, k := range ruleKeys {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			kept.Set(k, v)
		}
	}
	p := &params{r: r}
	whole := func(name string) *int {
		if !p.has(name) {
			return nil
		}
		n := p.int(name)
		return &n
	}
	mode := enum(p, "rotation_mode", delegation.RotationMode.Valid)
	rules := mission.Rules{RotationYears: whole("rotation_years"), MaxPerRegency: whole("max_per_regency"), RotationMode: string(mode)}
	if s := kept.Get("penalty"); s != "" {
		f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		p.v.Check(err == nil, "penalty", "bobot penalti harus angka (contoh 1,5)", "the penalty weight must be a number (e.g. 1.5)")
		rules.PenaltyWeight = f
	}
	return rules, kept, p.v.Err()
}

func (s *Server) plan(r *http.Request) (*mission.Plan, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	rules, _, err := rulesOf(r)
	if err != nil {
		return nil, err
	}
	return mission.ProposeWith(r.Context(), s.delegation, s.cfg.OfficeID, id, rules)
}

func (s *Server) handleDelegation(w http.ResponseWriter, r *http.Request) error {
	plan, err := s.plan(r)
	if err != nil {
		return err
	}
	next, _ := plan.Event.Status.NextStatus()
	_, kept, _ := rulesOf(r)
	d := delegationPage{Plan: plan, Next: next, Open: plan.Event.Status == dagang.EventOpen, Rules: kept.Encode()}
	if d.Open {
		applied := map[int64]bool{}
		for _, a := range plan.Applicants {
			applied[a.BusinessID] = true
		}
		bs, _, err := s.delegation.FindBusinesses(r.Context(), dagang.BusinessFilter{OfficeID: s.cfg.OfficeID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit, Sort: "name"}})
		if err != nil {
			return err
		}
		for _, b := range bs {
			if !applied[b.ID] {
				d.Others = append(d.Others, b)
			}
		}
	}
	s.renderPage(w, r, http.StatusOK, "delegation", d)
	return nil
}

func (s *Server) handleDelegationAPI(w http.ResponseWriter, r *http.Request) error {
	plan, err := s.plan(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, plan)
	return nil
}

// overrideInput is a staff override as posted.
type overrideInput struct {
	BusinessID int64  `json:"business_id"`
	Action     string `json:"action"`
	Reason     string `json:"reason"`
}

func (s *Server) override(r *http.Request, in overrideInput) (*dagang.DelegationOverride, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return nil, err
	}
	o := &dagang.DelegationOverride{EventID: id, BusinessID: in.BusinessID, Action: dagang.OverrideAction(in.Action), Reason: strings.TrimSpace(in.Reason), By: actor(r)}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	// The override must make sense against the current proposal.
	plan, err := mission.Propose(r.Context(), s.delegation, s.cfg.OfficeID, id)
	if err != nil {
		return nil, err
	}
	if _, err := delegation.ApplyOverrides(plan.Proposal, []delegation.Override{{BusinessID: o.BusinessID, Action: delegation.Action(o.Action), Reason: o.Reason, By: o.By}}); err != nil {
		return nil, err
	}
	return o, s.delegation.OverrideDelegation(r.Context(), o)
}

func (s *Server) handleDelegationOverride(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	bid, _ := strconv.ParseInt(f.Get("business_id"), 10, 64)
	o, err := s.override(r, overrideInput{BusinessID: bid, Action: f.Get("action"), Reason: f.Get("reason")})
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/events/%d/delegation#overrides", o.EventID), http.StatusSeeOther)
	return nil
}

func (s *Server) handleDelegationOverrideAPI(w http.ResponseWriter, r *http.Request) error {
	var in overrideInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	o, err := s.override(r, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, o)
	return nil
}

// setDelegation stores the plan's decisions and moves the event on.
func (s *Server) setDelegation(r *http.Request) (*mission.Plan, error) {
	plan, err := s.plan(r)
	if err != nil {
		return nil, err
	}
	return plan, s.delegation.SetDelegation(r.Context(), s.cfg.OfficeID, plan.Event.ID, plan.Decisions())
}

func (s *Server) handleDelegationSet(w http.ResponseWriter, r *http.Request) error {
	plan, err := s.setDelegation(r)
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/events/%d/delegation", plan.Event.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) handleDelegationSetAPI(w http.ResponseWriter, r *http.Request) error {
	if err := emptyBody(w, r); err != nil {
		return err
	}
	plan, err := s.setDelegation(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, plan.Decisions())
	return nil
}

// moveEvent moves the path's event from version (0: any).
func (s *Server) moveEvent(r *http.Request, version int64, to string) (*dagang.Event, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.delegation.MoveEvent(r.Context(), s.cfg.OfficeID, id, version, dagang.EventStatus(to))
}

func (s *Server) handleEventMove(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	version, err := formVersion(f)
	if err != nil {
		return err
	}
	e, err := s.moveEvent(r, version, f.Get("status"))
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/events/%d/delegation", e.ID), http.StatusSeeOther)
	return nil
}

// eventMove is the body of a status move.
type eventMove struct {
	Status string `json:"status"`
}

func (s *Server) handleEventMoveAPI(w http.ResponseWriter, r *http.Request) error {
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	var in eventMove
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	e, err := s.moveEvent(r, version, in.Status)
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, e)
	return nil
}

// apply records an application; a business user always applies for its
// own business.
func (s *Server) apply(r *http.Request, businessID int64, role string) (*dagang.Participation, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if u := dagang.UserFromContext(r.Context()); u != nil && u.Role == dagang.UserBusiness {
		businessID = u.BusinessID
	}
	return mission.Apply(r.Context(), s.delegation, s.cfg.OfficeID, id, businessID, dagang.Role(role))
}

func (s *Server) handleApply(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	bid, _ := strconv.ParseInt(f.Get("business_id"), 10, 64)
	p, err := s.apply(r, bid, f.Get("role"))
	if err != nil {
		return err
	}
	next := fmt.Sprintf("/events/%d/delegation", p.EventID)
	if u := dagang.UserFromContext(r.Context()); u != nil && u.Role == dagang.UserBusiness {
		next = fmt.Sprintf("/events/%d", p.EventID)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// application is the body of an application.
type application struct {
	BusinessID int64  `json:"business_id"`
	Role       string `json:"role"`
}

func (s *Server) handleApplyAPI(w http.ResponseWriter, r *http.Request) error {
	var in application
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p, err := s.apply(r, in.BusinessID, in.Role)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

// Quota returns the seats of a role ("matching", "exhibitor") in the policy.
func (d delegationPage) Quota(role string) int {
	return d.Plan.Proposal.Policy.Quota[delegation.Role(role)]
}

// Weight writes a need's weight the Indonesian way (2.5 → "2,5").
func (delegationPage) Weight(w float64) string {
	return strings.Replace(strconv.FormatFloat(w, 'f', -1, 64), ".", ",", 1)
}

// Shortfall lists why seats stay empty, one sentence per role, in the
// page's language; "" when every seat is filled.
func (d delegationPage) Shortfall(lang string) string {
	e := d.Plan.Proposal.Shortfall
	if e == nil {
		return ""
	}
	var parts []string
	for _, f := range e.Fields {
		m := f.Message
		if lang == "en" && f.MessageEN != "" {
			m = f.MessageEN
		}
		parts = append(parts, m)
	}
	return strings.Join(parts, "; ")
}

// WithRules returns path with the page's policy changes as its query; the
// query is encoded here (url.Values), so it is safe as a URL.
func (d delegationPage) WithRules(path string) template.URL {
	if d.Rules == "" {
		return template.URL(path)
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return template.URL(path + sep + d.Rules)
}
