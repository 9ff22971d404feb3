package store

import (
	"context"
	"strings"

	"github.com/dagang/dagang"
)

var _ dagang.AgreementService = (*DB)(nil)

const agreementCols = `id, version, office_id, partner_province, title, stage, reason, signed_on, starts_on, ends_on, document_ref, responsible_staff, sample, created_at, updated_at,
	partner_office_id, (SELECT h.home_province FROM offices h WHERE h.id = agreements.office_id), (SELECT h.name FROM offices h WHERE h.id = agreements.office_id),
	COALESCE((SELECT p.name FROM offices p WHERE p.id = agreements.partner_office_id), '')`

var agreementSort = sortSpec{def: "partner_province, id", columns: map[string]string{"partner": "partner_province", "stage": "stage", "signed_on": "signed_on", "updated": "updated_at", "id": "id"}}

func scanAgreement(s scanner) (*dagang.Agreement, error) {
	var a dagang.Agreement
	err := s.Scan(&a.ID, &a.Version, &a.OfficeID, &a.PartnerProvince, &a.Title, &a.Stage, &a.Reason, dateOf{&a.SignedOn}, dateOf{&a.StartsOn}, dateOf{&a.EndsOn},
		&a.DocumentRef, &a.ResponsibleStaff, &a.Sample, &a.CreatedAt, &a.UpdatedAt, idOf{&a.PartnerOfficeID}, &a.HomeProvince, &a.Office, &a.PartnerOffice)
	return &a, err
}

// FindAgreementByID returns one agreement with its history and
// signatures.
func (d *DB) FindAgreementByID(ctx context.Context, id int64) (*dagang.Agreement, error) {
	t := d.read()
	a, err := get(ctx, t, "SELECT "+agreementCols+" FROM agreements WHERE id = ?", "kerja sama", "agreement", id, scanAgreement)
	if err == nil {
		a.History, err = agreementHistory(ctx, t, id)
	}
	if err == nil {
		err = agreementSignatures(ctx, t, a)
	}
	return a, d.mapError(err)
}

