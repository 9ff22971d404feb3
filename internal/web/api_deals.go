package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/export"
	"github.com/dagang/dagang/internal/money"
)

// The deal write API (issue 7): create with a likely-duplicate check that
// force overrides, update, delete, stage moves, the counterpart's answer,
// single-use confirmation links, realisations, follow-ups and reports.

// dealBody is a deal as a client sends it: rupiah as an integer in
// value_idr, or as text ("Rp1,5 miliar") in value_text; force saves a
// likely duplicate. ValueIDR shadows the deal's own field so the handler
// knows whether the client sent value_idr.
type dealBody struct {
	dagang.Deal
	ValueIDR  *int64 `json:"value_idr,omitempty"`
	ValueText string `json:"value_text,omitempty"`
	Force     bool   `json:"force,omitempty"`
}

// value sets the deal's value from value_idr or value_text. When both
// are sent they must agree (400 naming both); an amount read from the
// text that the deal's rules refuse (negative, too large) names
// value_text, the field the client wrote.
func (b *dealBody) value() error {
	var v dagang.Validation
	if b.ValueIDR != nil {
		b.Deal.ValueIDR = *b.ValueIDR
	}
	if strings.TrimSpace(b.ValueText) == "" {
		return nil
	}
	n, err := money.Parse(b.ValueText)
	switch {
	case err != nil:
		v.Add("value_text", dagang.ErrorMessage(err, "id"), dagang.ErrorMessage(err, "en"))
	case b.ValueIDR != nil && *b.ValueIDR != n:
		v.Add("value_idr", fmt.Sprintf("value_idr (%d) tidak sama dengan value_text (%q = %d); kirim salah satu saja, atau keduanya dengan nilai yang sama", *b.ValueIDR, b.ValueText, n),
			fmt.Sprintf("value_idr (%d) disagrees with value_text (%q = %d); send one of them, or both with the same amount", *b.ValueIDR, b.ValueText, n))
		v.Add("value_text", fmt.Sprintf("value_text (%q = %d) tidak sama dengan value_idr (%d)", b.ValueText, n, *b.ValueIDR),
			fmt.Sprintf("value_text (%q = %d) disagrees with value_idr (%d)", b.ValueText, n, *b.ValueIDR))
	case n < 0:
		v.Add("value_text", "nilai transaksi tidak boleh negatif", "value cannot be negative")
	case n > dagang.MaxDealValue:
		v.Add("value_text", "nilai transaksi melebihi batas Rp1.000 triliun", "value exceeds the limit of IDR 1,000 trillion")
	default:
		b.Deal.ValueIDR = n
	}
	return v.Err()
}

// rupiahText fills *v from text when text is given, as a field error of
// field otherwise.
func rupiahText(v *dagang.Validation, field, text string, dst *int64) {
	if strings.TrimSpace(text) == "" {
		return
	}
	n, err := money.Parse(text)
	if err != nil {
		v.Add(field, dagang.ErrorMessage(err, "id"), dagang.ErrorMessage(err, "en"))
		return
	}
	*dst = n
}

func (s *Server) handleDealCreateAPI(w http.ResponseWriter, r *http.Request) error {
	var b dealBody
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	if err := b.value(); err != nil {
		return err
	}
	d := b.Deal
	d.ID, d.OfficeID, d.Confirmation = 0, officeOf(r.Context()), dagang.ConfirmationPending
	answerWith(r, func(d *dagang.Deal) (dagang.Answer, error) { return jsonAnswer(http.StatusCreated, d) })
	if err := s.deals.CreateDeal(r.Context(), &d, b.Force); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, &d)
	return nil
}

// dealOfOffice finds a deal of this server's office.
func (s *Server) dealOfOffice(r *http.Request) (*dagang.Deal, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return officeRecord(s.deals.FindDealByID, func(d *dagang.Deal) int64 { return d.OfficeID })(r.Context(), id)
}

