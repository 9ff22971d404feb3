package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/dagang/dagang"
)

// TestOfflineEventDay plays the venue's network dropping on a 390 px
// phone: staff load the event-day pages (check-in and deal entry) while
// the network is up; it goes down, for the page and for its service
// worker; staff open the pages again from the phone, record three deals
// and a check-in, and the page says 4 are waiting to be sent, while the
// server has received none. The network returns: everything is sent, each
// deal is stored exactly once, the page says nothing is waiting, and
// sending one of the deals again under its key answers the first answer
// and stores nothing.
func TestOfflineEventDay(t *testing.T) {
	needChromium(t)
	e := newDemoEnv(t, nil)
	ctx := context.Background()
	s := e.story
	mission := s.Mission2019
	venue := &venueLog{h: e.srv.Config.Handler}
	srv := httptest.NewServer(venue)
	t.Cleanup(srv.Close)
	b := startBrowser(t, srv.URL)
	day := &phoneDay{b: b, t: t}
	staff := day.person(dagang.UserStaff)
	deals := func() []*dagang.Deal {
		t.Helper()
		ds, _, err := e.db.FindDeals(ctx, dagang.DealFilter{OfficeID: s.Office.ID, EventID: mission.ID})
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	checkins := func() int {
		t.Helper()
		cs, err := e.db.FindCheckins(ctx, mission.ID)
		if err != nil {
			t.Fatal(err)
		}
		return len(cs)
	}
	before := len(deals())
	var arrive int64
	ps, _, err := e.db.FindParticipations(ctx, dagang.ParticipationFilter{EventID: mission.ID, BusinessID: s.Businesses["d1"].ID})
	if err != nil || len(ps) != 1 {
		t.Fatalf("the rice producer's participation: %v %v", ps, err)
	}
	arrive = ps[0].ID

	// The day's pages, loaded while the network is up, are kept on the
	// phone by the service worker.
	checkinPage := fmt.Sprintf("/events/%d/checkin", mission.ID)
	dealPage := fmt.Sprintf("/deals/new?event_id=%d", mission.ID)
	for _, p := range []string{checkinPage, dealPage} {
		staff.open(p)
		if !get(t, b, staff.ctx, "keep "+p+" on the phone", chromedp.Evaluate[bool](`(async () => {
			for (let i = 0; i < 200; i++) {
				if (navigator.serviceWorker.controller && await caches.match(location.pathname + location.search)) return true;
				await new Promise(ok => setTimeout(ok, 100));
			}
			return false;
		})()`, chromedp.EvalAwaitPromise)) {
			t.Fatalf("%s is not kept on the phone after 20 s", p)
		}
	}

	// While the network is up, a deal entered on the phone is sent at once
	// and the page after it says it was saved.
	staff.open(dealPage)
	b.run(t, staff.ctx, "fill a deal",
		chromedp.SetValue(css("#f-direction"), "buy"),
		chromedp.SetValue(css("#f-business-id"), fmt.Sprint(s.Businesses["d1"].ID)),
		chromedp.SetValue(css("#f-counterpart-id"), fmt.Sprint(s.Orgs["kaltim1"].ID)),
		chromedp.SetValue(css("#f-commodity-id"), fmt.Sprint(s.Commodities["jagung"].ID)),
		chromedp.SetValue(css("#f-value-idr"), "90 juta"))
	staff.tap("save the deal", `form[action="/deals"] button[type="submit"]`)
	staff.says("#flash", "Transaksi tersimpan.")
	before++
	if n := len(deals()); n != before {
		t.Fatalf("%d deals after one saved online, want %d", n, before)
	}

	// The network goes down, for the page and its service worker alike.
	venueNetwork := func(offline bool) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
				return err
			}
			var cs []*network.Conditions
			if offline {
				cs = []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}}
			}
			if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{EmulateOfflineServiceWorker: &offline, MatchedNetworkConditions: cs}); err != nil {
				return err
			}
			_, err := chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1})
			return err
		})
	}
	b.run(t, staff.ctx, "take the network away", venueNetwork(true))
	venue.setDown(true)

	// Three deals on the deal page, opened from the phone.
	staff.open(dealPage)
	for i, org := range []string{"kaltim1", "kaltim2", "kaltim3"} {
		b.run(t, staff.ctx, "fill deal "+org,
			chromedp.SetValue(css("#f-direction"), "sell"),
			chromedp.SetValue(css("#f-business-id"), fmt.Sprint(s.Businesses["d1"].ID)),
			chromedp.SetValue(css("#f-counterpart-id"), fmt.Sprint(s.Orgs[org].ID)),
			chromedp.SetValue(css("#f-commodity-id"), fmt.Sprint(s.Commodities["beras"].ID)),
			chromedp.SetValue(css("#f-value-idr"), fmt.Sprintf("%d juta", 210+i)),
			chromedp.SetValue(css("#f-stage"), "indication"))
		staff.press("save deal "+org, `form[action="/deals"] button[type="submit"]`)
		staff.says("#offline-status", fmt.Sprintf("%d menunggu dikirim", i+1))
	}
	// A check-in on the check-in page, opened from the phone.
	staff.open(checkinPage)
	b.run(t, staff.ctx, "type the code", chromedp.SetValue(css("#code"), dagang.CheckinCode(arrive)))
	staff.press("check in", `#code-form button[type="submit"]`)
	staff.says("#offline-status", "4 menunggu dikirim")
	if n, got := len(deals()), checkins(); n != before || got != 0 || venue.writes() != 0 {
		t.Fatalf("while offline the server got %d writes: %d deals (had %d), %d check-ins", venue.writes(), n, before, got)
	}

	// The network returns: all four are sent, each stored once.
	venue.setDown(false)
	t.Logf("requests of the phone that reached the venue's dead network: %q", venue.refused())
	b.run(t, staff.ctx, "bring the network back", venueNetwork(false))
	staff.says("#offline-status", "4 terkirim")
	get(t, b, staff.ctx, "wait for nothing waiting", until(`document.getElementById("offline-status").dataset.waitingCount === "0"`))
	if text := get(t, b, staff.ctx, "read the status", text("#offline-status")); strings.Contains(text, "menunggu dikirim") {
		t.Errorf("after sending, the page says %q", text)
	}
	got := deals()
	if len(got) != before+3 {
		t.Fatalf("%d deals of the event after sending, want %d", len(got), before+3)
	}
	values := map[int64]int{}
	for _, d := range got {
		values[d.ValueIDR]++
	}
	for i := range 3 {
		if v := int64(210+i) * 1_000_000; values[v] != 1 {
			t.Errorf("the deal of Rp%d is stored %d times, want once", v, values[v])
		}
	}
	if n := checkins(); n != 1 {
		t.Errorf("%d check-ins, want 1", n)
	}

	// A deal sent again under its key: the first answer, nothing stored.
	w := venue.first("/deals")
	if w == nil {
		t.Fatal("no deal reached the server")
	}
	var cookies []*network.Cookie
	b.run(t, staff.ctx, "read the session", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		r, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{srv.URL}})
		if err == nil {
			cookies = r.Cookies
		}
		return err
	}))
	req, _ := http.NewRequest("POST", srv.URL+w.path, strings.NewReader(w.body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Idempotency-Key", w.key)
	req.Header.Set("Origin", srv.URL)
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != w.status || res.Header.Get("Location") != w.location || res.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("the deal sent again: %d %q replayed %q; want %d %q as first answered", res.StatusCode, res.Header.Get("Location"), res.Header.Get("Idempotent-Replayed"), w.status, w.location)
	}
	if n := len(deals()); n != before+3 {
		t.Errorf("%d deals after sending one again, want %d", n, before+3)
	}
	for _, err := range staff.console.take() {
		t.Error(err)
	}
}

