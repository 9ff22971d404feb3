package dagang

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Check-in and what happened to each meeting on the event day.

// CheckinCode is the code a participant's badge and agenda carry (as text
// and as a QR code): "P" and the participation number, a dash and two
// check digits (ISO 7064 mod 97-10), so that a mistyped code is refused
// rather than checking in someone else. It identifies; it does not
// authorise: only staff check people in.
func CheckinCode(participationID int64) string {
	return fmt.Sprintf("P%d-%02d", participationID, checkDigits(participationID))
}

func checkDigits(id int64) int64 {
	return 98 - (id*100)%97
}

// ParseCheckinCode reads a code as typed or scanned (case, spaces and a
// missing dash forgiven) and returns its participation number.
func ParseCheckinCode(code string) (int64, error) {
	c := strings.ToUpper(strings.Join(strings.Fields(code), ""))
	c = strings.TrimPrefix(c, "P")
	c = strings.ReplaceAll(c, "-", "")
	bad := Errorf(EINVALID, "kode check-in %q tidak valid", "check-in code %q is not valid", code)
	if len(c) < 3 || len(c) > 20 {
		return 0, bad
	}
	id, err1 := strconv.ParseInt(c[:len(c)-2], 10, 64)
	cd, err2 := strconv.ParseInt(c[len(c)-2:], 10, 64)
	if err1 != nil || err2 != nil || id <= 0 || id > 1e15 || cd != checkDigits(id) {
		return 0, bad
	}
	return id, nil
}

// Checkin records that a participant arrived at the venue.
type Checkin struct {
	ID              int64     `json:"id"`
	EventID         int64     `json:"event_id"`
	ParticipationID int64     `json:"participation_id"`
	At              time.Time `json:"checked_in_at"`
	UserID          int64     `json:"user_id,omitempty"` // who checked in (0: the system)
}

// CheckedIn is what CheckIn did, as the answer of an idempotent request
// is rendered from it: the check-in, and whether this call made it.
type CheckedIn struct {
	Checkin *Checkin
	Created bool
}

// MeetingOutcome is what happened to a scheduled meeting.
type MeetingOutcome string

// Meeting outcomes. "" is not marked yet.
const (
	OutcomeNone       MeetingOutcome = ""
	OutcomeHeld       MeetingOutcome = "held"
	OutcomeNoShowA    MeetingOutcome = "no_show_a"    // participant A did not come
	OutcomeNoShowB    MeetingOutcome = "no_show_b"    // participant B did not come
	OutcomeNoShowBoth MeetingOutcome = "no_show_both" // neither came
	OutcomeMoved      MeetingOutcome = "moved"        // both agreed on another time
)

// MeetingOutcomes are the outcomes staff can mark ("" clears the mark).
var MeetingOutcomes = []MeetingOutcome{OutcomeHeld, OutcomeNoShowA, OutcomeNoShowB, OutcomeNoShowBoth, OutcomeMoved}

// Valid reports whether o is an outcome or "".
func (o MeetingOutcome) Valid() bool {
	return o == OutcomeNone || o == OutcomeHeld || o == OutcomeNoShowA || o == OutcomeNoShowB || o == OutcomeNoShowBoth || o == OutcomeMoved
}

// Absent reports whether participant id of meeting m did not come.
func (m *Meeting) Absent(id int64) bool {
	switch m.Outcome {
	case OutcomeNoShowBoth:
		return id == m.AID || id == m.BID
	case OutcomeNoShowA:
		return id == m.AID
	case OutcomeNoShowB:
		return id == m.BID
	}
	return false
}

// CheckinService keeps the event day: who arrived and what happened to
// each meeting. Staff only (EFORBIDDEN for others).
type CheckinService interface {
	// CheckIn records the arrival of c.ParticipationID at event c.EventID
	// now. A participant checks in once: a second check-in returns the
	// first with created false. Under an idempotency key (Idempotency in
	// ctx: a phone sending again what it queued offline) a repeat is a
	// *Replay; the outcome the answer is rendered from is a CheckedIn.
	// EINVALID when the participant is not registered for the event.
	CheckIn(ctx context.Context, c *Checkin) (created bool, err error)
	// FindCheckins lists an event's check-ins by time.
	FindCheckins(ctx context.Context, eventID int64) ([]*Checkin, error)
	// MarkMeeting records what happened to a meeting, at version (0:
	// any). A held or no-show meeting is locked where it is. Under an
	// idempotency key a repeat is a *Replay; the outcome is the *Meeting.
	MarkMeeting(ctx context.Context, id, version int64, o MeetingOutcome) (*Meeting, error)
}
