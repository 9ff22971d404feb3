package web_test

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/money"
	"github.com/dagang/dagang/internal/store"
	"github.com/dagang/dagang/internal/web"
)

// chromiumPath is Debian's Chromium, which .ci/run installs.
const chromiumPath = "/usr/bin/chromium"

//go:embed testdata/axe/axe.min.js
var axeSource string

// TestBrowser drives Chromium against the real server on the demo data:
// what staff, a business and the language switch do in the browser
// (TestPagesBrowser checks every page as every role). It runs on SQLite, and on
// PostgreSQL too when DAGANG_TEST_POSTGRES is set.
func TestBrowser(t *testing.T) {
	needChromium(t)
	t.Run("sqlite", func(t *testing.T) { runBrowser(t, "sqlite", true) })
	t.Run("postgres", func(t *testing.T) { runBrowser(t, "postgres", false) })
}

// needChromium ends t unless it can drive Chromium: skipped under -short
// (a browser test takes from seconds to minutes) and, locally, when
// Chromium is missing; failed when it is missing under CI=true, where the
// browser tests are mandatory.
func needChromium(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped under -short")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but Chromium is missing at %s: the browser tests are mandatory in CI", chromiumPath)
		}
		t.Skipf("browser test skipped: %s not found (install it with apt-get install chromium)", chromiumPath)
	}
}

// browser is a running Chromium with one server under test.
type browser struct {
	t     *testing.T
	url   string
	alloc context.Context
	shots string // directory for screenshots, "" for none

	mu        sync.Mutex
	cspErrors []string
}

func runBrowser(t *testing.T, backend string, full bool) {
	ctx := context.Background()
	db, story := demoDB.Open(t, backend, store.Options{})
	if _, err := demo.CreateUsers(ctx, db, story); err != nil {
		t.Fatal(err)
	}
	h, err := web.NewServer(web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, db)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.WindowSize(1280, 900),
	}
	alloc, cancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancel)
	b := &browser{t: t, url: srv.URL, alloc: alloc}
	if full {
		b.shots = os.Getenv("DAGANG_SCREENSHOTS")
	}
	// Start the browser once; every role then gets its own browser
	// context (its own cookies).
	root, cancelRoot := chromedp.NewContext(alloc)
	t.Cleanup(cancelRoot)
	if err := chromedp.Do(root); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	b.alloc = root

	other := story.Businesses["a2"]
	if other == nil || other.ID == story.Businesses[demo.DemoBusiness].ID {
		t.Fatal("the demo story has no second business a2")
	}
	t.Run("staff creates a business and records a deal of Rp1,5 miliar", func(t *testing.T) { b.staffFlow(t, story) })
	t.Run("language switch", func(t *testing.T) { b.languageFlow(t) })
	t.Run("business user cannot edit another business", func(t *testing.T) { b.businessFlow(t, story, other.ID) })
	t.Run("statistics coverage from the partner ranking", func(t *testing.T) { b.coverageFlow(t) })
	t.Run("the page of a deal fits a phone", func(t *testing.T) { b.dealPhoneFlow(t) })
	t.Run("a deal recorded from a 2019 event is dated in 2019", func(t *testing.T) { b.dealFromEventFlow(t, story) })
	t.Run("a refused staff decision stays on its form", func(t *testing.T) { b.overrideFlow(t, story) })
	t.Run("a business sees why it cannot apply", func(t *testing.T) { b.applicationFlow(t, story) })
	t.Run("a deal link opens the deal", func(t *testing.T) { b.dealLinkFlow(t) })
	if full {
		t.Run("each role logs in", func(t *testing.T) { b.rolesFlow(t) })
	} else {
		t.Run("every main page opens", func(t *testing.T) { b.visitFlow(t, story) })
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.cspErrors) > 0 {
		t.Errorf("the Content-Security-Policy blocked something:\n%s", strings.Join(b.cspErrors, "\n"))
	}
}

// tab opens a new browser context (fresh cookies), logged in as role,
// for at most 40 seconds.
func (b *browser) tab(t *testing.T, role dagang.UserRole) context.Context {
	t.Helper()
	return b.tabFor(t, role, 40*time.Second)
}

