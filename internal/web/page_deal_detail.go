package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

// dealDetail is the data of the page of one deal.
type dealDetail struct {
	D            *dagang.Deal
	Refs         *refs
	Realisations []*dagang.Realisation
	Delivered    float64
	Paid         int64
	History      []dealEvent
	ShowActor    bool // the office's own people see who changed what
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
	if d.Realisations, err = s.realisations.FindRealisations(ctx, deal.ID); err != nil {
		return err
	}
	for _, x := range d.Realisations {
		d.Delivered += x.DeliveredVolume
		d.Paid += x.PaidIDR
	}
	entries, _, err := s.deals.FindAuditEntries(ctx, dagang.AuditFilter{ListOptions: all, OfficeID: s.cfg.OfficeID, Entity: "deal", EntityID: deal.ID})
	if err != nil {
		return err
	}
	for _, e := range entries {
		d.History = append(d.History, dealEvent{AuditEntry: e, Changes: dealChanges(p, d.Refs, changes(e.Old, e.New))})
	}
	s.renderPage(w, r, http.StatusOK, "deal", d)
	return nil
}

// dealChanges writes the changed fields of a deal with their labels and
// their values in words: names instead of ids, labels instead of codes,
// rupiah through internal/money. Bookkeeping fields are left out.
func dealChanges(p pageData, x *refs, cs []auditChange) []auditChange {
	var out []auditChange
	for _, c := range cs {
		switch c.Field {
		case "id", "version", "office_id", "sample", "deal_id":
			continue
		}
		label, ok := dealLabels[c.Field]
		if !ok {
			label, ok = realisationLabels[c.Field]
		}
		if !ok {
			label = c.Field
		}
		out = append(out, auditChange{Field: p.T(label), Old: dealValue(p, x, c.Field, c.Old), New: dealValue(p, x, c.Field, c.New)})
	}
	return out
}

// realisationLabels names the fields of a realisation (follow-up), whose
// audit entries belong to the deal's history.
var realisationLabels = map[string]string{"reported_on": "Tanggal laporan", "delivered_volume": "Volume terkirim", "paid_idr": "Nilai terbayar"}

// dealValue writes one stored value of deal field k in words.
func dealValue(p pageData, x *refs, k, v string) string {
	if v == "" {
		return ""
	}
	id, _ := strconv.ParseInt(v, 10, 64)
	var name string
	var err error
	switch k {
	case "direction":
		return p.Label(dagang.Direction(v))
	case "stage", "confirmation":
		return p.Label(v)
	case "business_id":
		name, err = x.Business(id)
	case "counterpart_id":
		name, err = x.Org(id)
	case "commodity_id":
		name, err = x.Commodity(id)
	case "event_id":
		name, err = x.Event(id)
	case "deal_date", "delivery_from", "delivery_to", "reported_on":
		if d, err := dagang.ParseDate(v); err == nil && !d.IsZero() {
			return p.Date(d)
		}
		return v
	case "volume", "delivered_volume":
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return p.Num(f)
		}
		return v
	default:
		if strings.HasSuffix(k, "_idr") {
			// changes already wrote rupiah through internal/money.
			if n, err := money.Parse(v); err == nil {
				return p.Rp(n)
			}
		}
		return v
	}
	if err != nil || name == "" {
		return v
	}
	return name
}
