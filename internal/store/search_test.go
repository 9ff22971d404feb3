package store_test

import (
	"context"
	"sort"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
)

// searchFixture loads the demo story and adds a rice seller, a rattan
// craftsman and a deal described in everyday Indonesian.
type searchFixture struct {
	s           *demo.Story
	rice, craft *dagang.Business
	deal        *dagang.Deal
	org         *dagang.Organisation
}

func newSearchFixture(t *testing.T, db *store.DB, s *demo.Story) *searchFixture {
	t.Helper()
	ctx := context.Background()
	f := &searchFixture{s: s}
	var tmpl *dagang.Business
	for _, b := range s.Businesses {
		tmpl = b
		break
	}
	beras := s.Commodities["beras"]
	f.rice = &dagang.Business{OfficeID: s.Office.ID, Name: "UD Sumber Rezeki", RegencyCode: tmpl.RegencyCode, Size: tmpl.Size,
		Products: []dagang.Product{{CommodityID: beras.ID, Description: "Menjual beras premium dari Sungai Tabuk", MonthlyCapacity: 20, Unit: "ton"}}}
	f.craft = &dagang.Business{OfficeID: s.Office.ID, Name: "Pengrajin Lampit Nagara", RegencyCode: tmpl.RegencyCode, Size: tmpl.Size}
	for _, b := range []*dagang.Business{f.rice, f.craft} {
		if err := db.CreateBusiness(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	for _, o := range s.Orgs {
		f.org = o
		break
	}
	f.deal = &dagang.Deal{OfficeID: s.Office.ID, Direction: dagang.DirectionSell, BusinessID: f.rice.ID, CounterpartID: f.org.ID, CommodityID: beras.ID,
		Volume: 100, Unit: "ton", ValueIDR: 1_500_000_000, Stage: dagang.DealIndication, DealDate: dagang.MustDate("2019-03-04"),
		Note: "Pihak Kalsel menjual beras kepada mitra; pengiriman lewat Trisakti"}
	if err := db.CreateDeal(ctx, f.deal, false); err != nil {
		t.Fatal(err)
	}
	return f
}

func businessIDs(t *testing.T, db *store.DB, oid int64, q string) []int64 {
	t.Helper()
	bs, n, err := db.FindBusinesses(context.Background(), dagang.BusinessFilter{OfficeID: oid, ListOptions: dagang.ListOptions{Query: q, Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatalf("FindBusinesses(%q): %v", q, err)
	}
	if n != len(bs) {
		t.Fatalf("FindBusinesses(%q): total %d, page %d", q, n, len(bs))
	}
	ids := []int64{}
	for _, b := range bs {
		ids = append(ids, b.ID)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func dealIDs(t *testing.T, db *store.DB, oid int64, q string) []int64 {
	t.Helper()
	ds, _, err := db.FindDeals(context.Background(), dagang.DealFilter{OfficeID: oid, ListOptions: dagang.ListOptions{Query: q, Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatalf("FindDeals(%q): %v", q, err)
	}
	ids := []int64{}
	for _, d := range ds {
		ids = append(ids, d.ID)
	}
	return ids
}

func TestSearchIndonesianStems(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		f := newSearchFixture(t, db, s)
		oid := f.s.Office.ID
		for _, tc := range []struct {
			q    string
			want []int64
		}{
			{"penjualan beras", []int64{f.rice.ID}}, // penjualan, menjual → jual
			{"PENJUALAN   Beras!", []int64{f.rice.ID}},
			{"dijual", []int64{f.rice.ID}},
			{"kerajinan lampit", []int64{f.craft.ID}}, // kerajinan, pengrajin → rajin
			{"tabuk", []int64{f.rice.ID}},
			{"sumber rez", []int64{f.rice.ID}}, // the last word is a prefix
			{"pengraj", []int64{f.craft.ID}},   // a prefix of the word itself
			{"xyzzyqv", []int64{}},
			{"beras xyzzyqv", []int64{}},
		} {
			if diff := cmp.Diff(tc.want, businessIDs(t, db, oid, tc.q)); diff != "" {
				t.Errorf("businesses for %q (-want +got):\n%s", tc.q, diff)
			}
		}
		for _, tc := range []struct {
			q    string
			want []int64
		}{
			{"penjualan beras trisakti", []int64{f.deal.ID}},
			{"pengiriman trisakti", []int64{f.deal.ID}},
			{"beras xyzzyqv", []int64{}},
		} {
			if diff := cmp.Diff(tc.want, dealIDs(t, db, oid, tc.q)); diff != "" {
				t.Errorf("deals for %q (-want +got):\n%s", tc.q, diff)
			}
		}
		// Streaming deals (exports) takes the same query.
		var streamed []int64
		err := db.EachDeal(context.Background(), dagang.DealFilter{OfficeID: oid, ListOptions: dagang.ListOptions{Query: "penjualan beras trisakti"}}, func(r *dagang.DealRecord) error {
			streamed = append(streamed, r.Deal.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]int64{f.deal.ID}, streamed); diff != "" {
			t.Errorf("EachDeal (-want +got):\n%s", diff)
		}
		// The counterpart's and the commodity's names are part of a deal.
		for _, q := range []string{f.org.Name + " trisakti", "rice milled trisakti"} {
			if diff := cmp.Diff([]int64{f.deal.ID}, dealIDs(t, db, oid, q)); diff != "" {
				t.Errorf("deals for %q (-want +got):\n%s", q, diff)
			}
		}
	})
}

// searchAll runs q through every list that has a search index and returns
// the totals by list.
func searchAll(t *testing.T, db *store.DB, oid int64, q string) map[string]int {
	t.Helper()
	ctx := context.Background()
	lo := dagang.ListOptions{Query: q}
	got := map[string]int{}
	var err error
	note := func(name string, n int, e error) {
		got[name] = n
		if e != nil && err == nil {
			err = e
		}
	}
	_, n, e := db.FindBusinesses(ctx, dagang.BusinessFilter{OfficeID: oid, ListOptions: lo})
	note("businesses", n, e)
	_, n, e = db.FindOrganisations(ctx, dagang.OrganisationFilter{OfficeID: oid, ListOptions: lo})
	note("organisations", n, e)
	_, n, e = db.FindCommodities(ctx, dagang.CommodityFilter{ListOptions: lo})
	note("commodities", n, e)
	_, n, e = db.FindEvents(ctx, dagang.EventFilter{OfficeID: oid, ListOptions: lo})
	note("events", n, e)
	_, n, e = db.FindAgreements(ctx, dagang.AgreementFilter{OfficeID: oid, ListOptions: lo})
	note("agreements", n, e)
	_, n, e = db.FindDeals(ctx, dagang.DealFilter{OfficeID: oid, ListOptions: lo})
	note("deals", n, e)
	_, n, e = db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: oid, ListOptions: lo})
	note("audit", n, e)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return got
}

func TestSearchQuerySyntaxIsInert(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		f := newSearchFixture(t, db, s)
		oid := f.s.Office.ID
		all := searchAll(t, db, oid, "")
		for name, n := range all {
			if n == 0 {
				t.Errorf("the demo has no %s to list", name)
			}
		}
		// Queries without a word list everything, like an empty one.
		for _, q := range []string{"   ", `"`, "*", "'", "-", "(", `"*'-(`, ":*", "&|!", `\`, ";"} {
			if diff := cmp.Diff(all, searchAll(t, db, oid, q)); diff != "" {
				t.Errorf("query %q should list everything (-want +got):\n%s", q, diff)
			}
		}
		// Query syntax of FTS5, tsquery and SQL is taken as plain words:
		// no error, and only records holding those words match.
		none := map[string]int{"businesses": 0, "organisations": 0, "commodities": 0, "events": 0, "agreements": 0, "deals": 0, "audit": 0}
		for _, q := range []string{`xyzzy" OR "beras`, "xyzzy OR beras", "xyzzy AND", "NOT xyzzy", "xyzzy*", "NEAR(xyzzy beras)", "terms:xyzzy",
			"xyzzy'; DROP TABLE businesses; --", "xyzzy & beras | !kopi", "xyzzy:* beras", "(xyzzy", "xyzzy -beras", "\xff\xfexyzzy"} {
			if diff := cmp.Diff(none, searchAll(t, db, oid, q)); diff != "" {
				t.Errorf("query %q (-want +got):\n%s", q, diff)
			}
		}
		if diff := cmp.Diff([]int64{f.rice.ID}, businessIDs(t, db, oid, `"penjualan" (beras*)`)); diff != "" {
			t.Errorf("punctuated query (-want +got):\n%s", diff)
		}
	})
}

func TestSearchFollowsChanges(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		f := newSearchFixture(t, db, s)
		oid := f.s.Office.ID
		// A business's products are part of it: change them and the old
		// words stop matching.
		f.rice.Products[0].Description = "Menjual gabah kering giling"
		if err := db.UpdateBusiness(ctx, f.rice, dagang.Change{}); err != nil {
			t.Fatal(err)
		}
		if got := businessIDs(t, db, oid, "tabuk"); len(got) != 0 {
			t.Errorf("old product words still match: %v", got)
		}
		if diff := cmp.Diff([]int64{f.rice.ID}, businessIDs(t, db, oid, "gabah giling")); diff != "" {
			t.Errorf("new product words (-want +got):\n%s", diff)
		}
		if err := db.DeleteBusiness(ctx, f.craft.ID, 0); err != nil {
			t.Fatal(err)
		}
		if got := businessIDs(t, db, oid, "lampit"); len(got) != 0 {
			t.Errorf("a deleted business is still found: %v", got)
		}
		// Renaming the counterpart reindexes its deals.
		f.org.Name = "Perum Bulog Divre Kaltim Zamrud"
		if err := db.UpdateOrganisation(ctx, f.org, dagang.Change{}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]int64{f.deal.ID}, dealIDs(t, db, oid, "zamrud trisakti")); diff != "" {
			t.Errorf("deal by its counterpart's new name (-want +got):\n%s", diff)
		}
		// Deal notes change with the deal; the audit trail keeps both.
		if _, err := db.SetDealStage(ctx, f.deal.ID, 0, dagang.DealContract, "kontrak ditandatangani di Balikpapan"); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]int64{f.deal.ID}, dealIDs(t, db, oid, "kontrak balikpapan")); diff != "" {
			t.Errorf("deal by its new note (-want +got):\n%s", diff)
		}
		as, _, err := db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: oid, Entity: "deal", ListOptions: dagang.ListOptions{Query: "balikpapan"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(as) != 1 || as[0].EntityID != f.deal.ID || as[0].Action != "stage" {
			t.Errorf("audit entries for balikpapan: %+v", as)
		}
		if err := db.DeleteDeal(ctx, f.deal.ID, 0); err != nil {
			t.Fatal(err)
		}
		if got := dealIDs(t, db, oid, "balikpapan"); len(got) != 0 {
			t.Errorf("a deleted deal is still found: %v", got)
		}
		// Bulk imports are indexed too.
		imp := []*dagang.Organisation{{Name: "Koperasi Nelayan Tanjung Selor", ProvinceCode: f.org.ProvinceCode, Kind: f.org.Kind}}
		if err := db.ImportOrganisations(ctx, oid, imp, "mitra.csv", nil); err != nil {
			t.Fatal(err)
		}
		os, _, err := db.FindOrganisations(ctx, dagang.OrganisationFilter{OfficeID: oid, ListOptions: dagang.ListOptions{Query: "nelayan selor"}})
		if err != nil || len(os) != 1 || os[0].Name != imp[0].Name {
			t.Errorf("imported organisation by name: %v %v", os, err)
		}
		// Commodities by name, English name and HS code prefix.
		for _, q := range []string{"beras", "rice", "100630", "10063"} {
			cs, _, err := db.FindCommodities(ctx, dagang.CommodityFilter{ListOptions: dagang.ListOptions{Query: q}})
			if err != nil || len(cs) != 1 || cs[0].Slug != "beras" {
				t.Errorf("commodities for %q: %v %v", q, cs, err)
			}
		}
	})
}

// TestSearchMigrationBackfills takes a database back to before migration
// 0009 and migrates it again: the records already stored are indexed.
func TestSearchMigrationBackfills(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		f := newSearchFixture(t, db, s)
		oid := f.s.Office.ID
		before := searchAll(t, db, oid, "beras")
		if err := store.UndoSearchMigration(ctx, db); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.FindBusinesses(ctx, dagang.BusinessFilter{OfficeID: oid, ListOptions: dagang.ListOptions{Query: "beras"}}); err == nil {
			t.Fatal("search works without its index: the undo did nothing")
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, searchAll(t, db, oid, "beras")); diff != "" {
			t.Errorf("after the backfill (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff([]int64{f.rice.ID}, businessIDs(t, db, oid, "penjualan beras")); diff != "" {
			t.Errorf("backfilled business (-want +got):\n%s", diff)
		}
	})
}
