package store

import (
	"context"

	"github.com/dagang/dagang"
)

const calendarCols = `event_id, a_id, b_id, slot, table_no, sequence, cancelled, changed_at`

func scanCalendarEntry(s scanner) (*dagang.CalendarEntry, error) {
	var c dagang.CalendarEntry
	err := s.Scan(&c.EventID, &c.AID, &c.BID, &c.Slot, &c.Table, &c.Sequence, &c.Cancelled, &c.ChangedAt)
	return &c, err
}

// FindCalendarEntries lists an event's calendar entries by slot and table.
func (d *DB) FindCalendarEntries(ctx context.Context, eventID, participationID int64) ([]*dagang.CalendarEntry, error) {
	q := "SELECT " + calendarCols + " FROM meeting_calendar WHERE event_id = ?"
	args := []any{eventID}
	if participationID != 0 {
		q += " AND (a_id = ? OR b_id = ?)"
		args = append(args, participationID, participationID)
	}
	out, err := calendarEntries(ctx, d.read(), q+" ORDER BY slot, table_no, a_id, b_id", args...)
	return out, d.mapError(err)
}

func calendarEntries(ctx context.Context, t tx, q string, args ...any) ([]*dagang.CalendarEntry, error) {
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	out := []*dagang.CalendarEntry{}
	for rows.Next() {
		c, err := scanCalendarEntry(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, c)
	}
	return out, closeRows(rows)
}

// syncCalendar brings an event's calendar entries in step with its
// meetings, inside the transaction that changed them: a new pair gets an
// entry at sequence 0; a pair whose meeting moved to another slot or
// table, or came back after a cancellation, is raised one sequence; a
// pair without a meeting any more is cancelled, one sequence up. Every
// write of the schedule ends with it, so no path can move a meeting and
// leave calendars behind.
func (d *DB) syncCalendar(ctx context.Context, t tx, eventID int64) error {
	type pair [2]int64
	type place struct{ slot, table int }
	now := d.now().UTC()
	rows, err := t.query(ctx, "SELECT a_id, b_id, slot, table_no FROM meetings WHERE event_id = ?", eventID)
	if err != nil {
		return err
	}
	current := map[pair]place{}
	var order []pair
	for rows.Next() {
		var a, b int64
		var p place
		if err := rows.Scan(&a, &b, &p.slot, &p.table); err != nil {
			rows.Close()
			return err
		}
		k := pair{min(a, b), max(a, b)}
		current[k] = p
		order = append(order, k)
	}
	if err := closeRows(rows); err != nil {
		return err
	}
	entries, err := calendarEntries(ctx, t, "SELECT "+calendarCols+" FROM meeting_calendar WHERE event_id = ?", eventID)
	if err != nil {
		return err
	}
	known := map[pair]*dagang.CalendarEntry{}
	for _, c := range entries {
		known[pair{c.AID, c.BID}] = c
	}
	for _, k := range order {
		p := current[k]
		c := known[k]
		switch {
		case c == nil:
			_, err = t.exec(ctx, "INSERT INTO meeting_calendar ("+calendarCols+") VALUES (?, ?, ?, ?, ?, 0, ?, ?)", eventID, k[0], k[1], p.slot, p.table, false, now)
		case c.Cancelled || c.Slot != p.slot || c.Table != p.table:
			_, err = t.exec(ctx, "UPDATE meeting_calendar SET slot = ?, table_no = ?, sequence = sequence + 1, cancelled = ?, changed_at = ? WHERE event_id = ? AND a_id = ? AND b_id = ?",
				p.slot, p.table, false, now, eventID, k[0], k[1])
		}
		if err != nil {
			return err
		}
	}
	for _, c := range entries {
		if _, ok := current[pair{c.AID, c.BID}]; ok || c.Cancelled {
			continue
		}
		if _, err := t.exec(ctx, "UPDATE meeting_calendar SET sequence = sequence + 1, cancelled = ?, changed_at = ? WHERE event_id = ? AND a_id = ? AND b_id = ?",
			true, now, eventID, c.AID, c.BID); err != nil {
			return err
		}
	}
	return nil
}
