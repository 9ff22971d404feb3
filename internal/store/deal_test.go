package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/export"
	"github.com/dagang/dagang/internal/report"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// dealReport builds the deal report of an office from the store.
func dealReport(t *testing.T, db *store.DB, oid int64, year int) *report.Deals {
	t.Helper()
	rep, err := export.Report(context.Background(), db, oid, year)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestDemoDealReport(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		rep := dealReport(t, db, s.Office.ID, 0)
		if want := "Total transaksi Rp119 miliar dari 3 kegiatan temu bisnis dan misi dagang"; rep.Headline != want {
			t.Errorf("headline = %q, want %q", rep.Headline, want)
		}
		// Confirmed and realised parts as the demo records them: the
		// confirmed deals and half of every contract paid at 3 months.
		var confirmed, realised, sell, buy int64
		for _, es := range s.Events {
			ds, _, err := db.FindDeals(ctx, dagang.DealFilter{OfficeID: s.Office.ID, EventID: es.ID, ListOptions: dagang.ListOptions{Limit: 100}})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range ds {
				if d.Confirmation == dagang.ConfirmationConfirmed {
					confirmed += d.ValueIDR
				}
				if d.Stage == dagang.DealContract {
					realised += d.ValueIDR / 2
				}
				if d.Direction == dagang.DirectionSell {
					sell += d.ValueIDR
				} else {
					buy += d.ValueIDR
				}
			}
		}
		want := report.Amounts{Deals: 20, AnnouncedIDR: 119_000_000_000, ConfirmedIDR: confirmed, PendingIDR: 119_000_000_000 - confirmed,
			RealisedIDR: realised, Rate: dagang.RealisationRate(119_000_000_000, realised), Sample: true}
		if diff := cmp.Diff(want, rep.Total); diff != "" {
			t.Errorf("total (-want +got):\n%s", diff)
		}
		var dirs []string
		for _, r := range rep.ByDirection {
			dirs = append(dirs, r.Key+":"+money(r.AnnouncedIDR))
		}
		if diff := cmp.Diff([]string{"sell:" + money(sell), "buy:" + money(buy)}, dirs); diff != "" {
			t.Errorf("by direction (-want +got):\n%s", diff)
		}
		var cells int64
		for _, c := range rep.DirectionStage {
			cells += c.AnnouncedIDR
		}
		if cells != 119_000_000_000 || len(rep.ByStage) != 3 || rep.Events != 3 || rep.BusinessesReached != 19 {
			t.Errorf("direction×stage adds to %d; %d stages, %d events, %d businesses", cells, len(rep.ByStage), rep.Events, rep.BusinessesReached)
		}
		// The article: semi-finished goods go out, finished goods come in.
		for _, b := range rep.Balance {
			if (b.Stage == dagang.StageSemi && b.NetIDR <= 0) || (b.Stage == dagang.StageFinished && b.NetIDR >= 0) {
				t.Errorf("balance %s = %+v; want semi out, finished in", b.Stage, b)
			}
		}
		var flows int64
		for _, f := range rep.Flows {
			flows += f.AnnouncedIDR
			if f.Direction == dagang.DirectionSell && f.From != "63" || f.Direction == dagang.DirectionBuy && f.To != "63" {
				t.Errorf("flow %+v does not start or end at home", f)
			}
		}
		if flows != 119_000_000_000 {
			t.Errorf("flows add up to %d", flows)
		}
		if y := dealReport(t, db, s.Office.ID, 2017); y.Total.AnnouncedIDR != 38_250_000_000 || y.Events != 1 {
			t.Errorf("2017: %d over %d events", y.Total.AnnouncedIDR, y.Events)
		}
	})
}

func money(v int64) string { return fmt.Sprint(v) }

