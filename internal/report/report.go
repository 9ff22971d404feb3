// Package report computes the deal reports of an office from the rows of
// the deal summary table (dagang.RollupRow) and the names of what they
// count. It is pure: no database, no I/O. Every total carries its
// confirmation split (confirmed, pending, rejected) and its realised part,
// so no number is shown without the state of its confirmation.
package report

import (
	"fmt"
	"sort"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/money"
)

// Amounts is a total with its confirmation split and realised part.
type Amounts struct {
	Deals        int64   `json:"deals"`
	AnnouncedIDR int64   `json:"announced_idr"` // every recorded deal
	ConfirmedIDR int64   `json:"confirmed_idr"` // confirmed by the counterpart
	PendingIDR   int64   `json:"pending_idr"`
	RejectedIDR  int64   `json:"rejected_idr"`
	RealisedIDR  int64   `json:"realised_idr"` // paid, as last reported, at most the value
	Rate         float64 `json:"realisation_rate"`
	Sample       bool    `json:"sample"` // some deals are sample data (contoh)
}

func (a *Amounts) add(r dagang.RollupRow) {
	a.Deals += r.Deals
	a.AnnouncedIDR += r.ValueIDR
	a.RealisedIDR += r.RealisedIDR
	switch r.Confirmation {
	case dagang.ConfirmationConfirmed:
		a.ConfirmedIDR += r.ValueIDR
	case dagang.ConfirmationRejected:
		a.RejectedIDR += r.ValueIDR
	default:
		a.PendingIDR += r.ValueIDR
	}
	a.Sample = a.Sample || r.SampleDeals > 0
	a.Rate = dagang.RealisationRate(a.AnnouncedIDR, a.RealisedIDR)
}

// Row is one line of a breakdown.
type Row struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Amounts
}

// Cell is one direction × deal stage total.
type Cell struct {
	Direction dagang.Direction `json:"direction"`
	Stage     dagang.DealStage `json:"stage"`
	Amounts
}

// StageBalance is what the home province sells and buys of one processing
// stage: selling semi-finished goods and buying finished ones shows in a
// positive semi balance and a negative finished one.
type StageBalance struct {
	Stage  dagang.Stage `json:"stage"`
	Label  string       `json:"label"`
	OutIDR int64        `json:"out_idr"` // sold to partners
	InIDR  int64        `json:"in_idr"`  // bought from partners
	NetIDR int64        `json:"net_idr"`
}

// Flow is a value moving from one province to another.
type Flow struct {
	From      string           `json:"from"`
	FromName  string           `json:"from_name"`
	FromLat   float64          `json:"from_lat"`
	FromLon   float64          `json:"from_lon"`
	To        string           `json:"to"`
	ToName    string           `json:"to_name"`
	ToLat     float64          `json:"to_lat"`
	ToLon     float64          `json:"to_lon"`
	Direction dagang.Direction `json:"direction"`
	Amounts
}

// Deals is the deal report of an office for a year (0: all years).
type Deals struct {
	Office            string         `json:"office"`
	HomeProvince      string         `json:"home_province"`
	Year              int            `json:"year,omitempty"`
	Headline          string         `json:"headline"`
	HeadlineEN        string         `json:"headline_en"`
	Events            int            `json:"events"` // events with deals
	Total             Amounts        `json:"total"`
	OutsideEvents     Amounts        `json:"outside_events"`     // deals recorded without an event
	BusinessesReached int            `json:"businesses_reached"` // set by the caller (a count over the per-business rows)
	ByDirection       []Row          `json:"by_direction"`
	ByStage           []Row          `json:"by_stage"`
	ByProcessing      []Row          `json:"by_processing"`
	ByEvent           []Row          `json:"by_event"`
	ByPartner         []Row          `json:"by_partner"`
	ByCommodity       []Row          `json:"by_commodity"`
	ByYear            []Row          `json:"by_year"`
	DirectionStage    []Cell         `json:"direction_stage"`
	Balance           []StageBalance `json:"balance"`
	Flows             []Flow         `json:"flows"`
	// FromPartners are the deals partner offices recorded and shared with
	// this office, apart from the totals above (nil when none).
	FromPartners *FromPartners `json:"from_partners,omitempty"`
}

