package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/dagang/dagang"
)

var _ dagang.BusinessService = (*DB)(nil)

const businessCols = `id, version, office_id, name, regency_code, nib, size_class, contact_name, phone, email, whatsapp, sample, created_at`

var businessSort = sortSpec{def: "name, id", columns: map[string]string{"name": "name", "regency": "regency_code", "size": "size_class", "created": "created_at", "id": "id"}}

func scanBusiness(s scanner) (*dagang.Business, error) {
	var b dagang.Business
	err := s.Scan(&b.ID, &b.Version, &b.OfficeID, &b.Name, &b.RegencyCode, &b.NIB, &b.Size, &b.Person, &b.Phone, &b.Email, &b.WhatsApp, &b.Sample, &b.CreatedAt)
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

// checkBusiness is the one check every write of a business passes (the
// API, pages, imports, the CLI and the demo): its own fields, the office,
// a regency of the office's home province, known commodities, and a NIB
// no other business of the office holds. It runs inside the write's
// transaction.
func checkBusiness(ctx context.Context, t tx, b *dagang.Business) error {
	b.Name = strings.TrimSpace(b.Name)
	if err := b.Validate(); err != nil {
		return err
	}
	if err := businessRefs(ctx, t, b); err != nil {
		return err
	}
	return uniqueNIB(ctx, t, b)
}

// businessRefs checks what a business refers to: its office, a regency of
// the office's province, known commodities.
func businessRefs(ctx context.Context, t tx, b *dagang.Business) error {
	var v dagang.Validation
	var home string
	err := t.queryRow(ctx, "SELECT home_province FROM offices WHERE id = ?", b.OfficeID).Scan(&home)
	if err == sql.ErrNoRows {
		v.Add("office_id", fmt.Sprintf("dinas %d tidak dikenal", b.OfficeID), fmt.Sprintf("unknown office %d", b.OfficeID))
	} else if err != nil {
		return err
	}
	var prov string
	err = t.queryRow(ctx, "SELECT province_code FROM regencies WHERE code = ?", b.RegencyCode).Scan(&prov)
	switch {
	case err == sql.ErrNoRows:
		v.Add("regency_code", fmt.Sprintf("kabupaten/kota %s tidak dikenal", b.RegencyCode), fmt.Sprintf("unknown regency %s", b.RegencyCode))
	case err != nil:
		return err
	case home != "" && prov != home:
		v.Add("regency_code", fmt.Sprintf("kabupaten/kota %s tidak berada di provinsi dinas (%s); pelaku usaha daerah harus terdaftar di provinsi sendiri", b.RegencyCode, home),
			fmt.Sprintf("regency %s is not in the office's province (%s); a home business must be registered in the home province", b.RegencyCode, home))
	}
	for i, p := range b.Products {
		if err := exists(ctx, t, &v, "products["+itoa(i)+"].commodity_id", "commodities", "id", p.CommodityID, "komoditas %v tidak dikenal", "unknown commodity %v"); err != nil {
			return err
		}
	}
	return v.Err()
}

// uniqueNIB refuses a NIB another business of the office already holds
// (ECONFLICT naming it); migration 0015's partial unique index backs it.
func uniqueNIB(ctx context.Context, t tx, b *dagang.Business) error {
	if b.NIB == "" {
		return nil
	}
	var id int64
	var name string
	err := t.queryRow(ctx, "SELECT id, name FROM businesses WHERE office_id = ? AND nib = ? AND id <> ? ORDER BY id LIMIT 1", b.OfficeID, b.NIB, b.ID).Scan(&id, &name)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return &dagang.Error{Code: dagang.ECONFLICT, Message: "NIB sudah terdaftar", MessageEN: "NIB already registered",
		Fields: []dagang.FieldError{{Field: "nib",
			Message:   fmt.Sprintf("NIB %s sudah dipakai pelaku usaha #%d (%s); ubah data itu atau periksa NIB-nya", b.NIB, id, name),
			MessageEN: fmt.Sprintf("NIB %s is already held by business #%d (%s); edit that record or check the NIB", b.NIB, id, name)}}}
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
	return d.inTx(ctx, func(t tx) error { return d.createBusiness(ctx, t, b) })
}

// createBusiness checks, stores, indexes and audits a new business in t;
// CreateBusiness and the approval of a registration share it.
func (d *DB) createBusiness(ctx context.Context, t tx, b *dagang.Business) error {
	b.ID, b.CreatedAt = 0, d.now().UTC()
	if err := checkBusiness(ctx, t, b); err != nil {
		return err
	}
	if err := insertBusiness(ctx, t, b); err != nil {
		return err
	}
	if err := d.reindex(ctx, t, "businesses", b.ID); err != nil {
		return err
	}
	return d.audit(ctx, t, b.OfficeID, "business", b.ID, "create", nil, b)
}

// insertBusiness stores a business and its products and sets its id;
// CreateBusiness and ImportBusinesses share it.
func insertBusiness(ctx context.Context, t tx, b *dagang.Business) error {
	id, err := t.insert(ctx, "INSERT INTO businesses (office_id, name, regency_code, nib, size_class, contact_name, phone, email, whatsapp, sample, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		b.OfficeID, b.Name, b.RegencyCode, b.NIB, b.Size, b.Person, b.Phone, b.Email, b.WhatsApp, b.Sample, b.CreatedAt)
	if err != nil {
		return err
	}
	b.ID, b.Version = id, 1
	return insertProducts(ctx, t, b)
}

// businessColumns are the fields UpdateBusiness sets; the products are
// replaced as a whole.
var businessColumns = []column[dagang.Business]{
	col("name", func(b *dagang.Business) any { return b.Name }),
	col("regency_code", func(b *dagang.Business) any { return b.RegencyCode }),
	col("nib", func(b *dagang.Business) any { return b.NIB }),
	col("size_class", func(b *dagang.Business) any { return b.Size }),
	col("contact_name", func(b *dagang.Business) any { return b.Person }),
	col("phone", func(b *dagang.Business) any { return b.Phone }),
	col("email", func(b *dagang.Business) any { return b.Email }),
	col("whatsapp", func(b *dagang.Business) any { return b.WhatsApp }),
	{field: "products"},
}

// UpdateBusiness sets the fields of b that c names (the products as a
// whole) and leaves b as stored.
func (d *DB) UpdateBusiness(ctx context.Context, b *dagang.Business, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+businessCols+" FROM businesses WHERE id = ?"+lockRow(t), "pelaku usaha", "business", b.ID, scanBusiness)
		if err == nil && old.OfficeID != b.OfficeID {
			err = notFound("pelaku usaha", "business", b.ID)
		}
		if err == nil {
			err = attachProducts(ctx, t, []*dagang.Business{old})
		}
		if err != nil {
			return err
		}
		err = versioned(ctx, t, "businesses", old, b, c, businessColumns, func(cur *dagang.Business) error { return checkBusiness(ctx, t, cur) })
		if err != nil {
			return err
		}
		if c.Names("products") {
			if _, err := t.exec(ctx, "DELETE FROM products WHERE business_id = ?", b.ID); err != nil {
				return err
			}
			if err := insertProducts(ctx, t, b); err != nil {
				return err
			}
		}
		if err := d.reindex(ctx, t, "businesses", b.ID); err != nil {
			return err
		}
		return d.audit(ctx, t, b.OfficeID, "business", b.ID, "update", old, b)
	})
}

