package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

var _ dagang.DealService = (*DB)(nil)

const dealCols = `id, version, office_id, event_id, direction, business_id, counterpart_id, commodity_id, volume, unit, value_idr, stage, deal_date, delivery_from, delivery_to, confirmation, note, sample, created_at, updated_at,
	partner_office_id, partner_state, partner_note, partner_by, partner_at, partner_deal_id, shared_business, shared_counterpart`

var dealSort = sortSpec{def: "deal_date DESC, id DESC", columns: map[string]string{"date": "deal_date", "value": "value_idr", "stage": "stage", "direction": "direction", "id": "id"}}

func scanDeal(s scanner) (*dagang.Deal, error) {
	var d dagang.Deal
	err := s.Scan(&d.ID, &d.Version, &d.OfficeID, idOf{&d.EventID}, &d.Direction, idOf{&d.BusinessID}, &d.CounterpartID, idOf{&d.CommodityID}, &d.Volume, &d.Unit, &d.ValueIDR,
		&d.Stage, dateOf{&d.DealDate}, dateOf{&d.DeliveryFrom}, dateOf{&d.DeliveryTo}, &d.Confirmation, &d.Note, &d.Sample, &d.CreatedAt, &d.UpdatedAt,
		idOf{&d.PartnerOfficeID}, &d.PartnerState, &d.PartnerNote, &d.PartnerBy, timeOf{&d.PartnerAt}, idOf{&d.PartnerDealID}, &d.SharedBusiness, &d.SharedCounterpart)
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
	w.eq("partner_office_id", f.PartnerOfficeID)
	w.eq("partner_state", string(f.PartnerState))
	w.match("deals", f.Query)
	return w
}

// FindDeals lists deals, newest first by default.
func (d *DB) FindDeals(ctx context.Context, f dagang.DealFilter) ([]*dagang.Deal, int, error) {
	ds, n, err := list(ctx, d.read(), "SELECT "+dealCols+" FROM deals", "SELECT COUNT(*) FROM deals", dealWhere(f), dealSort, f.ListOptions, scanDeal)
	return ds, n, d.mapError(err)
}

// CreateDeal is the one way a deal is created: it checks x's fields, its
// references in the office and, unless force, whether it looks like a
// stored deal, and stores it with its audit entry, all in one transaction.
func (d *DB) CreateDeal(ctx context.Context, x *dagang.Deal, force bool) error {
	if x.Confirmation == "" {
		x.Confirmation = dagang.ConfirmationPending
	}
	if err := x.Validate(); err != nil {
		return err
	}
	now := d.now().UTC()
	x.CreatedAt, x.UpdatedAt = now, now
	write := func(t tx) error {
		if err := checkDealRefs(ctx, t, x, nil); err != nil {
			return err
		}
		if err := (&partnerFinder{}).share(ctx, t, x, nil); err != nil {
			return err
		}
		if !force {
			ds, err := likelyDuplicates(ctx, t, x)
			if err != nil {
				return err
			}
			if len(ds) > 0 {
				return duplicateError(ds)
			}
		}
		id, err := t.insert(ctx, "INSERT INTO deals ("+dealInsertCols+") VALUES ("+placeholders(dealInsertN)+")", dealInsertValues(x)...)
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
		if err := d.audit(ctx, t, x.OfficeID, "deal", id, "create", nil, x); err != nil {
			return err
		}
		return d.askConfirmation(ctx, t, x, 0)
	}
	return d.inTxOnce(ctx, func(t tx) (any, error) { return x, write(t) })
}

// checkDealRefs verifies every reference of a deal, including that the
// counterpart, business and event belong to the deal's office. known,
// when not nil, holds the references already found good, so an import
// checks each of them once.
func checkDealRefs(ctx context.Context, t tx, x *dagang.Deal, known map[dealRef]bool) error {
	var v dagang.Validation
	for _, r := range []struct {
		field, table string
		id           int64
		what, whatEN string
	}{
		{"counterpart_id", "organisations", x.CounterpartID, "mitra", "counterpart"},
		{"business_id", "businesses", x.BusinessID, "pelaku usaha", "business"},
		{"event_id", "events", x.EventID, "kegiatan", "event"},
		{"commodity_id", "commodities", x.CommodityID, "", ""},
	} {
		ref := dealRef{r.table, r.id}
		if r.id == 0 || known[ref] {
			continue
		}
		var one dagang.Validation
		var err error
		if r.table == "commodities" {
			err = exists(ctx, t, &one, r.field, r.table, "id", r.id, "komoditas %v tidak dikenal", "unknown commodity %v")
		} else {
			err = ownRef(ctx, t, &one, r.field, r.table, r.id, x.OfficeID, r.what, r.whatEN)
		}
		if err != nil {
			return err
		}
		if bad := one.Err(); bad != nil {
			v.Merge("", bad)
		} else if known != nil {
			known[ref] = true
		}
	}
	return v.Err()
}

