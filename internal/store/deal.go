package store

import (
	"context"

	"github.com/dagang/dagang"
)

var _ dagang.DealService = (*DB)(nil)

const dealCols = `id, version, office_id, event_id, direction, business_id, counterpart_id, commodity_id, volume, unit, value_idr, stage, deal_date, delivery_from, delivery_to, confirmation, note, sample, created_at, updated_at`

var dealSort = sortSpec{def: "deal_date DESC, id DESC", columns: map[string]string{"date": "deal_date", "value": "value_idr", "stage": "stage", "direction": "direction", "id": "id"}}

func scanDeal(s scanner) (*dagang.Deal, error) {
	var d dagang.Deal
	err := s.Scan(&d.ID, &d.Version, &d.OfficeID, idOf{&d.EventID}, &d.Direction, idOf{&d.BusinessID}, &d.CounterpartID, idOf{&d.CommodityID}, &d.Volume, &d.Unit, &d.ValueIDR,
		&d.Stage, dateOf{&d.DealDate}, dateOf{&d.DeliveryFrom}, dateOf{&d.DeliveryTo}, &d.Confirmation, &d.Note, &d.Sample, &d.CreatedAt, &d.UpdatedAt)
	return &d, err
}

// FindDealByID returns one deal.
func (d *DB) FindDealByID(ctx context.Context, id int64) (*dagang.Deal, error) {
	x, err := get(ctx, d.read(), "SELECT "+dealCols+" FROM deals WHERE id = ?", "transaksi", "deal", id, scanDeal)
	return x, d.mapError(err)
}

// dealWhere turns a filter into conditions; reports reuse it.
func dealWhere(f dagang.DealFilter) where {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("event_id", f.EventID)
	w.eq("business_id", f.BusinessID)
	w.eq("counterpart_id", f.CounterpartID)
	w.eq("commodity_id", f.CommodityID)
	w.eq("direction", string(f.Direction))
	w.eq("stage", string(f.Stage))
	if f.Year != 0 {
		w.add("deal_date LIKE ?", itoa(f.Year)+"-%")
	}
	if f.ProvinceCode != "" {
		w.add("counterpart_id IN (SELECT id FROM organisations WHERE province_code = ?)", f.ProvinceCode)
	}
	w.match("deals", f.Query)
	return w
}

// FindDeals lists deals, newest first by default.
func (d *DB) FindDeals(ctx context.Context, f dagang.DealFilter) ([]*dagang.Deal, int, error) {
	ds, n, err := list(ctx, d.read(), "SELECT "+dealCols+" FROM deals", "SELECT COUNT(*) FROM deals", dealWhere(f), dealSort, f.ListOptions, scanDeal)
	return ds, n, d.mapError(err)
}

// CreateDeal stores a deal and its audit entry.
func (d *DB) CreateDeal(ctx context.Context, x *dagang.Deal) error {
	if x.Confirmation == "" {
		x.Confirmation = dagang.ConfirmationPending
	}
	if err := x.Validate(); err != nil {
		return err
	}
	now := d.now().UTC()
	x.CreatedAt, x.UpdatedAt = now, now
	return d.inTx(ctx, func(t tx) error {
		if err := checkDealRefs(ctx, t, x); err != nil {
			return err
		}
		id, err := t.insert(ctx, "INSERT INTO deals (office_id, event_id, direction, business_id, counterpart_id, commodity_id, volume, unit, value_idr, stage, deal_date, delivery_from, delivery_to, confirmation, note, sample, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			x.OfficeID, nullID(x.EventID), x.Direction, nullID(x.BusinessID), x.CounterpartID, nullID(x.CommodityID), x.Volume, x.Unit, x.ValueIDR,
			x.Stage, x.DealDate.String(), x.DeliveryFrom.String(), x.DeliveryTo.String(), x.Confirmation, x.Note, x.Sample, x.CreatedAt, x.UpdatedAt)
		if err != nil {
			return err
		}
		x.ID, x.Version = id, 1
		delta := rollupDelta{}
		delta.add(x, 0, 1)
		if err := delta.flush(ctx, t); err != nil {
			return err
		}
		if err := d.reindex(ctx, t, "deals", id); err != nil {
			return err
		}
		return d.audit(ctx, t, x.OfficeID, "deal", id, "create", nil, x)
	})
}

// checkDealRefs verifies every reference of a deal, including that the
// counterpart, business and event belong to the deal's office.
func checkDealRefs(ctx context.Context, t tx, x *dagang.Deal) error {
	var v dagang.Validation
	for _, r := range []struct {
		field, table string
		id           int64
		what, whatEN string
	}{
		{"counterpart_id", "organisations", x.CounterpartID, "mitra", "counterpart"},
		{"business_id", "businesses", x.BusinessID, "pelaku usaha", "business"},
		{"event_id", "events", x.EventID, "kegiatan", "event"},
	} {
		if r.id == 0 {
			continue
		}
		if err := ownRef(ctx, t, &v, r.field, r.table, r.id, x.OfficeID, r.what, r.whatEN); err != nil {
			return err
		}
	}
	if x.CommodityID != 0 {
		if err := exists(ctx, t, &v, "commodity_id", "commodities", "id", x.CommodityID, "komoditas %v tidak dikenal", "unknown commodity %v"); err != nil {
			return err
		}
	}
	return v.Err()
}

// FindRealisations returns a deal's follow-up entries, oldest first.
func (d *DB) FindRealisations(ctx context.Context, dealID int64) ([]*dagang.Realisation, error) {
	var w where
	w.eq("deal_id", dealID)
	rs, _, err := list(ctx, d.read(), "SELECT id, deal_id, reported_on, delivered_volume, paid_idr, note FROM realisations", "SELECT COUNT(*) FROM realisations",
		w, sortSpec{def: "reported_on, id"}, dagang.ListOptions{Limit: dagang.MaxLimit}, func(s scanner) (*dagang.Realisation, error) {
			var r dagang.Realisation
			err := s.Scan(&r.ID, &r.DealID, dateOf{&r.ReportedOn}, &r.DeliveredVolume, &r.PaidIDR, &r.Note)
			return &r, err
		})
	return rs, d.mapError(err)
}

// CreateRealisation records a follow-up of a deal, audited with the deal.
func (d *DB) CreateRealisation(ctx context.Context, r *dagang.Realisation) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error {
		x, err := get(ctx, t, "SELECT "+dealCols+" FROM deals WHERE id = ?", "transaksi", "deal", r.DealID, scanDeal)
		if err != nil {
			return err
		}
		if err := r.CheckAgainst(x); err != nil {
			return err
		}
		id, err := t.insert(ctx, "INSERT INTO realisations (deal_id, reported_on, delivered_volume, paid_idr, note) VALUES (?, ?, ?, ?, ?)",
			r.DealID, r.ReportedOn.String(), r.DeliveredVolume, r.PaidIDR, r.Note)
		if err != nil {
			return err
		}
		r.ID = id
		if err := d.refreshPaid(ctx, t, x); err != nil {
			return err
		}
		return d.audit(ctx, t, x.OfficeID, "deal", x.ID, "realisation", nil, r)
	})
}
