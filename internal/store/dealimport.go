package store

import (
	"context"

	"github.com/dagang/dagang"
)

// ImportDeals stores every deal or none, in one transaction, with batched
// inserts, the summary table moved once and one audit entry for the
// import. Each deal passes the checks of CreateDeal (its fields and its
// references in the office, each reference looked up once per import); a
// refusal names the deal's index ("[3].counterpart_id"). The likely
// duplicates are the importer's to refuse, by row, before it calls this
// (dagang.LikelyDuplicate against the file and EachDealKey, the rule
// CreateDeal applies), unless the user chose to store them. progress,
// when not nil, is called with the number of deals stored so far.
func (d *DB) ImportDeals(ctx context.Context, officeID int64, ds []*dagang.Deal, source string, progress func(done int)) error {
	now := d.now().UTC()
	return d.inTx(ctx, func(t tx) error {
		var first int64
		if err := t.queryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM deals").Scan(&first); err != nil {
			return err
		}
		delta := rollupDelta{}
		batch := make([][]any, 0, importBatch)
		ins, err := newRowInserter(ctx, t, "INSERT INTO deals ("+dealInsertCols+")", dealInsertN, importBatch)
		if err != nil {
			return err
		}
		defer ins.close()
		known := map[dealRef]bool{}
		partners := &partnerFinder{}
		for i, x := range ds {
			x.OfficeID = officeID
			if x.Confirmation == "" {
				x.Confirmation = dagang.ConfirmationPending
			}
			if err := x.Validate(); err != nil {
				return ofRecord(i, err)
			}
			if err := checkDealRefs(ctx, t, x, known); err != nil {
				return ofRecord(i, err)
			}
			if err := partners.share(ctx, t, x, nil); err != nil {
				return err
			}
			x.CreatedAt, x.UpdatedAt = now, now
			batch = append(batch, dealInsertValues(x))
			delta.add(x, 0, 1)
			if len(batch) == importBatch || i == len(ds)-1 {
				if err := ins.insert(ctx, batch); err != nil {
					return err
				}
				batch = batch[:0]
				if progress != nil {
					progress(i + 1)
				}
			}
		}
		if err := delta.flush(ctx, t); err != nil {
			return err
		}
		if err := d.reindexAfter(ctx, t, "deals", first); err != nil {
			return err
		}
		return d.audit(ctx, t, officeID, "deal", 0, "import", nil, map[string]any{"source": source, "rows": len(ds), "after_id": first})
	})
}

// EachDealKey streams what the likely-duplicate rule compares of every
// deal of an office (id, parties, commodity, direction, date, value),
// without the joins of EachDeal. The deal is reused for the next row.
func (d *DB) EachDealKey(ctx context.Context, officeID int64, fn func(*dagang.Deal) error) error {
	rows, err := d.read().query(ctx, "SELECT id, office_id, event_id, direction, business_id, counterpart_id, commodity_id, value_idr, deal_date FROM deals WHERE office_id = ? ORDER BY id", officeID)
	if err != nil {
		return d.mapError(err)
	}
	defer rows.Close()
	var x dagang.Deal
	for rows.Next() {
		if err := rows.Scan(&x.ID, &x.OfficeID, idOf{&x.EventID}, &x.Direction, idOf{&x.BusinessID}, &x.CounterpartID, idOf{&x.CommodityID}, &x.ValueIDR, dateOf{&x.DealDate}); err != nil {
			return d.mapError(err)
		}
		if err := fn(&x); err != nil {
			return err
		}
	}
	return d.mapError(rows.Err())
}
