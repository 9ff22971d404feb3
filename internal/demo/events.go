package demo

import (
	"fmt"

	"github.com/dagang/dagang"
)

// The article: "Dari tiga kali event temu bisnis dan misi dagang ... total
// transaksi ... mencapai angka Rp119 miliar." The split over the three
// events, their dates, places and every deal below are sample data; the
// deals of the three events add up to exactly Rp119.000.000.000.
const ArticleTotalIDR int64 = 119_000_000_000

type dealSeed struct {
	dir       dagang.Direction
	biz, org  string
	commodity string
	volume    float64
	valueIDR  int64
	stage     dagang.DealStage
	confirmed bool
}

type eventSeed struct {
	name, host, venue, startsOn, endsOn string
	matching, exhibitors                []string // business keys
	buyers                              []string // organisation keys
	deals                               []dealSeed
}

var pastEvents = []eventSeed{
	{
		name: "Temu Bisnis dan Misi Dagang Kalimantan Selatan – Jawa Timur 2016", host: "35", venue: "Surabaya (contoh)",
		startsOn: "2016-10-12", endsOn: "2016-10-14",
		matching: []string{"a1", "a2", "a3", "a4", "a5", "a6"}, exhibitors: []string{"a7", "a8", "a9"},
		buyers: []string{"jatim1", "jatim2", "jatim3"},
		deals: []dealSeed{ // Rp35.500.000.000
			{dagang.DirectionSell, "a1", "jatim1", "kemiri", 320, 8_000_000_000, dagang.DealContract, true},
			{dagang.DirectionSell, "a2", "jatim1", "kayu-manis", 150, 6_500_000_000, dagang.DealContract, true},
			{dagang.DirectionSell, "a3", "jatim2", "rumput-laut", 900, 9_000_000_000, dagang.DealLOI, false},
			{dagang.DirectionSell, "a4", "jatim2", "arang-halaban", 600, 5_000_000_000, dagang.DealIndication, false},
			{dagang.DirectionSell, "a5", "jatim1", "kemiri", 100, 2_500_000_000, dagang.DealLOI, false},
			{dagang.DirectionBuy, "a6", "jatim3", "pernak-pernik", 40000, 2_500_000_000, dagang.DealContract, true},
			{dagang.DirectionBuy, "a9", "jatim3", "kerajinan-kayu", 15000, 2_000_000_000, dagang.DealIndication, false},
		},
	},
	{
		name: "Temu Bisnis dan Misi Dagang Kalimantan Selatan – DI Yogyakarta 2017", host: "34", venue: "Yogyakarta (contoh)",
		startsOn: "2017-09-20", endsOn: "2017-09-22",
		matching: []string{"b1", "b2", "b3", "b4", "b5", "b6"}, exhibitors: []string{"b7", "b8", "b9"},
		buyers: []string{"diy1", "diy2", "diy3"},
		deals: []dealSeed{ // Rp38.250.000.000
			{dagang.DirectionSell, "b1", "diy1", "kayu-manis", 170, 7_250_000_000, dagang.DealContract, true},
			{dagang.DirectionSell, "b2", "diy1", "rumput-laut", 800, 8_000_000_000, dagang.DealLOI, true},
			{dagang.DirectionSell, "b3", "diy3", "arang-halaban", 780, 6_500_000_000, dagang.DealContract, false},
			{dagang.DirectionSell, "b4", "diy1", "kemiri", 360, 9_000_000_000, dagang.DealIndication, false},
			{dagang.DirectionBuy, "b5", "diy2", "kerajinan-kayu", 30000, 4_000_000_000, dagang.DealContract, true},
			{dagang.DirectionBuy, "b6", "diy2", "pernak-pernik", 50000, 3_500_000_000, dagang.DealLOI, false},
		},
	},
	{
		name: "Temu Bisnis dan Misi Dagang Kalimantan Selatan – Jawa Timur 2018", host: "35", venue: "Surabaya (contoh)",
		startsOn: "2018-08-15", endsOn: "2018-08-17",
		matching: []string{"c1", "c2", "c3", "c4", "c5", "c6"}, exhibitors: []string{"c7", "c8", "c9"},
		buyers: []string{"jatim1", "jatim2", "jatim3"},
		deals: []dealSeed{ // Rp45.250.000.000
			{dagang.DirectionSell, "c1", "jatim2", "rumput-laut", 1050, 10_500_000_000, dagang.DealContract, true},
			{dagang.DirectionSell, "c2", "jatim1", "kemiri", 390, 9_750_000_000, dagang.DealContract, true},
			{dagang.DirectionSell, "c3", "jatim2", "arang-halaban", 960, 8_000_000_000, dagang.DealLOI, false},
			{dagang.DirectionSell, "c4", "jatim1", "kayu-manis", 165, 7_000_000_000, dagang.DealLOI, false},
			{dagang.DirectionSell, "c5", "jatim1", "kemiri", 160, 4_000_000_000, dagang.DealIndication, false},
			{dagang.DirectionBuy, "c6", "jatim3", "pernak-pernik", 50000, 3_500_000_000, dagang.DealContract, true},
			{dagang.DirectionBuy, "c6", "jatim3", "kerajinan-anyaman", 25000, 2_500_000_000, dagang.DealIndication, false},
		},
	},
}

