package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
)

// The staff's queue of self-registrations (/pendaftaran and
// /api/v1/registrations): each registration with its likely duplicates
// among the office's businesses; staff verify a contact by phone where
// e-mail is not set up, then approve it (a business, its account and its
// application), merge it with a recorded business, or reject it with a
// reason the applicant reads.

// registrationStatuses are the filters of the queue.
var validRegistrationStatus = func(s dagang.RegistrationStatus) bool {
	return oneOf(enumOf(dagang.RegistrationStatuses))(string(s))
}

// registrationsPage is the data of /pendaftaran.
type registrationsPage struct {
	List     *listView
	Items    []*dagang.Registration
	Refs     *refs
	Statuses []option
	Mail     bool
	// Refused is the decision the office refused, drawn again on its
	// registration's card with each message by its field (nil: none).
	Refused *refusedDecision
}

// refusedDecision is a staff decision the office refused, as it was sent.
type refusedDecision struct {
	ID   int64 // the registration
	Form *form
}

// Decision is the refused decision of registration id, or nil.
func (p registrationsPage) Decision(id int64) *form {
	if p.Refused == nil || p.Refused.ID != id {
		return nil
	}
	return p.Refused.Form
}

// decisionFieldID is the element of registration id's card that field
// of a decision names: the reason's text, the recorded business's choice,
// the buttons of the decision.
func decisionFieldID(id int64, field string) string {
	n := strconv.FormatInt(id, 10)
	switch field {
	case "reason":
		return "reason-" + n
	case "business_id":
		return "merge-" + n
	}
	return "decision-" + n
}

// DecisionErrors lists the messages of a refused decision with the
// element each names, for the summary on the card.
func (p registrationsPage) DecisionErrors(id int64) []formField {
	f := p.Decision(id)
	if f == nil {
		return nil
	}
	out := f.FieldErrors()
	for i := range out {
		out[i].ID = decisionFieldID(id, out[i].Name)
	}
	return out
}

// registrationFilter reads the queue's filter; the default shows what
// waits for staff.
func registrationFilter(r *http.Request, p *params, opt dagang.ListOptions) dagang.RegistrationFilter {
	f := dagang.RegistrationFilter{ListOptions: opt, OfficeID: officeOf(r.Context()), EventID: p.int64("event_id"),
		Status: enum(p, "status", validRegistrationStatus)}
	if !p.has("status") {
		f.Status = dagang.RegistrationPending
	}
	return f
}

func (s *Server) handleRegistrations(w http.ResponseWriter, r *http.Request) error {
	return s.renderRegistrations(w, r, http.StatusOK, nil)
}

// renderRegistrations draws the queue with status; a refused decision is
// drawn on its registration's card, which the page shows first when the
// list would not (it was decided meanwhile).
func (s *Server) renderRegistrations(w http.ResponseWriter, r *http.Request, status int, refused *refusedDecision) error {
	if refused != nil {
		// The queue as /pendaftaran draws it: its filters and links.
		r = r.Clone(r.Context())
		r.URL = &url.URL{Path: "/pendaftaran"}
	}
	p := &params{r: r}
	lv := readList(r, p)
	f := registrationFilter(r, p, lv.Opt)
	if err := p.v.Err(); err != nil {
		return err
	}
	items, total, err := s.registrations.FindRegistrations(r.Context(), f)
	if err != nil {
		return err
	}
	if refused != nil && !slices.ContainsFunc(items, func(x *dagang.Registration) bool { return x.ID == refused.ID }) {
		reg, err := s.registrations.FindRegistrationByID(r.Context(), refused.ID)
		if err != nil {
			return err
		}
		items = append([]*dagang.Registration{reg}, items...)
	}
	lv.Total = total
	d := registrationsPage{List: lv, Items: items, Refs: s.refs(r.Context(), lv.lang), Mail: s.cfg.Mail,
		Statuses: enumOptions(lv.lang, "", dagang.RegistrationStatuses), Refused: refused}
	s.renderPage(w, r, status, "pendaftaran", d)
	return nil
}

func (s *Server) handleRegistrationsAPI(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	opt := p.list()
	f := registrationFilter(r, p, opt)
	if err := p.v.Err(); err != nil {
		return err
	}
	items, total, err := s.registrations.FindRegistrations(r.Context(), f)
	if err != nil {
		return err
	}
	opt = opt.Normalize()
	writeJSON(w, http.StatusOK, page[*dagang.Registration]{Items: items, Total: total, Offset: opt.Offset, Limit: opt.Limit})
	return nil
}

