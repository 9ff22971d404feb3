package dagang

import (
	"context"
	"strings"
	"time"

	"github.com/dagang/dagang/internal/locale"
)

// RegistrationStatus is where a self-registration stands in the staff's
// queue.
type RegistrationStatus string

// Registration statuses.
const (
	RegistrationPending  RegistrationStatus = "pending"  // waiting for staff
	RegistrationApproved RegistrationStatus = "approved" // a new business was made of it
	RegistrationMerged   RegistrationStatus = "merged"   // it was an existing business
	RegistrationRejected RegistrationStatus = "rejected" // refused, with the reason the applicant sees
)

// Label names the status in Indonesian.
func (s RegistrationStatus) Label() string { return locale.Label(locale.ID, string(s)) }

// LabelEN names the status in English.
func (s RegistrationStatus) LabelEN() string { return locale.Label(locale.EN, string(s)) }

// RegistrationStatuses lists the statuses.
var RegistrationStatuses = []RegistrationStatus{RegistrationPending, RegistrationApproved, RegistrationMerged, RegistrationRejected}

// Verification says how a registration's contact was confirmed.
type Verification string

// Ways of verifying a contact.
const (
	VerifiedByEmail Verification = "email" // the applicant opened the link sent to the address
	VerifiedByPhone Verification = "phone" // staff called the number (where e-mail is not set up)
)

// Registration is a business of the home province that registered itself
// through an open call (/daftar) and applied to one event in the same
// flow. It waits for staff, who approve it (a business, its account and
// its application are made), merge it with a business already recorded,
// or reject it with a reason the applicant sees. Everything in it is
// private: the public pages never show it.
type Registration struct {
	ID       int64  `json:"id"`
	Version  int64  `json:"version"` // raised by every change; the API's ETag
	OfficeID int64  `json:"office_id"`
	EventID  int64  `json:"event_id"`
	Role     Role   `json:"role"` // matching or exhibitor
	Name     string `json:"name"`
	NIB      string `json:"nib,omitempty"`
	// RegencyCode is a regency of the office's home province.
	RegencyCode string    `json:"regency_code"`
	Size        SizeClass `json:"size_class"`
	Products    []Product `json:"products"`
	Contact
	Lang string `json:"lang"` // the applicant's language, for the messages
	// VerifiedBy and VerifiedAt: how and when the contact was confirmed
	// ("" while it is not).
	VerifiedBy Verification       `json:"verified_by,omitempty"`
	VerifiedAt time.Time          `json:"verified_at,omitzero"`
	Status     RegistrationStatus `json:"status"`
	Reason     string             `json:"reason,omitempty"` // of a rejection, shown to the applicant
	// BusinessID is the business made (approved) or found (merged).
	BusinessID int64     `json:"business_id,omitempty"`
	DecidedAt  time.Time `json:"decided_at,omitzero"`
	// Eligibility is why the application meets the event's rules, as it
	// was judged when it was sent.
	Eligibility string    `json:"eligibility,omitempty"`
	Sample      bool      `json:"sample"`
	CreatedAt   time.Time `json:"created_at"`
	// DuplicateOf lists the office's businesses with the same NIB, or the
	// same name in the same regency (read, not stored).
	DuplicateOf []int64 `json:"duplicate_of,omitempty"`
}

// Business is the business a registration describes, for the office.
func (r *Registration) Business() *Business {
	b := &Business{OfficeID: r.OfficeID, Name: r.Name, NIB: r.NIB, RegencyCode: r.RegencyCode, Size: r.Size, Contact: r.Contact, Sample: r.Sample}
	b.Products = append([]Product(nil), r.Products...)
	return b
}

// Limits of a registration: a small business lists a few products.
const MaxRegistrationProducts = 10

