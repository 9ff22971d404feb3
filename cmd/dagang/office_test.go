package main

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// TestOfficeAddServesEveryOffice adds a second office with its first admin
// to the demo database, on both stores: one server then serves both
// offices, each user sees their own office's name and none of the other's
// businesses, and a second office with the default name of the same
// province is refused.
func TestOfficeAddServesEveryOffice(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			dsn := newDemoDBOn(t, backend)
			const password = "Kaltim-Sandi-2026"
			var out, errOut syncBuffer
			err := run(ctx, []string{"office", "add", "--db", dsn, "--home", "64", "--admin-email", "Admin@Kaltim.example", "--password-stdin"},
				func(string) string { return "" }, strings.NewReader(password+"\n"), &out, &errOut)
			if err != nil {
				t.Fatalf("office add: %v\n%s", err, errOut.String())
			}
			for _, want := range []string{"Dinas Perdagangan Provinsi Kalimantan Timur", "admin@kaltim.example", "/login", "dagang serve"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("office add says %q, without %q", out.String(), want)
				}
			}
			if _, err := runCmd(t, ctx, nil, "office", "add", "--db", dsn, "--home", "64", "--admin-email", "lain@kaltim.example"); err == nil || !strings.Contains(err.Error(), "--name") && !strings.Contains(err.Error(), "nama sendiri") {
				t.Errorf("a second office with the default name of province 64: %v, want a refusal that asks for a name", err)
			}
			if _, err := runCmd(t, ctx, nil, "office", "add", "--db", dsn, "--home", "64", "--name", "Dinas Perdagangan Kota Samarinda", "--admin-email", "staf@demo.dagang.test"); err == nil || !strings.Contains(err.Error(), "email") {
				t.Errorf("an admin with an e-mail of another office: %v, want a refusal naming the e-mail", err)
			}
			list, err := runCmd(t, ctx, nil, "office", "list", "--db", dsn)
			if err != nil || strings.Contains(list, "Samarinda") || !strings.Contains(list, "Kalimantan Timur") {
				t.Errorf("office list after a refused add: %v\n%s", err, list)
			}

			addr, stop := startInProcess(t, nil, io.Discard, io.Discard, "serve", "--db", dsn, "--addr", "127.0.0.1:0")
			base := "http://" + addr
			for _, c := range []struct{ email, password, office, other string }{
				{"admin@kaltim.example", password, "Dinas Perdagangan Provinsi Kalimantan Timur", "Kemiri Banua"},
				{"staf@demo.dagang.test", "demo-staf-2019", "Dinas Perdagangan Provinsi Kalimantan Selatan", "Kalimantan Timur</span>"},
			} {
				jar, _ := cookiejar.New(nil)
				cl := &http.Client{Jar: jar}
				res, err := cl.PostForm(base+"/login", url.Values{"email": {c.email}, "password": {c.password}})
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.Request.URL.Path != "/" {
					t.Fatalf("%s: login ends at %s, want /", c.email, res.Request.URL)
				}
				for _, path := range []string{"/", "/businesses"} {
					res, err := cl.Get(base + path)
					if err != nil {
						t.Fatal(err)
					}
					b, _ := io.ReadAll(res.Body)
					res.Body.Close()
					page := string(b)
					if res.StatusCode != http.StatusOK || !strings.Contains(page, `<span class="office">`+c.office+`</span>`) {
						t.Errorf("%s %s: status %d, header without %q", c.email, path, res.StatusCode, c.office)
					}
					if strings.Contains(page, c.other) {
						t.Errorf("%s %s shows %q of the other office", c.email, path, c.other)
					}
				}
			}
			if err := stop(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