func TestDealChangesKeepRollupAndAudit(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		oid := s.Office.ID
		ds, _, err := db.FindDeals(ctx, dagang.DealFilter{OfficeID: oid, EventID: s.Events[0].ID, ListOptions: dagang.ListOptions{Sort: "id"}})
		if err != nil {
			t.Fatal(err)
		}
		d := ds[0]
		// A likely duplicate is refused unless forced.
		dup := *d
		dup.ID, dup.ValueIDR = 0, d.ValueIDR+d.ValueIDR/100
		err = db.CreateDeal(ctx, &dup, false)
		wantError(t, err, dagang.ECONFLICT, "force")
		if err := db.CreateDeal(ctx, &dup, true); err != nil {
			t.Fatal(err)
		}
		other := *d
		other.ID, other.ValueIDR, other.DealDate = 0, d.ValueIDR*3, d.DealDate.AddMonths(2)
		if err := db.CreateDeal(ctx, &other, false); err != nil {
			t.Fatalf("a different value on another day is not a duplicate: %v", err)
		}
		// Update, stage, answers, delete.
		up := dup
		up.ValueIDR = 1_000_000_000
		if err := db.UpdateDeal(ctx, &up, dagang.Change{}, true); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetDealStage(ctx, up.ID, 0, dagang.DealContract, "kontrak ditandatangani"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AnswerDeal(ctx, up.ID, 0, up.CounterpartID+1000, dagang.ConfirmationConfirmed, ""); dagang.ErrorCode(err) != dagang.EFORBIDDEN {
			t.Errorf("answer from another organisation: %v, want EFORBIDDEN", err)
		}
		got, err := db.AnswerDeal(ctx, up.ID, 0, up.CounterpartID, dagang.ConfirmationConfirmed, "sesuai")
		if err != nil || got.Confirmation != dagang.ConfirmationConfirmed {
			t.Fatalf("answer: %+v, %v", got, err)
		}
		_, err = db.SetDealStage(ctx, up.ID, 0, "signed", "")
		wantError(t, err, dagang.EINVALID, "stage")
		if err := db.CreateRealisation(ctx, &dagang.Realisation{DealID: up.ID, ReportedOn: up.DealDate.AddMonths(1), PaidIDR: 400_000_000}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateRealisation(ctx, &dagang.Realisation{DealID: up.ID, ReportedOn: up.DealDate.AddMonths(3), PaidIDR: 700_000_000}); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteDeal(ctx, other.ID, 0); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteDeal(ctx, other.ID, 0); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("second delete: %v", err)
		}
		entries, _, err := db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: oid, Entity: "deal", EntityID: up.ID})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries {
			actions = append(actions, e.Action)
		}
		if diff := cmp.Diff([]string{"realisation", "realisation", "confirmed", "stage", "update", "create"}, actions); diff != "" {
			t.Errorf("audit (-want +got):\n%s", diff)
		}
		// The incremental rollup equals one rebuilt from the deals.
		before := dealReport(t, db, oid, 0)
		if before.Total.AnnouncedIDR != 120_000_000_000 || before.Total.RealisedIDR != 58_500_000_000/2+700_000_000 {
			t.Errorf("total after changes = %+v", before.Total)
		}
		if err := db.RebuildDealRollup(ctx, oid); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, dealReport(t, db, oid, 0)); diff != "" {
			t.Errorf("incremental rollup differs from rebuilt (-incremental +rebuilt):\n%s", diff)
		}
	})
}

func TestConfirmLinkIsSingleUse(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		ds, _, _ := db.FindDeals(ctx, dagang.DealFilter{OfficeID: s.Office.ID, ListOptions: dagang.ListOptions{Sort: "id"}})
		var d *dagang.Deal
		for _, x := range ds {
			if x.Confirmation == dagang.ConfirmationPending {
				d = x
				break
			}
		}
		tok, err := db.CreateConfirmLink(ctx, d.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := db.DealByToken(ctx, tok); err != nil || got.ID != d.ID {
			t.Fatalf("deal by token: %v %v", got, err)
		}
		got, err := db.AnswerDealByToken(ctx, tok, dagang.ConfirmationRejected, "tidak pernah disepakati")
		if err != nil || got.Confirmation != dagang.ConfirmationRejected {
			t.Fatalf("answer by token: %+v %v", got, err)
		}
		if _, err := db.AnswerDealByToken(ctx, tok, dagang.ConfirmationConfirmed, ""); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("second use: %v, want ENOTFOUND", err)
		}
		if _, err := db.AnswerDealByToken(ctx, "bukan-token", dagang.ConfirmationConfirmed, ""); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("unknown token: %v", err)
		}
		rep := dealReport(t, db, s.Office.ID, 0)
		if rep.Total.RejectedIDR != d.ValueIDR {
			t.Errorf("rejected = %d, want %d", rep.Total.RejectedIDR, d.ValueIDR)
		}
	})
}

func TestFollowUpsDue(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		// On 2017-01-01 the 2016 deals (12 October 2016) have passed their
		// 1-month follow-up; the contracts were reported at 3 months.
		fs, err := db.FindFollowUps(ctx, dagang.FollowUpFilter{OfficeID: s.Office.ID, Today: dagang.MustDate("2017-01-01"), DueBefore: dagang.MustDate("2017-01-31")})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, f := range fs {
			got[string(f.Status)+"@"+itoa(f.Months)]++
		}
		// 7 deals: 4 without a report are overdue at 1 month and due at 3;
		// the 3 contracts were reported at 3 months, so their 1 month is skipped.
		if diff := cmp.Diff(map[string]int{"overdue@1": 4, "due@3": 4}, got); diff != "" {
			t.Errorf("follow-ups (-want +got):\n%s", diff)
		}
		_, err = db.FindFollowUps(ctx, dagang.FollowUpFilter{OfficeID: s.Office.ID, Months: []int{0}})
		wantError(t, err, dagang.EINVALID, "months")
	})
}

