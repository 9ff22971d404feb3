package store

import (
	"context"
	"strings"

	"github.com/dagang/dagang"
)

var _ dagang.BusinessService = (*DB)(nil)

const businessCols = `id, office_id, name, regency_code, nib, size_class, contact_name, phone, email, sample, created_at`

var businessSort = sortSpec{def: "name, id", columns: map[string]string{"name": "name", "regency": "regency_code", "size": "size_class", "created": "created_at", "id": "id"}}

func scanBusiness(s scanner) (*dagang.Business, error) {
	var b dagang.Business
	err := s.Scan(&b.ID, &b.OfficeID, &b.Name, &b.RegencyCode, &b.NIB, &b.Size, &b.Person, &b.Phone, &b.Email, &b.Sample, &b.CreatedAt)
	b.Products = []dagang.Product{}
	return &b, err
}

// FindBusinessByID returns one business with its products.
func (d *DB) FindBusinessByID(ctx context.Context, id int64) (*dagang.Business, error) {
	t := d.read()
	b, err := get(ctx, t, "SELECT "+businessCols+" FROM businesses WHERE id = ?", "pelaku usaha", "business", id, scanBusiness)
	if err == nil {
		err = attachProducts(ctx, t, []*dagang.Business{b})
	}
	return b, d.mapError(err)
}

// FindBusinesses lists businesses with their products.
func (d *DB) FindBusinesses(ctx context.Context, f dagang.BusinessFilter) ([]*dagang.Business, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("regency_code", f.RegencyCode)
	w.eq("size_class", string(f.Size))
	if f.CommodityID != 0 {
		w.add("id IN (SELECT business_id FROM products WHERE commodity_id = ?)", f.CommodityID)
	}
	w.match("businesses", f.Query)
	t := d.read()
	bs, n, err := list(ctx, t, "SELECT "+businessCols+" FROM businesses", "SELECT COUNT(*) FROM businesses", w, businessSort, f.ListOptions, scanBusiness)
	if err == nil {
		err = attachProducts(ctx, t, bs)
	}
	return bs, n, d.mapError(err)
}

func attachProducts(ctx context.Context, t tx, bs []*dagang.Business) error {
	if len(bs) == 0 {
		return nil
	}
	byID := make(map[int64]*dagang.Business, len(bs))
	ph := make([]string, len(bs))
	args := make([]any, len(bs))
	for i, b := range bs {
		byID[b.ID] = b
		ph[i] = "?"
		args[i] = b.ID
	}
	rows, err := t.query(ctx, "SELECT id, business_id, commodity_id, description, monthly_capacity, unit FROM products WHERE business_id IN ("+strings.Join(ph, ",")+") ORDER BY business_id, id", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p dagang.Product
		if err := rows.Scan(&p.ID, &p.BusinessID, &p.CommodityID, &p.Description, &p.MonthlyCapacity, &p.Unit); err != nil {
			return err
		}
		byID[p.BusinessID].Products = append(byID[p.BusinessID].Products, p)
	}
	return rows.Err()
}

// checkBusinessRefs verifies the office, regency and product commodities exist.
func checkBusinessRefs(ctx context.Context, t tx, b *dagang.Business) error {
	var v dagang.Validation
	if err := exists(ctx, t, &v, "office_id", "offices", "id", b.OfficeID, "dinas %v tidak dikenal", "unknown office %v"); err != nil {
		return err
	}
	if err := exists(ctx, t, &v, "regency_code", "regencies", "code", b.RegencyCode, "kabupaten/kota %v tidak dikenal", "unknown regency %v"); err != nil {
		return err
	}
	for i, p := range b.Products {
		if err := exists(ctx, t, &v, "products["+itoa(i)+"].commodity_id", "commodities", "id", p.CommodityID, "komoditas %v tidak dikenal", "unknown commodity %v"); err != nil {
			return err
		}
	}
	return v.Err()
}

func insertProducts(ctx context.Context, t tx, b *dagang.Business) error {
	for i := range b.Products {
		p := &b.Products[i]
		p.BusinessID = b.ID
		id, err := t.insert(ctx, "INSERT INTO products (business_id, commodity_id, description, monthly_capacity, unit) VALUES (?, ?, ?, ?, ?)",
			b.ID, p.CommodityID, p.Description, p.MonthlyCapacity, p.Unit)
		if err != nil {
			return err
		}
		p.ID = id
	}
	return nil
}

// CreateBusiness stores a business and its products.
func (d *DB) CreateBusiness(ctx context.Context, b *dagang.Business) error {
	b.Name = strings.TrimSpace(b.Name)
	if err := b.Validate(); err != nil {
		return err
	}
	b.CreatedAt = d.now().UTC()
	return d.inTx(ctx, func(t tx) error {
		if err := checkBusinessRefs(ctx, t, b); err != nil {
			return err
		}
		if err := insertBusiness(ctx, t, b); err != nil {
			return err
		}
		return d.reindex(ctx, t, "businesses", b.ID)
	})
}

// insertBusiness stores a business and its products and sets its id;
// CreateBusiness and ImportBusinesses share it.
func insertBusiness(ctx context.Context, t tx, b *dagang.Business) error {
	id, err := t.insert(ctx, "INSERT INTO businesses (office_id, name, regency_code, nib, size_class, contact_name, phone, email, sample, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		b.OfficeID, b.Name, b.RegencyCode, b.NIB, b.Size, b.Person, b.Phone, b.Email, b.Sample, b.CreatedAt)
	if err != nil {
		return err
	}
	b.ID = id
	return insertProducts(ctx, t, b)
}

// UpdateBusiness replaces a business's fields and products.
func (d *DB) UpdateBusiness(ctx context.Context, b *dagang.Business) error {
	b.Name = strings.TrimSpace(b.Name)
	if err := b.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error {
		if err := checkBusinessRefs(ctx, t, b); err != nil {
			return err
		}
		res, err := t.exec(ctx, "UPDATE businesses SET name = ?, regency_code = ?, nib = ?, size_class = ?, contact_name = ?, phone = ?, email = ? WHERE id = ? AND office_id = ?",
			b.Name, b.RegencyCode, b.NIB, b.Size, b.Person, b.Phone, b.Email, b.ID, b.OfficeID)
		if err := affected(res, err, "pelaku usaha", "business", b.ID); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "DELETE FROM products WHERE business_id = ?", b.ID); err != nil {
			return err
		}
		if err := insertProducts(ctx, t, b); err != nil {
			return err
		}
		return d.reindex(ctx, t, "businesses", b.ID)
	})
}

// DeleteBusiness removes a business that has no events, deals or users.
func (d *DB) DeleteBusiness(ctx context.Context, id int64) error {
	return d.deleteByID(ctx, "businesses", "pelaku usaha", "business", id)
}