// venueLog stands between the phone and the server, as the venue's
// network does: it records the writes that reach the server with their
// idempotency keys and first answers, and while it is down it drops every
// connection unanswered. Chromium's offline emulation covers the page and
// its service worker, but not always at once after a navigation; the
// venue's network is down for all of them.
type venueLog struct {
	h     http.Handler
	mu    sync.Mutex
	down  bool
	n     int      // writes that reached the server since it went down
	drops []string // requests dropped while down
	log   []*venueWrite
}

type venueWrite struct {
	path, key, body string
	status          int
	location        string
}

// setDown takes the network down (and counts the writes that reach the
// server from then on) or brings it back.
func (v *venueLog) setDown(down bool) {
	v.mu.Lock()
	v.down = down
	if down {
		v.n = 0
	}
	v.mu.Unlock()
}

func (v *venueLog) refused() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.drops
}

// writes counts the writes that reached the server since it went down.
func (v *venueLog) writes() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.n
}

// first returns the first answered write to path.
func (v *venueLog) first(path string) *venueWrite {
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, w := range v.log {
		if w.path == path && w.key != "" {
			return w
		}
	}
	return nil
}

func (v *venueLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	v.mu.Lock()
	down := v.down
	if down {
		v.drops = append(v.drops, r.Method+" "+r.URL.Path)
	}
	v.mu.Unlock()
	if down {
		if c, _, err := http.NewResponseController(w).Hijack(); err == nil {
			c.Close()
		}
		return
	}
	if r.Method != http.MethodPost {
		v.h.ServeHTTP(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	v.h.ServeHTTP(rec, r)
	v.mu.Lock()
	defer v.mu.Unlock()
	v.n++
	v.log = append(v.log, &venueWrite{path: r.URL.Path, key: r.Header.Get("Idempotency-Key"), body: string(body), status: rec.status, location: w.Header().Get("Location")})
}

// statusRecorder notes the status of an answer it passes on.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// TestServiceWorkerScript: /sw.js is served from the root (its scope is
// the whole site), revalidated at every update check, with the version of
// the static files it keeps.
func TestServiceWorkerScript(t *testing.T) {
	e := newPagesEnv(t)
	res, body := rawGet(t, e.srv.URL, "/sw.js")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/javascript; charset=utf-8" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("/sw.js: %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
	}
	if !regexp.MustCompile(`var VERSION = "[0-9a-f]{10}";`).Match(body) {
		t.Errorf("/sw.js carries no version of the static files:\n%.300s", body)
	}
}
