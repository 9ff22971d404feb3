package store

import (
	"context"
	"strings"

	"github.com/dagang/dagang"
)

var (
	_ dagang.UserService = (*DB)(nil)
	_ dagang.UserWriter  = (*DB)(nil)
)

const userCols = `id, version, office_id, email, name, role, business_id, organisation_id, lang, created_at`

var userSort = sortSpec{def: "name, id", columns: map[string]string{"name": "name", "email": "email", "role": "role"}}

func scanUser(s scanner) (*dagang.User, error) {
	var u dagang.User
	err := s.Scan(&u.ID, &u.Version, &u.OfficeID, &u.Email, &u.Name, &u.Role, idOf{&u.BusinessID}, idOf{&u.OrganisationID}, &u.Lang, &u.CreatedAt)
	return &u, err
}

// FindUserByID returns one user.
func (d *DB) FindUserByID(ctx context.Context, id int64) (*dagang.User, error) {
	u, err := get(ctx, d.read(), "SELECT "+userCols+" FROM users WHERE id = ?", "pengguna", "user", id, scanUser)
	return u, d.mapError(err)
}

// FindUsers lists users.
func (d *DB) FindUsers(ctx context.Context, f dagang.UserFilter) ([]*dagang.User, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("role", string(f.Role))
	w.search(f.Query, "name", "email")
	us, n, err := list(ctx, d.read(), "SELECT "+userCols+" FROM users", "SELECT COUNT(*) FROM users", w, userSort, f.ListOptions, scanUser)
	return us, n, d.mapError(err)
}

// CreateUser stores a user with a password hash made by the caller, and
// audits it (without the hash).
func (d *DB) CreateUser(ctx context.Context, u *dagang.User, passwordHash string) error {
	if err := d.prepareUser(u, passwordHash); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error { return d.createUser(ctx, t, u, passwordHash) })
}

// prepareUser normalises a new user's e-mail and language and checks what
// needs no database.
func (d *DB) prepareUser(u *dagang.User, passwordHash string) error {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	if u.Lang == "" {
		u.Lang = "id"
	}
	if err := u.Validate(); err != nil {
		return err
	}
	if passwordHash == "" {
		return dagang.Errorf(dagang.EINVALID, "kata sandi wajib diisi", "password is required")
	}
	return nil
}

// createUser inserts a prepared user with its audit entry. An e-mail names
// one account in the whole deployment, whichever its office: it is how a
// person logs in.
func (d *DB) createUser(ctx context.Context, t tx, u *dagang.User, passwordHash string) error {
	if err := grantsNational(ctx, "", u.Role); err != nil {
		return err
	}
	u.CreatedAt = d.now().UTC()
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM users WHERE email = ?", u.Email).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return &dagang.Error{Code: dagang.ECONFLICT, Message: "Data tidak valid", MessageEN: "Invalid data",
			Fields: []dagang.FieldError{{Field: "email", Message: "email sudah dipakai akun lain", MessageEN: "e-mail is already used by another account"}}}
	}
	id, err := t.insert(ctx, "INSERT INTO users (office_id, email, name, role, business_id, organisation_id, lang, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		u.OfficeID, u.Email, u.Name, u.Role, nullID(u.BusinessID), nullID(u.OrganisationID), u.Lang, passwordHash, u.CreatedAt)
	if err != nil {
		return err
	}
	u.ID, u.Version = id, 1
	return d.audit(ctx, t, u.OfficeID, "user", id, "create", nil, u)
}

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
		return d.setPassword(ctx, t, u, passwordHash, "password")
	})
}

// setPassword replaces u's password hash, ends its sessions, spends the
// links that would set it, and audits the change as action (without the
// hash).
func (d *DB) setPassword(ctx context.Context, t tx, u *dagang.User, passwordHash, action string) error {
	if _, err := t.exec(ctx, "UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, u.ID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, "DELETE FROM sessions WHERE user_id = ?", u.ID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, "UPDATE password_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL", d.now().UTC(), u.ID); err != nil {
		return err
	}
	return d.audit(ctx, t, u.OfficeID, "user", u.ID, action, nil, nil)
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
			if err := grantsNational(ctx, old.Role, cur.Role); err != nil {
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

// grantsNational refuses the national role to any acting user: it reads
// every office's records, so only the deployment's operator gives it, from
// the command line (no acting user in ctx), never an office's admin.
func grantsNational(ctx context.Context, from, to dagang.UserRole) error {
	if to != dagang.UserNational || from == dagang.UserNational || dagang.UserFromContext(ctx) == nil {
		return nil
	}
	return &dagang.Error{Code: dagang.EFORBIDDEN, Message: "Peran nasional hanya diberikan operator", MessageEN: "Only the operator gives the national role",
		Fields: []dagang.FieldError{{Field: "role", Message: "peran nasional membaca data semua dinas: hanya operator yang memberikannya (dagang user add --role national)",
			MessageEN: "the national role reads every office's records: only the operator gives it (dagang user add --role national)"}}}
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
