package store

import (
	"context"
	"strings"

	"github.com/dagang/dagang"
)

var _ dagang.OrganisationService = (*DB)(nil)

const organisationCols = `id, version, office_id, name, province_code, kind, contact_name, phone, email, whatsapp, sample, created_at`

var organisationSort = sortSpec{def: "name, id", columns: map[string]string{"name": "name", "province": "province_code", "kind": "kind", "id": "id"}}

func scanOrganisation(s scanner) (*dagang.Organisation, error) {
	var o dagang.Organisation
	err := s.Scan(&o.ID, &o.Version, &o.OfficeID, &o.Name, &o.ProvinceCode, &o.Kind, &o.Person, &o.Phone, &o.Email, &o.WhatsApp, &o.Sample, &o.CreatedAt)
	return &o, err
}

// FindOrganisationByID returns one organisation.
func (d *DB) FindOrganisationByID(ctx context.Context, id int64) (*dagang.Organisation, error) {
	o, err := get(ctx, d.read(), "SELECT "+organisationCols+" FROM organisations WHERE id = ?", "organisasi", "organisation", id, scanOrganisation)
	return o, d.mapError(err)
}

// FindOrganisations lists organisations.
func (d *DB) FindOrganisations(ctx context.Context, f dagang.OrganisationFilter) ([]*dagang.Organisation, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("province_code", f.ProvinceCode)
	w.eq("kind", string(f.Kind))
	w.match("organisations", f.Query)
	os, n, err := list(ctx, d.read(), "SELECT "+organisationCols+" FROM organisations", "SELECT COUNT(*) FROM organisations", w, organisationSort, f.ListOptions, scanOrganisation)
	return os, n, d.mapError(err)
}

// checkOrganisation is the one check every write of an organisation
// passes: its own fields, the office and the province.
func checkOrganisation(ctx context.Context, t tx, o *dagang.Organisation) error {
	o.Name = strings.TrimSpace(o.Name)
	if err := o.Validate(); err != nil {
		return err
	}
	var v dagang.Validation
	if err := exists(ctx, t, &v, "office_id", "offices", "id", o.OfficeID, "dinas %v tidak dikenal", "unknown office %v"); err != nil {
		return err
	}
	if err := exists(ctx, t, &v, "province_code", "provinces", "code", o.ProvinceCode, "provinsi dengan kode %v tidak dikenal", "unknown province code %v"); err != nil {
		return err
	}
	return v.Err()
}

// CreateOrganisation stores a counterpart organisation.
func (d *DB) CreateOrganisation(ctx context.Context, o *dagang.Organisation) error {
	o.CreatedAt = d.now().UTC()
	return d.inTx(ctx, func(t tx) error {
		if err := checkOrganisation(ctx, t, o); err != nil {
			return err
		}
		id, err := t.insert(ctx, "INSERT INTO organisations (office_id, name, province_code, kind, contact_name, phone, email, whatsapp, sample, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			o.OfficeID, o.Name, o.ProvinceCode, o.Kind, o.Person, o.Phone, o.Email, o.WhatsApp, o.Sample, o.CreatedAt)
		if err != nil {
			return err
		}
		o.ID, o.Version = id, 1
		if err := d.reindex(ctx, t, "organisations", id); err != nil {
			return err
		}
		return d.audit(ctx, t, o.OfficeID, "organisation", id, "create", nil, o)
	})
}

// organisationColumns are the fields UpdateOrganisation sets.
var organisationColumns = []column[dagang.Organisation]{
	col("name", func(o *dagang.Organisation) any { return o.Name }),
	col("province_code", func(o *dagang.Organisation) any { return o.ProvinceCode }),
	col("kind", func(o *dagang.Organisation) any { return o.Kind }),
	col("contact_name", func(o *dagang.Organisation) any { return o.Person }),
	col("phone", func(o *dagang.Organisation) any { return o.Phone }),
	col("email", func(o *dagang.Organisation) any { return o.Email }),
	col("whatsapp", func(o *dagang.Organisation) any { return o.WhatsApp }),
}

// UpdateOrganisation sets the fields of o that c names and leaves o as
// stored.
func (d *DB) UpdateOrganisation(ctx context.Context, o *dagang.Organisation, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+organisationCols+" FROM organisations WHERE id = ?"+lockRow(t), "organisasi", "organisation", o.ID, scanOrganisation)
		if err == nil && old.OfficeID != o.OfficeID {
			err = notFound("organisasi", "organisation", o.ID)
		}
		if err != nil {
			return err
		}
		err = versioned(ctx, t, "organisations", old, o, c, organisationColumns, func(cur *dagang.Organisation) error { return checkOrganisation(ctx, t, cur) })
		if err != nil {
			return err
		}
		if err := d.reindex(ctx, t, "organisations", o.ID); err != nil {
			return err
		}
		return d.audit(ctx, t, o.OfficeID, "organisation", o.ID, "update", old, o)
	})
}

