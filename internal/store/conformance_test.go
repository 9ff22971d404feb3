package store_test

import (
	"context"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestDemoStorySummary(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		sum, err := db.Summary(ctx, s.Office.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Events != 3 || sum.TransactionsIDR != 119_000_000_000 || sum.TransactionsText != "Rp119 miliar" {
			t.Errorf("summary = %d events, %d (%s); want 3 events, 119000000000 (Rp119 miliar)", sum.Events, sum.TransactionsIDR, sum.TransactionsText)
		}
		if got := sum.ByDirection.Sell + sum.ByDirection.Buy + sum.ByDirection.Invest; got != sum.TransactionsIDR {
			t.Errorf("directions add up to %d, total is %d", got, sum.TransactionsIDR)
		}
		if sum.ByDirection.Sell == 0 || sum.ByDirection.Buy == 0 {
			t.Errorf("the story has sales and purchases; got %+v", sum.ByDirection)
		}
		if sum.BusinessesReached != 27 {
			t.Errorf("businesses reached = %d, want 27 (9 different ones at each of 3 events)", sum.BusinessesReached)
		}
		var partners []string
		for _, p := range sum.Partners {
			partners = append(partners, p.ProvinceCode+":"+string(p.Stage))
		}
		if diff := cmp.Diff([]string{"34:active", "35:active", "64:potential", "73:potential"}, partners); diff != "" {
			t.Errorf("partners (-want +got):\n%s", diff)
		}
		if !sum.SampleData {
			t.Error("the demo's deal values are sample data but the summary does not say so")
		}
		var perEvent int64
		for _, et := range sum.EventTotals {
			perEvent += et.TotalIDR
		}
		if perEvent != 119_000_000_000 {
			t.Errorf("event totals add up to %d", perEvent)
		}

		y, err := db.Summary(ctx, s.Office.ID, 2019)
		if err != nil {
			t.Fatal(err)
		}
		want := []dagang.TargetProgress{{Target: dagang.Target{Version: 1, OfficeID: s.Office.ID, Year: 2019, Kind: dagang.TargetNewPartners, Value: 2}, Actual: 0}}
		if diff := cmp.Diff(want, y.Targets, cmpopts.IgnoreFields(dagang.Target{}, "ID", "Note")); diff != "" {
			t.Errorf("2019 targets (-want +got):\n%s", diff)
		}
		// Moving Kaltim to signed in 2019 counts as one new partner.
		as, _, err := db.FindAgreements(ctx, dagang.AgreementFilter{OfficeID: s.Office.ID, PartnerProvince: "64"})
		if err != nil || len(as) != 1 {
			t.Fatalf("Kaltim agreement: %v, %d", err, len(as))
		}
		if _, err := db.MoveAgreement(ctx, as[0].ID, 0, dagang.AgreementSigned, dagang.MustDate("2019-05-02"), "ditandatangani"); err != nil {
			t.Fatal(err)
		}
		y, err = db.Summary(ctx, s.Office.ID, 2019)
		if err != nil {
			t.Fatal(err)
		}
		if y.Targets[0].Actual != 1 {
			t.Errorf("new partners in 2019 = %d after signing Kaltim, want 1", y.Targets[0].Actual)
		}
	})
}

func TestDemoRotatesBusinesses(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		seen := map[int64]int{}
		regencies := map[string]bool{}
		for _, e := range s.Events {
			ps, _, err := db.FindParticipations(ctx, dagang.ParticipationFilter{EventID: e.ID})
			if err != nil {
				t.Fatal(err)
			}
			roles := map[dagang.Role]int{}
			for _, p := range ps {
				roles[p.Role]++
				if p.BusinessID != 0 {
					seen[p.BusinessID]++
					b, err := db.FindBusinessByID(ctx, p.BusinessID)
					if err != nil {
						t.Fatal(err)
					}
					regencies[b.RegencyCode] = true
				}
			}
			if roles[dagang.RoleMatching] != 6 || roles[dagang.RoleExhibitor] != 3 {
				t.Errorf("%s: %d matching + %d exhibitors, want 6 + 3", e.Name, roles[dagang.RoleMatching], roles[dagang.RoleExhibitor])
			}
		}
		for id, n := range seen {
			if n > 1 {
				t.Errorf("business %d went to %d events; the office changes them every year", id, n)
			}
		}
		if len(regencies) < 8 {
			t.Errorf("delegations come from %d regencies, want several", len(regencies))
		}
	})
}

