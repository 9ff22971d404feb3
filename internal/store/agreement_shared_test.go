package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
)

// TestAgreementShared: Kalsel's (the demo office's) agreement with Kaltim
// becomes one record with Kaltim's office once that office joins. Both
// offices see it and move it; neither can make it signed alone: each
// records its own signature, and the second one moves it to signed. Every
// step names its office; a stale version is refused; Kaltim changes
// nothing but the stage and its signature, and an unrelated office sees
// and changes nothing (on PostgreSQL, with the application's filter off,
// too). An agreement with a province without an office works as before.
func TestAgreementShared(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		kaltim, bali, asA, asK, asBali := partnerOffices(t, db, s)
		// A second office of Kaltim (a city's) takes nothing over.
		if err := db.CreateOffice(ctx, &dagang.Office{Name: "Dinas Perdagangan Kota Samarinda", HomeProvince: "64"}); err != nil {
			t.Fatal(err)
		}

		mine, _, err := db.FindAgreements(asA, dagang.AgreementFilter{OfficeID: s.Office.ID})
		if err != nil {
			t.Fatal(err)
		}
		var shared, sulsel *dagang.Agreement
		for _, a := range mine {
			switch a.PartnerProvince {
			case "64":
				shared = a
			case "73":
				sulsel = a
			default:
				if a.Shared() {
					t.Errorf("Kalsel's agreement with %s is shared with office %d", a.PartnerProvince, a.PartnerOfficeID)
				}
			}
		}
		if shared == nil || shared.PartnerOfficeID != kaltim.ID || shared.HomeProvince != "63" || sulsel == nil || sulsel.Shared() {
			t.Fatalf("Kalsel's agreements with Kaltim %+v and Sulsel %+v: want the first shared with Kaltim's office, the second not", shared, sulsel)
		}

		// Kaltim's list holds the shared agreement, with Kalsel as its
		// partner province; Bali's nothing.
		for _, c := range []struct {
			prov string
			want int
		}{{"", 1}, {"63", 1}, {"64", 0}} {
			got, n, err := db.FindAgreements(asK, dagang.AgreementFilter{OfficeID: kaltim.ID, PartnerProvince: c.prov})
			if err != nil || n != c.want || len(got) != c.want || (c.want == 1 && (got[0].ID != shared.ID || got[0].Other(kaltim.ID) != "63")) {
				t.Errorf("Kaltim's agreements with province %q: %d (total %d), %v; want %d", c.prov, len(got), n, err, c.want)
			}
		}
		if got, n, err := db.FindAgreements(asBali, dagang.AgreementFilter{OfficeID: bali.ID}); err != nil || n != 0 || len(got) != 0 {
			t.Errorf("Bali's agreements: %d (total %d), %v; want none", len(got), n, err)
		}

		// Kaltim moves it into talks: its step, in its office's name.
		moved, err := db.MoveAgreement(asK, shared.ID, shared.Version, dagang.AgreementExploring, dagang.MustDate("2019-02-11"), "penjajakan dimulai")
		if err != nil {
			t.Fatal(err)
		}
		if h := moved.History[len(moved.History)-1]; h.OfficeID != kaltim.ID || h.Office != kaltim.Name || h.By != "Admin Kaltim" || h.ToStage != dagang.AgreementExploring {
			t.Errorf("Kaltim's step in the history: %+v", h)
		}
		if first := moved.History[0]; first.OfficeID != s.Office.ID {
			t.Errorf("the first step is not Kalsel's: %+v", first)
		}
		// Kalsel's stale version is refused, never silently overwritten.
		if _, err := db.MoveAgreement(asA, shared.ID, shared.Version, dagang.AgreementPotential, dagang.MustDate("2019-02-12"), ""); dagang.ErrorCode(err) != dagang.ECONFLICT {
			t.Errorf("Kalsel moves the version Kaltim changed: %v, want a conflict", err)
		}
		if _, err := db.SignAgreement(asA, shared.ID, shared.Version, dagang.AgreementSigning{Signatory: "Kepala Disdag Kalsel", SignedOn: dagang.MustDate("2019-03-25")}); dagang.ErrorCode(err) != dagang.ECONFLICT {
			t.Errorf("Kalsel signs the version Kaltim changed: %v, want a conflict", err)
		}
		// Neither office makes it signed alone.
		for who, c := range map[string]context.Context{"Kalsel": asA, "Kaltim": asK} {
			if _, err := db.MoveAgreement(c, shared.ID, 0, dagang.AgreementSigned, dagang.MustDate("2019-03-01"), ""); !hasField(err, "stage") || !strings.Contains(err.Error(), kaltim.Name) {
				t.Errorf("%s moves the unsigned shared agreement to signed: %v, want a refusal naming stage and the offices it waits for", who, err)
			}
		}
		if _, err := db.SignAgreement(asA, shared.ID, 0, dagang.AgreementSigning{SignedOn: dagang.MustDate("2019-03-25")}); !hasField(err, "signatory") {
			t.Errorf("a signature without its signatory: %v, want a refusal naming signatory", err)
		}
		if _, err := db.SignAgreement(asA, shared.ID, 0, dagang.AgreementSigning{Signatory: "Kepala Disdag Kalsel"}); !hasField(err, "signed_on") {
			t.Errorf("a signature without its date: %v, want a refusal naming signed_on", err)
		}
		one, err := db.SignAgreement(asA, shared.ID, moved.Version, dagang.AgreementSigning{Signatory: "Kepala Disdag Kalsel", SignedOn: dagang.MustDate("2019-03-25")})
		if err != nil {
			t.Fatal(err)
		}
		if one.Stage != dagang.AgreementExploring || one.AwaitingSignature() != kaltim.ID || one.SignedByBoth() || len(one.Signatures) != 1 {
			t.Errorf("after Kalsel's signature: %+v, want still in talks, waiting for Kaltim", one)
		}
		if _, err := db.MoveAgreement(asA, shared.ID, 0, dagang.AgreementActive, dagang.MustDate("2019-03-26"), ""); !hasField(err, "stage") {
			t.Errorf("Kalsel makes the agreement active on its signature alone: %v, want a refusal naming stage", err)
		}
		both, err := db.SignAgreement(asK, shared.ID, one.Version, dagang.AgreementSigning{Signatory: "Kepala Disdag Kaltim", SignedOn: dagang.MustDate("2019-03-28")})
		if err != nil {
			t.Fatal(err)
		}
		if both.Stage != dagang.AgreementSigned || !both.SignedByBoth() || both.SignedOn != dagang.MustDate("2019-03-28") || both.AwaitingSignature() != 0 {
			t.Errorf("after both signatures: stage %s, signed on %s, %+v", both.Stage, both.SignedOn, both.Signatures)
		}
		if h := both.History[len(both.History)-1]; h.OfficeID != kaltim.ID || h.FromStage != dagang.AgreementExploring || h.ToStage != dagang.AgreementSigned || h.On != dagang.MustDate("2019-03-28") {
			t.Errorf("the signing in the history: %+v", h)
		}
		got, err := db.FindAgreementByID(asA, shared.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Signatures) != 2 || got.Signatures[0].OfficeID != s.Office.ID || got.Signatures[0].Office != s.Office.Name || got.Signatures[0].RecordedBy != "Staf Kalsel" ||
			got.Signatures[1].OfficeID != kaltim.ID || got.Signatures[1].Signatory != "Kepala Disdag Kaltim" || got.Version != both.Version || len(got.History) != 3 {
			t.Errorf("Kalsel reads the shared agreement: %+v", got)
		}
		// Each office's report lists the agreement from its side; the
		// partner office's without Kalsel's reason. Kalsel's 2019 target of
		// new partners counts Kaltim.
		for _, c := range []struct {
			ctx            context.Context
			office         int64
			prov           string
			reason, target bool
		}{{asA, s.Office.ID, "64", true, true}, {asK, kaltim.ID, "63", false, false}} {
			sum, err := db.Summary(c.ctx, c.office, 2019)
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, p := range sum.Partners {
				if p.ProvinceCode == c.prov {
					found = p.Stage == dagang.AgreementSigned && (p.Reason != "") == c.reason
				}
			}
			if !found {
				t.Errorf("office %d's report: partners %+v, want %s signed (reason shown: %v)", c.office, sum.Partners, c.prov, c.reason)
			}
			for _, tg := range sum.Targets {
				if tg.Kind == dagang.TargetNewPartners && c.target && tg.Actual != 1 {
					t.Errorf("Kalsel's 2019 new partners: %d, want 1 (Kaltim)", tg.Actual)
				}
			}
		}
		// Each office audits its own steps.
		for _, c := range []struct {
			ctx    context.Context
			office int64
			want   []string
		}{{asK, kaltim.ID, []string{"move", "sign"}}, {asA, s.Office.ID, []string{"create", "sign"}}} {
			entries, _, err := db.FindAuditEntries(c.ctx, dagang.AuditFilter{OfficeID: c.office, Entity: "agreement", EntityID: shared.ID})
			var actions []string
			for _, e := range entries {
				actions = append(actions, e.Action)
			}
			if err != nil || strings.Join(slices.Sorted(slices.Values(actions)), ",") != strings.Join(c.want, ",") {
				t.Errorf("audit of office %d: %v, %v; want %v", c.office, actions, err, c.want)
			}
		}

		// Kaltim moves the stage, not the fields; Bali nothing at all.
		steal := *got
		steal.Title = "diambil"
		if err := db.UpdateAgreement(asK, &steal, dagang.Change{Fields: []string{"title"}}); dagang.ErrorCode(err) != dagang.EFORBIDDEN {
			t.Errorf("Kaltim changes Kalsel's title: %v, want forbidden", err)
		}
		if err := db.UpdateAgreement(asBali, &steal, dagang.Change{Fields: []string{"title"}}); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("Bali changes the title: %v, want not found", err)
		}
		if _, err := db.MoveAgreement(asBali, shared.ID, 0, dagang.AgreementExpired, dagang.MustDate("2019-04-01"), ""); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("Bali moves the agreement: %v, want not found", err)
		}
		if _, err := db.SignAgreement(asBali, shared.ID, 0, dagang.AgreementSigning{Signatory: "x", SignedOn: dagang.MustDate("2019-04-01")}); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("Bali signs the agreement: %v, want not found", err)
		}
		// A signed agreement keeps its partner.
		move := dagang.Agreement{}
		move.ID, move.OfficeID, move.PartnerProvince = shared.ID, s.Office.ID, "51"
		if err := db.UpdateAgreement(asA, &move, dagang.Change{Fields: []string{"partner_province_code"}}); !hasField(err, "partner_province_code") {
			t.Errorf("Kalsel passes the signed agreement on to Bali: %v, want a refusal naming partner_province_code", err)
		}
		// Kalsel's own fields, with the record sent back as read.
		got.Title = "Kerja sama perdagangan Kalimantan Selatan – Kalimantan Timur"
		if err := db.UpdateAgreement(asA, got, dagang.Change{Version: both.Version, Fields: []string{"title", "partner_office_id", "signatures", "home_province_code", "history"}}); err != nil {
			t.Errorf("Kalsel changes its title, sending the record back: %v", err)
		}

		// Another cooperation with a partner on the deployment starts in
		// talks; Kaltim's own record of the one Kalsel shares is refused.
		if err := db.CreateAgreement(asA, &dagang.Agreement{OfficeID: s.Office.ID, PartnerProvince: "51", Title: "Kalsel – Bali", Stage: dagang.AgreementSigned, SignedOn: dagang.MustDate("2019-05-01")}); !hasField(err, "stage") {
			t.Errorf("a shared agreement recorded as signed: %v, want a refusal naming stage", err)
		}
		withBali := &dagang.Agreement{OfficeID: s.Office.ID, PartnerProvince: "51", Title: "Kalsel – Bali", Stage: dagang.AgreementPotential}
		if err := db.CreateAgreement(asA, withBali); err != nil || withBali.PartnerOfficeID != bali.ID {
			t.Errorf("Kalsel's agreement with Bali: shared with %d, %v; want Bali's office", withBali.PartnerOfficeID, err)
		}
		if err := db.CreateAgreement(asK, &dagang.Agreement{OfficeID: kaltim.ID, PartnerProvince: "63", Title: "Kaltim – Kalsel", Stage: dagang.AgreementExploring}); !hasField(err, "partner_province_code") {
			t.Errorf("Kaltim records Kalsel's shared agreement again: %v, want a refusal naming partner_province_code", err)
		}

		// Without a partner office, as before: no signatures, the move
		// signs it.
		if _, err := db.SignAgreement(asA, sulsel.ID, 0, dagang.AgreementSigning{Signatory: "Kepala Disdag Kalsel", SignedOn: dagang.MustDate("2019-06-01")}); !hasField(err, "signatory") || dagang.ErrorCode(err) != dagang.ECONFLICT {
			t.Errorf("a signature of an agreement not shared: %v, want a conflict naming signatory", err)
		}
		if a, err := db.MoveAgreement(asA, sulsel.ID, 0, dagang.AgreementSigned, dagang.MustDate("2019-06-01"), ""); err != nil || a.SignedOn != dagang.MustDate("2019-06-01") || a.History[len(a.History)-1].OfficeID != s.Office.ID {
			t.Errorf("Kalsel signs its agreement with Sulsel by the move: %+v, %v", a, err)
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
			{"Kaltim", asK, "agreements", 1},
			{"Kaltim", asK, "agreement_changes", 3},
			{"Kaltim", asK, "agreement_signatures", 2},
			{"Kaltim", asK, "agreement_documents", 0},
			{"Bali", asBali, "agreements", 1}, // Kalsel's new one with Bali
			{"Bali", asBali, "agreement_signatures", 0},
		} {
			if n, err := db.RawCount(c.ctx, c.table, true); err != nil || n != c.want {
				t.Errorf("%s counts %d %s without a WHERE, %v; want %d", c.who, n, c.table, err, c.want)
			}
		}
		if _, err := db.RawExec(asK, "UPDATE agreements SET title = 'diambil' WHERE id = ?", shared.ID); err == nil {
			t.Error("the database let Kaltim change the title of Kalsel's agreement")
		}
		if _, err := db.RawExec(asK, "UPDATE agreements SET partner_office_id = ? WHERE id = ?", bali.ID, shared.ID); err == nil {
			t.Error("the database let Kaltim pass the shared agreement on to Bali")
		}
		if n, err := db.RawExec(asK, "UPDATE agreements SET stage = 'active' WHERE id = ?", shared.ID); err != nil || n != 1 {
			t.Errorf("Kaltim moves the stage in SQL: %d rows, %v; want 1", n, err)
		}
		if n, err := db.RawExec(asBali, "UPDATE agreements SET stage = 'expired' WHERE id = ?", shared.ID); err != nil || n != 0 {
			t.Errorf("Bali moves the shared agreement in SQL: %d rows, %v; want 0", n, err)
		}
		if n, err := db.RawExec(asK, "DELETE FROM agreement_signatures WHERE office_id = ?", s.Office.ID); err != nil || n != 0 {
			t.Errorf("Kaltim deletes Kalsel's signature in SQL: %d rows, %v; want 0", n, err)
		}
		if _, err := db.RawExec(asK, "INSERT INTO agreement_signatures (agreement_id, office_id, signatory, signed_on, recorded_by, recorded_at) VALUES (?, ?, 'x', '2019-01-01', 'x', NOW())", sulsel.ID, kaltim.ID); err == nil {
			t.Error("the database let Kaltim sign Kalsel's agreement with Sulsel, which it cannot see")
		}
		if _, err := db.RawExec(asBali, "INSERT INTO agreement_signatures (agreement_id, office_id, signatory, signed_on, recorded_by, recorded_at) VALUES (?, ?, 'x', '2019-01-01', 'x', NOW())", withBali.ID, s.Office.ID); err == nil {
			t.Error("the database let Bali sign in Kalsel's name")
		}
	})
}