// handleDealUpdateAPI changes the fields the body names, no others, from
// the version of If-Match: two people changing different fields of one
// deal at once both keep their change.
func (s *Server) handleDealUpdateAPI(w http.ResponseWriter, r *http.Request) error {
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	old, err := s.dealOfOffice(r)
	if err != nil {
		return err
	}
	var b dealBody
	fields, err := decodePatch(w, r, &b)
	if err != nil {
		return err
	}
	if err := b.value(); err != nil {
		return err
	}
	c := dagang.Change{Version: version}
	for _, f := range fields {
		switch f {
		case "force":
		case "value_text":
			c.Fields = append(c.Fields, "value_idr")
		default:
			c.Fields = append(c.Fields, f)
		}
	}
	d := b.Deal
	d.ID, d.OfficeID = old.ID, old.OfficeID
	if err := s.deals.UpdateDeal(r.Context(), &d, c, b.Force); err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, &d)
	return nil
}

func (s *Server) handleDealDeleteAPI(w http.ResponseWriter, r *http.Request) error {
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	d, err := s.dealOfOffice(r)
	if err != nil {
		return err
	}
	if err := s.deals.DeleteDeal(r.Context(), d.ID, version); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) handleDealStageAPI(w http.ResponseWriter, r *http.Request) error {
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	d, err := s.dealOfOffice(r)
	if err != nil {
		return err
	}
	var b struct {
		Stage dagang.DealStage `json:"stage"`
		Note  string           `json:"note"`
	}
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	got, err := s.deals.SetDealStage(r.Context(), d.ID, version, b.Stage, b.Note)
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, got)
	return nil
}

// answerBody is the counterpart's answer.
type answerBody struct {
	Answer dagang.Confirmation `json:"answer"`
	Note   string              `json:"note"`
}

// handleDealAnswerAPI records the answer of the deal's counterpart, given
// from its own account (the route admits counterpart users on their own
// deals only).
func (s *Server) handleDealAnswerAPI(w http.ResponseWriter, r *http.Request) error {
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	d, err := s.dealOfOffice(r)
	if err != nil {
		return err
	}
	var b answerBody
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	u := dagang.UserFromContext(r.Context())
	if u == nil || u.Role != dagang.UserCounterpart {
		return dagang.Errorf(dagang.EFORBIDDEN, "hanya akun mitra yang dapat menjawab transaksi", "only a counterpart account can answer a deal")
	}
	got, err := s.confirmations.AnswerDeal(r.Context(), d.ID, version, u.OrganisationID, b.Answer, b.Note)
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, got)
	return nil
}

// handleDealLinkAPI makes a single-use confirmation link for the deal's
// counterpart; staff send it by e-mail or message.
func (s *Server) handleDealLinkAPI(w http.ResponseWriter, r *http.Request) error {
	d, err := s.dealOfOffice(r)
	if err != nil {
		return err
	}
	var b struct {
		Days int `json:"days"` // 14 when 0
	}
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	if b.Days == 0 {
		b.Days = 14
	}
	if b.Days < 1 || b.Days > 90 {
		return invalidField("days", "masa berlaku tautan 1–90 hari", "a link is valid for 1–90 days")
	}
	ttl := time.Duration(b.Days) * 24 * time.Hour
	tok, err := s.confirmations.CreateConfirmLink(r.Context(), d.ID, ttl)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"deal_id": d.ID, "path": "/konfirmasi?token=" + tok, "token": tok,
		"expires_at": s.cfg.Now().UTC().Add(ttl)})
	return nil
}

func (s *Server) handleRealisationCreateAPI(w http.ResponseWriter, r *http.Request) error {
	d, err := s.dealOfOffice(r)
	if err != nil {
		return err
	}
	var b struct {
		dagang.Realisation
		PaidText string `json:"paid_text,omitempty"`
	}
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	var v dagang.Validation
	rupiahText(&v, "paid_text", b.PaidText, &b.PaidIDR)
	if err := v.Err(); err != nil {
		return err
	}
	x := b.Realisation
	x.ID, x.DealID = 0, d.ID
	if err := s.realisations.CreateRealisation(r.Context(), &x); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, &x)
	return nil
}

