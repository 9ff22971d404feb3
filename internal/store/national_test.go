package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
)

// The national view reads every office's records once, each flow in its
// direction, with the part the other side confirmed; an office's own
// context (on PostgreSQL) still sees only its own rows.
func TestNational(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		kaltim := &dagang.Office{Name: "Dinas Perdagangan Provinsi Kalimantan Timur", HomeProvince: "64"}
		admin := &dagang.User{Email: "admin@kaltim.example", Name: "Admin Kaltim"}
		if err := db.CreateOfficeWithAdmin(ctx, kaltim, admin, "x-hash"); err != nil {
			t.Fatal(err)
		}
		asKaltim := dagang.NewContextWithUser(ctx, admin)
		national := dagang.NewContextForDeployment(ctx, "national view test")

		before, err := db.National(national, 0)
		if err != nil {
			t.Fatal(err)
		}
		sameAsScan(t, db, national, 0, 2019)
		if before.Offices != 2 || before.ValueIDR == 0 || len(before.Events) == 0 {
			t.Fatalf("national view of the demo and an empty office: %d offices, Rp%d, %d events", before.Offices, before.ValueIDR, len(before.Events))
		}

		// Kaltim sells corn to a feed mill in Kalsel; the mill confirms.
		mill := &dagang.Organisation{OfficeID: kaltim.ID, Name: "PT Pakan Banua", ProvinceCode: "63", Kind: dagang.OrgBuyer}
		if err := db.CreateOrganisation(asKaltim, mill); err != nil {
			t.Fatal(err)
		}
		farm := &dagang.Business{OfficeID: kaltim.ID, Name: "CV Jagung Samarinda", RegencyCode: "64.72", Size: dagang.SizeSmall}
		if err := db.CreateBusiness(asKaltim, farm); err != nil {
			t.Fatal(err)
		}
		corn := s.Commodities["jagung"]
		date, _ := dagang.ParseDate("2019-05-02")
		sale := &dagang.Deal{OfficeID: kaltim.ID, Direction: dagang.DirectionSell, BusinessID: farm.ID, CounterpartID: mill.ID, CommodityID: corn.ID,
			ValueIDR: 2_500_000_000, Stage: dagang.DealContract, DealDate: date}
		if err := db.CreateDeal(asKaltim, sale, true); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AnswerDeal(ctx, sale.ID, sale.Version, mill.ID, dagang.ConfirmationConfirmed, ""); err != nil {
			t.Fatal(err)
		}
		pending := &dagang.Deal{OfficeID: kaltim.ID, Direction: dagang.DirectionBuy, BusinessID: farm.ID, CounterpartID: mill.ID, CommodityID: corn.ID,
			ValueIDR: 400_000_000, Stage: dagang.DealIndication, DealDate: date}
		if err := db.CreateDeal(asKaltim, pending, true); err != nil {
			t.Fatal(err)
		}
		// Kalsel's agreement with Kaltim is shared with Kaltim's office
		// since it joined: one record both provinces keep. Kaltim's own
		// record of the same cooperation is refused.
		var shared *dagang.Agreement
		agreements, _, err := db.FindAgreements(ctx, dagang.AgreementFilter{OfficeID: s.Office.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range agreements {
			if a.PartnerProvince == "64" {
				shared = a
			}
		}
		if shared == nil || shared.PartnerOfficeID != kaltim.ID {
			t.Fatalf("Kalsel's agreement with Kaltim is not shared with Kaltim's office: %+v", shared)
		}
		stage := shared.Stage
		if err := db.CreateAgreement(asKaltim, &dagang.Agreement{OfficeID: kaltim.ID, PartnerProvince: "63", Title: "Kerja sama Kaltim – Kalsel", Stage: stage}); !hasField(err, "partner_province_code") {
			t.Errorf("Kaltim records the shared cooperation again: %v, want a refusal naming partner_province_code", err)
		}

		after, err := db.National(national, 0)
		if err != nil {
			t.Fatal(err)
		}
		sameAsScan(t, db, national, 0, 2019)
		find := func(v *dagang.NationalView, from, to string) dagang.NationalFlow {
			for _, f := range v.Flows {
				if f.From == from && f.To == to && f.CommodityID == corn.ID {
					return f
				}
			}
			return dagang.NationalFlow{}
		}
		if f := find(after, "64", "63"); f.Deals != 1 || f.ValueIDR != 2_500_000_000 || f.ConfirmedIDR != 2_500_000_000 || f.Stage != corn.Stage {
			t.Errorf("Kaltim's corn sale to Kalsel: %+v, want one deal of Rp2,5 miliar, all confirmed", f)
		}
		// A purchase flows towards the office that recorded it.
		if f := find(after, "63", "64"); f.ValueIDR-find(before, "63", "64").ValueIDR != 400_000_000 || f.ConfirmedIDR != find(before, "63", "64").ConfirmedIDR {
			t.Errorf("Kaltim's pending purchase from Kalsel: %+v, want Rp400 juta more, none of it confirmed", f)
		}
		if after.ValueIDR-before.ValueIDR != 2_900_000_000 || after.ConfirmedIDR-before.ConfirmedIDR != 2_500_000_000 {
			t.Errorf("totals grew by Rp%d (confirmed Rp%d), want Rp2,9 miliar (Rp2,5 miliar)", after.ValueIDR-before.ValueIDR, after.ConfirmedIDR-before.ConfirmedIDR)
		}
		countAt := func(v *dagang.NationalView, st dagang.AgreementStage) dagang.NationalAgreements {
			for _, a := range v.Agreements {
				if a.Stage == st {
					return a
				}
			}
			return dagang.NationalAgreements{}
		}
		for _, a := range after.Agreements {
			want := 0
			if a.Stage == stage {
				want = 1
			}
			if a.BothSides != want || a.SignedByBoth != 0 || a.Count != countAt(before, a.Stage).Count {
				t.Errorf("agreements at %s: %+v, want %d on both sides, none signed by both, counted as before (%+v)", a.Stage, a, want, countAt(before, a.Stage))
			}
		}
		// Both offices sign: the shared agreement is signed by both, and
		// counted once at its new stage.
		asKalselStaff := dagang.NewContextWithUser(ctx, &dagang.User{ID: 1, OfficeID: s.Office.ID, Role: dagang.UserStaff, Name: "Staf Kalsel"})
		if _, err := db.SignAgreement(asKalselStaff, shared.ID, 0, dagang.AgreementSigning{Signatory: "Kepala Disdag Kalsel", SignedOn: dagang.MustDate("2019-03-25")}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SignAgreement(asKaltim, shared.ID, 0, dagang.AgreementSigning{Signatory: "Kepala Disdag Kaltim", SignedOn: dagang.MustDate("2019-03-28")}); err != nil {
			t.Fatal(err)
		}
		signed, err := db.National(national, 0)
		if err != nil {
			t.Fatal(err)
		}
		if a := countAt(signed, dagang.AgreementSigned); a.Count != countAt(after, dagang.AgreementSigned).Count+1 || a.BothSides != 1 || a.SignedByBoth != 1 {
			t.Errorf("signed agreements after both signatures: %+v, want one more, on both sides and signed by both", a)
		}
		if a := countAt(signed, stage); a.Count != countAt(after, stage).Count-1 || a.BothSides != 0 {
			t.Errorf("agreements at %s after the signing: %+v, want one fewer", stage, a)
		}

		// The partner office's side: Kalsel's office disputes Kaltim's
		// purchase (left out), and records its own purchase of the corn
		// Kaltim sold, which it links to Kaltim's record: the trade counts
		// once, as Kaltim's sale.
		if sale.PartnerOfficeID != s.Office.ID || pending.PartnerOfficeID != s.Office.ID {
			t.Fatalf("Kaltim's deals with a Kalsel buyer are not shared with Kalsel's office: %d, %d", sale.PartnerOfficeID, pending.PartnerOfficeID)
		}
		asKalsel := dagang.NewContextWithUser(ctx, &dagang.User{ID: 1, OfficeID: s.Office.ID, Role: dagang.UserStaff, Name: "Staf Kalsel"})
		if _, err := db.ReviewPartnerDeal(asKalsel, pending.ID, 0, dagang.PartnerReview{Decision: "dispute", Note: "tidak ada pembelian ini"}); err != nil {
			t.Fatal(err)
		}
		seller := &dagang.Organisation{OfficeID: s.Office.ID, Name: "CV Jagung Samarinda", ProvinceCode: "64", Kind: dagang.OrgBuyer}
		if err := db.CreateOrganisation(asKalsel, seller); err != nil {
			t.Fatal(err)
		}
		own := &dagang.Deal{OfficeID: s.Office.ID, Direction: dagang.DirectionBuy, BusinessID: s.Businesses[demo.DemoBusiness].ID, CounterpartID: seller.ID,
			CommodityID: corn.ID, ValueIDR: 2_500_000_000, Stage: dagang.DealContract, DealDate: date}
		if err := db.CreateDeal(asKalsel, own, true); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewPartnerDeal(asKalsel, sale.ID, 0, dagang.PartnerReview{Decision: "confirm", LinkDealID: own.ID}); err != nil {
			t.Fatal(err)
		}
		reviewed, err := db.National(national, 0)
		if err != nil {
			t.Fatal(err)
		}
		sameAsScan(t, db, national, 0, 2019)
		if got := reviewed.ValueIDR - before.ValueIDR; got != 2_500_000_000 {
			t.Errorf("after the dispute and the linked record the totals grew by Rp%d, want Rp2,5 miliar (the sale, once)", got)
		}
		if f := find(reviewed, "64", "63"); f.ConfirmedIDR != 2_500_000_000 || f.Deals != 1 {
			t.Errorf("the linked trade: %+v, want one deal, confirmed", f)
		}
		if db.Dialect() != "postgres" {
			return
		}
		// Row-level security: Kaltim's own context reads only Kaltim.
		mine, err := db.National(asKaltim, 0)
		if err != nil {
			t.Fatal(err)
		}
		sameAsScan(t, db, asKaltim, 0, 2019)
		if mine.ValueIDR != 2_500_000_000 || len(mine.Events) != 0 {
			t.Errorf("Kaltim's own context reads Rp%d and %d events, want only its sale of Rp2,5 miliar (the purchase is disputed) and no event", mine.ValueIDR, len(mine.Events))
		}
	})
}

// sameAsScan fails t when the national view differs from the same view
// computed by grouping the deals (on PostgreSQL the view reads the
// national summary table).
func sameAsScan(t *testing.T, db *store.DB, ctx context.Context, years ...int) {
	t.Helper()
	for _, y := range years {
		got, err := db.National(ctx, y)
		if err != nil {
			t.Fatal(err)
		}
		want, err := db.NationalScan(ctx, y)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("national view of %d from the summary table differs from the deals (-deals +summary):\n%s", y, diff)
		}
	}
}

