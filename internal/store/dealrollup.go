package store

import (
	"context"
	"sort"
	"strings"

	"github.com/dagang/dagang"
)

// rollupKey is one row of deal_rollup.
type rollupKey struct {
	office                             int64
	kind                               dagang.RollupKind
	year                               int
	event, counterpart, commodity, biz int64
	dir, stage, conf                   string
}

type rollupVal struct{ deals, value, realised, sample int64 }

// rollupDelta collects changes to deal_rollup so that a transaction, or a
// whole import, writes each touched row once.
type rollupDelta map[rollupKey]*rollupVal

// add counts deal x, of which paid rupiah were paid, sign times (+1 when
// the deal appears, -1 when it goes away or before it changes).
func (r rollupDelta) add(x *dagang.Deal, paid int64, sign int64) {
	realised := paid
	if realised > x.ValueIDR {
		realised = x.ValueIDR
	}
	sample := int64(0)
	if x.Sample {
		sample = 1
	}
	base := rollupKey{office: x.OfficeID, year: x.DealDate.Year, conf: string(x.Confirmation)}
	keys := [...]rollupKey{
		{kind: dagang.RollupEvent, event: x.EventID, dir: string(x.Direction)},
		{kind: dagang.RollupCounterpart, counterpart: x.CounterpartID, dir: string(x.Direction)},
		{kind: dagang.RollupCommodity, commodity: x.CommodityID, dir: string(x.Direction)},
		{kind: dagang.RollupStage, dir: string(x.Direction), stage: string(x.Stage)},
		{kind: dagang.RollupBusiness, biz: x.BusinessID},
	}
	for _, k := range keys {
		k.office, k.conf = base.office, base.conf
		if k.kind == dagang.RollupBusiness {
			k.conf = "" // these rows only say which businesses have deals
		}
		// Each deal counts in its year and in year 0, all years.
		for _, year := range [2]int{base.year, 0} {
			k.year = year
			v := r[k]
			if v == nil {
				v = &rollupVal{}
				r[k] = v
			}
			v.deals += sign
			v.value += sign * x.ValueIDR
			v.realised += sign * realised
			v.sample += sign * sample
		}
	}
}

