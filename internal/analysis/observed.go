package analysis

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/complement"
	"github.com/dagang/dagang/internal/money"
	"github.com/dagang/dagang/internal/refdata"
)

// Observed is the reference data the ranking sets beside the computed
// score: BPS's Perdagangan Antar Wilayah 2022 survey (what provinces
// actually bought from and sold to each other) and consumer prices.
type Observed struct {
	Trade  []refdata.TradeFlow
	Totals []refdata.TradeTotal
	Prices []refdata.Price
}

// LoadObserved reads the trade survey and prices: the office's latest
// imported table of each layout where there is one, the embedded copy
// otherwise.
func LoadObserved(imported []*dagang.ReferenceTable) (*Observed, error) {
	if len(imported) == 0 {
		o, err := embeddedObserved()
		if err != nil {
			return nil, err
		}
		c := *o // callers do not change the tables; the copy keeps it so
		return &c, nil
	}
	return parseObserved(imported)
}

// embeddedObserved parses the embedded tables once.
var embeddedObserved = sync.OnceValues(func() (*Observed, error) { return parseObserved(nil) })

func parseObserved(imported []*dagang.ReferenceTable) (*Observed, error) {
	tables := map[string][]byte{}
	for _, t := range imported {
		tables[t.Layout] = []byte(t.Content)
	}
	flows, totals, err := refdata.TradeFrom(tables[refdata.LayoutTradePartners], tables[refdata.LayoutTradeTotals])
	if err != nil {
		return nil, err
	}
	prices, err := refdata.PricesFrom(tables[refdata.LayoutPrices])
	if err != nil {
		return nil, err
	}
	return &Observed{Trade: flows, Totals: totals, Prices: prices}, nil
}

// tradeBetween returns every published cell between home and p: home's own
// row and p's mirror row, seen from home.
func (o *Observed) tradeBetween(home, p string) []complement.TradeObservation {
	out := []complement.TradeObservation{}
	for _, f := range o.Trade {
		var dir string
		switch {
		case f.Reporter == home && f.Partner == p:
			dir = complement.HomeBuys
			if f.Direction == refdata.SalesTo {
				dir = complement.HomeSells
			}
		case f.Reporter == p && f.Partner == home:
			dir = complement.HomeSells
			if f.Direction == refdata.SalesTo {
				dir = complement.HomeBuys
			}
		default:
			continue
		}
		out = append(out, complement.TradeObservation{
			Direction: dir, ReportedBy: f.Reporter, Rank: f.Rank, Rupiah: f.Rupiah, Text: money.Format(f.Rupiah),
			AsPublished: f.AsPublished, Year: f.SurveyYear, YearText: f.YearText,
			Source: complement.Source{Publisher: f.Publisher, URL: f.SourceURL}, Flag: f.Flag,
		})
	}
	return out
}

