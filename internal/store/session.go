package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/dagang/dagang"
)

var (
	_ dagang.AuthService = (*DB)(nil)
	_ dagang.UserWriter  = (*DB)(nil)
)

// FindCredentials returns the user with this e-mail and its password hash.
func (d *DB) FindCredentials(ctx context.Context, email string) (*dagang.User, string, error) {
	var hash string
	u, err := get(ctx, d.read(), "SELECT "+userCols+", password_hash FROM users WHERE email = ?", "pengguna", "user", strings.ToLower(strings.TrimSpace(email)),
		func(s scanner) (*dagang.User, error) {
			var u dagang.User
			err := s.Scan(&u.ID, &u.Version, &u.OfficeID, &u.Email, &u.Name, &u.Role, idOf{&u.BusinessID}, idOf{&u.OrganisationID}, &u.Lang, &u.CreatedAt, &hash)
			return &u, err
		})
	return u, hash, d.mapError(err)
}

// SetPassword replaces the password hash, ends the user's sessions and
// audits the change (without the hash).
func (d *DB) SetPassword(ctx context.Context, userID int64, passwordHash string) error {
	if passwordHash == "" {
		return dagang.Errorf(dagang.EINVALID, "kata sandi wajib diisi", "password is required")
	}
	return d.inTx(ctx, func(t tx) error {
		u, err := get(ctx, t, "SELECT "+userCols+" FROM users WHERE id = ?", "pengguna", "user", userID, scanUser)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userID); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "DELETE FROM sessions WHERE user_id = ?", userID); err != nil {
			return err
		}
		return d.audit(ctx, t, u.OfficeID, "user", userID, "password", nil, nil)
	})
}

var userColumns = []column[dagang.User]{
	col("email", func(u *dagang.User) any { return u.Email }),
	col("name", func(u *dagang.User) any { return u.Name }),
	col("role", func(u *dagang.User) any { return u.Role }),
	col("business_id", func(u *dagang.User) any { return nullID(u.BusinessID) }),
	col("organisation_id", func(u *dagang.User) any { return nullID(u.OrganisationID) }),
	col("lang", func(u *dagang.User) any { return u.Lang }),
}

// UpdateUser changes a user's e-mail, name, role, links and language.
func (d *DB) UpdateUser(ctx context.Context, u *dagang.User, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+userCols+" FROM users WHERE id = ?"+lockRow(t), "pengguna", "user", u.ID, scanUser)
		if err != nil {
			return err
		}
		err = versioned(ctx, t, "users", old, u, c, userColumns, func(cur *dagang.User) error {
			cur.Email = strings.ToLower(strings.TrimSpace(cur.Email))
			if cur.Lang == "" {
				cur.Lang = "id"
			}
			if err := cur.Validate(); err != nil {
				return err
			}
			return checkUserRefs(ctx, t, cur)
		})
		if err != nil {
			return err
		}
		if old.Role != u.Role || old.BusinessID != u.BusinessID || old.OrganisationID != u.OrganisationID {
			// New rights: old sessions must log in again.
			if _, err := t.exec(ctx, "DELETE FROM sessions WHERE user_id = ?", u.ID); err != nil {
				return err
			}
		}
		return d.audit(ctx, t, u.OfficeID, "user", u.ID, "update", old, u)
	})
}

// checkUserRefs checks the e-mail is free and the linked business or
// organisation exists in the user's office.
func checkUserRefs(ctx context.Context, t tx, u *dagang.User) error {
	var v dagang.Validation
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM users WHERE email = ? AND id <> ?", u.Email, u.ID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return &dagang.Error{Code: dagang.ECONFLICT, Message: "Data tidak valid", MessageEN: "Invalid data",
			Fields: []dagang.FieldError{{Field: "email", Message: "email sudah dipakai akun lain", MessageEN: "e-mail is already used by another account"}}}
	}
	if u.BusinessID != 0 {
		if err := exists(ctx, t, &v, "business_id", "businesses", "id", u.BusinessID, "usaha %d tidak ditemukan", "business %d not found"); err != nil {
			return err
		}
	}
	if u.OrganisationID != 0 {
		if err := exists(ctx, t, &v, "organisation_id", "organisations", "id", u.OrganisationID, "organisasi %d tidak ditemukan", "organisation %d not found"); err != nil {
			return err
		}
	}
	return v.Err()
}

// DeleteUser removes a user with its sessions and tokens. Audit entries
// keep the user's id and name.
func (d *DB) DeleteUser(ctx context.Context, id, version int64) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+userCols+" FROM users WHERE id = ?"+lockRow(t), "pengguna", "user", id, scanUser)
		if err != nil {
			return err
		}
		if err := expect(dagang.Change{Version: version}, old.Version, old); err != nil {
			return err
		}
		for _, q := range []string{"DELETE FROM sessions WHERE user_id = ?", "DELETE FROM api_tokens WHERE user_id = ?", "DELETE FROM users WHERE id = ?"} {
			if _, err := t.exec(ctx, q, id); err != nil {
				return err
			}
		}
		return d.audit(ctx, t, old.OfficeID, "user", id, "delete", old, nil)
	})
}

// CreateSession stores a new session.
func (d *DB) CreateSession(ctx context.Context, s *dagang.Session) error {
	_, err := d.read().exec(ctx, "INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
		s.ID, s.UserID, s.CreatedAt.UTC(), s.LastSeenAt.UTC(), s.ExpiresAt.UTC())
	return d.mapError(err)
}

// FindSession returns the session with this id hash.
func (d *DB) FindSession(ctx context.Context, id string) (*dagang.Session, error) {
	var s dagang.Session
	err := d.read().queryRow(ctx, "SELECT id, user_id, created_at, last_seen_at, expires_at FROM sessions WHERE id = ?", id).
		Scan(&s.ID, &s.UserID, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt)
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
