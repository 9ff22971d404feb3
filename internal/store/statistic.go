package store

import (
	"context"

	"github.com/dagang/dagang"
)

var _ dagang.EvidenceService = (*DB)(nil)

const statisticCols = `id, province_code, commodity, measure, year, value, unit, status, publisher, source_url, note`

var statisticSort = sortSpec{def: "province_code, commodity, measure, year DESC, id", columns: map[string]string{"province": "province_code", "year": "year", "value": "value", "id": "id"}}

func scanStatistic(s scanner) (*dagang.Statistic, error) {
	var x dagang.Statistic
	err := s.Scan(&x.ID, &x.ProvinceCode, &x.Commodity, &x.Measure, &x.Year, &x.Value, &x.Unit, &x.Status, &x.Publisher, &x.SourceURL, &x.Note)
	return &x, err
}

// FindStatistics lists official figures.
func (d *DB) FindStatistics(ctx context.Context, f dagang.StatisticFilter) ([]*dagang.Statistic, int, error) {
	var w where
	w.eq("province_code", f.ProvinceCode)
	w.eq("commodity", f.Commodity)
	w.eq("year", f.Year)
	w.search(f.Query, "measure", "publisher")
	ss, n, err := list(ctx, d.read(), "SELECT "+statisticCols+" FROM statistics", "SELECT COUNT(*) FROM statistics", w, statisticSort, f.ListOptions, scanStatistic)
	return ss, n, d.mapError(err)
}

// FindStatisticByID returns one figure.
func (d *DB) FindStatisticByID(ctx context.Context, id int64) (*dagang.Statistic, error) {
	s, err := get(ctx, d.read(), "SELECT "+statisticCols+" FROM statistics WHERE id = ?", "statistik", "statistic", id, scanStatistic)
	return s, d.mapError(err)
}

// ImportStatistics stores every figure or, if any is invalid, none; the
// error names each bad row (rows are numbered from 1 in input order).
func (d *DB) ImportStatistics(ctx context.Context, ss []*dagang.Statistic) error {
	var v dagang.Validation
	for i, s := range ss {
		v.Merge("rows["+itoa(i+1)+"].", s.Validate())
	}
	if err := v.Err(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error {
		for _, s := range ss {
			id, err := t.insert(ctx, "INSERT INTO statistics (province_code, commodity, measure, year, value, unit, status, publisher, source_url, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				s.ProvinceCode, s.Commodity, s.Measure, s.Year, s.Value, s.Unit, s.Status, s.Publisher, s.SourceURL, s.Note)
			if err != nil {
				return err
			}
			s.ID = id
		}
		return nil
	})
}
