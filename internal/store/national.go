package store

import (
	"context"
	"sort"

	"github.com/dagang/dagang"
)

var _ dagang.NationalService = (*DB)(nil)

// confirmedBoth is the SQL condition of a deal confirmed by both sides
// (dagang.NationalView): the office recorded it and the other side
// confirmed it, the counterpart business or the partner province's office.
const confirmedBoth = "(x.confirmation = 'confirmed' OR x.partner_state = 'confirmed')"

// countedOnce is the SQL condition of a deal the national view counts: not
// rejected by its counterpart, not disputed by the partner office, and not
// the partner office's own record of a trade the other office recorded and
// it linked (that trade is counted once, as the recording office's deal).
const countedOnce = "x.confirmation <> 'rejected' AND x.partner_state <> 'disputed' AND x.id NOT IN (SELECT y.partner_deal_id FROM deals y WHERE y.partner_deal_id IS NOT NULL)"

// National reads the national view of one year (0: all years) across every
// office of the database. It filters by no office: the caller's context
// says why it crosses them (dagang.NewContextForDeployment), and on
// PostgreSQL a context bound to one office sees that office's rows only.
// On PostgreSQL it reads the national summary table (nationalrollup.go);
// on SQLite, one office's laptop, it sums the deals (NationalScan).
func (d *DB) National(ctx context.Context, year int) (*dagang.NationalView, error) {
	return d.national(ctx, year, d.dialect.name() == "postgres")
}

// NationalScan computes the national view by grouping the deals
// themselves: the check that the national summary table is consistent,
// and the peer it is measured against.
func (d *DB) NationalScan(ctx context.Context, year int) (*dagang.NationalView, error) {
	return d.national(ctx, year, false)
}

func (d *DB) national(ctx context.Context, year int, summary bool) (*dagang.NationalView, error) {
	v := &dagang.NationalView{Year: year, Flows: []dagang.NationalFlow{}, Agreements: []dagang.NationalAgreements{}, Events: []dagang.NationalEvent{}}
	yearLike := "%"
	if year != 0 {
		yearLike = itoa(year) + "-%"
	}
	err := d.inTx(ctx, func(t tx) error {
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM offices").Scan(&v.Offices); err != nil {
			return err
		}
		// Flows: a sale goes from the office's province to the
		// counterpart's, a purchase the other way; investment is no
		// goods flow and is only totalled.
		q, args := `SELECT x.direction, f.home_province, o.province_code, COALESCE(x.commodity_id, 0), COALESCE(c.name, ''), COALESCE(c.stage, ''),
			COUNT(*), SUM(x.value_idr), SUM(CASE WHEN `+confirmedBoth+` THEN x.value_idr ELSE 0 END), MAX(CASE WHEN x.sample THEN 1 ELSE 0 END)
			FROM deals x JOIN offices f ON f.id = x.office_id JOIN organisations o ON o.id = x.counterpart_id
			LEFT JOIN commodities c ON c.id = x.commodity_id
			WHERE x.deal_date LIKE ? AND `+countedOnce+`
			GROUP BY x.direction, f.home_province, o.province_code, x.commodity_id, c.name, c.stage`, []any{yearLike}
		add := func(dir dagang.Direction, office, other string, fl dagang.NationalFlow, sample bool) {
			v.SampleData = v.SampleData || sample
			switch dir {
			case dagang.DirectionInvest:
				v.InvestIDR += fl.ValueIDR
				return
			case dagang.DirectionSell:
				fl.From, fl.To = office, other
			default:
				fl.From, fl.To = other, office
			}
			v.ValueIDR += fl.ValueIDR
			v.ConfirmedIDR += fl.ConfirmedIDR
			v.Flows = append(v.Flows, fl)
		}
		if summary {
			if err := nationalFlows(ctx, t, year, add); err != nil {
				return err
			}
		} else {
			rows, err := t.query(ctx, q, args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var dir dagang.Direction
				var office, other string
				var fl dagang.NationalFlow
				var sample int
				if err := rows.Scan(&dir, &office, &other, &fl.CommodityID, &fl.Commodity, &fl.Stage, &fl.Deals, &fl.ValueIDR, &fl.ConfirmedIDR, &sample); err != nil {
					return err
				}
				add(dir, office, other, fl, sample == 1)
			}
			if err := rows.Err(); err != nil {
				return err
			}
			rows.Close()
		}
		sort.SliceStable(v.Flows, func(i, j int) bool {
			a, b := v.Flows[i], v.Flows[j]
			if a.ValueIDR != b.ValueIDR {
				return a.ValueIDR > b.ValueIDR
			}
			if a.From != b.From {
				return a.From < b.From
			}
			if a.To != b.To {
				return a.To < b.To
			}
			if a.CommodityID != b.CommodityID {
				return a.CommodityID < b.CommodityID
			}
			// A sale one office recorded and a purchase the other
			// recorded go the same way: apart, in a fixed order.
			if a.Deals != b.Deals {
				return a.Deals < b.Deals
			}
			return a.ConfirmedIDR < b.ConfirmedIDR
		})
		if err := nationalAgreements(ctx, t, v); err != nil {
			return err
		}
		return nationalEvents(ctx, t, v, yearLike, summary)
	})
	if err != nil {
		return nil, d.mapError(err)
	}
	return v, nil
}

