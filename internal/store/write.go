package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/dagang/dagang"
)

// Updates and deletions of offers and needs, declarations, agreements,
// targets, events, participations and meeting requests. Each update reads
// the record under lock, keeps its office, sets the fields its Change
// names, runs the record's Validate and the same reference checks as its
// Create, and writes the named columns with a new version, in one
// transaction (version.go).

// listingRefs checks the commodity and the business or organisation of l,
// which must be of l's office.
func listingRefs(ctx context.Context, t tx, l *dagang.Listing) error {
	var v dagang.Validation
	if err := exists(ctx, t, &v, "commodity_id", "commodities", "id", l.CommodityID, "komoditas %v tidak dikenal", "unknown commodity %v"); err != nil {
		return err
	}
	if err := partyRef(ctx, t, &v, l.BusinessID, l.OrganisationID, l.OfficeID); err != nil {
		return err
	}
	return v.Err()
}

// partyRef checks the business, or else the organisation, a listing or a
// participation is of: it must be of the office.
func partyRef(ctx context.Context, t tx, v *dagang.Validation, businessID, organisationID, officeID int64) error {
	if businessID > 0 {
		return ownRef(ctx, t, v, "business_id", "businesses", businessID, officeID, "pelaku usaha", "business")
	}
	return ownRef(ctx, t, v, "organisation_id", "organisations", organisationID, officeID, "organisasi", "organisation")
}

// participationRefs checks the event and the business or organisation of
// p, which must be of the event's office.
func participationRefs(ctx context.Context, t tx, p *dagang.Participation) error {
	var v dagang.Validation
	var officeID int64
	err := t.queryRow(ctx, "SELECT office_id FROM events WHERE id = ?", p.EventID).Scan(&officeID)
	if err == sql.ErrNoRows {
		v.Add("event_id", "kegiatan "+itoa(int(p.EventID))+" tidak dikenal", "unknown event "+itoa(int(p.EventID)))
		return v.Err()
	}
	if err != nil {
		return err
	}
	if err := partyRef(ctx, t, &v, p.BusinessID, p.OrganisationID, officeID); err != nil {
		return err
	}
	return v.Err()
}

var listingColumns = []column[dagang.Listing]{
	col("kind", func(l *dagang.Listing) any { return l.Kind }),
	col("business_id", func(l *dagang.Listing) any { return nullID(l.BusinessID) }),
	col("organisation_id", func(l *dagang.Listing) any { return nullID(l.OrganisationID) }),
	col("commodity_id", func(l *dagang.Listing) any { return l.CommodityID }),
	col("volume", func(l *dagang.Listing) any { return l.Volume }),
	col("unit", func(l *dagang.Listing) any { return l.Unit }),
	col("description", func(l *dagang.Listing) any { return l.Description }),
	col("sample", func(l *dagang.Listing) any { return l.Sample }),
}

// UpdateListing changes an offer or need.
func (d *DB) UpdateListing(ctx context.Context, l *dagang.Listing, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+listingCols+" FROM listings WHERE id = ?"+lockRow(t), "penawaran/kebutuhan", "listing", l.ID, scanListing)
		if err != nil {
			return err
		}
		return versioned(ctx, t, "listings", old, l, c, listingColumns, func(cur *dagang.Listing) error {
			if err := cur.Validate(); err != nil {
				return err
			}
			return listingRefs(ctx, t, cur)
		})
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

var declarationColumns = []column[dagang.Declaration]{
	col("province_code", func(x *dagang.Declaration) any { return x.ProvinceCode }),
	col("commodity_id", func(x *dagang.Declaration) any { return x.CommodityID }),
	col("kind", func(x *dagang.Declaration) any { return x.Kind }),
	col("statement", func(x *dagang.Declaration) any { return x.Statement }),
	col("declared_by", func(x *dagang.Declaration) any { return x.DeclaredBy }),
	col("declared_on", func(x *dagang.Declaration) any { return x.DeclaredOn.String() }),
	col("source", func(x *dagang.Declaration) any { return x.Source }),
}

// UpdateDeclaration changes a declaration.
func (d *DB) UpdateDeclaration(ctx context.Context, x *dagang.Declaration, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+declarationCols+" FROM declarations WHERE id = ?"+lockRow(t), "pernyataan", "declaration", x.ID, scanDeclaration)
		if err != nil {
			return err
		}
		return versioned(ctx, t, "declarations", old, x, c, declarationColumns, func(cur *dagang.Declaration) error {
			if err := cur.Validate(); err != nil {
				return err
			}
			return declarationRefs(ctx, t, cur)
		})
	})
}

// DeleteDeclaration removes a declaration.
func (d *DB) DeleteDeclaration(ctx context.Context, id, version int64) error {
	return d.deleteByID(ctx, "declarations", "pernyataan", "declaration", id, version)
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

var targetColumns = []column[dagang.Target]{
	col("year", func(t *dagang.Target) any { return t.Year }),
	col("kind", func(t *dagang.Target) any { return t.Kind }),
	col("value", func(t *dagang.Target) any { return t.Value }),
	col("note", func(t *dagang.Target) any { return t.Note }),
}

// UpdateTarget changes a target's value and note (year and kind too, as
// long as no other target of the office has them).
func (d *DB) UpdateTarget(ctx context.Context, tg *dagang.Target, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+targetCols+" FROM targets WHERE id = ?"+lockRow(t), "target", "target", tg.ID, scanTarget)
		if err != nil {
			return err
		}
		return versioned(ctx, t, "targets", old, tg, c, targetColumns, (*dagang.Target).Validate)
	})
}

// DeleteTarget removes a target.
func (d *DB) DeleteTarget(ctx context.Context, id, version int64) error {
	return d.deleteByID(ctx, "targets", "target", "target", id, version)
}

// DeleteEvent removes an event that has no participants or deals yet;
// one that has is refused (ECONFLICT) with what would be orphaned.
func (d *DB) DeleteEvent(ctx context.Context, id, version int64) error {
	return d.deleteRecord(ctx, "events", "kegiatan", "event", id, version, []dependant{
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

var participationColumns = []column[dagang.Participation]{
	col("role", func(p *dagang.Participation) any { return p.Role }),
	col("status", func(p *dagang.Participation) any { return p.Status }),
	col("note", func(p *dagang.Participation) any { return p.Note }),
}

// UpdateParticipation changes a participation's role, status and note; the
// event and the participant stay.
func (d *DB) UpdateParticipation(ctx context.Context, p *dagang.Participation, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+participationCols+" FROM participations WHERE id = ?"+lockRow(t), "peserta", "participation", p.ID, scanParticipation)
		if err != nil {
			return err
		}
		return versioned(ctx, t, "participations", old, p, c, participationColumns, (*dagang.Participation).Validate)
	})
}

// DeleteParticipation withdraws a participation without meetings; its
// meeting requests go with it.
func (d *DB) DeleteParticipation(ctx context.Context, id, version int64) error {
	return d.inTx(ctx, func(t tx) error {
		if err := lockVersion(ctx, t, "participations", "peserta", "participation", id, version); err != nil {
			return err
		}
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
func (d *DB) DeleteMeetingRequest(ctx context.Context, id, version int64) error {
	return d.inTx(ctx, func(t tx) error {
		if err := lockVersion(ctx, t, "meeting_requests", "permintaan pertemuan", "meeting request", id, version); err != nil {
			return err
		}
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
