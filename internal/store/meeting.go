package store

import (
	"context"
	"database/sql"

	"github.com/dagang/dagang"
)

var _ dagang.MeetingService = (*DB)(nil)

const requestCols = `id, version, event_id, from_id, to_id, priority, status, note, reply`

var requestSort = sortSpec{def: "priority DESC, id", columns: map[string]string{"priority": "priority", "id": "id", "status": "status"}}

func scanRequest(s scanner) (*dagang.MeetingRequest, error) {
	var r dagang.MeetingRequest
	err := s.Scan(&r.ID, &r.Version, &r.EventID, &r.FromID, &r.ToID, &r.Priority, &r.Status, &r.Note, &r.Reply)
	return &r, err
}

// FindMeetingRequestByID returns one request.
func (d *DB) FindMeetingRequestByID(ctx context.Context, id int64) (*dagang.MeetingRequest, error) {
	r, err := get(ctx, d.read(), "SELECT "+requestCols+" FROM meeting_requests WHERE id = ?", "permintaan pertemuan", "meeting request", id, scanRequest)
	return r, d.mapError(err)
}

// FindMeetingRequests lists requests.
func (d *DB) FindMeetingRequests(ctx context.Context, f dagang.MeetingFilter) ([]*dagang.MeetingRequest, int, error) {
	var w where
	w.eq("event_id", f.EventID)
	w.eq("status", string(f.Status))
	if f.ParticipationID != 0 {
		w.add("(from_id = ? OR to_id = ?)", f.ParticipationID, f.ParticipationID)
	}
	rs, n, err := list(ctx, d.read(), "SELECT "+requestCols+" FROM meeting_requests", "SELECT COUNT(*) FROM meeting_requests", w, requestSort, f.ListOptions, scanRequest)
	return rs, n, d.mapError(err)
}

// checkParticipants verifies that both participations belong to the event.
func checkParticipants(ctx context.Context, t tx, eventID int64, fields [2]string, ids [2]int64) error {
	var v dagang.Validation
	for i, id := range ids {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM participations WHERE id = ? AND event_id = ?", id, eventID).Scan(&n); err != nil {
			return err
		}
		v.Check(n > 0, fields[i], "peserta "+itoa(int(id))+" tidak terdaftar di kegiatan ini", "participant "+itoa(int(id))+" is not registered for this event")
	}
	return v.Err()
}

const meetingCols = `id, version, event_id, request_id, a_id, b_id, slot, table_no, locked, outcome, outcome_at`

var meetingSort = sortSpec{def: "slot, table_no", columns: map[string]string{"slot": "slot", "table": "table_no", "id": "id"}}

func scanMeeting(s scanner) (*dagang.Meeting, error) {
	var m dagang.Meeting
	var at sql.NullTime
	err := s.Scan(&m.ID, &m.Version, &m.EventID, idOf{&m.RequestID}, &m.AID, &m.BID, &m.Slot, &m.Table, &m.Locked, &m.Outcome, &at)
	if at.Valid {
		t := at.Time.UTC()
		m.OutcomeAt = &t
	}
	return &m, err
}

// FindMeetingByID returns one meeting.
func (d *DB) FindMeetingByID(ctx context.Context, id int64) (*dagang.Meeting, error) {
	m, err := get(ctx, d.read(), "SELECT "+meetingCols+" FROM meetings WHERE id = ?", "pertemuan", "meeting", id, scanMeeting)
	return m, d.mapError(err)
}

// FindMeetings lists scheduled meetings.
func (d *DB) FindMeetings(ctx context.Context, f dagang.MeetingFilter) ([]*dagang.Meeting, int, error) {
	var w where
	w.eq("event_id", f.EventID)
	if f.ParticipationID != 0 {
		w.add("(a_id = ? OR b_id = ?)", f.ParticipationID, f.ParticipationID)
	}
	ms, n, err := list(ctx, d.read(), "SELECT "+meetingCols+" FROM meetings", "SELECT COUNT(*) FROM meetings", w, meetingSort, f.ListOptions, scanMeeting)
	return ms, n, d.mapError(err)
}

// ReplaceMeetings stores a new schedule for an event: unlocked meetings are
// replaced by ms, locked ones stay. All or nothing.
func (d *DB) ReplaceMeetings(ctx context.Context, eventID int64, ms []*dagang.Meeting) error {
	var v dagang.Validation
	for i, m := range ms {
		m.EventID = eventID
		v.Merge("meetings["+itoa(i)+"].", m.Validate())
	}
	if err := v.Err(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error {
		if _, err := t.exec(ctx, "DELETE FROM meetings WHERE event_id = ? AND locked = ?", eventID, false); err != nil {
			return err
		}
		for i, m := range ms {
			if err := checkParticipants(ctx, t, eventID, [2]string{"meetings[" + itoa(i) + "].a_participation_id", "meetings[" + itoa(i) + "].b_participation_id"}, [2]int64{m.AID, m.BID}); err != nil {
				return err
			}
			id, err := t.insert(ctx, "INSERT INTO meetings (event_id, request_id, a_id, b_id, slot, table_no, locked) VALUES (?, ?, ?, ?, ?, ?, ?)",
				eventID, nullID(m.RequestID), m.AID, m.BID, m.Slot, m.Table, m.Locked)
			if err != nil {
				return err
			}
			m.ID, m.Version = id, 1
		}
		return d.syncCalendar(ctx, t, eventID)
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
