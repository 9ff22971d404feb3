package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/dagang/dagang"
)

// Shared agreements between partner offices (dagang.AgreementSharing): the
// agreement's service sets the partner office when an agreement is made or
// its partner province changes, and when the partner province's office
// joins the deployment (createOffice); either office moves the stage
// (MoveAgreement) and records its own signature (SignAgreement). On
// PostgreSQL the policies partner_read and partner_move (scope.go) let the
// partner office's transactions see and update exactly these rows, the
// trigger agreements_partner_side refuses a change of anything but the
// stage, and an office writes only its own signature; on SQLite the
// service's checks are the scoping.

// shareAgreement sets a's home province and partner office: the first
// office made of the partner province, when that is not the recording
// office's own province. A new agreement with the province of an office
// that already shares one with this office, not expired, is refused: it is
// the same cooperation, already on this office's list.
func shareAgreement(ctx context.Context, t tx, a *dagang.Agreement) error {
	err := t.queryRow(ctx, `SELECT h.home_province, h.name, COALESCE((SELECT MIN(f.id) FROM offices f WHERE f.home_province = ? AND f.home_province <> h.home_province), 0)
		FROM offices h WHERE h.id = ?`, a.PartnerProvince, a.OfficeID).Scan(&a.HomeProvince, &a.Office, &a.PartnerOfficeID)
	if err != nil {
		return err
	}
	a.PartnerOffice = ""
	if a.PartnerOfficeID == 0 {
		return nil
	}
	if err := t.queryRow(ctx, "SELECT name FROM offices WHERE id = ?", a.PartnerOfficeID).Scan(&a.PartnerOffice); err != nil {
		return err
	}
	var dup int64
	err = t.queryRow(ctx, `SELECT id FROM agreements WHERE partner_office_id = ? AND id <> ? AND stage <> 'expired'
		AND office_id IN (SELECT f.id FROM offices f WHERE f.home_province = ?) ORDER BY id LIMIT 1`, a.OfficeID, a.ID, a.PartnerProvince).Scan(&dup)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return &dagang.Error{Code: dagang.ECONFLICT, Message: "kerja sama ini sudah ada", MessageEN: "this agreement already exists",
		Fields: []dagang.FieldError{{Field: "partner_province_code",
			Message:   fmt.Sprintf("dinas provinsi mitra sudah mencatat kerja sama %d dengan provinsi Anda dan membagikannya dengan dinas Anda; lanjutkan di sana (/agreements/%d)", dup, dup),
			MessageEN: fmt.Sprintf("the partner province's office already recorded agreement %d with your province and shares it with your office; continue there (/agreements/%d)", dup, dup)}}}
}