// flush writes the collected changes in a fixed key order (so concurrent
// transactions on PostgreSQL lock rows in the same order), rollupBatch
// rows a statement: an import or a rebuild moves thousands of rows.
func (r rollupDelta) flush(ctx context.Context, t tx) error {
	keys := make([]rollupKey, 0, len(r))
	for k, v := range r {
		if *v != (rollupVal{}) {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return rollupLess(keys[i], keys[j]) })
	for len(keys) > 0 {
		n := min(len(keys), rollupBatch)
		args := make([]any, 0, n*14)
		for _, k := range keys[:n] {
			v := r[k]
			args = append(args, k.office, string(k.kind), k.year, k.event, k.counterpart, k.commodity, k.biz, k.dir, k.stage, k.conf, v.deals, v.value, v.realised, v.sample)
		}
		_, err := t.exec(ctx, `INSERT INTO deal_rollup (office_id, kind, year, event_id, counterpart_id, commodity_id, business_id, direction, stage, confirmation, deals, value_idr, realised_idr, sample_deals)
			VALUES `+strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")+`
			ON CONFLICT (office_id, kind, year, event_id, counterpart_id, commodity_id, business_id, direction, stage, confirmation) DO UPDATE SET
			deals = deal_rollup.deals + excluded.deals, value_idr = deal_rollup.value_idr + excluded.value_idr,
			realised_idr = deal_rollup.realised_idr + excluded.realised_idr, sample_deals = deal_rollup.sample_deals + excluded.sample_deals`, args...)
		if err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// rollupBatch is how many summary rows one statement writes (14
// parameters each, within SQLite's and PostgreSQL's limits).
const rollupBatch = 200

func rollupLess(a, b rollupKey) bool {
	switch {
	case a.office != b.office:
		return a.office < b.office
	case a.kind != b.kind:
		return a.kind < b.kind
	case a.year != b.year:
		return a.year < b.year
	case a.event != b.event:
		return a.event < b.event
	case a.counterpart != b.counterpart:
		return a.counterpart < b.counterpart
	case a.commodity != b.commodity:
		return a.commodity < b.commodity
	case a.biz != b.biz:
		return a.biz < b.biz
	case a.dir != b.dir:
		return a.dir < b.dir
	case a.stage != b.stage:
		return a.stage < b.stage
	}
	return a.conf < b.conf
}

// DealRollup returns the office's deal summary rows for one year, leaving
// out rows whose deals have all gone and the per-business rows
// (BusinessesWithDeals counts them). For all years (year 0) it returns the
// year-0 rows of events, counterparts and commodities, and the stage rows
// of every year (the report's split by year comes from them).
func (d *DB) DealRollup(ctx context.Context, officeID int64, year int) ([]dagang.RollupRow, error) {
	q := `SELECT kind, year, event_id, counterpart_id, commodity_id, business_id, direction, stage, confirmation, deals, value_idr, realised_idr, sample_deals
		FROM deal_rollup WHERE office_id = ? AND deals <> 0`
	args := []any{officeID}
	if year != 0 {
		q += " AND kind IN ('e', 'p', 'c', 's') AND year = ?"
		args = append(args, year)
	} else {
		q += " AND ((kind IN ('e', 'p', 'c') AND year = 0) OR (kind = 's' AND year <> 0))"
	}
	rows, err := d.read().query(ctx, q+" ORDER BY kind, year, event_id, counterpart_id, commodity_id, business_id, direction, stage, confirmation", args...)
	if err != nil {
		return nil, d.mapError(err)
	}
	defer rows.Close()
	out := []dagang.RollupRow{}
	for rows.Next() {
		var r dagang.RollupRow
		if err := rows.Scan(&r.Kind, &r.Year, &r.EventID, &r.CounterpartID, &r.CommodityID, &r.BusinessID, &r.Direction, &r.Stage, &r.Confirmation,
			&r.Deals, &r.ValueIDR, &r.RealisedIDR, &r.SampleDeals); err != nil {
			return nil, d.mapError(err)
		}
		out = append(out, r)
	}
	return out, d.mapError(rows.Err())
}

// BusinessesWithDeals counts the home businesses with at least one deal
// in the year (0: all years), from the summary table.
func (d *DB) BusinessesWithDeals(ctx context.Context, officeID int64, year int) (int, error) {
	var n int
	err := d.read().queryRow(ctx, "SELECT COUNT(*) FROM deal_rollup WHERE office_id = ? AND kind = 'b' AND year = ? AND business_id <> 0 AND deals > 0", officeID, year).Scan(&n)
	return n, d.mapError(err)
}

// RebuildDealRollup recomputes the summary tables of an office from its
// deals (on PostgreSQL the national one's rows of the office too) (`dagang report deals --rebuild`), to repair it after changes made
// outside the store, e.g. by hand in SQL.
func (d *DB) RebuildDealRollup(ctx context.Context, officeID int64) error {
	return d.inTx(ctx, func(t tx) error {
		if _, err := t.exec(ctx, "DELETE FROM deal_rollup WHERE office_id = ?", officeID); err != nil {
			return err
		}
		if err := rebuildNationalRollup(ctx, d, t, officeID); err != nil {
			return err
		}
		rows, err := t.query(ctx, "SELECT "+dealCols+", paid_idr FROM deals WHERE office_id = ?", officeID)
		if err != nil {
			return err
		}
		delta := rollupDelta{}
		for rows.Next() {
			x, paid, err := scanDealPaid(rows)
			if err != nil {
				rows.Close()
				return err
			}
			delta.add(x, paid, 1)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		return delta.flush(ctx, t)
	})
}

// scanDealPaid scans dealCols followed by paid_idr.
func scanDealPaid(s scanner) (*dagang.Deal, int64, error) {
	var paid int64
	x, err := scanDeal(scanFunc(func(dest ...any) error { return s.Scan(append(dest, &paid)...) }))
	return x, paid, err
}

type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// ReportNames loads the names a deal report of an office needs.
func (d *DB) ReportNames(ctx context.Context, officeID int64) (*dagang.ReportNames, error) {
	o, err := d.FindOfficeByID(ctx, officeID)
	if err != nil {
		return nil, err
	}
	n := &dagang.ReportNames{OfficeName: o.Name, HomeProvince: o.HomeProvince, Provinces: map[string]dagang.Province{},
		Events: map[int64]dagang.NamedEvent{}, Orgs: map[int64]dagang.NamedOrg{}, Commodities: map[int64]dagang.NamedCommodity{}}
	ps, err := d.FindProvinces(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		n.Provinces[p.Code] = *p
	}
	t := d.read()
	each := func(q string, scan func(scanner) error, args ...any) error {
		return d.mapError(eachRow(ctx, t, q, scan, args...))
	}
	err = each("SELECT id, name, starts_on, host_province, sample FROM events WHERE office_id = ?", func(s scanner) error {
		var id int64
		var e dagang.NamedEvent
		err := s.Scan(&id, &e.Name, dateOf{&e.StartsOn}, &e.HostProvince, &e.Sample)
		n.Events[id] = e
		return err
	}, officeID)
	if err != nil {
		return nil, err
	}
	err = each("SELECT id, name, province_code FROM organisations WHERE office_id = ?", func(s scanner) error {
		var id int64
		var o dagang.NamedOrg
		err := s.Scan(&id, &o.Name, &o.ProvinceCode)
		n.Orgs[id] = o
		return err
	}, officeID)
	if err != nil {
		return nil, err
	}
	err = each("SELECT id, name, stage FROM commodities", func(s scanner) error {
		var id int64
		var c dagang.NamedCommodity
		err := s.Scan(&id, &c.Name, &c.Stage)
		n.Commodities[id] = c
		return err
	})
	return n, err
}

// EachDeal streams the deals that f selects (paging ignored), oldest id
// first, with the names and contacts they refer to. fn may keep nothing:
// the record is reused for the next row, so memory stays constant.
func (d *DB) EachDeal(ctx context.Context, f dagang.DealFilter, fn func(*dagang.DealRecord) error) error {
	w := dealWhere(f)
	for i, c := range w.conds {
		w.conds[i] = qualifyDealCols(c)
	}
	rows, err := d.read().query(ctx, `SELECT x.id, x.office_id, x.event_id, x.direction, x.business_id, x.counterpart_id, x.commodity_id, x.volume, x.unit, x.value_idr,
		x.stage, x.deal_date, x.delivery_from, x.delivery_to, x.confirmation, x.note, x.sample, x.created_at, x.updated_at, x.paid_idr,
		COALESCE(e.name, ''), COALESCE(b.name, ''), COALESCE(b.contact_name, ''), COALESCE(b.phone, ''), COALESCE(b.email, ''),
		o.name, COALESCE(p.name, ''), o.contact_name, o.phone, o.email, COALESCE(c.name, ''), COALESCE(c.stage, '')
		FROM deals x JOIN organisations o ON o.id = x.counterpart_id LEFT JOIN provinces p ON p.code = o.province_code
		LEFT JOIN events e ON e.id = x.event_id LEFT JOIN businesses b ON b.id = x.business_id LEFT JOIN commodities c ON c.id = x.commodity_id`+
		w.sql()+" ORDER BY x.id", w.args...)
	if err != nil {
		return d.mapError(err)
	}
	defer rows.Close()
	var r dagang.DealRecord
	for rows.Next() {
		x := &r.Deal
		err := rows.Scan(&x.ID, &x.OfficeID, idOf{&x.EventID}, &x.Direction, idOf{&x.BusinessID}, &x.CounterpartID, idOf{&x.CommodityID}, &x.Volume, &x.Unit, &x.ValueIDR,
			&x.Stage, dateOf{&x.DealDate}, dateOf{&x.DeliveryFrom}, dateOf{&x.DeliveryTo}, &x.Confirmation, &x.Note, &x.Sample, &x.CreatedAt, &x.UpdatedAt, &r.PaidIDR,
			&r.EventName, &r.BusinessName, &r.BusinessContact.Person, &r.BusinessContact.Phone, &r.BusinessContact.Email,
			&r.CounterpartName, &r.CounterpartProv, &r.CounterpartContact.Person, &r.CounterpartContact.Phone, &r.CounterpartContact.Email,
			&r.CommodityName, &r.CommodityStage)
		if err != nil {
			return d.mapError(err)
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return d.mapError(rows.Err())
}

// qualifyDealCols prefixes the deal columns dealWhere names with "x.".
func qualifyDealCols(cond string) string {
	for _, c := range []string{"office_id", "event_id", "business_id", "counterpart_id", "commodity_id", "direction", "stage", "deal_date", "note", "unit", "id"} {
		if strings.HasPrefix(cond, c+" ") {
			return "x." + cond
		}
		cond = strings.ReplaceAll(cond, "LOWER("+c+")", "LOWER(x."+c+")")
	}
	return cond
}

// DealRollupScan computes the same rows as DealRollup by grouping the
// deals themselves, without the summary table: the check that the table
// is consistent, and the peer the summary table is measured against.
func (d *DB) DealRollupScan(ctx context.Context, officeID int64, year int) ([]dagang.RollupRow, error) {
	cond := "x.office_id = ?"
	args := []any{officeID}
	if year != 0 {
		cond += " AND x.deal_date LIKE ?"
		args = append(args, itoa(year)+"-%")
	}
	// All years: events, counterparts and commodities over every year
	// (reported as year 0), stages per year, as DealRollup answers.
	yearOf := func(k dagang.RollupKind) (sel, group string) {
		if year == 0 && k != dagang.RollupStage {
			return "0", ""
		}
		return "CAST(SUBSTR(x.deal_date, 1, 4) AS INTEGER)", "CAST(SUBSTR(x.deal_date, 1, 4) AS INTEGER), "
	}
	const sums = `COUNT(*), SUM(x.value_idr), SUM(CASE WHEN x.paid_idr < x.value_idr THEN x.paid_idr ELSE x.value_idr END), SUM(CASE WHEN x.sample THEN 1 ELSE 0 END)`
	queries := []struct {
		kind  dagang.RollupKind
		cols  string // event, counterpart, commodity, direction, stage
		group string
	}{
		{dagang.RollupEvent, "COALESCE(x.event_id, 0), 0, 0, x.direction, ''", "COALESCE(x.event_id, 0), x.direction"},
		{dagang.RollupCounterpart, "0, x.counterpart_id, 0, x.direction, ''", "x.counterpart_id, x.direction"},
		{dagang.RollupCommodity, "0, 0, COALESCE(x.commodity_id, 0), x.direction, ''", "COALESCE(x.commodity_id, 0), x.direction"},
		{dagang.RollupStage, "0, 0, 0, x.direction, x.stage", "x.direction, x.stage"},
	}
	out := []dagang.RollupRow{}
	for _, q := range queries {
		ysel, ygroup := yearOf(q.kind)
		rows, err := d.read().query(ctx, "SELECT "+ysel+", "+q.cols+", x.confirmation, "+sums+" FROM deals x WHERE "+cond+
			" GROUP BY "+ygroup+q.group+", x.confirmation", args...)
		if err != nil {
			return nil, d.mapError(err)
		}
		for rows.Next() {
			r := dagang.RollupRow{Kind: q.kind}
			if err := rows.Scan(&r.Year, &r.EventID, &r.CounterpartID, &r.CommodityID, &r.Direction, &r.Stage, &r.Confirmation,
				&r.Deals, &r.ValueIDR, &r.RealisedIDR, &r.SampleDeals); err != nil {
				rows.Close()
				return nil, d.mapError(err)
			}
			out = append(out, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, d.mapError(err)
		}
	}
	return out, nil
}
