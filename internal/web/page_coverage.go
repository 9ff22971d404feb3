package web

import (
	"net/http"

	"github.com/dagang/dagang/internal/analysis"
	"github.com/dagang/dagang/internal/complement"
)

// coveragePage is the data of the statistics coverage page: the grid of
// commodities × provinces, with the year, status and source of each
// figure, the gaps, and what the office can import to fill them.
type coveragePage struct {
	*analysis.Coverage
	// Validation is the check of the score against observed trade.
	Validation *analysis.Validation
	Home       string
}

func (s *Server) handleStatisticsCoverage(w http.ResponseWriter, r *http.Request) error {
	in, err := analysis.Load(r.Context(), s.partners, officeOf(r.Context()))
	if err != nil {
		return err
	}
	v, err := in.Validate(in.Observed, complement.DefaultOptions())
	if err != nil {
		return err
	}
	office, err := s.partners.FindOfficeByID(r.Context(), officeOf(r.Context()))
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "statistics_coverage", coveragePage{Coverage: in.Coverage(s.today().Year), Validation: v, Home: office.HomeProvince})
	return nil
}

// StateClass is the CSS class of a cell's state.
func (coveragePage) StateClass(c analysis.CoverageCell) string {
	return "cov-" + string(c.State)
}

// StateName names a position in Indonesian.
func (coveragePage) StateName(st complement.State) string { return partnerRanking{}.State(st) }

// Cell returns the cell of a province row for a commodity.
func (coveragePage) Cell(row []analysis.CoverageCell, commodity string) analysis.CoverageCell {
	for _, c := range row {
		if c.Commodity == commodity {
			return c
		}
	}
	return analysis.CoverageCell{}
}
