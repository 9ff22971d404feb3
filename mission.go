package dagang

import (
	"context"
	"strings"
	"time"

	"github.com/dagang/dagang/internal/locale"
)

// NextStatus returns the status that follows s in the event lifecycle
// (planned → open → delegation_set → held → follow_up → closed), and false
// for a closed or unknown status.
func (s EventStatus) NextStatus() (EventStatus, bool) {
	for i, t := range EventStatuses {
		if t == s && i+1 < len(EventStatuses) {
			return EventStatuses[i+1], true
		}
	}
	return "", false
}

// Label returns the status's name in Indonesian.
func (s EventStatus) Label() string {
	return locale.Label(locale.ID, string(s))
}

// CheckEventMove says whether an event may move from one status to
// another: only to the next status of the lifecycle, one step at a time.
// The error is EINVALID with an Indonesian reason on the field "status".
func CheckEventMove(from, to EventStatus) error {
	var v Validation
	if !to.Valid() {
		v.Add("status", "status kegiatan tidak dikenal", "unknown event status")
		return v.Err()
	}
	next, ok := from.NextStatus()
	if !ok || next != to {
		id := "kegiatan berstatus " + from.Label() + " tidak dapat langsung menjadi " + to.Label()
		en := "an event in status " + string(from) + " cannot move to " + string(to)
		if ok {
			id += "; langkah berikutnya: " + next.Label()
			en += "; the next step is " + string(next)
		}
		v.Add("status", id, en)
	}
	return v.Err()
}

// OverrideAction is what staff do to a proposed delegation.
type OverrideAction string

// Override actions.
const (
	OverrideAdd    OverrideAction = "add"    // take a passed-over applicant
	OverrideRemove OverrideAction = "remove" // drop a chosen applicant
)

// DelegationOverride is a staff decision that overrides the proposed
// delegation of an event, with its reason; it is kept, shown with the
// proposal and audited.
type DelegationOverride struct {
	ID         int64          `json:"id"`
	EventID    int64          `json:"event_id"`
	BusinessID int64          `json:"business_id"`
	Action     OverrideAction `json:"action"`
	Reason     string         `json:"reason"`
	By         string         `json:"by"`
	At         time.Time      `json:"at"`
}

// Validate checks the override's fields.
func (o *DelegationOverride) Validate() error {
	var v Validation
	v.Check(o.EventID > 0, "event_id", "kegiatan wajib dipilih", "event is required")
	v.Check(o.BusinessID > 0, "business_id", "pelaku usaha wajib dipilih", "business is required")
	v.Check(o.Action == OverrideAdd || o.Action == OverrideRemove, "action", "tindakan harus add atau remove", "action must be add or remove")
	v.Check(strings.TrimSpace(o.Reason) != "", "reason", "alasan wajib diisi", "a reason is required")
	v.Check(len(o.Reason) <= 2000, "reason", "alasan terlalu panjang (maks. 2000 karakter)", "reason is too long (max 2000 characters)")
	v.Lines("reason", o.Reason)
	v.Line("by", o.By)
	v.Check(strings.TrimSpace(o.By) != "", "by", "nama petugas wajib diisi", "the staff member's name is required")
	return v.Err()
}

// DelegationDecision is the fate of one applicant when staff set the
// delegation: selected or rejected, with the reason shown to it.
type DelegationDecision struct {
	BusinessID int64               `json:"business_id"`
	Status     ParticipationStatus `json:"status"` // selected or rejected
	Note       string              `json:"note"`
}

// MissionService keeps the lifecycle of events and their delegations.
type MissionService interface {
	// MoveEvent moves an event to the next status of its lifecycle
	// (EINVALID otherwise) and audits the change; version is the one the
	// move was decided on (0: any).
	MoveEvent(ctx context.Context, officeID, id, version int64, to EventStatus) (*Event, error)
	// OverrideDelegation records a staff override, sets the applicant's
	// participation status (add → selected, remove → rejected) and note
	// to the reason, and audits it, all at once. ENOTFOUND when the
	// business did not apply to the event.
	OverrideDelegation(ctx context.Context, o *DelegationOverride) error
	// FindDelegationOverrides lists an event's overrides, oldest first.
	FindDelegationOverrides(ctx context.Context, eventID int64) ([]*DelegationOverride, error)
	// SetDelegation stores the decision on every applicant and moves the
	// event from open to delegation_set, all or nothing.
	SetDelegation(ctx context.Context, officeID, eventID int64, ds []DelegationDecision) error
}
