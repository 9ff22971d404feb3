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
	// Others are the office's businesses that have not applied and meet
	// the conditions, for the form by which staff apply on a business's
	// behalf; Ineligible are the rest, each with the reason.
	Others     []*dagang.Business
	Ineligible []ineligible
	// Rules is the query of the policy changes in force ("" for none), so
	// that setting the delegation stores what the page shows.
	Rules string
	// The override and application forms, with what was typed and the
	// error beside its field after a refused post.
	Override, Apply *form
}

// ineligible is a business that cannot apply, and why.
type ineligible struct {
	Name, Reason, ReasonEN string
}

// OverrideChoices lists the applicants for the override form, chosen
// first, each with its current place.
func (d delegationPage) OverrideChoices() []option {
	var out []option
	for _, c := range d.Plan.Proposal.Chosen {
		out = append(out, option{strconv.FormatInt(c.BusinessID, 10), c.Name + " (" + d.Override.T("dipilih") + ")"})
	}
	for _, c := range d.Plan.Proposal.PassedOver {
		out = append(out, option{strconv.FormatInt(c.BusinessID, 10), c.Name + " (" + d.Override.T("tidak dipilih") + ")"})
	}
	return out
}

// BusinessName names an applicant of the plan.
func (d delegationPage) BusinessName(id int64) string {
	for _, a := range d.Plan.Applicants {
		if a.BusinessID == id {
			return a.Name
		}
	}
	return d.Override.T("pelaku usaha lain")
}

// OverrideActions are the two actions of an override.
func (d delegationPage) OverrideActions() []option {
	return []option{{"remove", d.Override.T("Keluarkan")}, {"add", d.Override.T("Tambahkan")}}
}

// ApplyChoices lists the businesses staff may apply for.
func (d delegationPage) ApplyChoices() []option {
	var out []option
	for _, b := range d.Others {
		out = append(out, option{strconv.FormatInt(b.ID, 10), b.Name})
	}
	return out
}

// Roles are the roles a business applies for.
func (f *form) Roles() []option {
	return []option{{"matching", f.T("temu bisnis")}, {"exhibitor", f.T("pameran")}}
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
	return mission.ProposeWith(r.Context(), s.delegation, officeOf(r.Context()), id, rules)
}

func (s *Server) handleDelegation(w http.ResponseWriter, r *http.Request) error {
	return s.renderDelegation(w, r, http.StatusOK, nil, nil)
}

// renderDelegation draws the delegation page; a refused override or
// application comes back on it with its form as typed (nil: a fresh one).
func (s *Server) renderDelegation(w http.ResponseWriter, r *http.Request, status int, override, apply *form) error {
	plan, err := s.plan(r)
	if err != nil {
		return err
	}
	next, _ := plan.Event.Status.NextStatus()
	_, kept, _ := rulesOf(r)
	d := delegationPage{Plan: plan, Next: next, Open: plan.Event.Status == dagang.EventOpen, Rules: kept.Encode(), Override: override, Apply: apply}
	if d.Override == nil {
		// The first chosen applicant, to be taken out: a pair that can
		// succeed (adding one already chosen cannot).
		d.Override = newForm(r, overrideLabels, url.Values{"action": {"remove"}})
		if len(plan.Proposal.Chosen) > 0 {
			d.Override.Values.Set("business_id", strconv.FormatInt(plan.Proposal.Chosen[0].BusinessID, 10))
		}
	}
	if d.Apply == nil {
		d.Apply = newForm(r, applyLabels, url.Values{"role": {"matching"}})
	}
	if d.Open {
		applied := map[int64]bool{}
		for _, a := range plan.Applicants {
			applied[a.BusinessID] = true
		}
		bs, _, err := s.delegation.FindBusinesses(r.Context(), dagang.BusinessFilter{OfficeID: officeOf(r.Context()), ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit, Sort: "name"}})
		if err != nil {
			return err
		}
		verdicts, err := mission.Eligibility(r.Context(), s.delegation, officeOf(r.Context()), plan.Event.ID)
		if err != nil {
			return err
		}
		for _, b := range bs {
			switch v := verdicts[b.ID]; {
			case applied[b.ID]:
			case v.OK:
				d.Others = append(d.Others, b)
			default:
				d.Ineligible = append(d.Ineligible, ineligible{Name: b.Name, Reason: v.Reason, ReasonEN: v.ReasonEN})
			}
		}
	}
	s.renderPage(w, r, status, "delegation", d)
	return nil
}

