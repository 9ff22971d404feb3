package web

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
)

// sessionCookie holds the session secret; the database keeps its hash.
const sessionCookie = "dagang_session"

// Session lifetimes when the configuration leaves them zero: a session
// ends after two idle hours, and in any case twelve hours (one working
// day) after login.
const (
	defaultSessionIdle = 2 * time.Hour
	defaultSessionMax  = 12 * time.Hour
	// touchEvery bounds the writes that record activity on a session.
	touchEvery = time.Minute
)

// identify finds the acting user from the session cookie or an
// Authorization: Bearer token and puts it in the request's context. A
// request without credentials goes on anonymously; a bad token is refused
// at once (a script should learn its token is wrong, not get a login page).
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/favicon.ico" || r.URL.Path == "/healthz" {
			// Public and frequent: no database lookups for the session.
			next.ServeHTTP(w, r.WithContext(dagang.NewContextWithUser(r.Context(), nil)))
			return
		}
		u, sess, err := s.authenticate(w, r)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		ctx := dagang.NewContextWithUser(r.Context(), u)
		if u != nil {
			// Signed in: anonymous posts wait while these keep every
			// processor busy (lane.go).
			defer s.lane.staffIn()()
		}
		if sess != nil {
			ctx = context.WithValue(ctx, sessionKey{}, sess)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// sessionKey holds the request's browser session in its context (none for
// a token or an anonymous request): flash messages live on it.
type sessionKey struct{}

// authenticate returns the acting user, and its session when it came with
// a session cookie.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (*dagang.User, *dagang.Session, error) {
	ctx := r.Context()
	now := s.cfg.Now()
	if h := r.Header.Get("Authorization"); h != "" {
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || strings.TrimSpace(secret) == "" {
			return nil, nil, dagang.Errorf(dagang.EUNAUTHORIZED, "header Authorization harus berbentuk 'Bearer <token>'", "the Authorization header must be 'Bearer <token>'")
		}
		t, err := s.sessions.FindAPIToken(ctx, auth.HashSecret(strings.TrimSpace(secret)), now)
		if dagang.ErrorCode(err) == dagang.ENOTFOUND {
			return nil, nil, dagang.Errorf(dagang.EUNAUTHORIZED, "token API tidak dikenal atau sudah dicabut", "unknown or revoked API token")
		}
		if err != nil {
			return nil, nil, err
		}
		u, err := s.accountOf(ctx, t.UserID)
		return u, nil, err
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil, nil
	}
	id := auth.HashSecret(c.Value)
	sess, err := s.sessions.FindSession(ctx, id)
	if dagang.ErrorCode(err) == dagang.ENOTFOUND {
		s.clearSessionCookie(w, r)
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if !now.Before(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) > s.cfg.SessionIdle {
		s.clearSessionCookie(w, r)
		return nil, nil, s.sessions.DeleteSession(ctx, id)
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		if err := s.sessions.TouchSession(ctx, id, now); err != nil {
			return nil, nil, err
		}
	}
	u, err := s.accountOf(ctx, sess.UserID)
	if u == nil {
		sess = nil
	}
	return u, sess, err
}

// accountOf returns the user of a session or token, of whichever office
// of the deployment; nil (anonymous) when the account is gone.
func (s *Server) accountOf(ctx context.Context, id int64) (*dagang.User, error) {
	u, err := s.sessions.FindUserByID(ctx, id)
	if dagang.ErrorCode(err) == dagang.ENOTFOUND {
		return nil, nil
	}
	return u, err
}

// startSession logs u in: it ends the session the browser had (so the id
// changes at login and a planted id is useless) and sets a new cookie.
func (s *Server) startSession(ctx context.Context, w http.ResponseWriter, r *http.Request, u *dagang.User) error {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := s.sessions.DeleteSession(ctx, auth.HashSecret(c.Value)); err != nil {
			return err
		}
	}
	now := s.cfg.Now()
	secret := auth.NewSecret("")
	sess := &dagang.Session{ID: auth.HashSecret(secret), UserID: u.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(s.cfg.SessionMax)}
	if err := s.sessions.CreateSession(ctx, sess); err != nil {
		return err
	}
	// Drop a clearing cookie set earlier in this response (identify clears
	// an unknown session id) so the browser sees only the new one.
	h := w.Header()
	kept := h.Values("Set-Cookie")[:0:0]
	for _, v := range h.Values("Set-Cookie") {
		if !strings.HasPrefix(v, sessionCookie+"=") {
			kept = append(kept, v)
		}
	}
	h["Set-Cookie"] = kept
	http.SetCookie(w, s.cookie(r, secret, int(s.cfg.SessionMax/time.Second)))
	return nil
}

func (s *Server) clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, s.cookie(r, "", -1))
}

// cookie returns the session cookie: HttpOnly, SameSite=Lax, and Secure
// when the server is configured for TLS or the request came over TLS.
func (s *Server) cookie(r *http.Request, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: sessionCookie, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.cfg.SecureCookies || r.TLS != nil}
}

// clientIP is the remote address of the request: the connection's, or,
// behind a trusted proxy (Config.TrustedProxies, proxy.go), the client's
// address it reports. An untrusted X-Forwarded-For is never believed.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