// TestInvalidInputStoresNothing: every refusal names the field, and no row
// of the refused record remains.
func TestInvalidInputStoresNothing(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		oid := s.Office.ID
		okDeal := func() *dagang.Deal {
			return &dagang.Deal{OfficeID: oid, Direction: dagang.DirectionSell, BusinessID: s.Businesses["d1"].ID, CounterpartID: s.Orgs["kaltim1"].ID,
				CommodityID: s.Commodities["beras"].ID, ValueIDR: 1_500_000_000, Stage: dagang.DealIndication, DealDate: dagang.MustDate("2019-07-10")}
		}
		tests := []struct {
			name        string
			run         func() error
			code, field string
		}{
			{"unknown province code", func() error {
				return db.CreateOrganisation(ctx, &dagang.Organisation{OfficeID: oid, Name: "PT X", ProvinceCode: "99", Kind: dagang.OrgBuyer})
			}, dagang.EINVALID, "province_code"},
			{"malformed province code", func() error {
				return db.CreateAgreement(ctx, &dagang.Agreement{OfficeID: oid, PartnerProvince: "6A", Title: "x", Stage: dagang.AgreementPotential})
			}, dagang.EINVALID, "partner_province_code"},
			{"negative value", func() error { d := okDeal(); d.ValueIDR = -1; return db.CreateDeal(ctx, d, false) }, dagang.EINVALID, "value_idr"},
			{"deal without counterpart", func() error { d := okDeal(); d.CounterpartID = 0; return db.CreateDeal(ctx, d, false) }, dagang.EINVALID, "counterpart_id"},
			{"counterpart that does not exist", func() error { d := okDeal(); d.CounterpartID = 99999; return db.CreateDeal(ctx, d, false) }, dagang.EINVALID, "counterpart_id"},
			{"malformed HS code", func() error {
				return db.CreateCommodity(ctx, &dagang.Commodity{Slug: "lada", Name: "Lada", HSCode: "09041", Stage: dagang.StageSemi, Unit: "ton"})
			}, dagang.EINVALID, "hs_code"},
			{"unknown regency", func() error {
				return db.CreateBusiness(ctx, &dagang.Business{OfficeID: oid, Name: "UD Y", RegencyCode: "63.99", Size: dagang.SizeMicro})
			}, dagang.EINVALID, "regency_code"},
			{"product of an unknown commodity", func() error {
				return db.CreateBusiness(ctx, &dagang.Business{OfficeID: oid, Name: "UD Z", RegencyCode: "63.03", Size: dagang.SizeMicro,
					Products: []dagang.Product{{CommodityID: 99999}}})
			}, dagang.EINVALID, "products[0].commodity_id"},
			{"duplicate commodity", func() error {
				return db.CreateCommodity(ctx, &dagang.Commodity{Slug: "beras", Name: "Beras", HSCode: "100630", Stage: dagang.StageSemi, Unit: "ton"})
			}, dagang.ECONFLICT, ""},
			{"business twice in one event", func() error {
				return db.CreateParticipation(ctx, &dagang.Participation{EventID: s.Events[0].ID, Role: dagang.RoleMatching, BusinessID: s.Businesses["a1"].ID})
			}, dagang.ECONFLICT, ""},
			{"statistics with one bad row", func() error {
				return db.ImportStatistics(ctx, []*dagang.Statistic{
					{ProvinceCode: "63", Commodity: "rice", Measure: "beras_production", Year: 2024, Value: 1, Unit: "ton", Status: "final", Publisher: "BPS"},
					{ProvinceCode: "63", Commodity: "rice", Measure: "beras_production", Year: 2024, Value: -5, Unit: "ton", Status: "final", Publisher: "BPS"},
				})
			}, dagang.EINVALID, "rows[2].value"},
		}
		before := counts(t, db, oid)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				wantError(t, tt.run(), tt.code, tt.field)
			})
		}
		if diff := cmp.Diff(before, counts(t, db, oid)); diff != "" {
			t.Errorf("refused input left rows behind (-before +after):\n%s", diff)
		}
	})
}

