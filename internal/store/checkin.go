package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/dagang/dagang"
)

var _ dagang.CheckinService = (*DB)(nil)

func staffOnly(ctx context.Context) error {
	if !dagang.IsOfficeStaff(dagang.UserFromContext(ctx)) {
		return dagang.Errorf(dagang.EFORBIDDEN, "hanya staf dinas yang mencatat hari kegiatan", "only the office's staff record the event day")
	}
	return nil
}

const checkinCols = `id, event_id, participation_id, checked_in_at, COALESCE(user_id, 0)`

func scanCheckin(s scanner) (*dagang.Checkin, error) {
	var c dagang.Checkin
	err := s.Scan(&c.ID, &c.EventID, &c.ParticipationID, &c.At, &c.UserID)
	c.At = c.At.UTC()
	return &c, err
}

// CheckIn records an arrival once.
func (d *DB) CheckIn(ctx context.Context, c *dagang.Checkin) (bool, error) {
	if err := staffOnly(ctx); err != nil {
		return false, err
	}
	var userID int64
	if u := dagang.UserFromContext(ctx); u != nil {
		userID = u.ID
	}
	created := false
	err := d.inTxOnce(ctx, func(t tx) (any, error) {
		g, err := eventGridOf(ctx, t, c.EventID)
		if err != nil {
			return nil, err
		}
		if _, err := participationIn(ctx, t, c.EventID, c.ParticipationID, "participation_id"); err != nil {
			return nil, err
		}
		old, err := scanCheckin(t.queryRow(ctx, "SELECT "+checkinCols+" FROM checkins WHERE participation_id = ?", c.ParticipationID))
		if err == nil {
			*c = *old
			return dagang.CheckedIn{Checkin: c}, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		c.At, c.UserID = d.now().UTC(), userID
		id, err := t.insert(ctx, "INSERT INTO checkins (event_id, participation_id, checked_in_at, user_id) VALUES (?, ?, ?, ?)",
			c.EventID, c.ParticipationID, c.At, nullID(userID))
		if err != nil {
			return nil, err
		}
		c.ID, created = id, true
		return dagang.CheckedIn{Checkin: c, Created: true}, d.audit(ctx, t, g.officeID, "checkin", id, "create", nil, c)
	})
	return created, err
}

// FindCheckins lists an event's check-ins by time.
func (d *DB) FindCheckins(ctx context.Context, eventID int64) ([]*dagang.Checkin, error) {
	rows, err := d.read().query(ctx, "SELECT "+checkinCols+" FROM checkins WHERE event_id = ? ORDER BY checked_in_at, id", eventID)
	if err != nil {
		return nil, d.mapError(err)
	}
	out := []*dagang.Checkin{}
	for rows.Next() {
		c, err := scanCheckin(rows)
		if err != nil {
			rows.Close()
			return nil, d.mapError(err)
		}
		out = append(out, c)
	}
	return out, d.mapError(closeRows(rows))
}

// MarkMeeting records a meeting's outcome; a held or no-show meeting is
// locked so that re-solving and repairing keep it where it was.
func (d *DB) MarkMeeting(ctx context.Context, id, version int64, o dagang.MeetingOutcome) (*dagang.Meeting, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	if !o.Valid() {
		var v dagang.Validation
		v.Add("outcome", "hasil harus held, no_show_a, no_show_b, no_show_both, moved atau kosong", "outcome must be held, no_show_a, no_show_b, no_show_both, moved or empty")
		return nil, v.Err()
	}
	return changeRecord(ctx, d, "SELECT "+meetingCols+" FROM meetings WHERE id = ?", "pertemuan", "meeting", "meeting", id, scanMeeting, meetingEvent,
		func(t tx, old *dagang.Meeting, _ eventGrid) (*dagang.Meeting, string, any, any, error) {
			if err := expect(dagang.Change{Version: version}, old.Version, old); err != nil {
				return nil, "", nil, nil, err
			}
			m := *old
			m.Outcome, m.Version = o, old.Version+1
			m.OutcomeAt = nil
			if o != dagang.OutcomeNone {
				at := d.now().UTC()
				m.OutcomeAt = &at
			}
			// What happened stays where it happened; a moved meeting is
			// free to go elsewhere.
			m.Locked = old.Locked || (o != dagang.OutcomeNone && o != dagang.OutcomeMoved)
			if o == dagang.OutcomeMoved {
				m.Locked = false
			}
			var at any
			if m.OutcomeAt != nil {
				at = *m.OutcomeAt
			}
			if _, err := t.exec(ctx, "UPDATE meetings SET outcome = ?, outcome_at = ?, locked = ?, version = version + 1 WHERE id = ?", o, at, m.Locked, id); err != nil {
				return nil, "", nil, nil, err
			}
			return &m, "outcome", map[string]any{"outcome": old.Outcome, "locked": old.Locked}, map[string]any{"outcome": o, "locked": m.Locked}, nil
		})
}
