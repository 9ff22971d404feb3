package web

import (
	"net/http"

	"github.com/dagang/dagang"
)

// dealDetail is the data of the page of one deal.
type dealDetail struct {
	D             *dagang.Deal
	Refs          *refs
	Realisations  []*dagang.Realisation
	Delivered     float64
	Paid          int64
	History       []dealEvent
	ShowActor     bool   // the office's own people see who changed what
	PartnerOffice string // the office the deal is shared with, if any
}

// dealEvent is one audit entry of a deal in words.
type dealEvent struct {
	*dagang.AuditEntry
	Changes []auditChange // Field is a label, Old and New are in words
}

// handleDeal shows one deal with its realisations, its confirmation and
// its history. The route's scope already limits business and counterpart
// users to their own deals; other deals answer 404.
func (s *Server) handleDeal(w http.ResponseWriter, r *http.Request) error {
	deal, err := s.dealOfOffice(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	p := newPageData(r, "deal", nil)
	d := dealDetail{D: deal, Refs: s.refs(ctx, p.Lang), ShowActor: p.CanWrite() || hasRole(p.User, dagang.UserLeadership)}
	if deal.PartnerOfficeID != 0 {
		o, err := s.reference.FindOfficeByID(ctx, deal.PartnerOfficeID)
		if err != nil {
			return err
		}
		d.PartnerOffice = o.Name
	}
	if d.Realisations, err = s.realisations.FindRealisations(ctx, deal.ID); err != nil {
		return err
	}
	for _, x := range d.Realisations {
		d.Delivered += x.DeliveredVolume
		d.Paid += x.PaidIDR
	}
	entries, _, err := s.deals.FindAuditEntries(ctx, dagang.AuditFilter{ListOptions: all, OfficeID: officeOf(r.Context()), Entity: "deal", EntityID: deal.ID})
	if err != nil {
		return err
	}
	for _, e := range entries {
		d.History = append(d.History, dealEvent{AuditEntry: e, Changes: auditWords(p, d.Refs, "deal", changes(e.Old, e.New))})
	}
	s.renderPage(w, r, http.StatusOK, "deal", d)
	return nil
}

// realisationLabels names the fields of a realisation (follow-up), whose
// audit entries belong to the deal's history.
var realisationLabels = map[string]string{"reported_on": "Tanggal laporan", "delivered_volume": "Volume terkirim", "paid_idr": "Nilai terbayar"}
