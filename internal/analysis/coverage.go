package analysis

import (
	"slices"

	"github.com/dagang/dagang/internal/complement"
	"github.com/dagang/dagang/internal/refdata"
)

// CoverageCommodities are the catalogue commodities for which the embedded
// province tables give production and a consumption norm.
var CoverageCommodities = []string{"beras", "jagung", "telur", "daging-ayam", "daging-sapi"}

// Figure is one statistic as the coverage page shows it: value, unit,
// year, how old it is, status and source.
type Figure struct {
	ID        string  `json:"id"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Year      int     `json:"year"`
	AgeYears  int     `json:"age_years"`
	Status    string  `json:"status"`
	Publisher string  `json:"publisher"`
	URL       string  `json:"url"`
	Note      string  `json:"note,omitempty"`
}

// CoverageCell is what the data say about one province and commodity: the
// position on statistics alone, the production figure it used (or the
// latest one there is), the need estimate and the norm it came from. Gap
// says in words what is missing, when something is.
type CoverageCell struct {
	Province   string           `json:"province"`
	Commodity  string           `json:"commodity"`
	State      complement.State `json:"state"`
	Production *Figure          `json:"production,omitempty"`
	Need       *Figure          `json:"need,omitempty"`
	Norm       *Figure          `json:"norm,omitempty"`
	Gap        string           `json:"gap,omitempty"`
}

// Layout is a table layout the office can import itself.
type Layout struct {
	Name, Header, Example, Fills string
}

// Coverage is the commodities × provinces grid of the statistics, with
// the other tables and the layouts an office can import to fill the gaps.
type Coverage struct {
	Year        int                     `json:"year"` // the year ages are counted from
	Commodities []string                `json:"commodities"`
	Provinces   []complement.Province   `json:"provinces"`
	Cells       [][]CoverageCell        `json:"cells"` // by province, then commodity
	Decided     map[string]int          `json:"decided"`
	Trade       []refdata.TradeTotal    `json:"trade_totals"`
	Layouts     []Layout                `json:"importable_layouts"`
	Conversions []complement.Conversion `json:"conversions"`
}

// Layouts an office can load with 'dagang import statistics'.
var Layouts = []Layout{
	{Name: "produksi per provinsi", Header: "kemendagri_code,province,commodity,measure,year,value,unit,status,publisher,source_url,note[,bps_code]",
		Example: "63,Kalimantan Selatan,rice,padi_production_gkg,2025,1050000,ton GKG,final,BPS,https://kalsel.bps.go.id/...,",
		Fills:   "produksi padi, jagung, telur, daging ayam, daging sapi (tabel BPS per provinsi; sel \"-\" dikosongkan dengan catatan)"},
	{Name: "konsumsi per kapita", Header: "kemendagri_code,scope,commodity,measure,year,value,unit,status,publisher,source_url,note",
		Example: "63,Kalimantan Selatan,eggs,telur_ayam_ras_consumption_per_capita,2024,7.1,kg per capita per year,final (Susenas),BPS,https://...,",
		Fills:   "norma konsumsi nasional atau provinsi (Susenas); norma perencanaan ditampilkan tetapi tidak dipakai menghitung"},
}

// Coverage builds the grid on the statistics alone (no declarations), as
// of the given year.
func (in *Input) Coverage(year int) *Coverage {
	stats := make([]complement.Evidence, 0, len(in.Evidence))
	byID := map[string]complement.Evidence{}
	for _, e := range in.Evidence {
		byID[e.ID] = e
		if e.Kind != complement.SurplusDeclared && e.Kind != complement.NeedDeclared {
			stats = append(stats, e)
		}
	}
	cv := &Coverage{Year: year, Commodities: CoverageCommodities, Decided: map[string]int{}, Layouts: Layouts, Conversions: complement.Conversions()}
	if in.Observed != nil {
		cv.Trade = in.Observed.Totals
	}
	pos := map[[2]string]complement.Position{}
	for _, p := range complement.Positions(in.Provinces, in.Commodities, stats, complement.DefaultOptions()) {
		pos[[2]string{p.Province, p.Commodity}] = p
	}
	figure := func(e complement.Evidence) *Figure {
		f := &Figure{ID: e.ID, Unit: e.Unit, Year: e.Year, AgeYears: year - e.Year, Status: e.StatusNote,
			Publisher: e.Source.Publisher, URL: e.Source.URL, Note: e.Note}
		if f.Status == "" {
			f.Status = string(e.Status)
		}
		if e.Value != nil {
			f.Value = *e.Value
		}
		return f
	}
	for _, p := range in.Provinces {
		cv.Provinces = append(cv.Provinces, p)
		row := make([]CoverageCell, 0, len(CoverageCommodities))
		for _, c := range CoverageCommodities {
			cell := CoverageCell{Province: p.Code, Commodity: c, State: complement.Unknown}
			ps := pos[[2]string{p.Code, c}]
			if ps.Basis == complement.BasisStatistics {
				cell.State = ps.State
				cell.Gap = ps.Note
				for _, id := range ps.Evidence {
					e := byID[id]
					if e.Province != p.Code || e.Commodity != c {
						continue
					}
					switch e.Kind {
					case complement.Production:
						cell.Production = figure(e)
					case complement.Consumption:
						cell.Need = figure(e)
						if len(e.DerivedFrom) > 0 {
							if n, ok := byID[e.DerivedFrom[0]]; ok {
								cell.Norm = figure(n)
							}
						}
					}
				}
			}
			if cell.Production == nil {
				cell.Production = latestProduction(stats, p.Code, c, figure)
			}
			if cell.State == complement.Unknown && cell.Gap == "" {
				cell.Gap = gapText(cell, ps)
			}
			if cell.State != complement.Unknown {
				cv.Decided[c]++
			}
			row = append(row, cell)
		}
		cv.Cells = append(cv.Cells, row)
	}
	return cv
}

// latestProduction finds the latest production figure of a cell in tonnes,
// whether or not it can decide a position (it shows what exists).
func latestProduction(ev []complement.Evidence, prov, com string, figure func(complement.Evidence) *Figure) *Figure {
	var best *complement.Evidence
	for i := range ev {
		e := &ev[i]
		if e.Province != prov || e.Commodity != com || e.Kind != complement.Production || !slices.Contains([]string{"ton", "ton GKG", "ton beras", "ton JPK KA14", "ton JPK KA28", "ton GKP"}, complement.CanonicalUnit(e.Unit)) {
			continue
		}
		if best == nil || e.Year > best.Year {
			best = e
		}
	}
	if best == nil {
		return nil
	}
	return figure(*best)
}

// gapText says why a cell is undecided.
func gapText(c CoverageCell, p complement.Position) string {
	switch {
	case p.Note != "":
		return p.Note
	case c.Production == nil:
		return "produksi belum ada"
	case complement.IsOldTerritory(complement.Evidence{Note: c.Production.Note}):
		return "data hanya mencakup wilayah sebelum pemekaran Papua 2022"
	}
	return "kebutuhan (norma konsumsi) belum ada dalam satuan yang sama"
}
