package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/web"
)

// clock is a settable time for session expiry tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func noRedirect() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
func credential(role dagang.UserRole) demo.Credential {
	for _, c := range demo.Users {
		if c.Role == role {
			return c
		}
	}
	panic("no demo user " + role)
}

func postLogin(t *testing.T, c *http.Client, base, email, password string) (*http.Response, string) {
	t.Helper()
	res, err := c.PostForm(base+"/login", url.Values{"email": {email}, "password": {password}, "next": {"/deals?x=1"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return res, string(b)
}

func sessionCookie(res *http.Response) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == "dagang_session" {
			return c
		}
	}
	return nil
}

func TestLoginFlow(t *testing.T) {
	e := newDemoEnv(t, func(c *web.Config) { c.SecureCookies = true })
	staff := credential(dagang.UserStaff)
	c := noRedirect()

	// Anonymous: pages redirect to the login page, the API answers 401 JSON.
	res, err := c.Get(e.srv.URL + "/?year=2019")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next=%2F%3Fyear%3D2019" {
		t.Errorf("anonymous page: %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	res, _ = c.Get(e.srv.URL + "/api/v1/businesses")
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 401 || !strings.Contains(string(b), `"code": "unauthorized"`) {
		t.Errorf("anonymous API: %d %s", res.StatusCode, b)
	}

	// The login page, in both languages.
	for lang, want := range map[string]string{"": "Kata sandi", "?lang=en": "Password"} {
		res, _ = c.Get(e.srv.URL + "/login" + lang)
		b, _ = io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("login page %q: %d, lacks %q", lang, res.StatusCode, want)
		}
	}

	// Wrong password: 401 with an Indonesian message, no session.
	res, body := postLogin(t, c, e.srv.URL, staff.Email, "salah-sekali")
	if res.StatusCode != 401 || !strings.Contains(body, "Email atau kata sandi salah") || sessionCookie(res) != nil {
		t.Errorf("wrong password: %d, cookie %v", res.StatusCode, sessionCookie(res))
	}
	// Unknown e-mail: the same answer.
	res, body = postLogin(t, c, e.srv.URL, "siapa@demo.dagang.test", "salah-sekali")
	if res.StatusCode != 401 || !strings.Contains(body, "Email atau kata sandi salah") {
		t.Errorf("unknown e-mail: %d", res.StatusCode)
	}

	// A planted session id is replaced at login.
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(e.srv.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: "dagang_session", Value: "planted"}})
	c.Jar = jar
	res, _ = postLogin(t, c, e.srv.URL, strings.ToUpper(staff.Email), staff.Password)
	sc := sessionCookie(res)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/deals?x=1" || sc == nil {
		t.Fatalf("login: %d → %q, cookie %v", res.StatusCode, res.Header.Get("Location"), sc)
	}
	if sc.Value == "planted" || !sc.HttpOnly || !sc.Secure || sc.SameSite != http.SameSiteLaxMode || sc.MaxAge != 12*3600 {
		t.Errorf("session cookie %+v: want a new HttpOnly, Secure, SameSite=Lax cookie for 12 h", sc)
	}
	jar.SetCookies(u, []*http.Cookie{sc})
	res, _ = c.Get(e.srv.URL + "/api/v1/businesses?limit=1")
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("after login: %d", res.StatusCode)
	}
	// Logged in, the login page sends you on.
	res, _ = c.Get(e.srv.URL + "/login?next=/api/v1/events")
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/api/v1/events" {
		t.Errorf("login page when logged in: %d → %q", res.StatusCode, res.Header.Get("Location"))
	}

	// Redirects after login stay on this site.
	for _, next := range []string{"//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		res, err := noRedirect().PostForm(e.srv.URL+"/login", url.Values{"email": {staff.Email}, "password": {staff.Password}, "next": {next}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if loc := res.Header.Get("Location"); loc != "/" {
			t.Errorf("next=%q redirected to %q, want /", next, loc)
		}
	}
	// A cross-site POST is refused before it reaches the handler.
	req, _ := http.NewRequest("POST", e.srv.URL+"/login", strings.NewReader(url.Values{"email": {staff.Email}, "password": {staff.Password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err = noRedirect().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 403 || !strings.Contains(string(b), "lintas situs") || sessionCookie(res) != nil {
		t.Errorf("cross-site POST: %d %s", res.StatusCode, b)
	}

	// Logout ends the session server-side: the old cookie is worthless.
	res, _ = c.Post(e.srv.URL+"/logout", "", nil)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
		t.Errorf("logout: %d → %q", res.StatusCode, res.Header.Get("Location"))
	}
	replay := noRedirect()
	req, _ = http.NewRequest("GET", e.srv.URL+"/api/v1/businesses", nil)
	req.AddCookie(sc)
	res, _ = replay.Do(req)
	res.Body.Close()
	if res.StatusCode != 401 {
		t.Errorf("old session after logout: %d, want 401", res.StatusCode)
	}
}

func TestLoginRateLimit(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := credential(dagang.UserStaff)
	c := noRedirect()
	for i := range 5 {
		if res, _ := postLogin(t, c, e.srv.URL, staff.Email, "salah"); res.StatusCode != 401 {
			t.Fatalf("attempt %d: %d, want 401", i+1, res.StatusCode)
		}
	}
	// The sixth attempt is refused even with the right password.
	res, body := postLogin(t, c, e.srv.URL, staff.Email, staff.Password)
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 15 menit.") || res.Header.Get("Retry-After") == "" {
		t.Errorf("after 5 failures: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	// Another account from the same address still may log in.
	admin := credential(dagang.UserAdmin)
	if res, _ := postLogin(t, c, e.srv.URL, admin.Email, admin.Password); res.StatusCode != http.StatusSeeOther {
		t.Errorf("other account: %d", res.StatusCode)
	}
	// Twenty failures from one address block every account from it.
	for i := range 15 {
		postLogin(t, c, e.srv.URL, "orang"+string(rune('a'+i))+"@demo.dagang.test", "salah")
	}
	if res, _ := postLogin(t, c, e.srv.URL, admin.Email, admin.Password); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after 20 failures from one address: %d, want 429", res.StatusCode)
	}
}

// forwardedFor is a client behind a reverse proxy on the same host: every
// request reaches the server from 127.0.0.1 with the client's address in
// X-Forwarded-For.
type forwardedFor string

func (f forwardedFor) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("X-Forwarded-For", string(f))
	return http.DefaultTransport.RoundTrip(r)
}

// Behind a trusted proxy each client has its own per-address limit; without
// the setting every client shares the proxy's.
func TestLoginRateLimitBehindProxy(t *testing.T) {
	admin := credential(dagang.UserAdmin)
	client := func(addr string) *http.Client {
		c := noRedirect()
		c.Transport = forwardedFor(addr)
		return c
	}
	fail20 := func(url string, c *http.Client) {
		for i := range 20 {
			postLogin(t, c, url, "orang"+string(rune('a'+i))+"@demo.dagang.test", "salah")
		}
	}
	trusted, err := web.ParseTrustedProxies("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	e := newDemoEnv(t, func(c *web.Config) { c.TrustedProxies = trusted })
	fail20(e.srv.URL, client("203.0.113.5"))
	if res, _ := postLogin(t, client("203.0.113.5"), e.srv.URL, admin.Email, admin.Password); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the failing client after 20 failures: %d, want 429", res.StatusCode)
	}
	// A client cannot escape its limit by writing another address first.
	if res, _ := postLogin(t, client("192.0.2.1, 203.0.113.5"), e.srv.URL, admin.Email, admin.Password); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the failing client with a forged address before its own: %d, want 429", res.StatusCode)
	}
	if res, _ := postLogin(t, client("203.0.113.6"), e.srv.URL, admin.Email, admin.Password); res.StatusCode != http.StatusSeeOther {
		t.Errorf("another client behind the same proxy: %d, want 303", res.StatusCode)
	}

	// Untrusted, the header changes nothing: both clients are 127.0.0.1.
	e = newDemoEnv(t, nil)
	fail20(e.srv.URL, client("203.0.113.5"))
	if res, _ := postLogin(t, client("203.0.113.6"), e.srv.URL, admin.Email, admin.Password); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("untrusted header, another client: %d, want 429", res.StatusCode)
	}
}

