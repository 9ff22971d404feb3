package store

import (
	"context"
	"strings"

	"github.com/dagang/dagang"
)

// The changes the write API needs beyond the services' Create methods:
// updates and deletions of offers and needs, declarations, agreements,
// targets, events, participations and meeting requests. Each update keeps
// the record's office, runs the record's Validate and the same reference
// checks as its Create, in one transaction.

var _ dagang.Writer = (*DB)(nil)

// listingRefs checks the commodity and the business or organisation of l.
func listingRefs(ctx context.Context, t tx, l *dagang.Listing) error {
	var v dagang.Validation
	if err := exists(ctx, t, &v, "commodity_id", "commodities", "id", l.CommodityID, "komoditas %v tidak dikenal", "unknown commodity %v"); err != nil {
		return err
	}
	if l.BusinessID > 0 {
		if err := exists(ctx, t, &v, "business_id", "businesses", "id", l.BusinessID, "pelaku usaha %v tidak dikenal", "unknown business %v"); err != nil {
			return err
		}
	} else if err := exists(ctx, t, &v, "organisation_id", "organisations", "id", l.OrganisationID, "organisasi %v tidak dikenal", "unknown organisation %v"); err != nil {
		return err
	}
	return v.Err()
}

// UpdateListing changes an offer or need.
func (d *DB) UpdateListing(ctx context.Context, l *dagang.Listing) error {
	if err := l.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+listingCols+" FROM listings WHERE id = ?", "penawaran/kebutuhan", "listing", l.ID, scanListing)
		if err != nil {
			return err
		}
		l.OfficeID = old.OfficeID
		if err := listingRefs(ctx, t, l); err != nil {
			return err
		}
		_, err = t.exec(ctx, "UPDATE listings SET kind = ?, business_id = ?, organisation_id = ?, commodity_id = ?, volume = ?, unit = ?, description = ?, sample = ? WHERE id = ?",
			l.Kind, nullID(l.BusinessID), nullID(l.OrganisationID), l.CommodityID, l.Volume, l.Unit, l.Description, l.Sample, l.ID)
		return err
	})
}

// declarationRefs checks the province and commodity of x.
func declarationRefs(ctx context.Context, t tx, x *dagang.Declaration) error {
	var v dagang.Validation
	if err := exists(ctx, t, &v, "province_code", "provinces", "code", x.ProvinceCode, "provinsi dengan kode %v tidak dikenal", "unknown province code %v"); err != nil {
		return err
	}
	if err := exists(ctx, t, &v, "commodity_id", "commodities", "id", x.CommodityID, "komoditas %v tidak dikenal", "unknown commodity %v"); err != nil {
		return err
	}
	return v.Err()
}

// UpdateDeclaration changes a declaration.
func (d *DB) UpdateDeclaration(ctx context.Context, x *dagang.Declaration) error {
	if err := x.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+declarationCols+" FROM declarations WHERE id = ?", "pernyataan", "declaration", x.ID, scanDeclaration)
		if err != nil {
			return err
		}
		x.OfficeID, x.CreatedAt = old.OfficeID, old.CreatedAt
		if err := declarationRefs(ctx, t, x); err != nil {
			return err
		}
		_, err = t.exec(ctx, "UPDATE declarations SET province_code = ?, commodity_id = ?, kind = ?, statement = ?, declared_by = ?, declared_on = ?, source = ? WHERE id = ?",
			x.ProvinceCode, x.CommodityID, x.Kind, x.Statement, x.DeclaredBy, x.DeclaredOn.String(), x.Source, x.ID)
		return err
	})
}

// DeleteDeclaration removes a declaration.
func (d *DB) DeleteDeclaration(ctx context.Context, id int64) error {
	return d.deleteByID(ctx, "declarations", "pernyataan", "declaration", id)
}

