package dagang

import (
	"context"
	"strconv"
	"time"
)

// RequestStatus is where a meeting request stands.
type RequestStatus string

// Meeting request statuses.
const (
	RequestPending  RequestStatus = "pending"
	RequestApproved RequestStatus = "approved"
	RequestDeclined RequestStatus = "declined"
)

// RequestStatuses are the valid meeting request statuses.
var RequestStatuses = []RequestStatus{RequestPending, RequestApproved, RequestDeclined}

// Valid reports whether s is a known status.
func (s RequestStatus) Valid() bool {
	return s == RequestPending || s == RequestApproved || s == RequestDeclined
}

// ActsFor reports whether user u may act in the name of participation p:
// the system (nil), admins and staff for anyone, a business or counterpart
// user for the participations of its own business or organisation.
// Leadership reads only.
func ActsFor(u *User, p *Participation) bool {
	if u == nil {
		return true
	}
	switch u.Role {
	case UserAdmin, UserStaff:
		return true
	case UserBusiness:
		return u.BusinessID != 0 && p.BusinessID == u.BusinessID
	case UserCounterpart:
		return u.OrganisationID != 0 && p.OrganisationID == u.OrganisationID
	}
	return false
}

// IsOfficeStaff reports whether u is the system (nil), an admin or staff:
// who may act for every participant.
func IsOfficeStaff(u *User) bool {
	return u == nil || u.Role == UserAdmin || u.Role == UserStaff
}

// MeetingRequest asks for a one-to-one meeting between two participants of
// an event, with a priority from 1 (nice to have) to 5 (must meet).
type MeetingRequest struct {
	ID       int64         `json:"id"`
	Version  int64         `json:"version"` // raised by every change; the API's ETag
	EventID  int64         `json:"event_id"`
	FromID   int64         `json:"from_participation_id"`
	ToID     int64         `json:"to_participation_id"`
	Priority int           `json:"priority"`
	Status   RequestStatus `json:"status"`
	Note     string        `json:"note,omitempty"`
	// Reply is the optional message of whoever accepted or declined.
	Reply string `json:"reply,omitempty"`
}

// Validate checks the request's fields.
func (r *MeetingRequest) Validate() error {
	var v Validation
	v.Check(r.EventID > 0, "event_id", "kegiatan wajib dipilih", "event is required")
	v.Check(r.FromID > 0, "from_participation_id", "peminta pertemuan wajib dipilih", "requesting participant is required")
	v.Check(r.ToID > 0, "to_participation_id", "peserta yang diminta wajib dipilih", "requested participant is required")
	v.Check(r.FromID != r.ToID, "to_participation_id", "peserta tidak dapat bertemu dirinya sendiri", "a participant cannot meet itself")
	v.Check(r.Priority >= 1 && r.Priority <= 5, "priority", "prioritas harus 1–5", "priority must be 1–5")
	v.Check(r.Status.Valid(), "status", "status permintaan tidak dikenal", "unknown request status")
	v.Lines("note", r.Note)
	v.Lines("reply", r.Reply)
	return v.Err()
}

// Meeting is a scheduled one-to-one meeting at a slot and table.
type Meeting struct {
	ID        int64 `json:"id"`
	Version   int64 `json:"version"` // raised by every change; the API's ETag
	EventID   int64 `json:"event_id"`
	RequestID int64 `json:"request_id,omitempty"`
	AID       int64 `json:"a_participation_id"`
	BID       int64 `json:"b_participation_id"`
	Slot      int   `json:"slot"`
	Table     int   `json:"table"`
	Locked    bool  `json:"locked"` // staff fixed it; re-solving keeps it
	// Outcome is what happened on the day ("" not marked yet), marked at
	// OutcomeAt.
	Outcome   MeetingOutcome `json:"outcome,omitempty"`
	OutcomeAt *time.Time     `json:"outcome_at,omitempty"`
}

