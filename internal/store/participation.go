package store

import (
	"context"
	"database/sql"

	"github.com/dagang/dagang"
)

var _ dagang.ParticipationService = (*DB)(nil)

const participationCols = `id, version, event_id, role, business_id, organisation_id, status, note`

var participationSort = sortSpec{def: "event_id, role, id", columns: map[string]string{"id": "id", "role": "role", "status": "status"}}

func scanParticipation(s scanner) (*dagang.Participation, error) {
	var p dagang.Participation
	err := s.Scan(&p.ID, &p.Version, &p.EventID, &p.Role, idOf{&p.BusinessID}, idOf{&p.OrganisationID}, &p.Status, &p.Note)
	return &p, err
}

// FindParticipationByID returns one participation.
func (d *DB) FindParticipationByID(ctx context.Context, id int64) (*dagang.Participation, error) {
	p, err := get(ctx, d.read(), "SELECT "+participationCols+" FROM participations WHERE id = ?", "peserta", "participation", id, scanParticipation)
	return p, d.mapError(err)
}

// FindParticipations lists participations.
func (d *DB) FindParticipations(ctx context.Context, f dagang.ParticipationFilter) ([]*dagang.Participation, int, error) {
	var w where
	w.eq("event_id", f.EventID)
	w.eq("business_id", f.BusinessID)
	w.eq("organisation_id", f.OrganisationID)
	w.eq("role", string(f.Role))
	w.eq("status", string(f.Status))
	ps, n, err := list(ctx, d.read(), "SELECT "+participationCols+" FROM participations", "SELECT COUNT(*) FROM participations", w, participationSort, f.ListOptions, scanParticipation)
	return ps, n, d.mapError(err)
}

// CreateParticipation stores an application, delegation seat or buyer.
// A business takes part in an event once.
func (d *DB) CreateParticipation(ctx context.Context, p *dagang.Participation) error {
	if p.Status == "" {
		p.Status = dagang.ParticipationApplied
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error { return createParticipation(ctx, t, p) })
}

// createParticipation inserts a validated participation after checking
// its references; CreateParticipation and the approval of a registration
// share it.
func createParticipation(ctx context.Context, t tx, p *dagang.Participation) error {
	if err := participationRefs(ctx, t, p); err != nil {
		return err
	}
	id, err := t.insert(ctx, "INSERT INTO participations (event_id, role, business_id, organisation_id, status, note) VALUES (?, ?, ?, ?, ?, ?)",
		p.EventID, p.Role, nullID(p.BusinessID), nullID(p.OrganisationID), p.Status, p.Note)
	p.ID, p.Version = id, 1
	return err
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
		if err := versioned(ctx, t, "participations", old, p, c, participationColumns, (*dagang.Participation).Validate); err != nil {
			return err
		}
		return d.notifyApplication(ctx, t, old, p)
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