// The national summary table follows every kind of change to the deals
// and their counterparts, made by either office: creates and imports,
// updates of terms, counterpart and year, the counterpart's answer, the
// partner office's review and link, deletes, a counterpart moving to
// another province, and a rebuild.
func TestNationalSummaryFollowsEveryChange(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		national := dagang.NewContextForDeployment(ctx, "national summary test")
		kaltim := &dagang.Office{Name: "Dinas Perdagangan Provinsi Kalimantan Timur", HomeProvince: "64"}
		admin := &dagang.User{Email: "admin@kaltim.example", Name: "Admin Kaltim"}
		if err := db.CreateOfficeWithAdmin(ctx, kaltim, admin, "x-hash"); err != nil {
			t.Fatal(err)
		}
		asKaltim := dagang.NewContextWithUser(ctx, admin)
		asKalsel := dagang.NewContextWithUser(ctx, &dagang.User{ID: 1, OfficeID: s.Office.ID, Role: dagang.UserStaff, Name: "Staf Kalsel"})
		check := func(step string) {
			t.Helper()
			for _, c := range []context.Context{national, asKaltim, asKalsel} {
				sameAsScan(t, db, c, 0, 2019, 2020)
			}
			if t.Failed() {
				t.Fatalf("after %s", step)
			}
		}
		check("the demo")

		mill := &dagang.Organisation{OfficeID: kaltim.ID, Name: "PT Pakan Banua", ProvinceCode: "63", Kind: dagang.OrgBuyer}
		trader := &dagang.Organisation{OfficeID: kaltim.ID, Name: "PT Niaga Jawa", ProvinceCode: "35", Kind: dagang.OrgBuyer}
		for _, o := range []*dagang.Organisation{mill, trader} {
			if err := db.CreateOrganisation(asKaltim, o); err != nil {
				t.Fatal(err)
			}
		}
		farm := &dagang.Business{OfficeID: kaltim.ID, Name: "CV Jagung Samarinda", RegencyCode: "64.72", Size: dagang.SizeSmall}
		if err := db.CreateBusiness(asKaltim, farm); err != nil {
			t.Fatal(err)
		}
		corn, egg := s.Commodities["jagung"], s.Commodities["telur"]
		day := func(s string) dagang.Date { d, _ := dagang.ParseDate(s); return d }
		var deals []*dagang.Deal
		for i, c := range []struct {
			dir  dagang.Direction
			org  *dagang.Organisation
			com  *dagang.Commodity
			date string
		}{{dagang.DirectionSell, mill, corn, "2019-05-02"}, {dagang.DirectionBuy, mill, egg, "2019-06-10"}, {dagang.DirectionSell, trader, corn, "2020-01-15"},
			{dagang.DirectionSell, mill, egg, "2020-03-01"}, {dagang.DirectionInvest, trader, nil, "2019-09-09"}} {
			x := &dagang.Deal{OfficeID: kaltim.ID, Direction: c.dir, CounterpartID: c.org.ID, ValueIDR: int64(i+1) * 100_000_000, Stage: dagang.DealContract, DealDate: day(c.date), Sample: i == 3}
			if c.dir != dagang.DirectionInvest {
				x.BusinessID, x.CommodityID = farm.ID, c.com.ID
			}
			if err := db.CreateDeal(asKaltim, x, true); err != nil {
				t.Fatal(err)
			}
			deals = append(deals, x)
		}
		check("creating deals")

		// Kalsel's office imports its own records of two of them.
		own := []*dagang.Deal{}
		seller := &dagang.Organisation{OfficeID: s.Office.ID, Name: "CV Jagung Samarinda", ProvinceCode: "64", Kind: dagang.OrgBuyer}
		if err := db.CreateOrganisation(asKalsel, seller); err != nil {
			t.Fatal(err)
		}
		for i, src := range deals[:2] {
			dir := dagang.DirectionBuy
			if src.Direction == dagang.DirectionBuy {
				dir = dagang.DirectionSell
			}
			own = append(own, &dagang.Deal{Direction: dir, BusinessID: s.Businesses[demo.DemoBusiness].ID, CounterpartID: seller.ID, CommodityID: src.CommodityID,
				ValueIDR: src.ValueIDR, Stage: dagang.DealContract, DealDate: src.DealDate, Note: fmt.Sprint("own ", i)})
		}
		if err := db.ImportDeals(asKalsel, s.Office.ID, own, "test", nil); err != nil {
			t.Fatal(err)
		}
		// The import does not give its deals their ids: find them.
		stored, _, err := db.FindDeals(asKalsel, dagang.DealFilter{OfficeID: s.Office.ID, CounterpartID: seller.ID, ListOptions: dagang.ListOptions{Limit: 10}})
		if err != nil || len(stored) != 2 {
			t.Fatalf("Kalsel's imported deals: %d, %v", len(stored), err)
		}
		for _, x := range stored {
			for _, o := range own {
				if o.Note == x.Note {
					o.ID = x.ID
				}
			}
		}
		check("an import")

		// The counterpart answers, the partner office reviews and links.
		if _, err := db.AnswerDeal(ctx, deals[0].ID, 0, mill.ID, dagang.ConfirmationConfirmed, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AnswerDeal(ctx, deals[3].ID, 0, mill.ID, dagang.ConfirmationRejected, ""); err != nil {
			t.Fatal(err)
		}
		check("the counterpart's answers")
		if _, err := db.ReviewPartnerDeal(asKalsel, deals[0].ID, 0, dagang.PartnerReview{Decision: "confirm", LinkDealID: own[0].ID}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewPartnerDeal(asKalsel, deals[1].ID, 0, dagang.PartnerReview{Decision: "dispute", Note: "tidak ada"}); err != nil {
			t.Fatal(err)
		}
		check("the partner office's review and link")
		if _, err := db.ReviewPartnerDeal(asKalsel, deals[1].ID, 0, dagang.PartnerReview{Decision: "confirm", LinkDealID: own[1].ID}); err != nil {
			t.Fatal(err)
		}
		check("a second review")

		// Kaltim changes terms, counterpart and year; deletes one.
		up := *deals[2]
		up.CounterpartID, up.ValueIDR, up.DealDate, up.Confirmation = mill.ID, 777_000_000, day("2019-12-30"), ""
		if err := db.UpdateDeal(asKaltim, &up, dagang.Change{Fields: []string{"counterpart_id", "value_idr", "deal_date"}}, true); err != nil {
			t.Fatal(err)
		}
		check("an update")
		if err := db.DeleteDeal(asKaltim, deals[0].ID, 0); err != nil {
			t.Fatal(err)
		}
		check("deleting a linked trade")

		// A counterpart moves to another province.
		trader.ProvinceCode = "33"
		if err := db.UpdateOrganisation(asKaltim, trader, dagang.Change{Fields: []string{"province_code"}}); err != nil {
			t.Fatal(err)
		}
		mill.ProvinceCode = "35"
		if err := db.UpdateOrganisation(asKaltim, mill, dagang.Change{Fields: []string{"province_code"}}); err != nil {
			t.Fatal(err)
		}
		check("counterparts moving")
		if err := db.RebuildDealRollup(asKaltim, kaltim.ID); err != nil {
			t.Fatal(err)
		}
		check("a rebuild")
	})
}
