package store

import (
	"context"

	"github.com/dagang/dagang"
)

// An import that is asked to update the records it matches hands them in
// with their ID set. The cells of the file replace the stored values; a
// blank optional cell (NIB, contact, phone, e-mail) keeps what is stored,
// so a file without those columns loses nothing.

// updateImportedBusiness writes an imported business over the stored one
// of the same office; its product (one per row) replaces the stored
// product of that commodity, other products stay.
func (d *DB) updateImportedBusiness(ctx context.Context, t tx, b *dagang.Business) error {
	old, err := get(ctx, t, "SELECT "+businessCols+" FROM businesses WHERE id = ?"+lockRow(t), "pelaku usaha", "business", b.ID, scanBusiness)
	if err != nil {
		return err
	}
	if old.OfficeID != b.OfficeID {
		return notFound("pelaku usaha", "business", b.ID)
	}
	keep(&b.NIB, old.NIB)
	keep(&b.Person, old.Person)
	keep(&b.Phone, old.Phone)
	keep(&b.Email, old.Email)
	b.Sample, b.CreatedAt = old.Sample, old.CreatedAt
	if err := checkBusiness(ctx, t, b); err != nil {
		return err
	}
	if _, err := t.exec(ctx, "UPDATE businesses SET name = ?, regency_code = ?, nib = ?, size_class = ?, contact_name = ?, phone = ?, email = ?, version = version + 1 WHERE id = ?",
		b.Name, b.RegencyCode, b.NIB, b.Size, b.Person, b.Phone, b.Email, b.ID); err != nil {
		return err
	}
	for i := range b.Products {
		p := &b.Products[i]
		p.BusinessID = b.ID
		res, err := t.exec(ctx, "UPDATE products SET monthly_capacity = ?, unit = ? WHERE business_id = ? AND commodity_id = ?", p.MonthlyCapacity, p.Unit, b.ID, p.CommodityID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n > 0 {
			continue
		}
		if p.ID, err = t.insert(ctx, "INSERT INTO products (business_id, commodity_id, description, monthly_capacity, unit) VALUES (?, ?, ?, ?, ?)",
			b.ID, p.CommodityID, p.Description, p.MonthlyCapacity, p.Unit); err != nil {
			return err
		}
	}
	return d.reindex(ctx, t, "businesses", b.ID)
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

// keep leaves the stored value where the file's cell was blank.
func keep(v *string, stored string) {
	if *v == "" {
		*v = stored
	}
}

// EachDealKey streams what the likely-duplicate rule compares of every
// deal of an office (id, parties, commodity, direction, date, value),
// without the joins of EachDeal. The deal is reused for the next row.
func (d *DB) EachDealKey(ctx context.Context, officeID int64, fn func(*dagang.Deal) error) error {
	rows, err := d.read().query(ctx, "SELECT id, office_id, event_id, direction, business_id, counterpart_id, commodity_id, value_idr, deal_date FROM deals WHERE office_id = ? ORDER BY id", officeID)
	if err != nil {
		return d.mapError(err)
	}
	defer rows.Close()
	var x dagang.Deal
	for rows.Next() {
		if err := rows.Scan(&x.ID, &x.OfficeID, idOf{&x.EventID}, &x.Direction, idOf{&x.BusinessID}, &x.CounterpartID, idOf{&x.CommodityID}, &x.ValueIDR, dateOf{&x.DealDate}); err != nil {
			return d.mapError(err)
		}
		if err := fn(&x); err != nil {
			return err
		}
	}
	return d.mapError(rows.Err())
}
