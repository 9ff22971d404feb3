package web

import (
	"context"
	"fmt"
	"strconv"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
	"github.com/dagang/dagang/internal/report"
)

// The data the pages' charts are drawn from (static/app.js on the
// dashboard, static/laporan.js on the report). Every text a chart shows
// comes from here, in the page's language: the scripts format no rupiah
// and draw tooltips as ECharts rich text, which needs no inline style (the
// Content-Security-Policy has style-src 'self').

// chart is one series: labels with values and their texts.
type chart struct {
	Labels []string `json:"labels"`          // on the axis: short and distinct
	Names  []string `json:"names,omitempty"` // in the tooltip, when the label is shortened
	Values []int64  `json:"values"`
	Texts  []string `json:"texts"`
}

func (c *chart) add(label string, v int64, text string) {
	c.Labels = append(c.Labels, label)
	c.Values = append(c.Values, v)
	c.Texts = append(c.Texts, text)
}

// seriesChart is bars of several series over the same categories, with
// the value axis in one unit (Rp miliar).
type seriesChart struct {
	Labels []string      `json:"labels"`
	Names  []string      `json:"names"`
	Series []chartSeries `json:"series"`
	Scale  int64         `json:"scale"` // the value axis shows value / scale
	Unit   string        `json:"unit"`  // the value axis's name
}

type chartSeries struct {
	Name   string   `json:"name"`
	Values []int64  `json:"values"`
	Texts  []string `json:"texts"`
}

// flowChart is the flows between provinces, for the Sankey diagram and
// the map: one series per direction, named for the legend.
type flowChart struct {
	Origin      string     `json:"origin"`
	Destination string     `json:"destination"`
	Series      []flowKind `json:"series"`
}

type flowKind struct {
	Direction string     `json:"direction"`
	Name      string     `json:"name"`
	Colour    string     `json:"colour"`
	Links     []flowLink `json:"links"`
}

type flowLink struct {
	From   string        `json:"from"`
	To     string        `json:"to"`
	Value  int64         `json:"value"`
	Text   string        `json:"text"`
	Coords [2][2]float64 `json:"coords"` // [lon, lat] of the origin and the destination
}

// eventLabel names an event briefly on a chart axis, by its host and year
// ("Jatim 2016"): event names are long and alike ("Temu Bisnis dan Misi
// Dagang Kalimantan Selatan – …"), so cut to a width they read the same.
func eventLabel(host string, year int, provinces map[string]*dagang.Province) string {
	if p := provinces[host]; p != nil && p.ShortName != "" {
		host = p.ShortName
	}
	return fmt.Sprintf("%s %d", host, year)
}

// distinct numbers repeated labels ("Jatim 2016", "Jatim 2016 (2)") so
// that no two bars share a name.
func distinct(labels []string) []string {
	seen := map[string]int{}
	out := make([]string, len(labels))
	for i, l := range labels {
		seen[l]++
		if n := seen[l]; n > 1 {
			l = fmt.Sprintf("%s (%d)", l, n)
		}
		out[i] = l
	}
	return out
}

// provincesByCode indexes the provinces by their Kemendagri code.
func (s *Server) provincesByCode(ctx context.Context) (map[string]*dagang.Province, error) {
	ps, err := s.reference.FindProvinces(ctx)
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]*dagang.Province, len(ps))
	for _, p := range ps {
		byCode[p.Code] = p
	}
	return byCode, nil
}

// scaleOf is the unit of a value axis whose largest value is max.
func (p pageData) scaleOf(max int64) (int64, string) {
	size, id, en := money.Scale(max)
	if p.Lang == "en" {
		return size, en
	}
	return size, id
}

// laporanCharts are the charts of the report page.
type laporanCharts struct {
	Events  seriesChart `json:"events"`
	Balance seriesChart `json:"balance"`
	Flows   flowChart   `json:"flows"`
}

func newLaporanCharts(p pageData, rep *report.Deals, events map[int64]*dagang.Event, provinces map[string]*dagang.Province) laporanCharts {
	var c laporanCharts
	var max int64

	// Per event: announced, confirmed and realised.
	ev := &c.Events
	announced := chartSeries{Name: p.T("Diumumkan")}
	confirmed := chartSeries{Name: p.T("Dikonfirmasi mitra")}
	realised := chartSeries{Name: p.T("Terealisasi (dibayar)")}
	var labels []string
	for _, r := range rep.ByEvent {
		name, label := p.T(r.Label), p.T(r.Label)
		if id, err := strconv.ParseInt(r.Key, 10, 64); err == nil {
			if e := events[id]; e != nil {
				label = eventLabel(e.HostProvince, e.Year(), provinces)
			}
		}
		labels = append(labels, label)
		ev.Names = append(ev.Names, name)
		for _, x := range []struct {
			s *chartSeries
			v int64
		}{{&announced, r.AnnouncedIDR}, {&confirmed, r.ConfirmedIDR}, {&realised, r.RealisedIDR}} {
			x.s.Values = append(x.s.Values, x.v)
			x.s.Texts = append(x.s.Texts, p.RpShort(x.v))
		}
		max = maxAbs(max, r.AnnouncedIDR)
	}
	ev.Labels = distinct(labels)
	ev.Series = []chartSeries{announced, confirmed, realised}
	ev.Scale, ev.Unit = p.scaleOf(max)

	// The balance per processing stage: out (sold) and in (bought).
	bal := &c.Balance
	out, in := chartSeries{Name: p.T("Keluar (dijual)")}, chartSeries{Name: p.T("Masuk (dibeli)")}
	max = 0
	for _, b := range rep.Balance {
		bal.Labels = append(bal.Labels, p.T(b.Label))
		bal.Names = append(bal.Names, p.T(b.Label))
		out.Values, out.Texts = append(out.Values, b.OutIDR), append(out.Texts, p.RpShort(b.OutIDR))
		in.Values, in.Texts = append(in.Values, b.InIDR), append(in.Texts, p.RpShort(b.InIDR))
		max = maxAbs(maxAbs(max, b.OutIDR), b.InIDR)
	}
	bal.Series = []chartSeries{out, in}
	bal.Scale, bal.Unit = p.scaleOf(max)

	// Flows: sales leave the home province, purchases come to it.
	c.Flows = flowChart{Origin: p.T("asal"), Destination: p.T("tujuan")}
	for _, k := range []struct {
		dir    dagang.Direction
		colour string
	}{{dagang.DirectionSell, "#c77d14"}, {dagang.DirectionBuy, "#0b6e4f"}, {dagang.DirectionInvest, "#3867a8"}} {
		kind := flowKind{Direction: string(k.dir), Name: p.Label(k.dir), Colour: k.colour, Links: []flowLink{}}
		for _, f := range rep.Flows {
			if f.Direction != k.dir {
				continue
			}
			kind.Links = append(kind.Links, flowLink{From: f.FromName, To: f.ToName, Value: f.AnnouncedIDR,
				Text:   f.FromName + " → " + f.ToName + ": " + p.RpShort(f.AnnouncedIDR),
				Coords: [2][2]float64{{f.FromLon, f.FromLat}, {f.ToLon, f.ToLat}}})
		}
		if len(kind.Links) > 0 {
			c.Flows.Series = append(c.Flows.Series, kind)
		}
	}
	return c
}

func maxAbs(m, v int64) int64 {
	if v < 0 {
		v = -v
	}
	return max(m, v)
}