// nationalFlows reads the flows of a year (0: all years) from the national
// summary table: its rows, one for each office, direction, counterpart
// province and commodity, are summed here by the office's province (a
// province may have several offices), keyed by integers and codes, with
// the commodities' names added after; grouping by the names in SQL sorts
// tens of thousands of rows by text.
func nationalFlows(ctx context.Context, t tx, year int, add func(dagang.Direction, string, string, dagang.NationalFlow, bool)) error {
	homes := map[int64]string{}
	if err := eachRow(ctx, t, "SELECT id, home_province FROM offices", func(s scanner) error {
		var id int64
		var code string
		err := s.Scan(&id, &code)
		homes[id] = code
		return err
	}); err != nil {
		return err
	}
	type named struct {
		name  string
		stage dagang.Stage
	}
	commodities := map[int64]named{}
	if err := eachRow(ctx, t, "SELECT id, name, stage FROM commodities", func(s scanner) error {
		var id int64
		var c named
		err := s.Scan(&id, &c.name, &c.stage)
		commodities[id] = c
		return err
	}); err != nil {
		return err
	}
	type key struct {
		dir           dagang.Direction
		office, other string
		commodity     int64
	}
	type sums struct{ deals, value, confirmed, sample int64 }
	by := map[key]*sums{}
	var keys []key
	err := eachRow(ctx, t, "SELECT office_id, direction, province_code, commodity_id, deals, value_idr, confirmed_idr, sample_deals FROM national_rollup WHERE kind = 'f' AND year = ? AND deals <> 0", func(s scanner) error {
		var office int64
		var k key
		var r sums
		if err := s.Scan(&office, &k.dir, &k.other, &k.commodity, &r.deals, &r.value, &r.confirmed, &r.sample); err != nil {
			return err
		}
		k.office = homes[office]
		sum := by[k]
		if sum == nil {
			sum = &sums{}
			by[k] = sum
			keys = append(keys, k)
		}
		sum.deals, sum.value, sum.confirmed, sum.sample = sum.deals+r.deals, sum.value+r.value, sum.confirmed+r.confirmed, sum.sample+r.sample
		return nil
	}, year)
	if err != nil {
		return err
	}
	for _, k := range keys {
		sum := by[k]
		if sum.deals <= 0 {
			continue
		}
		c := commodities[k.commodity]
		add(k.dir, k.office, k.other, dagang.NationalFlow{CommodityID: k.commodity, Commodity: c.name, Stage: c.stage, Deals: sum.deals, ValueIDR: sum.value, ConfirmedIDR: sum.confirmed}, sum.sample > 0)
	}
	return nil
}

