package store

import (
	"context"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/refdata"
)

// ImportReferenceTable stores a table that replaces an embedded one of the
// same layout, after the checks the embedded copy passes: all rows or none,
// errors naming row and column.
func (d *DB) ImportReferenceTable(ctx context.Context, t *dagang.ReferenceTable) error {
	var v dagang.Validation
	v.Check(t.Name != "", "name", "nama berkas wajib diisi", "the file name is required")
	if err := v.Err(); err != nil {
		return err
	}
	rows, err := refdata.CheckTable(t.Layout, []byte(t.Content))
	if err != nil {
		return err
	}
	t.Rows, t.ImportedAt = rows, d.now().UTC()
	return d.inTx(ctx, func(x tx) error {
		id, err := x.insert(ctx, "INSERT INTO reference_tables (layout, name, content, row_count, imported_at) VALUES (?, ?, ?, ?, ?)",
			t.Layout, t.Name, t.Content, t.Rows, t.ImportedAt)
		t.ID = id
		return err
	})
}

// LatestReferenceTables returns the latest import of each layout.
func (d *DB) LatestReferenceTables(ctx context.Context) ([]*dagang.ReferenceTable, error) {
	rows, err := d.read().query(ctx, `SELECT id, layout, name, content, row_count, imported_at FROM reference_tables r
		WHERE id = (SELECT MAX(id) FROM reference_tables l WHERE l.layout = r.layout) ORDER BY layout`)
	if err != nil {
		return nil, d.mapError(err)
	}
	defer rows.Close()
	var out []*dagang.ReferenceTable
	for rows.Next() {
		var t dagang.ReferenceTable
		if err := rows.Scan(&t.ID, &t.Layout, &t.Name, &t.Content, &t.Rows, &t.ImportedAt); err != nil {
			return nil, d.mapError(err)
		}
		out = append(out, &t)
	}
	return out, d.mapError(rows.Err())
}
