package dagang

import (
	"context"
	"slices"
	"strconv"

	"github.com/dagang/dagang/internal/locale"
)

// MaxMeetingsCap is the largest meeting cap a participant can be given.
const MaxMeetingsCap = 200

// Availability is what the scheduler must respect for one participant of
// an event: the slots it cannot meet in and the most meetings it takes.
type Availability struct {
	ParticipationID int64 `json:"participation_id"`
	// MaxMeetings caps the participant's meetings; 0 means no cap.
	MaxMeetings int `json:"max_meetings"`
	// Unavailable lists slot numbers (0 is the first slot of the day).
	Unavailable []int `json:"unavailable_slots"`
}

// Validate checks the availability against an event grid of slots slots.
// The messages name the value as sent, counting slots from 1 as people do.
func (a *Availability) Validate(slots int) error {
	var v Validation
	if a.ParticipationID <= 0 {
		id, en := locale.Both("error.availability.participant")
		v.Add("participation_id", id, en)
	}
	if a.MaxMeetings < 0 || a.MaxMeetings > MaxMeetingsCap {
		id, en := locale.Both("error.availability.max_meetings", strconv.Itoa(a.MaxMeetings), MaxMeetingsCap)
		v.Add("max_meetings", id, en)
	}
	for _, t := range a.Unavailable {
		if t < 0 || t >= slots {
			id, en := locale.Both("error.availability.slot", strconv.Itoa(t+1), slots)
			v.Add("unavailable_slots", id, en)
			break
		}
	}
	s := slices.Clone(a.Unavailable)
	slices.Sort(s)
	a.Unavailable = slices.Compact(s)
	return v.Err()
}

// AgendaService keeps what the meeting schedule needs beyond requests and
// meetings: availability and caps, staff decisions on requests, and staff
// moves of single meetings.
type AgendaService interface {
	// FindAvailability lists the availability records of an event's
	// participants (participants without one are free all day, no cap).
	FindAvailability(ctx context.Context, eventID int64) ([]*Availability, error)
	// SetAvailability replaces a participant's availability. A business or
	// counterpart user sets only its own participation's; another's is
	// ENOTFOUND, as for an unknown participant. EINVALID for slots outside
	// the event's grid or a cap outside 0–MaxMeetingsCap.
	SetAvailability(ctx context.Context, a *Availability) error
	// MoveMeeting puts a meeting at another slot and table and locks it, so
	// that re-solving keeps it. ECONFLICT when the table is taken or a
	// participant already meets someone else then.
	MoveMeeting(ctx context.Context, id int64, slot, table int) (*Meeting, error)
	// LockMeeting locks or unlocks a meeting where it is.
	LockMeeting(ctx context.Context, id int64, locked bool) (*Meeting, error)
}

// AgendaNotice is what one recipient is told of its agenda: the params of
// NotifyAgendaPublished and its calendar file.
type AgendaNotice struct {
	Params         map[string]string
	AttachmentName string
	AttachmentType string
	Attachment     []byte
}

// AgendaRender makes the notice of one participation in lang ("id", "en").
type AgendaRender func(participationID int64, lang string) (*AgendaNotice, error)

// AgendaAnnouncer tells participants of their agenda.
type AgendaAnnouncer interface {
	// AnnounceAgenda queues an agenda notification for each recipient of
	// the participants it tells, in one transaction with the record of
	// what they were told. publish (staff only, EFORBIDDEN otherwise)
	// marks the agenda published and tells every participant that is not
	// rejected; otherwise, once the agenda is published, it tells only the
	// participants of meetings that changed since they were last told, and
	// before that nobody. It answers the participations told.
	AnnounceAgenda(ctx context.Context, eventID int64, publish bool, render AgendaRender) ([]int64, error)
}

// MeetingChanges is a repair of an event's day: meetings moved to another
// slot and table, meetings dropped, meetings added.
type MeetingChanges struct {
	Moves []*Meeting // ID, Slot and Table
	Drops []int64
	Adds  []*Meeting
}

// RepairService writes a repaired day.
type RepairService interface {
	// RepairMeetings applies changes to an event's meetings in one
	// transaction: staff only (EFORBIDDEN); a moved or dropped meeting must
	// be one of the event's and not locked (ECONFLICT); afterwards nobody
	// meets twice in a slot and no table holds two meetings (ECONFLICT).
	RepairMeetings(ctx context.Context, eventID int64, ch MeetingChanges) error
}