// priceGaps compares p's prices with home's on every date both have.
func (o *Observed) priceGaps(home, p string, distanceKm, scaleKm float64) []complement.PriceGap {
	type key struct{ item, date string }
	at := map[key]refdata.Price{}
	for _, pr := range o.Prices {
		if pr.Province == home {
			at[key{pr.Item, pr.Date}] = pr
		}
	}
	var out []complement.PriceGap
	for _, pr := range o.Prices {
		h, ok := at[key{pr.Item, pr.Date}]
		if pr.Province != p || !ok {
			continue
		}
		g := complement.PriceGap{Item: pr.Item, Date: pr.Date, Home: h.RupiahKg, Partner: pr.RupiahKg, Gap: pr.RupiahKg - h.RupiahKg,
			Source: complement.Source{Publisher: pr.Publisher, URL: pr.SourceURL}}
		g.NetOfDistance = g.Gap
		if distanceKm >= 0 && scaleKm > 0 {
			g.NetOfDistance = int64(math.Round(float64(g.Gap) / (1 + distanceKm/scaleKm)))
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// attach sets observed trade and price gaps on every candidate.
func (o *Observed) attach(home string, cands []complement.Candidate, opt complement.Options) {
	for i := range cands {
		c := &cands[i]
		c.ObservedTrade = o.tradeBetween(home, c.Province.Code)
		c.PriceGaps = o.priceGaps(home, c.Province.Code, c.DistanceKm, opt.DistanceScaleKm)
	}
}

// Total returns a province's PAW totals, if the survey summary has it.
func (o *Observed) Total(code string) (refdata.TradeTotal, bool) {
	for _, t := range o.Totals {
		if t.Province == code {
			return t, true
		}
	}
	return refdata.TradeTotal{}, false
}

// HomeValidation is how well the score ranked one home province's actual
// PAW 2022 partners.
type HomeValidation struct {
	Home     string  `json:"home"`
	Name     string  `json:"name"`
	Partners int     `json:"partners"` // provinces compared
	Listed   int     `json:"listed"`   // of which with published trade
	Rho      float64 `json:"spearman_rho"`
	P        float64 `json:"p_value"`
	Computed bool    `json:"computed"`
	Note     string  `json:"note,omitempty"`
	// Excluded lists flagged cells of home's row left out of the sums.
	Excluded []string `json:"excluded,omitempty"`
}

// Validation sums up the check of the method against observed trade.
type Validation struct {
	Method      string           `json:"method"`
	Homes       []HomeValidation `json:"homes"`
	Computed    int              `json:"computed"`
	Positive    int              `json:"positive"`
	Significant int              `json:"significant"` // p < 0.05
	MeanRho     float64          `json:"mean_rho"`
}

// ValidationMethod describes the check in a sentence, for the page and docs.
const ValidationMethod = "Spearman rank correlation (ties at mean rank) between the complementarity score " +
	"computed from statistics alone (no staff declarations) and the observed PAW 2022 trade of the home " +
	"province with each partner (sales to it plus purchases from it, from the home province's own top-3 " +
	"lists; unlisted partners tie at zero; flagged cells left out), over the provinces of the PAW summary; " +
	"one-sided permutation p-value, 9999 seeded permutations"

// Validate ranks every home province of the PAW summary on the statistics
// alone and correlates the score with the trade it actually reported.
func (in *Input) Validate(o *Observed, opt complement.Options) (*Validation, error) {
	stats := &Input{Provinces: in.Provinces, Commodities: in.Commodities}
	for _, e := range in.Evidence {
		if e.Kind != complement.SurplusDeclared && e.Kind != complement.NeedDeclared {
			stats.Evidence = append(stats.Evidence, e)
		}
	}
	inPAW := map[string]bool{}
	for _, t := range o.Totals {
		inPAW[t.Province] = true
	}
	names := map[string]string{}
	for _, p := range in.Provinces {
		names[p.Code] = p.Name
	}
	v := &Validation{Method: ValidationMethod}
	var sum float64
	for _, t := range o.Totals {
		h := HomeValidation{Home: t.Province, Name: names[t.Province]}
		observed := map[string]float64{}
		for _, f := range o.Trade {
			if f.Reporter != h.Home {
				continue
			}
			if !f.PAW2022() {
				h.Excluded = append(h.Excluded, fmt.Sprintf("%s %s %s: %s", f.Direction, f.Partner, f.AsPublished, f.Flag))
				continue
			}
			observed[f.Partner] += float64(f.Rupiah)
		}
		cands, err := complement.Analyze(h.Home, stats.Provinces, stats.Commodities, stats.Evidence, opt)
		if err != nil {
			return nil, err
		}
		var x, y []float64
		for _, c := range cands {
			if !inPAW[c.Province.Code] {
				continue
			}
			x = append(x, c.Score)
			y = append(y, observed[c.Province.Code])
			if observed[c.Province.Code] > 0 {
				h.Listed++
			}
		}
		h.Partners = len(x)
		h.Rho, h.Computed = complement.Spearman(x, y)
		if h.Computed {
			h.P = complement.PermutationP(x, y, h.Rho, 9999, 22)
			v.Computed++
			sum += h.Rho
			if h.Rho > 0 {
				v.Positive++
			}
			if h.P < 0.05 {
				v.Significant++
			}
		} else {
			h.Note = "skor atau perdagangan konstan: korelasi tidak terdefinisi / constant score or trade: undefined"
		}
		v.Homes = append(v.Homes, h)
	}
	if v.Computed > 0 {
		v.MeanRho = sum / float64(v.Computed)
	}
	slices.SortFunc(v.Homes, func(a, b HomeValidation) int {
		if a.Home < b.Home {
			return -1
		}
		return 1
	})
	return v, nil
}
