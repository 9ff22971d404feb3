package store_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
)

// TestPasswordLinks: approving a self-registration makes its contact's
// account with a single-use link to set the password, carried by the
// decision's message; the link sets the password once (ending the
// account's sessions), twice at once only once, and not after it
// expires.
func TestPasswordLinks(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			var clock atomic.Int64
			clock.Store(fixedNow.UnixNano())
			db, s := demoDB.Open(t, b.name, store.Options{Now: func() time.Time { return time.Unix(0, clock.Load()).UTC() }})
			ctx := context.Background()
			// approve decides a registration and returns the secret of
			// the link its message carries.
			approve := func(r *dagang.Registration) string {
				t.Helper()
				if r.VerifiedBy == "" {
					if _, err := db.VerifyRegistration(ctx, r.ID, dagang.VerifiedByPhone); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := db.DecideRegistration(ctx, dagang.RegistrationDecision{ID: r.ID, Action: dagang.RegistrationApprove}, "hash-nobody-knows"); err != nil {
					t.Fatal(err)
				}
				ns, _, err := db.FindNotifications(ctx, dagang.NotificationFilter{OfficeID: s.Office.ID, Kind: dagang.NotifyRegistrationDecided})
				if err != nil {
					t.Fatal(err)
				}
				for _, n := range ns {
					if n.ToEmail == r.Email {
						secret, ok := strings.CutPrefix(n.Params["path"], "/kata-sandi?token=")
						if !ok || len(secret) < 40 || n.Params["expires"] != fixedNow.Add(dagang.PasswordLinkTTL).Format(time.RFC3339) || n.Params["email"] != r.Email {
							t.Fatalf("the decision's message: %v", n.Params)
						}
						return secret
					}
				}
				t.Fatalf("no message to %s", r.Email)
				return ""
			}
			gone := func(what string, err error) {
				t.Helper()
				if dagang.ErrorCode(err) != dagang.ENOTFOUND {
					t.Errorf("%s: %v, want ENOTFOUND", what, err)
				}
			}
			regs := s.Registrations

			one := approve(regs[0])
			u, err := db.FindPasswordLink(ctx, one)
			if err != nil || u.Email != regs[0].Email || u.Role != dagang.UserBusiness {
				t.Fatalf("the link's account: %v %+v", err, u)
			}
			_, err = db.FindPasswordLink(ctx, one[:len(one)-1])
			gone("a link cut short", err)
			if err := db.CreateSession(ctx, &dagang.Session{ID: strings.Repeat("a", 64), UserID: u.ID, CreatedAt: fixedNow, LastSeenAt: fixedNow, ExpiresAt: fixedNow.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SetPasswordByLink(ctx, one, ""); dagang.ErrorCode(err) != dagang.EINVALID {
				t.Errorf("an empty hash: %v", err)
			}
			if got, err := db.SetPasswordByLink(ctx, one, "hash-of-her-own"); err != nil || got.ID != u.ID {
				t.Fatalf("set by the link: %v %+v", err, got)
			}
			if _, hash, err := db.FindCredentials(ctx, regs[0].Email); err != nil || hash != "hash-of-her-own" {
				t.Errorf("the password after the link: %v %q", err, hash)
			}
			_, err = db.FindSession(ctx, strings.Repeat("a", 64))
			gone("the session after the password was set", err)
			_, err = db.SetPasswordByLink(ctx, one, "hash-of-someone-else")
			gone("a second use", err)
			_, err = db.FindPasswordLink(ctx, one)
			gone("a spent link", err)
			if _, hash, _ := db.FindCredentials(ctx, regs[0].Email); hash != "hash-of-her-own" {
				t.Errorf("the second use changed the password: %q", hash)
			}

			// Two uses at once: one sets the password.
			two := approve(regs[2])
			var wg sync.WaitGroup
			var won atomic.Int32
			for _, h := range []string{"hash-a", "hash-b"} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := db.SetPasswordByLink(ctx, two, h); err == nil {
						won.Add(1)
					} else if dagang.ErrorCode(err) != dagang.ENOTFOUND {
						t.Errorf("a use at once: %v", err)
					}
				}()
			}
			wg.Wait()
			if won.Load() != 1 {
				t.Errorf("two uses at once: %d set the password", won.Load())
			}

			// A link expires.
			three := approve(regs[1])
			clock.Add(int64(dagang.PasswordLinkTTL - time.Second))
			if _, err := db.FindPasswordLink(ctx, three); err != nil {
				t.Errorf("a second before it expires: %v", err)
			}
			clock.Add(int64(2 * time.Second))
			_, err = db.FindPasswordLink(ctx, three)
			gone("an expired link", err)
			_, err = db.SetPasswordByLink(ctx, three, "hash-too-late")
			gone("an expired link used", err)
			if _, hash, _ := db.FindCredentials(ctx, regs[1].Email); hash != "hash-nobody-knows" {
				t.Errorf("the expired link changed the password: %q", hash)
			}
		})
	}
}
