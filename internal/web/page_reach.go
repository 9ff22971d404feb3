package web

import (
	"net/http"

	"github.com/dagang/dagang/internal/mission"
)

// lineChart is what static/mission.js draws as lines over years.
type lineChart struct {
	Years  []int        `json:"years"`
	Unit   string       `json:"unit"`
	Series []lineSeries `json:"series"`
}

type lineSeries struct {
	Name   string `json:"name"`
	Values []int  `json:"values"`
}

// reachPage is the data of the reach page.
type reachPage struct {
	Reach mission.Reach
	Chart lineChart
}

// Pct writes a share of 1 as a whole percentage.

func (s *Server) handleReachAPI(w http.ResponseWriter, r *http.Request) error {
	rc, err := mission.ComputeReach(r.Context(), s.delegation, officeOf(r.Context()))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rc)
	return nil
}

func (s *Server) handleReach(w http.ResponseWriter, r *http.Request) error {
	rc, err := mission.ComputeReach(r.Context(), s.delegation, officeOf(r.Context()))
	if err != nil {
		return err
	}
	lang := langOf(r)
	c := lineChart{Unit: translate(lang, "pelaku usaha")}
	per, cum := lineSeries{Name: translate(lang, "Pelaku usaha per tahun")}, lineSeries{Name: translate(lang, "Kumulatif (berbeda)")}
	for _, y := range rc.Years {
		c.Years = append(c.Years, y.Year)
		per.Values = append(per.Values, y.Businesses)
		cum.Values = append(cum.Values, y.Cumulative)
	}
	c.Series = []lineSeries{per, cum}
	s.renderPage(w, r, http.StatusOK, "reach", reachPage{Reach: rc, Chart: c})
	return nil
}

// maxSimulatedYears is the most years the what-if simulates.
const maxSimulatedYears = 100

// simulation reads ?event= and ?years= (default 5) and runs the what-if.
func (s *Server) simulation(r *http.Request) (*mission.Simulation, error) {
	p := &params{r: r}
	event, years := p.int64("event"), p.limit("years", maxSimulatedYears)
	if err := p.v.Err(); err != nil {
		return nil, err
	}
	if years == 0 {
		years = 5
	}
	rules, _, err := rulesOf(r)
	if err != nil {
		return nil, err
	}
	return mission.Simulate(r.Context(), s.delegation, officeOf(r.Context()), event, years, rules)
}

func (s *Server) handleSimulateAPI(w http.ResponseWriter, r *http.Request) error {
	sim, err := s.simulation(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, sim)
	return nil
}

// simulatePage is the data of the what-if page.
type simulatePage struct {
	Sim   *mission.Simulation
	Chart lineChart
}

func (s *Server) handleSimulate(w http.ResponseWriter, r *http.Request) error {
	sim, err := s.simulation(r)
	if err != nil {
		return err
	}
	lang := langOf(r)
	c := lineChart{Years: sim.Years, Unit: translate(lang, "pelaku usaha"), Series: []lineSeries{
		{Name: translate(lang, "Dengan rotasi"), Values: sim.WithPolicy},
		{Name: translate(lang, "Tanpa rotasi"), Values: sim.NoRotation},
	}}
	s.renderPage(w, r, http.StatusOK, "simulate", simulatePage{Sim: sim, Chart: c})
	return nil
}
