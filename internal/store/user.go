package store

import (
	"context"
	"strings"

	"github.com/dagang/dagang"
)

var _ dagang.UserService = (*DB)(nil)

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
	u.CreatedAt = d.now().UTC()
	return d.inTx(ctx, func(t tx) error {
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
	})
}