func itoa(i int) string { return fmt.Sprint(i) }

func TestConfirmLinkExpires(t *testing.T) {
	ctx := context.Background()
	now := fixedNow
	db, s := demoDB.Open(t, "sqlite", store.Options{Now: func() time.Time { return now }})
	ds, _, _ := db.FindDeals(ctx, dagang.DealFilter{OfficeID: s.Office.ID})
	tok, err := db.CreateConfirmLink(ctx, ds[0].ID, 72*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	now = now.Add(72 * time.Hour)
	if _, err := db.AnswerDealByToken(ctx, tok, dagang.ConfirmationConfirmed, ""); dagang.ErrorCode(err) != dagang.ENOTFOUND {
		t.Errorf("expired link: %v, want ENOTFOUND", err)
	}
	_, err = db.CreateConfirmLink(ctx, ds[0].ID, 0)
	wantError(t, err, dagang.EINVALID, "ttl")
}

func TestRollupEqualsScan(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		for _, year := range []int{0, 2016, 2018} {
			table, err := db.DealRollup(ctx, s.Office.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			scan, err := db.DealRollupScan(ctx, s.Office.ID, year)
			if err != nil {
				t.Fatal(err)
			}
			less := func(a, b dagang.RollupRow) bool { return fmt.Sprint(a) < fmt.Sprint(b) }
			if diff := cmp.Diff(table, scan, cmpopts.SortSlices(less)); diff != "" {
				t.Errorf("year %d: summary table differs from a scan of the deals (-table +scan):\n%s", year, diff)
			}
		}
	})
}

func TestImportsAllOrNothing(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		oid := s.Office.ID
		before := dealReport(t, db, oid, 0).Total
		mk := func(n int, counterpart int64) []*dagang.Deal {
			var ds []*dagang.Deal
			for i := range n {
				ds = append(ds, &dagang.Deal{Direction: dagang.DirectionSell, BusinessID: s.Businesses["c1"].ID, CounterpartID: counterpart,
					CommodityID: s.Commodities["beras"].ID, ValueIDR: int64(1000 + i), Stage: dagang.DealLOI, DealDate: dagang.MustDate("2019-07-10")})
			}
			return ds
		}
		// 1,203 deals: twelve full batches and one short one, the last
		// row referring to no organisation.
		bad := mk(1203, s.Orgs["kaltim1"].ID)
		bad[1202].CounterpartID = 999_999
		// The deal's own checks (those of CreateDeal) refuse it, naming
		// its index and field, before the foreign keys would.
		if err := db.ImportDeals(ctx, oid, bad, "uji", nil); dagang.ErrorCode(err) != dagang.EINVALID || !strings.Contains(err.Error(), "[1202].counterpart_id") {
			t.Fatalf("an import with a broken reference: %v, want EINVALID on [1202].counterpart_id", err)
		}
		if got := dealReport(t, db, oid, 0).Total; got != before {
			t.Errorf("after a failed import the totals moved: %+v, want %+v", got, before)
		}
		var done []int
		if err := db.ImportDeals(ctx, oid, mk(1203, s.Orgs["kaltim1"].ID), "uji", func(n int) { done = append(done, n) }); err != nil {
			t.Fatal(err)
		}
		if len(done) != 13 || done[0] != 100 || done[12] != 1203 {
			t.Errorf("progress = %v, want 100, 200, …, 1200, 1203", done)
		}
		after := dealReport(t, db, oid, 0).Total
		if after.Deals != before.Deals+1203 || after.AnnouncedIDR != before.AnnouncedIDR+1203*1000+1203*1202/2 {
			t.Errorf("after the import: %+v", after)
		}
		orgs := []*dagang.Organisation{{Name: "PT Uji", ProvinceCode: "64", Kind: dagang.OrgBuyer}, {Name: "PT Uji 2", ProvinceCode: "99", Kind: dagang.OrgBuyer}}
		if err := db.ImportOrganisations(ctx, oid, orgs, "uji", nil); err == nil {
			t.Error("an organisation in an unknown province was stored")
		}
		_, n, _ := db.FindOrganisations(ctx, dagang.OrganisationFilter{OfficeID: oid, ListOptions: dagang.ListOptions{Query: "PT Uji"}})
		if n != 0 {
			t.Errorf("%d organisations stored by a failed import", n)
		}
	})
}

func TestFollowUpsLimit(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		f := dagang.FollowUpFilter{OfficeID: s.Office.ID, Today: dagang.MustDate("2019-01-01"), DueBefore: dagang.MustDate("2019-12-31")}
		all, err := db.FindFollowUps(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{1, 5, 17} {
			f.Limit = limit
			got, err := db.FindFollowUps(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(all[:limit], got); diff != "" {
				t.Errorf("limit %d: not the first of the whole list (-want +got):\n%s", limit, diff)
			}
		}
	})
}
