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
	EventTotals       []EventTotal     `json:"event_totals"`
	Targets           []TargetProgress `json:"targets,omitempty"`
	SampleData        bool             `json:"sample_data"` // some figures are sample values (contoh)
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
