package store

import (
	"context"

	"github.com/dagang/dagang"
)

var _ dagang.TargetService = (*DB)(nil)

const targetCols = `id, version, office_id, year, kind, value, note`

var targetSort = sortSpec{def: "year DESC, kind", columns: map[string]string{"year": "year", "kind": "kind"}}

func scanTarget(s scanner) (*dagang.Target, error) {
	var t dagang.Target
	err := s.Scan(&t.ID, &t.Version, &t.OfficeID, &t.Year, &t.Kind, &t.Value, &t.Note)
	return &t, err
}

// FindTargetByID returns one target.
func (d *DB) FindTargetByID(ctx context.Context, id int64) (*dagang.Target, error) {
	t, err := get(ctx, d.read(), "SELECT "+targetCols+" FROM targets WHERE id = ?", "target", "target", id, scanTarget)
	return t, d.mapError(err)
}

// FindTargets lists targets.
func (d *DB) FindTargets(ctx context.Context, f dagang.TargetFilter) ([]*dagang.Target, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("year", f.Year)
	ts, n, err := list(ctx, d.read(), "SELECT "+targetCols+" FROM targets", "SELECT COUNT(*) FROM targets", w, targetSort, f.ListOptions, scanTarget)
	return ts, n, d.mapError(err)
}

// CreateTarget stores a yearly target; one per office, year and kind.
func (d *DB) CreateTarget(ctx context.Context, tg *dagang.Target) error {
	if err := tg.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error {
		id, err := t.insert(ctx, "INSERT INTO targets (office_id, year, kind, value, note) VALUES (?, ?, ?, ?, ?)", tg.OfficeID, tg.Year, tg.Kind, tg.Value, tg.Note)
		tg.ID, tg.Version = id, 1
		return err
	})
}

var targetColumns = []column[dagang.Target]{
	col("year", func(t *dagang.Target) any { return t.Year }),
	col("kind", func(t *dagang.Target) any { return t.Kind }),
	col("value", func(t *dagang.Target) any { return t.Value }),
	col("note", func(t *dagang.Target) any { return t.Note }),
}

// UpdateTarget changes a target's value and note (year and kind too, as
// long as no other target of the office has them).
func (d *DB) UpdateTarget(ctx context.Context, tg *dagang.Target, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+targetCols+" FROM targets WHERE id = ?"+lockRow(t), "target", "target", tg.ID, scanTarget)
		if err != nil {
			return err
		}
		return versioned(ctx, t, "targets", old, tg, c, targetColumns, (*dagang.Target).Validate)
	})
}

// DeleteTarget removes a target.
func (d *DB) DeleteTarget(ctx context.Context, id, version int64) error {
	return d.deleteByID(ctx, "targets", "target", "target", id, version)
}
