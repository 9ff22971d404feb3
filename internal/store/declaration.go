package store

import (
	"context"

	"github.com/dagang/dagang"
)

const declarationCols = `id, version, office_id, province_code, commodity_id, kind, statement, declared_by, declared_on, source, created_at`

var declarationSort = sortSpec{def: "province_code, id", columns: map[string]string{"province": "province_code", "declared_on": "declared_on", "id": "id"}}

func scanDeclaration(s scanner) (*dagang.Declaration, error) {
	var x dagang.Declaration
	err := s.Scan(&x.ID, &x.Version, &x.OfficeID, &x.ProvinceCode, &x.CommodityID, &x.Kind, &x.Statement, &x.DeclaredBy, dateOf{&x.DeclaredOn}, &x.Source, &x.CreatedAt)
	return &x, err
}

// FindDeclarations lists staff declarations.
func (d *DB) FindDeclarations(ctx context.Context, f dagang.DeclarationFilter) ([]*dagang.Declaration, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("province_code", f.ProvinceCode)
	w.eq("commodity_id", f.CommodityID)
	w.search(f.Query, "statement")
	ds, n, err := list(ctx, d.read(), "SELECT "+declarationCols+" FROM declarations", "SELECT COUNT(*) FROM declarations", w, declarationSort, f.ListOptions, scanDeclaration)
	return ds, n, d.mapError(err)
}

// FindDeclarationByID returns one declaration.
func (d *DB) FindDeclarationByID(ctx context.Context, id int64) (*dagang.Declaration, error) {
	x, err := get(ctx, d.read(), "SELECT "+declarationCols+" FROM declarations WHERE id = ?", "pernyataan", "declaration", id, scanDeclaration)
	return x, d.mapError(err)
}

// CreateDeclaration stores what staff declare about a province.
func (d *DB) CreateDeclaration(ctx context.Context, x *dagang.Declaration) error {
	if err := x.Validate(); err != nil {
		return err
	}
	x.CreatedAt = d.now().UTC()
	return d.inTx(ctx, func(t tx) error {
		if err := declarationRefs(ctx, t, x); err != nil {
			return err
		}
		id, err := t.insert(ctx, "INSERT INTO declarations (office_id, province_code, commodity_id, kind, statement, declared_by, declared_on, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			x.OfficeID, x.ProvinceCode, x.CommodityID, x.Kind, x.Statement, x.DeclaredBy, x.DeclaredOn.String(), x.Source, x.CreatedAt)
		x.ID, x.Version = id, 1
		return err
	})
}

// declarationRefs checks the province and commodity of x.
func declarationRefs(ctx context.Context, t tx, x *dagang.Declaration) error {
	var v dagang.Validation
	if err := exists(ctx, t, &v, "province_code", "provinces", "code", x.ProvinceCode, "provinsi dengan kode %v tidak dikenal", "unknown province code %v"); err != nil {
		return err
	}
	if err := exists(ctx, t, &v, "commodity_id", "commodities", "id", x.CommodityID, "komoditas %v tidak dikenal", "unknown commodity %v"); err != nil {
		return err
	}
	return v.Err()
}

var declarationColumns = []column[dagang.Declaration]{
	col("province_code", func(x *dagang.Declaration) any { return x.ProvinceCode }),
	col("commodity_id", func(x *dagang.Declaration) any { return x.CommodityID }),
	col("kind", func(x *dagang.Declaration) any { return x.Kind }),
	col("statement", func(x *dagang.Declaration) any { return x.Statement }),
	col("declared_by", func(x *dagang.Declaration) any { return x.DeclaredBy }),
	col("declared_on", func(x *dagang.Declaration) any { return x.DeclaredOn.String() }),
	col("source", func(x *dagang.Declaration) any { return x.Source }),
}

// UpdateDeclaration changes a declaration.
func (d *DB) UpdateDeclaration(ctx context.Context, x *dagang.Declaration, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+declarationCols+" FROM declarations WHERE id = ?"+lockRow(t), "pernyataan", "declaration", x.ID, scanDeclaration)
		if err != nil {
			return err
		}
		return versioned(ctx, t, "declarations", old, x, c, declarationColumns, func(cur *dagang.Declaration) error {
			if err := cur.Validate(); err != nil {
				return err
			}
			return declarationRefs(ctx, t, cur)
		})
	})
}

// DeleteDeclaration removes a declaration.
func (d *DB) DeleteDeclaration(ctx context.Context, id, version int64) error {
	return d.deleteByID(ctx, "declarations", "pernyataan", "declaration", id, version)
}