func (l *loader) events() error {
	oid := l.s.Office.ID
	for _, es := range pastEvents {
		e := &dagang.Event{
			OfficeID: oid, Kind: dagang.EventTradeMission, Name: es.name, HostProvince: es.host, Venue: es.venue,
			StartsOn: dagang.MustDate(es.startsOn), EndsOn: dagang.MustDate(es.endsOn),
			QuotaMatching: dagang.DefaultQuotaMatching, QuotaExhibitor: dagang.DefaultQuotaExhibitor,
			Slots: 12, Tables: 10, SlotMinutes: 20, DayStart: "09:00", LunchAfter: 6, Sample: true,
		}
		if err := l.db.CreateEvent(l.ctx, e); err != nil {
			return fmt.Errorf("event %s: %w", es.name, err)
		}
		l.s.Events = append(l.s.Events, e)
		if err := l.participants(e, es.matching, es.exhibitors, es.buyers, dagang.ParticipationAttended); err != nil {
			return err
		}
		for i, ds := range es.deals {
			d := &dagang.Deal{
				OfficeID: oid, EventID: e.ID, Direction: ds.dir, BusinessID: l.s.Businesses[ds.biz].ID, CounterpartID: l.s.Orgs[ds.org].ID,
				CommodityID: l.s.Commodities[ds.commodity].ID, Volume: ds.volume, Unit: l.s.Commodities[ds.commodity].Unit,
				ValueIDR: ds.valueIDR, Stage: ds.stage, DealDate: e.StartsOn, Confirmation: dagang.ConfirmationPending,
				DeliveryFrom: e.StartsOn.AddMonths(1), DeliveryTo: e.StartsOn.AddMonths(12),
				Note: "Data contoh: pembagian total Rp119 miliar per kegiatan dan per transaksi tidak disebutkan dalam sumber.", Sample: true,
			}
			if ds.confirmed {
				d.Confirmation = dagang.ConfirmationConfirmed
			}
			if err := l.db.CreateDeal(l.ctx, d, false); err != nil {
				return fmt.Errorf("deal %d of %s: %w", i, es.name, err)
			}
			if ds.stage == dagang.DealContract {
				// A first follow-up after three months: half delivered and paid (contoh).
				r := &dagang.Realisation{DealID: d.ID, ReportedOn: e.StartsOn.AddMonths(3), DeliveredVolume: ds.volume / 2, PaidIDR: ds.valueIDR / 2,
					Note: "Tindak lanjut 3 bulan (contoh)"}
				if err := l.db.CreateRealisation(l.ctx, r); err != nil {
					return fmt.Errorf("realisation of deal %d: %w", d.ID, err)
				}
			}
		}
		if err := l.moveTo(e, dagang.EventClosed); err != nil {
			return err
		}
	}
	return nil
}

// moveTo takes a new (planned) event through its lifecycle, one status at
// a time as staff would, up to status to.
func (l *loader) moveTo(e *dagang.Event, to dagang.EventStatus) error {
	for e.Status != to {
		next, ok := e.Status.NextStatus()
		if !ok {
			return fmt.Errorf("event %s: cannot reach status %s", e.Name, to)
		}
		moved, err := l.db.MoveEvent(l.ctx, e.OfficeID, e.ID, 0, next)
		if err != nil {
			return fmt.Errorf("event %s: %w", e.Name, err)
		}
		*e = *moved
	}
	return nil
}

func (l *loader) participants(e *dagang.Event, matching, exhibitors, buyers []string, status dagang.ParticipationStatus) error {
	add := func(p *dagang.Participation) error {
		p.EventID = e.ID
		if err := l.db.CreateParticipation(l.ctx, p); err != nil {
			return fmt.Errorf("participant of %s: %w", e.Name, err)
		}
		return nil
	}
	for _, k := range matching {
		if err := add(&dagang.Participation{Role: dagang.RoleMatching, BusinessID: l.s.Businesses[k].ID, Status: status}); err != nil {
			return err
		}
	}
	for _, k := range exhibitors {
		if err := add(&dagang.Participation{Role: dagang.RoleExhibitor, BusinessID: l.s.Businesses[k].ID, Status: status}); err != nil {
			return err
		}
	}
	for _, k := range buyers {
		if err := add(&dagang.Participation{Role: dagang.RoleBuyer, OrganisationID: l.s.Orgs[k].ID, Status: status}); err != nil {
			return err
		}
	}
	return nil
}

// mission2019 plans the trade mission to Kaltim the article announces,
// open for applications: the pool of rice, chicken and egg producers
// applies, together with two businesses that went in 2018.
func (l *loader) mission2019() error {
	e := &dagang.Event{
		OfficeID: l.s.Office.ID, Kind: dagang.EventTradeMission, Name: "Misi Dagang dan Temu Bisnis Kalimantan Selatan – Kalimantan Timur 2019",
		HostProvince: "64", Venue: "Samarinda (contoh)", StartsOn: dagang.MustDate("2019-07-10"), EndsOn: dagang.MustDate("2019-07-12"),
		QuotaMatching: dagang.DefaultQuotaMatching, QuotaExhibitor: dagang.DefaultQuotaExhibitor,
		Slots: 12, Tables: 10, SlotMinutes: 20, DayStart: "09:00", LunchAfter: 6, Sample: true,
	}
	if err := l.db.CreateEvent(l.ctx, e); err != nil {
		return fmt.Errorf("2019 mission: %w", err)
	}
	if err := l.moveTo(e, dagang.EventOpen); err != nil {
		return err
	}
	l.s.Mission2019 = e
	matching := []string{"d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "c6", "d10"}
	exhibitors := []string{"d9", "c9", "a7"}
	return l.participants(e, matching, exhibitors, []string{"kaltim1", "kaltim2", "kaltim3"}, dagang.ParticipationApplied)
}