// dealRef is one record a deal refers to.
type dealRef struct {
	table string
	id    int64
}

// lockDeal reads a deal and its paid part inside a transaction.
func lockDeal(ctx context.Context, t tx, id int64) (*dagang.Deal, int64, error) {
	x, paid, err := scanDealPaid(t.queryRow(ctx, "SELECT "+dealCols+", paid_idr FROM deals WHERE id = ?"+lockRow(t), id))
	if err == sql.ErrNoRows {
		return nil, 0, notFound("transaksi", "deal", id)
	}
	// A deal is changed by its own office only: a partner office that
	// can read it (a shared deal) reviews it through ReviewPartnerDeal.
	if office, bound, _ := dagang.OfficeScope(ctx); err == nil && bound && x.OfficeID != office {
		return nil, 0, notFound("transaksi", "deal", id)
	}
	return x, paid, err
}

// FindLikelyDuplicates returns up to ten stored deals that look like x.
func (d *DB) FindLikelyDuplicates(ctx context.Context, x *dagang.Deal) ([]*dagang.Deal, error) {
	ds, err := likelyDuplicates(ctx, d.read(), x)
	return ds, d.mapError(err)
}

func likelyDuplicates(ctx context.Context, t tx, x *dagang.Deal) ([]*dagang.Deal, error) {
	lo, hi := dagang.DuplicateRange(x.ValueIDR)
	rows, err := t.query(ctx, "SELECT "+dealCols+` FROM deals WHERE office_id = ? AND counterpart_id = ? AND COALESCE(business_id, 0) = ?
		AND COALESCE(event_id, 0) = ? AND COALESCE(commodity_id, 0) = ? AND direction = ? AND id <> ?
		AND (deal_date = ? OR value_idr BETWEEN ? AND ?) ORDER BY id LIMIT 10`,
		x.OfficeID, x.CounterpartID, x.BusinessID, x.EventID, x.CommodityID, x.Direction, x.ID, x.DealDate.String(), lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*dagang.Deal
	for rows.Next() {
		y, err := scanDeal(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// duplicateError is the warning a caller can override with force.
func duplicateError(ds []*dagang.Deal) error {
	var id, en []string
	for _, y := range ds {
		id = append(id, fmt.Sprintf("#%d (%s, %s)", y.ID, money.Short(y.ValueIDR), y.DealDate))
		en = append(en, fmt.Sprintf("#%d (%s, %s)", y.ID, money.ShortEN(y.ValueIDR), y.DealDate))
	}
	msgID := "kemungkinan duplikat dari transaksi " + strings.Join(id, ", ") + " dengan kegiatan, pelaku usaha, mitra dan komoditas yang sama; periksa dahulu, lalu simpan dengan force=true bila memang transaksi lain"
	msgEN := "likely duplicate of deal " + strings.Join(en, ", ") + " with the same event, business, counterpart and commodity; check, then save with force=true if it is another deal"
	return &dagang.Error{Code: dagang.ECONFLICT, Message: "transaksi serupa sudah tercatat", MessageEN: "a similar deal is already recorded",
		Fields: []dagang.FieldError{{Field: "force", Message: msgID, MessageEN: msgEN}}}
}

// dealColumns are the fields UpdateDeal sets; the confirmation is the
// counterpart's and the stage also moves through SetDealStage.
var dealColumns = []column[dagang.Deal]{
	col("event_id", func(x *dagang.Deal) any { return nullID(x.EventID) }),
	col("direction", func(x *dagang.Deal) any { return x.Direction }),
	col("business_id", func(x *dagang.Deal) any { return nullID(x.BusinessID) }),
	col("counterpart_id", func(x *dagang.Deal) any { return x.CounterpartID }),
	col("commodity_id", func(x *dagang.Deal) any { return nullID(x.CommodityID) }),
	col("volume", func(x *dagang.Deal) any { return x.Volume }),
	col("unit", func(x *dagang.Deal) any { return x.Unit }),
	col("value_idr", func(x *dagang.Deal) any { return x.ValueIDR }),
	col("stage", func(x *dagang.Deal) any { return x.Stage }),
	col("deal_date", func(x *dagang.Deal) any { return x.DealDate.String() }),
	col("delivery_from", func(x *dagang.Deal) any { return x.DeliveryFrom.String() }),
	col("delivery_to", func(x *dagang.Deal) any { return x.DeliveryTo.String() }),
	col("note", func(x *dagang.Deal) any { return x.Note }),
	col("sample", func(x *dagang.Deal) any { return x.Sample }),
}

// UpdateDeal sets the fields of x that c names on the stored deal, audited
// with the old and new values; x becomes the deal as stored.
func (d *DB) UpdateDeal(ctx context.Context, x *dagang.Deal, c dagang.Change, force bool) error {
	return d.inTx(ctx, func(t tx) error {
		old, paid, err := lockDeal(ctx, t, x.ID)
		if err != nil {
			return err
		}
		if old.OfficeID != x.OfficeID {
			return notFound("transaksi", "deal", x.ID)
		}
		err = versioned(ctx, t, "deals", old, x, c, dealColumns, func(cur *dagang.Deal) error {
			if err := cur.Validate(); err != nil {
				return err
			}
			if err := checkDealRefs(ctx, t, cur, nil); err != nil {
				return err
			}
			if err := realisationsFit(ctx, t, cur); err != nil {
				return err
			}
			// Only a change of what makes two deals look alike asks again: a
			// twin saved with force stays saved, and editing its note or stage
			// needs no force.
			if !force && !sameLooks(old, cur) {
				ds, err := likelyDuplicates(ctx, t, cur)
				if err != nil {
					return err
				}
				if len(ds) > 0 {
					return duplicateError(ds)
				}
			}
			if !sameTerms(old, cur) {
				cur.Confirmation = dagang.ConfirmationPending // answers come from the counterpart only
			}
			if err := (&partnerFinder{}).share(ctx, t, cur, old); err != nil {
				return err
			}
			cur.UpdatedAt = d.now().UTC()
			return nil
		}, append([]func(*dagang.Deal) assign{
			func(cur *dagang.Deal) assign { return assign{"confirmation", cur.Confirmation} },
			func(cur *dagang.Deal) assign { return assign{"updated_at", cur.UpdatedAt} },
		}, partnerAssigns...)...)
		if err != nil {
			return err
		}
		delta := rollupDelta{}
		delta.add(old, paid, -1)
		delta.add(x, paid, 1)
		if err := delta.flush(ctx, t); err != nil {
			return err
		}
		if err := d.reindex(ctx, t, "deals", x.ID); err != nil {
			return err
		}
		if err := d.audit(ctx, t, x.OfficeID, "deal", x.ID, "update", old, x); err != nil {
			return err
		}
		if old.Confirmation != dagang.ConfirmationPending || !sameTerms(old, x) {
			// Sent back to the counterpart: a new request.
			return d.askConfirmation(ctx, t, x, 0)
		}
		return nil
	})
}

// sameTerms reports whether old and x agree on what the counterpart
// confirms.
func sameTerms(old, x *dagang.Deal) bool {
	return old.CounterpartID == x.CounterpartID && old.BusinessID == x.BusinessID && old.CommodityID == x.CommodityID &&
		old.Direction == x.Direction && old.Volume == x.Volume && old.ValueIDR == x.ValueIDR
}

// sameLooks reports whether old and x agree on every field the
// likely-duplicate check compares.
func sameLooks(old, x *dagang.Deal) bool {
	return old.OfficeID == x.OfficeID && old.EventID == x.EventID && old.BusinessID == x.BusinessID && old.CounterpartID == x.CounterpartID &&
		old.CommodityID == x.CommodityID && old.Direction == x.Direction && old.ValueIDR == x.ValueIDR && old.DealDate == x.DealDate
}

// realisationsFit checks the deal's stored follow-ups against its new
// figures, as CreateRealisation checks a new one: a smaller volume or
// value, or a later deal date, must still hold every report.
func realisationsFit(ctx context.Context, t tx, x *dagang.Deal) error {
	var r dagang.Realisation
	var first sql.NullString
	if err := t.queryRow(ctx, "SELECT COALESCE(MAX(delivered_volume), 0), COALESCE(MAX(paid_idr), 0), MIN(reported_on) FROM realisations WHERE deal_id = ?", x.ID).
		Scan(&r.DeliveredVolume, &r.PaidIDR, &first); err != nil {
		return err
	}
	if !first.Valid {
		return nil
	}
	r.ReportedOn, _ = dagang.ParseDate(first.String)
	err := r.CheckAgainst(x)
	var e *dagang.Error
	if !errors.As(err, &e) {
		return err
	}
	// Name the deal's own fields: they are what this change sets.
	names := map[string]string{"reported_on": "deal_date", "delivered_volume": "volume", "paid_idr": "value_idr"}
	var v dagang.Validation
	for _, f := range e.Fields {
		v.Add(names[f.Field], "tidak cocok dengan tindak lanjut yang sudah dilaporkan: "+f.Message, "does not fit the follow-ups already reported: "+f.MessageEN)
	}
	return v.Err()
}

// DeleteDeal removes a deal with its realisations and links, audited;
// version is the one the deletion was decided on (0: any).
func (d *DB) DeleteDeal(ctx context.Context, id, version int64) error {
	return d.inTx(ctx, func(t tx) error {
		old, paid, err := lockDeal(ctx, t, id)
		if err != nil {
			return err
		}
		if err := expect(dagang.Change{Version: version}, old.Version, old); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "DELETE FROM deals WHERE id = ?", id); err != nil {
			return err
		}
		delta := rollupDelta{}
		delta.add(old, paid, -1)
		if err := delta.flush(ctx, t); err != nil {
			return err
		}
		if err := d.reindex(ctx, t, "deals", id); err != nil {
			return err
		}
		return d.audit(ctx, t, old.OfficeID, "deal", id, "delete", old, nil)
	})
}

// changeDeal applies fn to a deal inside a transaction, saves the fields
// fn may change (stage, confirmation, note), moves the summary rows and
// writes an audit entry with the action. version is the one the change
// was decided on (0: any).
func (d *DB) changeDeal(ctx context.Context, id, version int64, action string, fn func(t tx, x *dagang.Deal) error) (*dagang.Deal, error) {
	var out *dagang.Deal
	err := d.inTx(ctx, func(t tx) error {
		old, paid, err := lockDeal(ctx, t, id)
		if err != nil {
			return err
		}
		if err := expect(dagang.Change{Version: version}, old.Version, old); err != nil {
			return err
		}
		x := *old
		if err := fn(t, &x); err != nil {
			return err
		}
		if err := x.Validate(); err != nil {
			return err
		}
		x.UpdatedAt = d.now().UTC()
		if err := updateRow(ctx, t, "deals", id, old.Version, &x, dagang.Change{Fields: []string{}}, nil,
			assign{"stage", x.Stage}, assign{"confirmation", x.Confirmation}, assign{"note", x.Note}, assign{"updated_at", x.UpdatedAt}); err != nil {
			return err
		}
		x.Version = old.Version + 1
		delta := rollupDelta{}
		delta.add(old, paid, -1)
		delta.add(&x, paid, 1)
		if err := delta.flush(ctx, t); err != nil {
			return err
		}
		out = &x
		if err := d.reindex(ctx, t, "deals", id); err != nil {
			return err
		}
		return d.audit(ctx, t, x.OfficeID, "deal", id, action, old, &x)
	})
	return out, err
}

// appendNote adds a dated line to a deal's note.
func appendNote(x *dagang.Deal, now time.Time, note string) {
	note = strings.TrimSpace(note)
	if note == "" {
		return
	}
	line := now.UTC().Format(time.DateOnly) + ": " + note
	if x.Note != "" {
		line = x.Note + "\n" + line
	}
	x.Note = line
}

// SetDealStage moves a deal to another stage.
func (d *DB) SetDealStage(ctx context.Context, id, version int64, stage dagang.DealStage, note string) (*dagang.Deal, error) {
	if !stage.Valid() {
		return nil, fieldError("stage", "tahap harus indication, loi, contract atau realised", "stage must be indication, loi, contract or realised")
	}
	return d.changeDeal(ctx, id, version, "stage", func(_ tx, x *dagang.Deal) error {
		x.Stage = stage
		appendNote(x, d.now(), note)
		return nil
	})
}

// fieldError is an EINVALID error about one field.
func fieldError(field, id, en string) error {
	var v dagang.Validation
	v.Add(field, id, en)
	return v.Err()
}
