package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
)

// newUser creates an office with one staff user.
func newUser(t *testing.T, db *store.DB) *dagang.User {
	t.Helper()
	ctx := context.Background()
	if err := db.LoadRegions(ctx, []*dagang.Province{{Code: "63", BPSCode: "63", Name: "Kalimantan Selatan", ShortName: "Kalsel"}}, nil); err != nil {
		t.Fatal(err)
	}
	o := &dagang.Office{Name: "Dinas", HomeProvince: "63"}
	if err := db.CreateOffice(ctx, o); err != nil {
		t.Fatal(err)
	}
	u := &dagang.User{OfficeID: o.ID, Email: "Staf@Example.ID", Name: "Staf", Role: dagang.UserStaff}
	if err := db.CreateUser(ctx, u, "$argon2id$hash-1"); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestCredentialsAndPassword(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := newUser(t, db)
		got, hash, err := db.FindCredentials(ctx, " staf@example.id ")
		if err != nil {
			t.Fatal(err)
		}
		if hash != "$argon2id$hash-1" || got.ID != u.ID || got.Email != "staf@example.id" {
			t.Errorf("FindCredentials = %+v, %q", got, hash)
		}
		if _, _, err := db.FindCredentials(ctx, "tidak@ada.id"); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("unknown e-mail: err = %v, want not_found", err)
		}
		s := &dagang.Session{ID: "s1", UserID: u.ID, CreatedAt: fixedNow, LastSeenAt: fixedNow, ExpiresAt: fixedNow.Add(time.Hour)}
		if err := db.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		if err := db.SetPassword(ctx, u.ID, "$argon2id$hash-2"); err != nil {
			t.Fatal(err)
		}
		if _, hash, _ := db.FindCredentials(ctx, u.Email); hash != "$argon2id$hash-2" {
			t.Errorf("hash after SetPassword = %q", hash)
		}
		if _, err := db.FindSession(ctx, "s1"); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("session survived a password change: %v", err)
		}
		wantError(t, db.SetPassword(ctx, u.ID, ""), dagang.EINVALID, "")
		wantError(t, db.SetPassword(ctx, 9999, "x"), dagang.ENOTFOUND, "")
		es, _, err := db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: u.OfficeID, Entity: "user", EntityID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range es {
			actions = append(actions, e.Action)
		}
		if diff := cmp.Diff([]string{"password", "create"}, actions); diff != "" {
			t.Errorf("audit actions (-want +got):\n%s", diff)
		}
	})
}

func TestSessions(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := newUser(t, db)
		t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
		for i, id := range []string{"old", "busy", "expired"} {
			s := &dagang.Session{ID: id, UserID: u.ID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(12 * time.Hour)}
			if i == 2 {
				s.ExpiresAt = t0.Add(time.Hour)
			}
			if err := db.CreateSession(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.FindSession(ctx, "busy")
		if err != nil {
			t.Fatal(err)
		}
		want := &dagang.Session{ID: "busy", UserID: u.ID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(12 * time.Hour)}
		if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })); diff != "" {
			t.Errorf("FindSession (-want +got):\n%s", diff)
		}
		if err := db.TouchSession(ctx, "busy", t0.Add(90*time.Minute)); err != nil {
			t.Fatal(err)
		}
		// A flash message is kept until it is cleared.
		for _, flash := range []string{"Kegiatan disimpan.", ""} {
			if err := db.SetFlash(ctx, "busy", flash); err != nil {
				t.Fatal(err)
			}
			got, err := db.FindSession(ctx, "busy")
			if err != nil {
				t.Fatal(err)
			}
			if got.Flash != flash {
				t.Errorf("after SetFlash(%q): flash %q", flash, got.Flash)
			}
		}
		if err := db.SetFlash(ctx, "none", "x"); err != nil {
			t.Errorf("flash on a missing session: %v", err)
		}
		// At 10:00 with a 1-hour idle limit: "old" is idle, "expired" is past its end.
		now := t0.Add(2 * time.Hour)
		if err := db.DeleteExpiredSessions(ctx, now.Add(-time.Hour), now); err != nil {
			t.Fatal(err)
		}
		for id, alive := range map[string]bool{"old": false, "busy": true, "expired": false} {
			_, err := db.FindSession(ctx, id)
			if (err == nil) != alive {
				t.Errorf("session %s: err = %v, want alive=%v", id, err, alive)
			}
		}
		if err := db.DeleteSession(ctx, "busy"); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteSession(ctx, "busy"); err != nil {
			t.Errorf("deleting a missing session: %v", err)
		}
		if _, err := db.FindSession(ctx, "busy"); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("deleted session: err = %v", err)
		}
	})
}

