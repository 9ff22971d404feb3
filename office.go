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
