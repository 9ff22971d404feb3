package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
)

func TestWriteUpdatesAndDeletes(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		oid := s.Office.ID

		// Listing: a valid change sticks, a bad reference is refused.
		l, err := db.FindListingByID(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		l.Volume, l.Description, l.OfficeID = 750, "Kebutuhan beras naik", 999
		if err := db.UpdateListing(ctx, l, dagang.Change{}); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindListingByID(ctx, 1); got.Volume != 750 || got.Description != "Kebutuhan beras naik" || got.OfficeID != oid {
			t.Errorf("listing after update: %+v", got)
		}
		bad := *l
		bad.CommodityID = 99999
		wantError(t, db.UpdateListing(ctx, &bad, dagang.Change{}), dagang.EINVALID, "commodity_id")
		bad = *l
		bad.ID = 99999
		wantError(t, db.UpdateListing(ctx, &bad, dagang.Change{}), dagang.ENOTFOUND, "")

		// Declaration.
		x, err := db.FindDeclarationByID(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		x.Statement = "Kaltim memerlukan pakan ternak"
		if err := db.UpdateDeclaration(ctx, x, dagang.Change{}); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindDeclarationByID(ctx, 1); got.Statement != x.Statement {
			t.Errorf("declaration statement = %q", got.Statement)
		}
		badX := *x
		badX.ProvinceCode = "99"
		wantError(t, db.UpdateDeclaration(ctx, &badX, dagang.Change{}), dagang.EINVALID, "province_code")
		if err := db.DeleteDeclaration(ctx, 1, 0); err != nil {
			t.Fatal(err)
		}
		wantError(t, db.DeleteDeclaration(ctx, 1, 0), dagang.ENOTFOUND, "")

		// Agreement: fields change, stage and history stay, audited.
		a, err := db.FindAgreementByID(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		history := len(a.History)
		upd := *a
		upd.Title, upd.Stage, upd.DocumentRef = "Kerja sama perdagangan Kalsel–Jatim", dagang.AgreementExpired, "No. 123/2019"
		wantError(t, db.UpdateAgreement(ctx, &upd, dagang.Change{}), dagang.EINVALID, "stage")
		upd.Stage = a.Stage
		if err := db.UpdateAgreement(ctx, &upd, dagang.Change{}); err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindAgreementByID(ctx, 1)
		if got.Title != upd.Title || got.DocumentRef != "No. 123/2019" || got.Stage != a.Stage || len(got.History) != history {
			t.Errorf("agreement after update: title %q, stage %s (was %s), history %d (was %d)", got.Title, got.Stage, a.Stage, len(got.History), history)
		}
		upd.Title = " "
		wantError(t, db.UpdateAgreement(ctx, &upd, dagang.Change{}), dagang.EINVALID, "title")
		es, _, _ := db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: oid, Entity: "agreement", EntityID: 1})
		if len(es) == 0 || es[0].Action != "update" {
			t.Errorf("newest agreement audit entry: %+v", es)
		}

		// Target: one per year and kind.
		ts, _, _ := db.FindTargets(ctx, dagang.TargetFilter{OfficeID: oid, Year: 2019})
		other := &dagang.Target{OfficeID: oid, Year: 2019, Kind: dagang.TargetBusinessesReached, Value: 30}
		if len(ts) != 1 || ts[0].Kind == other.Kind {
			t.Fatalf("demo targets 2019: %+v", ts)
		}
		if err := db.CreateTarget(ctx, other); err != nil {
			t.Fatal(err)
		}
		tg := *ts[0]
		tg.Value, tg.Note = tg.Value+1, "dinaikkan"
		if err := db.UpdateTarget(ctx, &tg, dagang.Change{}); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindTargetByID(ctx, tg.ID); got.Value != tg.Value || got.Note != "dinaikkan" {
			t.Errorf("target after update: %+v", got)
		}
		dup := tg
		dup.Kind = other.Kind
		wantError(t, db.UpdateTarget(ctx, &dup, dagang.Change{}), dagang.ECONFLICT, "")
		if err := db.DeleteTarget(ctx, tg.ID, 0); err != nil {
			t.Fatal(err)
		}

		// Event: one with participants stays; an empty one goes.
		wantError(t, db.DeleteEvent(ctx, s.Events[0].ID, 0), dagang.ECONFLICT, "")
		e := &dagang.Event{OfficeID: oid, Kind: dagang.EventFair, Name: "Pameran kosong", HostProvince: "63", StartsOn: dagang.MustDate("2020-03-01"), Status: dagang.EventPlanned}
		if err := db.CreateEvent(ctx, e); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteEvent(ctx, e.ID, 0); err != nil {
			t.Fatal(err)
		}
		wantError(t, db.DeleteEvent(ctx, e.ID, 0), dagang.ENOTFOUND, "")

		// An event with the kind, host and dates of a stored one is likely
		// the same event entered twice: refused on "force" naming it,
		// stored when forced. Another kind, or other dates, is another event.
		m := s.Mission2019
		twin := &dagang.Event{OfficeID: oid, Kind: m.Kind, Name: "Misi ke Kaltim (lagi)", HostProvince: m.HostProvince, StartsOn: m.StartsOn, EndsOn: m.EndsOn}
		wantError(t, db.CreateEventChecked(ctx, twin, false), dagang.ECONFLICT, "force")
		if err := db.CreateEventChecked(ctx, twin, false); err == nil || !strings.Contains(err.Error(), "force: kemungkinan duplikat dari kegiatan «"+m.Name+"»") {
			t.Errorf("the refusal does not name %q: %v", m.Name, err)
		}
		longer := *twin
		longer.EndsOn = dagang.MustDate("2019-07-13")
		fairTwin := *twin
		fairTwin.Kind = dagang.EventFair
		for _, e := range []*dagang.Event{&longer, &fairTwin, twin} {
			if err := db.CreateEventChecked(ctx, e, e == twin); err != nil {
				t.Errorf("%s %s–%s: %v", e.Kind, e.StartsOn, e.EndsOn, err)
			}
		}

		// Participation: status changes; event and party stay; withdrawal
		// takes its meeting requests along.
		fair := &dagang.Event{OfficeID: oid, Kind: dagang.EventFair, Name: "Pameran Banua", HostProvince: "63", StartsOn: dagang.MustDate("2020-04-01"), Status: dagang.EventPlanned}
		if err := db.CreateEvent(ctx, fair); err != nil {
			t.Fatal(err)
		}
		var ps []*dagang.Participation
		for _, key := range []string{"a1", "d1", "d2"} {
			p := &dagang.Participation{EventID: fair.ID, Role: dagang.RoleMatching, BusinessID: s.Businesses[key].ID}
			if err := db.CreateParticipation(ctx, p); err != nil {
				t.Fatal(err)
			}
			ps = append(ps, p)
		}
		p := *ps[0]
		p.Status, p.EventID, p.Note = dagang.ParticipationSelected, s.Events[0].ID, "lolos seleksi"
		if err := db.UpdateParticipation(ctx, &p, dagang.Change{}); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindParticipationByID(ctx, p.ID); got.Status != dagang.ParticipationSelected || got.EventID != fair.ID || got.Note != "lolos seleksi" {
			t.Errorf("participation after update: %+v", got)
		}
		badP := p
		badP.Status = "hilang"
		wantError(t, db.UpdateParticipation(ctx, &badP, dagang.Change{}), dagang.EINVALID, "status")
		r := &dagang.MeetingRequest{EventID: fair.ID, FromID: ps[0].ID, ToID: ps[1].ID, Priority: 1}
		if err := db.CreateMeetingRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		r2 := &dagang.MeetingRequest{EventID: fair.ID, FromID: ps[1].ID, ToID: ps[0].ID, Priority: 1}
		if err := db.CreateMeetingRequest(ctx, r2); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteMeetingRequest(ctx, r2.ID, 0); err != nil {
			t.Fatal(err)
		}
		wantError(t, db.DeleteMeetingRequest(ctx, r2.ID, 0), dagang.ENOTFOUND, "")
		if err := db.DeleteParticipation(ctx, ps[0].ID, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindMeetingRequestByID(ctx, r.ID); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("meeting request of a withdrawn participant: %v", err)
		}
		left, n, _ := db.FindParticipations(ctx, dagang.ParticipationFilter{EventID: fair.ID})
		if diff := cmp.Diff(len(ps)-1, n); diff != "" || len(left) != n {
			t.Errorf("participants after withdrawal (-want +got):\n%s", diff)
		}
	})
}

