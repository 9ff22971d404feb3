package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dagang/dagang"

	"github.com/dagang/dagang/internal/analysis"
	"github.com/dagang/dagang/internal/complement"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/money"
)

// partnerRanking is the data of the partner ranking page.
type partnerRanking struct {
	Ranking *analysis.Ranking
	// Leads are candidates with at least one flow; Silent the others.
	Leads, Silent []complement.Candidate
	Evidence      []complement.Evidence
	Map           choropleth
	Year          int
	// For the form that records a staff declaration.
	Provinces   []*dagang.Province
	Commodities []*dagang.Commodity
}

// choropleth is what static/mission.js draws as a map of the score.
type choropleth struct {
	Home     string      `json:"home"`
	HomeName string      `json:"home_name"`
	Max      float64     `json:"max"`
	Areas    []choroArea `json:"areas"`
	Labels   choroLabels `json:"labels"`
}

type choroArea struct {
	Code  string  `json:"code"`
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Text  string  `json:"text"`
}

type choroLabels struct {
	Score string `json:"score"`
	Home  string `json:"home"`
}

// rankParams reads ?home= and ?year= and runs the analysis.
func (s *Server) rankParams(r *http.Request) (*analysis.Ranking, int, error) {
	p := &params{r: r}
	home, year := p.str("home"), p.year("year")
	if err := p.v.Err(); err != nil {
		return nil, 0, err
	}
	office, err := s.partners.FindOfficeByID(r.Context(), officeOf(r.Context()))
	if err != nil {
		return nil, 0, err
	}
	if home == "" {
		home = office.HomeProvince
	}
	opt := complement.DefaultOptions()
	opt.Year = year
	rk, err := analysis.Rank(r.Context(), s.partners, office.ID, home, opt)
	return rk, year, err
}

func (s *Server) handlePartnersRankAPI(w http.ResponseWriter, r *http.Request) error {
	rk, _, err := s.rankParams(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rk)
	return nil
}

func (s *Server) handlePartnersRank(w http.ResponseWriter, r *http.Request) error {
	rk, year, err := s.rankParams(r)
	if err != nil {
		return err
	}
	d := partnerRanking{Ranking: rk, Evidence: rk.EvidenceList(), Year: year,
		Map: choropleth{Home: rk.Home.Code, HomeName: rk.Home.Name, Labels: choroLabels{Score: translate(langOf(r), "Skor"), Home: translate(langOf(r), "Provinsi asal")}}}
	for _, c := range rk.Candidates {
		if len(c.Sell)+len(c.Buy) > 0 {
			d.Leads = append(d.Leads, c)
		} else {
			d.Silent = append(d.Silent, c)
		}
		d.Map.Max = max(d.Map.Max, c.Score)
		text := c.Reason
		if langOf(r) == "en" {
			text = c.ReasonEN
		}
		d.Map.Areas = append(d.Map.Areas, choroArea{Code: c.Province.Code, Name: c.Province.Name, Value: c.Score, Text: text})
	}
	if d.Provinces, err = s.partners.FindProvinces(r.Context()); err != nil {
		return err
	}
	if d.Commodities, _, err = s.partners.FindCommodities(r.Context(), dagang.CommodityFilter{ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}}); err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "partners_rank", d)
	return nil
}

// handleDeclare records what a member of staff declares about a
// province's commodity ("Kaltim berkelimpahan jagung"), with their name
// and today's date, and goes back to the ranking.
func (s *Server) handleDeclare(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	cid, _ := strconv.ParseInt(f.Get("commodity_id"), 10, 64)
	d := &dagang.Declaration{OfficeID: officeOf(r.Context()), ProvinceCode: f.Get("province_code"), CommodityID: cid,
		Kind: dagang.DeclarationKind(f.Get("kind")), Statement: strings.TrimSpace(f.Get("statement")), DeclaredBy: actor(r),
		DeclaredOn: s.today(), Source: strings.TrimSpace(f.Get("source"))}
	if err := s.partners.CreateDeclaration(r.Context(), d); err != nil {
		return err
	}
	s.done(w, r, "/partners/rank#p-"+d.ProvinceCode, "Pernyataan dicatat.")
	return nil
}

// Flows joins a candidate's flows in both directions, for the template.
func (partnerRanking) Flows(c complement.Candidate) []complement.Flow {
	return slices.Concat(c.Sell, c.Buy)
}

// Value writes a figure of evidence, or "–" for a qualitative one.
func (partnerRanking) Value(lang string, e complement.Evidence) string {
	if e.Value == nil {
		return "–"
	}
	return locale.Exact(lang, *e.Value)
}

// Kind names a kind of evidence in Indonesian.
func (partnerRanking) Kind(k complement.Kind) string {
	switch k {
	case complement.Production:
		return "produksi"
	case complement.Consumption:
		return "konsumsi"
	case complement.ConsumptionPerCapita:
		return "konsumsi per kapita"
	case complement.SurplusDeclared:
		return "pernyataan surplus"
	case complement.NeedDeclared:
		return "pernyataan kebutuhan"
	}
	return string(k)
}

// Product names a catalogue commodity by its slug, as in sentences.
func (d partnerRanking) Product(slug string) string {
	for _, c := range d.Commodities {
		if c.Slug == slug {
			return analysis.LowerFirst(c.Name)
		}
	}
	return slug
}

// Declared reports whether evidence is a staff declaration.
func (partnerRanking) Declared(e complement.Evidence) bool {
	return e.Kind == complement.SurplusDeclared || e.Kind == complement.NeedDeclared
}

// State names a position in Indonesian.
func (partnerRanking) State(s complement.State) string {
	return map[complement.State]string{complement.Surplus: "surplus", complement.Deficit: "defisit", complement.Balanced: "seimbang", complement.Unknown: "belum diketahui"}[s]
}

// Basis names how a position was decided, in Indonesian.
func (partnerRanking) Basis(b complement.Basis) string {
	return map[complement.Basis]string{complement.BasisStatistics: "statistik", complement.BasisDeclaration: "pernyataan staf", complement.BasisInputNeed: "kebutuhan bahan baku"}[b]
}

// Direction names a direction of observed trade, seen from home.
func (partnerRanking) Direction(d string) string {
	if d == complement.HomeSells {
		return "penjualan asal ke mitra"
	}
	return "pembelian asal dari mitra"
}

// TradeLine writes one observation of trade in a short line for the table,
// in lang.
func (d partnerRanking) TradeLine(lang string, o complement.TradeObservation) string {
	line := locale.T(lang, d.Direction(o.Direction)) + " " + money.ShortIn(lang, o.Rupiah)
	if o.Flag != "" {
		line += " (" + locale.T(lang, "ditandai") + ")"
	}
	return line
}
