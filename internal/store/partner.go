package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/dagang/dagang"
)

// Shared deals between partner offices (dagang.PartnerDealService): the
// deal's service sets the partner office from the counterpart's province
// on every create, update and import; the partner office reads the deal
// through FindIncomingDeals and answers through ReviewPartnerDeal, which
// writes the partner's side only. On PostgreSQL the policies partner_read
// and partner_review (scope.go) let the partner's transactions see and
// update exactly these rows, and the trigger deals_partner_side refuses a
// change of anything else; on SQLite the filters below are the scoping.

var _ dagang.PartnerDealService = (*DB)(nil)

// dealInsertCols are the columns a new deal is stored with.
const dealInsertCols = `office_id, event_id, direction, business_id, counterpart_id, commodity_id, volume, unit, value_idr, stage, deal_date, delivery_from, delivery_to,
	confirmation, note, sample, created_at, updated_at, partner_office_id, partner_state, shared_business, shared_counterpart`

const dealInsertN = 22

func dealInsertValues(x *dagang.Deal) []any {
	return []any{x.OfficeID, nullID(x.EventID), x.Direction, nullID(x.BusinessID), x.CounterpartID, nullID(x.CommodityID), x.Volume, x.Unit, x.ValueIDR,
		x.Stage, x.DealDate.String(), x.DeliveryFrom.String(), x.DeliveryTo.String(), x.Confirmation, x.Note, x.Sample, x.CreatedAt, x.UpdatedAt,
		nullID(x.PartnerOfficeID), x.PartnerState, x.SharedBusiness, x.SharedCounterpart}
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// partnerAssigns write a deal's partner side in UpdateDeal.
var partnerAssigns = []func(*dagang.Deal) assign{
	func(x *dagang.Deal) assign { return assign{"partner_office_id", nullID(x.PartnerOfficeID)} },
	func(x *dagang.Deal) assign { return assign{"partner_state", x.PartnerState} },
	func(x *dagang.Deal) assign { return assign{"partner_note", x.PartnerNote} },
	func(x *dagang.Deal) assign { return assign{"partner_by", x.PartnerBy} },
	func(x *dagang.Deal) assign { return assign{"partner_at", nullTime(x.PartnerAt)} },
	func(x *dagang.Deal) assign { return assign{"partner_deal_id", nullID(x.PartnerDealID)} },
	func(x *dagang.Deal) assign { return assign{"shared_business", x.SharedBusiness} },
	func(x *dagang.Deal) assign { return assign{"shared_counterpart", x.SharedCounterpart} },
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// timeOf scans a nullable time (the zero time for NULL).
type timeOf struct{ v *time.Time }

func (n timeOf) Scan(src any) error {
	var x sql.NullTime
	if err := x.Scan(src); err != nil {
		return err
	}
	*n.v = x.Time
	return nil
}

// partnerFinder finds the partner office of deals, remembering what it
// read for the next deal of an import.
type partnerFinder struct {
	orgs  map[int64]orgPartner
	names map[int64]string // business names
}

type orgPartner struct {
	office int64
	name   string
}

// share sets x's partner side: the office of the counterpart's province
// when it is another province's and has an office on the deployment
// (the first one made, when a province has several), for a sale or a
// purchase; and the names the partner sees. old, when x is an update of
// it, keeps the partner's answer while the partner and the terms stay.
func (p *partnerFinder) share(ctx context.Context, t tx, x *dagang.Deal, old *dagang.Deal) error {
	if p.orgs == nil {
		p.orgs, p.names = map[int64]orgPartner{}, map[int64]string{}
	}
	var partner orgPartner
	if x.Direction != dagang.DirectionInvest {
		got, ok := p.orgs[x.CounterpartID]
		if !ok {
			err := t.queryRow(ctx, `SELECT COALESCE((SELECT MIN(f.id) FROM offices f WHERE f.home_province = o.province_code AND f.id <> o.office_id
				AND o.province_code <> (SELECT h.home_province FROM offices h WHERE h.id = o.office_id)), 0), o.name
				FROM organisations o WHERE o.id = ? AND o.office_id = ?`, x.CounterpartID, x.OfficeID).Scan(&got.office, &got.name)
			if err != nil && err != sql.ErrNoRows {
				return err
			}
			p.orgs[x.CounterpartID] = got
		}
		partner = got
	}
	if partner.office == 0 {
		x.DealPartner = dagang.DealPartner{}
		return nil
	}
	business, ok := p.names[x.BusinessID]
	if !ok && x.BusinessID != 0 {
		if err := t.queryRow(ctx, "SELECT name FROM businesses WHERE id = ? AND office_id = ?", x.BusinessID, x.OfficeID).Scan(&business); err != nil && err != sql.ErrNoRows {
			return err
		}
		p.names[x.BusinessID] = business
	}
	switch {
	case old == nil || old.PartnerOfficeID != partner.office:
		x.DealPartner = dagang.DealPartner{PartnerOfficeID: partner.office, PartnerState: dagang.PartnerPending}
	case !sameTerms(old, x) || old.DealDate != x.DealDate:
		// The partner answered other terms: it is asked again, and keeps
		// its link to its own record.
		x.DealPartner = dagang.DealPartner{PartnerOfficeID: partner.office, PartnerState: dagang.PartnerPending, PartnerDealID: old.PartnerDealID}
	default:
		x.DealPartner = old.DealPartner
	}
	x.SharedBusiness, x.SharedCounterpart = business, partner.name
	return nil
}

// actingOffice is the office a partner's call acts for.
func actingOffice(ctx context.Context) (int64, error) {
	office, bound, _ := dagang.OfficeScope(ctx)
	if !bound || office == 0 {
		return 0, dagang.Errorf(dagang.EFORBIDDEN, "hanya dinas mitra yang melihat transaksi dari mitra", "only a partner office sees deals from partners")
	}
	return office, nil
}

// FindIncomingDeals lists the deals shared with the acting office, newest
// first, each with this office's own deals that look like the same trade.
func (d *DB) FindIncomingDeals(ctx context.Context, f dagang.IncomingFilter) ([]*dagang.IncomingDeal, int, error) {
	office, err := actingOffice(ctx)
	if err != nil {
		return nil, 0, err
	}
	if f.State != "" && !f.State.Valid() {
		return nil, 0, fieldError("state", "status harus pending, confirmed atau disputed", "state must be pending, confirmed or disputed")
	}
	opt := f.ListOptions
	opt.Query = "" // the search index is the recording office's
	var out []*dagang.IncomingDeal
	var n int
	err = d.inTx(ctx, func(t tx) error {
		ds, total, err := list(ctx, t, "SELECT "+dealCols+" FROM deals", "SELECT COUNT(*) FROM deals",
			dealWhere(dagang.DealFilter{PartnerOfficeID: office, PartnerState: f.State, Year: f.Year}), dealSort, opt, scanDeal)
		if err != nil {
			return err
		}
		n = total
		offices := map[int64]*dagang.Office{}
		for _, x := range ds {
			in, err := incomingOf(ctx, t, x, office, offices)
			if err != nil {
				return err
			}
			out = append(out, in)
		}
		return nil
	})
	return out, n, d.mapError(err)
}

// incomingOf is x as the partner office sees it, with its likely own
// records of the same trade.
func incomingOf(ctx context.Context, t tx, x *dagang.Deal, office int64, offices map[int64]*dagang.Office) (*dagang.IncomingDeal, error) {
	o, ok := offices[x.OfficeID]
	if !ok {
		o = &dagang.Office{}
		if err := t.queryRow(ctx, "SELECT id, name, home_province FROM offices WHERE id = ?", x.OfficeID).Scan(&o.ID, &o.Name, &o.HomeProvince); err != nil {
			return nil, err
		}
		offices[x.OfficeID] = o
	}
	in := &dagang.IncomingDeal{ID: x.ID, Version: x.Version, RecordingOfficeID: o.ID, RecordingOffice: o.Name, RecordingProvince: o.HomeProvince,
		Direction: x.Direction.Mirror(), Business: x.SharedBusiness, Counterpart: x.SharedCounterpart, CommodityID: x.CommodityID,
		Volume: x.Volume, Unit: x.Unit, ValueIDR: x.ValueIDR, Stage: x.Stage, DealDate: x.DealDate, Confirmation: x.Confirmation,
		PartnerState: x.PartnerState, PartnerNote: x.PartnerNote, PartnerBy: x.PartnerBy, PartnerAt: x.PartnerAt, PartnerDealID: x.PartnerDealID}
	lo, hi := dagang.DuplicateRange(x.ValueIDR)
	rows, err := t.query(ctx, `SELECT id FROM deals WHERE office_id = ? AND direction = ? AND COALESCE(commodity_id, 0) = ?
		AND counterpart_id IN (SELECT id FROM organisations WHERE office_id = ? AND province_code = ?)
		AND (deal_date = ? OR value_idr BETWEEN ? AND ?) ORDER BY id LIMIT 5`,
		office, in.Direction, x.CommodityID, office, o.HomeProvince, x.DealDate.String(), lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		in.LikelyOwn = append(in.LikelyOwn, id)
	}
	return in, rows.Err()
}

// partnerSide is what a review changes, as its audit entry records it:
// never the recording office's deal itself.
type partnerSide struct {
	State  dagang.PartnerState `json:"partner_state"`
	Note   string              `json:"partner_note,omitempty"`
	By     string              `json:"partner_by,omitempty"`
	At     time.Time           `json:"partner_at,omitzero"`
	DealID int64               `json:"partner_deal_id,omitempty"`
}

func sideOf(x *dagang.Deal) partnerSide {
	return partnerSide{x.PartnerState, x.PartnerNote, x.PartnerBy, x.PartnerAt, x.PartnerDealID}
}

// ReviewPartnerDeal records the acting office's answer on a deal shared
// with it, audited in the acting office.
func (d *DB) ReviewPartnerDeal(ctx context.Context, id, version int64, r dagang.PartnerReview) (*dagang.IncomingDeal, error) {
	office, err := actingOffice(ctx)
	if err != nil {
		return nil, err
	}
	var out *dagang.IncomingDeal
	err = d.inTx(ctx, func(t tx) error {
		x, _, err := scanDealPaid(t.queryRow(ctx, "SELECT "+dealCols+", paid_idr FROM deals WHERE id = ? AND partner_office_id = ?"+lockRow(t), id, office))
		if err == sql.ErrNoRows {
			return notFound("transaksi", "deal", id)
		}
		if err != nil {
			return err
		}
		// Another office's deal is missing, whatever the review says.
		if err := r.Validate(); err != nil {
			return err
		}
		offices := map[int64]*dagang.Office{}
		if version != 0 && version != x.Version {
			cur, err := incomingOf(ctx, t, x, office, offices)
			if err != nil {
				return err
			}
			return dagang.Stale(cur, x.Version)
		}
		if r.LinkDealID != 0 {
			var n int
			if err := t.queryRow(ctx, "SELECT COUNT(*) FROM deals WHERE id = ? AND office_id = ?", r.LinkDealID, office).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return fieldError("link_deal_id", "transaksi "+itoa64(r.LinkDealID)+" bukan transaksi dinas Anda", "deal "+itoa64(r.LinkDealID)+" is not a deal of your office")
			}
		}
		old := sideOf(x)
		x.PartnerState, x.PartnerNote, x.PartnerAt, x.PartnerDealID = r.State(), strings.TrimSpace(r.Note), d.now().UTC(), r.LinkDealID
		x.PartnerBy = "sistem"
		if u := dagang.UserFromContext(ctx); u != nil {
			x.PartnerBy = u.Name
		}
		res, err := t.exec(ctx, "UPDATE deals SET partner_state = ?, partner_note = ?, partner_by = ?, partner_at = ?, partner_deal_id = ?, version = version + 1 WHERE id = ? AND version = ?",
			x.PartnerState, x.PartnerNote, x.PartnerBy, x.PartnerAt, nullID(x.PartnerDealID), id, x.Version)
		if err := affected(res, err, "transaksi", "deal", id); err != nil {
			return err
		}
		x.Version++
		if err := d.audit(ctx, t, office, "deal", id, "partner_"+string(x.PartnerState), old, sideOf(x)); err != nil {
			return err
		}
		out, err = incomingOf(ctx, t, x, office, offices)
		return err
	})
	if err != nil {
		return nil, d.mapError(err)
	}
	return out, nil
}

// partnerDeals is migration 0033's PostgreSQL part. The child tables'
// policies are made again (by ensureRowSecurity, after the migrations)
// to follow their parent's own office: the partner office reads a shared
// deal's row, not its follow-ups. The trigger refuses, in a partner
// office's transaction, a change of anything but the partner's side.
func partnerDeals(ctx context.Context, d *DB, t tx) error {
	if d.dialect.name() != "postgres" {
		return nil
	}
	for _, c := range childTables {
		if _, err := t.exec(ctx, "DROP POLICY IF EXISTS office_scope ON "+c.table); err != nil {
			return err
		}
	}
	return partnerSideTrigger(ctx, t, "deals", []string{"partner_state", "partner_note", "partner_by", "partner_at", "partner_deal_id"}, "its side of a deal")
}

// partnerSideTrigger adds to table (on PostgreSQL) the trigger
// <table>_partner_side: in a transaction of another office than the row's
// own, an update that changes anything but the columns open to the
// partner office (and the version) is refused.
func partnerSideTrigger(ctx context.Context, t tx, table string, open []string, what string) error {
	var kept strings.Builder
	for _, c := range append(open, "version") {
		kept.WriteString("\tkept." + c + " := OLD." + c + ";\n")
	}
	for _, s := range []string{`CREATE FUNCTION ` + table + `_partner_side() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	kept ` + table + `;
BEGIN
	IF COALESCE(current_setting('dagang.office', true), '') IN ('', OLD.office_id::text) THEN
		RETURN NEW;
	END IF;
	kept := NEW;
` + kept.String() + `	IF kept IS DISTINCT FROM OLD THEN
		RAISE EXCEPTION 'a partner office changes only ` + what + `' USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN NEW;
END
$$`, `CREATE TRIGGER ` + table + `_partner_side BEFORE UPDATE ON ` + table + ` FOR EACH ROW EXECUTE FUNCTION ` + table + `_partner_side()`} {
		if _, err := t.exec(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// PartnerRollup totals the deals shared with office for its report (year
// 0: all years): by recording office, the recording office's direction,
// this office's review and whether it linked its own record.
func (d *DB) PartnerRollup(ctx context.Context, officeID int64, year int) ([]dagang.PartnerRollupRow, error) {
	const linked = "CASE WHEN d.partner_deal_id IS NULL THEN 0 ELSE 1 END"
	q := "SELECT d.office_id, o.name, d.direction, d.partner_state, " + linked + ", COUNT(*), CAST(COALESCE(SUM(d.value_idr), 0) AS BIGINT) FROM deals d JOIN offices o ON o.id = d.office_id WHERE d.partner_office_id = ?"
	args := []any{officeID}
	if year != 0 {
		q += " AND d.deal_date LIKE ?"
		args = append(args, itoa(year)+"-%")
	}
	q += " GROUP BY d.office_id, o.name, d.direction, d.partner_state, " + linked + " ORDER BY d.office_id, d.direction, d.partner_state, " + linked
	rows, err := d.read().query(ctx, q, args...)
	if err != nil {
		return nil, d.mapError(err)
	}
	defer rows.Close()
	var out []dagang.PartnerRollupRow
	for rows.Next() {
		var r dagang.PartnerRollupRow
		var l int
		if err := rows.Scan(&r.OfficeID, &r.Office, &r.Direction, &r.State, &l, &r.Deals, &r.ValueIDR); err != nil {
			return nil, d.mapError(err)
		}
		r.Linked = l == 1
		out = append(out, r)
	}
	return out, d.mapError(rows.Err())
}
