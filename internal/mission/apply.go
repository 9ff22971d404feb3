package mission

import (
	"context"

	"github.com/dagang/dagang"
)

// Applier is what Apply needs besides reading.
type Applier interface {
	Store
	CreateParticipation(ctx context.Context, p *dagang.Participation) error
}

// Apply records the application of a business of the office to an event
// (matching or exhibitor), after checking that the event is open for
// applications and that the business is eligible for its destination. A
// refusal is EINVALID with the reason in Indonesian and English.
func Apply(ctx context.Context, st Applier, officeID, eventID, businessID int64, role dagang.Role) (*dagang.Participation, error) {
	// Another office's event is missing, whatever the application says.
	e, err := st.FindEventByID(ctx, eventID)
	if err != nil {
		return nil, err
	}
	if e.OfficeID != officeID {
		return nil, dagang.Errorf(dagang.ENOTFOUND, "kegiatan %d tidak ditemukan", "event %d not found", eventID)
	}
	var v dagang.Validation
	v.Check(role == dagang.RoleMatching || role == dagang.RoleExhibitor, "role",
		"peran harus matching (temu bisnis) atau exhibitor (pameran)", "role must be matching or exhibitor")
	v.Check(businessID > 0, "business_id", "pelaku usaha wajib dipilih", "business is required")
	if err := v.Err(); err != nil {
		return nil, err
	}
	if e.Status != dagang.EventOpen {
		v.Add("event_id", "pendaftaran kegiatan ini tidak dibuka (status: "+e.Status.Label()+")",
			"this event is not open for applications (status: "+string(e.Status)+")")
		return nil, v.Err()
	}
	w, err := load(ctx, st, officeID)
	if err != nil {
		return nil, err
	}
	b := w.businesses[businessID]
	if b == nil {
		v.Add("business_id", "pelaku usaha tidak terdaftar di dinas ini", "the business is not registered with this office")
		return nil, v.Err()
	}
	dest, err := w.destination(ctx, st, e.HostProvince, e.Year())
	if err != nil {
		return nil, err
	}
	if ok, id, en := Check(b, dest, w.slugOf); !ok {
		v.Add("business_id", "tidak memenuhi syarat: "+id, "not eligible: "+en)
		return nil, v.Err()
	}
	p := &dagang.Participation{EventID: eventID, Role: role, BusinessID: businessID, Status: dagang.ParticipationApplied}
	if err := st.CreateParticipation(ctx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// Verdict says whether a business may apply to an event and, if not, why,
// in Indonesian and English: what a page shows in place of the button.
type Verdict struct {
	OK       bool
	Reason   string
	ReasonEN string
}

// Eligibility judges every business of the office against the
// destination of the event by the rules Apply checks (Check), so that a
// page offers the application only to those it would accept.
func Eligibility(ctx context.Context, st Store, officeID, eventID int64) (map[int64]Verdict, error) {
	_, w, dest, err := loadEvent(ctx, st, officeID, eventID)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Verdict, len(w.businesses))
	for id, b := range w.businesses {
		ok, reason, en := Check(b, dest, w.slugOf)
		out[id] = Verdict{OK: ok, Reason: reason, ReasonEN: en}
	}
	return out, nil
}