// agreementSignatures reads the signatures of the shared agreements of as,
// the recording office's first.
func agreementSignatures(ctx context.Context, t tx, as ...*dagang.Agreement) error {
	byID := map[int64]*dagang.Agreement{}
	var ids []any
	for _, a := range as {
		a.Signatures = nil
		if a.Shared() {
			byID[a.ID] = a
			ids = append(ids, a.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := t.query(ctx, `SELECT s.agreement_id, s.office_id, o.name, s.signatory, s.signed_on, s.recorded_by, s.recorded_at
		FROM agreement_signatures s JOIN offices o ON o.id = s.office_id WHERE s.agreement_id IN (`+placeholders(len(ids))+`) ORDER BY s.agreement_id, s.recorded_at`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var s dagang.AgreementSignature
		if err := rows.Scan(&id, &s.OfficeID, &s.Office, &s.Signatory, dateOf{&s.SignedOn}, &s.RecordedBy, &s.RecordedAt); err != nil {
			return err
		}
		a := byID[id]
		if s.OfficeID == a.OfficeID {
			a.Signatures = append([]dagang.AgreementSignature{s}, a.Signatures...)
		} else {
			a.Signatures = append(a.Signatures, s)
		}
	}
	return rows.Err()
}

// unsignedError refuses a shared agreement's move to a formal stage before
// both offices signed it, naming the office it waits for.
func unsignedError(a *dagang.Agreement) error {
	var names []string
	for _, office := range []int64{a.OfficeID, a.PartnerOfficeID} {
		if a.SignatureOf(office) == nil {
			names = append(names, a.OfficeName(office))
		}
	}
	waiting := strings.Join(names, ", ")
	return &dagang.Error{Code: dagang.ECONFLICT, Message: "kerja sama belum ditandatangani kedua dinas", MessageEN: "the agreement is not signed by both offices",
		Fields: []dagang.FieldError{{Field: "stage",
			Message:   "kerja sama bersama ditandatangani kedua dinas; masih menunggu tanda tangan " + waiting + " (catat lewat tombol Tanda tangan)",
			MessageEN: "a shared agreement is signed by both offices; still waiting for the signature of " + waiting + " (record it with Sign)"}}}
}

// SignAgreement records the acting office's signature of a shared
// agreement, replacing the one it recorded before. When both offices have
// signed, an agreement still in talks moves to signed, dated by the later
// signature and recorded in its history as this office's step.
func (d *DB) SignAgreement(ctx context.Context, id, version int64, s dagang.AgreementSigning) (*dagang.Agreement, error) {
	s.Signatory = strings.TrimSpace(s.Signatory)
	var out *dagang.Agreement
	err := d.inTx(ctx, func(t tx) error {
		old, office, err := lockAgreement(ctx, t, id)
		if err != nil {
			return err
		}
		if _, bound, _ := dagang.OfficeScope(ctx); !bound {
			return dagang.Errorf(dagang.EFORBIDDEN, "tanda tangan dicatat oleh dinas yang menandatangani", "a signature is recorded by the office that signed")
		}
		if err := s.Validate(); err != nil {
			return err
		}
		if !old.Shared() {
			return &dagang.Error{Code: dagang.ECONFLICT, Message: "kerja sama ini tidak dibagikan", MessageEN: "this agreement is not shared",
				Fields: []dagang.FieldError{{Field: "signatory",
					Message:   "dinas provinsi mitra tidak ada di deployment ini; penandatanganan dicatat dengan memindahkan tahap ke ditandatangani",
					MessageEN: "the partner province's office is not on this deployment; record the signing by moving the stage to signed"}}}
		}
		if err := expect(dagang.Change{Version: version}, old.Version, old); err != nil {
			return err
		}
		now := d.now().UTC()
		by := "sistem"
		if u := dagang.UserFromContext(ctx); u != nil {
			by = u.Name
		}
		if _, err := t.exec(ctx, "DELETE FROM agreement_signatures WHERE agreement_id = ? AND office_id = ?", id, office); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "INSERT INTO agreement_signatures (agreement_id, office_id, signatory, signed_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
			id, office, s.Signatory, s.SignedOn.String(), by, now); err != nil {
			return err
		}
		a := *old
		a.History = append([]dagang.AgreementChange(nil), old.History...)
		if err := agreementSignatures(ctx, t, &a); err != nil {
			return err
		}
		moved := false
		if a.SignedByBoth() {
			if !a.Stage.Formal() && a.Stage != dagang.AgreementExpired {
				a.Stage, moved = dagang.AgreementSigned, true
			}
			if a.Stage.Formal() {
				a.SignedOn = a.LastSigned()
			}
		}
		a.UpdatedAt = now
		if _, err := t.exec(ctx, "UPDATE agreements SET stage = ?, signed_on = ?, updated_at = ?, version = version + 1 WHERE id = ?", a.Stage, a.SignedOn.String(), a.UpdatedAt, id); err != nil {
			return err
		}
		a.Version++
		if moved {
			if err := addAgreementChange(ctx, t, &a, office, old.Stage, a.Stage, a.SignedOn, "ditandatangani kedua dinas / signed by both offices"); err != nil {
				return err
			}
		}
		out = &a
		return d.audit(ctx, t, office, "agreement", id, "sign", old, &a)
	})
	if err != nil {
		return nil, d.mapError(err)
	}
	return out, nil
}

// shareWithNewOffice shares with office o, just made, the agreements other
// offices recorded with its province, when it is the province's first
// office.
func shareWithNewOffice(ctx context.Context, t tx, o *dagang.Office) error {
	_, err := t.exec(ctx, `UPDATE agreements SET partner_office_id = ?, version = version + 1
		WHERE partner_office_id IS NULL AND partner_province = ?
		AND office_id IN (SELECT h.id FROM offices h WHERE h.home_province <> ?)
		AND NOT EXISTS (SELECT 1 FROM offices f WHERE f.home_province = ? AND f.id <> ?)`, o.ID, o.HomeProvince, o.HomeProvince, o.HomeProvince, o.ID)
	return err
}

// sharedAgreements is migration 0034's hook. It shares every agreement
// recorded before with its partner province's office, when that office is
// on the deployment, except the pairs two offices recorded of each other:
// merging two records of one cooperation (their titles, histories and
// documents) is the offices' decision, so both stay their own and the
// national view counts the pair once. On PostgreSQL it lets the history's
// policy be made again (ensureRowSecurity, after the migrations) to follow
// the agreements an office sees, shared ones included, and adds the
// trigger that refuses, in a partner office's transaction, a change of
// anything but the stage.
func sharedAgreements(ctx context.Context, d *DB, t tx) error {
	const partner = "(SELECT MIN(f.id) FROM offices f WHERE f.home_province = agreements.partner_province)"
	const home = "(SELECT h.home_province FROM offices h WHERE h.id = agreements.office_id)"
	if _, err := t.exec(ctx, `UPDATE agreements SET partner_office_id = `+partner+`
		WHERE partner_office_id IS NULL AND partner_province <> `+home+` AND `+partner+` IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM agreements b WHERE b.office_id = `+partner+` AND b.partner_province = `+home+`)`); err != nil {
		return err
	}
	if d.dialect.name() != "postgres" {
		return nil
	}
	if _, err := t.exec(ctx, "DROP POLICY IF EXISTS office_scope ON agreement_changes"); err != nil {
		return err
	}
	return partnerSideTrigger(ctx, t, "agreements", []string{"stage", "signed_on", "updated_at"}, "the stage of a shared agreement")
}
