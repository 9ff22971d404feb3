package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/dagang/dagang"
)

var _ dagang.AuthService = (*DB)(nil)

// CreateSession stores a new session.
func (d *DB) CreateSession(ctx context.Context, s *dagang.Session) error {
	_, err := d.read().exec(ctx, "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
		s.ID, s.UserID, s.CreatedAt.UTC(), s.LastSeenAt.UTC(), s.ExpiresAt.UTC())
	return d.mapError(err)
}

// FindSession returns the session with this id hash.
func (d *DB) FindSession(ctx context.Context, id string) (*dagang.Session, error) {
	var s dagang.Session
	err := d.read().queryRow(ctx, "SELECT id, user_id, created_at, last_seen_at, expires_at, flash FROM sessions WHERE id = ?", id).
		Scan(&s.ID, &s.UserID, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt, &s.Flash)
	if err != nil {
		return nil, d.mapError(err)
	}
	return &s, nil
}

// TouchSession records activity on a session.
func (d *DB) TouchSession(ctx context.Context, id string, at time.Time) error {
	_, err := d.read().exec(ctx, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", at.UTC(), id)
	return d.mapError(err)
}

// SetFlash keeps the message the session's next page shows.
func (d *DB) SetFlash(ctx context.Context, id, flash string) error {
	_, err := d.read().exec(ctx, "UPDATE sessions SET flash = ? WHERE id = ?", flash, id)
	return d.mapError(err)
}

// DeleteSession ends a session; ending one that does not exist is no error.
func (d *DB) DeleteSession(ctx context.Context, id string) error {
	_, err := d.read().exec(ctx, "DELETE FROM sessions WHERE id = ?", id)
	return d.mapError(err)
}

// DeleteExpiredSessions removes idle and expired sessions.
func (d *DB) DeleteExpiredSessions(ctx context.Context, idleBefore, now time.Time) error {
	_, err := d.read().exec(ctx, "DELETE FROM sessions WHERE last_seen_at < ? OR expires_at <= ?", idleBefore.UTC(), now.UTC())
	return d.mapError(err)
}

// CreateAPIToken stores a token (its hash) for a user, audited.
func (d *DB) CreateAPIToken(ctx context.Context, at *dagang.APIToken) error {
	var v dagang.Validation
	v.Check(strings.TrimSpace(at.Name) != "", "name", "nama token wajib diisi", "token name is required")
	v.Check(len(at.Name) <= 200, "name", "nama token terlalu panjang (maks. 200 karakter)", "token name is too long (max 200 characters)")
	v.Line("name", at.Name)
	v.Check(len(at.Hash) == 64, "hash", "hash token tidak valid", "invalid token hash")
	if err := v.Err(); err != nil {
		return err
	}
	at.CreatedAt = d.now().UTC()
	return d.inTx(ctx, func(t tx) error {
		u, err := get(ctx, t, "SELECT "+userCols+" FROM users WHERE id = ?", "pengguna", "user", at.UserID, scanUser)
		if err != nil {
			return err
		}
		id, err := t.insert(ctx, "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)", at.UserID, at.Name, at.Hash, at.CreatedAt)
		if err != nil {
			return err
		}
		at.ID = id
		return d.audit(ctx, t, u.OfficeID, "user", u.ID, "token", nil, map[string]any{"token_id": id, "name": at.Name})
	})
}

// FindAPIToken returns the token with this hash and records its use.
func (d *DB) FindAPIToken(ctx context.Context, hash string, at time.Time) (*dagang.APIToken, error) {
	var t dagang.APIToken
	var used sql.NullTime
	err := d.read().queryRow(ctx, "SELECT id, user_id, name, token_hash, created_at, last_used_at FROM api_tokens WHERE token_hash = ?", hash).
		Scan(&t.ID, &t.UserID, &t.Name, &t.Hash, &t.CreatedAt, &used)
	if err != nil {
		return nil, d.mapError(err)
	}
	t.LastUsedAt = used.Time
	// Record the use at most once a minute: a script's every request
	// should not queue for SQLite's write lock.
	if !used.Valid || at.Sub(used.Time) >= time.Minute {
		if _, err := d.read().exec(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", at.UTC(), t.ID); err != nil {
			return nil, d.mapError(err)
		}
		t.LastUsedAt = at.UTC()
	}
	return &t, nil
}

// FindAPITokens lists a user's tokens, newest first.
func (d *DB) FindAPITokens(ctx context.Context, userID int64) ([]*dagang.APIToken, error) {
	rows, err := d.read().query(ctx, "SELECT id, user_id, name, token_hash, created_at, last_used_at FROM api_tokens WHERE user_id = ? ORDER BY id DESC", userID)
	if err != nil {
		return nil, d.mapError(err)
	}
	defer rows.Close()
	ts := []*dagang.APIToken{}
	for rows.Next() {
		var t dagang.APIToken
		var used sql.NullTime
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.Hash, &t.CreatedAt, &used); err != nil {
			return nil, d.mapError(err)
		}
		t.LastUsedAt = used.Time
		ts = append(ts, &t)
	}
	return ts, d.mapError(rows.Err())
}

// DeleteAPIToken revokes a token, audited on its user.
func (d *DB) DeleteAPIToken(ctx context.Context, id int64) error {
	return d.inTx(ctx, func(t tx) error {
		var userID, officeID int64
		var name string
		err := t.queryRow(ctx, "SELECT t.user_id, u.office_id, t.name FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?", id).Scan(&userID, &officeID, &name)
		if err == sql.ErrNoRows {
			return notFound("token", "token", id)
		}
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, "DELETE FROM api_tokens WHERE id = ?", id); err != nil {
			return err
		}
		return d.audit(ctx, t, officeID, "user", userID, "token_revoke", map[string]any{"token_id": id, "name": name}, nil)
	})
}
