package store

import (
	"context"

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
	o.CreatedAt = d.now().UTC()
	return d.inTx(ctx, func(t tx) error {
		var v dagang.Validation
		if err := exists(ctx, t, &v, "home_province_code", "provinces", "code", o.HomeProvince,
			"provinsi dengan kode %v tidak dikenal", "unknown province code %v"); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		id, err := t.insert(ctx, "INSERT INTO offices (name, home_province, created_at) VALUES (?, ?, ?)", o.Name, o.HomeProvince, o.CreatedAt)
		o.ID = id
		return err
	})
}
