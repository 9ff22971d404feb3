package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
)

// The rules suite: each rule of docs/rules.md, broken through the store's
// one door of its entity, on SQLite and PostgreSQL. A refusal must carry
// the rule's code and field and leave the database exactly as it was
// (every table's row count, and the record the write aimed at).

// rulesWorld is a small office: Kalsel (63) at home, one regency at home
// (63.71) and one in Jawa Timur (35.78), a commodity, a business with a
// NIB, a partner organisation, an event, a deal of 100 ton for Rp1 miliar
// and a first follow-up.
type rulesWorld struct {
	office   *dagang.Office
	rice     *dagang.Commodity
	business *dagang.Business
	other    *dagang.Business // a second business with a NIB of its own
	org      *dagang.Organisation
	event    *dagang.Event
	deal     *dagang.Deal
	agree    *dagang.Agreement
	// foreign is a business of a second office, the Jawa Timur one,
	// registered in its own regency 35.78.
	foreign *dagang.Business
}

func newRulesWorld(t *testing.T, ctx context.Context, db *store.DB) *rulesWorld {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.LoadRegions(ctx, []*dagang.Province{
		{Code: "63", BPSCode: "63", Name: "Kalimantan Selatan", ShortName: "Kalsel"},
		{Code: "35", BPSCode: "35", Name: "Jawa Timur", ShortName: "Jatim"},
	}, []*dagang.Regency{
		{Code: "63.71", ProvinceCode: "63", Name: "Kota Banjarmasin"},
		{Code: "35.78", ProvinceCode: "35", Name: "Kota Surabaya"},
	}))
	w := &rulesWorld{office: &dagang.Office{Name: "Dinas Perdagangan Kalsel", HomeProvince: "63"}}
	must(db.CreateOffice(ctx, w.office))
	w.rice = &dagang.Commodity{Slug: "beras", Name: "Beras", NameEN: "Rice", HSCode: "100630", Stage: dagang.StageSemi, Unit: "ton"}
	must(db.CreateCommodity(ctx, w.rice))
	w.business = &dagang.Business{OfficeID: w.office.ID, Name: "UD Beras Banua", RegencyCode: "63.71", NIB: "9120000000001", Size: dagang.SizeSmall,
		Products: []dagang.Product{{CommodityID: w.rice.ID, MonthlyCapacity: 40, Unit: "ton"}}}
	must(db.CreateBusiness(ctx, w.business))
	w.other = &dagang.Business{OfficeID: w.office.ID, Name: "CV Kemiri Hulu", RegencyCode: "63.71", NIB: "9120000000002", Size: dagang.SizeMicro}
	must(db.CreateBusiness(ctx, w.other))
	w.org = &dagang.Organisation{OfficeID: w.office.ID, Name: "PT Pangan Jatim", ProvinceCode: "35", Kind: dagang.OrgBuyer}
	must(db.CreateOrganisation(ctx, w.org))
	w.event = &dagang.Event{OfficeID: w.office.ID, Kind: dagang.EventTradeMission, Name: "Misi Dagang Jatim", HostProvince: "35", StartsOn: dagang.MustDate("2019-07-10")}
	must(db.CreateEvent(ctx, w.event))
	w.deal = &dagang.Deal{OfficeID: w.office.ID, EventID: w.event.ID, Direction: dagang.DirectionSell, BusinessID: w.business.ID, CounterpartID: w.org.ID,
		CommodityID: w.rice.ID, Volume: 100, Unit: "ton", ValueIDR: 1_000_000_000, Stage: dagang.DealContract, DealDate: dagang.MustDate("2019-07-10")}
	must(db.CreateDeal(ctx, w.deal, false))
	must(db.CreateRealisation(ctx, &dagang.Realisation{DealID: w.deal.ID, ReportedOn: dagang.MustDate("2019-10-10"), DeliveredVolume: 50, PaidIDR: 500_000_000}))
	w.agree = &dagang.Agreement{OfficeID: w.office.ID, PartnerProvince: "35", Title: "Kerja sama Kalsel–Jatim", Stage: dagang.AgreementExploring}
	must(db.CreateAgreement(ctx, w.agree))
	jatim := &dagang.Office{Name: "Dinas Perdagangan Jatim", HomeProvince: "35"}
	must(db.CreateOffice(ctx, jatim))
	w.foreign = &dagang.Business{OfficeID: jatim.ID, Name: "UD Surabaya Jaya", RegencyCode: "35.78", NIB: w.business.NIB, Size: dagang.SizeSmall}
	must(db.CreateBusiness(ctx, w.foreign)) // the same NIB in another office is another register
	return w
}

