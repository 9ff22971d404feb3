package main

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dagang/dagang/internal/pgtest"
)

// TestSecretsNeverLogged runs the server as an operator would, with its
// structured log captured at debug level: a login with a password, a
// failed login, a request with an API token, and databases named by a DSN
// with a password (unreachable, and when DAGANG_TEST_POSTGRES is set a real
// PostgreSQL). No password, session id or token appears in the log, the
// console or an error.
func TestSecretsNeverLogged(t *testing.T) {
	const (
		password  = "Rahasia-Sekali-77"
		wrongPass = "Salah-Sandi-Sekali-88"
		dbPass    = "DbSandi-Rahasia-99"
	)
	ctx := context.Background()
	env := map[string]string{"DAGANG_DEBUG": "1"}
	getenv := func(k string) string { return env[k] }
	var secrets []string
	check := func(what, text string) {
		t.Helper()
		for _, s := range secrets {
			if s != "" && strings.Contains(text, s) {
				t.Errorf("%s shows the secret %q:\n%.2000s", what, s, text)
			}
		}
	}
	secrets = append(secrets, password, wrongPass, dbPass)

	// A DSN with a password that cannot be reached: the error says so
	// without the password.
	for _, args := range [][]string{
		{"serve", "--addr", "127.0.0.1:0"},
		{"migrate"},
	} {
		var out, errOut syncBuffer
		dsn := "postgres://dagang:" + dbPass + "@127.0.0.1:1/dagang?sslmode=disable&connect_timeout=2"
		err := run(ctx, append(args, "--db", dsn), getenv, strings.NewReader(""), &out, &errOut)
		if err == nil {
			t.Fatalf("%s against an unreachable database: no error", args[0])
		}
		check(args[0]+" error", err.Error())
		check(args[0]+" console", out.String()+errOut.String())
	}

	db := filepath.Join(t.TempDir(), "rahasia.db")
	if os.Getenv(pgtest.Env) != "" {
		var pass string
		db, pass = pgWithPassword(t, dbPass)
		secrets = append(secrets, pass)
	}
	if _, err := runCmd(t, ctx, nil, "demo", "--no-serve", "--db", db); err != nil {
		t.Fatal(err)
	}
	var uout, uerr syncBuffer
	if err := run(ctx, []string{"user", "add", "--db", db, "--email", "staf@kalsel.test", "--name", "Staf", "--role", "staff", "--password-stdin"},
		getenv, strings.NewReader(password+"\n"), &uout, &uerr); err != nil {
		t.Fatal(err)
	}
	check("user add", uout.String()+uerr.String())

	var out, logs syncBuffer
	addr, stop := startInProcess(t, getenv, &out, &logs, "serve", "--db", db, "--addr", "127.0.0.1:0")
	addr = "http://" + addr
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(pass string) *http.Response {
		res, err := c.PostForm(addr+"/login", url.Values{"email": {"staf@kalsel.test"}, "password": {pass}, "next": {"/"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	if res := post(wrongPass); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", res.StatusCode)
	}
	res := post(password)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", res.StatusCode)
	}
	for _, ck := range res.Cookies() {
		secrets = append(secrets, ck.Value)
	}
	if res, err := c.Get(addr + "/deals?q=beras"); err != nil || res.StatusCode != 200 {
		t.Fatalf("page after login: %v %v", res, err)
	}
	tok, err := runCmd(t, ctx, nil, "token", "create", "--db", db, "--email", "staf@kalsel.test")
	if err != nil {
		t.Fatal(err)
	}
	token := regexp.MustCompile(`dgt_[A-Za-z0-9_-]{43}`).FindString(tok)
	if token == "" {
		t.Fatalf("no token in %q", tok)
	}
	secrets = append(secrets, token)
	for _, h := range []string{"Bearer " + token, "Bearer " + token + "x"} {
		req, _ := http.NewRequest("GET", addr+"/api/v1/deals?limit=1", nil)
		req.Header.Set("Authorization", h)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	// Logging out, then replaying the old session.
	res, err = c.Post(addr+"/logout", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if err := stop(); err != nil {
		t.Errorf("serve: %v", err)
	}
	if !strings.Contains(logs.String(), "msg=request") || !strings.Contains(logs.String(), "request_id=") {
		t.Errorf("the log has no request lines with request ids:\n%.1000s", logs.String())
	}
	check("server log", logs.String())
	check("server console", out.String())
}

// pgWithPassword returns the address of a fresh schema with a password in
// it, and that password: the server's own when its address has one (a
// server that checks passwords needs it), else pass (a trust-auth server
// ignores it).
func pgWithPassword(t *testing.T, pass string) (string, string) {
	t.Helper()
	u, err := url.Parse(pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	if own, ok := u.User.Password(); ok && own != "" {
		return u.String(), own
	}
	name := "postgres"
	if u.User != nil {
		name = u.User.Username()
	}
	u.User = url.UserPassword(name, pass)
	return u.String(), pass
}