// registrationOfOffice finds a registration of the acting user's office.
func (s *Server) registrationOfOffice(r *http.Request) (*dagang.Registration, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return officeRecord(s.registrations.FindRegistrationByID, func(x *dagang.Registration) int64 { return x.OfficeID })(r.Context(), id)
}

func (s *Server) handleRegistrationAPI(w http.ResponseWriter, r *http.Request) error {
	reg, err := s.registrationOfOffice(r)
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, reg)
	return nil
}

// verification is the body of a verification by staff.
type verification struct {
	VerifiedBy dagang.Verification `json:"verified_by"` // "phone"
}

// verifyByPhone marks a registration's contact confirmed by staff.
func (s *Server) verifyByPhone(r *http.Request) (*dagang.Registration, error) {
	reg, err := s.registrationOfOffice(r)
	if err != nil {
		return nil, err
	}
	return s.registrations.VerifyRegistration(r.Context(), reg.ID, dagang.VerifiedByPhone)
}

func (s *Server) handleRegistrationVerifyAPI(w http.ResponseWriter, r *http.Request) error {
	// Another office's registration is missing, whatever the body says.
	if _, err := s.registrationOfOffice(r); err != nil {
		return err
	}
	var in verification
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.VerifiedBy != dagang.VerifiedByPhone {
		return invalidField("verified_by", "staf memverifikasi lewat telepon: phone", "staff verify by phone: phone")
	}
	reg, err := s.verifyByPhone(r)
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, reg)
	return nil
}

func (s *Server) handleRegistrationVerifyPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := readForm(w, r, nil); err != nil {
		return err
	}
	reg, err := s.verifyByPhone(r)
	if err != nil {
		return err
	}
	s.done(w, r, "/pendaftaran#registration-"+strconv.FormatInt(reg.ID, 10), "Kontak ditandai terverifikasi lewat telepon.")
	return nil
}

// decide applies a staff decision to a registration of the office. An
// approval gives the business's contact an account with the hash of a
// random password nobody is told; the decision's message carries the
// single-use link with which the contact sets their own (/kata-sandi).
func (s *Server) decide(r *http.Request, d dagang.RegistrationDecision) (*dagang.Registration, error) {
	reg, err := s.registrationOfOffice(r)
	if err != nil {
		return nil, err
	}
	d.ID = reg.ID
	var hash string
	if d.Action == dagang.RegistrationApprove {
		if hash, err = auth.HashPassword(auth.NewPassword(), auth.DefaultParams); err != nil {
			return nil, err
		}
	}
	return s.registrations.DecideRegistration(r.Context(), d, hash)
}

func (s *Server) handleRegistrationDecideAPI(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.registrationOfOffice(r); err != nil {
		return err
	}
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	var d dagang.RegistrationDecision
	if err := decodeJSON(w, r, &d); err != nil {
		return err
	}
	d.Version = version
	reg, err := s.decide(r, d)
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, reg)
	return nil
}

// registrationDecisionLabels names the fields of a decision's form.
var registrationDecisionLabels = map[string]string{"action": "Keputusan", "business_id": "Pelaku usaha tercatat", "reason": "Alasan penolakan"}

func (s *Server) handleRegistrationDecidePage(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, registrationDecisionLabels)
	if err != nil {
		return err
	}
	version, err := formVersion(f)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d := dagang.RegistrationDecision{Version: version, Action: dagang.RegistrationAction(f.str("action")), BusinessID: f.id("business_id"), Reason: f.str("reason")}
	var reg *dagang.Registration
	if err = f.check(nil); err == nil {
		reg, err = s.decide(r, d)
	}
	if err != nil {
		// Refused (a rejection without a reason, a merge without the
		// recorded business, a decision on one decided meanwhile): the
		// queue again with the messages by their fields; nothing is
		// written.
		if err := f.fail(err); err != nil {
			return err
		}
		return s.renderRegistrations(w, r, statusOf[dagang.ErrorCode(err)], &refusedDecision{ID: id, Form: f})
	}
	msg := map[dagang.RegistrationStatus]string{dagang.RegistrationApproved: "Pendaftaran disetujui: pelaku usaha dan lamarannya dicatat.",
		dagang.RegistrationMerged: "Pendaftaran digabung dengan pelaku usaha yang tercatat.", dagang.RegistrationRejected: "Pendaftaran ditolak; pendaftar menerima alasannya."}[reg.Status]
	next := "/pendaftaran"
	if reg.BusinessID != 0 {
		next = "/businesses/" + strconv.FormatInt(reg.BusinessID, 10)
	}
	s.done(w, r, next, msg)
	return nil
}