// followUpMonths is the configured schedule, or the default.
func (s *Server) followUpMonths() []int {
	if len(s.cfg.FollowUpMonths) > 0 {
		return s.cfg.FollowUpMonths
	}
	return dagang.DefaultFollowUpMonths
}

// followUps reads ?due_before= (default: today) and lists what is due.
func (s *Server) followUps(r *http.Request) ([]dagang.FollowUp, error) {
	p := &params{r: r}
	f := dagang.FollowUpFilter{OfficeID: officeOf(r.Context()), Months: s.followUpMonths(), Today: s.today(), Limit: p.limit("limit", dagang.MaxLimit)}
	if v := p.str("due_before"); v != "" {
		d, err := dagang.ParseDate(v)
		if err != nil {
			p.v.Add("due_before", dagang.ErrorMessage(err, "id"), dagang.ErrorMessage(err, "en"))
		}
		f.DueBefore = d
	}
	if err := p.v.Err(); err != nil {
		return nil, err
	}
	return s.reports.FindFollowUps(r.Context(), f)
}

func (s *Server) handleFollowUpsAPI(w http.ResponseWriter, r *http.Request) error {
	fus, err := s.followUps(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page[dagang.FollowUp]{Items: fus, Total: len(fus), Limit: len(fus)})
	return nil
}

// reportYear reads ?year= (0: all years).
func reportYear(r *http.Request) (int, error) {
	p := &params{r: r}
	y := p.year("year")
	return y, p.v.Err()
}

func (s *Server) handleDealReportAPI(w http.ResponseWriter, r *http.Request) error {
	y, err := reportYear(r)
	if err != nil {
		return err
	}
	rep, err := export.Report(r.Context(), s.reports, officeOf(r.Context()), y)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

// CanAnswer reports whether the viewer is the deal's counterpart, who
// confirms or rejects it from the deal list.
func (p pageData) CanAnswer(d *dagang.Deal) bool {
	return p.User != nil && p.User.Role == dagang.UserCounterpart && p.User.OrganisationID != 0 && p.User.OrganisationID == d.CounterpartID
}

// handleDealAnswerPage records the counterpart's answer given on the deal
// list, then goes back to it.
func (s *Server) handleDealAnswerPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.dealOfOffice(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	// The answer is to the deal as the page showed it: a deal changed
	// meanwhile is refused as stale, for the counterpart to read again.
	version, err := formVersion(f)
	if err != nil {
		return err
	}
	u := dagang.UserFromContext(r.Context())
	if u == nil {
		return dagang.Errorf(dagang.EFORBIDDEN, "hanya akun mitra yang dapat menjawab transaksi", "only a counterpart account can answer a deal")
	}
	if f.Get("answer") == string(dagang.ConfirmationRejected) && !s.confirmed(w, r, f.Values,
		"Anda menyatakan transaksi ini tidak benar. Dinas melihat penolakan Anda, dan transaksi ini tidak dihitung sebagai dikonfirmasi.",
		"You state that this deal is not right. The office sees your refusal, and the deal does not count as confirmed.",
		"Tolak", fmt.Sprintf("/deals/%d", d.ID)) {
		return nil
	}
	answered, err := s.confirmations.AnswerDeal(r.Context(), d.ID, version, u.OrganisationID, dagang.Confirmation(f.Get("answer")), f.Get("note"))
	if err != nil {
		return err
	}
	msg := "Terima kasih: transaksi dikonfirmasi."
	if answered.Confirmation == dagang.ConfirmationRejected {
		msg = "Terima kasih: transaksi ditolak."
	}
	s.done(w, r, "/deals", msg)
	return nil
}
