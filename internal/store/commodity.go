package store

import (
	"context"
	"strings"

	"github.com/dagang/dagang"
)

var _ dagang.CommodityService = (*DB)(nil)

const commodityCols = `id, slug, name, name_en, hs_code, hs_note, stage, unit`

var commoditySort = sortSpec{def: "name, id", columns: map[string]string{"name": "name", "hs_code": "hs_code", "stage": "stage", "id": "id"}}

func scanCommodity(s scanner) (*dagang.Commodity, error) {
	var c dagang.Commodity
	err := s.Scan(&c.ID, &c.Slug, &c.Name, &c.NameEN, &c.HSCode, &c.HSNote, &c.Stage, &c.Unit)
	return &c, err
}

// FindCommodityByID returns one commodity with its input links.
func (d *DB) FindCommodityByID(ctx context.Context, id int64) (*dagang.Commodity, error) {
	return d.findCommodity(ctx, "id", id)
}

// FindCommodityBySlug returns one commodity with its input links.
func (d *DB) FindCommodityBySlug(ctx context.Context, slug string) (*dagang.Commodity, error) {
	return d.findCommodity(ctx, "slug", slug)
}

func (d *DB) findCommodity(ctx context.Context, col string, key any) (*dagang.Commodity, error) {
	t := d.read()
	c, err := get(ctx, t, "SELECT "+commodityCols+" FROM commodities WHERE "+col+" = ?", "komoditas", "commodity", key, scanCommodity)
	if err != nil {
		return nil, d.mapError(err)
	}
	if err := attachInputs(ctx, t, []*dagang.Commodity{c}); err != nil {
		return nil, d.mapError(err)
	}
	return c, nil
}

// FindCommodities lists the catalogue.
func (d *DB) FindCommodities(ctx context.Context, f dagang.CommodityFilter) ([]*dagang.Commodity, int, error) {
	var w where
	w.eq("stage", string(f.Stage))
	if f.HSCode != "" {
		w.add("hs_code LIKE ?", dagang.NormalizeHSCode(f.HSCode)+"%")
	}
	w.match("commodities", f.Query)
	t := d.read()
	cs, n, err := list(ctx, t, "SELECT "+commodityCols+" FROM commodities", "SELECT COUNT(*) FROM commodities", w, commoditySort, f.ListOptions, scanCommodity)
	if err == nil {
		err = attachInputs(ctx, t, cs)
	}
	return cs, n, d.mapError(err)
}

// attachInputs loads the input links of which each commodity is the output.
func attachInputs(ctx context.Context, t tx, cs []*dagang.Commodity) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[int64]*dagang.Commodity, len(cs))
	ph := make([]string, len(cs))
	args := make([]any, len(cs))
	for i, c := range cs {
		byID[c.ID] = c
		ph[i] = "?"
		args[i] = c.ID
	}
	rows, err := t.query(ctx, "SELECT input_id, output_id, use_text FROM commodity_inputs WHERE output_id IN ("+strings.Join(ph, ",")+") ORDER BY output_id, input_id", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var l dagang.InputLink
		if err := rows.Scan(&l.InputID, &l.OutputID, &l.Use); err != nil {
			return err
		}
		byID[l.OutputID].Inputs = append(byID[l.OutputID].Inputs, l)
	}
	return rows.Err()
}

// CreateCommodity adds a commodity to the catalogue.
func (d *DB) CreateCommodity(ctx context.Context, c *dagang.Commodity) error {
	c.HSCode = dagang.NormalizeHSCode(c.HSCode)
	if err := c.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error {
		id, err := t.insert(ctx, "INSERT INTO commodities (slug, name, name_en, hs_code, hs_note, stage, unit) VALUES (?, ?, ?, ?, ?, ?, ?)",
			c.Slug, c.Name, c.NameEN, c.HSCode, c.HSNote, c.Stage, c.Unit)
		if err != nil {
			return err
		}
		c.ID = id
		return d.reindex(ctx, t, "commodities", id)
	})
}

// LinkInput records that one commodity is an input of another.
func (d *DB) LinkInput(ctx context.Context, l dagang.InputLink) error {
	var v dagang.Validation
	v.Check(l.InputID > 0, "input_id", "komoditas bahan wajib dipilih", "input commodity is required")
	v.Check(l.OutputID > 0, "output_id", "komoditas hasil wajib dipilih", "output commodity is required")
	v.Check(l.InputID != l.OutputID, "output_id", "komoditas tidak dapat menjadi bahan bagi dirinya sendiri", "a commodity cannot be its own input")
	v.Check(strings.TrimSpace(l.Use) != "", "use", "kegunaan wajib diisi (contoh: pakan ternak)", "use is required (e.g. animal feed)")
	if err := v.Err(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error {
		_, err := t.exec(ctx, "INSERT INTO commodity_inputs (input_id, output_id, use_text) VALUES (?, ?, ?) ON CONFLICT (input_id, output_id) DO UPDATE SET use_text = excluded.use_text",
			l.InputID, l.OutputID, l.Use)
		return err
	})
}
