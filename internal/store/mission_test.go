package store_test

import (
	"archive/zip"
	"bytes"
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
)

func TestEventLifecycle(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		oid, e := s.Office.ID, s.Mission2019
		// open → held skips a step; closed is the end; another office's event is not found.
		_, err := db.MoveEvent(ctx, oid, e.ID, 0, dagang.EventHeld)
		wantError(t, err, dagang.EINVALID, "status")
		_, err = db.MoveEvent(ctx, oid, s.Events[0].ID, 0, dagang.EventPlanned)
		wantError(t, err, dagang.EINVALID, "status")
		_, err = db.MoveEvent(ctx, oid+1, e.ID, 0, dagang.EventDelegationSet)
		wantError(t, err, dagang.ENOTFOUND, "")
		// A general update cannot skip the lifecycle either.
		skip := *e
		skip.Status = dagang.EventClosed
		wantError(t, db.UpdateEvent(ctx, &skip, dagang.Change{}), dagang.EINVALID, "status")
		same := *e
		same.Venue = "Balikpapan (contoh)"
		if err := db.UpdateEvent(ctx, &same, dagang.Change{}); err != nil {
			t.Fatalf("an update that keeps the status: %v", err)
		}
		var got []dagang.EventStatus
		for _, to := range []dagang.EventStatus{dagang.EventDelegationSet, dagang.EventHeld, dagang.EventFollowUp, dagang.EventClosed} {
			moved, err := db.MoveEvent(ctx, oid, e.ID, 0, to)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, moved.Status)
		}
		if diff := cmp.Diff([]dagang.EventStatus{dagang.EventDelegationSet, dagang.EventHeld, dagang.EventFollowUp, dagang.EventClosed}, got); diff != "" {
			t.Errorf("statuses after each move (-want +got):\n%s", diff)
		}
		stored, err := db.FindEventByID(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Status != dagang.EventClosed {
			t.Errorf("stored status %s, want closed", stored.Status)
		}
		audit, n, err := db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: oid, Entity: "event", EntityID: e.ID})
		// The demo created and opened the event (planned → open) and set
		// its open call's deadline; here one update and four moves.
		if err != nil || n != 8 || audit[0].Action != "move" {
			t.Errorf("audit of the event: %d entries, err %v; want 8 (create, 5 moves, 2 updates)", n, err)
		}
	})
}

func TestDelegationOverrideAndSet(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		oid, e := s.Office.ID, s.Mission2019
		c6, d10 := s.Businesses["c6"].ID, s.Businesses["d10"].ID
		wantError(t, db.OverrideDelegation(ctx, &dagang.DelegationOverride{EventID: e.ID, BusinessID: c6, Action: dagang.OverrideAdd}), dagang.EINVALID, "reason")
		wantError(t, db.OverrideDelegation(ctx, &dagang.DelegationOverride{EventID: e.ID, BusinessID: s.Businesses["a1"].ID, Action: dagang.OverrideAdd, Reason: "x", By: "Rahmat"}), dagang.ENOTFOUND, "")
		o := &dagang.DelegationOverride{EventID: e.ID, BusinessID: c6, Action: dagang.OverrideAdd, Reason: "pemasok beras utama untuk pembeli di Samarinda", By: "Rahmat"}
		if err := db.OverrideDelegation(ctx, o); err != nil {
			t.Fatal(err)
		}
		os, err := db.FindDelegationOverrides(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(os) != 1 || os[0].BusinessID != c6 || os[0].Reason != o.Reason || os[0].By != "Rahmat" || os[0].ID != o.ID {
			t.Errorf("overrides = %+v", os)
		}
		ps, _, err := db.FindParticipations(ctx, dagang.ParticipationFilter{EventID: e.ID, BusinessID: c6})
		if err != nil || len(ps) != 1 || ps[0].Status != dagang.ParticipationSelected || ps[0].Note != "Ditambahkan oleh Rahmat: "+o.Reason {
			t.Fatalf("participation after override = %+v, %v", ps, err)
		}
		_, n, err := db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: oid, Entity: "participation", EntityID: ps[0].ID})
		if err != nil || n != 1 {
			t.Errorf("participation audit entries = %d, %v; want 1", n, err)
		}

		// Setting the delegation is all or nothing: a business that did not apply undoes it.
		bad := []dagang.DelegationDecision{{BusinessID: d10, Status: dagang.ParticipationRejected, Note: "kemiri tidak dibutuhkan"}, {BusinessID: s.Businesses["a1"].ID, Status: dagang.ParticipationSelected}}
		wantError(t, db.SetDelegation(ctx, oid, e.ID, bad), dagang.ENOTFOUND, "")
		if ev, _ := db.FindEventByID(ctx, e.ID); ev.Status != dagang.EventOpen {
			t.Errorf("event status after refused delegation = %s, want open", ev.Status)
		}
		if err := db.SetDelegation(ctx, oid, e.ID, bad[:1]); err != nil {
			t.Fatal(err)
		}
		ps, _, _ = db.FindParticipations(ctx, dagang.ParticipationFilter{EventID: e.ID, BusinessID: d10})
		if ev, _ := db.FindEventByID(ctx, e.ID); ev.Status != dagang.EventDelegationSet || ps[0].Status != dagang.ParticipationRejected || ps[0].Note != "kemiri tidak dibutuhkan" {
			t.Errorf("after SetDelegation: event %s, participation %+v", ev.Status, ps[0])
		}
		// Only once: the event is no longer open.
		wantError(t, db.SetDelegation(ctx, oid, e.ID, nil), dagang.EINVALID, "status")
	})
}