// rulesState is what a refusal must leave untouched: every table's row
// count and the records the rules aim at.
type rulesState struct {
	Counts   map[string]int64
	Business *dagang.Business
	Other    *dagang.Business
	Org      *dagang.Organisation
	Event    *dagang.Event
	Deal     *dagang.Deal
	Agree    *dagang.Agreement
}

func (w *rulesWorld) state(t *testing.T, ctx context.Context, db *store.DB) rulesState {
	t.Helper()
	var s rulesState
	var err error
	check := func(e error) {
		t.Helper()
		if e != nil {
			t.Fatal(e)
		}
	}
	s.Counts, err = db.RowCounts(ctx)
	check(err)
	s.Business, err = db.FindBusinessByID(ctx, w.business.ID)
	check(err)
	s.Other, err = db.FindBusinessByID(ctx, w.other.ID)
	check(err)
	s.Org, err = db.FindOrganisationByID(ctx, w.org.ID)
	check(err)
	s.Event, err = db.FindEventByID(ctx, w.event.ID)
	check(err)
	s.Deal, err = db.FindDealByID(ctx, w.deal.ID)
	check(err)
	s.Agree, err = db.FindAgreementByID(ctx, w.agree.ID)
	check(err)
	return s
}

// ruleCase breaks one rule through one path.
type ruleCase struct {
	name  string // the test name docs/rules.md cites: TestRules/<backend>/<name>
	do    func(ctx context.Context, db *store.DB, w *rulesWorld) error
	code  string
	field string
	says  string // a word the Indonesian message must hold, when not empty
}

func (w *rulesWorld) newBusiness(mod func(b *dagang.Business)) *dagang.Business {
	b := &dagang.Business{OfficeID: w.office.ID, Name: "CV Kayu Manis Banua", RegencyCode: "63.71", Size: dagang.SizeMicro}
	mod(b)
	return b
}

func (w *rulesWorld) storedBusiness(ctx context.Context, db *store.DB, mod func(b *dagang.Business)) (*dagang.Business, error) {
	b, err := db.FindBusinessByID(ctx, w.business.ID)
	if err != nil {
		return nil, err
	}
	mod(b)
	return b, nil
}

