package web

import (
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
)

// dummyHash is verified when the e-mail is unknown, so that the answer
// takes as long as for a wrong password and does not reveal which e-mails
// have accounts. It is computed at the first unknown e-mail, not at
// start: an argon2id hash takes 46 MiB and tens of milliseconds, which
// every dagang command (and every test binary) would otherwise pay.
var dummyHash = sync.OnceValue(func() string {
	h, _ := auth.HashPassword("dagang-dummy-password", auth.DefaultParams)
	return h
})

type loginPage struct {
	Next    string
	Email   string
	Message string
	Guard   guardView
}

// loginForm guards the login form: sizes and the honeypot. Its limits
// are its own (per account and address, a success given back), and it
// has no form token: a password manager may fill and send it at once, and
// scripts log in with the form too; a login writes nothing but its
// session.
var loginForm = publicForm{name: "login", maxBody: 16 << 10, fieldMax: map[string]int{"email": 254, "password": 1024, "next": 2048}}

// safeNext keeps a redirect target on this site: a path, never "//host".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return "/"
	}
	return next
}

func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) error {
	next := safeNext(r.URL.Query().Get("next"))
	if dagang.UserFromContext(r.Context()) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	// A link may name the account (after its password was set).
	email := r.URL.Query().Get("email")
	if len(email) > 254 {
		email = ""
	}
	s.renderPage(w, r, http.StatusOK, "login", loginPage{Next: next, Email: email})
	return nil
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) error {
	f, err := s.readPublicForm(w, r, loginForm, nil)
	if err != nil {
		if f == nil {
			return err
		}
		page := loginPage{Next: safeNext(f.Values.Get("next")), Message: refusalText(err, f.lang)}
		s.renderPage(w, r, statusOf[dagang.ErrorCode(err)], "login", page)
		return nil
	}
	en := langOf(r) == "en"
	msg := func(id, english string) string {
		if en {
			return english
		}
		return id
	}
	email := strings.ToLower(strings.TrimSpace(r.PostForm.Get("email")))
	password := r.PostForm.Get("password")
	page := loginPage{Next: safeNext(r.PostForm.Get("next")), Email: email}
	// Every attempt takes a hit of its address and of its account before
	// the password is checked, in one step each: parallel guesses cannot
	// slip past the limit.
	now := s.cfg.Now()
	buckets, wait, err := s.takeHits(r.Context(), now, hit{loginPerAddress, clientAddress(r)}, hit{loginPerAccount, email})
	if err != nil {
		return err
	}
	if wait > 0 {
		page.Message = dagang.ErrorMessage(tooMany(w, wait, "error.rate.login", time.Minute), langOf(r))
		s.renderPage(w, r, http.StatusTooManyRequests, "login", page)
		return nil
	}
	u, hash, err := s.sessions.FindCredentials(r.Context(), email)
	if err != nil && dagang.ErrorCode(err) != dagang.ENOTFOUND {
		return err
	}
	if err != nil {
		hash = dummyHash()
	}
	// A password check (argon2id: tens of milliseconds and 46 MiB) waits
	// for one of half the processors: a flood of logins from many
	// addresses, each still within its limit, slows logins but leaves the
	// office's pages their share of the machine.
	select {
	case s.verifying <- struct{}{}:
	case <-r.Context().Done():
		return r.Context().Err()
	}
	ok, verr := auth.VerifyPassword(password, hash)
	<-s.verifying
	if verr != nil {
		s.log.ErrorContext(r.Context(), "stored password hash is malformed", "user", email)
	}
	if err != nil || !ok {
		page.Message = msg("Email atau kata sandi salah.", "Wrong e-mail or password.")
		s.renderPage(w, r, http.StatusUnauthorized, "login", page)
		return nil
	}
	if err := s.limits.RateForget(r.Context(), buckets[1]); err != nil {
		return err
	}
	if err := s.limits.RateRefund(r.Context(), buckets[0], now); err != nil {
		return err
	}
	if err := s.sessions.DeleteExpiredSessions(r.Context(), now.Add(-s.cfg.SessionIdle), now); err != nil {
		return err
	}
	if err := s.startSession(r.Context(), w, r, u); err != nil {
		return err
	}
	s.log.InfoContext(r.Context(), "login", "user_id", u.ID, "role", u.Role)
	http.Redirect(w, r, page.Next, http.StatusSeeOther)
	return nil
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.sessions.DeleteSession(r.Context(), auth.HashSecret(c.Value)); err != nil {
			return err
		}
	}
	s.clearSessionCookie(w, r)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}
