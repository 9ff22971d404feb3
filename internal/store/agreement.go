package store

import (
	"context"
	"strings"

	"github.com/dagang/dagang"
)

var _ dagang.AgreementService = (*DB)(nil)

const agreementCols = `id, version, office_id, partner_province, title, stage, reason, signed_on, starts_on, ends_on, document_ref, responsible_staff, sample, created_at, updated_at`

var agreementSort = sortSpec{def: "partner_province, id", columns: map[string]string{"partner": "partner_province", "stage": "stage", "signed_on": "signed_on", "updated": "updated_at", "id": "id"}}

func scanAgreement(s scanner) (*dagang.Agreement, error) {
	var a dagang.Agreement
	err := s.Scan(&a.ID, &a.Version, &a.OfficeID, &a.PartnerProvince, &a.Title, &a.Stage, &a.Reason, dateOf{&a.SignedOn}, dateOf{&a.StartsOn}, dateOf{&a.EndsOn},
		&a.DocumentRef, &a.ResponsibleStaff, &a.Sample, &a.CreatedAt, &a.UpdatedAt)
	return &a, err
}

// FindAgreementByID returns one agreement with its history.
func (d *DB) FindAgreementByID(ctx context.Context, id int64) (*dagang.Agreement, error) {
	t := d.read()
	a, err := get(ctx, t, "SELECT "+agreementCols+" FROM agreements WHERE id = ?", "kerja sama", "agreement", id, scanAgreement)
	if err == nil {
		a.History, err = agreementHistory(ctx, t, id)
	}
	return a, d.mapError(err)
}

func agreementHistory(ctx context.Context, t tx, id int64) ([]dagang.AgreementChange, error) {
	rows, err := t.query(ctx, "SELECT id, agreement_id, from_stage, to_stage, changed_on, note, changed_by FROM agreement_changes WHERE agreement_id = ? ORDER BY changed_on, id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hs []dagang.AgreementChange
	for rows.Next() {
		var h dagang.AgreementChange
		if err := rows.Scan(&h.ID, &h.AgreementID, &h.FromStage, &h.ToStage, dateOf{&h.On}, &h.Note, &h.By); err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

// FindAgreements lists agreements.
func (d *DB) FindAgreements(ctx context.Context, f dagang.AgreementFilter) ([]*dagang.Agreement, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("partner_province", f.PartnerProvince)
	w.eq("stage", string(f.Stage))
	w.match("agreements", f.Query)
	as, n, err := list(ctx, d.read(), "SELECT "+agreementCols+" FROM agreements", "SELECT COUNT(*) FROM agreements", w, agreementSort, f.ListOptions, scanAgreement)
	return as, n, d.mapError(err)
}

// CreateAgreement stores an agreement, its first history entry and an
// audit entry.
func (d *DB) CreateAgreement(ctx context.Context, a *dagang.Agreement) error {
	a.Title = strings.TrimSpace(a.Title)
	if err := a.Validate(); err != nil {
		return err
	}
	now := d.now().UTC()
	a.CreatedAt, a.UpdatedAt = now, now
	return d.inTx(ctx, func(t tx) error {
		var v dagang.Validation
		if err := exists(ctx, t, &v, "office_id", "offices", "id", a.OfficeID, "dinas %v tidak dikenal", "unknown office %v"); err != nil {
			return err
		}
		if err := exists(ctx, t, &v, "partner_province_code", "provinces", "code", a.PartnerProvince, "provinsi dengan kode %v tidak dikenal", "unknown province code %v"); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		id, err := t.insert(ctx, "INSERT INTO agreements (office_id, partner_province, title, stage, reason, signed_on, starts_on, ends_on, document_ref, responsible_staff, sample, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			a.OfficeID, a.PartnerProvince, a.Title, a.Stage, a.Reason, a.SignedOn.String(), a.StartsOn.String(), a.EndsOn.String(), a.DocumentRef, a.ResponsibleStaff, a.Sample, a.CreatedAt, a.UpdatedAt)
		if err != nil {
			return err
		}
		a.ID, a.Version = id, 1
		if err := d.reindex(ctx, t, "agreements", id); err != nil {
			return err
		}
		on := a.SignedOn
		if on.IsZero() {
			on = dagang.DateOf(now)
		}
		if err := addAgreementChange(ctx, t, a, "", a.Stage, on, "dicatat / recorded"); err != nil {
			return err
		}
		return d.audit(ctx, t, a.OfficeID, "agreement", a.ID, "create", nil, a)
	})
}

func addAgreementChange(ctx context.Context, t tx, a *dagang.Agreement, from, to dagang.AgreementStage, on dagang.Date, note string) error {
	by := "sistem"
	if u := dagang.UserFromContext(ctx); u != nil {
		by = u.Name
	}
	h := dagang.AgreementChange{AgreementID: a.ID, FromStage: from, ToStage: to, On: on, Note: note, By: by}
	id, err := t.insert(ctx, "INSERT INTO agreement_changes (agreement_id, from_stage, to_stage, changed_on, note, changed_by) VALUES (?, ?, ?, ?, ?, ?)",
		h.AgreementID, h.FromStage, h.ToStage, h.On.String(), h.Note, h.By)
	h.ID = id
	a.History = append(a.History, h)
	return err
}

// MoveAgreement moves an agreement to another stage, keeping the history.
// A move to the stage it already has is refused (ECONFLICT on "stage"):
// the history records changes only.
func (d *DB) MoveAgreement(ctx context.Context, id, version int64, to dagang.AgreementStage, on dagang.Date, note string) (*dagang.Agreement, error) {
	var v dagang.Validation
	v.Check(to.Valid(), "stage", "tahap harus potential, exploring, signed, active atau expired", "stage must be potential, exploring, signed, active or expired")
	v.Check(!on.IsZero(), "on", "tanggal perubahan wajib diisi", "date of the change is required")
	v.Check(len(note) <= 2000, "note", "catatan terlalu panjang (maks. 2000 karakter)", "note is too long (max 2000 characters)")
	v.Lines("note", note)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var out *dagang.Agreement
	err := d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+agreementCols+" FROM agreements WHERE id = ?"+lockRow(t), "kerja sama", "agreement", id, scanAgreement)
		if err != nil {
			return err
		}
		if err := expect(dagang.Change{Version: version}, old.Version, old); err != nil {
			return err
		}
		if old.Stage == to {
			return &dagang.Error{Code: dagang.ECONFLICT, Message: "tahap tidak berubah", MessageEN: "the stage does not change",
				Fields: []dagang.FieldError{{Field: "stage",
					Message:   "kerja sama ini sudah berada pada tahap " + to.Label() + "; tidak ada yang dicatat",
					MessageEN: "this agreement is already at stage " + string(to) + "; nothing was recorded"}}}
		}
		a := *old
		a.Stage = to
		if to.Formal() && a.SignedOn.IsZero() {
			a.SignedOn = on
		}
		a.UpdatedAt = d.now().UTC()
		if err := a.Validate(); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE agreements SET stage = ?, signed_on = ?, updated_at = ?, version = version + 1 WHERE id = ?", a.Stage, a.SignedOn.String(), a.UpdatedAt, id); err != nil {
			return err
		}
		a.Version++
		if a.History, err = agreementHistory(ctx, t, id); err != nil {
			return err
		}
		if err := addAgreementChange(ctx, t, &a, old.Stage, to, on, note); err != nil {
			return err
		}
		out = &a
		return d.audit(ctx, t, a.OfficeID, "agreement", id, "move", old, &a)
	})
	return out, err
}

