package store

import (
	"context"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

var _ dagang.ReportService = (*DB)(nil)

// Summary computes the headline report of an office from its records. With
// year 0 it covers all years; otherwise events by start date and deals by
// deal date in that year. Events counts the events the year's deals come
// from (dagang.EventsWithDeals); EventTotals lists every event that starts
// in the year, with or without deals.
func (d *DB) Summary(ctx context.Context, officeID int64, year int) (*dagang.Summary, error) {
	s := &dagang.Summary{Year: year, Partners: []dagang.PartnerSummary{}, EventTotals: []dagang.EventTotal{}}
	t := d.read()
	yearLike := "%"
	if year != 0 {
		yearLike = itoa(year) + "-%"
	}
	// Totals and the count of events from the deal summary table (kind 'e'
	// rows count every deal once in its year and once in year 0, all
	// years), not by scanning the deals: the dashboard calls Summary on
	// every visit (issue 8 load test).
	rows, err := t.query(ctx, "SELECT event_id, direction, deals, value_idr, sample_deals FROM deal_rollup WHERE office_id = ? AND kind = 'e' AND year = ? AND deals <> 0", officeID, year)
	if err != nil {
		return nil, d.mapError(err)
	}
	var byEvent []dagang.RollupRow
	for rows.Next() {
		r := dagang.RollupRow{Kind: dagang.RollupEvent, Year: year}
		if err := rows.Scan(&r.EventID, &r.Direction, &r.Deals, &r.ValueIDR, &r.SampleDeals); err != nil {
			rows.Close()
			return nil, d.mapError(err)
		}
		byEvent = append(byEvent, r)
		switch r.Direction {
		case dagang.DirectionSell:
			s.ByDirection.Sell += r.ValueIDR
		case dagang.DirectionBuy:
			s.ByDirection.Buy += r.ValueIDR
		case dagang.DirectionInvest:
			s.ByDirection.Invest += r.ValueIDR
		}
		s.TransactionsIDR += r.ValueIDR
		s.SampleData = s.SampleData || r.SampleDeals > 0
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, d.mapError(err)
	}
	s.Events = dagang.EventsWithDeals(byEvent)
	s.TransactionsText = money.Short(s.TransactionsIDR)

	if err := t.queryRow(ctx, `SELECT COUNT(DISTINCT p.business_id) FROM participations p JOIN events e ON e.id = p.event_id
		WHERE e.office_id = ? AND e.starts_on LIKE ? AND p.business_id IS NOT NULL AND p.status IN ('selected', 'attended')`, officeID, yearLike).Scan(&s.BusinessesReached); err != nil {
		return nil, d.mapError(err)
	}
	// Businesses that entered through an open call of the year's events,
	// and those of them that went to an event of the year (mission.Reach
	// counts the same per year).
	if err := t.queryRow(ctx, `SELECT COUNT(DISTINCT r.business_id),
		COUNT(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM participations p JOIN events x ON x.id = p.event_id
			WHERE p.business_id = r.business_id AND p.status IN ('selected', 'attended') AND SUBSTR(x.starts_on, 1, 4) = SUBSTR(e.starts_on, 1, 4)) THEN r.business_id END)
		FROM registrations r JOIN events e ON e.id = r.event_id
		WHERE r.office_id = ? AND e.starts_on LIKE ? AND r.status = 'approved' AND r.business_id IS NOT NULL`, officeID, yearLike).Scan(&s.OpenCallEntered, &s.OpenCallChosen); err != nil {
		return nil, d.mapError(err)
	}

	// Each partner's deals: the summary rows of the office's counterparts,
	// totalled by province once (not looked up per agreement and
	// counterpart: the table's key does not lead with the counterpart).
	rows, err = t.query(ctx, `SELECT a.prov, p.name, a.stage, a.reason, COALESCE(v.total, 0)
		FROM `+agreementsOf+` a JOIN provinces p ON p.code = a.prov
		LEFT JOIN (SELECT o.province_code, SUM(x.value_idr) AS total FROM deal_rollup x JOIN organisations o ON o.id = x.counterpart_id
			WHERE x.office_id = ? AND x.kind = 'p' AND x.year = ? GROUP BY o.province_code) v ON v.province_code = a.prov
		ORDER BY a.prov, a.id`, officeID, officeID, officeID, officeID, officeID, year)
	if err != nil {
		return nil, d.mapError(err)
	}
	for rows.Next() {
		var p dagang.PartnerSummary
		if err := rows.Scan(&p.ProvinceCode, &p.Name, &p.Stage, &p.Reason, &p.DealsIDR); err != nil {
			rows.Close()
			return nil, d.mapError(err)
		}
		s.Partners = append(s.Partners, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, d.mapError(err)
	}

	// Every deal of each event, of any year: the summary table's year-0
	// event rows (a deal's event is its own office's), not the deals.
	rows, err = t.query(ctx, `SELECT e.id, e.name, e.starts_on, e.host_province, e.sample, COALESCE(SUM(x.deals), 0), COALESCE(SUM(x.value_idr), 0)
		FROM events e LEFT JOIN deal_rollup x ON x.office_id = e.office_id AND x.kind = 'e' AND x.year = 0 AND x.event_id = e.id
		WHERE e.office_id = ? AND e.starts_on LIKE ?
		GROUP BY e.id, e.name, e.starts_on, e.host_province, e.sample ORDER BY e.starts_on, e.id`, officeID, yearLike)
	if err != nil {
		return nil, d.mapError(err)
	}
	for rows.Next() {
		var et dagang.EventTotal
		var starts dagang.Date
		if err := rows.Scan(&et.EventID, &et.Name, dateOf{&starts}, &et.HostProvince, &et.Sample, &et.Deals, &et.TotalIDR); err != nil {
			rows.Close()
			return nil, d.mapError(err)
		}
		et.Year = starts.Year
		s.EventTotals = append(s.EventTotals, et)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, d.mapError(err)
	}

	if year != 0 {
		if err := d.targetProgress(ctx, t, officeID, year, s); err != nil {
			return nil, d.mapError(err)
		}
	}
	return s, nil
}

// targetProgress fills the year's targets with results computed from records.
func (d *DB) targetProgress(ctx context.Context, t tx, officeID int64, year int, s *dagang.Summary) error {
	ts, _, err := d.FindTargets(ctx, dagang.TargetFilter{OfficeID: officeID, Year: year})
	if err != nil {
		return err
	}
	for _, tg := range ts {
		tp := dagang.TargetProgress{Target: *tg}
		switch tg.Kind {
		case dagang.TargetNewPartners:
			// Partner provinces whose first formal agreement was signed this year.
			err = t.queryRow(ctx, `SELECT COUNT(DISTINCT a.prov) FROM `+agreementsOf+` a
				WHERE a.stage IN ('signed', 'active') AND a.signed_on LIKE ?
				AND NOT EXISTS (SELECT 1 FROM `+agreementsOf+` b WHERE b.prov = a.prov AND b.signed_on <> '' AND b.signed_on < ?)`,
				officeID, officeID, officeID, officeID, itoa(year)+"-%", officeID, officeID, officeID, officeID, itoa(year)+"-01-01").Scan(&tp.Actual)
		case dagang.TargetTransactionValue:
			tp.Actual = s.TransactionsIDR
		case dagang.TargetBusinessesReached:
			tp.Actual = int64(s.BusinessesReached)
		}
		if err != nil {
			return err
		}
		s.Targets = append(s.Targets, tp)
	}
	return nil
}

// agreementsOf is the subquery of the agreements an office sees, its own
// and those another office shares with it (dagang.AgreementSharing), as
// (id, prov, stage, signed_on, reason): prov is the other side's province
// as the office sees it, reason the office's own (none on a shared
// agreement it did not record). Its four arguments are the office.
const agreementsOf = `(SELECT a.id, CASE WHEN a.office_id = ? THEN a.partner_province ELSE h.home_province END AS prov, a.stage, a.signed_on,
	CASE WHEN a.partner_office_id = ? THEN '' ELSE a.reason END AS reason
	FROM agreements a JOIN offices h ON h.id = a.office_id WHERE a.office_id = ? OR a.partner_office_id = ?)`
