package dagang

import "context"

// The national view (issue 20 §4): what the offices of one deployment
// record, read across them for the ministry or a province coordinating a
// region. It is read-only and built from the offices' records; each figure
// says how much of it the other side has confirmed.
//
// A deal is confirmed by both sides when the office recorded it and the
// other side of the trade confirmed it: the counterpart business through
// its confirmation link, or the partner province's office where that
// office shares the record. A deal the counterpart rejected or the
// partner office disputed is left out, and a trade both offices recorded
// and the partner linked is counted once, as the recording office's deal.

// NationalFlow is one cell of the flow matrix: goods of one commodity
// going from one province to another in the year, as the offices recorded
// them (a sale goes from the office's province to the counterpart's, a
// purchase the other way).
type NationalFlow struct {
	From         string `json:"from_province_code"`
	To           string `json:"to_province_code"`
	CommodityID  int64  `json:"commodity_id"`
	Commodity    string `json:"commodity"`
	Stage        Stage  `json:"stage"`
	Deals        int64  `json:"deals"`
	ValueIDR     int64  `json:"value_idr"`
	ConfirmedIDR int64  `json:"confirmed_idr"` // the part confirmed by both sides
}

// NationalAgreements counts the cooperation agreements in one stage across
// the offices, each cooperation once. BothSides counts those both
// provinces record: a shared agreement (one record both offices keep), or
// a pair of agreements two offices recorded of each other before sharing,
// both at this stage. SignedByBoth counts the shared agreements both
// offices signed.
type NationalAgreements struct {
	Stage        AgreementStage `json:"stage"`
	Count        int            `json:"count"`
	BothSides    int            `json:"both_sides"`
	SignedByBoth int            `json:"signed_by_both"`
}

// NationalEvent is one office's event and its result.
type NationalEvent struct {
	OfficeID     int64  `json:"office_id"`
	Office       string `json:"office"`
	EventID      int64  `json:"event_id"`
	Name         string `json:"name"`
	StartsOn     Date   `json:"starts_on"`
	HostProvince string `json:"host_province_code"`
	Deals        int64  `json:"deals"`
	ValueIDR     int64  `json:"value_idr"`
	ConfirmedIDR int64  `json:"confirmed_idr"`
	Sample       bool   `json:"sample"`
}

// NationalView is the national reading of one year (0: all years).
type NationalView struct {
	Year         int                  `json:"year,omitempty"`
	Offices      int                  `json:"offices"`
	ValueIDR     int64                `json:"value_idr"`     // every flow, in rupiah
	ConfirmedIDR int64                `json:"confirmed_idr"` // the part confirmed by both sides
	InvestIDR    int64                `json:"invest_idr"`    // investment deals: no goods flow
	Flows        []NationalFlow       `json:"flows"`         // largest first
	Agreements   []NationalAgreements `json:"agreements"`    // in stage order
	Events       []NationalEvent      `json:"events"`        // by start date
	SampleData   bool                 `json:"sample_data"`   // some figures are sample values (contoh)
}

// ConfirmedShare is the part of the value confirmed by both sides, in
// whole percent (0 when there is no value).
func ConfirmedShare(confirmed, value int64) int {
	if value <= 0 {
		return 0
	}
	return int(confirmed * 100 / value)
}

// NationalService reads the national view. Callers pass a context made
// with NewContextForDeployment: the view crosses the offices on purpose.
type NationalService interface {
	National(ctx context.Context, year int) (*NationalView, error)
}
