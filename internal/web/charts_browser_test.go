package web_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/dagang/dagang"
)

// startBrowser starts Chromium for a test against the server at url, or
// ends the test as needChromium says.
func startBrowser(t *testing.T, url string) *browser {
	t.Helper()
	needChromium(t)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.Flag("disable-dev-shm-usage", true), chromedp.NoFirstRun, chromedp.WindowSize(1280, 900))
	t.Cleanup(cancel)
	root, cancelRoot := chromedp.NewContext(alloc)
	t.Cleanup(cancelRoot)
	if err := chromedp.Do(root); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return &browser{t: t, url: url, alloc: root, shots: os.Getenv("DAGANG_SCREENSHOTS")}
}

// consoleErrors collects every console error and uncaught exception of a
// tab, with the page it happened on.
type consoleErrors struct {
	mu   sync.Mutex
	page string
	errs []string
}

func watchConsole(ctx context.Context) *consoleErrors {
	c := &consoleErrors{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				c.mu.Lock()
				c.errs = append(c.errs, fmt.Sprintf("%s: %s %s (%s:%d:%d)", c.page, m.Type, m.Text, m.URL, m.Line+1, m.Column+1))
				c.mu.Unlock()
			}
		}
	}()
	return c
}

func (c *consoleErrors) on(page string) {
	c.mu.Lock()
	c.page = page
	c.mu.Unlock()
}

func (c *consoleErrors) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	errs := c.errs
	c.errs = nil
	return errs
}

// hoverCharts waits until every chart of the page is drawn, then moves the
// mouse over each, point by point (a map has sea, a pie a hole), until
// ECharts shows its tooltip. It returns the number of charts.
func (b *browser) hoverCharts(t *testing.T, ctx context.Context, path string) int {
	t.Helper()
	const charts = `Array.from(document.querySelectorAll("[data-chart], [data-laporan-chart], [data-mission-chart]")).filter(e => !e.hidden && e.offsetParent !== null)`
	n := get(t, b, ctx, "charts of "+path, chromedp.Poll[int](`window.echarts && `+charts+`.every(e => {
		const c = echarts.getInstanceByDom(e);
		return c && c.getOption() && c.getOption().series && c.getOption().series.length > 0;
	}) && `+charts+`.length`))
	for i := range n {
		// Points to try: on a map, Kalimantan first; then a grid.
		pts := get(t, b, ctx, "place chart", chromedp.Evaluate[[][2]float64](fmt.Sprintf(`(() => {
			const e = %s[%d], c = echarts.getInstanceByDom(e), o = c.getOption();
			e.scrollIntoView({block: "center"});
			e.dataset.tip = "";
			c.on("showTip", () => { e.dataset.tip = "shown"; });
			const r = e.getBoundingClientRect(), pts = [];
			const finder = o.geo && o.geo.length ? {geoIndex: 0} : o.series[0].type === "map" ? {seriesIndex: 0} : null;
			if (finder) {
				const p = c.convertToPixel(finder, [114.5, -1.0]);
				pts.push([r.left + p[0], r.top + p[1]]);
			}
			for (let i = 1; i < 8; i++) {
				for (let j = 1; j < 8; j++) {
					pts.push([r.left + r.width * j / 8, r.top + r.height * i / 8]);
				}
			}
			return pts;
		})()`, charts, i)))
		shown := false
		for _, p := range pts {
			b.run(t, ctx, "hover chart", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, p[0], p[1]), chromedp.Sleep(20*time.Millisecond))
			if shown = get(t, b, ctx, "tooltip shown", chromedp.Evaluate[bool](fmt.Sprintf(`%s[%d].dataset.tip === "shown"`, charts, i))); shown {
				break
			}
		}
		if !shown {
			t.Errorf("%s: chart %d shows no tooltip wherever the mouse is", path, i)
		}
	}
	return n
}

// svgText is the text of the SVG a chart drew (the report's charts use the
// SVG renderer, so their axis labels, legends and tooltips can be read).
func svgText(chart string) chromedp.Action[string] {
	return chromedp.Evaluate[string](`Array.from(document.querySelectorAll('[data-laporan-chart="` + chart + `"] svg text')).map(t => t.textContent).join("|")`)
}

