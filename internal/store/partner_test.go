package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
)

// TestPartnerDeals: a deal Kalsel (the demo office) records with a buyer
// in Kaltim, once Kaltim's office is on the deployment, is shared with
// that office and only with it. Kaltim sees it as an incoming purchase,
// confirms or disputes it and may link its own record of the trade; it
// cannot change anything else (the application refuses; on PostgreSQL
// the database too); an unrelated third office sees nothing even with
// the application's filter off. A deal with a province that has no
// office, or an investment, is not shared.
func TestPartnerDeals(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		kaltim, bali, asA, asK, asBali := partnerOffices(t, db, s)
		rice := s.Commodities["kemiri"]
		biz := s.Businesses["a1"]
		deal := &dagang.Deal{OfficeID: s.Office.ID, Direction: dagang.DirectionSell, BusinessID: biz.ID, CounterpartID: s.Orgs["kaltim1"].ID,
			CommodityID: rice.ID, Volume: 10, Unit: "ton", ValueIDR: 250_000_000, Stage: dagang.DealContract, DealDate: dagang.MustDate("2019-03-04"), Note: "catatan internal Kalsel"}
		if err := db.CreateDeal(asA, deal, true); err != nil {
			t.Fatal(err)
		}
		want := dagang.DealPartner{PartnerOfficeID: kaltim.ID, PartnerState: dagang.PartnerPending, SharedBusiness: biz.Name, SharedCounterpart: "PT Pangan Mahakam Samarinda"}
		if deal.DealPartner != want {
			t.Errorf("shared deal's partner side: %+v, want %+v", deal.DealPartner, want)
		}
		for _, x := range []*dagang.Deal{
			{OfficeID: s.Office.ID, Direction: dagang.DirectionSell, BusinessID: biz.ID, CounterpartID: s.Orgs["jatim1"].ID, CommodityID: rice.ID, ValueIDR: 1, Stage: dagang.DealLOI, DealDate: dagang.MustDate("2019-03-04")},
			{OfficeID: s.Office.ID, Direction: dagang.DirectionInvest, CounterpartID: s.Orgs["kaltim2"].ID, ValueIDR: 1, Stage: dagang.DealLOI, DealDate: dagang.MustDate("2019-03-04")},
		} {
			if err := db.CreateDeal(asA, x, true); err != nil {
				t.Fatal(err)
			}
			if x.PartnerOfficeID != 0 || x.PartnerState != "" {
				t.Errorf("deal %s with %d: shared %+v, want not shared", x.Direction, x.CounterpartID, x.DealPartner)
			}
		}

		got, n, err := db.FindIncomingDeals(asK, dagang.IncomingFilter{})
		if err != nil || n != 1 || len(got) != 1 {
			t.Fatalf("Kaltim's incoming deals: %d (total %d), %v; want the one shared", len(got), n, err)
		}
		in := got[0]
		if in.ID != deal.ID || in.Direction != dagang.DirectionBuy || in.RecordingOfficeID != s.Office.ID || in.Business != biz.Name || in.ValueIDR != deal.ValueIDR || in.PartnerState != dagang.PartnerPending {
			t.Errorf("Kaltim's incoming deal: %+v", in)
		}
		for who, c := range map[string]context.Context{"Bali": asBali, "Kalsel": asA} {
			if got, n, err := db.FindIncomingDeals(c, dagang.IncomingFilter{}); err != nil || n != 0 || len(got) != 0 {
				t.Errorf("%s's incoming deals: %d (total %d), %v; want none", who, len(got), n, err)
			}
		}

		// Kaltim changes nothing of Kalsel's record but its own side.
		steal := *deal
		steal.ValueIDR = 1
		if err := db.UpdateDeal(asK, &steal, dagang.Change{Fields: []string{"value_idr"}}, true); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("Kaltim updates Kalsel's deal: %v, want not found", err)
		}
		if _, err := db.SetDealStage(asK, deal.ID, 0, dagang.DealRealised, ""); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("Kaltim moves Kalsel's deal: %v, want not found", err)
		}
		if err := db.DeleteDeal(asK, deal.ID, 0); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("Kaltim deletes Kalsel's deal: %v, want not found", err)
		}

		// The review: a dispute needs its reason; a third office and the
		// recording office itself cannot review.
		if _, err := db.ReviewPartnerDeal(asK, deal.ID, 0, dagang.PartnerReview{Decision: "dispute"}); !hasField(err, "note") {
			t.Errorf("dispute without a note: %v, want a refusal naming note", err)
		}
		if _, err := db.ReviewPartnerDeal(asK, deal.ID, 0, dagang.PartnerReview{Decision: "maybe"}); !hasField(err, "decision") {
			t.Errorf("unknown decision: %v, want a refusal naming decision", err)
		}
		for who, c := range map[string]context.Context{"Bali": asBali, "Kalsel": asA} {
			if _, err := db.ReviewPartnerDeal(c, deal.ID, 0, dagang.PartnerReview{Decision: "confirm"}); dagang.ErrorCode(err) != dagang.ENOTFOUND {
				t.Errorf("%s reviews the deal: %v, want not found", who, err)
			}
		}
		if _, err := db.ReviewPartnerDeal(asK, deal.ID, deal.Version+1, dagang.PartnerReview{Decision: "confirm"}); dagang.ErrorCode(err) != dagang.ECONFLICT {
			t.Errorf("review of another version: %v, want a conflict", err)
		}
		if _, err := db.ReviewPartnerDeal(asK, deal.ID, 0, dagang.PartnerReview{Decision: "confirm", LinkDealID: deal.ID}); !hasField(err, "link_deal_id") {
			t.Errorf("link to Kalsel's own deal: %v, want a refusal naming link_deal_id", err)
		}
		rev, err := db.ReviewPartnerDeal(asK, deal.ID, deal.Version, dagang.PartnerReview{Decision: "dispute", Note: "volume di gudang kami 8 ton"})
		if err != nil {
			t.Fatal(err)
		}
		if rev.PartnerState != dagang.PartnerDisputed || rev.PartnerBy != "Admin Kaltim" || rev.PartnerAt.IsZero() || rev.PartnerNote != "volume di gudang kami 8 ton" {
			t.Errorf("after the dispute: %+v", rev)
		}
		// Kalsel sees the answer on its deal, its terms and note intact.
		a, err := db.FindDealByID(asA, deal.ID)
		if err != nil {
			t.Fatal(err)
		}
		if a.PartnerState != dagang.PartnerDisputed || a.PartnerBy != "Admin Kaltim" || a.ValueIDR != deal.ValueIDR || a.Note != deal.Note || a.Version != deal.Version+1 {
			t.Errorf("Kalsel's deal after Kaltim's dispute: %+v", a)
		}
		// The review is audited in Kaltim's office, without Kalsel's record.
		entries, _, err := db.FindAuditEntries(asK, dagang.AuditFilter{OfficeID: kaltim.ID, Entity: "deal", EntityID: deal.ID})
		if err != nil || len(entries) != 1 || entries[0].Action != "partner_disputed" {
			t.Fatalf("Kaltim's audit of the review: %+v, %v", entries, err)
		}
		if e := entries[0]; containsAny(e.New, "catatan internal", "value_idr") {
			t.Errorf("the review's audit entry copies Kalsel's record: %s", e.New)
		}

		// Kaltim's own record of the same trade is found and can be linked.
		seller := &dagang.Organisation{OfficeID: kaltim.ID, Name: biz.Name, ProvinceCode: "63", Kind: dagang.OrgBuyer}
		if err := db.CreateOrganisation(asK, seller); err != nil {
			t.Fatal(err)
		}
		buyer := &dagang.Business{OfficeID: kaltim.ID, Name: "PT Pangan Mahakam Samarinda", RegencyCode: "64.72", Size: dagang.SizeMedium}
		if err := db.CreateBusiness(asK, buyer); err != nil {
			t.Fatal(err)
		}
		own := &dagang.Deal{OfficeID: kaltim.ID, Direction: dagang.DirectionBuy, BusinessID: buyer.ID, CounterpartID: seller.ID, CommodityID: rice.ID,
			ValueIDR: 245_000_000, Stage: dagang.DealContract, DealDate: dagang.MustDate("2019-03-05")}
		if err := db.CreateDeal(asK, own, true); err != nil {
			t.Fatal(err)
		}
		if own.PartnerOfficeID != s.Office.ID {
			t.Errorf("Kaltim's purchase from Kalsel is not shared with Kalsel: %+v", own.DealPartner)
		}
		got, _, err = db.FindIncomingDeals(asK, dagang.IncomingFilter{})
		if err != nil || len(got) != 1 || len(got[0].LikelyOwn) != 1 || got[0].LikelyOwn[0] != own.ID {
			t.Fatalf("Kaltim's own record of the trade is not offered: %+v, %v", got, err)
		}
		rev, err = db.ReviewPartnerDeal(asK, deal.ID, 0, dagang.PartnerReview{Decision: "confirm", LinkDealID: own.ID})
		if err != nil || rev.PartnerState != dagang.PartnerConfirmed || rev.PartnerDealID != own.ID {
			t.Fatalf("confirm with a link: %+v, %v", rev, err)
		}
		// Kaltim's report counts the trade once: in its own record.
		if rows, err := db.PartnerRollup(asK, kaltim.ID, 2019); err != nil || len(rows) != 1 || !rows[0].Linked || rows[0].Deals != 1 || rows[0].Office != s.Office.Name || rows[0].Direction != dagang.DirectionSell {
			t.Errorf("Kaltim's rollup of deals from partners: %+v, %v; want the one deal, linked", rows, err)
		}
		if rows, err := db.PartnerRollup(asK, kaltim.ID, 2018); err != nil || len(rows) != 0 {
			t.Errorf("Kaltim's rollup of 2018: %+v, %v; want none", rows, err)
		}
		// A change of the terms asks Kaltim again and keeps the link.
		up := dagang.Deal{DealPartner: dagang.DealPartner{}}
		up.ID, up.OfficeID, up.ValueIDR = deal.ID, s.Office.ID, 240_000_000
		if err := db.UpdateDeal(asA, &up, dagang.Change{Fields: []string{"value_idr"}}, true); err != nil {
			t.Fatal(err)
		}
		if up.PartnerState != dagang.PartnerPending || up.PartnerDealID != own.ID || up.PartnerBy != "" {
			t.Errorf("after Kalsel changed the value: %+v, want pending again with the link", up.DealPartner)
		}
		// Kalsel's follow-up of its deal is its own.
		if err := db.CreateRealisation(asA, &dagang.Realisation{DealID: deal.ID, ReportedOn: dagang.MustDate("2019-04-01"), PaidIDR: 1000}); err != nil {
			t.Fatal(err)
		}

		if db.Dialect() != "postgres" {
			return
		}
		// The database's own scoping, with the application's filter off.
		for _, c := range []struct {
			who   string
			ctx   context.Context
			table string
			want  int
		}{
			{"Kaltim", asK, "deals", 2}, // its own and the one shared
			{"Kaltim", asK, "realisations", 0},
			{"Bali", asBali, "deals", 0},
			{"Bali", asBali, "realisations", 0},
		} {
			if n, err := db.RawCount(c.ctx, c.table, true); err != nil || n != c.want {
				t.Errorf("%s counts %d %s without a WHERE, %v; want %d", c.who, n, c.table, err, c.want)
			}
		}
		if rows, err := db.PartnerRollup(asBali, kaltim.ID, 0); err != nil || len(rows) != 0 {
			t.Errorf("Bali reads Kaltim's rollup of deals from partners: %+v, %v; want none", rows, err)
		}
		if _, err := db.RawExec(asK, "UPDATE deals SET value_idr = 1 WHERE id = ?", deal.ID); err == nil {
			t.Error("the database let Kaltim change the value of Kalsel's deal")
		}
		if n, err := db.RawExec(asK, "UPDATE deals SET partner_note = 'langsung' WHERE id = ?", deal.ID); err != nil || n != 1 {
			t.Errorf("Kaltim's own side in SQL: %d rows, %v; want 1", n, err)
		}
		if n, err := db.RawExec(asBali, "UPDATE deals SET partner_note = 'diambil' WHERE id = ?", deal.ID); err != nil || n != 0 {
			t.Errorf("Bali updates the shared deal: %d rows, %v; want 0", n, err)
		}
		if _, err := db.RawExec(asK, "UPDATE deals SET partner_office_id = ? WHERE id = ?", bali.ID, deal.ID); err == nil {
			t.Error("Kaltim passed the shared deal on to Bali")
		}
		if n, err := db.RawExec(asK, "DELETE FROM deals WHERE id = ?", deal.ID); err != nil || n != 0 {
			t.Errorf("Kaltim deletes Kalsel's deal in SQL: %d rows, %v; want 0", n, err)
		}
	})
}