// DeleteBusiness removes a business with its products and listings. One
// that deals, events, delegation decisions or user accounts refer to is
// refused (ECONFLICT) with what would be orphaned.
func (d *DB) DeleteBusiness(ctx context.Context, id, version int64) error {
	return d.deleteRecord(ctx, "businesses", "pelaku usaha", "business", id, version, []dependant{
		{"deals", "business_id", "transaksi", "deals"},
		{"participations", "business_id", "keikutsertaan kegiatan", "event participations"},
		{"delegation_overrides", "business_id", "keputusan delegasi", "delegation decisions"},
		{"users", "business_id", "akun pengguna", "user accounts"},
	}, func(t tx) (int64, any, error) {
		b, err := get(ctx, t, "SELECT "+businessCols+" FROM businesses WHERE id = ?", "pelaku usaha", "business", id, scanBusiness)
		if err == nil {
			err = attachProducts(ctx, t, []*dagang.Business{b})
		}
		if err != nil {
			return 0, nil, err
		}
		return b.OfficeID, b, nil
	})
}

// uniqueBusinessNIB (migration 0015) makes a non-empty NIB unique within
// an office. Twins stored before the rule keep their records: the oldest
// keeps the NIB, the others lose it with an audit entry holding the old
// value, so staff can merge them and nothing is lost.
func uniqueBusinessNIB(ctx context.Context, d *DB, t tx) error {
	rows, err := t.query(ctx, `SELECT b.id, b.office_id, b.nib FROM businesses b
		WHERE b.nib <> '' AND EXISTS (SELECT 1 FROM businesses o WHERE o.office_id = b.office_id AND o.nib = b.nib AND o.id < b.id)
		ORDER BY b.id`)
	if err != nil {
		return err
	}
	type twin struct {
		id, office int64
		nib        string
	}
	var twins []twin
	for rows.Next() {
		var w twin
		if err := rows.Scan(&w.id, &w.office, &w.nib); err != nil {
			rows.Close()
			return err
		}
		twins = append(twins, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, w := range twins {
		if _, err := t.exec(ctx, "UPDATE businesses SET nib = '', version = version + 1 WHERE id = ?", w.id); err != nil {
			return err
		}
		if err := d.audit(ctx, t, w.office, "business", w.id, "nib_cleared", map[string]string{"nib": w.nib}, map[string]string{"nib": "",
			"reason": "NIB yang sama sudah dipakai pelaku usaha yang lebih dahulu tercatat / the same NIB is held by an earlier business"}); err != nil {
			return err
		}
	}
	_, err = t.exec(ctx, "CREATE UNIQUE INDEX businesses_office_nib ON businesses(office_id, nib) WHERE nib <> ''")
	return err
}

// ImportBusinesses stores every business (with its products) or none. A
// business with an ID updates that stored business of the office (an
// import asked to update the records it matches). Each passes the same
// checks as CreateBusiness (checkBusiness), so a regency outside the home
// province or a NIB already held (by a stored business or an earlier row
// of the same file) refuses the import, naming the record.
func (d *DB) ImportBusinesses(ctx context.Context, officeID int64, bs []*dagang.Business, source string, progress func(done int)) error {
	now := d.now().UTC()
	return d.inTx(ctx, func(t tx) error {
		first, err := maxID(ctx, t, "businesses")
		if err != nil {
			return err
		}
		updated := 0
		for i, b := range bs {
			b.OfficeID = officeID
			if b.ID != 0 {
				updated++
				err = d.updateImportedBusiness(ctx, t, b)
			} else {
				b.CreatedAt = now
				if err = checkBusiness(ctx, t, b); err == nil {
					err = insertBusiness(ctx, t, b)
				}
			}
			if err != nil {
				return ofRecord(i, err)
			}
			if progress != nil && (i%importBatch == 0 || i == len(bs)-1) {
				progress(i + 1)
			}
		}
		if err := d.reindexAfter(ctx, t, "businesses", first); err != nil {
			return err
		}
		return d.audit(ctx, t, officeID, "business", 0, "import", nil, map[string]any{"source": source, "rows": len(bs), "updated": updated})
	})
}

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
