package dagang

import (
	"sort"
	"time"

	"github.com/dagang/dagang/internal/locale"
)

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

// Rollup kinds.
const (
	RollupEvent       RollupKind = "e" // by event and direction
	RollupCounterpart RollupKind = "p" // by counterpart and direction
	RollupCommodity   RollupKind = "c" // by commodity and direction
	RollupStage       RollupKind = "s" // by direction and deal stage
	RollupBusiness    RollupKind = "b" // by home business
)
