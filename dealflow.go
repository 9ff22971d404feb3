package dagang

import (
	"context"
	"sort"
	"time"

	"github.com/dagang/dagang/internal/locale"
)

// DealFlowService takes a deal from the handshake to delivery: changes and
// stage moves (audited), likely-duplicate checks, the counterpart's answer
// from its account or a single-use link, and the follow-ups that record
// what was delivered and paid.
type DealFlowService interface {
	// FindLikelyDuplicates returns stored deals that look like d: same
	// office, event, business, counterpart and commodity, and a value
	// within DuplicateTolerance or the same deal date. d itself (by ID)
	// is never returned.
	FindLikelyDuplicates(ctx context.Context, d *Deal) ([]*Deal, error)
	// CreateDealChecked stores d unless it is a likely duplicate; force
	// stores it anyway. A refusal is ECONFLICT naming the duplicates.
	CreateDealChecked(ctx context.Context, d *Deal, force bool) error
	// UpdateDeal sets the fields of d that c names on the stored deal d.ID
	// and leaves d as stored. Changing the parties, the commodity, the
	// direction, the volume or the value sends the deal back to the
	// counterpart: its confirmation becomes pending.
	UpdateDeal(ctx context.Context, d *Deal, c Change, force bool) error
	// DeleteDeal, SetDealStage and AnswerDeal take the version the change
	// was decided on (0: any); another one is a *StaleError.
	DeleteDeal(ctx context.Context, id, version int64) error
	SetDealStage(ctx context.Context, id, version int64, stage DealStage, note string) (*Deal, error)
	// AnswerDeal records the counterpart's answer given from its own
	// account: organisationID must be the deal's counterpart.
	AnswerDeal(ctx context.Context, id, version, organisationID int64, answer Confirmation, note string) (*Deal, error)
	// CreateConfirmLink returns a new single-use token for the deal's
	// counterpart, valid for ttl. Only its hash is stored.
	CreateConfirmLink(ctx context.Context, id int64, ttl time.Duration) (string, error)
	// AnswerDealByToken records the answer given through a link; the
	// token is spent even when it is used to reject.
	AnswerDealByToken(ctx context.Context, token string, answer Confirmation, note string) (*Deal, error)
	// DealByToken shows the deal a still valid token is for.
	DealByToken(ctx context.Context, token string) (*Deal, error)
	// FindFollowUps lists the follow-ups not yet reported that fall due
	// on or before dueBefore.
	FindFollowUps(ctx context.Context, f FollowUpFilter) ([]FollowUp, error)
	// DealRollup returns the summary rows reports are computed from.
	DealRollup(ctx context.Context, officeID int64, year int) ([]RollupRow, error)
}

// DuplicateTolerance is how close two values must be, as a fraction of
// the larger, for deals between the same parties to look alike.
const DuplicateTolerance = 0.05

// DefaultFollowUpMonths are the months after the deal date at which staff
// ask what was delivered and paid.
var DefaultFollowUpMonths = []int{1, 3, 6, 12}

// FollowUpStatus says whether a follow-up is done, due or overdue.
type FollowUpStatus string

// Follow-up states.
const (
	FollowUpDone    FollowUpStatus = "done"    // a realisation was reported in its window
	FollowUpDue     FollowUpStatus = "due"     // falls due today or later
	FollowUpOverdue FollowUpStatus = "overdue" // its date has passed without a report
	FollowUpSkipped FollowUpStatus = "skipped" // missed, but a later follow-up was reported
)

// Label returns the status in Indonesian.
func (s FollowUpStatus) Label() string {
	return locale.Label(locale.ID, string(s))
}

// FollowUp is one check of a deal's delivery and payment.
type FollowUp struct {
	DealID   int64          `json:"deal_id"`
	Months   int            `json:"months"`
	Due      Date           `json:"due"`
	Status   FollowUpStatus `json:"status"`
	ValueIDR int64          `json:"value_idr"`
	PaidIDR  int64          `json:"paid_idr"`
	// Filled by the store for lists.
	BusinessName    string `json:"business_name,omitempty"`
	CounterpartName string `json:"counterpart_name,omitempty"`
	EventName       string `json:"event_name,omitempty"`
}

// FollowUpFilter selects follow-ups.
type FollowUpFilter struct {
	OfficeID  int64
	Months    []int // DefaultFollowUpMonths when empty
	Today     Date
	DueBefore Date // Today when zero
	Limit     int  // 0: no limit
}

// FollowUps computes the follow-ups of a deal given its realisations
// (reported dates), the schedule in months and today's date. The follow-up
// at m months is done when a realisation was reported from 15 days before
// its date up to 15 days before the next one; a deal that is fully paid or
// rejected needs no more follow-ups (callers leave such deals out). A
// follow-up missed before one that was reported is skipped, not overdue.
func FollowUps(d *Deal, reported []Date, months []int, today Date) []FollowUp {
	if len(months) == 0 {
		months = DefaultFollowUpMonths
	}
	ms := append([]int(nil), months...)
	sort.Ints(ms)
	out := make([]FollowUp, 0, len(ms))
	const grace = 15 * 24 * time.Hour
	for i, m := range ms {
		due := d.DealDate.AddMonths(m)
		from := due.Time().Add(-grace)
		var to time.Time
		if i+1 < len(ms) {
			to = d.DealDate.AddMonths(ms[i+1]).Time().Add(-grace)
		}
		f := FollowUp{DealID: d.ID, Months: m, Due: due, ValueIDR: d.ValueIDR}
		done := false
		for _, r := range reported {
			t := r.Time()
			if !t.Before(from) && (to.IsZero() || t.Before(to)) {
				done = true
				break
			}
		}
		switch {
		case done:
			f.Status = FollowUpDone
		case due.Before(today):
			f.Status = FollowUpOverdue
		default:
			f.Status = FollowUpDue
		}
		out = append(out, f)
	}
	later := false
	for i := len(out) - 1; i >= 0; i-- {
		if out[i].Status == FollowUpDone {
			later = true
		} else if later {
			out[i].Status = FollowUpSkipped
		}
	}
	return out
}

// RealisationRate is paid over value, capped at 1; 0 for a zero value.
func RealisationRate(valueIDR, realisedIDR int64) float64 {
	if valueIDR <= 0 {
		return 0
	}
	if realisedIDR >= valueIDR {
		return 1
	}
	return float64(realisedIDR) / float64(valueIDR)
}

// RollupKind names one grouping of the deal summary table.
type RollupKind string

// Rollup kinds.
const (
	RollupEvent       RollupKind = "e" // by event and direction
	RollupCounterpart RollupKind = "p" // by counterpart and direction
	RollupCommodity   RollupKind = "c" // by commodity and direction
	RollupStage       RollupKind = "s" // by direction and deal stage
	RollupBusiness    RollupKind = "b" // by home business
)

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
