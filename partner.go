package dagang

import (
	"context"
	"strings"
	"time"
)

// Shared records between partner offices. A deal an office records with
// a counterpart in another province is shared with that province's office
// when the province has one on the deployment: the partner office sees it
// as an incoming purchase (for the recording office's sale) or sale (for
// its purchase) and confirms or disputes it. The deal stays the recording
// office's record; the partner changes only its own side (DealPartner).

// PartnerState is the partner office's answer to a deal shared with it.
type PartnerState string

// Partner states: a shared deal starts pending; a change of its terms
// sends it back to pending.
const (
	PartnerPending   PartnerState = "pending"
	PartnerConfirmed PartnerState = "confirmed"
	PartnerDisputed  PartnerState = "disputed"
)

// PartnerStates lists the states.
var PartnerStates = []PartnerState{PartnerPending, PartnerConfirmed, PartnerDisputed}

// Valid reports whether s is a known state.
func (s PartnerState) Valid() bool {
	return s == PartnerPending || s == PartnerConfirmed || s == PartnerDisputed
}

// DealPartner is the partner office's side of a deal: set by the deal's
// service (the office, from the counterpart's province; the names the
// partner sees) and by the partner office's review (state, note, who,
// when, its own record of the same trade). A deal without a partner
// office has them all empty.
type DealPartner struct {
	PartnerOfficeID int64        `json:"partner_office_id,omitempty"`
	PartnerState    PartnerState `json:"partner_state,omitempty"`
	PartnerNote     string       `json:"partner_note,omitempty"`
	PartnerBy       string       `json:"partner_by,omitempty"` // the reviewer's name
	PartnerAt       time.Time    `json:"partner_at,omitzero"`
	// PartnerDealID is the partner office's own record of the same trade,
	// when it linked one: the partner's reports count that one instead.
	PartnerDealID int64 `json:"partner_deal_id,omitempty"`
	// SharedBusiness and SharedCounterpart are the names of the deal's
	// parties as the partner office sees them (it cannot read the
	// recording office's records), as of the deal's last change.
	SharedBusiness    string `json:"shared_business,omitempty"`
	SharedCounterpart string `json:"shared_counterpart,omitempty"`
}

// PartnerReview is the partner office's answer to a shared deal.
type PartnerReview struct {
	Decision string `json:"decision"` // confirm or dispute
	Note     string `json:"note"`
	// LinkDealID names the partner office's own record of the same
	// trade (optional), which its reports count instead.
	LinkDealID int64 `json:"link_deal_id,omitempty"`
}

// State is the state the review moves the deal to.
func (r *PartnerReview) State() PartnerState {
	switch r.Decision {
	case "confirm":
		return PartnerConfirmed
	case "dispute":
		return PartnerDisputed
	}
	return ""
}

// Validate checks the review's fields.
func (r *PartnerReview) Validate() error {
	var v Validation
	v.Check(r.State() != "", "decision", "keputusan harus confirm atau dispute", "decision must be confirm or dispute")
	v.Check(r.Decision != "dispute" || strings.TrimSpace(r.Note) != "", "note", "tuliskan alasan sanggahan", "write why you dispute the deal")
	v.Lines("note", r.Note)
	v.Check(len(r.Note) <= 2000, "note", "catatan terlalu panjang (maks. 2000 karakter)", "note is too long (max 2000 characters)")
	v.Check(r.LinkDealID >= 0, "link_deal_id", "nomor transaksi tidak sah", "invalid deal number")
	return v.Err()
}

// IncomingDeal is a deal another office recorded and shared with this
// one, seen from this office's side: a partner's sale is this office's
// purchase. It shows what the partner office may see of the deal, never
// the recording office's notes.
type IncomingDeal struct {
	ID                int64        `json:"id"`
	Version           int64        `json:"version"`
	RecordingOfficeID int64        `json:"recording_office_id"`
	RecordingOffice   string       `json:"recording_office"`
	RecordingProvince string       `json:"recording_province_code"`
	Direction         Direction    `json:"direction"`   // from this office's side
	Business          string       `json:"business"`    // the recording office's party
	Counterpart       string       `json:"counterpart"` // the party in this office's province
	CommodityID       int64        `json:"commodity_id,omitempty"`
	Volume            float64      `json:"volume,omitempty"`
	Unit              string       `json:"unit,omitempty"`
	ValueIDR          int64        `json:"value_idr"`
	Stage             DealStage    `json:"stage"`
	DealDate          Date         `json:"deal_date"`
	Confirmation      Confirmation `json:"confirmation"` // the counterpart's own answer
	PartnerState      PartnerState `json:"partner_state"`
	PartnerNote       string       `json:"partner_note,omitempty"`
	PartnerBy         string       `json:"partner_by,omitempty"`
	PartnerAt         time.Time    `json:"partner_at,omitzero"`
	PartnerDealID     int64        `json:"partner_deal_id,omitempty"`
	// LikelyOwn are this office's own deals that look like the same
	// trade (same commodity, the other direction, a counterpart in the
	// recording office's province, the same date or a value within
	// DuplicateTolerance): link one instead of counting the trade twice.
	LikelyOwn []int64 `json:"likely_own,omitempty"`
}

// Mirror is the direction of a deal seen from the other side.
func (d Direction) Mirror() Direction {
	switch d {
	case DirectionSell:
		return DirectionBuy
	case DirectionBuy:
		return DirectionSell
	}
	return d
}

// PartnerRollupRow totals the deals shared with an office, for its
// report: by recording office, the recording office's direction, the
// partner's review and whether the partner linked its own record of the
// trade (then its own record counts, not this one).
type PartnerRollupRow struct {
	OfficeID  int64
	Office    string
	Direction Direction
	State     PartnerState
	Linked    bool
	Deals     int64
	ValueIDR  int64
}

// IncomingFilter selects the deals shared with the acting office.
type IncomingFilter struct {
	ListOptions
	State PartnerState
	Year  int
}

// PartnerDealService is the partner office's door to the deals shared
// with it. The office is the acting one (OfficeScope); another office's
// deal answers ENOTFOUND as a missing one.
type PartnerDealService interface {
	FindIncomingDeals(ctx context.Context, f IncomingFilter) ([]*IncomingDeal, int, error)
	// ReviewPartnerDeal records the acting office's answer on a deal
	// shared with it (version: the one decided on, 0 any), audited in the
	// acting office; it changes only the deal's partner side.
	ReviewPartnerDeal(ctx context.Context, id, version int64, r PartnerReview) (*IncomingDeal, error)
}
