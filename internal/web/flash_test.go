package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// TestFlash: the page a save leads to says what the save did, once; a
// fragment htmx swaps in leaves the message for the next full page; the
// message is the session's own, not another user's.
func TestFlash(t *testing.T) {
	e := newPagesEnv(t)
	const flash = `id="flash"`
	status, h, body := e.do(t, dagang.UserStaff, "POST", "/events", url.Values{"name": {"Temu Bisnis Pesan"}, "kind": {"business_meeting"},
		"host_province_code": {"64"}, "starts_on": {"2021-05-02"}, "status": {"planned"}})
	if status != http.StatusSeeOther {
		t.Fatalf("create event: %d\n%.2000s", status, body)
	}
	next := h.Get("Location")
	if _, _, other := e.do(t, dagang.UserLeadership, "GET", "/events", nil); strings.Contains(other, flash) {
		t.Error("another user's page shows the staff's message")
	}
	// An htmx fragment does not take the message.
	req, _ := http.NewRequest("GET", e.srv.URL+"/events?q=pesan", nil)
	req.Header.Set("HX-Request", "true")
	res, err := e.clients[dagang.UserStaff].Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	_, _, page := e.do(t, dagang.UserStaff, "GET", next, nil)
	if !strings.Contains(page, flash) || !strings.Contains(page, "Kegiatan dicatat.") {
		t.Errorf("%s after the save lacks the message:\n%.2000s", next, page)
	}
	if _, _, again := e.do(t, dagang.UserStaff, "GET", next, nil); strings.Contains(again, flash) {
		t.Error("the message is shown a second time")
	}
	// In English after a change saved in English.
	status, h, _ = e.do(t, dagang.UserStaff, "POST", next+"?lang=en", url.Values{"name": {"Temu Bisnis Pesan 2"}, "kind": {"business_meeting"},
		"host_province_code": {"64"}, "starts_on": {"2021-05-02"}, "status": {"planned"}})
	if status != http.StatusSeeOther {
		t.Fatalf("edit event: %d", status)
	}
	if _, _, page := e.do(t, dagang.UserStaff, "GET", h.Get("Location")+"?lang=en", nil); !strings.Contains(page, "Changes saved.") {
		t.Errorf("English page after an edit lacks %q", "Changes saved.")
	}
}
