package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
)

// BenchmarkSearchBusinesses lists the first page (and the total) of
// businesses matching a query among 100,000, through the search index and
// through the LIKE scan it replaced, on every backend:
//
//	go test ./internal/store -run '^$' -bench SearchBusinesses -benchtime 50x
//
// (with DAGANG_TEST_POSTGRES set for the PostgreSQL rows).
func BenchmarkSearchBusinesses(b *testing.B) {
	const n = 100_000
	verbs := []string{"Menjual", "Penjualan", "Dijual", "Memproduksi", "Pengolahan", "Budidaya", "Pengiriman", "Kerajinan", "Pemasaran", "Penyimpanan"}
	goods := []string{"beras", "kopi", "karet", "rotan", "ikan", "udang", "jagung", "kelapa", "sawit", "gula", "madu", "purun", "kayu", "batik", "garam", "cabai", "bawang", "telur", "daging", "pisang"}
	kinds := []string{"premium", "organik", "kering", "segar", "olahan", "curah", "kemasan", "grosir"}
	places := []string{"Banjarmasin", "Martapura", "Kandangan", "Amuntai", "Barabai", "Tanjung", "Kotabaru", "Pelaihari", "Rantau", "Marabahan"}
	describe := func(i int) string {
		return fmt.Sprintf("%s %s %s dari %s", verbs[i%len(verbs)], goods[(i/7)%len(goods)], kinds[(i/3)%len(kinds)], places[(i/11)%len(places)])
	}
	name := func(i int) string {
		return fmt.Sprintf("UD %s %s %d", places[(i/13)%len(places)], goods[(i/5)%len(goods)], i)
	}
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			ctx := context.Background()
			db, s := demoDB.Open(b, be.name, store.Options{})
			var regency string
			for _, x := range s.Businesses {
				regency = x.RegencyCode
				break
			}
			if err := store.SeedBusinesses(ctx, db, s.Office.ID, regency, s.Commodities["beras"].ID, n, name, describe); err != nil {
				b.Fatal(err)
			}
			phases := []string{"analyzed"}
			if be.name == "sqlite" {
				// A SQLite store has no planner statistics until something
				// runs ANALYZE; show both.
				phases = []string{"nostats", "analyzed"}
			}
			for _, phase := range phases {
				if phase == "analyzed" {
					if err := store.Analyze(ctx, db); err != nil {
						b.Fatal(err)
					}
				}
				b.Run(phase, func(b *testing.B) { benchSearchCases(b, db, s.Office.ID) })
			}
		})
	}
}

func benchSearchCases(b *testing.B, db *store.DB, officeID int64) {
	ctx := context.Background()
	for _, c := range []struct {
		name, q string
		find    func(context.Context, dagang.BusinessFilter) ([]*dagang.Business, int, error)
	}{
		{"fts/beras", "beras", db.FindBusinesses},
		{"like/beras", "beras", func(ctx context.Context, f dagang.BusinessFilter) ([]*dagang.Business, int, error) {
			return store.FindBusinessesLike(ctx, db, f)
		}},
		{"fts/penjualan_beras", "penjualan beras", db.FindBusinesses},
		{"fts/prefix_kanda", "kanda", db.FindBusinesses},
		{"like/kanda", "kanda", func(ctx context.Context, f dagang.BusinessFilter) ([]*dagang.Business, int, error) {
			return store.FindBusinessesLike(ctx, db, f)
		}},
		{"fts/rare_12345", "12345", db.FindBusinesses},
		{"like/rare_12345", "12345", func(ctx context.Context, f dagang.BusinessFilter) ([]*dagang.Business, int, error) {
			return store.FindBusinessesLike(ctx, db, f)
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			f := dagang.BusinessFilter{OfficeID: officeID, ListOptions: dagang.ListOptions{Query: c.q, Limit: 20}}
			var total int
			for b.Loop() {
				bs, t, err := c.find(ctx, f)
				if err != nil || len(bs) == 0 {
					b.Fatalf("%q: %d results, %v", c.q, len(bs), err)
				}
				total = t
			}
			b.ReportMetric(float64(total), "matches")
		})
	}
}