// tabFor is tab for a test that needs the tab longer.
func (b *browser) tabFor(t *testing.T, role dagang.UserRole, limit time.Duration) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.alloc, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(cancelTimeout)
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if strings.Contains(m.Text, "Content Security Policy") {
				b.mu.Lock()
				b.cspErrors = append(b.cspErrors, m.Text)
				b.mu.Unlock()
			}
		}
	}()
	var c demo.Credential
	for _, x := range demo.Users {
		if x.Role == role {
			c = x
		}
	}
	b.run(t, ctx, "log in as "+string(role),
		chromedp.Navigate(b.url+"/login"),
		chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), c.Email),
		chromedp.SendKeys(chromedp.CSS("#password"), c.Password),
		chromedp.Submit(chromedp.CSS("#password")),
		// The login page has the menu too: wait until it is gone, so that
		// the next step reads the page the login leads to, not a page being
		// replaced.
		chromedp.WaitNotPresent(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("nav.main")),
	)
	// Then wait until it has loaded, so that no step holds a node of a
	// document still being replaced.
	get(t, b, ctx, "wait for the page to load", chromedp.Poll[bool](`document.readyState === "complete"`))
	return ctx
}

// run runs the steps and fails the test with the page's address and
// text when one fails.
func (b *browser) run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.fail(t, ctx, what, err)
	}
}

// get runs one action that returns a value.
func get[T any](t *testing.T, b *browser, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		b.fail(t, ctx, what, err)
	}
	return v
}

func (b *browser) fail(t *testing.T, ctx context.Context, what string, err error) {
	t.Helper()
	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(short, chromedp.Location())
	body, _ := chromedp.Run(short, text("main"))
	t.Fatalf("%s: %v (at %s)\n%.1500s", what, err, loc, body)
}

// css is a CSS selector.
func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// text reads the visible text of the first element that matches sel, in one
// script, waiting until there is one. Unlike chromedp.Text it holds no node
// between finding the element and reading it, so a page that a submit or a
// swap is still replacing cannot fail the read with "No node with given id
// found". A page that is replaced while the script runs takes its
// execution context with it ("Cannot find context with specified id"): the
// read then starts again on the new page, until ctx ends.
func text(sel string) chromedp.Action[string] {
	poll := onNewPage(chromedp.Poll[[]string](`(e => e ? [e.innerText] : null)(document.querySelector(` + strconv.Quote(sel) + `))`))
	return func(ctx context.Context, t *chromedp.Target) (string, error) {
		v, err := poll(ctx, t)
		if err != nil || len(v) == 0 {
			return "", err
		}
		return v[0], nil
	}
}

// onNewPage runs a, and again when the page it ran on was replaced under
// it ("Cannot find context with specified id", or "Inspected target
// navigated or closed" while the new page loads), until ctx ends.
func onNewPage[T any](a chromedp.Action[T]) chromedp.Action[T] {
	return func(ctx context.Context, t *chromedp.Target) (T, error) {
		for {
			v, err := a(ctx, t)
			if err != nil && (strings.Contains(err.Error(), "Cannot find context with specified id") || strings.Contains(err.Error(), "Inspected target navigated or closed")) && ctx.Err() == nil {
				time.Sleep(50 * time.Millisecond)
				continue
			}
			return v, err
		}
	}
}

// total reads the dashboard's total in full and parses it.
func (b *browser) total(t *testing.T, ctx context.Context) int64 {
	t.Helper()
	b.run(t, ctx, "open the dashboard", chromedp.Navigate(b.url+"/"))
	shown := get(t, b, ctx, "read the dashboard total", text("#tile-total-full"))
	v, err := money.Parse(shown)
	if err != nil {
		t.Fatalf("dashboard total %q: %v", shown, err)
	}
	return v
}