// TestVersions checks that an update changes only the fields its Change
// names, raises the version, and refuses a change made from another
// version with the record as it is now.
func TestVersions(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		tg := &dagang.Target{OfficeID: s.Office.ID, Year: 2031, Kind: dagang.TargetNewPartners, Value: 3, Note: "awal"}
		err := db.CreateTarget(ctx, tg)
		if err != nil || tg.Version != 1 {
			t.Fatalf("create answers version %d, want 1 (%v)", tg.Version, err)
		}
		if tg, err = db.FindTargetByID(ctx, tg.ID); err != nil || tg.Version != 1 {
			t.Fatalf("new target: %+v %v", tg, err)
		}
		id := tg.ID

		// Only the named field changes, whatever else the value holds.
		note := &dagang.Target{ID: id, Note: "baru", Value: 99}
		if err := db.UpdateTarget(ctx, note, dagang.Change{Fields: []string{"note"}}); err != nil {
			t.Fatal(err)
		}
		want := dagang.Target{ID: id, Version: 2, OfficeID: s.Office.ID, Year: 2031, Kind: dagang.TargetNewPartners, Value: 3, Note: "baru"}
		got, err := db.FindTargetByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, *got); d != "" {
			t.Errorf("after a note change (-want +got):\n%s", d)
		}
		if d := cmp.Diff(want, *note); d != "" {
			t.Errorf("the update leaves its record as stored (-want +got):\n%s", d)
		}

		tests := []struct {
			name  string
			err   error
			code  string
			field string
			stale bool
		}{
			{"update from an old version", db.UpdateTarget(ctx, &dagang.Target{ID: id, Value: 5}, dagang.Change{Fields: []string{"value"}, Version: 1}), dagang.ECONFLICT, "", true},
			{"a field no update sets must keep its value", db.UpdateTarget(ctx, &dagang.Target{ID: id, OfficeID: 77}, dagang.Change{Fields: []string{"office_id"}}), dagang.EINVALID, "office_id", false},
			{"delete from an old version", db.DeleteTarget(ctx, id, 1), dagang.ECONFLICT, "", true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				wantError(t, tt.err, tt.code, tt.field)
				var st *dagang.StaleError
				if errors.As(tt.err, &st) != tt.stale {
					t.Fatalf("stale error: %v, want %v", tt.err, tt.stale)
				}
				if st != nil && st.Version != 2 {
					t.Errorf("stale error at version %d, want 2", st.Version)
				}
				if st == nil || st.Current == nil {
					return // a deletion leaves reading the record to its caller
				}
				if cur, ok := st.Current.(*dagang.Target); !ok || cur.Note != "baru" {
					t.Errorf("stale error shows %#v, want the target as stored", st.Current)
				}
			})
		}
		if got, err := db.FindTargetByID(ctx, id); err != nil || cmp.Diff(want, *got) != "" {
			t.Errorf("refused changes changed the target: %+v %v", got, err)
		}
		if err := db.DeleteTarget(ctx, id, 2); err != nil {
			t.Errorf("delete at the current version: %v", err)
		}
	})
}
