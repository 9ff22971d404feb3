package web

import (
	"fmt"
	"net/http"
	"slices"
	"sync"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/refdata"
)

// dashboard is the data of the summary page.
type dashboard struct {
	Office    *dagang.Office
	Home      *dagang.Province
	Summary   *dagang.Summary
	Provinces map[string]*dagang.Province
	Headline  string
	Year      int
	Years     []int
	Targets   []yearTargets // every year with targets, newest first
	Charts    dashboardCharts
}

// yearTargets are one year's targets with what was reached.
type yearTargets struct {
	Year    int
	Targets []dagang.TargetProgress
}

// mapArea is one province on the partner map.
type mapArea struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Value int64  `json:"value"`
	Text  string `json:"text"`
	Stage string `json:"stage"`
}

type dashboardCharts struct {
	Events    chart     `json:"events"`
	Direction chart     `json:"direction"`
	Partners  chart     `json:"partners"`
	Map       []mapArea `json:"map"`
	Home      string    `json:"home"`
	HomeName  string    `json:"home_name"`
}

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := &params{r: r}
	year := p.year("year")
	if err := p.v.Err(); err != nil {
		return err
	}
	// A business or counterpart starts from its own work; a national
	// reader from the national view.
	if u := dagang.UserFromContext(ctx); u != nil && (u.Role == dagang.UserBusiness || u.Role == dagang.UserCounterpart) {
		return s.handleHome(w, r, u, year)
	} else if u != nil && u.Role == dagang.UserNational {
		http.Redirect(w, r, "/nasional", http.StatusSeeOther)
		return nil
	}
	office, err := s.dashboard.FindOfficeByID(ctx, officeOf(r.Context()))
	if err != nil {
		return err
	}
	sum, err := s.dashboard.Summary(ctx, office.ID, year)
	if err != nil {
		return err
	}
	byCode, err := s.provincesByCode(ctx)
	if err != nil {
		return err
	}
	lang := langOf(r)
	pd := pageData{Lang: lang}
	d := dashboard{Office: office, Home: byCode[office.HomeProvince], Summary: sum, Provinces: byCode, Year: year}
	if lang == "en" {
		d.Headline = fmt.Sprintf("Total transactions %s from %d business meetings and trade missions", pd.RpShort(sum.TransactionsIDR), sum.Events)
	} else {
		d.Headline = fmt.Sprintf("Total transaksi %s dari %d kegiatan temu bisnis dan misi dagang", pd.RpShort(sum.TransactionsIDR), sum.Events)
	}

	// Years to choose from: those of events and targets.
	events, _, err := s.dashboard.FindEvents(ctx, dagang.EventFilter{OfficeID: office.ID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		return err
	}
	targets, _, err := s.dashboard.FindTargets(ctx, dagang.TargetFilter{OfficeID: office.ID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		return err
	}
	var targetYears []int
	for _, e := range events {
		d.Years = append(d.Years, e.Year())
	}
	for _, t := range targets {
		d.Years = append(d.Years, t.Year)
		targetYears = append(targetYears, t.Year)
	}
	slices.Sort(d.Years)
	d.Years = slices.Compact(d.Years)
	slices.Reverse(d.Years)
	slices.Sort(targetYears)
	targetYears = slices.Compact(targetYears)
	slices.Reverse(targetYears)
	for _, y := range targetYears {
		if year != 0 && y != year {
			continue
		}
		ys := sum
		if y != year {
			if ys, err = s.dashboard.Summary(ctx, office.ID, y); err != nil {
				return err
			}
		}
		d.Targets = append(d.Targets, yearTargets{Year: y, Targets: ys.Targets})
	}

	// Charts.
	c := &d.Charts
	for _, e := range sum.EventTotals {
		c.Events.add(eventLabel(e.HostProvince, e.Year, byCode), e.TotalIDR, pd.RpShort(e.TotalIDR))
		c.Events.Names = append(c.Events.Names, e.Name)
	}
	c.Events.Labels = distinct(c.Events.Labels)
	for _, dir := range dagang.Directions {
		v := map[dagang.Direction]int64{dagang.DirectionSell: sum.ByDirection.Sell, dagang.DirectionBuy: sum.ByDirection.Buy, dagang.DirectionInvest: sum.ByDirection.Invest}[dir]
		c.Direction.add(pd.Label(dir), v, pd.RpShort(v))
	}
	for _, ptn := range sum.Partners {
		c.Partners.add(ptn.Name, ptn.DealsIDR, pd.RpShort(ptn.DealsIDR))
		c.Map = append(c.Map, mapArea{Code: ptn.ProvinceCode, Name: ptn.Name, Value: ptn.DealsIDR, Text: pd.RpShort(ptn.DealsIDR), Stage: pd.Label(ptn.Stage)})
	}
	if d.Home != nil {
		c.Home, c.HomeName = d.Home.Code, d.Home.Name
	}
	s.renderPage(w, r, http.StatusOK, "dashboard", d)
	return nil
}

// provincesGeoJSON is the province geometry for the maps, built and
// gzipped once (71 KB, 22 KB gzipped).
var provincesGeoJSON = sync.OnceValues(func() (*asset, error) {
	b, err := refdata.ProvincesGeoJSON()
	if err != nil {
		return nil, err
	}
	return newAsset("provinces.geojson", b)
})

// handleProvincesGeoJSON serves the province boundaries (Kemendagri codes
// in the "code" property) for the dashboard's and the report's maps.
func (s *Server) handleProvincesGeoJSON(w http.ResponseWriter, r *http.Request) error {
	a, err := provincesGeoJSON()
	if err != nil {
		return err
	}
	serveAsset(w, r, a, "private, max-age=86400")
	return nil
}
