package dagang

import (
	"context"
	"strings"
	"time"

	"github.com/dagang/dagang/internal/locale"
)

// EventKind is the kind of an event.
type EventKind string

// Event kinds.
const (
	EventBusinessMeeting EventKind = "business_meeting" // temu bisnis
	EventTradeMission    EventKind = "trade_mission"    // misi dagang
	EventFair            EventKind = "fair"             // pameran
)

// Valid reports whether k is a known kind.
func (k EventKind) Valid() bool {
	return k == EventBusinessMeeting || k == EventTradeMission || k == EventFair
}

// Label returns the kind's name in Indonesian.
func (k EventKind) Label() string {
	return locale.Label(locale.ID, string(k))
}

// EventStatus is where an event is in its lifecycle.
type EventStatus string

// Event statuses, in order.
const (
	EventPlanned       EventStatus = "planned"
	EventOpen          EventStatus = "open" // open for applications
	EventDelegationSet EventStatus = "delegation_set"
	EventHeld          EventStatus = "held"
	EventFollowUp      EventStatus = "follow_up"
	EventClosed        EventStatus = "closed"
)

// EventStatuses lists the statuses in lifecycle order.
var EventStatuses = []EventStatus{EventPlanned, EventOpen, EventDelegationSet, EventHeld, EventFollowUp, EventClosed}

// Valid reports whether s is a known status.
func (s EventStatus) Valid() bool {
	for _, t := range EventStatuses {
		if s == t {
			return true
		}
	}
	return false
}

// Default delegation quotas: the article's office brings 6 businesses that
// look for partners and 3 that exhibit.
const (
	DefaultQuotaMatching  = 6
	DefaultQuotaExhibitor = 3
)

// Event is a business meeting, trade mission or fair, usually hosted in a
// partner province.
type Event struct {
	ID             int64       `json:"id"`
	Version        int64       `json:"version"` // raised by every change; the API's ETag
	OfficeID       int64       `json:"office_id"`
	Kind           EventKind   `json:"kind"`
	Name           string      `json:"name"`
	HostProvince   string      `json:"host_province_code"`
	StartsOn       Date        `json:"starts_on"`
	EndsOn         Date        `json:"ends_on"`
	Venue          string      `json:"venue,omitempty"`
	Status         EventStatus `json:"status"`
	QuotaMatching  int         `json:"quota_matching"`
	QuotaExhibitor int         `json:"quota_exhibitor"`
	// The meeting grid of a day: Slots consecutive slots of SlotMinutes each from
	// DayStart ("09:00"), at Tables tables; LunchAfter splits morning and
	// afternoon sessions (0 for none).
	Slots       int    `json:"slots"`
	Tables      int    `json:"tables"`
	SlotMinutes int    `json:"slot_minutes"`
	DayStart    string `json:"day_start"`
	LunchAfter  int    `json:"lunch_after"`
	// MeetingDays repeats the grid on that many consecutive days from
	// StartsOn (0 or 1: one day); slots are numbered across days.
	MeetingDays int `json:"meeting_days"`
	// TimeZone is the IANA zone of the event's clock times; empty: the
	// host province's (ZoneName).
	TimeZone string `json:"time_zone,omitempty"`
	// AgendaPublishedAt is when staff published the agenda to the
	// participants (nil: not yet); after it, changes are announced to
	// the participants they affect.
	AgendaPublishedAt *time.Time `json:"agenda_published_at,omitempty"`
	// ApplyBy is the last day of applications of an open call (zero:
	// until staff close it by setting the delegation).
	ApplyBy   Date      `json:"apply_by,omitzero"`
	Sample    bool      `json:"sample"`
	CreatedAt time.Time `json:"created_at"`
}

// AcceptsApplications reports whether the event takes applications on
// day: it is open and its deadline, if any, has not passed.
func (e *Event) AcceptsApplications(day Date) bool {
	return e.Status == EventOpen && (e.ApplyBy.IsZero() || !e.ApplyBy.Before(day))
}