// DeleteOrganisation removes an organisation with its listings. One that
// deals, events or user accounts refer to is refused (ECONFLICT) with
// what would be orphaned.
func (d *DB) DeleteOrganisation(ctx context.Context, id, version int64) error {
	return d.deleteRecord(ctx, "organisations", "organisasi", "organisation", id, version, []dependant{
		{"deals", "counterpart_id", "transaksi", "deals"},
		{"participations", "organisation_id", "keikutsertaan kegiatan", "event participations"},
		{"users", "organisation_id", "akun pengguna", "user accounts"},
	}, func(t tx) (int64, any, error) {
		o, err := get(ctx, t, "SELECT "+organisationCols+" FROM organisations WHERE id = ?", "organisasi", "organisation", id, scanOrganisation)
		if err != nil {
			return 0, nil, err
		}
		return o.OfficeID, o, nil
	})
}

// ImportOrganisations stores every organisation or none; one with an ID
// updates that stored organisation of the office. Each is checked as
// CreateOrganisation checks it.
func (d *DB) ImportOrganisations(ctx context.Context, officeID int64, os []*dagang.Organisation, source string, progress func(done int)) error {
	now := d.now().UTC()
	return d.inTx(ctx, func(t tx) error {
		first, err := maxID(ctx, t, "organisations")
		if err != nil {
			return err
		}
		batch := make([][]any, 0, importBatch)
		updated := 0
		for i, o := range os {
			o.OfficeID = officeID
			if o.ID != 0 {
				updated++
				if err := d.updateImportedOrganisation(ctx, t, o); err != nil {
					return ofRecord(i, err)
				}
			} else {
				o.CreatedAt = now
				if err := checkOrganisation(ctx, t, o); err != nil {
					return ofRecord(i, err)
				}
				batch = append(batch, []any{o.OfficeID, o.Name, o.ProvinceCode, o.Kind, o.Person, o.Phone, o.Email, o.Sample, o.CreatedAt})
			}
			if len(batch) == importBatch || i == len(os)-1 {
				if err := insertRows(ctx, t, "INSERT INTO organisations (office_id, name, province_code, kind, contact_name, phone, email, sample, created_at)", batch); err != nil {
					return err
				}
				batch = batch[:0]
				if progress != nil {
					progress(i + 1)
				}
			}
		}
		if err := d.reindexAfter(ctx, t, "organisations", first); err != nil {
			return err
		}
		return d.audit(ctx, t, officeID, "organisation", 0, "import", nil, map[string]any{"source": source, "rows": len(os), "updated": updated})
	})
}

// updateImportedOrganisation writes an imported organisation over the
// stored one of the same office.
func (d *DB) updateImportedOrganisation(ctx context.Context, t tx, o *dagang.Organisation) error {
	old, err := get(ctx, t, "SELECT "+organisationCols+" FROM organisations WHERE id = ?"+lockRow(t), "mitra", "organisation", o.ID, scanOrganisation)
	if err != nil {
		return err
	}
	if old.OfficeID != o.OfficeID {
		return notFound("mitra", "organisation", o.ID)
	}
	keep(&o.Person, old.Person)
	keep(&o.Phone, old.Phone)
	keep(&o.Email, old.Email)
	o.Sample, o.CreatedAt = old.Sample, old.CreatedAt
	if err := checkOrganisation(ctx, t, o); err != nil {
		return err
	}
	if _, err := t.exec(ctx, "UPDATE organisations SET name = ?, province_code = ?, kind = ?, contact_name = ?, phone = ?, email = ?, version = version + 1 WHERE id = ?",
		o.Name, o.ProvinceCode, o.Kind, o.Person, o.Phone, o.Email, o.ID); err != nil {
		return err
	}
	return d.reindex(ctx, t, "organisations", o.ID)
}
