package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/dagang/dagang"
)

var _ dagang.OfficeService = (*DB)(nil)

const officeCols = `id, name, home_province, created_at`

func scanOffice(s scanner) (*dagang.Office, error) {
	var o dagang.Office
	err := s.Scan(&o.ID, &o.Name, &o.HomeProvince, &o.CreatedAt)
	return &o, err
}

// FindOfficeByID returns one office.
func (d *DB) FindOfficeByID(ctx context.Context, id int64) (*dagang.Office, error) {
	o, err := get(ctx, d.read(), "SELECT "+officeCols+" FROM offices WHERE id = ?", "dinas", "office", id, scanOffice)
	return o, d.mapError(err)
}

// FindOffices returns every office.
func (d *DB) FindOffices(ctx context.Context) ([]*dagang.Office, error) {
	os, _, err := list(ctx, d.read(), "SELECT "+officeCols+" FROM offices", "SELECT COUNT(*) FROM offices",
		where{}, sortSpec{def: "id"}, dagang.ListOptions{Limit: dagang.MaxLimit}, scanOffice)
	return os, d.mapError(err)
}

// CreateOffice stores a new office.
func (d *DB) CreateOffice(ctx context.Context, o *dagang.Office) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error { return d.createOffice(ctx, t, o) })
}

// CreateOfficeWithAdmin stores a new office and its first admin in one
// transaction: an office nobody can log in to is never left behind.
func (d *DB) CreateOfficeWithAdmin(ctx context.Context, o *dagang.Office, admin *dagang.User, passwordHash string) error {
	if err := o.Validate(); err != nil {
		return err
	}
	admin.Role = dagang.UserAdmin
	return d.inTx(ctx, func(t tx) error {
		if err := d.createOffice(ctx, t, o); err != nil {
			return err
		}
		admin.OfficeID = o.ID
		if err := d.prepareUser(admin, passwordHash); err != nil {
			return err
		}
		return d.createUser(ctx, t, admin, passwordHash)
	})
}

// createOffice checks the rules of a new office and inserts it with its
// audit entry. An office's name is unique in the deployment: the default
// name of a province's office is taken once, and a second office of the
// same province (a regency's or a city's) names itself.
func (d *DB) createOffice(ctx context.Context, t tx, o *dagang.Office) error {
	o.Name = strings.TrimSpace(o.Name)
	o.CreatedAt = d.now().UTC()
	var v dagang.Validation
	if err := exists(ctx, t, &v, "home_province_code", "provinces", "code", o.HomeProvince,
		"provinsi dengan kode %v tidak dikenal", "unknown province code %v"); err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	var same int64
	err := t.queryRow(ctx, "SELECT id FROM offices WHERE LOWER(name) = LOWER(?)", o.Name).Scan(&same)
	if err == nil {
		return &dagang.Error{Code: dagang.ECONFLICT, Message: "Data tidak valid", MessageEN: "Invalid data",
			Fields: []dagang.FieldError{{Field: "name",
				Message:   fmt.Sprintf("sudah ada dinas bernama %q (id %d); dinas kedua di provinsi yang sama perlu nama sendiri, misalnya dinas kabupaten/kota", o.Name, same),
				MessageEN: fmt.Sprintf("an office named %q already exists (id %d); a second office in the same province needs its own name, e.g. a regency's or city's office", o.Name, same)}}}
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	id, err := t.insert(ctx, "INSERT INTO offices (name, home_province, created_at) VALUES (?, ?, ?)", o.Name, o.HomeProvince, o.CreatedAt)
	if err != nil {
		return err
	}
	o.ID = id
	if err := shareWithNewOffice(ctx, t, o); err != nil {
		return err
	}
	return d.audit(ctx, t, o.ID, "office", id, "create", nil, o)
}
