package store

import (
	"context"
	"database/sql"
	"sort"

	"github.com/dagang/dagang"
)

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

// refreshPaid sets a deal's paid_idr to its latest realisation and moves
// its realised part in the summary table.
func (d *DB) refreshPaid(ctx context.Context, t tx, x *dagang.Deal) error {
	var old, paid int64
	if err := t.queryRow(ctx, "SELECT paid_idr FROM deals WHERE id = ?", x.ID).Scan(&old); err != nil {
		return err
	}
	err := t.queryRow(ctx, "SELECT paid_idr FROM realisations WHERE deal_id = ? ORDER BY reported_on DESC, id DESC LIMIT 1", x.ID).Scan(&paid)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if old == paid {
		return nil
	}
	if _, err := t.exec(ctx, "UPDATE deals SET paid_idr = ? WHERE id = ?", paid, x.ID); err != nil {
		return err
	}
	delta := rollupDelta{}
	delta.add(x, old, -1)
	delta.add(x, paid, 1)
	return delta.flush(ctx, t)
}

// FindFollowUps lists follow-ups still to be reported, falling due on or
// before f.DueBefore, oldest first. Rejected and fully paid deals need none.
func (d *DB) FindFollowUps(ctx context.Context, f dagang.FollowUpFilter) ([]dagang.FollowUp, error) {
	if f.Today.IsZero() {
		f.Today = dagang.DateOf(d.now())
	}
	if f.DueBefore.IsZero() {
		f.DueBefore = f.Today
	}
	months := f.Months
	if len(months) == 0 {
		months = dagang.DefaultFollowUpMonths
	}
	first := months[0]
	for _, m := range months {
		if m <= 0 || m > 600 {
			return nil, fieldError("months", "bulan tindak lanjut harus antara 1 dan 600", "follow-up months must be between 1 and 600")
		}
		first = min(first, m)
	}
	latest := f.DueBefore.AddMonths(-first).String()
	t := d.read()
	reported := map[int64][]dagang.Date{}
	rows, err := t.query(ctx, `SELECT r.deal_id, r.reported_on FROM realisations r JOIN deals x ON x.id = r.deal_id
		WHERE x.office_id = ? AND x.deal_date <= ? AND x.confirmation <> 'rejected' AND x.paid_idr < x.value_idr`, f.OfficeID, latest)
	if err != nil {
		return nil, d.mapError(err)
	}
	for rows.Next() {
		var id int64
		var on dagang.Date
		if err := rows.Scan(&id, dateOf{&on}); err != nil {
			rows.Close()
			return nil, d.mapError(err)
		}
		reported[id] = append(reported[id], on)
	}
	rows.Close()
	rows, err = t.query(ctx, `SELECT x.id, x.deal_date, x.value_idr, x.paid_idr, COALESCE(b.name, ''), o.name, COALESCE(e.name, '')
		FROM deals x JOIN organisations o ON o.id = x.counterpart_id LEFT JOIN businesses b ON b.id = x.business_id LEFT JOIN events e ON e.id = x.event_id
		WHERE x.office_id = ? AND x.deal_date <= ? AND x.confirmation <> 'rejected' AND x.paid_idr < x.value_idr ORDER BY x.deal_date, x.id`, f.OfficeID, latest)
	if err != nil {
		return nil, d.mapError(err)
	}
	defer rows.Close()
	out := []dagang.FollowUp{}
	for rows.Next() {
		var x dagang.Deal
		var paid int64
		var biz, org, ev string
		if err := rows.Scan(&x.ID, dateOf{&x.DealDate}, &x.ValueIDR, &paid, &biz, &org, &ev); err != nil {
			return nil, d.mapError(err)
		}
		// Deals come oldest first and a deal's follow-ups fall due from
		// its date plus the first month on: once Limit follow-ups are due
		// by then, no later deal can bring an earlier one.
		if f.Limit > 0 && len(out) >= f.Limit {
			bound, n := x.DealDate.AddMonths(first), 0
			for _, fu := range out {
				if !bound.Before(fu.Due) {
					n++
				}
			}
			if n >= f.Limit {
				break
			}
		}
		for _, fu := range dagang.FollowUps(&x, reported[x.ID], months, f.Today) {
			if fu.Status == dagang.FollowUpDone || fu.Status == dagang.FollowUpSkipped || f.DueBefore.Before(fu.Due) {
				continue
			}
			fu.PaidIDR, fu.BusinessName, fu.CounterpartName, fu.EventName = paid, biz, org, ev
			out = append(out, fu)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, d.mapError(err)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Due.Before(out[j].Due) })
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}