// StageLabel returns a deal stage in Indonesian.
func StageLabel(s dagang.DealStage) string { return locale.Label(locale.ID, string(s)) }

// ConfirmationLabel returns a confirmation state in Indonesian, in running
// text: "menunggu konfirmasi".
func ConfirmationLabel(c dagang.Confirmation) string {
	switch c {
	case dagang.ConfirmationConfirmed, dagang.ConfirmationRejected:
		return locale.Msg(locale.ID, "confirmation."+string(c))
	}
	return locale.Msg(locale.ID, "confirmation.pending")
}

// group accumulates rows by key, keeping first-seen labels.
type group struct {
	rows  map[string]*Row
	order []string
}

func (g *group) add(key, label string, r dagang.RollupRow) {
	if g.rows == nil {
		g.rows = map[string]*Row{}
	}
	x := g.rows[key]
	if x == nil {
		x = &Row{Key: key, Label: label}
		g.rows[key] = x
		g.order = append(g.order, key)
	}
	x.add(r)
}

// byValue returns the rows, largest announced value first.
func (g *group) byValue() []Row {
	out := g.list()
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].AnnouncedIDR != out[j].AnnouncedIDR {
			return out[i].AnnouncedIDR > out[j].AnnouncedIDR
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// byKeys returns the rows in the given key order, then any others by key.
func (g *group) byKeys(keys ...string) []Row {
	out := []Row{}
	seen := map[string]bool{}
	for _, k := range keys {
		if x, ok := g.rows[k]; ok {
			out = append(out, *x)
			seen[k] = true
		}
	}
	rest := []string{}
	for _, k := range g.order {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		out = append(out, *g.rows[k])
	}
	return out
}

func (g *group) list() []Row {
	out := make([]Row, 0, len(g.order))
	for _, k := range g.order {
		out = append(out, *g.rows[k])
	}
	return out
}

// Build computes the report from the rollup rows of one office and year.
func Build(rows []dagang.RollupRow, n *dagang.ReportNames, year int) *Deals {
	rep := &Deals{Office: n.OfficeName, HomeProvince: n.HomeProvince, Year: year}
	var dir, stage, proc, ev, partner, com, yr group
	cells := map[[2]string]*Cell{}
	balance := map[dagang.Stage]*StageBalance{}
	flows := map[[3]string]*Flow{}
	for _, r := range rows {
		switch r.Kind {
		case dagang.RollupStage:
			rep.Total.add(r)
			dir.add(string(r.Direction), r.Direction.Label(), r)
			stage.add(string(r.Stage), StageLabel(r.Stage), r)
			yr.add(fmt.Sprint(r.Year), fmt.Sprint(r.Year), r)
			k := [2]string{string(r.Direction), string(r.Stage)}
			if cells[k] == nil {
				cells[k] = &Cell{Direction: r.Direction, Stage: r.Stage}
			}
			cells[k].add(r)
		case dagang.RollupEvent:
			if r.EventID == 0 {
				rep.OutsideEvents.add(r)
				ev.add("0", "Di luar kegiatan", r)
				continue
			}
			e := n.Events[r.EventID]
			ev.add(fmt.Sprint(r.EventID), e.Name, r)
		case dagang.RollupCounterpart:
			o := n.Orgs[r.CounterpartID]
			p := n.Provinces[o.ProvinceCode]
			partner.add(o.ProvinceCode, p.Name, r)
			from, to := n.HomeProvince, o.ProvinceCode
			if r.Direction == dagang.DirectionBuy {
				from, to = to, from
			}
			k := [3]string{from, to, string(r.Direction)}
			if flows[k] == nil {
				f, t := n.Provinces[from], n.Provinces[to]
				flows[k] = &Flow{From: from, FromName: f.Name, FromLat: f.Lat, FromLon: f.Lon, To: to, ToName: t.Name, ToLat: t.Lat, ToLon: t.Lon, Direction: r.Direction}
			}
			flows[k].add(r)
		case dagang.RollupCommodity:
			c, ok := n.Commodities[r.CommodityID]
			name, st := c.Name, c.Stage
			if !ok {
				name, st = "Tanpa komoditas", ""
			}
			com.add(fmt.Sprint(r.CommodityID), name, r)
			label := st.Label()
			if st == "" {
				label = "tanpa komoditas"
			}
			proc.add(string(st), label, r)
			if st != "" && r.Confirmation != dagang.ConfirmationRejected {
				b := balance[st]
				if b == nil {
					b = &StageBalance{Stage: st, Label: st.Label()}
					balance[st] = b
				}
				switch r.Direction {
				case dagang.DirectionSell:
					b.OutIDR += r.ValueIDR
				case dagang.DirectionBuy:
					b.InIDR += r.ValueIDR
				}
			}
		}
	}
	rep.Events = dagang.EventsWithDeals(rows)
	rep.ByDirection = dir.byKeys("sell", "buy", "invest")
	rep.ByStage = stage.byKeys("indication", "loi", "contract", "realised")
	rep.ByProcessing = proc.byKeys("raw", "semi", "finished")
	rep.ByEvent = eventOrder(ev.list(), n)
	rep.ByPartner = partner.byValue()
	rep.ByCommodity = com.byValue()
	rep.ByYear = yr.byKeys()
	rep.DirectionStage = []Cell{}
	for _, d := range dagang.Directions {
		for _, s := range dagang.DealStages {
			if c := cells[[2]string{string(d), string(s)}]; c != nil {
				rep.DirectionStage = append(rep.DirectionStage, *c)
			}
		}
	}
	rep.Balance = []StageBalance{}
	for _, s := range dagang.Stages {
		if b := balance[s]; b != nil {
			b.NetIDR = b.OutIDR - b.InIDR
			rep.Balance = append(rep.Balance, *b)
		}
	}
	rep.Flows = []Flow{}
	for _, f := range flows {
		rep.Flows = append(rep.Flows, *f)
	}
	sort.Slice(rep.Flows, func(i, j int) bool {
		a, b := rep.Flows[i], rep.Flows[j]
		if a.AnnouncedIDR != b.AnnouncedIDR {
			return a.AnnouncedIDR > b.AnnouncedIDR
		}
		return a.From+a.To+string(a.Direction) < b.From+b.To+string(b.Direction)
	})
	rep.Headline, rep.HeadlineEN = Headline(rep.Total.AnnouncedIDR, rep.Events, rep.OutsideEvents.AnnouncedIDR)
	return rep
}

// Headline is the sentence the office reports, in Indonesian and English:
// "Total transaksi Rp119 miliar dari 3 kegiatan temu bisnis dan misi dagang".
func Headline(total int64, events int, outside int64) (string, string) {
	id := fmt.Sprintf("Total transaksi %s dari %d kegiatan temu bisnis dan misi dagang", money.Short(total), events)
	en := fmt.Sprintf("Total deals of %s from %d business-meeting and trade-mission events", money.ShortEN(total), events)
	if outside > 0 {
		id += fmt.Sprintf(" (termasuk %s di luar kegiatan)", money.Short(outside))
		en += fmt.Sprintf(" (including %s outside events)", money.ShortEN(outside))
	}
	return id, en
}

// eventOrder sorts event rows by start date, deals outside events last.
func eventOrder(rows []Row, n *dagang.ReportNames) []Row {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if (a.Key == "0") != (b.Key == "0") {
			return b.Key == "0"
		}
		ea, eb := n.Events[atoi(a.Key)], n.Events[atoi(b.Key)]
		if ea.StartsOn != eb.StartsOn {
			return ea.StartsOn.Before(eb.StartsOn)
		}
		return atoi(a.Key) < atoi(b.Key)
	})
	return rows
}

func atoi(s string) int64 {
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}
