package report

import (
	"sort"
	"strconv"

	"github.com/dagang/dagang"
)

// FromPartners are the deals partner offices recorded with the home
// province and shared with this office, counted from this office's side
// (a partner's sale is a purchase here) and apart from its own totals:
// they are recorded by the partner, not by this office. A deal the office
// linked to its own record of the same trade is counted once, in its own
// totals, and here only in Linked.
type FromPartners struct {
	Total       PartnerAmounts `json:"total"`
	ByDirection []PartnerRow   `json:"by_direction"`
	ByOffice    []PartnerRow   `json:"by_office"`
	Linked      int64          `json:"linked"` // deals linked to the office's own records
}

// PartnerAmounts is a total of deals from partners with this office's
// review: confirmed, disputed or still pending.
type PartnerAmounts struct {
	Deals        int64 `json:"deals"`
	ValueIDR     int64 `json:"value_idr"`
	ConfirmedIDR int64 `json:"confirmed_idr"`
	DisputedIDR  int64 `json:"disputed_idr"`
	PendingIDR   int64 `json:"pending_idr"`
}

func (a *PartnerAmounts) add(r dagang.PartnerRollupRow) {
	a.Deals += r.Deals
	a.ValueIDR += r.ValueIDR
	switch r.State {
	case dagang.PartnerConfirmed:
		a.ConfirmedIDR += r.ValueIDR
	case dagang.PartnerDisputed:
		a.DisputedIDR += r.ValueIDR
	default:
		a.PendingIDR += r.ValueIDR
	}
}

// PartnerRow is one line of the deals from partners.
type PartnerRow struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	PartnerAmounts
}

// Partners totals the rows of the deals shared with an office; nil when
// there are none.
func Partners(rows []dagang.PartnerRollupRow) *FromPartners {
	if len(rows) == 0 {
		return nil
	}
	p := &FromPartners{}
	dirs, offices := map[string]*PartnerRow{}, map[string]*PartnerRow{}
	row := func(m map[string]*PartnerRow, key, label string) *PartnerRow {
		if m[key] == nil {
			m[key] = &PartnerRow{Key: key, Label: label}
		}
		return m[key]
	}
	for _, r := range rows {
		if r.Linked {
			p.Linked += r.Deals
			continue
		}
		own := r.Direction.Mirror()
		p.Total.add(r)
		row(dirs, string(own), own.Label()).add(r)
		row(offices, strconv.FormatInt(r.OfficeID, 10), r.Office).add(r)
	}
	sorted := func(m map[string]*PartnerRow) []PartnerRow {
		out := make([]PartnerRow, 0, len(m))
		for _, r := range m {
			out = append(out, *r)
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].ValueIDR != out[j].ValueIDR {
				return out[i].ValueIDR > out[j].ValueIDR
			}
			return out[i].Key < out[j].Key
		})
		return out
	}
	p.ByDirection, p.ByOffice = sorted(dirs), sorted(offices)
	return p
}