func TestAgreementDocuments(t *testing.T) {
	eachDemo(t, func(t *testing.T, db *store.DB, s *demo.Story) {
		ctx := context.Background()
		as, _, err := db.FindAgreements(ctx, dagang.AgreementFilter{OfficeID: s.Office.ID})
		if err != nil {
			t.Fatal(err)
		}
		aid := as[0].ID
		var docx bytes.Buffer
		zw := zip.NewWriter(&docx)
		for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
			w, _ := zw.Create(name)
			w.Write([]byte("<x/>"))
		}
		zw.Close()
		pdf := []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
		tests := []struct {
			name, file string
			content    []byte
			wantType   string
			field      string
		}{
			{"pdf", "naskah.pdf", pdf, "application/pdf", ""},
			{"word", "notulen.docx", docx.Bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ""},
			{"html named pdf", "naskah.pdf", []byte("<html><script>alert(1)</script></html>"), "", "file"},
			{"empty", "kosong.pdf", nil, "", "file"},
			{"too large", "besar.pdf", append(pdf, make([]byte, dagang.MaxDocumentBytes)...), "", "file"},
			{"plain zip", "arsip.zip", func() []byte {
				var b bytes.Buffer
				zw := zip.NewWriter(&b)
				w, _ := zw.Create("a.txt")
				w.Write([]byte("a"))
				zw.Close()
				return b.Bytes()
			}(), "", "file"},
			{"path in name", "../x.pdf", pdf, "", "name"},
		}
		var stored []string
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				d := &dagang.AgreementDocument{AgreementID: aid, Name: tt.file, Content: tt.content, UploadedBy: "Rahmat"}
				err := db.AddAgreementDocument(ctx, d)
				if tt.field != "" {
					wantError(t, err, dagang.EINVALID, tt.field)
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				got, err := db.FindAgreementDocumentByID(ctx, d.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.ContentType != tt.wantType || !bytes.Equal(got.Content, tt.content) || got.Size != int64(len(tt.content)) || len(got.SHA256) != 64 {
					t.Errorf("stored %+v", got)
				}
				stored = append(stored, tt.file)
			})
		}
		list, err := db.FindAgreementDocuments(ctx, aid)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range list {
			names = append(names, d.Name)
			if d.Content != nil {
				t.Errorf("list carries content of %s", d.Name)
			}
		}
		if diff := cmp.Diff(stored, names); diff != "" {
			t.Errorf("documents (-want +got):\n%s", diff)
		}
		wantError(t, db.AddAgreementDocument(ctx, &dagang.AgreementDocument{AgreementID: 99999, Name: "x.pdf", Content: pdf}), dagang.ENOTFOUND, "")
	})
}
