// Package analysis runs the partner analysis of internal/complement on the
// records of the store: the reference provinces (centroids, population),
// the commodity catalogue with its input links, the imported statistics,
// consumption estimated from population and per-capita norms, and the
// declarations of the office's staff. It also turns the analysis into the
// needs of a destination for the delegation proposal (see needs.go).
//
// It is the adapter between the store and the pure packages: it reads,
// converts and calls; the formula lives in complement and is documented in
// docs/complementarity.md.
package analysis

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/complement"
	"github.com/dagang/dagang/internal/refdata"
)

// Store is what the analysis reads. *store.DB implements it.
type Store interface {
	FindProvinces(ctx context.Context) ([]*dagang.Province, error)
	FindCommodities(ctx context.Context, f dagang.CommodityFilter) ([]*dagang.Commodity, int, error)
	FindStatistics(ctx context.Context, f dagang.StatisticFilter) ([]*dagang.Statistic, int, error)
	FindDeclarations(ctx context.Context, f dagang.DeclarationFilter) ([]*dagang.Declaration, int, error)
	LatestReferenceTables(ctx context.Context) ([]*dagang.ReferenceTable, error)
}

// Input is what complement.Analyze takes, built from the store.
type Input struct {
	Provinces   []complement.Province
	Commodities []complement.Commodity
	Evidence    []complement.Evidence
	// Counts of the evidence by origin, for the page's summary.
	Statistics, Estimates, Declarations int
	// Observed trade and prices, set beside the score.
	Observed *Observed
}

// populationSource cites the population figures of the reference data.
const populationSource = "Dukcapil Kemendagri, Semester II (Desember) 2024 (refdata/province_population_area.csv)"

// all pages through a list of the store.
func all[T any](ctx context.Context, find func(dagang.ListOptions) ([]T, int, error)) ([]T, error) {
	var out []T
	for {
		page, total, err := find(dagang.ListOptions{Offset: len(out), Limit: dagang.MaxLimit})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) == 0 || len(out) >= total {
			return out, nil
		}
	}
}

// Load reads the analysis input of an office from the store.
func Load(ctx context.Context, st Store, officeID int64) (*Input, error) {
	tables, err := st.LatestReferenceTables(ctx)
	if err != nil {
		return nil, err
	}
	obs, err := LoadObserved(tables)
	if err != nil {
		return nil, err
	}
	in := &Input{Observed: obs}
	ps, err := st.FindProvinces(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		cp := complement.Province{Code: p.Code, Name: p.Name, ShortName: p.ShortName, Lat: p.Lat, Lon: p.Lon, Population: p.Population}
		if p.Population > 0 {
			cp.PopulationSource = populationSource
		}
		in.Provinces = append(in.Provinces, cp)
	}
	cs, err := all(ctx, func(o dagang.ListOptions) ([]*dagang.Commodity, int, error) {
		return st.FindCommodities(ctx, dagang.CommodityFilter{ListOptions: o})
	})
	if err != nil {
		return nil, err
	}
	slugByID := make(map[int64]string, len(cs))
	for _, c := range cs {
		slugByID[c.ID] = c.Slug
	}
	for _, c := range cs {
		cc := complement.Commodity{ID: c.Slug, Name: LowerFirst(c.Name), NameEN: LowerFirst(c.NameEN), Stage: complement.Stage(c.Stage)}
		for _, l := range c.Inputs {
			cc.Inputs = append(cc.Inputs, inputLink(slugByID[l.InputID], c.Slug, l.Use))
		}
		in.Commodities = append(in.Commodities, cc)
	}
	stats, err := all(ctx, func(o dagang.ListOptions) ([]*dagang.Statistic, int, error) {
		return st.FindStatistics(ctx, dagang.StatisticFilter{ListOptions: o})
	})
	if err != nil {
		return nil, err
	}
	var norms []complement.Evidence
	for _, s := range stats {
		e := complement.FromStatistic(s)
		if e.Kind == complement.ConsumptionPerCapita {
			norms = append(norms, e)
		}
		in.Evidence = append(in.Evidence, e)
	}
	in.Statistics = len(stats)
	est := complement.EstimateConsumption(in.Provinces, norms)
	in.Estimates = len(est)
	in.Evidence = append(in.Evidence, est...)
	ds, err := all(ctx, func(o dagang.ListOptions) ([]*dagang.Declaration, int, error) {
		return st.FindDeclarations(ctx, dagang.DeclarationFilter{ListOptions: o, OfficeID: officeID})
	})
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		in.Evidence = append(in.Evidence, FromDeclaration(d, slugByID[d.CommodityID]))
	}
	in.Declarations = len(ds)
	return in, nil
}

// inputLink builds the link of the analysis, with the documented ratio of
// the reference catalogue when it has one for the same pair.
func inputLink(input, output, use string) complement.InputLink {
	l := complement.InputLink{Input: input, Use: use}
	for _, r := range refdata.InputLinks {
		if r.Input == input && r.Output == output && r.Ratio > 0 {
			ratio := r.Ratio
			l.Ratio, l.RatioSource = &ratio, r.RatioSource
		}
	}
	return l
}