func (b *browser) staffFlow(t *testing.T, story *demo.Story) {
	ctx := b.tab(t, dagang.UserStaff)
	before := b.total(t, ctx)

	// A business: first without a name (the error sits next to the
	// field, in Indonesian), then complete.
	b.run(t, ctx, "submit the business form without a name",
		chromedp.Navigate(b.url+"/businesses/new"),
		chromedp.WaitVisible(css("#f-name")),
		chromedp.SetValue(css("#f-regency-code"), "63.03"),
		chromedp.Submit(css("#f-name")),
		chromedp.WaitVisible(css("#f-name-err")),
	)
	if nameErr := get(t, b, ctx, "read the name error", text("#f-name-err")); nameErr != "nama usaha wajib diisi" {
		t.Errorf("error next to the name field = %q", nameErr)
	}
	beras := strconv.FormatInt(story.Commodities["beras"].ID, 10)
	b.searchAsYouType(t, ctx)
	b.run(t, ctx, "back to the form",
		chromedp.Navigate(b.url+"/businesses/new"),
		chromedp.WaitVisible(css("#f-name")),
		chromedp.SetValue(css("#f-regency-code"), "63.03"),
	)
	b.run(t, ctx, "create the business",
		chromedp.SendKeys(css("#f-name"), "UD Browser Banjar"),
		chromedp.SetValue(css("#f-products-0-commodity-id"), beras),
		chromedp.SendKeys(css("#f-products-0-monthly-capacity"), "12,5"),
		chromedp.SendKeys(css("#f-products-0-unit"), "ton"),
		chromedp.Submit(css("#f-name")),
		chromedp.WaitVisible(css(`a[href$="/edit"]`)),
	)
	if h1 := get(t, b, ctx, "read the heading", text("h1")); h1 != "UD Browser Banjar" {
		t.Errorf("business page heading = %q", h1)
	}
	loc := get(t, b, ctx, "read the address", chromedp.Location())
	bizID := loc[strings.LastIndex(loc, "/")+1:]

	// The deal, typed the way staff say it.
	org := strconv.FormatInt(story.Orgs[demo.DemoCounterpart].ID, 10)
	b.run(t, ctx, "record the deal",
		chromedp.Navigate(b.url+"/deals/new"),
		chromedp.WaitVisible(css("#f-value-idr")),
		chromedp.SetValue(css("#f-event-id"), strconv.FormatInt(story.Events[0].ID, 10)),
		chromedp.SetValue(css("#f-direction"), "sell"),
		chromedp.SetValue(css("#f-business-id"), bizID),
		chromedp.SetValue(css("#f-counterpart-id"), org),
		chromedp.SetValue(css("#f-commodity-id"), beras),
		chromedp.SendKeys(css("#f-value-idr"), "Rp1,5 miliar"),
	)
	// The server's reading of the amount appears as it is typed.
	get(t, b, ctx, "wait for the preview", chromedp.Poll[bool](`document.querySelector("#f-value-idr-preview").textContent === "= Rp1.500.000.000"`))
	b.run(t, ctx, "save the deal",
		chromedp.Submit(css("#f-value-idr")),
		chromedp.WaitVisible(css("#flash")),
	)
	// The save ends on the deal's own page, which says it was saved.
	if flash := get(t, b, ctx, "read the message", text("#flash")); flash != "Transaksi tersimpan." {
		t.Errorf("message after the save = %q", flash)
	}
	if facts := get(t, b, ctx, "read the deal", text("#deal-facts")); !strings.Contains(facts, "Rp1.500.000.000") {
		t.Errorf("the page after the save does not show the deal:\n%s", facts)
	}
	if after := b.total(t, ctx); after-before != 1_500_000_000 {
		t.Errorf("dashboard total rose from %d to %d (by %d), want exactly 1.500.000.000", before, after, after-before)
	}

	// A bad amount is refused with the field named.
	b.run(t, ctx, "submit a bad amount",
		chromedp.Navigate(b.url+"/deals/new"),
		chromedp.WaitVisible(css("#f-value-idr")),
		chromedp.SendKeys(css("#f-value-idr"), "satu setengah"),
		chromedp.Submit(css("#f-value-idr")),
		chromedp.WaitVisible(css("#error-summary")),
	)
	if s := get(t, b, ctx, "read the error summary", text("#error-summary")); !strings.Contains(s, "Nilai transaksi (Rp)") {
		t.Errorf("error summary does not name the rupiah field:\n%s", s)
	}
	b.screenshot(t, ctx, "transaksi-salah")
}