// Validate checks the registration as the applicant filled it in: the
// business's own rules, plus a contact person with an e-mail address and
// a WhatsApp number, at least one product and a role of a home business.
func (r *Registration) Validate() error {
	var v Validation
	b := r.Business()
	if b.OfficeID == 0 {
		b.OfficeID = 1 // the office comes from the event; its absence is reported below
	}
	v.Merge("", b.Validate())
	v.Check(r.OfficeID > 0, "event_id", "kegiatan wajib dipilih", "event is required")
	v.Check(r.EventID > 0, "event_id", "kegiatan wajib dipilih", "event is required")
	v.Check(r.Role == RoleMatching || r.Role == RoleExhibitor, "role", "peran harus matching (temu bisnis) atau exhibitor (pameran)", "role must be matching or exhibitor")
	v.Check(strings.TrimSpace(r.Person) != "", "contact_name", "nama kontak wajib diisi", "contact name is required")
	v.Check(r.Email != "", "email", "alamat e-mail wajib diisi", "e-mail address is required")
	v.Check(r.WhatsApp != "", "whatsapp", "nomor WhatsApp wajib diisi", "WhatsApp number is required")
	v.Check(len(r.Products) > 0, "products", "isi paling sedikit satu produk", "list at least one product")
	v.Check(len(r.Products) <= MaxRegistrationProducts, "products", "paling banyak 10 produk", "at most 10 products")
	v.Check(r.Lang == "" || r.Lang == "id" || r.Lang == "en", "lang", "bahasa harus id atau en", "language must be id or en")
	if err := v.Err(); err != nil {
		return err
	}
	// The business's validation normalised the WhatsApp number.
	r.WhatsApp = b.WhatsApp
	return nil
}

// RegistrationAction is a staff decision on a registration.
type RegistrationAction string

// Decisions on a registration.
const (
	RegistrationApprove RegistrationAction = "approve"
	RegistrationMerge   RegistrationAction = "merge"
	RegistrationReject  RegistrationAction = "reject"
)

// RegistrationDecision is what staff decide on one registration.
type RegistrationDecision struct {
	ID      int64              `json:"-"`
	Version int64              `json:"-"` // the version decided on (0: any)
	Action  RegistrationAction `json:"action"`
	// BusinessID is the recorded business a merge joins it to.
	BusinessID int64 `json:"business_id,omitempty"`
	// Reason of a rejection, shown to the applicant.
	Reason string `json:"reason,omitempty"`
}

// Validate checks the decision's fields.
func (d *RegistrationDecision) Validate() error {
	var v Validation
	v.Check(d.Action == RegistrationApprove || d.Action == RegistrationMerge || d.Action == RegistrationReject, "action",
		"keputusan harus approve, merge atau reject", "action must be approve, merge or reject")
	v.Check(d.Action != RegistrationMerge || d.BusinessID > 0, "business_id", "pilih pelaku usaha yang sudah tercatat", "choose the recorded business")
	v.Check(d.Action != RegistrationReject || strings.TrimSpace(d.Reason) != "", "reason", "alasan penolakan wajib diisi: pendaftar membacanya", "a reason is required: the applicant reads it")
	v.Check(len(d.Reason) <= 2000, "reason", "alasan terlalu panjang (maks. 2000 karakter)", "reason is too long (max 2000 characters)")
	v.Lines("reason", d.Reason)
	return v.Err()
}

// RegistrationFilter selects registrations.
type RegistrationFilter struct {
	ListOptions
	OfficeID int64
	EventID  int64
	Status   RegistrationStatus
}

// RegistrationService keeps the self-registrations of open calls.
type RegistrationService interface {
	FindRegistrationByID(ctx context.Context, id int64) (*Registration, error)
	FindRegistrations(ctx context.Context, f RegistrationFilter) ([]*Registration, int, error)
	// CreateRegistration stores r, pending and unverified, after checking
	// that its event is the office's and takes applications on the
	// office's day on (Today), with the email_verify message whose link
	// verify makes from the new id; all or nothing.
	CreateRegistration(ctx context.Context, r *Registration, on Date, verify func(id int64) (path string, expires time.Time)) error
	// VerifyRegistration marks the contact of registration id confirmed;
	// a second confirmation changes nothing.
	VerifyRegistration(ctx context.Context, id int64, by Verification) (*Registration, error)
	// DecideRegistration approves (a business, its account and its
	// application to the event), merges (the application of the recorded
	// business) or rejects a pending, verified registration, with its
	// registration_decided message, all at once. passwordHash is the new
	// account's (approve only).
	DecideRegistration(ctx context.Context, d RegistrationDecision, passwordHash string) (*Registration, error)
}