// FromDeclaration turns a staff declaration into evidence with the ID
// "decl-<id>": who said it and when, and what was said.
func FromDeclaration(d *dagang.Declaration, commodity string) complement.Evidence {
	kind := complement.SurplusDeclared
	if d.Kind == dagang.DeclaredNeed {
		kind = complement.NeedDeclared
	}
	return complement.Evidence{
		ID: fmt.Sprintf("decl-%d", d.ID), Province: d.ProvinceCode, Commodity: commodity, Kind: kind, Year: d.DeclaredOn.Year,
		Source: complement.Source{Person: d.DeclaredBy, Date: d.DeclaredOn.String(), Publisher: d.Source}, Note: d.Statement,
	}
}

// Ranking is the ranked, explained list of candidate partners of a home
// province, with every piece of evidence a flow cites.
type Ranking struct {
	Home       complement.Province    `json:"home"`
	Options    complement.Options     `json:"options"`
	Candidates []complement.Candidate `json:"candidates"`
	// Evidence holds every piece cited by a flow, and what estimates were
	// derived from, by ID.
	Evidence map[string]complement.Evidence `json:"evidence"`
	// HomeUnknown lists catalogue commodities for which the home
	// province's own position is unknown: coverage the data lacks.
	HomeUnknown []string `json:"home_unknown"`
	// WithMissing counts candidates with at least one missing position.
	WithMissing int `json:"with_missing"`
	// Positions are the supply-and-need positions decided by statistics
	// (production against estimated need), every province and commodity,
	// each citing its evidence; undecided cells are left out and show on
	// the coverage page.
	Positions                           []complement.Position `json:"positions"`
	Statistics, Estimates, Declarations int                   `json:"-"`
}

// Rank loads the input and ranks every province against home.
func Rank(ctx context.Context, st Store, officeID int64, home string, opt complement.Options) (*Ranking, error) {
	in, err := Load(ctx, st, officeID)
	if err != nil {
		return nil, err
	}
	return in.Rank(home, opt)
}

// Rank ranks every province against home.
func (in *Input) Rank(home string, opt complement.Options) (*Ranking, error) {
	cands, err := complement.Analyze(home, in.Provinces, in.Commodities, in.Evidence, opt)
	if err != nil {
		return nil, err
	}
	if in.Observed != nil {
		in.Observed.attach(home, cands, opt)
	}
	r := &Ranking{Options: opt, Candidates: cands, Evidence: map[string]complement.Evidence{},
		Statistics: in.Statistics, Estimates: in.Estimates, Declarations: in.Declarations}
	for _, p := range in.Provinces {
		if p.Code == home {
			r.Home = p
		}
	}
	byID := make(map[string]complement.Evidence, len(in.Evidence))
	for _, e := range in.Evidence {
		byID[e.ID] = e
	}
	var cite func(id string)
	cite = func(id string) {
		if _, done := r.Evidence[id]; done {
			return
		}
		if e, ok := byID[id]; ok {
			r.Evidence[id] = e
			for _, d := range e.DerivedFrom {
				cite(d)
			}
		}
	}
	for _, c := range cands {
		if len(c.Missing) > 0 {
			r.WithMissing++
		}
		for _, f := range slices.Concat(c.Sell, c.Buy) {
			for _, id := range f.Evidence {
				cite(id)
			}
		}
	}
	for _, p := range complement.Positions(in.Provinces, in.Commodities, in.Evidence, opt) {
		if p.Province == home && p.State == complement.Unknown {
			r.HomeUnknown = append(r.HomeUnknown, p.Commodity)
		}
		if p.Basis == complement.BasisStatistics && p.State != complement.Unknown {
			r.Positions = append(r.Positions, p)
			for _, id := range p.Evidence {
				cite(id)
			}
		}
	}
	sort.Strings(r.HomeUnknown)
	return r, nil
}

// Candidate returns the candidate for a province code.
func (r *Ranking) Candidate(code string) (complement.Candidate, bool) {
	for _, c := range r.Candidates {
		if c.Province.Code == code {
			return c, true
		}
	}
	return complement.Candidate{}, false
}

// Cited returns the evidence of the given IDs, in that order, skipping
// unknown ones.
func (r *Ranking) Cited(ids []string) []complement.Evidence {
	out := make([]complement.Evidence, 0, len(ids))
	for _, id := range ids {
		if e, ok := r.Evidence[id]; ok {
			out = append(out, e)
		}
	}
	return out
}

// EvidenceList returns the cited evidence sorted by ID, for a table.
func (r *Ranking) EvidenceList() []complement.Evidence {
	out := make([]complement.Evidence, 0, len(r.Evidence))
	for _, e := range r.Evidence {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// LowerFirst lower-cases the first letter of a catalogue name so that it
// reads well inside a sentence ("Beras" → "beras").
func LowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
