package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/dagang/dagang"
)

var _ dagang.AgendaService = (*DB)(nil)

// eventGrid is the part of an event the agenda checks against.
type eventGrid struct {
	id, officeID  int64
	slots, tables int
}

// notFoundIfNoRows turns a missing row into ENOTFOUND naming the record.
func notFoundIfNoRows(err error, what, whatEN string, id any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(what, whatEN, id)
	}
	return err
}

func eventGridOf(ctx context.Context, t tx, eventID int64) (eventGrid, error) {
	g := eventGrid{id: eventID}
	var days int
	err := t.queryRow(ctx, "SELECT office_id, slots, tables_count, meeting_days FROM events WHERE id = ?", eventID).Scan(&g.officeID, &g.slots, &g.tables, &days)
	if err != nil {
		return g, notFoundIfNoRows(err, "kegiatan", "event", eventID)
	}
	g.slots *= max(1, days) // slots are numbered across the meeting days
	return g, nil
}

// FindAvailability lists the availability records of an event's
// participants, by participation.
func (d *DB) FindAvailability(ctx context.Context, eventID int64) ([]*dagang.Availability, error) {
	t := d.read()
	byID := map[int64]*dagang.Availability{}
	var order []int64
	at := func(id int64) *dagang.Availability {
		a := byID[id]
		if a == nil {
			a = &dagang.Availability{ParticipationID: id, Unavailable: []int{}}
			byID[id] = a
			order = append(order, id)
		}
		return a
	}
	rows, err := t.query(ctx, "SELECT c.participation_id, c.max_meetings FROM participation_caps c JOIN participations p ON p.id = c.participation_id WHERE p.event_id = ? ORDER BY c.participation_id", eventID)
	if err != nil {
		return nil, d.mapError(err)
	}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return nil, d.mapError(err)
		}
		at(id).MaxMeetings = n
	}
	if err := closeRows(rows); err != nil {
		return nil, d.mapError(err)
	}
	rows, err = t.query(ctx, "SELECT u.participation_id, u.slot FROM participation_unavailable u JOIN participations p ON p.id = u.participation_id WHERE p.event_id = ? ORDER BY u.participation_id, u.slot", eventID)
	if err != nil {
		return nil, d.mapError(err)
	}
	for rows.Next() {
		var id int64
		var s int
		if err := rows.Scan(&id, &s); err != nil {
			rows.Close()
			return nil, d.mapError(err)
		}
		a := at(id)
		a.Unavailable = append(a.Unavailable, s)
	}
	if err := closeRows(rows); err != nil {
		return nil, d.mapError(err)
	}
	slices.Sort(order)
	out := make([]*dagang.Availability, len(order))
	for i, id := range order {
		out[i] = byID[id]
	}
	return out, nil
}

func closeRows(rows interface {
	Err() error
	Close() error
}) error {
	err := rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	return err
}

// SetAvailability replaces a participant's cap and unavailable slots. A
// participant's own user may set them, and staff for anyone; another
// party's participation is not found, as the pages and the API answer it.
func (d *DB) SetAvailability(ctx context.Context, a *dagang.Availability) error {
	u := dagang.UserFromContext(ctx)
	return d.inTx(ctx, func(t tx) error {
		p, err := scanParticipation(t.queryRow(ctx, "SELECT "+participationCols+" FROM participations WHERE id = ?", a.ParticipationID))
		if err != nil || !dagang.ActsFor(u, p) {
			return notFoundIfNoRows(cmp.Or(err, sql.ErrNoRows), "peserta", "participant", a.ParticipationID)
		}
		g, err := eventGridOf(ctx, t, p.EventID)
		if err != nil {
			return err
		}
		if err := a.Validate(g.slots); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "DELETE FROM participation_caps WHERE participation_id = ?", a.ParticipationID); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "DELETE FROM participation_unavailable WHERE participation_id = ?", a.ParticipationID); err != nil {
			return err
		}
		if a.MaxMeetings > 0 {
			if _, err := t.exec(ctx, "INSERT INTO participation_caps (participation_id, max_meetings) VALUES (?, ?)", a.ParticipationID, a.MaxMeetings); err != nil {
				return err
			}
		}
		for _, s := range a.Unavailable {
			if _, err := t.exec(ctx, "INSERT INTO participation_unavailable (participation_id, slot) VALUES (?, ?)", a.ParticipationID, s); err != nil {
				return err
			}
		}
		return d.audit(ctx, t, g.officeID, "participation_availability", a.ParticipationID, "update", nil, a)
	})
}