// Validate checks the meeting's fields.
func (m *Meeting) Validate() error {
	var v Validation
	v.Check(m.EventID > 0, "event_id", "kegiatan wajib dipilih", "event is required")
	v.Check(m.AID > 0 && m.BID > 0 && m.AID != m.BID, "b_participation_id", "pertemuan butuh dua peserta yang berbeda", "a meeting needs two different participants")
	v.Check(m.Slot >= 0, "slot", "sesi tidak boleh negatif", "slot cannot be negative")
	v.Check(m.Table >= 0, "table", "meja tidak boleh negatif", "table cannot be negative")
	return v.Err()
}

// MeetingFilter selects meeting requests or meetings.
type MeetingFilter struct {
	ListOptions
	EventID         int64
	ParticipationID int64
	Status          RequestStatus
}

// MeetingService keeps meeting requests and the schedule.
type MeetingService interface {
	FindMeetingRequestByID(ctx context.Context, id int64) (*MeetingRequest, error)
	FindMeetingRequests(ctx context.Context, f MeetingFilter) ([]*MeetingRequest, int, error)
	// CreateMeetingRequest stores a request. Staff ask for anyone; a
	// business or counterpart user only from its own participation, and
	// its request waits for the other side (EFORBIDDEN otherwise). One
	// request per direction: a second is ECONFLICT (staff may reopen a
	// declined one).
	CreateMeetingRequest(ctx context.Context, r *MeetingRequest) error
	// AnswerMeetingRequest accepts (approved) or declines a request, with
	// an optional reply, at version (0: any). The asked participant answers
	// for itself; staff answer for anyone and may also set a request back
	// to pending. EFORBIDDEN for anyone else, ENOTFOUND, EINVALID,
	// *StaleError.
	AnswerMeetingRequest(ctx context.Context, id, version int64, s RequestStatus, reply string) (*MeetingRequest, error)
	// DecideMeetingRequests sets many requests of one event at once, all or
	// none: staff only (EFORBIDDEN), every id a request of the event
	// (ENOTFOUND naming it).
	DecideMeetingRequests(ctx context.Context, eventID int64, ids []int64, s RequestStatus, reply string) ([]*MeetingRequest, error)
	// DeleteMeetingRequest removes a request at version (0: any) that no
	// scheduled meeting refers to (ECONFLICT otherwise).
	DeleteMeetingRequest(ctx context.Context, id, version int64) error
	FindMeetingByID(ctx context.Context, id int64) (*Meeting, error)
	FindMeetings(ctx context.Context, f MeetingFilter) ([]*Meeting, int, error)
	// ReplaceMeetings stores a new schedule for an event, keeping locked meetings.
	ReplaceMeetings(ctx context.Context, eventID int64, ms []*Meeting) error
	// FindCalendarEntries lists the calendar entries of an event's
	// meetings, of one participant's when participationID is not 0, by
	// slot. Every write of the schedule keeps them in step in its own
	// transaction.
	FindCalendarEntries(ctx context.Context, eventID, participationID int64) ([]*CalendarEntry, error)
}

// CalendarEntry is a pair's meeting as calendars know it: one entry per
// pair and event, so its calendar UID stays while the meeting moves.
// Sequence rises with every change of its slot or table, its cancellation
// and its return; a meeting taken off the schedule stays Cancelled at its
// last place, so that calendar files remove it instead of keeping a stale
// copy.
type CalendarEntry struct {
	EventID   int64     `json:"event_id"`
	AID       int64     `json:"a_participation_id"` // the smaller participation ID
	BID       int64     `json:"b_participation_id"`
	Slot      int       `json:"slot"`
	Table     int       `json:"table"`
	Sequence  int       `json:"sequence"`
	Cancelled bool      `json:"cancelled"`
	ChangedAt time.Time `json:"changed_at"`
}

// UID is the entry's calendar UID: stable for the pair in the event.
func (c *CalendarEntry) UID() string {
	return "meeting-" + strconv.FormatInt(c.EventID, 10) + "-" + strconv.FormatInt(c.AID, 10) + "-" + strconv.FormatInt(c.BID, 10) + "@dagang"
}
