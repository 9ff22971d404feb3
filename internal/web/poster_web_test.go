package web_test

import (
	"bytes"
	"image/png"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// The open call's poster and square image are served beside its public
// page while it takes applications, and missing for any other event; the
// staff's page of the event offers them with the WhatsApp message.
func TestPosters(t *testing.T) {
	e := newOpenCallEnv(t, "sqlite")
	mission := e.story.Mission2019
	anon := &http.Client{}
	get := func(path string) (int, string, []byte) {
		t.Helper()
		res, err := anon.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Content-Type"), b
	}
	open := "/terbuka/" + strconv.FormatInt(mission.ID, 10)
	for _, lang := range []string{"", "?lang=en"} {
		code, ctype, body := get(open + "/poster.pdf" + lang)
		if code != http.StatusOK || ctype != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF-")) {
			t.Errorf("poster.pdf%s: %d %s %.20q", lang, code, ctype, body)
		}
		code, ctype, body = get(open + "/poster.png" + lang)
		if code != http.StatusOK || ctype != "image/png" {
			t.Fatalf("poster.png%s: %d %s", lang, code, ctype)
		}
		img, err := png.Decode(bytes.NewReader(body))
		if err != nil || img.Bounds().Dx() != 1080 || img.Bounds().Dy() != 1080 {
			t.Errorf("poster.png%s: %v, %v", lang, err, img.Bounds())
		}
	}
	// Past events do not take applications; unknown ids are missing.
	for _, ev := range e.story.Events {
		for _, kind := range []string{"pdf", "png"} {
			if code, _, _ := get("/terbuka/" + strconv.FormatInt(ev.ID, 10) + "/poster." + kind); code != http.StatusNotFound {
				t.Errorf("poster.%s of %s event %d: %d, want 404", kind, ev.Status, ev.ID, code)
			}
		}
	}
	for _, id := range []string{"999999", "0", "x"} {
		if code, _, _ := get("/terbuka/" + id + "/poster.pdf"); code != http.StatusNotFound && code != http.StatusBadRequest {
			t.Errorf("poster.pdf of %q: %d", id, code)
		}
	}

	staff := login(t, e.srv, dagang.UserStaff)
	page := func(c *http.Client, id int64) string {
		t.Helper()
		res, err := c.Get(e.srv.URL + "/events/" + strconv.FormatInt(id, 10))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("event %d: %d", id, res.StatusCode)
		}
		return string(b)
	}
	p := page(staff, mission.ID)
	for _, want := range []string{`id="announce"`, `href="https://wa.me/?text=`, `href="` + open + `/poster.pdf"`, `href="` + open + `/poster.png"`,
		"*Misi Dagang: " + mission.Name + "*", e.srv.URL + open} {
		if !strings.Contains(p, want) {
			t.Errorf("staff's page of the open mission: no %q", want)
		}
	}
	if p := page(staff, e.story.Events[0].ID); strings.Contains(p, `id="announce"`) {
		t.Error("a past event's page offers an announcement")
	}
	if p := page(login(t, e.srv, dagang.UserBusiness), mission.ID); strings.Contains(p, `id="announce"`) {
		t.Error("a business user sees the office's announcement")
	}
}
