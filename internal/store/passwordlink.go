package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"time"

	"github.com/dagang/dagang"
)

var _ dagang.PasswordLinkService = (*DB)(nil)

var errBadPasswordLink = dagang.Errorf(dagang.ENOTFOUND, "tautan atur kata sandi tidak dikenal, sudah dipakai atau kedaluwarsa; minta tautan baru ke dinas",
	"the link to set a password is unknown, used or expired; ask the office for a new one")

// passwordLink makes a single-use link for user to set its password: the
// secret for the link, stored only as its hash, and when it expires.
func (d *DB) passwordLink(ctx context.Context, t tx, u *dagang.User) (string, time.Time, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", time.Time{}, err
	}
	secret := base64.RawURLEncoding.EncodeToString(b[:])
	now := d.now().UTC()
	expires := now.Add(dagang.PasswordLinkTTL)
	if _, err := t.insert(ctx, "INSERT INTO password_links (user_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?)", u.ID, hashToken(secret), expires, now); err != nil {
		return "", time.Time{}, err
	}
	return secret, expires, d.audit(ctx, t, u.OfficeID, "user", u.ID, "password_link", nil, map[string]any{"expires_at": expires})
}

// passwordLinkUser finds the account of a valid link; it returns the
// link's row id.
func (d *DB) passwordLinkUser(ctx context.Context, t tx, secret string) (int64, *dagang.User, error) {
	var id, userID int64
	var expires time.Time
	var used sql.NullTime
	err := t.queryRow(ctx, "SELECT id, user_id, expires_at, used_at FROM password_links WHERE token_hash = ?", hashToken(secret)).Scan(&id, &userID, &expires, &used)
	if err == sql.ErrNoRows || (err == nil && (used.Valid || !d.now().Before(expires))) {
		return 0, nil, errBadPasswordLink
	}
	if err != nil {
		return 0, nil, err
	}
	u, err := get(ctx, t, "SELECT "+userCols+" FROM users WHERE id = ?", "pengguna", "user", userID, scanUser)
	return id, u, err
}

// FindPasswordLink returns the account of a valid link without spending it.
func (d *DB) FindPasswordLink(ctx context.Context, secret string) (*dagang.User, error) {
	_, u, err := d.passwordLinkUser(ctx, d.read(), secret)
	return u, d.mapError(err)
}

// SetPasswordByLink spends a link and sets its account's password.
func (d *DB) SetPasswordByLink(ctx context.Context, secret, passwordHash string) (*dagang.User, error) {
	if passwordHash == "" {
		return nil, dagang.Errorf(dagang.EINVALID, "kata sandi wajib diisi", "password is required")
	}
	var out *dagang.User
	err := d.inTx(ctx, func(t tx) error {
		id, u, err := d.passwordLinkUser(ctx, t, secret)
		if err != nil {
			return err
		}
		if err := d.spendLink(ctx, t, "password_links", id, errBadPasswordLink); err != nil {
			return err
		}
		out = u
		return d.setPassword(ctx, t, u, passwordHash, "password_by_link")
	})
	if err != nil {
		return nil, d.mapError(err)
	}
	return out, nil
}

// spendLink marks the single-use link id of table (a constant of this
// package) used, first in its transaction: the UPDATE … WHERE used_at IS
// NULL makes a second use fail with bad even when two requests race.
func (d *DB) spendLink(ctx context.Context, t tx, table string, id int64, bad error) error {
	res, err := t.exec(ctx, "UPDATE "+table+" SET used_at = ? WHERE id = ? AND used_at IS NULL", d.now().UTC(), id)
	if err := affected(res, err, "tautan", "link", id); err != nil {
		return bad
	}
	return nil
}
