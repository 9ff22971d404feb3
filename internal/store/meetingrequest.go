package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"github.com/dagang/dagang"
)

// The door of meeting requests: who may ask, who may answer, and staff's
// decisions on many requests at once. Every page, API call, import and the
// demo write requests through these three methods.

// participationIn loads participation id of event eventID, EINVALID on
// field when it is not registered there.
func participationIn(ctx context.Context, t tx, eventID, id int64, field string) (*dagang.Participation, error) {
	p, err := scanParticipation(t.queryRow(ctx, "SELECT "+participationCols+" FROM participations WHERE id = ? AND event_id = ?", id, eventID))
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			var v dagang.Validation
			v.Add(field, "peserta "+itoa(int(id))+" tidak terdaftar di kegiatan ini", "participant "+itoa(int(id))+" is not registered for this event")
			return nil, v.Err()
		}
		return nil, err
	}
	return p, nil
}

// CreateMeetingRequest stores a request between two participants of an
// event, in the name of its requesting participant.
func (d *DB) CreateMeetingRequest(ctx context.Context, r *dagang.MeetingRequest) error {
	if r.Status == "" {
		r.Status = dagang.RequestPending
	}
	r.Note, r.Reply = strings.TrimSpace(r.Note), strings.TrimSpace(r.Reply)
	if err := r.Validate(); err != nil {
		return err
	}
	u := dagang.UserFromContext(ctx)
	return d.inTx(ctx, func(t tx) error {
		g, err := eventGridOf(ctx, t, r.EventID)
		if err != nil {
			return err
		}
		from, err := participationIn(ctx, t, r.EventID, r.FromID, "from_participation_id")
		if err != nil {
			return err
		}
		if _, err := participationIn(ctx, t, r.EventID, r.ToID, "to_participation_id"); err != nil {
			return err
		}
		if !dagang.ActsFor(u, from) {
			return dagang.Errorf(dagang.EFORBIDDEN, "Anda hanya dapat meminta pertemuan atas nama usaha atau organisasi Anda sendiri",
				"you can only request meetings in the name of your own business or organisation")
		}
		if !dagang.IsOfficeStaff(u) && r.Status != dagang.RequestPending {
			return dagang.Errorf(dagang.EFORBIDDEN, "permintaan Anda menunggu jawaban pihak yang diminta", "your request waits for the other side's answer")
		}
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM meeting_requests WHERE event_id = ? AND from_id = ? AND to_id = ?",
			r.EventID, r.FromID, r.ToID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return dagang.Errorf(dagang.ECONFLICT, "permintaan pertemuan yang sama sudah ada", "the same meeting request already exists")
		}
		id, err := t.insert(ctx, "INSERT INTO meeting_requests (event_id, from_id, to_id, priority, status, note, reply) VALUES (?, ?, ?, ?, ?, ?, ?)",
			r.EventID, r.FromID, r.ToID, r.Priority, r.Status, r.Note, r.Reply)
		if err != nil {
			return err
		}
		r.ID, r.Version = id, 1
		if err := d.audit(ctx, t, g.officeID, "meeting_request", id, "create", nil, r); err != nil {
			return err
		}
		return d.notifyRequest(ctx, t, r)
	})
}

// checkRequestAnswer refuses a status that is not one, and a reply too long.
func checkRequestAnswer(s dagang.RequestStatus, reply string) error {
	var v dagang.Validation
	v.Check(s.Valid(), "status", "status harus pending, approved atau declined", "status must be pending, approved or declined")
	v.Lines("reply", reply)
	return v.Err()
}