// TestChartsBrowser opens every main page with charts and every other main
// page in Chromium, in Indonesian and in English, hovers every chart until
// its tooltip shows, and fails on any console error: a
// Content-Security-Policy violation (an HTML tooltip's inline style), an
// exception, a failed request (such as a missing favicon). On the report,
// whose charts are SVG, it reads the axis labels, tooltips and legends.
// It checks that the static files came with immutable caching and gzip,
// and that a second view takes them from the browser's cache.
func TestChartsBrowser(t *testing.T) {
	e := newDemoEnv(t, nil)
	b := startBrowser(t, e.srv.URL)
	ctx := b.tab(t, dagang.UserStaff)
	console := watchConsole(ctx)

	var pages []string
	for _, p := range mainPages(e.story) {
		pages = append(pages, p.path)
	}
	pages = append(pages, "/laporan", "/partners/rank", "/reach")
	withCharts := map[string]int{"/": 4, "/laporan": 4, "/partners/rank": 1, "/reach": 1}
	for _, lang := range []string{"id", "en"} {
		for _, path := range pages {
			u := path + "?lang=" + lang
			if strings.Contains(path, "?") {
				u = path + "&lang=" + lang
			}
			console.on(u)
			b.run(t, ctx, "open "+u, chromedp.Navigate(b.url+u), chromedp.WaitVisible(css("footer")))
			if want, ok := withCharts[path]; ok {
				if n := b.hoverCharts(t, ctx, u); n < want {
					t.Errorf("%s: %d charts drawn, want %d", u, n, want)
				}
			}
			if path == "/laporan" {
				b.checkReportCharts(t, ctx, lang)
			}
			for _, err := range console.take() {
				t.Error(err)
			}
		}
	}

	// Static files: immutable, gzipped, and from the cache on a second view.
	console.on("/ (second view)")
	b.run(t, ctx, "open the dashboard again", chromedp.Navigate(b.url+"/"), chromedp.WaitVisible(css("footer")))
	type resource struct {
		URL          string `json:"url"`
		CacheControl string `json:"cache_control"`
		Encoding     string `json:"encoding"`
		Transferred  int    `json:"transferred"`
	}
	res := get(t, b, ctx, "static headers", chromedp.Evaluate[[]resource](`Promise.all(
		performance.getEntriesByType("resource").filter(r => new URL(r.name).pathname.startsWith("/static/")).map(r =>
			fetch(r.name).then(f => ({url: r.name, cache_control: f.headers.get("Cache-Control"), encoding: f.headers.get("Content-Encoding") || "", transferred: r.transferSize}))))`, chromedp.EvalAwaitPromise))
	if len(res) < 4 {
		t.Errorf("the dashboard loaded %d static files, want at least 4: %+v", len(res), res)
	}
	for _, r := range res {
		if r.CacheControl != "public, max-age=31536000, immutable" || (strings.HasSuffix(r.URL, ".js") || strings.HasSuffix(r.URL, ".css")) && r.Encoding != "gzip" {
			t.Errorf("%s: Cache-Control %q, Content-Encoding %q", r.URL, r.CacheControl, r.Encoding)
		}
		if r.Transferred != 0 {
			t.Errorf("%s: %d bytes transferred on the second view, want 0 (from the cache)", r.URL, r.Transferred)
		}
	}
	for _, err := range console.take() {
		t.Error(err)
	}
}

// checkReportCharts reads the report's charts: distinct short labels on
// the event axis, a tooltip with the full name and "Diumumkan: Rp…", the
// value axis named in the page's language, a legend on the map.
func (b *browser) checkReportCharts(t *testing.T, ctx context.Context, lang string) {
	t.Helper()
	// Hover the middle of the event chart's first row (the 2016 event).
	pos := get(t, b, ctx, "place the event chart", chromedp.Evaluate[[]float64](`(() => {
		const e = document.querySelector('[data-laporan-chart="bars"]');
		e.scrollIntoView({block: "center"});
		const r = e.getBoundingClientRect();
		return [r.left + r.width / 2, r.top + 32 + (r.height - 64) / 8];
	})()`))
	b.run(t, ctx, "hover the first event", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, pos[0], pos[1]))
	want := map[string][]string{
		"id": {"Jatim 2016", "DIY 2017", "Jatim 2018", "Rp miliar", "Temu Bisnis dan Misi Dagang Kalimantan Selatan – Jawa Timur 2016", "Diumumkan: Rp35,5 miliar"},
		"en": {"Jatim 2016", "DIY 2017", "Jatim 2018", "IDR billion", "Temu Bisnis dan Misi Dagang Kalimantan Selatan – Jawa Timur 2016", "Announced: IDR 35.5 billion"},
	}[lang]
	var got string
	for range 50 {
		got = get(t, b, ctx, "read the event chart", svgText("bars"))
		if strings.Contains(got, want[len(want)-1]) {
			break
		}
		b.run(t, ctx, "wait", chromedp.Sleep(100*time.Millisecond))
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: the event chart lacks %q; it reads %q", lang, w, got)
		}
	}
	legend := map[string][]string{"id": {"Penjualan", "Pembelian"}, "en": {"Sale", "Purchase"}}[lang]
	got = get(t, b, ctx, "read the map", chromedp.Poll[string](`(t => t.includes("`+legend[0]+`") ? t : null)(Array.from(document.querySelectorAll('[data-laporan-chart="map"] svg text')).map(t => t.textContent).join("|"))`))
	for _, w := range legend {
		if !strings.Contains(got, w) {
			t.Errorf("%s: the map's legend lacks %q; it reads %q", lang, w, got)
		}
	}
	axis := map[string]string{"id": "Rp miliar", "en": "IDR billion"}[lang]
	if got := get(t, b, ctx, "read the balance chart", svgText("balance")); !strings.Contains(got, axis) {
		t.Errorf("%s: the balance chart's axis lacks %q; it reads %q", lang, axis, got)
	}
}
