package dagang

import "context"

// Summary is the headline report of an office: what the head of office
// reads first and what `dagang report summary` prints.
type Summary struct {
	Year              int              `json:"year,omitempty"` // 0: all years
	Events            int              `json:"events"`         // EventsWithDeals of the year's deals
	TransactionsIDR   int64            `json:"transactions_idr"`
	TransactionsText  string           `json:"transactions_text"`
	ByDirection       DirectionTotals  `json:"by_direction"`
	Partners          []PartnerSummary `json:"partners"`
	BusinessesReached int              `json:"businesses_reached"`
	// OpenCallEntered counts the businesses that entered through an open
	// call (self-registrations approved) of the year's events;
	// OpenCallChosen those of them that went to an event of the year.
	OpenCallEntered int              `json:"open_call_entered"`
	OpenCallChosen  int              `json:"open_call_chosen"`
	EventTotals     []EventTotal     `json:"event_totals"`
	Targets         []TargetProgress `json:"targets,omitempty"`
	SampleData      bool             `json:"sample_data"` // some figures are sample values (contoh)
}

// EventsWithDeals is the one definition of "how many events" that the
// dashboard, the report and their exports show next to a total of deals:
// the events with at least one deal among rows (deal summary rows; only
// those of kind RollupEvent count). Deals recorded outside an event are in
// the total but add no event; an event held without deals adds none
// either, so "Rp119 miliar dari 3 kegiatan" names the events the rupiah
// came from.
func EventsWithDeals(rows []RollupRow) int {
	seen := map[int64]bool{}
	for _, r := range rows {
		if r.Kind == RollupEvent && r.EventID != 0 && r.Deals > 0 {
			seen[r.EventID] = true
		}
	}
	return len(seen)
}

// DirectionTotals splits a total by deal direction, in rupiah.
type DirectionTotals struct {
	Sell   int64 `json:"sell"`
	Buy    int64 `json:"buy"`
	Invest int64 `json:"invest"`
}

// PartnerSummary is a partner province and the stage of its cooperation.
type PartnerSummary struct {
	ProvinceCode string         `json:"province_code"`
	Name         string         `json:"name"`
	Stage        AgreementStage `json:"stage"`
	Reason       string         `json:"reason,omitempty"`
	DealsIDR     int64          `json:"deals_idr"`
}

// EventTotal is one event's transaction total.
type EventTotal struct {
	EventID      int64  `json:"event_id"`
	Name         string `json:"name"`
	Year         int    `json:"year"`
	HostProvince string `json:"host_province_code"`
	Deals        int    `json:"deals"`
	TotalIDR     int64  `json:"total_idr"`
	Sample       bool   `json:"sample"`
}

// TargetProgress is a yearly target with the result computed from records.
type TargetProgress struct {
	Target
	Actual int64 `json:"actual"`
}

// ReportService computes reports from records.
type ReportService interface {
	// Summary reports on one office for one year (0 for all years).
	Summary(ctx context.Context, officeID int64, year int) (*Summary, error)
}

// RollupKind names one grouping of the deal summary table.
type RollupKind string

// RollupKinds lists every kind; each deal counts once in each.
var RollupKinds = []RollupKind{RollupEvent, RollupCounterpart, RollupCommodity, RollupStage, RollupBusiness}

// RollupRow is one row of the deal summary table.
type RollupRow struct {
	Kind          RollupKind   `json:"kind"`
	Year          int          `json:"year"`
	EventID       int64        `json:"event_id,omitempty"`
	CounterpartID int64        `json:"counterpart_id,omitempty"`
	CommodityID   int64        `json:"commodity_id,omitempty"`
	BusinessID    int64        `json:"business_id,omitempty"`
	Direction     Direction    `json:"direction,omitempty"`
	Stage         DealStage    `json:"stage,omitempty"`
	Confirmation  Confirmation `json:"confirmation"`
	Deals         int64        `json:"deals"`
	ValueIDR      int64        `json:"value_idr"`
	RealisedIDR   int64        `json:"realised_idr"`
	SampleDeals   int64        `json:"sample_deals"`
}

// ReportNames are the names a deal report puts on the rollup's ids.
type ReportNames struct {
	OfficeName   string                   `json:"office_name"`
	HomeProvince string                   `json:"home_province"`
	Provinces    map[string]Province      `json:"-"`
	Events       map[int64]NamedEvent     `json:"-"`
	Orgs         map[int64]NamedOrg       `json:"-"`
	Commodities  map[int64]NamedCommodity `json:"-"`
}

// NamedEvent is an event as reports show it.
type NamedEvent struct {
	Name         string
	StartsOn     Date
	HostProvince string
	Sample       bool
}

// NamedOrg is a counterpart as reports show it.
type NamedOrg struct {
	Name         string
	ProvinceCode string
}

// NamedCommodity is a commodity as reports show it.
type NamedCommodity struct {
	Name  string
	Stage Stage
}

// DealRecord is a deal with the names and contacts of everything it
// refers to: one row of an export.
type DealRecord struct {
	Deal
	PaidIDR            int64
	EventName          string
	BusinessName       string
	BusinessContact    Contact
	CounterpartName    string
	CounterpartProv    string // province name
	CounterpartContact Contact
	CommodityName      string
	CommodityStage     Stage
}

// NameIndex is what imports resolve names and codes against.
type NameIndex struct {
	OfficeID       int64
	Businesses     map[int64]string
	Orgs           map[int64]string
	Events         map[int64]string
	Commodities    map[int64]NamedCommodity
	CommoditySlugs map[string]int64
	CommodityUnits map[int64]string
	Regencies      map[string]string // code → name
	Provinces      map[string]string // code → name
	// What duplicates are found by: a business's NIB and regency, an
	// organisation's province.
	BusinessNIB     map[int64]string
	BusinessRegency map[int64]string
	OrgProvince     map[int64]string
}