// AnswerMeetingRequest accepts or declines a request (or, for staff, sets
// it back to pending).
func (d *DB) AnswerMeetingRequest(ctx context.Context, id, version int64, s dagang.RequestStatus, reply string) (*dagang.MeetingRequest, error) {
	reply = strings.TrimSpace(reply)
	if err := checkRequestAnswer(s, reply); err != nil {
		return nil, err
	}
	u := dagang.UserFromContext(ctx)
	return changeRecord(ctx, d, "SELECT "+requestCols+" FROM meeting_requests WHERE id = ?", "permintaan pertemuan", "meeting request", "meeting_request", id, scanRequest, requestEvent,
		func(t tx, old *dagang.MeetingRequest, _ eventGrid) (*dagang.MeetingRequest, string, any, any, error) {
			if err := expect(dagang.Change{Version: version}, old.Version, old); err != nil {
				return nil, "", nil, nil, err
			}
			if !dagang.IsOfficeStaff(u) {
				to, err := participationIn(ctx, t, old.EventID, old.ToID, "to_participation_id")
				if err != nil {
					return nil, "", nil, nil, err
				}
				if !dagang.ActsFor(u, to) {
					return nil, "", nil, nil, dagang.Errorf(dagang.EFORBIDDEN, "hanya peserta yang diminta atau staf dinas yang dapat menjawab permintaan ini",
						"only the asked participant or the office's staff can answer this request")
				}
				if s == dagang.RequestPending {
					var v dagang.Validation
					v.Add("status", "jawaban harus approved (terima) atau declined (tolak)", "the answer must be approved (accept) or declined (decline)")
					return nil, "", nil, nil, v.Err()
				}
			}
			return d.setRequestStatus(ctx, t, old, s, reply)
		})
}

// setRequestStatus writes a request's status and reply and says what to
// audit.
func (d *DB) setRequestStatus(ctx context.Context, t tx, old *dagang.MeetingRequest, s dagang.RequestStatus, reply string) (*dagang.MeetingRequest, string, any, any, error) {
	if _, err := t.exec(ctx, "UPDATE meeting_requests SET status = ?, reply = ?, version = version + 1 WHERE id = ?", s, reply, old.ID); err != nil {
		return nil, "", nil, nil, err
	}
	r := *old
	r.Status, r.Reply, r.Version = s, reply, old.Version+1
	if err := d.notifyAnswer(ctx, t, old, &r); err != nil {
		return nil, "", nil, nil, err
	}
	return &r, "status", map[string]any{"status": old.Status, "reply": old.Reply}, map[string]any{"status": s, "reply": reply}, nil
}

// MaxDecisions is the most requests one bulk decision takes.
const MaxDecisions = 1000

// DecideMeetingRequests sets the status of many requests of one event in
// one transaction.
func (d *DB) DecideMeetingRequests(ctx context.Context, eventID int64, ids []int64, s dagang.RequestStatus, reply string) ([]*dagang.MeetingRequest, error) {
	reply = strings.TrimSpace(reply)
	if err := checkRequestAnswer(s, reply); err != nil {
		return nil, err
	}
	if !dagang.IsOfficeStaff(dagang.UserFromContext(ctx)) {
		return nil, dagang.Errorf(dagang.EFORBIDDEN, "hanya staf dinas yang dapat memutuskan banyak permintaan sekaligus", "only the office's staff can decide many requests at once")
	}
	var v dagang.Validation
	v.Check(len(ids) > 0, "ids", "pilih minimal satu permintaan", "choose at least one request")
	v.Check(len(ids) <= MaxDecisions, "ids", "paling banyak 1000 permintaan sekaligus", "at most 1000 requests at once")
	if err := v.Err(); err != nil {
		return nil, err
	}
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var out []*dagang.MeetingRequest
	err := d.inTx(ctx, func(t tx) error {
		g, err := eventGridOf(ctx, t, eventID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			old, err := scanRequest(t.queryRow(ctx, "SELECT "+requestCols+" FROM meeting_requests WHERE id = ? AND event_id = ?"+lockRow(t), id, eventID))
			if err != nil {
				return notFoundIfNoRows(err, "permintaan pertemuan", "meeting request", id)
			}
			r, action, before, after, err := d.setRequestStatus(ctx, t, old, s, reply)
			if err != nil {
				return err
			}
			if err := d.audit(ctx, t, g.officeID, "meeting_request", id, action, before, after); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
