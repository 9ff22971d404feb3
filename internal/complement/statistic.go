package complement

import (
	"fmt"
	"strings"

	"github.com/dagang/dagang"
)

// ToStatistic turns parsed statistical evidence into the figure the store
// keeps. The commodity is the catalogue ID ("beras"), the status the text
// as published ("final (Susenas March 2024)"), so that FromStatistic gives
// the same evidence back.
func ToStatistic(e Evidence) *dagang.Statistic {
	s := &dagang.Statistic{
		ProvinceCode: e.Province, Commodity: e.Commodity, Measure: e.Measure, Year: e.Year,
		Unit: e.Unit, Status: e.StatusNote, Publisher: e.Source.Publisher, SourceURL: e.Source.URL, Note: e.Note,
	}
	if s.Status == "" {
		s.Status = string(e.Status)
	}
	if e.Value != nil {
		s.Value = *e.Value
	}
	return s
}

// FromStatistic turns a stored figure into evidence with the ID
// "stat-<id>". A unit per person ("kg per capita per month") makes it a
// per-capita norm, a measure naming consumption a consumption figure, and
// anything else production. A status the parser does not know is kept as
// published (StatusNote) and rated StatusPublished.
func FromStatistic(s *dagang.Statistic) Evidence {
	kind := Production
	switch {
	case isPerCapitaUnit(s.Unit):
		kind = ConsumptionPerCapita
	case strings.Contains(s.Measure, "consumption"):
		kind = Consumption
	}
	status, ok := parseStatus(s.Status)
	if !ok {
		status = StatusPublished
	}
	v := s.Value
	return Evidence{
		ID: fmt.Sprintf("stat-%d", s.ID), Province: s.ProvinceCode, Commodity: s.Commodity, Kind: kind,
		Measure: s.Measure, Value: &v, Unit: s.Unit, Year: s.Year, Status: status, StatusNote: s.Status,
		Source: Source{Publisher: s.Publisher, URL: s.SourceURL}, Note: s.Note,
	}
}