// Year is the year the event starts in.
func (e *Event) Year() int { return e.StartsOn.Year }

// Validate checks the event's fields.
func (e *Event) Validate() error {
	var v Validation
	v.Check(e.OfficeID > 0, "office_id", "dinas pemilik wajib diisi", "owning office is required")
	v.Check(e.Kind.Valid(), "kind", "jenis kegiatan harus business_meeting, trade_mission atau fair", "kind must be business_meeting, trade_mission or fair")
	v.Check(strings.TrimSpace(e.Name) != "", "name", "nama kegiatan wajib diisi", "event name is required")
	v.Line("name", e.Name)
	v.Line("venue", e.Venue)
	v.Check(len(e.Name) <= 300, "name", "nama kegiatan terlalu panjang (maks. 300 karakter)", "event name is too long (max 300 characters)")
	v.Check(ValidProvinceCode(e.HostProvince), "host_province_code", "kode provinsi tuan rumah harus dua angka", "host province code must be two digits")
	v.Check(!e.StartsOn.IsZero() && validDay(e.StartsOn), "starts_on", "tanggal mulai wajib diisi (1945–2200)", "start date is required (1945–2200)")
	v.Check(e.EndsOn.IsZero() || !e.EndsOn.Before(e.StartsOn), "ends_on", "tanggal selesai tidak boleh sebelum tanggal mulai", "end date cannot be before start date")
	v.Check(e.ApplyBy.IsZero() || (validDay(e.ApplyBy) && !e.StartsOn.Before(e.ApplyBy)), "apply_by", "batas pendaftaran tidak boleh sesudah tanggal mulai", "the application deadline cannot be after the start date")
	v.Check(e.Status.Valid(), "status", "status kegiatan tidak dikenal", "unknown event status")
	v.Check(e.QuotaMatching >= 0 && e.QuotaMatching <= 500, "quota_matching", "kuota temu bisnis harus 0–500", "matching quota must be 0–500")
	v.Check(e.QuotaExhibitor >= 0 && e.QuotaExhibitor <= 500, "quota_exhibitor", "kuota pameran harus 0–500", "exhibitor quota must be 0–500")
	v.Check(e.Slots >= 0 && e.Slots <= 200, "slots", "jumlah sesi pertemuan harus 0–200", "slots must be 0–200")
	v.Check(e.Tables >= 0 && e.Tables <= 5000, "tables", "jumlah meja harus 0–5000", "tables must be 0–5000")
	v.Check(e.SlotMinutes >= 0 && e.SlotMinutes <= 240, "slot_minutes", "durasi sesi harus 0–240 menit", "slot length must be 0–240 minutes")
	v.Check(e.LunchAfter >= 0 && e.LunchAfter <= e.Slots, "lunch_after", "jeda makan siang harus di dalam rentang sesi", "lunch break must fall within the slots")
	if e.DayStart != "" {
		_, err := time.Parse("15:04", e.DayStart)
		v.Check(err == nil, "day_start", "jam mulai harus berbentuk JJ:MM", "day start must look like HH:MM")
	}
	e.validateGrid(&v)
	return v.Err()
}

// EventFilter selects events.
type EventFilter struct {
	ListOptions
	OfficeID     int64
	Year         int
	HostProvince string
	Kind         EventKind
	Status       EventStatus
	// OrganisationID selects the events this organisation takes part in.
	OrganisationID int64
}

// EventService keeps events.
type EventService interface {
	FindEventByID(ctx context.Context, id int64) (*Event, error)
	FindEvents(ctx context.Context, f EventFilter) ([]*Event, int, error)
	CreateEvent(ctx context.Context, e *Event) error
	// CreateEventChecked stores e unless the office already has an event
	// of the same kind, host province and dates (likely the same event
	// entered twice): ECONFLICT on "force" naming it. force stores it
	// anyway.
	CreateEventChecked(ctx context.Context, e *Event, force bool) error
	// UpdateEvent sets the fields of e that c names and leaves e as stored;
	// the status moves one step at a time (CheckEventMove).
	UpdateEvent(ctx context.Context, e *Event, c Change) error
	// DeleteEvent removes an event at version (0: any); ECONFLICT while it
	// has participants or deals.
	DeleteEvent(ctx context.Context, id, version int64) error
}

