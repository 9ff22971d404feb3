package dagang

import (
	"context"
	"strings"
	"time"
)

// Office is a trade office (Dinas Perdagangan) that owns records. A single
// installation has one; a shared PostgreSQL deployment has many, and every
// owned record carries its office.
type Office struct {
	ID           int64     `json:"id"`
	Name         string    `json:"name"`
	HomeProvince string    `json:"home_province_code"`
	CreatedAt    time.Time `json:"created_at"`
}

// Validate checks the office's fields.
func (o *Office) Validate() error {
	var v Validation
	v.Check(strings.TrimSpace(o.Name) != "", "name", "nama dinas wajib diisi", "office name is required")
	v.Line("name", o.Name)
	v.Check(ValidProvinceCode(o.HomeProvince), "home_province_code", "kode provinsi harus dua angka (contoh 63)", "province code must be two digits (e.g. 63)")
	return v.Err()
}

// OfficeService keeps offices.
type OfficeService interface {
	FindOfficeByID(ctx context.Context, id int64) (*Office, error)
	FindOffices(ctx context.Context) ([]*Office, error)
	CreateOffice(ctx context.Context, o *Office) error
	// CreateOfficeWithAdmin stores an office and its first admin in one
	// transaction (ECONFLICT when the name or the e-mail is taken).
	CreateOfficeWithAdmin(ctx context.Context, o *Office, admin *User, passwordHash string) error
}

// scopeKey carries an office scope set explicitly on a context.
type scopeKey struct{}

type officeScope struct {
	office int64
	reason string // set for the whole deployment
}

// NewContextWithOffice returns ctx acting for one office without a user:
// a background job of the office, or a CLI command run with --office. The
// store then reads and writes only that office's records, as it does for a
// user of the office.
func NewContextWithOffice(ctx context.Context, officeID int64) context.Context {
	return context.WithValue(ctx, scopeKey{}, officeScope{office: officeID})
}

// NewContextForDeployment returns ctx crossing the offices' boundaries on
// purpose: creating an office, a national reading of every office's
// records. The reason is logged with every transaction that uses it; it
// overrides the acting user's office.
func NewContextForDeployment(ctx context.Context, reason string) context.Context {
	if strings.TrimSpace(reason) == "" {
		reason = "unnamed"
	}
	return context.WithValue(ctx, scopeKey{}, officeScope{reason: reason})
}

// OfficeScope says whose records a call made with ctx may touch. bound is
// true when ctx acts for one office (officeID): the one set by
// NewContextWithOffice, or else the acting user's. Otherwise the call is
// the system's own (no user: migrations, the job runner's claims, public
// pages that find their record by a secret token), or deployment-wide when
// reason is set by NewContextForDeployment.
func OfficeScope(ctx context.Context) (officeID int64, bound bool, reason string) {
	if s, ok := ctx.Value(scopeKey{}).(officeScope); ok {
		if s.reason != "" {
			return 0, false, s.reason
		}
		return s.office, true, ""
	}
	if u := UserFromContext(ctx); u != nil {
		return u.OfficeID, true, ""
	}
	return 0, false, ""
}