// counts returns how many records of each kind an office has.
func counts(t *testing.T, db *store.DB, oid int64) map[string]int {
	t.Helper()
	ctx := context.Background()
	m := map[string]int{}
	var err error
	add := func(name string, n int, e error) {
		m[name] = n
		if e != nil {
			err = e
		}
	}
	_, n, e := db.FindBusinesses(ctx, dagang.BusinessFilter{OfficeID: oid})
	add("businesses", n, e)
	_, n, e = db.FindOrganisations(ctx, dagang.OrganisationFilter{OfficeID: oid})
	add("organisations", n, e)
	_, n, e = db.FindDeals(ctx, dagang.DealFilter{OfficeID: oid})
	add("deals", n, e)
	_, n, e = db.FindAgreements(ctx, dagang.AgreementFilter{OfficeID: oid})
	add("agreements", n, e)
	_, n, e = db.FindCommodities(ctx, dagang.CommodityFilter{})
	add("commodities", n, e)
	_, n, e = db.FindStatistics(ctx, dagang.StatisticFilter{})
	add("statistics", n, e)
	_, n, e = db.FindParticipations(ctx, dagang.ParticipationFilter{})
	add("participations", n, e)
	_, n, e = db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: oid})
	add("audit", n, e)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The summary's event totals and partners' deal values, read from the
// deal summary table, are those of the deals themselves, for every year
// and after deals change event, counterpart and year.
func TestSummaryMatchesDeals(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		ps, err := db.FindProvinces(ctx)
		if err != nil {
			t.Fatal(err)
		}
		code := map[string]string{}
		for _, p := range ps {
			code[p.Name] = p.Code
		}
		check := func(step string) {
			t.Helper()
			for _, year := range []int{0, 2018, 2019} {
				sum, err := db.Summary(ctx, s.Office.ID, year)
				if err != nil {
					t.Fatal(err)
				}
				byEvent := map[int64][2]int64{}
				byProvince := map[string]int64{}
				err = db.EachDeal(ctx, dagang.DealFilter{OfficeID: s.Office.ID}, func(r *dagang.DealRecord) error {
					e := byEvent[r.EventID]
					byEvent[r.EventID] = [2]int64{e[0] + 1, e[1] + r.ValueIDR}
					if year == 0 || r.DealDate.Year == year {
						byProvince[code[r.CounterpartProv]] += r.ValueIDR
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if len(sum.EventTotals) == 0 {
					t.Fatalf("%s, %d: no event totals", step, year)
				}
				for _, et := range sum.EventTotals {
					if want := byEvent[et.EventID]; int64(et.Deals) != want[0] || et.TotalIDR != want[1] {
						t.Errorf("%s, %d: event %d totals %d deals, Rp%d; its deals: %d, Rp%d", step, year, et.EventID, et.Deals, et.TotalIDR, want[0], want[1])
					}
				}
				for _, p := range sum.Partners {
					if p.DealsIDR != byProvince[p.ProvinceCode] {
						t.Errorf("%s, %d: partner %s Rp%d, its deals Rp%d", step, year, p.ProvinceCode, p.DealsIDR, byProvince[p.ProvinceCode])
					}
				}
			}
		}
		check("the demo")
		deals, _, err := db.FindDeals(ctx, dagang.DealFilter{OfficeID: s.Office.ID, ListOptions: dagang.ListOptions{Limit: 3}})
		if err != nil || len(deals) < 3 {
			t.Fatalf("demo deals: %d, %v", len(deals), err)
		}
		// One deal moves to another event and year, one to another
		// counterpart, one goes.
		up := *deals[0]
		up.EventID, up.DealDate = deals[1].EventID, dagang.MustDate("2018-11-30")
		if up.EventID == deals[0].EventID {
			up.EventID = 0
		}
		if err := db.UpdateDeal(ctx, &up, dagang.Change{Fields: []string{"event_id", "deal_date"}}, true); err != nil {
			t.Fatal(err)
		}
		up = *deals[1]
		up.CounterpartID = deals[2].CounterpartID
		if up.CounterpartID == deals[1].CounterpartID {
			up.CounterpartID = deals[0].CounterpartID
		}
		if err := db.UpdateDeal(ctx, &up, dagang.Change{Fields: []string{"counterpart_id"}}, true); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteDeal(ctx, deals[2].ID, 0); err != nil {
			t.Fatal(err)
		}
		check("changed deals")
	})
}
