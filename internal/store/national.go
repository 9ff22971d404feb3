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
func (d *DB) National(ctx context.Context, year int) (*dagang.NationalView, error) {
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
		rows, err := t.query(ctx, `SELECT x.direction, f.home_province, o.province_code, COALESCE(x.commodity_id, 0), COALESCE(c.name, ''), COALESCE(c.stage, ''),
			COUNT(*), SUM(x.value_idr), SUM(CASE WHEN `+confirmedBoth+` THEN x.value_idr ELSE 0 END), MAX(CASE WHEN x.sample THEN 1 ELSE 0 END)
			FROM deals x JOIN offices f ON f.id = x.office_id JOIN organisations o ON o.id = x.counterpart_id
			LEFT JOIN commodities c ON c.id = x.commodity_id
			WHERE x.deal_date LIKE ? AND `+countedOnce+`
			GROUP BY x.direction, f.home_province, o.province_code, x.commodity_id, c.name, c.stage`, yearLike)
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
			v.SampleData = v.SampleData || sample == 1
			switch dir {
			case dagang.DirectionInvest:
				v.InvestIDR += fl.ValueIDR
				continue
			case dagang.DirectionSell:
				fl.From, fl.To = office, other
			default:
				fl.From, fl.To = other, office
			}
			v.ValueIDR += fl.ValueIDR
			v.ConfirmedIDR += fl.ConfirmedIDR
			v.Flows = append(v.Flows, fl)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
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
			return a.CommodityID < b.CommodityID
		})
		if err := nationalAgreements(ctx, t, v); err != nil {
			return err
		}
		return nationalEvents(ctx, t, v, yearLike)
	})
	if err != nil {
		return nil, d.mapError(err)
	}
	return v, nil
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
func nationalEvents(ctx context.Context, t tx, v *dagang.NationalView, yearLike string) error {
	rows, err := t.query(ctx, `SELECT f.id, f.name, e.id, e.name, e.starts_on, e.host_province, e.sample, COUNT(x.id), COALESCE(SUM(x.value_idr), 0),
			COALESCE(SUM(CASE WHEN `+confirmedBoth+` THEN x.value_idr ELSE 0 END), 0)
		FROM events e JOIN offices f ON f.id = e.office_id LEFT JOIN deals x ON x.event_id = e.id AND `+countedOnce+`
		WHERE e.starts_on LIKE ?
		GROUP BY f.id, f.name, e.id, e.name, e.starts_on, e.host_province, e.sample ORDER BY e.starts_on, e.id`, yearLike)
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
