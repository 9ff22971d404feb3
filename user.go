package dagang

import (
	"context"
	"net/mail"
	"slices"
	"strings"
	"time"
)

// UserRole decides what a user may see and change.
type UserRole string

// User roles.
const (
	UserAdmin       UserRole = "admin"       // everything, including users
	UserStaff       UserRole = "staff"       // the office's trade-cooperation staff
	UserLeadership  UserRole = "leadership"  // head of office: read-only
	UserBusiness    UserRole = "business"    // a local business: its own records
	UserCounterpart UserRole = "counterpart" // a partner organisation: its events and deals
	// UserNational reads the national view across every office of the
	// deployment (the ministry, or a province coordinating a region), and
	// nothing else. Only the deployment's operator gives this role
	// (`dagang user add --role national`), never an office's admin.
	UserNational UserRole = "national"
)

// Valid reports whether r is a known role.
func (r UserRole) Valid() bool {
	switch r {
	case UserAdmin, UserStaff, UserLeadership, UserBusiness, UserCounterpart, UserNational:
		return true
	}
	return false
}

// User is a person who logs in.
type User struct {
	ID             int64     `json:"id"`
	Version        int64     `json:"version"` // raised by every change; the API's ETag
	OfficeID       int64     `json:"office_id"`
	Email          string    `json:"email"`
	Name           string    `json:"name"`
	Role           UserRole  `json:"role"`
	BusinessID     int64     `json:"business_id,omitempty"`
	OrganisationID int64     `json:"organisation_id,omitempty"`
	Lang           string    `json:"lang"` // "id" or "en"
	CreatedAt      time.Time `json:"created_at"`
}

// Validate checks the user's fields.
func (u *User) Validate() error {
	var v Validation
	a, err := mail.ParseAddress(u.Email)
	v.Check(err == nil && a.Address == u.Email, "email", "alamat email tidak valid", "e-mail address is not valid")
	v.Check(strings.TrimSpace(u.Name) != "", "name", "nama wajib diisi", "name is required")
	v.Line("name", u.Name)
	v.Check(u.OfficeID > 0, "office_id", "dinas wajib diisi", "office is required")
	v.Check(u.Role.Valid(), "role", "peran harus admin, staff, leadership, business, counterpart atau national", "role must be admin, staff, leadership, business, counterpart or national")
	v.Check(u.Role != UserBusiness || u.BusinessID > 0, "business_id", "akun pelaku usaha harus terhubung ke satu usaha", "a business account must be linked to a business")
	v.Check(u.Role != UserCounterpart || u.OrganisationID > 0, "organisation_id", "akun mitra harus terhubung ke satu organisasi", "a counterpart account must be linked to an organisation")
	v.Check(u.Lang == "" || u.Lang == "id" || u.Lang == "en", "lang", "bahasa harus id atau en", "language must be id or en")
	return v.Err()
}

// UserService keeps users.
type UserService interface {
	FindUserByID(ctx context.Context, id int64) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	// CreateUser stores u with the given password hash.
	CreateUser(ctx context.Context, u *User, passwordHash string) error
}

// UserFilter selects users.
type UserFilter struct {
	ListOptions
	OfficeID int64
	Role     UserRole
}

type userKey struct{}

// NewContextWithUser returns ctx carrying the acting user.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// UserFromContext returns the acting user, or nil for the system itself
// (CLI jobs, migrations, the demo loader).
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userKey{}).(*User)
	return u
}

// AuditEntry records one change to an audited record. Entries are only
// ever appended.
type AuditEntry struct {
	ID       int64     `json:"id"`
	OfficeID int64     `json:"office_id"`
	At       time.Time `json:"at"`
	UserID   int64     `json:"user_id,omitempty"` // 0: the system
	Actor    string    `json:"actor"`
	Entity   string    `json:"entity"` // "agreement", "deal", "user", ...
	EntityID int64     `json:"entity_id"`
	Action   string    `json:"action"`        // "create", "update", "delete", "move"
	Old      string    `json:"old,omitempty"` // JSON of the record before
	New      string    `json:"new,omitempty"` // JSON of the record after
}

// AuditEntities are the kinds of records the store audits, as written in
// AuditEntry.Entity; a filter by entity takes one of these.
var AuditEntities = []string{"agreement", "agreement_document", "business", "checkin", "deal", "delegation_override", "event",
	"meeting", "meeting_request", "office", "organisation", "participation", "participation_availability", "registration", "user"}

// ValidAuditEntity reports whether e is one of AuditEntities.
func ValidAuditEntity(e string) bool { return slices.Contains(AuditEntities, e) }

// AuditFilter selects audit entries.
type AuditFilter struct {
	ListOptions
	OfficeID int64
	Entity   string
	EntityID int64
}

// AuditService reads the audit trail.
type AuditService interface {
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
}
