package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

var _ dagang.DealFlowService = (*DB)(nil)

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

// lockDeal reads a deal and its paid part inside a transaction.
func lockDeal(ctx context.Context, t tx, id int64) (*dagang.Deal, int64, error) {
	x, paid, err := scanDealPaid(t.queryRow(ctx, "SELECT "+dealCols+", paid_idr FROM deals WHERE id = ?"+lockRow(t), id))
	if err == sql.ErrNoRows {
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

// CreateDealChecked stores x unless it looks like a stored deal.
func (d *DB) CreateDealChecked(ctx context.Context, x *dagang.Deal, force bool) error {
	if !force {
		if x.Confirmation == "" {
			x.Confirmation = dagang.ConfirmationPending
		}
		if err := x.Validate(); err != nil {
			return err
		}
		ds, err := d.FindLikelyDuplicates(ctx, x)
		if err != nil {
			return err
		}
		if len(ds) > 0 {
			return duplicateError(ds)
		}
	}
	return d.CreateDeal(ctx, x)
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
			if err := checkDealRefs(ctx, t, cur); err != nil {
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
			if old.CounterpartID != cur.CounterpartID || old.BusinessID != cur.BusinessID || old.CommodityID != cur.CommodityID ||
				old.Direction != cur.Direction || old.Volume != cur.Volume || old.ValueIDR != cur.ValueIDR {
				cur.Confirmation = dagang.ConfirmationPending // answers come from the counterpart only
			}
			cur.UpdatedAt = d.now().UTC()
			return nil
		}, func(cur *dagang.Deal) assign { return assign{"confirmation", cur.Confirmation} },
			func(cur *dagang.Deal) assign { return assign{"updated_at", cur.UpdatedAt} })
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
		return d.audit(ctx, t, x.OfficeID, "deal", x.ID, "update", old, x)
	})
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

func checkAnswer(answer dagang.Confirmation) error {
	if answer != dagang.ConfirmationConfirmed && answer != dagang.ConfirmationRejected {
		return fieldError("answer", "jawaban harus confirmed atau rejected", "answer must be confirmed or rejected")
	}
	return nil
}

// AnswerDeal records the counterpart's answer given from its account.
func (d *DB) AnswerDeal(ctx context.Context, id, version, organisationID int64, answer dagang.Confirmation, note string) (*dagang.Deal, error) {
	if err := checkAnswer(answer); err != nil {
		return nil, err
	}
	return d.changeDeal(ctx, id, version, string(answer), func(_ tx, x *dagang.Deal) error {
		if organisationID == 0 || x.CounterpartID != organisationID {
			return dagang.Errorf(dagang.EFORBIDDEN, "hanya mitra transaksi ini yang dapat mengonfirmasi atau menolaknya", "only this deal's counterpart can confirm or reject it")
		}
		x.Confirmation = answer
		appendNote(x, d.now(), note)
		return nil
	})
}

// hashToken returns the stored form of a confirmation token.
func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// CreateConfirmLink makes a single-use token for a deal.
func (d *DB) CreateConfirmLink(ctx context.Context, id int64, ttl time.Duration) (string, error) {
	if ttl <= 0 || ttl > 90*24*time.Hour {
		return "", fieldError("ttl", "masa berlaku tautan harus antara 1 detik dan 90 hari", "a link must be valid for between 1 second and 90 days")
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	token := base64.RawURLEncoding.EncodeToString(b[:])
	now := d.now().UTC()
	err := d.inTx(ctx, func(t tx) error {
		x, _, err := lockDeal(ctx, t, id)
		if err != nil {
			return err
		}
		if _, err := t.insert(ctx, "INSERT INTO deal_confirm_tokens (deal_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?)", id, hashToken(token), now.Add(ttl), now); err != nil {
			return err
		}
		return d.audit(ctx, t, x.OfficeID, "deal", id, "confirm_link", nil, map[string]any{"expires_at": now.Add(ttl)})
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

var errBadToken = dagang.Errorf(dagang.ENOTFOUND, "tautan konfirmasi tidak dikenal, sudah dipakai atau kedaluwarsa", "the confirmation link is unknown, used or expired")

// tokenDeal finds the deal of a valid token; it returns the token's row id.
func (d *DB) tokenDeal(ctx context.Context, t tx, token string) (int64, int64, error) {
	var tid, dealID int64
	var expires time.Time
	var used sql.NullTime
	err := t.queryRow(ctx, "SELECT id, deal_id, expires_at, used_at FROM deal_confirm_tokens WHERE token_hash = ?", hashToken(token)).Scan(&tid, &dealID, &expires, &used)
	if err == sql.ErrNoRows || (err == nil && (used.Valid || !d.now().Before(expires))) {
		return 0, 0, errBadToken
	}
	return tid, dealID, err
}

// DealByToken shows the deal of a valid token without spending it.
func (d *DB) DealByToken(ctx context.Context, token string) (*dagang.Deal, error) {
	_, id, err := d.tokenDeal(ctx, d.read(), token)
	if err != nil {
		return nil, d.mapError(err)
	}
	return d.FindDealByID(ctx, id)
}

// AnswerDealByToken spends a token and records the counterpart's answer.
func (d *DB) AnswerDealByToken(ctx context.Context, token string, answer dagang.Confirmation, note string) (*dagang.Deal, error) {
	if err := checkAnswer(answer); err != nil {
		return nil, err
	}
	var dealID int64
	// Spend the token first: the UPDATE … WHERE used_at IS NULL makes a
	// second use fail even when two requests race.
	err := d.inTx(ctx, func(t tx) error {
		tid, id, err := d.tokenDeal(ctx, t, token)
		if err != nil {
			return err
		}
		res, err := t.exec(ctx, "UPDATE deal_confirm_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL", d.now().UTC(), tid)
		if err := affected(res, err, "tautan", "link", tid); err != nil {
			return errBadToken
		}
		dealID = id
		return nil
	})
	if err != nil {
		return nil, err
	}
	return d.changeDeal(ctx, dealID, 0, string(answer)+"_link", func(_ tx, x *dagang.Deal) error {
		x.Confirmation = answer
		appendNote(x, d.now(), note)
		return nil
	})
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

// fieldError is an EINVALID error about one field.
func fieldError(field, id, en string) error {
	var v dagang.Validation
	v.Add(field, id, en)
	return v.Err()
}
