package store_test

import (
	"context"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
)

// TestOfficeIsolation puts a second office beside the demo's and reads
// with the application's own scoping turned off for one query (the other
// office's filter, a query without any WHERE, an update by id): on
// PostgreSQL row-level security still returns and changes nothing of the
// other office; the system's own work (no user) still sees both. On SQLite
// only the application's scoping holds, which the first checks show.
func TestOfficeIsolation(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		b := &dagang.Office{Name: "Dinas Perdagangan Provinsi Kalimantan Timur", HomeProvince: "64"}
		admin := &dagang.User{Email: "admin@kaltim.example", Name: "Admin Kaltim"}
		if err := db.CreateOfficeWithAdmin(ctx, b, admin, "x-hash"); err != nil {
			t.Fatal(err)
		}
		asA := dagang.NewContextWithUser(ctx, &dagang.User{ID: 1, OfficeID: s.Office.ID, Role: dagang.UserStaff})
		asB := dagang.NewContextWithUser(ctx, admin)
		own := &dagang.Business{OfficeID: b.ID, Name: "CV Jagung Samarinda", RegencyCode: "64.72", Size: dagang.SizeSmall}
		if err := db.CreateBusiness(asB, own); err != nil {
			t.Fatal(err)
		}
		all, _, err := db.FindBusinesses(ctx, dagang.BusinessFilter{OfficeID: s.Office.ID})
		if err != nil || len(all) == 0 {
			t.Fatalf("office A's businesses without a user: %d, %v", len(all), err)
		}
		// The application's scoping: office B's user asking by A's id.
		// The web layer hides it (officeRecord); the store, on PostgreSQL,
		// does not even return it.
		if db.Dialect() != "postgres" {
			t.Skip("SQLite has no row-level security: the application's scoping is the only one")
		}
		if _, err := db.FindBusinessByID(asB, all[0].ID); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("office B reads A's business %d: %v, want not found", all[0].ID, err)
		}
		got, n, err := db.FindBusinesses(asB, dagang.BusinessFilter{OfficeID: s.Office.ID})
		if err != nil || n != 0 || len(got) != 0 {
			t.Errorf("office B lists businesses with A's filter: %d rows (total %d), %v; want none", len(got), n, err)
		}
		deals, n, err := db.FindDeals(asB, dagang.DealFilter{OfficeID: s.Office.ID})
		if err != nil || n != 0 || len(deals) != 0 {
			t.Errorf("office B lists deals with A's filter: %d rows (total %d), %v; want none", len(deals), n, err)
		}
		for _, table := range []string{"businesses", "deals", "organisations", "events", "agreements", "audit_entries", "deal_rollup", "national_rollup", "users", "participations", "products", "realisations", "agreement_changes"} {
			for _, inTx := range []bool{false, true} {
				system, err := db.RawCount(ctx, table, inTx)
				if err != nil {
					t.Fatal(err)
				}
				a, err := db.RawCount(asA, table, inTx)
				if err != nil {
					t.Fatal(err)
				}
				bn, err := db.RawCount(asB, table, inTx)
				if err != nil {
					t.Fatal(err)
				}
				if (a == 0 && table != "users") || a > system {
					t.Errorf("%s (transaction %v): office A sees %d of %d rows", table, inTx, a, system)
				}
				switch table {
				case "businesses":
					if bn != 1 {
						t.Errorf("businesses: office B sees %d rows without a WHERE, want its own 1", bn)
					}
				case "agreements", "agreement_changes":
					// Kalsel's agreement with Kaltim is shared with B, and
					// its history: the one row each, nothing else of A.
					if bn != 1 {
						t.Errorf("%s (transaction %v): office B sees %d rows without a WHERE, want the shared agreement's 1", table, inTx, bn)
					}
				case "users", "audit_entries":
					if bn == 0 || bn > 3 {
						t.Errorf("%s: office B sees %d rows without a WHERE, want its own few", table, bn)
					}
				default:
					if bn != 0 {
						t.Errorf("%s (transaction %v): office B sees %d rows of A without a WHERE", table, inTx, bn)
					}
				}
			}
		}
		// Writes: B's update of A's row by id changes nothing; a row
		// written into A's office from B's transaction is refused.
		if n, err := db.RawExec(asB, "UPDATE businesses SET name = 'diambil' WHERE id = ?", all[0].ID); err != nil || n != 0 {
			t.Errorf("office B updates A's business: %d rows, %v; want 0", n, err)
		}
		if n, err := db.RawExec(asB, "DELETE FROM deals"); err != nil || n != 0 {
			t.Errorf("office B deletes every deal: %d rows, %v; want 0", n, err)
		}
		if _, err := db.RawExec(asB, "UPDATE businesses SET office_id = ? WHERE id = ?", s.Office.ID, own.ID); err == nil {
			t.Error("office B moved its business into A's office")
		}
		if a, err := db.FindBusinessByID(ctx, all[0].ID); err != nil || a.Name != all[0].Name {
			t.Errorf("A's business after B's attempts: %+v, %v", a, err)
		}
		// A job of office B (no user) is scoped the same way.
		jobB := dagang.NewContextWithOffice(ctx, b.ID)
		if n, err := db.RawCount(jobB, "deals", false); err != nil || n != 0 {
			t.Errorf("a job of office B counts %d deals, %v; want 0", n, err)
		}
		// Deployment-wide work says so and sees everything.
		if n, err := db.RawCount(dagang.NewContextForDeployment(asB, "test: national count"), "businesses", true); err != nil || n != len(all)+1 {
			t.Errorf("deployment-wide count: %d, %v; want %d", n, err, len(all)+1)
		}
	})
}