func TestSessionExpiry(t *testing.T) {
	clk := &clock{t: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)}
	e := newDemoEnv(t, func(c *web.Config) { c.Now = clk.now })
	get := func(c *http.Client) int {
		res, err := c.Get(e.srv.URL + "/api/v1/targets")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	// Idle: 2 h without a request ends the session.
	c := login(t, e.srv, dagang.UserStaff)
	clk.add(119 * time.Minute)
	if s := get(c); s != 200 {
		t.Errorf("after 1 h 59 min idle: %d", s)
	}
	clk.add(121 * time.Minute)
	if s := get(c); s != 401 {
		t.Errorf("after 2 h 1 min idle: %d, want 401", s)
	}
	// Absolute: 12 h after login, however busy.
	c = login(t, e.srv, dagang.UserStaff)
	for range 11 {
		clk.add(time.Hour)
		if s := get(c); s != 200 {
			t.Fatalf("busy session: %d", s)
		}
	}
	clk.add(time.Hour)
	if s := get(c); s != 401 {
		t.Errorf("12 h after login: %d, want 401", s)
	}
}

func TestBearerToken(t *testing.T) {
	e := newDemoEnv(t, nil)
	ctx := context.Background()
	u, _, err := e.db.FindCredentials(ctx, credential(dagang.UserLeadership).Email)
	if err != nil {
		t.Fatal(err)
	}
	secret := auth.NewSecret("dgt_")
	if err := e.db.CreateAPIToken(ctx, &dagang.APIToken{UserID: u.ID, Name: "tes", Hash: auth.HashSecret(secret)}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, header string
		want         int
		contains     string
	}{
		{"valid token", "Bearer " + secret, 200, `"total"`},
		{"unknown token", "Bearer dgt_tidakada", 401, "token API tidak dikenal"},
		{"not bearer", "Basic eDp5", 401, "Bearer"},
		{"empty bearer", "Bearer ", 401, "Bearer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", e.srv.URL+"/api/v1/agreements", nil)
			req.Header.Set("Authorization", tt.header)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tt.want || !strings.Contains(string(b), tt.contains) {
				t.Errorf("status %d, want %d; body %s", res.StatusCode, tt.want, b)
			}
		})
	}
}