// Role is how a party takes part in an event.
type Role string

// Participation roles.
const (
	RoleMatching  Role = "matching"  // a home business looking for partners
	RoleExhibitor Role = "exhibitor" // a home business exhibiting at the fair
	RoleBuyer     Role = "buyer"     // a counterpart organisation
)

// Roles are the valid participation roles.
var Roles = []Role{RoleMatching, RoleExhibitor, RoleBuyer}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleMatching || r == RoleExhibitor || r == RoleBuyer }

// ParticipationStatus is where an application stands.
type ParticipationStatus string

// Participation statuses.
const (
	ParticipationApplied  ParticipationStatus = "applied"
	ParticipationSelected ParticipationStatus = "selected"
	ParticipationRejected ParticipationStatus = "rejected"
	ParticipationAttended ParticipationStatus = "attended"
)

// ParticipationStatuses are the valid participation statuses.
var ParticipationStatuses = []ParticipationStatus{ParticipationApplied, ParticipationSelected, ParticipationRejected, ParticipationAttended}

// Valid reports whether s is a known status.
func (s ParticipationStatus) Valid() bool {
	return s == ParticipationApplied || s == ParticipationSelected || s == ParticipationRejected || s == ParticipationAttended
}

// Participation is a business's or organisation's place in an event:
// an application, a delegation seat, or a buyer's registration.
type Participation struct {
	ID             int64               `json:"id"`
	Version        int64               `json:"version"` // raised by every change; the API's ETag
	EventID        int64               `json:"event_id"`
	Role           Role                `json:"role"`
	BusinessID     int64               `json:"business_id,omitempty"`
	OrganisationID int64               `json:"organisation_id,omitempty"`
	Status         ParticipationStatus `json:"status"`
	Note           string              `json:"note,omitempty"` // reason for a choice or override
}

// Validate checks the participation's fields.
func (p *Participation) Validate() error {
	var v Validation
	v.Check(p.EventID > 0, "event_id", "kegiatan wajib dipilih", "event is required")
	v.Check(p.Role.Valid(), "role", "peran harus matching, exhibitor atau buyer", "role must be matching, exhibitor or buyer")
	if p.Role == RoleBuyer {
		v.Check(p.OrganisationID > 0 && p.BusinessID == 0, "organisation_id", "pembeli harus berupa organisasi mitra", "a buyer must be a partner organisation")
	} else if p.Role.Valid() {
		v.Check(p.BusinessID > 0 && p.OrganisationID == 0, "business_id", "peserta temu bisnis dan pameran harus pelaku usaha daerah", "matching and exhibitor participants must be home businesses")
	}
	v.Check(p.Status.Valid(), "status", "status peserta tidak dikenal", "unknown participation status")
	v.Lines("note", p.Note)
	v.Check(len(p.Note) <= 2000, "note", "catatan terlalu panjang (maks. 2000 karakter)", "note is too long (max 2000 characters)")
	return v.Err()
}

// ParticipationFilter selects participations.
type ParticipationFilter struct {
	ListOptions
	EventID        int64
	BusinessID     int64
	OrganisationID int64
	Role           Role
	Status         ParticipationStatus
}

// ParticipationService keeps applications and delegations.
type ParticipationService interface {
	FindParticipationByID(ctx context.Context, id int64) (*Participation, error)
	FindParticipations(ctx context.Context, f ParticipationFilter) ([]*Participation, int, error)
	CreateParticipation(ctx context.Context, p *Participation) error
	// UpdateParticipation sets the role, status and note that c names; the
	// event and the participant stay.
	UpdateParticipation(ctx context.Context, p *Participation, c Change) error
	// DeleteParticipation removes one at version (0: any); ECONFLICT when
	// it has scheduled meetings.
	DeleteParticipation(ctx context.Context, id, version int64) error
}
