package store_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/pgtest"
	"github.com/dagang/dagang/internal/store"
)

// emptyDSNs makes an empty database on every backend: a new SQLite file,
// or a throwaway PostgreSQL schema (internal/pgtest decides whether it runs).
func emptyDSNs() map[string]func(testing.TB) string {
	return map[string]func(testing.TB) string{
		"sqlite":   func(t testing.TB) string { return filepath.Join(t.TempDir(), "old.db") },
		"postgres": pgtest.Schema,
	}
}

// firstReleaseData is what an office recorded with the first release:
// plain SQL against the schema of migration 0001.
var firstReleaseData = []string{
	`INSERT INTO provinces (code, bps_code, name, short_name, lat, lon) VALUES ('63', '63', 'Kalimantan Selatan', 'Kalsel', -3.09, 115.28), ('35', '35', 'Jawa Timur', 'Jatim', -7.54, 112.24), ('64', '64', 'Kalimantan Timur', 'Kaltim', 0.54, 116.42)`,
	`INSERT INTO regencies (code, province_code, name) VALUES ('63.04', '63', 'Kabupaten Barito Kuala')`,
	`INSERT INTO offices (id, name, home_province, created_at) VALUES (1, 'Dinas Perdagangan Kalsel', '63', '2019-01-02 09:00:00')`,
	`INSERT INTO commodities (id, slug, name, name_en, hs_code, stage, unit) VALUES (1, 'beras', 'Beras', 'Rice', '1006', 'semi', 'ton')`,
	`INSERT INTO businesses (id, office_id, name, regency_code, nib, size_class, created_at) VALUES (1, 1, 'UD Beras Unus Batola', '63.04', '9120000000001', 'kecil', '2019-01-02 09:00:00')`,
	`INSERT INTO organisations (id, office_id, name, province_code, kind, created_at) VALUES (1, 1, 'PT Pangan Jatim', '35', 'buyer', '2019-01-02 09:00:00')`,
	`INSERT INTO agreements (id, office_id, partner_province, title, stage, signed_on, created_at, updated_at) VALUES (1, 1, '35', 'Kerja sama perdagangan Kalsel–Jatim', 'signed', '2019-03-14', '2019-01-02 09:00:00', '2019-03-14 09:00:00')`,
	`INSERT INTO agreement_changes (agreement_id, from_stage, to_stage, changed_on, changed_by) VALUES (1, 'potential', 'signed', '2019-03-14', 'Staf Dinas')`,
	// Later offices on the same database: Jatim recorded the same
	// cooperation (a pair, kept as two records), and Kalsel's plan with
	// Kaltim is shared with Kaltim's office by the upgrade.
	`INSERT INTO offices (id, name, home_province, created_at) VALUES (2, 'Dinas Perdagangan Jatim', '35', '2019-01-03 09:00:00'), (3, 'Dinas Perdagangan Kaltim', '64', '2019-01-03 09:00:00')`,
	`INSERT INTO agreements (id, office_id, partner_province, title, stage, signed_on, created_at, updated_at) VALUES (2, 2, '63', 'Kerja sama perdagangan Jatim–Kalsel', 'signed', '2019-03-14', '2019-01-03 09:00:00', '2019-03-14 09:00:00'), (3, 1, '64', 'Rencana kerja sama Kalsel–Kaltim', 'potential', '', '2019-01-03 09:00:00', '2019-01-03 09:00:00')`,
	`INSERT INTO events (id, office_id, kind, name, host_province, starts_on, status, quota_matching, quota_exhibitor, created_at) VALUES (1, 1, 'trade_mission', 'Misi Dagang Jawa Timur 2019', '35', '2019-07-10', 'held', 20, 5, '2019-01-02 09:00:00')`,
	`INSERT INTO deals (id, office_id, event_id, direction, business_id, counterpart_id, commodity_id, volume, unit, value_idr, stage, deal_date, note, created_at, updated_at) VALUES (1, 1, 1, 'sell', 1, 1, 1, 120, 'ton', 1500000000, 'contract', '2019-07-10', 'beras premium untuk Surabaya', '2019-07-10 10:00:00', '2019-07-10 10:00:00')`,
	`INSERT INTO users (id, office_id, email, name, role, password_hash, created_at) VALUES (1, 1, 'staf@kalsel.example', 'Staf Dinas', 'staff', 'argon2id$old', '2019-01-02 09:00:00')`,
	`INSERT INTO audit_entries (office_id, at, user_id, actor, entity, entity_id, action, old_value, new_value) VALUES (1, '2019-07-10 10:00:00', 1, 'staf@kalsel.example', 'deal', 1, 'create', '', 'Rp1.500.000.000')`,
}