// changeRecord loads one record of an event in a transaction, lets change
// update it, and audits the change in the same transaction. change returns
// the new record, the audit action and the audited old and new values.
func changeRecord[T any](ctx context.Context, d *DB, query, what, whatEN, entity string, id int64, scan func(scanner) (T, error),
	eventID func(T) int64, change func(t tx, old T, g eventGrid) (T, string, any, any, error)) (T, error) {
	var out T
	err := d.inTxOnce(ctx, func(t tx) (any, error) {
		old, err := get(ctx, t, query+lockRow(t), what, whatEN, id, scan)
		if err != nil {
			return nil, err
		}
		g, err := eventGridOf(ctx, t, eventID(old))
		if err != nil {
			return nil, err
		}
		n, action, before, after, err := change(t, old, g)
		if err != nil {
			return nil, err
		}
		out = n
		return n, d.audit(ctx, t, g.officeID, entity, id, action, before, after)
	})
	return out, err
}

func requestEvent(r *dagang.MeetingRequest) int64 { return r.EventID }
func meetingEvent(m *dagang.Meeting) int64        { return m.EventID }

// MoveMeeting puts a meeting at slot and table (both counted from 0) and
// locks it.
func (d *DB) MoveMeeting(ctx context.Context, id int64, slot, table int) (*dagang.Meeting, error) {
	return changeRecord(ctx, d, "SELECT "+meetingCols+" FROM meetings WHERE id = ?", "pertemuan", "meeting", "meeting", id, scanMeeting, meetingEvent,
		func(t tx, old *dagang.Meeting, g eventGrid) (*dagang.Meeting, string, any, any, error) {
			if err := checkMove(ctx, t, old, g, slot, table); err != nil {
				return nil, "", nil, nil, err
			}
			if _, err := t.exec(ctx, "UPDATE meetings SET slot = ?, table_no = ?, locked = ?, version = version + 1 WHERE id = ?", slot, table, true, id); err != nil {
				return nil, "", nil, nil, err
			}
			if err := d.syncCalendar(ctx, t, old.EventID); err != nil {
				return nil, "", nil, nil, err
			}
			m := *old
			m.Slot, m.Table, m.Locked, m.Version = slot, table, true, old.Version+1
			return &m, "move", old, &m, nil
		})
}

// checkMove refuses a move off the grid, onto a taken table, or into a
// slot where a participant meets someone else or is unavailable.
func checkMove(ctx context.Context, t tx, old *dagang.Meeting, g eventGrid, slot, table int) error {
	var v dagang.Validation
	v.Check(slot >= 0 && slot < g.slots, "slot", fmt.Sprintf("sesi harus 1–%d", g.slots), fmt.Sprintf("slot must be 1–%d", g.slots))
	v.Check(table >= 0 && table < g.tables, "table", fmt.Sprintf("meja harus 1–%d", g.tables), fmt.Sprintf("table must be 1–%d", g.tables))
	if err := v.Err(); err != nil {
		return err
	}
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM meetings WHERE event_id = ? AND slot = ? AND table_no = ? AND id <> ?", old.EventID, slot, table, old.ID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return dagang.Errorf(dagang.ECONFLICT, "meja %d pada sesi %d sudah dipakai pertemuan lain", "table %d in slot %d is taken by another meeting", table+1, slot+1)
	}
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM meetings WHERE event_id = ? AND slot = ? AND id <> ? AND (a_id IN (?, ?) OR b_id IN (?, ?))",
		old.EventID, slot, old.ID, old.AID, old.BID, old.AID, old.BID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return dagang.Errorf(dagang.ECONFLICT, "salah satu peserta sudah punya pertemuan lain pada sesi %d", "one of the participants already has another meeting in slot %d", slot+1)
	}
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM participation_unavailable WHERE participation_id IN (?, ?) AND slot = ?", old.AID, old.BID, slot).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return dagang.Errorf(dagang.ECONFLICT, "salah satu peserta tidak tersedia pada sesi %d", "one of the participants is unavailable in slot %d", slot+1)
	}
	return nil
}

// LockMeeting locks or unlocks a meeting where it is.
func (d *DB) LockMeeting(ctx context.Context, id int64, locked bool) (*dagang.Meeting, error) {
	return changeRecord(ctx, d, "SELECT "+meetingCols+" FROM meetings WHERE id = ?", "pertemuan", "meeting", "meeting", id, scanMeeting, meetingEvent,
		func(t tx, old *dagang.Meeting, _ eventGrid) (*dagang.Meeting, string, any, any, error) {
			if _, err := t.exec(ctx, "UPDATE meetings SET locked = ?, version = version + 1 WHERE id = ?", locked, id); err != nil {
				return nil, "", nil, nil, err
			}
			m := *old
			m.Locked, m.Version = locked, old.Version+1
			action := "unlock"
			if locked {
				action = "lock"
			}
			return &m, action, map[string]any{"locked": old.Locked}, map[string]any{"locked": locked}, nil
		})
}
