package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/dagang/dagang"
)

var _ dagang.RepairService = (*DB)(nil)

// RepairMeetings applies a repaired day.
func (d *DB) RepairMeetings(ctx context.Context, eventID int64, ch dagang.MeetingChanges) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error {
		g, err := eventGridOf(ctx, t, eventID)
		if err != nil {
			return err
		}
		load := func(id int64) (*dagang.Meeting, error) {
			m, err := scanMeeting(t.queryRow(ctx, "SELECT "+meetingCols+" FROM meetings WHERE id = ? AND event_id = ?"+lockRow(t), id, eventID))
			if errors.Is(err, sql.ErrNoRows) {
				return nil, dagang.Errorf(dagang.ECONFLICT, "pertemuan %d sudah tidak ada; ulangi perbaikan", "meeting %d is gone; repair again", id)
			}
			if err == nil && m.Locked {
				return nil, dagang.Errorf(dagang.ECONFLICT, "pertemuan %d terkunci; ulangi perbaikan", "meeting %d is locked; repair again", id)
			}
			return m, err
		}
		for _, id := range ch.Drops {
			old, err := load(id)
			if err != nil {
				return err
			}
			if _, err := t.exec(ctx, "DELETE FROM meetings WHERE id = ?", id); err != nil {
				return err
			}
			if err := d.audit(ctx, t, g.officeID, "meeting", id, "repair_drop", old, nil); err != nil {
				return err
			}
		}
		olds := make([]*dagang.Meeting, len(ch.Moves))
		for i, m := range ch.Moves {
			if olds[i], err = load(m.ID); err != nil {
				return err
			}
			// Off the grid first, so that two meetings trading tables do
			// not meet the unique index half-way.
			if _, err := t.exec(ctx, "UPDATE meetings SET table_no = ? WHERE id = ?", -1-m.ID, m.ID); err != nil {
				return err
			}
		}
		for i, m := range ch.Moves {
			if err := checkGrid(g, m); err != nil {
				return err
			}
			if _, err := t.exec(ctx, "UPDATE meetings SET slot = ?, table_no = ?, outcome = '', outcome_at = NULL, version = version + 1 WHERE id = ?", m.Slot, m.Table, m.ID); err != nil {
				return err
			}
			n := *olds[i]
			n.Slot, n.Table, n.Version, n.Outcome, n.OutcomeAt = m.Slot, m.Table, olds[i].Version+1, dagang.OutcomeNone, nil
			*m = n
			if err := d.audit(ctx, t, g.officeID, "meeting", m.ID, "repair_move", olds[i], m); err != nil {
				return err
			}
		}
		for i, m := range ch.Adds {
			m.EventID = eventID
			if err := m.Validate(); err != nil {
				return err
			}
			if err := checkGrid(g, m); err != nil {
				return err
			}
			if err := checkParticipants(ctx, t, eventID, [2]string{"adds[" + itoa(i) + "].a_participation_id", "adds[" + itoa(i) + "].b_participation_id"}, [2]int64{m.AID, m.BID}); err != nil {
				return err
			}
			id, err := t.insert(ctx, "INSERT INTO meetings (event_id, request_id, a_id, b_id, slot, table_no, locked) VALUES (?, ?, ?, ?, ?, ?, ?)",
				eventID, nullID(m.RequestID), m.AID, m.BID, m.Slot, m.Table, false)
			if err != nil {
				return err
			}
			m.ID, m.Version = id, 1
			if err := d.audit(ctx, t, g.officeID, "meeting", id, "repair_add", nil, m); err != nil {
				return err
			}
		}
		var clash int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT p, slot FROM (SELECT a_id AS p, slot FROM meetings WHERE event_id = ? UNION ALL SELECT b_id, slot FROM meetings WHERE event_id = ?) x GROUP BY p, slot HAVING COUNT(*) > 1) y`,
			eventID, eventID).Scan(&clash); err != nil {
			return err
		}
		if clash > 0 {
			return dagang.Errorf(dagang.ECONFLICT, "perbaikan membuat peserta bertemu dua kali dalam satu sesi; ulangi perbaikan", "the repair would have a participant meet twice in one slot; repair again")
		}
		return d.syncCalendar(ctx, t, eventID)
	})
}

func checkGrid(g eventGrid, m *dagang.Meeting) error {
	if m.Slot < 0 || m.Slot >= g.slots || m.Table < 0 || m.Table >= g.tables {
		return dagang.Errorf(dagang.EINVALID, "pertemuan di sesi %d meja %d berada di luar grid kegiatan", "a meeting at slot %d table %d lies outside the event grid", m.Slot+1, m.Table+1)
	}
	return nil
}
