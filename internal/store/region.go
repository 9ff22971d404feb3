package store

import (
	"context"

	"github.com/dagang/dagang"
)

var _ dagang.RegionService = (*DB)(nil)

const provinceCols = `code, bps_code, name, short_name, lat, lon, population, area_km2`

func scanProvince(s scanner) (*dagang.Province, error) {
	var p dagang.Province
	err := s.Scan(&p.Code, &p.BPSCode, &p.Name, &p.ShortName, &p.Lat, &p.Lon, &p.Population, &p.AreaKm2)
	return &p, err
}

// FindProvinces returns all provinces ordered by code.
func (d *DB) FindProvinces(ctx context.Context) ([]*dagang.Province, error) {
	ps, _, err := list(ctx, d.read(), "SELECT "+provinceCols+" FROM provinces", "SELECT COUNT(*) FROM provinces",
		where{}, sortSpec{def: "code"}, dagang.ListOptions{Limit: dagang.MaxLimit}, scanProvince)
	return ps, d.mapError(err)
}

// FindProvinceByCode returns one province.
func (d *DB) FindProvinceByCode(ctx context.Context, code string) (*dagang.Province, error) {
	p, err := get(ctx, d.read(), "SELECT "+provinceCols+" FROM provinces WHERE code = ?", "provinsi", "province", code, scanProvince)
	return p, d.mapError(err)
}

var regencySort = sortSpec{def: "code", columns: map[string]string{"code": "code", "name": "name"}}

func scanRegency(s scanner) (*dagang.Regency, error) {
	var r dagang.Regency
	err := s.Scan(&r.Code, &r.ProvinceCode, &r.Name)
	return &r, err
}

// FindRegencies returns the regencies of a province, or all.
func (d *DB) FindRegencies(ctx context.Context, provinceCode string, opt dagang.ListOptions) ([]*dagang.Regency, int, error) {
	var w where
	w.eq("province_code", provinceCode)
	w.search(opt.Query, "name")
	rs, n, err := list(ctx, d.read(), "SELECT code, province_code, name FROM regencies", "SELECT COUNT(*) FROM regencies", w, regencySort, opt, scanRegency)
	return rs, n, d.mapError(err)
}

// FindRegencyByCode returns one regency.
func (d *DB) FindRegencyByCode(ctx context.Context, code string) (*dagang.Regency, error) {
	r, err := get(ctx, d.read(), "SELECT code, province_code, name FROM regencies WHERE code = ?", "kabupaten/kota", "regency", code, scanRegency)
	return r, d.mapError(err)
}

// LoadRegions stores the reference provinces and regencies unless they are
// already there. It is all-or-nothing.
func (d *DB) LoadRegions(ctx context.Context, ps []*dagang.Province, rs []*dagang.Regency) error {
	return d.inTx(ctx, func(t tx) error {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM provinces").Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		for _, p := range ps {
			if _, err := t.exec(ctx, "INSERT INTO provinces ("+provinceCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				p.Code, p.BPSCode, p.Name, p.ShortName, p.Lat, p.Lon, p.Population, p.AreaKm2); err != nil {
				return err
			}
		}
		for _, r := range rs {
			if _, err := t.exec(ctx, "INSERT INTO regencies (code, province_code, name) VALUES (?, ?, ?)", r.Code, r.ProvinceCode, r.Name); err != nil {
				return err
			}
		}
		return nil
	})
}