var ruleCases = []ruleCase{
	// Text: no control characters in names and free text.
	{name: "text/business-name-NUL", code: dagang.EINVALID, field: "name", says: "U+0000", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.CreateBusiness(ctx, w.newBusiness(func(b *dagang.Business) { b.Name = "UD Nul\x00" }))
	}},
	{name: "text/organisation-name-BEL", code: dagang.EINVALID, field: "name", says: "U+0007", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.CreateOrganisation(ctx, &dagang.Organisation{OfficeID: w.office.ID, Name: "PT \aBel", ProvinceCode: "35", Kind: dagang.OrgBuyer})
	}},
	{name: "text/organisation-name-BEL/import", code: dagang.EINVALID, field: "[0].name", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.ImportOrganisations(ctx, w.office.ID, []*dagang.Organisation{{Name: "PT \aBel", ProvinceCode: "35", Kind: dagang.OrgBuyer}}, "mitra.csv", nil)
	}},
	{name: "text/api-token-name-ESC", code: dagang.EINVALID, field: "name", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.CreateAPIToken(ctx, &dagang.APIToken{UserID: 1, Name: "skrip \x1b[2J", Hash: strings.Repeat("a", 64)})
	}},
	{name: "text/event-name-newline", code: dagang.EINVALID, field: "name", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		e := *w.event
		e.Name = "Misi\nDagang"
		return db.UpdateEvent(ctx, &e, dagang.Change{})
	}},
	{name: "text/deal-note-ESC", code: dagang.EINVALID, field: "note", says: "U+001B", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		x, err := db.FindDealByID(ctx, w.deal.ID)
		if err != nil {
			return err
		}
		x.Note = "baris satu\nbaris \x1b[31mdua"
		return db.UpdateDeal(ctx, x, dagang.Change{}, false)
	}},
	{name: "text/product-description-DEL", code: dagang.EINVALID, field: "products[0].description", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		b, err := w.storedBusiness(ctx, db, func(b *dagang.Business) { b.Products[0].Description = "beras\x7f" })
		if err != nil {
			return err
		}
		return db.UpdateBusiness(ctx, b, dagang.Change{})
	}},
	{name: "text/agreement-title-C1", code: dagang.EINVALID, field: "title", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		a := *w.agree
		a.Title = "Kerja \u0085 sama"
		return db.UpdateAgreement(ctx, &a, dagang.Change{})
	}},
	{name: "text/agreement-move-note-NUL", code: dagang.EINVALID, field: "note", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		_, err := db.MoveAgreement(ctx, w.agree.ID, 0, dagang.AgreementSigned, dagang.MustDate("2019-08-01"), "ditandatangani\x00")
		return err
	}},
	{name: "text/realisation-note-BEL", code: dagang.EINVALID, field: "note", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.CreateRealisation(ctx, &dagang.Realisation{DealID: w.deal.ID, ReportedOn: dagang.MustDate("2019-11-10"), DeliveredVolume: 60, Note: "\a"})
	}},

	// Business: a regency of the home province.
	{name: "business/regency-other-province/create", code: dagang.EINVALID, field: "regency_code", says: "35.78", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.CreateBusiness(ctx, w.newBusiness(func(b *dagang.Business) { b.RegencyCode = "35.78" }))
	}},
	{name: "business/regency-other-province/update", code: dagang.EINVALID, field: "regency_code", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		b, err := w.storedBusiness(ctx, db, func(b *dagang.Business) { b.RegencyCode = "35.78" })
		if err != nil {
			return err
		}
		return db.UpdateBusiness(ctx, b, dagang.Change{})
	}},
	{name: "business/regency-other-province/import", code: dagang.EINVALID, field: "[1].regency_code", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.ImportBusinesses(ctx, w.office.ID, []*dagang.Business{
			w.newBusiness(func(b *dagang.Business) {}),
			w.newBusiness(func(b *dagang.Business) { b.Name, b.RegencyCode = "UD Surabaya", "35.78" }),
		}, "usaha.csv", nil)
	}},

	// Business: one NIB per business in an office.
	{name: "business/nib-unique/create", code: dagang.ECONFLICT, field: "nib", says: "UD Beras Banua", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.CreateBusiness(ctx, w.newBusiness(func(b *dagang.Business) { b.NIB = w.business.NIB }))
	}},
	{name: "business/nib-unique/update", code: dagang.ECONFLICT, field: "nib", says: "UD Beras Banua", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		b, err := db.FindBusinessByID(ctx, w.other.ID)
		if err != nil {
			return err
		}
		b.NIB = w.business.NIB
		return db.UpdateBusiness(ctx, b, dagang.Change{})
	}},
	{name: "business/nib-unique/import-stored", code: dagang.ECONFLICT, field: "[0].nib", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.ImportBusinesses(ctx, w.office.ID, []*dagang.Business{w.newBusiness(func(b *dagang.Business) { b.NIB = w.business.NIB })}, "usaha.csv", nil)
	}},
	{name: "business/nib-unique/import-same-file", code: dagang.ECONFLICT, field: "[1].nib", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.ImportBusinesses(ctx, w.office.ID, []*dagang.Business{
			w.newBusiness(func(b *dagang.Business) { b.NIB = "9120000000009" }),
			w.newBusiness(func(b *dagang.Business) { b.Name, b.NIB = "UD Kembar", "9120000000009" }),
		}, "usaha.csv", nil)
	}},

	// A record refers only to records of its own office.
	{name: "office/deal-business-of-another-office", code: dagang.EINVALID, field: "business_id", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		x := *w.deal
		x.ID, x.BusinessID = 0, w.foreign.ID
		return db.CreateDeal(ctx, &x, true)
	}},
	{name: "office/listing-business-of-another-office", code: dagang.EINVALID, field: "business_id", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.CreateListing(ctx, &dagang.Listing{OfficeID: w.office.ID, Kind: dagang.ListingOffer, BusinessID: w.foreign.ID, CommodityID: w.rice.ID})
	}},
	{name: "office/participation-business-of-another-office", code: dagang.EINVALID, field: "business_id", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.CreateParticipation(ctx, &dagang.Participation{EventID: w.event.ID, Role: dagang.RoleMatching, BusinessID: w.foreign.ID})
	}},

	// Deletes refuse to orphan what refers to the record.
	{name: "business/delete-with-deals", code: dagang.ECONFLICT, says: "1 transaksi", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.DeleteBusiness(ctx, w.business.ID, 0)
	}},
	{name: "organisation/delete-with-deals", code: dagang.ECONFLICT, says: "1 transaksi", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.DeleteOrganisation(ctx, w.org.ID, 0)
	}},
	{name: "event/delete-with-deals", code: dagang.ECONFLICT, says: "1 transaksi", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.DeleteEvent(ctx, w.event.ID, 0)
	}},

	// Events: a new event is planned; the status moves one step at a time.
	{name: "event/create-not-planned", code: dagang.EINVALID, field: "status", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		e := *w.event
		e.ID, e.Status = 0, dagang.EventClosed
		return db.CreateEvent(ctx, &e)
	}},
	{name: "event/update-skips-status", code: dagang.EINVALID, field: "status", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		e := *w.event
		e.Status = dagang.EventHeld
		return db.UpdateEvent(ctx, &e, dagang.Change{})
	}},
	{name: "event/move-skips-status", code: dagang.EINVALID, field: "status", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		_, err := db.MoveEvent(ctx, w.office.ID, w.event.ID, 0, dagang.EventClosed)
		return err
	}},

	// Agreements: the stage moves only through MoveAgreement, and only to
	// another stage.
	{name: "agreement/update-changes-stage", code: dagang.EINVALID, field: "stage", says: "/stage", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		a := *w.agree
		a.Stage, a.Title = dagang.AgreementActive, "Judul baru"
		return db.UpdateAgreement(ctx, &a, dagang.Change{})
	}},
	{name: "agreement/move-to-same-stage", code: dagang.ECONFLICT, field: "stage", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		_, err := db.MoveAgreement(ctx, w.agree.ID, 0, dagang.AgreementExploring, dagang.MustDate("2019-08-01"), "")
		return err
	}},

	// Realisations stay within their deal.
	{name: "realisation/before-deal-date", code: dagang.EINVALID, field: "reported_on", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.CreateRealisation(ctx, &dagang.Realisation{DealID: w.deal.ID, ReportedOn: dagang.MustDate("2019-07-09"), DeliveredVolume: 10})
	}},
	{name: "realisation/volume-over-deal", code: dagang.EINVALID, field: "delivered_volume", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.CreateRealisation(ctx, &dagang.Realisation{DealID: w.deal.ID, ReportedOn: dagang.MustDate("2019-12-10"), DeliveredVolume: 100_000})
	}},
	{name: "realisation/value-over-deal", code: dagang.EINVALID, field: "paid_idr", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		return db.CreateRealisation(ctx, &dagang.Realisation{DealID: w.deal.ID, ReportedOn: dagang.MustDate("2019-12-10"), DeliveredVolume: 100, PaidIDR: 1_000_000_000_000})
	}},
	{name: "deal/shrink-below-realisation", code: dagang.EINVALID, field: "volume", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		x, err := db.FindDealByID(ctx, w.deal.ID)
		if err != nil {
			return err
		}
		x.Volume = 10
		return db.UpdateDeal(ctx, x, dagang.Change{}, false)
	}},
	{name: "deal/date-after-realisation", code: dagang.EINVALID, field: "deal_date", do: func(ctx context.Context, db *store.DB, w *rulesWorld) error {
		x, err := db.FindDealByID(ctx, w.deal.ID)
		if err != nil {
			return err
		}
		x.DealDate = dagang.MustDate("2020-01-01")
		return db.UpdateDeal(ctx, x, dagang.Change{}, false)
	}},
}