// UpdateAgreement changes an agreement's fields, not its stage: a stage
// other than the stored one is refused on "stage" (MoveAgreement moves it
// and keeps the history). It audits the change.
func (d *DB) UpdateAgreement(ctx context.Context, a *dagang.Agreement) error {
	a.Title = strings.TrimSpace(a.Title)
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+agreementCols+" FROM agreements WHERE id = ?", "kerja sama", "agreement", a.ID, scanAgreement)
		if err != nil {
			return err
		}
		if a.Stage != "" && a.Stage != old.Stage {
			return fieldError("stage", "tahap kerja sama tidak diubah di sini; pakai POST /api/v1/agreements/{id}/stage (atau halaman alur kerja) agar riwayatnya tercatat",
				"the stage is not changed here; use POST /api/v1/agreements/{id}/stage (or the workflow page) so its history is kept")
		}
		a.OfficeID, a.Stage, a.CreatedAt, a.UpdatedAt = old.OfficeID, old.Stage, old.CreatedAt, d.now().UTC()
		if err := a.Validate(); err != nil {
			return err
		}
		var v dagang.Validation
		if err := exists(ctx, t, &v, "partner_province_code", "provinces", "code", a.PartnerProvince, "provinsi dengan kode %v tidak dikenal", "unknown province code %v"); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE agreements SET partner_province = ?, title = ?, reason = ?, signed_on = ?, starts_on = ?, ends_on = ?, document_ref = ?, responsible_staff = ?, sample = ?, updated_at = ? WHERE id = ?",
			a.PartnerProvince, a.Title, a.Reason, a.SignedOn.String(), a.StartsOn.String(), a.EndsOn.String(), a.DocumentRef, a.ResponsibleStaff, a.Sample, a.UpdatedAt, a.ID); err != nil {
			return err
		}
		if a.History, err = agreementHistory(ctx, t, a.ID); err != nil {
			return err
		}
		if err := d.reindex(ctx, t, "agreements", a.ID); err != nil {
			return err
		}
		return d.audit(ctx, t, a.OfficeID, "agreement", a.ID, "update", old, a)
	})
}

// UpdateTarget changes a target's value and note (year and kind too, as
// long as no other target of the office has them).
func (d *DB) UpdateTarget(ctx context.Context, tg *dagang.Target) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+targetCols+" FROM targets WHERE id = ?", "target", "target", tg.ID, scanTarget)
		if err != nil {
			return err
		}
		tg.OfficeID = old.OfficeID
		if err := tg.Validate(); err != nil {
			return err
		}
		res, err := t.exec(ctx, "UPDATE targets SET year = ?, kind = ?, value = ?, note = ? WHERE id = ?", tg.Year, tg.Kind, tg.Value, tg.Note, tg.ID)
		return affected(res, err, "target", "target", tg.ID)
	})
}

// DeleteTarget removes a target.
func (d *DB) DeleteTarget(ctx context.Context, id int64) error {
	return d.deleteByID(ctx, "targets", "target", "target", id)
}

// DeleteEvent removes an event that has no participants or deals yet;
// one that has is refused (ECONFLICT) with what would be orphaned.
func (d *DB) DeleteEvent(ctx context.Context, id int64) error {
	return d.deleteRecord(ctx, "events", "kegiatan", "event", id, []dependant{
		{"participations", "event_id", "peserta", "participants"},
		{"deals", "event_id", "transaksi", "deals"},
	}, func(t tx) (int64, any, error) {
		e, err := get(ctx, t, "SELECT "+eventCols+" FROM events WHERE id = ?", "kegiatan", "event", id, scanEvent)
		if err != nil {
			return 0, nil, err
		}
		return e.OfficeID, e, nil
	})
}

// UpdateParticipation changes a participation's role, status and note; the
// event and the participant stay.
func (d *DB) UpdateParticipation(ctx context.Context, p *dagang.Participation) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+participationCols+" FROM participations WHERE id = ?", "peserta", "participation", p.ID, scanParticipation)
		if err != nil {
			return err
		}
		p.EventID, p.BusinessID, p.OrganisationID = old.EventID, old.BusinessID, old.OrganisationID
		if err := p.Validate(); err != nil {
			return err
		}
		_, err = t.exec(ctx, "UPDATE participations SET role = ?, status = ?, note = ? WHERE id = ?", p.Role, p.Status, p.Note, p.ID)
		return err
	})
}

// DeleteParticipation withdraws a participation without meetings; its
// meeting requests go with it.
func (d *DB) DeleteParticipation(ctx context.Context, id int64) error {
	return d.inTx(ctx, func(t tx) error {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM meetings WHERE a_id = ? OR b_id = ?", id, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return dagang.Errorf(dagang.ECONFLICT, "peserta %d sudah punya jadwal pertemuan; ubah jadwal dahulu", "participant %d already has scheduled meetings; change the schedule first", id)
		}
		if _, err := t.exec(ctx, "DELETE FROM meeting_requests WHERE from_id = ? OR to_id = ?", id, id); err != nil {
			return err
		}
		res, err := t.exec(ctx, "DELETE FROM participations WHERE id = ?", id)
		return affected(res, err, "peserta", "participation", id)
	})
}

// DeleteMeetingRequest removes a meeting request that no scheduled meeting
// refers to.
func (d *DB) DeleteMeetingRequest(ctx context.Context, id int64) error {
	return d.inTx(ctx, func(t tx) error {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM meetings WHERE request_id = ?", id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return dagang.Errorf(dagang.ECONFLICT, "permintaan %d sudah dijadwalkan; ubah jadwal dahulu", "request %d is already scheduled; change the schedule first", id)
		}
		res, err := t.exec(ctx, "DELETE FROM meeting_requests WHERE id = ?", id)
		return affected(res, err, "permintaan pertemuan", "meeting request", id)
	})
}
