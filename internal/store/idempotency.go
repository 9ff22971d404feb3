package store

import (
	"context"
	"errors"

	"github.com/dagang/dagang"
)

// inTxOnce runs fn, the write of a service, in one transaction. When ctx
// carries the idempotency of its request (dagang.TakeIdempotency), the
// transaction first claims the key of the acting user: a key claimed
// before answers a *dagang.Replay of the stored answer and fn does not
// run, a key claimed for another request is refused; otherwise fn writes
// and the answer rendered from its outcome is stored with the key before
// the commit. The claim is an insert into a unique index, so of two
// requests with one key at once the second waits for the first (on
// PostgreSQL the index, on SQLite the immediate transaction) and then
// replays its answer. Keys past dagang.IdempotencyTTL are deleted as new
// ones are claimed, in the office that claims.
func (d *DB) inTxOnce(ctx context.Context, fn func(t tx) (outcome any, err error)) error {
	idem := dagang.TakeIdempotency(ctx)
	u := dagang.UserFromContext(ctx)
	if idem == nil || u == nil {
		return d.inTx(ctx, func(t tx) error {
			_, err := fn(t)
			return err
		})
	}
	var replay *dagang.Replay
	err := d.inTx(ctx, func(t tx) error {
		now := d.now().UTC()
		if _, err := t.exec(ctx, "DELETE FROM idempotency_keys WHERE office_id = ? AND created_at < ?", u.OfficeID, now.Add(-dagang.IdempotencyTTL)); err != nil {
			return err
		}
		res, err := t.exec(ctx, `INSERT INTO idempotency_keys (office_id, user_id, idem_key, request_hash, body, created_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (office_id, user_id, idem_key) DO NOTHING`, u.OfficeID, u.ID, idem.Key, idem.Request, []byte{}, now)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			var hash string
			var a dagang.Answer
			err := t.queryRow(ctx, "SELECT request_hash, status, content_type, location, body FROM idempotency_keys WHERE office_id = ? AND user_id = ? AND idem_key = ?",
				u.OfficeID, u.ID, idem.Key).Scan(&hash, &a.Status, &a.ContentType, &a.Location, &a.Body)
			if err != nil {
				return err
			}
			if hash != idem.Request {
				return dagang.ErrIdempotencyMismatch(idem.Key)
			}
			replay = &dagang.Replay{Answer: a}
			return nil
		}
		outcome, err := fn(t)
		if err != nil {
			return err
		}
		if idem.Answer == nil {
			return errors.New("store: idempotent write without a way to render its answer")
		}
		a, err := idem.Answer(outcome)
		if err != nil {
			return err
		}
		_, err = t.exec(ctx, "UPDATE idempotency_keys SET status = ?, content_type = ?, location = ?, body = ? WHERE office_id = ? AND user_id = ? AND idem_key = ?",
			a.Status, a.ContentType, a.Location, nonNil(a.Body), u.OfficeID, u.ID, idem.Key)
		return err
	})
	if err == nil && replay != nil {
		return replay
	}
	return err
}

func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