// TestRules breaks every rule of ruleCases on a fresh world per backend.
func TestRules(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newRulesWorld(t, ctx, db)
		for _, c := range ruleCases {
			t.Run(c.name, func(t *testing.T) {
				before := w.state(t, ctx, db)
				err := c.do(ctx, db, w)
				wantError(t, err, c.code, c.field)
				if c.says != "" && !strings.Contains(err.Error(), c.says) {
					t.Errorf("message %q does not say %q", err.Error(), c.says)
				}
				if diff := cmp.Diff(before, w.state(t, ctx, db)); diff != "" {
					t.Errorf("the refusal changed the database (-before +after):\n%s", diff)
				}
			})
		}
	})
}

// TestRulesAllow: what the rules leave free stays free — text with tabs
// and line breaks in notes, follow-ups within the tolerance, a business
// without a NIB next to another, and edits of a deal saved with force as
// a likely duplicate.
func TestRulesAllow(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newRulesWorld(t, ctx, db)
		for _, b := range []*dagang.Business{w.newBusiness(func(*dagang.Business) {}), w.newBusiness(func(b *dagang.Business) { b.Name = "UD Tanpa NIB" })} {
			if err := db.CreateBusiness(ctx, b); err != nil {
				t.Fatalf("two businesses without a NIB: %v", err)
			}
		}
		if err := db.CreateRealisation(ctx, &dagang.Realisation{DealID: w.deal.ID, ReportedOn: dagang.MustDate("2019-07-10"), DeliveredVolume: 110, PaidIDR: 1_100_000_000,
			Note: "kiriman\tpertama\nlunas"}); err != nil {
			t.Errorf("a follow-up on the deal's day, 10%% over, with a tab and a line break: %v", err)
		}
		// A twin saved with force: later edits of either need no force.
		twin := *w.deal
		twin.ID, twin.Note = 0, "kontrak kedua, sama nilainya"
		wantError(t, db.CreateDeal(ctx, &twin, false), dagang.ECONFLICT, "force")
		if err := db.CreateDeal(ctx, &twin, true); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{w.deal.ID, twin.ID} {
			x, err := db.FindDealByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			x.Note, x.Stage = "diperbarui", dagang.DealRealised
			if err := db.UpdateDeal(ctx, x, dagang.Change{}, false); err != nil {
				t.Errorf("editing twin %d without force: %v", id, err)
			}
		}
		// Changing what makes it look alike asks again.
		x, _ := db.FindDealByID(ctx, twin.ID)
		x.ValueIDR = w.deal.ValueIDR + 1
		wantError(t, db.UpdateDeal(ctx, x, dagang.Change{}, false), dagang.ECONFLICT, "force")
		// The agreement, shared with Jatim's office, moves on once both
		// offices signed it, with one history row per real change.
		var a *dagang.Agreement
		var err error
		for _, office := range []int64{w.office.ID, w.foreign.OfficeID} {
			a, err = db.SignAgreement(dagang.NewContextWithOffice(ctx, office), w.agree.ID, 0, dagang.AgreementSigning{Signatory: "Kepala Dinas", SignedOn: dagang.MustDate("2019-08-01")})
		}
		if err != nil || a.Stage != dagang.AgreementSigned || len(a.History) != 2 {
			t.Errorf("signed by both: %v, %+v, want signed with 2 history rows", err, a)
		}
		if a, err = db.MoveAgreement(ctx, w.agree.ID, 0, dagang.AgreementActive, dagang.MustDate("2019-08-02"), ""); err != nil || len(a.History) != 3 {
			t.Errorf("move: %v, history %+v, want 3 rows", err, a)
		}
		// A business without dependants can go; its audit entry keeps it.
		free := w.newBusiness(func(b *dagang.Business) { b.Name = "UD Sementara" })
		if err := db.CreateBusiness(ctx, free); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteBusiness(ctx, free.ID, 0); err != nil {
			t.Errorf("delete a business nothing refers to: %v", err)
		}
		es, _, err := db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: w.office.ID, Entity: "business", EntityID: free.ID})
		if err != nil || len(es) != 2 || es[0].Action != "delete" || !strings.Contains(es[0].Old, "UD Sementara") {
			t.Errorf("audit of the deleted business: %+v, %v", es, err)
		}
	})
}

