package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"time"

	"github.com/dagang/dagang"
)

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
	var token string
	err := d.inTx(ctx, func(t tx) error {
		x, _, err := lockDeal(ctx, t, id)
		if err != nil {
			return err
		}
		token, _, err = d.confirmToken(ctx, t, x, ttl)
		return err
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
		if err := d.spendLink(ctx, t, "deal_confirm_tokens", tid, errBadToken); err != nil {
			return err
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