func agreementHistory(ctx context.Context, t tx, id int64) ([]dagang.AgreementChange, error) {
	rows, err := t.query(ctx, `SELECT c.id, c.agreement_id, c.from_stage, c.to_stage, c.changed_on, c.note, c.changed_by, COALESCE(c.by_office_id, 0), COALESCE(o.name, '')
		FROM agreement_changes c LEFT JOIN offices o ON o.id = c.by_office_id WHERE c.agreement_id = ? ORDER BY c.changed_on, c.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hs []dagang.AgreementChange
	for rows.Next() {
		var h dagang.AgreementChange
		if err := rows.Scan(&h.ID, &h.AgreementID, &h.FromStage, &h.ToStage, dateOf{&h.On}, &h.Note, &h.By, &h.OfficeID, &h.Office); err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

// FindAgreements lists agreements, each with its signatures. An office's
// agreements are its own and those shared with it; the partner province
// is the other side's as the office sees it.
func (d *DB) FindAgreements(ctx context.Context, f dagang.AgreementFilter) ([]*dagang.Agreement, int, error) {
	var w where
	switch {
	case f.OfficeID != 0 && f.PartnerProvince != "":
		w.add("((office_id = ? AND partner_province = ?) OR (partner_office_id = ? AND office_id IN (SELECT h.id FROM offices h WHERE h.home_province = ?)))",
			f.OfficeID, f.PartnerProvince, f.OfficeID, f.PartnerProvince)
	case f.OfficeID != 0:
		w.add("(office_id = ? OR partner_office_id = ?)", f.OfficeID, f.OfficeID)
	default:
		w.eq("partner_province", f.PartnerProvince)
	}
	w.eq("stage", string(f.Stage))
	w.match("agreements", f.Query)
	t := d.read()
	as, n, err := list(ctx, t, "SELECT "+agreementCols+" FROM agreements", "SELECT COUNT(*) FROM agreements", w, agreementSort, f.ListOptions, scanAgreement)
	if err == nil {
		err = agreementSignatures(ctx, t, as...)
	}
	return as, n, d.mapError(err)
}

// CreateAgreement stores an agreement, its first history entry and an
// audit entry. An agreement with a province whose office is on the
// deployment is shared with that office (agreementPartner); it starts
// before the signing, which both offices record.
func (d *DB) CreateAgreement(ctx context.Context, a *dagang.Agreement) error {
	a.Title = strings.TrimSpace(a.Title)
	if err := a.Validate(); err != nil {
		return err
	}
	now := d.now().UTC()
	a.CreatedAt, a.UpdatedAt = now, now
	a.History, a.Signatures = nil, nil
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
		if err := shareAgreement(ctx, t, a); err != nil {
			return err
		}
		if a.Shared() && a.Stage.Formal() {
			return fieldError("stage", "kerja sama ini dibagikan dengan dinas provinsi mitra: catat pada tahap potensial atau penjajakan, lalu kedua dinas mencatat tanda tangannya",
				"this agreement is shared with the partner province's office: record it as potential or exploring, then both offices record their signatures")
		}
		id, err := t.insert(ctx, "INSERT INTO agreements (office_id, partner_province, title, stage, reason, signed_on, starts_on, ends_on, document_ref, responsible_staff, sample, created_at, updated_at, partner_office_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			a.OfficeID, a.PartnerProvince, a.Title, a.Stage, a.Reason, a.SignedOn.String(), a.StartsOn.String(), a.EndsOn.String(), a.DocumentRef, a.ResponsibleStaff, a.Sample, a.CreatedAt, a.UpdatedAt, nullID(a.PartnerOfficeID))
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
		if err := addAgreementChange(ctx, t, a, a.OfficeID, "", a.Stage, on, "dicatat / recorded"); err != nil {
			return err
		}
		return d.audit(ctx, t, a.OfficeID, "agreement", a.ID, "create", nil, a)
	})
}

// addAgreementChange records a step of a's history made by office.
func addAgreementChange(ctx context.Context, t tx, a *dagang.Agreement, office int64, from, to dagang.AgreementStage, on dagang.Date, note string) error {
	by := "sistem"
	if u := dagang.UserFromContext(ctx); u != nil {
		by = u.Name
	}
	h := dagang.AgreementChange{AgreementID: a.ID, FromStage: from, ToStage: to, On: on, Note: note, By: by, OfficeID: office}
	if err := t.queryRow(ctx, "SELECT name FROM offices WHERE id = ?", office).Scan(&h.Office); err != nil {
		return err
	}
	id, err := t.insert(ctx, "INSERT INTO agreement_changes (agreement_id, from_stage, to_stage, changed_on, note, changed_by, by_office_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
		h.AgreementID, h.FromStage, h.ToStage, h.On.String(), h.Note, h.By, office)
	h.ID = id
	a.History = append(a.History, h)
	return err
}

// lockAgreement reads agreement id under lock with its history and
// signatures, and the office acting on it: the bound office when it is a
// party of the agreement (else the agreement is missing), the recording
// office for the system's own work.
func lockAgreement(ctx context.Context, t tx, id int64) (*dagang.Agreement, int64, error) {
	a, err := get(ctx, t, "SELECT "+agreementCols+" FROM agreements WHERE id = ?"+lockRow(t), "kerja sama", "agreement", id, scanAgreement)
	if err != nil {
		return nil, 0, err
	}
	office := a.OfficeID
	if o, bound, _ := dagang.OfficeScope(ctx); bound {
		if !a.Party(o) {
			return nil, 0, notFound("kerja sama", "agreement", id)
		}
		office = o
	}
	if a.History, err = agreementHistory(ctx, t, id); err != nil {
		return nil, 0, err
	}
	return a, office, agreementSignatures(ctx, t, a)
}

// MoveAgreement moves an agreement to another stage, keeping the history.
// A move to the stage it already has is refused (ECONFLICT on "stage"):
// the history records changes only. Either office of a shared agreement
// moves it; it enters a formal stage from talks only once both offices
// signed it.
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
		old, office, err := lockAgreement(ctx, t, id)
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
		if old.Shared() && to.Formal() && !old.Stage.Formal() && !old.SignedByBoth() {
			return unsignedError(old)
		}
		a := *old
		a.Stage = to
		if to.Formal() && a.SignedOn.IsZero() {
			a.SignedOn = on
			if a.SignedByBoth() {
				a.SignedOn = a.LastSigned()
			}
		}
		a.UpdatedAt = d.now().UTC()
		if err := a.Validate(); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE agreements SET stage = ?, signed_on = ?, updated_at = ?, version = version + 1 WHERE id = ?", a.Stage, a.SignedOn.String(), a.UpdatedAt, id); err != nil {
			return err
		}
		a.Version++
		a.History = append([]dagang.AgreementChange(nil), old.History...)
		if err := addAgreementChange(ctx, t, &a, office, old.Stage, to, on, note); err != nil {
			return err
		}
		out = &a
		return d.audit(ctx, t, office, "agreement", id, "move", old, &a)
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
// and keeps the history). Only the recording office changes them; a new
// partner province shares the agreement anew, unless an office signed it.
// It audits the change.
func (d *DB) UpdateAgreement(ctx context.Context, a *dagang.Agreement, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, office, err := lockAgreement(ctx, t, a.ID)
		if err != nil {
			return err
		}
		if office != old.OfficeID {
			return dagang.Errorf(dagang.EFORBIDDEN, "isi kerja sama diubah oleh dinas yang mencatatnya; dinas mitra memindahkan tahap dan mencatat tanda tangannya",
				"the agreement's fields are changed by the office that recorded it; the partner office moves its stage and records its signature")
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
			if err := v.Err(); err != nil {
				return err
			}
			if old.SignedByBoth() && cur.SignedOn != old.SignedOn {
				return fieldError("signed_on", "tanggal penandatanganan kerja sama bersama adalah tanggal tanda tangan terakhir; perbaiki tanda tangan dinas Anda",
					"the signing date of a shared agreement is the later signature's; correct your office's signature instead")
			}
			if cur.PartnerProvince == old.PartnerProvince {
				return nil
			}
			if len(old.Signatures) > 0 {
				return fieldError("partner_province_code", "kerja sama ini sudah ditandatangani dinas mitra atau dinas Anda; provinsi mitranya tidak dapat diganti (catat kerja sama baru)",
					"an office already signed this agreement; its partner province cannot change (record a new agreement)")
			}
			if err := shareAgreement(ctx, t, cur); err != nil {
				return err
			}
			if cur.Shared() && cur.Stage.Formal() {
				return fieldError("partner_province_code", "dinas provinsi ini ada di deployment: kerja sama dengannya ditandatangani kedua dinas; catat kerja sama baru pada tahap penjajakan",
					"this province's office is on the deployment: an agreement with it is signed by both offices; record a new agreement in talks")
			}
			return nil
		}, func(cur *dagang.Agreement) assign { return assign{"updated_at", cur.UpdatedAt} },
			func(cur *dagang.Agreement) assign { return assign{"partner_office_id", nullID(cur.PartnerOfficeID)} })
		if err != nil {
			return err
		}
		if err := d.reindex(ctx, t, "agreements", a.ID); err != nil {
			return err
		}
		return d.audit(ctx, t, a.OfficeID, "agreement", a.ID, "update", old, a)
	})
}
