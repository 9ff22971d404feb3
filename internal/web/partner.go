package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
)

// Deals shared by partner offices (docs/operations.md, "Shared records"):
// the deals another office on the deployment recorded with a counterpart
// in this office's province, shown from this office's side (a partner's
// sale is an incoming purchase), and this office's review of them.

// incomingFilter reads the incoming list's query.
func incomingFilter(p *params) (dagang.IncomingFilter, dagang.ListOptions) {
	f := dagang.IncomingFilter{ListOptions: p.list(), State: enum(p, "state", dagang.PartnerState.Valid), Year: p.year("year")}
	return f, f.ListOptions
}

// handlePartnerReviewAPI records this office's answer on a deal shared
// with it, from the version of If-Match.
func (s *Server) handlePartnerReviewAPI(w http.ResponseWriter, r *http.Request) error {
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var b dagang.PartnerReview
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	got, err := s.partnerDeals.ReviewPartnerDeal(r.Context(), id, version, b)
	if err != nil {
		return err
	}
	writeRecord(w, http.StatusOK, got)
	return nil
}

// incomingPage is the data of the page of deals from partners.
type incomingPage struct {
	Deals []*dagang.IncomingDeal
	Total int
	Refs  *refs
	State dagang.PartnerState
}

// handleIncoming lists the deals partner offices shared with this one,
// with a review form for the office's staff.
func (s *Server) handleIncoming(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	f, _ := incomingFilter(p)
	if err := p.v.Err(); err != nil {
		return err
	}
	ds, n, err := s.partnerDeals.FindIncomingDeals(r.Context(), f)
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "deals_incoming", incomingPage{Deals: ds, Total: n, Refs: s.refs(r.Context(), langOf(r)), State: f.State})
	return nil
}

// handlePartnerReviewPage records the review sent from the page of deals
// from partners, then goes back to it.
func (s *Server) handlePartnerReviewPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	version, err := formVersion(f)
	if err != nil {
		return err
	}
	rev := dagang.PartnerReview{Decision: f.Get("decision"), Note: f.Get("note")}
	if v := strings.TrimSpace(f.Get("link_deal_id")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return invalidField("link_deal_id", "nomor transaksi Anda tidak sah", "your deal number is not valid")
		}
		rev.LinkDealID = n
	}
	got, err := s.partnerDeals.ReviewPartnerDeal(r.Context(), id, version, rev)
	if err != nil {
		return err
	}
	msg := "Transaksi dari mitra dikonfirmasi."
	if got.PartnerState == dagang.PartnerDisputed {
		msg = "Transaksi dari mitra disanggah."
	}
	s.done(w, r, "/deals/masuk", msg)
	return nil
}