// overrideLabels and applyLabels name the fields of the forms of the
// delegation page.
var (
	overrideLabels = map[string]string{"business_id": "Pelaku usaha", "action": "Tindakan", "reason": "Alasan"}
	applyLabels    = map[string]string{"business_id": "Pelaku usaha", "role": "Peran", "event_id": "Kegiatan"}
)

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
	plan, err := mission.Propose(r.Context(), s.delegation, officeOf(r.Context()), id)
	if err != nil {
		return nil, err
	}
	if _, err := delegation.ApplyOverrides(plan.Proposal, []delegation.Override{{BusinessID: o.BusinessID, Action: delegation.Action(o.Action), Reason: o.Reason, By: o.By}}); err != nil {
		// One override: its fields are named as the client sent them.
		return nil, renameFields(err, "overrides[0].", "")
	}
	return o, s.delegation.OverrideDelegation(r.Context(), o)
}

// handleDelegationOverride records a staff decision; a refused one comes
// back on the delegation page with what was typed and the reason beside
// its field.
func (s *Server) handleDelegationOverride(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, overrideLabels)
	if err != nil {
		return err
	}
	bid, _ := strconv.ParseInt(f.Get("business_id"), 10, 64)
	o, err := s.override(r, overrideInput{BusinessID: bid, Action: f.Get("action"), Reason: f.Get("reason")})
	if err != nil {
		if len(dagang.ErrorFields(err)) > 0 && dagang.ErrorCode(err) == dagang.ENOTFOUND {
			// A business that is not among the applicants: a wrong choice
			// in the form, not a missing page.
			err = withCode(err, dagang.EINVALID)
		}
		if err := f.fail(err); err != nil {
			return err
		}
		return s.renderDelegation(w, r, statusOf[dagang.ErrorCode(err)], f, nil)
	}
	s.done(w, r, fmt.Sprintf("/events/%d/delegation#overrides", o.EventID), "Keputusan staf disimpan.")
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
	return plan, s.delegation.SetDelegation(r.Context(), officeOf(r.Context()), plan.Event.ID, plan.Decisions())
}

func (s *Server) handleDelegationSet(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	plan, err := s.plan(r)
	if err != nil {
		return err
	}
	q := plan.Proposal
	if !s.confirmed(w, r, f.Values,
		fmt.Sprintf("Tetapkan delegasi %s: %d pelamar dipilih dan %d tidak dipilih, masing-masing dengan alasannya; pendaftaran ditutup dan status kegiatan menjadi Delegasi ditetapkan. Status ini tidak dapat dikembalikan.", plan.Event.Name, len(q.Chosen), len(q.PassedOver)),
		fmt.Sprintf("Set the delegation of %s: %d applicants chosen and %d passed over, each with the reason; applications close and the event's status becomes Delegation set. The status cannot be moved back.", plan.Event.Name, len(q.Chosen), len(q.PassedOver)),
		"Tetapkan delegasi", fmt.Sprintf("/events/%d/delegation", plan.Event.ID)) {
		return nil
	}
	plan, err = s.setDelegation(r)
	if err != nil {
		return err
	}
	s.done(w, r, fmt.Sprintf("/events/%d/delegation", plan.Event.ID), "Delegasi ditetapkan.")
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
	return s.delegation.MoveEvent(r.Context(), officeOf(r.Context()), id, version, dagang.EventStatus(to))
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
	to := dagang.EventStatus(f.Get("status"))
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return err
	}
	if !to.Valid() {
		return invalidField("status", "status kegiatan tidak dikenal", "unknown event status")
	}
	if !s.confirmed(w, r, f.Values, "Status kegiatan menjadi "+to.Label()+". Status tidak dapat dikembalikan.",
		"The event's status becomes "+translate("en", to.Label())+". The status cannot be moved back.", "Pindahkan status", fmt.Sprintf("/events/%d/delegation", id)) {
		return nil
	}
	e, err := s.moveEvent(r, version, string(to))
	if err != nil {
		return err
	}
	s.done(w, r, fmt.Sprintf("/events/%d/delegation", e.ID), "Status kegiatan dipindahkan.")
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
	return mission.Apply(r.Context(), s.delegation, officeOf(r.Context()), id, businessID, dagang.Role(role))
}

// handleApply records an application made on the delegation page (staff,
// for a business) or on the event's page (a business, for itself). A
// refused one comes back on the same page with the choice kept and the
// reason beside its field.
func (s *Server) handleApply(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, applyLabels)
	if err != nil {
		return err
	}
	own := false
	if u := dagang.UserFromContext(r.Context()); u != nil && u.Role == dagang.UserBusiness {
		own = true
	}
	bid, _ := strconv.ParseInt(f.Get("business_id"), 10, 64)
	p, err := s.apply(r, bid, f.Get("role"))
	if err != nil {
		if err := f.fail(err); err != nil {
			return err
		}
		if own {
			return s.renderEvent(w, r, statusOf[dagang.ErrorCode(err)], f)
		}
		return s.renderDelegation(w, r, statusOf[dagang.ErrorCode(err)], nil, f)
	}
	next := fmt.Sprintf("/events/%d/delegation", p.EventID)
	if own {
		next = fmt.Sprintf("/events/%d", p.EventID)
	}
	s.done(w, r, next, "Pendaftaran tercatat.")
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