// partnerOffices puts the offices of Kaltim (the demo office's partner)
// and Bali (no partner of it) beside the demo's, and returns them with
// contexts acting for a staff member of the demo office and for each
// new office's admin ("Admin Kaltim", "Admin Bali").
func partnerOffices(t *testing.T, db *store.DB, s *demo.Story) (kaltim, bali *dagang.Office, asA, asK, asBali context.Context) {
	t.Helper()
	ctx := context.Background()
	var as []context.Context
	for _, o := range []struct{ name, prov, email, admin string }{
		{"Dinas Perdagangan Provinsi Kalimantan Timur", "64", "admin@kaltim.example", "Admin Kaltim"},
		{"Dinas Perdagangan Provinsi Bali", "51", "admin@bali.example", "Admin Bali"},
	} {
		office := &dagang.Office{Name: o.name, HomeProvince: o.prov}
		admin := &dagang.User{Email: o.email, Name: o.admin}
		if err := db.CreateOfficeWithAdmin(ctx, office, admin, "x-hash"); err != nil {
			t.Fatal(err)
		}
		if kaltim == nil {
			kaltim = office
		} else {
			bali = office
		}
		as = append(as, dagang.NewContextWithUser(ctx, admin))
	}
	asA = dagang.NewContextWithUser(ctx, &dagang.User{ID: 1, OfficeID: s.Office.ID, Name: "Staf Kalsel", Role: dagang.UserStaff})
	return kaltim, bali, asA, as[0], as[1]
}

func hasField(err error, field string) bool {
	var e *dagang.Error
	if !errors.As(err, &e) {
		return false
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