// searchAsYouType types into the search box of the business list: htmx
// replaces the results without reloading the page and puts the search in
// the address.
func (b *browser) searchAsYouType(t *testing.T, ctx context.Context) {
	t.Helper()
	b.run(t, ctx, "open the business list",
		chromedp.Navigate(b.url+"/businesses"),
		chromedp.WaitVisible(css("#results .count")),
		// A marker on the page survives only if the page is not reloaded.
		chromedp.Evaluate[chromedp.Void](`document.body.dataset.marker = "tetap"`),
	)
	all := get(t, b, ctx, "read the count", text("#results .count"))
	b.run(t, ctx, "type a search", chromedp.SendKeys(css("#q"), "kemiri"))
	get(t, b, ctx, "wait for the results", chromedp.Poll[bool](`document.querySelector("#results .count").textContent.trim() !== `+strconv.Quote(all)+` && location.search.includes("q=kemiri")`))
	now := get(t, b, ctx, "read the count", text("#results .count"))
	marker := get(t, b, ctx, "read the marker", chromedp.Evaluate[string](`document.body.dataset.marker || ""`))
	if marker != "tetap" || !strings.Contains(now, "Menampilkan 1–") {
		t.Errorf("search as you type: count %q → %q, page kept: %v", all, now, marker == "tetap")
	}
	// A search the server refuses shows why in place of the results.
	b.run(t, ctx, "type an overlong search", chromedp.SendKeys(css("#q"), strings.Repeat("x", 500)))
	get(t, b, ctx, "wait for the error", chromedp.Poll[bool](`(document.querySelector("#results") || {}).textContent.includes("Permintaan tidak dapat diproses")`))
}

func (b *browser) languageFlow(t *testing.T) {
	ctx := b.tab(t, dagang.UserLeadership)
	b.run(t, ctx, "switch to English",
		chromedp.Navigate(b.url+"/deals"),
		chromedp.Click(css("#lang-switch")),
		chromedp.WaitVisible(css(`html[lang="en"] nav.main`)),
	)
	nav := get(t, b, ctx, "read the menu", text("nav.main"))
	// Remembered on the next page.
	b.run(t, ctx, "open another page", chromedp.Navigate(b.url+"/events"), chromedp.WaitVisible(css("h1")))
	lang := get(t, b, ctx, "read the language", chromedp.AttributeValue(css("html"), "lang"))
	heading := get(t, b, ctx, "read the heading", text("h1"))
	if lang.Value != "en" || !strings.Contains(nav, "Dashboard") || heading != "Events" {
		t.Errorf("after the switch: lang %q, nav %q, heading %q", lang.Value, nav, heading)
	}
	b.run(t, ctx, "switch back to Indonesian",
		chromedp.Click(css("#lang-switch")),
		chromedp.WaitVisible(css(`html[lang="id"] nav.main`)),
	)
	if heading := get(t, b, ctx, "read the heading", text("h1")); heading != "Kegiatan" {
		t.Errorf("heading after switching back = %q", heading)
	}
}

func (b *browser) businessFlow(t *testing.T, story *demo.Story, other int64) {
	ctx := b.tab(t, dagang.UserBusiness)
	b.run(t, ctx, "open another business's edit page",
		chromedp.Navigate(fmt.Sprintf("%s/businesses/%d/edit", b.url, other)),
		chromedp.WaitVisible(css("h1")),
	)
	if heading := get(t, b, ctx, "read the heading", text("h1")); heading != "Tidak ditemukan" {
		t.Errorf("another business's edit page shows %q, want the 404 page", heading)
	}
	b.screenshot(t, ctx, "404-another")
	own := story.Businesses[demo.DemoBusiness]
	b.run(t, ctx, "open the own edit page",
		chromedp.Navigate(fmt.Sprintf("%s/businesses/%d/edit", b.url, own.ID)),
		chromedp.WaitVisible(css("#f-name")),
	)
	if name := get(t, b, ctx, "read the name", chromedp.Value(css("#f-name"))); name != own.Name {
		t.Errorf("own edit page shows name %q, want %q", name, own.Name)
	}
}