// nationalAgreements counts agreements by stage, each cooperation once: a
// shared agreement is one record both provinces keep; a pair two offices
// recorded of each other before sharing (neither shared, both at the
// stage) is counted once, as recorded by both provinces.
func nationalAgreements(ctx context.Context, t tx, v *dagang.NationalView) error {
	by := map[dagang.AgreementStage]*dagang.NationalAgreements{}
	for _, s := range dagang.AgreementStages {
		by[s] = &dagang.NationalAgreements{Stage: s}
	}
	rows, err := t.query(ctx, `SELECT a.stage, COUNT(*),
		SUM(CASE WHEN a.partner_office_id IS NOT NULL THEN 1 ELSE 0 END),
		SUM(CASE WHEN a.partner_office_id IS NULL AND EXISTS (
			SELECT 1 FROM agreements b JOIN offices g ON g.id = b.office_id
			WHERE g.home_province = a.partner_province AND b.partner_province = f.home_province AND b.stage = a.stage AND b.partner_office_id IS NULL) THEN 1 ELSE 0 END),
		SUM(CASE WHEN a.partner_office_id IS NOT NULL AND (SELECT COUNT(*) FROM agreement_signatures s
			WHERE s.agreement_id = a.id AND s.office_id IN (a.office_id, a.partner_office_id)) = 2 THEN 1 ELSE 0 END)
		FROM agreements a JOIN offices f ON f.id = a.office_id GROUP BY a.stage`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s dagang.AgreementStage
		var n, shared, paired, signed int
		if err := rows.Scan(&s, &n, &shared, &paired, &signed); err != nil {
			return err
		}
		if a := by[s]; a != nil {
			// Each pair is seen from both of its offices: count it once.
			a.Count, a.BothSides, a.SignedByBoth = n-paired/2, shared+paired/2, signed
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, s := range dagang.AgreementStages {
		v.Agreements = append(v.Agreements, *by[s])
	}
	return nil
}

// nationalEvents lists every office's events of the year with their result.
func nationalEvents(ctx context.Context, t tx, v *dagang.NationalView, yearLike string, summary bool) error {
	q := `SELECT f.id, f.name, e.id, e.name, e.starts_on, e.host_province, e.sample, COUNT(x.id), COALESCE(SUM(x.value_idr), 0),
			COALESCE(SUM(CASE WHEN ` + confirmedBoth + ` THEN x.value_idr ELSE 0 END), 0)
		FROM events e JOIN offices f ON f.id = e.office_id LEFT JOIN deals x ON x.event_id = e.id AND ` + countedOnce + `
		WHERE e.starts_on LIKE ?
		GROUP BY f.id, f.name, e.id, e.name, e.starts_on, e.host_province, e.sample ORDER BY e.starts_on, e.id`
	if summary {
		q = `SELECT f.id, f.name, e.id, e.name, e.starts_on, e.host_province, e.sample, COALESCE(SUM(u.deals), 0), COALESCE(SUM(u.value_idr), 0),
			COALESCE(SUM(u.confirmed_idr), 0)
		FROM events e JOIN offices f ON f.id = e.office_id
		LEFT JOIN national_rollup u ON u.kind = 'e' AND u.year = 0 AND u.office_id = e.office_id AND u.event_id = e.id
		WHERE e.starts_on LIKE ?
		GROUP BY f.id, f.name, e.id, e.name, e.starts_on, e.host_province, e.sample ORDER BY e.starts_on, e.id`
	}
	rows, err := t.query(ctx, q, yearLike)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var ev dagang.NationalEvent
		if err := rows.Scan(&ev.OfficeID, &ev.Office, &ev.EventID, &ev.Name, dateOf{&ev.StartsOn}, &ev.HostProvince, &ev.Sample, &ev.Deals, &ev.ValueIDR, &ev.ConfirmedIDR); err != nil {
			return err
		}
		v.SampleData = v.SampleData || ev.Sample
		v.Events = append(v.Events, ev)
	}
	return rows.Err()
}