var agreementColumns = []column[dagang.Agreement]{
	{"partner_province_code", "partner_province", func(a *dagang.Agreement) any { return a.PartnerProvince }},
	col("title", func(a *dagang.Agreement) any { return a.Title }),
	col("reason", func(a *dagang.Agreement) any { return a.Reason }),
	col("signed_on", func(a *dagang.Agreement) any { return a.SignedOn.String() }),
	col("starts_on", func(a *dagang.Agreement) any { return a.StartsOn.String() }),
	col("ends_on", func(a *dagang.Agreement) any { return a.EndsOn.String() }),
	col("document_ref", func(a *dagang.Agreement) any { return a.DocumentRef }),
	col("responsible_staff", func(a *dagang.Agreement) any { return a.ResponsibleStaff }),
	col("sample", func(a *dagang.Agreement) any { return a.Sample }),
}

// UpdateAgreement changes an agreement's fields, not its stage: a stage
// other than the stored one is refused on "stage" (MoveAgreement moves it
// and keeps the history). It audits the change.
func (d *DB) UpdateAgreement(ctx context.Context, a *dagang.Agreement, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+agreementCols+" FROM agreements WHERE id = ?"+lockRow(t), "kerja sama", "agreement", a.ID, scanAgreement)
		if err != nil {
			return err
		}
		if old.History, err = agreementHistory(ctx, t, a.ID); err != nil {
			return err
		}
		if c.Names("stage") && a.Stage != "" && a.Stage != old.Stage {
			return fieldError("stage", "tahap kerja sama tidak diubah di sini; pakai POST /api/v1/agreements/{id}/stage (atau halaman alur kerja) agar riwayatnya tercatat",
				"the stage is not changed here; use POST /api/v1/agreements/{id}/stage (or the workflow page) so its history is kept")
		}
		err = versioned(ctx, t, "agreements", old, a, c, agreementColumns, func(cur *dagang.Agreement) error {
			cur.Title = strings.TrimSpace(cur.Title)
			cur.UpdatedAt = d.now().UTC()
			if err := cur.Validate(); err != nil {
				return err
			}
			var v dagang.Validation
			if err := exists(ctx, t, &v, "partner_province_code", "provinces", "code", cur.PartnerProvince, "provinsi dengan kode %v tidak dikenal", "unknown province code %v"); err != nil {
				return err
			}
			return v.Err()
		}, func(cur *dagang.Agreement) assign { return assign{"updated_at", cur.UpdatedAt} })
		if err != nil {
			return err
		}
		if err := d.reindex(ctx, t, "agreements", a.ID); err != nil {
			return err
		}
		return d.audit(ctx, t, a.OfficeID, "agreement", a.ID, "update", old, a)
	})
}