// rolesFlow logs in as every role and checks the navigation each sees.
func (b *browser) rolesFlow(t *testing.T) {
	want := map[dagang.UserRole][]string{
		dagang.UserAdmin:       {"Audit", "Mitra & Kerja Sama"},
		dagang.UserStaff:       {"Audit", "Pelaku Usaha"},
		dagang.UserLeadership:  {"Audit", "Transaksi"},
		dagang.UserBusiness:    {"Profil Usaha", "Transaksi"},
		dagang.UserCounterpart: {"Kegiatan", "Transaksi"},
		dagang.UserNational:    {"Nasional", "Komoditas"},
	}
	for _, role := range web.AllRoles {
		t.Run(string(role), func(t *testing.T) {
			t.Parallel() // each role in its own tab, at once
			ctx := b.tab(t, role)
			nav := get(t, b, ctx, "read the menu", text("nav.main"))
			for _, w := range want[role] {
				if !strings.Contains(nav, w) {
					t.Errorf("menu %q lacks %q", nav, w)
				}
			}
			if (role == dagang.UserBusiness || role == dagang.UserCounterpart || role == dagang.UserNational) && strings.Contains(nav, "Audit") {
				t.Error("menu offers Audit")
			}
			if role == dagang.UserNational && strings.Contains(nav, "Transaksi") {
				t.Error("the national reader's menu offers an office's deals")
			}
		})
	}
}

// mainPage is a page of the application and an element that shows it
// is drawn.
type mainPage struct{ name, path, ready string }

func mainPages(story *demo.Story) []mainPage {
	biz := story.Businesses[demo.DemoBusiness].ID
	return []mainPage{
		{"dasbor", "/", ".chart canvas"},
		{"kerja-sama", "/agreements", "table"},
		{"kerja-sama-papan", "/agreements?view=board", ".board"},
		{"kerja-sama-detail", "/agreements/1", "ol.timeline"},
		{"komoditas", "/commodities", "table"},
		{"pelaku-usaha", "/businesses", "table"},
		{"pelaku-usaha-detail", fmt.Sprintf("/businesses/%d", biz), "dl.facts"},
		{"pelaku-usaha-ubah", fmt.Sprintf("/businesses/%d/edit", biz), "#f-name"},
		{"kegiatan", "/events", "table"},
		{"kegiatan-detail", fmt.Sprintf("/events/%d", story.Events[0].ID), "dl.facts"},
		{"kegiatan-baru", "/events/new", "#f-name"},
		{"transaksi", "/deals", "table"},
		{"transaksi-baru", "/deals/new", "#f-value-idr"},
		{"transaksi-detail", "/deals/1", "#deal-facts"},
		{"audit", "/audit", "table"},
	}
}

// visitFlow opens every main page as staff and checks that it is drawn,
// not an error page.
func (b *browser) visitFlow(t *testing.T, story *demo.Story) {
	ctx := b.tab(t, dagang.UserStaff)
	for _, p := range mainPages(story) {
		b.run(t, ctx, "open "+p.path, chromedp.Navigate(b.url+p.path), chromedp.WaitVisible(css(p.ready)))
		if h1 := get(t, b, ctx, "read the heading", text("h1")); strings.Contains(h1, "kesalahan") || h1 == "Tidak ditemukan" {
			t.Errorf("%s shows %q", p.path, h1)
		}
	}
}

// axeViolation is what axe-core reports of one rule.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// screenshot saves the whole page as dir/name.png when DAGANG_SCREENSHOTS
// names a directory.
func (b *browser) screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if b.shots == "" {
		return
	}
	b.run(t, ctx, "settle "+name, chromedp.Sleep(150*time.Millisecond))
	png := get(t, b, ctx, "screenshot "+name, chromedp.FullScreenshot(100))
	if err := os.MkdirAll(b.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b.shots, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
