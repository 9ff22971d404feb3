package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestDemoOpenCall: `dagang demo` re-enacts its 2019 story and says so;
// on its server the 2019 mission to Kaltim takes applications on
// /terbuka (the office's day is the story's, whatever the date today),
// its form is reachable and a visitor applies. What the demo prints as
// next steps works when pasted: the addresses it names answer, and the
// commands of `--no-serve` run, the serve command on the story's day too.
func TestDemoOpenCall(t *testing.T) {
	dir := t.TempDir()
	var out syncBuffer
	addr, _ := startInProcess(t, nil, &out, &syncBuffer{}, "demo", "--db", filepath.Join(dir, "demo.db"), "--replace", "--addr", "127.0.0.1:0")
	base := "http://" + addr
	printed := out.String()
	for _, want := range []string{"memerankan ulang cerita 2019", "3 Juni 2019", "re-enacts the 2019 story", "3 June 2019", "10 Juni 2019", base + "/terbuka "} {
		if !strings.Contains(printed, want) {
			t.Errorf("the demo's banner lacks %q:\n%s", want, printed)
		}
	}
	anon := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	// Every address the demo tells to open answers: a page, or the login
	// that leads to it.
	urls := regexp.MustCompile(`(?m)^  (http://\S+)`).FindAllStringSubmatch(printed, -1)
	if len(urls) < 2 {
		t.Fatalf("no addresses to open in:\n%s", printed)
	}
	for _, u := range urls {
		code, _ := fetch(t, anon, u[1])
		if code != http.StatusOK && code != http.StatusSeeOther {
			t.Errorf("%s: %d", u[1], code)
		}
	}

	mission := openMission(t, anon, base)
	page := base + "/daftar?event=" + mission
	code, form := fetch(t, anon, page)
	token := regexp.MustCompile(`name="form_token" value="([^"]+)"`).FindStringSubmatch(form)
	if code != http.StatusOK || token == nil || !strings.Contains(form, "Kirim pendaftaran") {
		t.Fatalf("%s: %d, no form to apply with", page, code)
	}
	// A person takes a few seconds to fill the form (the public-form
	// guard refuses a post sent sooner).
	time.Sleep(3500 * time.Millisecond)
	res, err := anon.PostForm(base+"/daftar", url.Values{"form_token": {token[1]}, "event_id": {mission}, "role": {"matching"},
		"name": {"UD Telur Martapura Baru"}, "regency_code": {"63.03"}, "size_class": {"mikro"},
		"products[0].commodity_id": {"telur"}, "products[0].monthly_capacity": {"5000"}, "products[0].unit": {"kg"},
		"contact_name": {"Ibu Rahmah"}, "email": {"rahmah@telur.example"}, "whatsapp": {"0812-5100-2233"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/daftar/terkirim") {
		t.Fatalf("apply on the demo: %d %s\n%.3000s", res.StatusCode, res.Header.Get("Location"), body)
	}

	// Without a server, the demo prints the commands that use it; each
	// runs as printed, in a folder of the test's (the agenda's PDF is
	// written there).
	t.Chdir(dir)
	ctx := context.Background()
	printed, err = runCmd(t, ctx, nil, "demo", "--db", filepath.Join(dir, "later.db"), "--no-serve")
	if err != nil {
		t.Fatal(err)
	}
	cmds := regexp.MustCompile(`(?m): dagang (.+)$`).FindAllStringSubmatch(printed, -1)
	var serveArgs []string
	for _, c := range cmds {
		args := strings.Fields(c[1])
		if args[0] == "serve" {
			serveArgs = append(args, "--addr", "127.0.0.1:0")
			continue
		}
		if _, err := runCmd(t, ctx, nil, args...); err != nil {
			t.Errorf("dagang %s: %v", c[1], err)
		}
	}
	if serveArgs == nil || !strings.Contains(strings.Join(serveArgs, " "), "--today 2019-06-03") {
		t.Fatalf("no serve command on the story's day in:\n%s", printed)
	}
	addr, _ = startInProcess(t, nil, &syncBuffer{}, &syncBuffer{}, serveArgs...)
	openMission(t, anon, "http://"+addr)
}

// openMission finds the 2019 mission on /terbuka, taking applications,
// and returns its id.
func openMission(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	code, page := fetch(t, c, base+"/terbuka")
	m := regexp.MustCompile(`href="/daftar\?event=(\d+)"`).FindStringSubmatch(page)
	if code != http.StatusOK || !strings.Contains(page, "Kalimantan Timur 2019") || m == nil || strings.Contains(page, "pendaftaran sudah ditutup") {
		t.Fatalf("%s/terbuka: %d, the 2019 mission is not open\n%.3000s", base, code, page)
	}
	if _, err := strconv.ParseInt(m[1], 10, 64); err != nil {
		t.Fatal(err)
	}
	return m[1]
}

func fetch(t *testing.T, c *http.Client, u string) (int, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
