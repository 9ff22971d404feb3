package report

import (
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

func names() *dagang.ReportNames {
	return &dagang.ReportNames{OfficeName: "Dinas", HomeProvince: "63",
		Provinces: map[string]dagang.Province{"63": {Code: "63", Name: "Kalimantan Selatan"}, "35": {Code: "35", Name: "Jawa Timur"}},
		Events:    map[int64]dagang.NamedEvent{1: {Name: "Temu 2016", StartsOn: dagang.MustDate("2016-10-12")}, 2: {Name: "Temu 2015", StartsOn: dagang.MustDate("2015-10-12")}},
		Orgs:      map[int64]dagang.NamedOrg{7: {Name: "PT A", ProvinceCode: "35"}},
		Commodities: map[int64]dagang.NamedCommodity{
			3: {Name: "Kemiri", Stage: dagang.StageSemi}, 4: {Name: "Pernak-pernik", Stage: dagang.StageFinished}},
	}
}

func TestBuild(t *testing.T) {
	c, p, r := dagang.ConfirmationConfirmed, dagang.ConfirmationPending, dagang.ConfirmationRejected
	rows := []dagang.RollupRow{
		{Kind: dagang.RollupStage, Year: 2016, Direction: dagang.DirectionSell, Stage: dagang.DealContract, Confirmation: c, Deals: 2, ValueIDR: 100, RealisedIDR: 40},
		{Kind: dagang.RollupStage, Year: 2016, Direction: dagang.DirectionSell, Stage: dagang.DealLOI, Confirmation: r, Deals: 1, ValueIDR: 30},
		{Kind: dagang.RollupStage, Year: 2015, Direction: dagang.DirectionBuy, Stage: dagang.DealIndication, Confirmation: p, Deals: 1, ValueIDR: 20, SampleDeals: 1},
		{Kind: dagang.RollupEvent, Year: 2016, EventID: 1, Direction: dagang.DirectionSell, Confirmation: c, Deals: 2, ValueIDR: 100, RealisedIDR: 40},
		{Kind: dagang.RollupEvent, Year: 2016, EventID: 0, Direction: dagang.DirectionSell, Confirmation: r, Deals: 1, ValueIDR: 30},
		{Kind: dagang.RollupEvent, Year: 2015, EventID: 2, Direction: dagang.DirectionBuy, Confirmation: p, Deals: 1, ValueIDR: 20, SampleDeals: 1},
		{Kind: dagang.RollupCounterpart, Year: 2016, CounterpartID: 7, Direction: dagang.DirectionSell, Confirmation: c, Deals: 3, ValueIDR: 130, RealisedIDR: 40},
		{Kind: dagang.RollupCounterpart, Year: 2015, CounterpartID: 7, Direction: dagang.DirectionBuy, Confirmation: p, Deals: 1, ValueIDR: 20, SampleDeals: 1},
		{Kind: dagang.RollupCommodity, Year: 2016, CommodityID: 3, Direction: dagang.DirectionSell, Confirmation: c, Deals: 2, ValueIDR: 100, RealisedIDR: 40},
		{Kind: dagang.RollupCommodity, Year: 2016, CommodityID: 3, Direction: dagang.DirectionSell, Confirmation: r, Deals: 1, ValueIDR: 30},
		{Kind: dagang.RollupCommodity, Year: 2015, CommodityID: 4, Direction: dagang.DirectionBuy, Confirmation: p, Deals: 1, ValueIDR: 20, SampleDeals: 1},
	}
	rep := Build(rows, names(), 0)
	want := Amounts{Deals: 4, AnnouncedIDR: 150, ConfirmedIDR: 100, PendingIDR: 20, RejectedIDR: 30, RealisedIDR: 40, Rate: 40.0 / 150, Sample: true}
	if diff := cmp.Diff(want, rep.Total); diff != "" {
		t.Errorf("total (-want +got):\n%s", diff)
	}
	if rep.Headline != "Total transaksi Rp150 dari 2 kegiatan temu bisnis dan misi dagang (termasuk Rp30 di luar kegiatan)" {
		t.Errorf("headline = %q", rep.Headline)
	}
	var events []string
	for _, e := range rep.ByEvent {
		events = append(events, e.Label)
	}
	if diff := cmp.Diff([]string{"Temu 2015", "Temu 2016", "Di luar kegiatan"}, events); diff != "" {
		t.Errorf("events by date, outside last (-want +got):\n%s", diff)
	}
	// Rejected deals stay out of the balance.
	wantBalance := []StageBalance{{Stage: dagang.StageSemi, Label: "setengah jadi", OutIDR: 100, NetIDR: 100}, {Stage: dagang.StageFinished, Label: "barang jadi", InIDR: 20, NetIDR: -20}}
	if diff := cmp.Diff(wantBalance, rep.Balance); diff != "" {
		t.Errorf("balance (-want +got):\n%s", diff)
	}
	var flows []string
	for _, f := range rep.Flows {
		flows = append(flows, f.From+">"+f.To+":"+string(f.Direction))
	}
	if diff := cmp.Diff([]string{"63>35:sell", "35>63:buy"}, flows); diff != "" {
		t.Errorf("flows (-want +got):\n%s", diff)
	}
	if y := Build(nil, names(), 2019); y.Headline != "Total transaksi Rp0 dari 0 kegiatan temu bisnis dan misi dagang" || len(y.Flows) != 0 || y.ByEvent == nil {
		t.Errorf("empty year: %q", y.Headline)
	}
}