// TestUpgradeFromFirstRelease opens a database of the first release with
// today's store: every migration runs, and the old records are intact and
// usable (found, searched, changed and audited).
func TestUpgradeFromFirstRelease(t *testing.T) {
	for name, newDSN := range emptyDSNs() {
		t.Run(name, func(t *testing.T) {
			dsn := newDSN(t)
			ctx := context.Background()
			old, err := store.OpenFirstRelease(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range firstReleaseData {
				if _, err := old.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			if name == "postgres" {
				// Explicit ids leave the identities behind, as a restore would.
				for _, tb := range []string{"offices", "commodities", "businesses", "organisations", "agreements", "events", "deals", "users"} {
					if _, err := old.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence('"+tb+"', 'id'), (SELECT MAX(id) FROM "+tb+"))"); err != nil {
						t.Fatal(err)
					}
				}
			}
			old.Close()

			db, err := store.Open(ctx, dsn, store.Options{Now: func() time.Time { return fixedNow }})
			if err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			defer db.Close()
			if err := db.Ready(ctx); err != nil {
				t.Fatalf("after the upgrade: %v", err)
			}
			d, err := db.FindDealByID(ctx, 1)
			if err != nil {
				t.Fatal(err)
			}
			got := []any{d.ValueIDR, d.Stage, d.DealDate.String(), d.Note, d.BusinessID, d.CounterpartID, d.EventID}
			want := []any{int64(1500000000), dagang.DealContract, "2019-07-10", "beras premium untuk Surabaya", int64(1), int64(1), int64(1)}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("deal after upgrade (-want +got):\n%s", diff)
			}
			a, err := db.FindAgreementByID(ctx, 1)
			if err != nil || a.Stage != dagang.AgreementSigned || a.SignedOn.String() != "2019-03-14" || len(a.History) != 1 || a.History[0].OfficeID != 1 {
				t.Errorf("agreement after upgrade: %+v, %v", a, err)
			}
			// The pair Kalsel and Jatim recorded of each other stays two
			// records; Kalsel's plan with Kaltim is shared with Kaltim.
			for id, want := range map[int64]int64{1: 0, 2: 0, 3: 3} {
				a, err := db.FindAgreementByID(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				if a.PartnerOfficeID != want {
					t.Errorf("agreement %d after upgrade: shared with office %d, want %d", id, a.PartnerOfficeID, want)
				}
			}
			u, hash, err := db.FindCredentials(ctx, "staf@kalsel.example")
			if err != nil || u.Role != dagang.UserStaff || hash != "argon2id$old" {
				t.Errorf("user after upgrade: %+v %q %v", u, hash, err)
			}
			// The search index of later releases covers the old records.
			ds, n, err := db.FindDeals(ctx, dagang.DealFilter{OfficeID: 1, ListOptions: dagang.ListOptions{Query: "premium surabaya"}})
			if err != nil || n != 1 || ds[0].ID != 1 {
				t.Errorf("search after upgrade: %d deals, %v", n, err)
			}
			// Usable: a change is stored and audited next to the old entry.
			d.Note = "beras premium, dikirim bertahap"
			if err := db.UpdateDeal(ctx, d, dagang.Change{}, true); err != nil {
				t.Fatalf("update after upgrade: %v", err)
			}
			es, n, err := db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: 1, Entity: "deal", EntityID: 1})
			if err != nil || n != 2 {
				t.Fatalf("audit after upgrade: %d entries, %v", n, err)
			}
			var actions []string
			for _, e := range es {
				actions = append(actions, e.Action)
			}
			if !strings.Contains(strings.Join(actions, ","), "create") {
				t.Errorf("the first release's audit entry is gone: %v", actions)
			}
			// A new record gets a fresh id after the old ones (a copy of
			// the first deal, stored with force: it looks like it).
			nd := *d
			nd.ID, nd.Note = 0, "transaksi baru"
			if err := db.CreateDeal(ctx, &nd, true); err != nil || nd.ID <= 1 {
				t.Errorf("create after upgrade: id %d, %v", nd.ID, err)
			}
		})
	}
}

// TestAuditAppendOnly: the store has no way to change or remove an audit
// entry, and the database refuses one sent by hand (migration 0013).
func TestAuditAppendOnly(t *testing.T) {
	ty := reflect.TypeOf(&store.DB{})
	for i := range ty.NumMethod() {
		if m := ty.Method(i).Name; strings.Contains(m, "Audit") && m != "FindAuditEntries" {
			t.Errorf("the store offers %s: audit entries are only ever added, by the change they record", m)
		}
	}
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		raw := store.RawDB(db)
		if _, err := raw.ExecContext(ctx, `INSERT INTO audit_entries (office_id, at, actor, entity, entity_id, action) VALUES (1, '2019-01-02 09:00:00', 'x', 'deal', 1, 'create')`); err != nil {
			t.Fatalf("insert: %v", err)
		}
		for _, q := range []string{
			`UPDATE audit_entries SET action = 'delete'`,
			`DELETE FROM audit_entries`,
		} {
			if _, err := raw.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v, want refused as append-only", q, err)
			}
		}
		if db.Dialect() == "postgres" {
			if _, err := raw.ExecContext(ctx, `TRUNCATE audit_entries`); err == nil {
				t.Errorf("TRUNCATE audit_entries was allowed")
			}
		}
		var n int
		if err := raw.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_entries WHERE action = 'create'`).Scan(&n); err != nil || n != 1 {
			t.Errorf("audit entries after the refused changes: %d, %v", n, err)
		}
	})
}
