package agenda

import (
	"context"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/analysis"
	"github.com/dagang/dagang/internal/complement"
	"github.com/dagang/dagang/internal/matching"
	"github.com/dagang/dagang/internal/search"
)

// MatchStore is what Suggest reads: the agenda's store, the partner
// analysis and the office.
type MatchStore interface {
	Store
	analysis.Store
	FindOfficeByID(ctx context.Context, id int64) (*dagang.Office, error)
}

// Suggestions are the matching suggestions of an event's participants.
type Suggestions struct {
	People map[int64]*Person
	// Lists by participation ID, best first.
	Lists map[int64][]matching.Suggestion
	// Complementarity of each partner province (1 = best partner).
	Complementarity map[string]float64
}

// Suggest matches the participants of an event: home businesses (their
// products and listings) against partner organisations (their listings),
// in both directions, with the provinces' complementarity from the
// partner analysis and Indonesian stemming of the descriptions.
func Suggest(ctx context.Context, st MatchStore, eventID int64, limit int) (*Suggestions, error) {
	e, err := st.FindEventByID(ctx, eventID)
	if err != nil {
		return nil, err
	}
	office, err := st.FindOfficeByID(ctx, e.OfficeID)
	if err != nil {
		return nil, err
	}
	ppl, err := people(ctx, st, e)
	if err != nil {
		return nil, err
	}
	in := matching.Input{Stemmer: matching.StemFunc(search.Stem)}
	cs, err := pages(func(opt dagang.ListOptions) ([]*dagang.Commodity, int, error) {
		return st.FindCommodities(ctx, dagang.CommodityFilter{ListOptions: opt})
	})
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		mc := matching.Commodity{ID: c.ID, Name: c.Name, NameEN: c.NameEN, HSCode: c.HSCode, Stage: c.Stage}
		for _, l := range c.Inputs {
			if l.OutputID == c.ID {
				mc.Inputs = append(mc.Inputs, l.InputID)
			}
		}
		in.Commodities = append(in.Commodities, mc)
	}
	provinces, err := st.FindProvinces(ctx)
	if err != nil {
		return nil, err
	}
	short := map[string]string{}
	for _, p := range provinces {
		short[p.Code] = p.ShortName
		if short[p.Code] == "" {
			short[p.Code] = p.Name
		}
	}
	for _, id := range sortedKeys(ppl) {
		p := ppl[id]
		mp := matching.Participant{ID: id, Name: p.Name, Side: matching.Partner, Province: p.Province}
		if p.Participation.BusinessID != 0 {
			mp.Side, mp.Province = matching.Home, office.HomeProvince
			for _, pr := range p.products {
				mp.Offers = append(mp.Offers, matching.Item{CommodityID: pr.CommodityID, Volume: pr.MonthlyCapacity, Unit: pr.Unit, Description: pr.Description})
			}
		}
		for _, l := range p.listings {
			it := matching.Item{CommodityID: l.CommodityID, Volume: l.Volume, Unit: l.Unit, Description: l.Description}
			if l.Kind == dagang.ListingNeed {
				mp.Needs = append(mp.Needs, it)
			} else {
				mp.Offers = append(mp.Offers, it)
			}
		}
		mp.ProvinceName = short[mp.Province]
		in.Participants = append(in.Participants, mp)
	}
	rank, err := analysis.Rank(ctx, st, office.ID, office.HomeProvince, complement.DefaultOptions())
	if err != nil {
		return nil, err
	}
	best := 0.0
	for _, c := range rank.Candidates {
		best = max(best, c.Score)
	}
	if best > 0 {
		in.Complementarity = map[string]float64{}
		for _, c := range rank.Candidates {
			in.Complementarity[c.Province.Code] = c.Score / best
		}
	}
	return &Suggestions{People: ppl, Lists: matching.Suggest(in, matching.Options{Limit: limit}), Complementarity: in.Complementarity}, nil
}