// TestRulesNIBMigration: a database with twin NIBs from before the rule
// upgrades (migration 0015): the oldest business keeps the NIB, the twin
// keeps its record without it and an audit entry holds the old value, and
// from then on the database itself refuses a twin.
func TestRulesNIBMigration(t *testing.T) {
	for name, newDSN := range emptyDSNs() {
		t.Run(name, func(t *testing.T) {
			dsn := newDSN(t)
			ctx := context.Background()
			old, err := store.OpenFirstRelease(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range append(firstReleaseData[:4:4],
				`INSERT INTO businesses (id, office_id, name, regency_code, nib, size_class, created_at) VALUES (1, 1, 'UD Beras Unus', '63.04', '9120000000001', 'kecil', '2019-01-02 09:00:00')`,
				`INSERT INTO businesses (id, office_id, name, regency_code, nib, size_class, created_at) VALUES (2, 1, 'UD Beras Unus (impor kedua)', '63.04', '9120000000001', 'kecil', '2019-01-03 09:00:00')`,
				`INSERT INTO businesses (id, office_id, name, regency_code, nib, size_class, created_at) VALUES (3, 1, 'UD Tanpa NIB', '63.04', '', 'mikro', '2019-01-03 09:00:00')`,
				`INSERT INTO businesses (id, office_id, name, regency_code, nib, size_class, created_at) VALUES (4, 1, 'UD Tanpa NIB Juga', '63.04', '', 'mikro', '2019-01-03 09:00:00')`,
			) {
				if _, err := old.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			old.Close()
			db, err := store.Open(ctx, dsn, store.Options{Now: func() time.Time { return fixedNow }})
			if err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			defer db.Close()
			var nibs []string
			for id := int64(1); id <= 4; id++ {
				b, err := db.FindBusinessByID(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				nibs = append(nibs, b.NIB)
			}
			if diff := cmp.Diff([]string{"9120000000001", "", "", ""}, nibs); diff != "" {
				t.Errorf("NIBs after the upgrade (-want +got):\n%s", diff)
			}
			es, _, err := db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: 1, Entity: "business", EntityID: 2})
			if err != nil || len(es) != 1 || es[0].Action != "nib_cleared" || !strings.Contains(es[0].Old, "9120000000001") {
				t.Errorf("audit of the cleared twin: %+v, %v", es, err)
			}
			_, err = store.RawDB(db).ExecContext(ctx, `INSERT INTO businesses (office_id, name, regency_code, nib, size_class, created_at) VALUES (1, 'Kembar', '63.04', '9120000000001', 'kecil', '2019-01-04 09:00:00')`)
			if err == nil {
				t.Error("the database stored a twin NIB sent by hand")
			}
		})
	}
}

// TestRulesNIBRace: writers creating businesses with the same NIB at once
// store exactly one; every other gets ECONFLICT on "nib", whether the
// store's check or the unique index stopped it.
func TestRulesNIBRace(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newRulesWorld(t, ctx, db)
		const n = 8
		errs := make(chan error, n)
		for i := range n {
			go func() {
				errs <- db.CreateBusiness(ctx, w.newBusiness(func(b *dagang.Business) { b.Name, b.NIB = fmt.Sprintf("UD Kembar %d", i), "9120000000555" }))
			}()
		}
		stored := 0
		for range n {
			err := <-errs
			if err == nil {
				stored++
				continue
			}
			wantError(t, err, dagang.ECONFLICT, "nib")
		}
		if stored != 1 {
			t.Errorf("%d businesses stored with one NIB, want 1", stored)
		}
	})
}
