package store

import (
	"context"
	"database/sql"

	"github.com/dagang/dagang"
)

var _ dagang.MissionService = (*DB)(nil)

// MoveEvent moves an event of an office to the next status of its
// lifecycle and audits the change.
func (d *DB) MoveEvent(ctx context.Context, officeID, id, version int64, to dagang.EventStatus) (*dagang.Event, error) {
	var out *dagang.Event
	err := d.inTx(ctx, func(t tx) error {
		old, err := officeEvent(ctx, t, officeID, id)
		if err != nil {
			return err
		}
		if err := expect(dagang.Change{Version: version}, old.Version, old); err != nil {
			return err
		}
		if err := dagang.CheckEventMove(old.Status, to); err != nil {
			return err
		}
		e := *old
		e.Status, e.Version = to, old.Version+1
		if _, err := t.exec(ctx, "UPDATE events SET status = ?, version = version + 1 WHERE id = ?", to, id); err != nil {
			return err
		}
		out = &e
		return d.audit(ctx, t, officeID, "event", id, "move", old, &e)
	})
	return out, d.mapError(err)
}

const overrideCols = `id, event_id, business_id, action, reason, made_by, made_at`

func scanOverride(s scanner) (*dagang.DelegationOverride, error) {
	var o dagang.DelegationOverride
	err := s.Scan(&o.ID, &o.EventID, &o.BusinessID, &o.Action, &o.Reason, &o.By, &o.At)
	return &o, err
}

// OverrideDelegation records a staff override of a delegation, sets the
// applicant's participation and audits both.
func (d *DB) OverrideDelegation(ctx context.Context, o *dagang.DelegationOverride) error {
	if err := o.Validate(); err != nil {
		return err
	}
	o.At = d.now().UTC()
	err := d.inTx(ctx, func(t tx) error {
		p, err := application(ctx, t, o.EventID, o.BusinessID)
		if err != nil {
			return err
		}
		var officeID int64
		if err := t.queryRow(ctx, "SELECT office_id FROM events WHERE id = ?", o.EventID).Scan(&officeID); err != nil {
			return err
		}
		id, err := t.insert(ctx, "INSERT INTO delegation_overrides (event_id, business_id, action, reason, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?)",
			o.EventID, o.BusinessID, o.Action, o.Reason, o.By, o.At)
		if err != nil {
			return err
		}
		o.ID = id
		np := *p
		np.Status, np.Note = dagang.ParticipationSelected, "Ditambahkan oleh "+o.By+": "+o.Reason
		if o.Action == dagang.OverrideRemove {
			np.Status, np.Note = dagang.ParticipationRejected, "Dikeluarkan oleh "+o.By+": "+o.Reason
		}
		if err := np.Validate(); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE participations SET status = ?, note = ?, version = version + 1 WHERE id = ?", np.Status, np.Note, np.ID); err != nil {
			return err
		}
		if err := d.audit(ctx, t, officeID, "participation", np.ID, "override_"+string(o.Action), p, &np); err != nil {
			return err
		}
		return d.audit(ctx, t, officeID, "delegation_override", o.ID, "create", nil, o)
	})
	return d.mapError(err)
}

// FindDelegationOverrides lists the overrides of an event, oldest first.
func (d *DB) FindDelegationOverrides(ctx context.Context, eventID int64) ([]*dagang.DelegationOverride, error) {
	rows, err := d.read().query(ctx, "SELECT "+overrideCols+" FROM delegation_overrides WHERE event_id = ? ORDER BY id", eventID)
	if err != nil {
		return nil, d.mapError(err)
	}
	defer rows.Close()
	var out []*dagang.DelegationOverride
	for rows.Next() {
		o, err := scanOverride(rows)
		if err != nil {
			return nil, d.mapError(err)
		}
		out = append(out, o)
	}
	return out, d.mapError(rows.Err())
}

// SetDelegation stores the decision on each applicant of an open event
// and moves the event to delegation_set, all or nothing.
func (d *DB) SetDelegation(ctx context.Context, officeID, eventID int64, ds []dagang.DelegationDecision) error {
	var v dagang.Validation
	for i, x := range ds {
		field := "decisions[" + itoa(i) + "]"
		v.Check(x.Status == dagang.ParticipationSelected || x.Status == dagang.ParticipationRejected, field+".status",
			"keputusan harus selected atau rejected", "decision must be selected or rejected")
		v.Check(len(x.Note) <= 2000, field+".note", "catatan terlalu panjang (maks. 2000 karakter)", "note is too long (max 2000 characters)")
		v.Lines(field+".note", x.Note)
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := d.inTx(ctx, func(t tx) error {
		old, err := officeEvent(ctx, t, officeID, eventID)
		if err != nil {
			return err
		}
		if err := dagang.CheckEventMove(old.Status, dagang.EventDelegationSet); err != nil {
			return err
		}
		for _, x := range ds {
			p, err := application(ctx, t, eventID, x.BusinessID)
			if err != nil {
				return err
			}
			np := *p
			np.Status, np.Note = x.Status, x.Note
			if _, err := t.exec(ctx, "UPDATE participations SET status = ?, note = ?, version = version + 1 WHERE id = ?", np.Status, np.Note, np.ID); err != nil {
				return err
			}
			if err := d.audit(ctx, t, officeID, "participation", np.ID, "delegation", p, &np); err != nil {
				return err
			}
		}
		e := *old
		e.Status, e.Version = dagang.EventDelegationSet, old.Version+1
		if _, err := t.exec(ctx, "UPDATE events SET status = ?, version = version + 1 WHERE id = ?", e.Status, eventID); err != nil {
			return err
		}
		return d.audit(ctx, t, officeID, "event", eventID, "move", old, &e)
	})
	return d.mapError(err)
}

// officeEvent reads an event of an office; another office's event is not
// found.
func officeEvent(ctx context.Context, t tx, officeID, id int64) (*dagang.Event, error) {
	e, err := scanEvent(t.queryRow(ctx, "SELECT "+eventCols+" FROM events WHERE id = ? AND office_id = ?"+lockRow(t), id, officeID))
	if err == sql.ErrNoRows {
		return nil, notFound("kegiatan", "event", id)
	}
	return e, err
}

// application reads the participation of a business in an event.
func application(ctx context.Context, t tx, eventID, businessID int64) (*dagang.Participation, error) {
	p, err := scanParticipation(t.queryRow(ctx, "SELECT "+participationCols+" FROM participations WHERE event_id = ? AND business_id = ?", eventID, businessID))
	if err == sql.ErrNoRows {
		return nil, dagang.Errorf(dagang.ENOTFOUND, "pelaku usaha %d tidak mendaftar ke kegiatan %d", "business %d did not apply to event %d", businessID, eventID)
	}
	return p, err
}