func TestAPITokens(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := newUser(t, db)
		hash := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
		tok := &dagang.APIToken{UserID: u.ID, Name: "skrip impor", Hash: hash}
		if err := db.CreateAPIToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
		wantError(t, db.CreateAPIToken(ctx, &dagang.APIToken{UserID: u.ID, Name: "", Hash: "x"}), dagang.EINVALID, "name")
		wantError(t, db.CreateAPIToken(ctx, &dagang.APIToken{UserID: u.ID, Name: "dup", Hash: hash}), dagang.ECONFLICT, "")
		at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
		got, err := db.FindAPIToken(ctx, hash, at)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != tok.ID || got.UserID != u.ID || got.Name != "skrip impor" || !got.LastUsedAt.Equal(at) {
			t.Errorf("FindAPIToken = %+v", got)
		}
		if _, err := db.FindAPIToken(ctx, "nope", at); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("unknown token: %v", err)
		}
		// Use within a minute is not written again; later it is.
		if got, _ := db.FindAPIToken(ctx, hash, at.Add(30*time.Second)); !got.LastUsedAt.Equal(at) {
			t.Errorf("last use after 30 s = %v, want %v", got.LastUsedAt, at)
		}
		if got, _ := db.FindAPIToken(ctx, hash, at.Add(2*time.Minute)); !got.LastUsedAt.Equal(at.Add(2 * time.Minute)) {
			t.Errorf("last use after 2 min = %v", got.LastUsedAt)
		}
		second := &dagang.APIToken{UserID: u.ID, Name: "cadangan", Hash: strings.Repeat("f", 64)}
		if err := db.CreateAPIToken(ctx, second); err != nil {
			t.Fatal(err)
		}
		ts, err := db.FindAPITokens(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, x := range ts {
			names = append(names, x.Name)
		}
		if diff := cmp.Diff([]string{"cadangan", "skrip impor"}, names); diff != "" {
			t.Errorf("tokens (-want +got):\n%s", diff)
		}
		if err := db.DeleteAPIToken(ctx, second.ID); err != nil {
			t.Fatal(err)
		}
		wantError(t, db.DeleteAPIToken(ctx, second.ID), dagang.ENOTFOUND, "")
		if _, err := db.FindAPIToken(ctx, second.Hash, at); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("revoked token still works: %v", err)
		}
		if err := db.DeleteUser(ctx, u.ID, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindAPIToken(ctx, hash, at); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("token survived its user: %v", err)
		}
	})
}

func TestUpdateDeleteUser(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		u := newUser(t, db)
		other := &dagang.User{OfficeID: u.OfficeID, Email: "lain@example.id", Name: "Lain", Role: dagang.UserLeadership}
		if err := db.CreateUser(ctx, other, "h"); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateSession(ctx, &dagang.Session{ID: "s", UserID: u.ID, CreatedAt: fixedNow, LastSeenAt: fixedNow, ExpiresAt: fixedNow.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		upd := *u
		upd.Name, upd.Role, upd.Lang = "Staf Baru", dagang.UserAdmin, "en"
		if err := db.UpdateUser(ctx, &upd, dagang.Change{}); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindUserByID(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Staf Baru" || got.Role != dagang.UserAdmin || got.Lang != "en" || got.Email != "staf@example.id" {
			t.Errorf("after update: %+v", got)
		}
		if _, err := db.FindSession(ctx, "s"); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Errorf("session survived a role change: %v", err)
		}
		dup := upd
		dup.Email = "lain@example.id"
		wantError(t, db.UpdateUser(ctx, &dup, dagang.Change{}), dagang.ECONFLICT, "email")
		bad := upd
		bad.Role, bad.BusinessID = dagang.UserBusiness, 9999
		wantError(t, db.UpdateUser(ctx, &bad, dagang.Change{}), dagang.EINVALID, "business_id")
		gone := upd
		gone.ID = 9999
		wantError(t, db.UpdateUser(ctx, &gone, dagang.Change{}), dagang.ENOTFOUND, "")
		if err := db.DeleteUser(ctx, other.ID, 0); err != nil {
			t.Fatal(err)
		}
		wantError(t, db.DeleteUser(ctx, other.ID, 0), dagang.ENOTFOUND, "")
		es, _, err := db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: u.OfficeID, Entity: "user"})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range es {
			actions = append(actions, e.Action)
		}
		if diff := cmp.Diff([]string{"delete", "update", "create", "create"}, actions); diff != "" {
			t.Errorf("audit actions (-want +got):\n%s", diff)
		}
	})
}
