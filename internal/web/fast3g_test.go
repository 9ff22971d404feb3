package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/dagang/dagang"
)

// fast3G is Chromium DevTools' "Fast 3G" preset (called "Slow 4G" since
// Chrome 126, crbug.com/342406608), as front_end/core/sdk/NetworkManager.ts
// and Puppeteer's PredefinedNetworkConditions define it: ~1.6 Mbit/s down
// and ~750 kbit/s up at 90%, and 150 ms round trips times 3.75.
var fast3G = network.Conditions{
	Latency:            150 * 3.75,                  // 562.5 ms
	DownloadThroughput: 1.6 * 1000 * 1000 / 8 * 0.9, // 180,000 bytes/s
	UploadThroughput:   750 * 1000 / 8 * 0.9,        // 84,375 bytes/s
}

// withoutStaticCaching serves static files as they were before names
// carried a hash: no compression, no caching headers, no validators, so
// that the browser downloads them again on every view. It is the peer
// TestFast3G measures against.
func withoutStaticCaching(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") {
			r.Header.Del("Accept-Encoding")
			r.Header.Del("If-None-Match")
			w = stripCaching{w}
		}
		h.ServeHTTP(w, r)
	})
}

type stripCaching struct{ http.ResponseWriter }

func (s stripCaching) WriteHeader(code int) {
	for _, k := range []string{"Cache-Control", "ETag", "Vary"} {
		s.Header().Del(k)
	}
	s.ResponseWriter.WriteHeader(code)
}

// pageView is one measured view of a page.
type pageView struct {
	Millis float64 `json:"ms"`    // from navigation start until every chart is drawn
	Bytes  int     `json:"bytes"` // transferred: the document and every resource
}

// TestFast3G measures the dashboard and the report on an emulated Fast 3G
// connection, first view (empty cache) and repeat view, against a peer
// server that serves static files as before (withoutStaticCaching). A view
// ends when every chart on the page is drawn (the maps after their
// GeoJSON). Opt-in, not a timed test of the default suite: set
// DAGANG_FAST3G to the number of runs (5 for docs/BENCHMARKS.md); it
// prints the medians.
func TestFast3G(t *testing.T) {
	runs, _ := strconv.Atoi(os.Getenv("DAGANG_FAST3G"))
	if runs <= 0 {
		t.Skip("Fast 3G measurement skipped: set DAGANG_FAST3G=5 to run it")
	}
	e := newDemoEnv(t, nil)
	peer := httptest.NewServer(withoutStaticCaching(e.server))
	t.Cleanup(peer.Close)
	root := startBrowser(t, e.srv.URL)

	type result struct{ first, repeat []pageView }
	results := map[string]*result{}
	var keys []string
	for _, srv := range []struct{ name, url string }{{"fingerprinted, gzip, immutable", e.srv.URL}, {"peer: as before", peer.URL}} {
		b := &browser{t: t, url: srv.url, alloc: root.alloc}
		for _, page := range []string{"/", "/laporan"} {
			key := page + "\t" + srv.name
			keys = append(keys, key)
			r := &result{}
			results[key] = r
			for i := range runs {
				t.Run(fmt.Sprintf("%s %s %d", page, srv.name, i), func(t *testing.T) {
					ctx := b.tab(t, dagang.UserStaff)
					b.run(t, ctx, "clear the cache and throttle", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
						if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
							return err
						}
						if _, err := chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
							return err
						}
						c := fast3G
						_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{&c}})
						return err
					}))
					r.first = append(r.first, b.view(t, ctx, page))
					r.repeat = append(r.repeat, b.view(t, ctx, page))
				})
			}
		}
	}
	var out strings.Builder
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(&out, "Fast 3G (%.1f ms, %.0f B/s down, %.0f B/s up), %d runs, load average at the end %s\npage\tserver\tfirst view ms (median; all)\tbytes\trepeat view ms (median; all)\tbytes\n",
		fast3G.Latency, fast3G.DownloadThroughput, fast3G.UploadThroughput, runs, strings.Join(strings.Fields(string(load))[:min(3, len(strings.Fields(string(load))))], " "))
	for _, k := range keys {
		r := results[k]
		f, rp := median(r.first), median(r.repeat)
		fmt.Fprintf(&out, "%s\t%.0f; %s\t%d\t%.0f; %s\t%d\n", k, f.Millis, millis(r.first), f.Bytes, rp.Millis, millis(r.repeat), rp.Bytes)
	}
	t.Log("\n" + out.String())
}

// view opens path and waits until every chart is drawn; the time is the
// page's own clock, from the start of the navigation.
func (b *browser) view(t *testing.T, ctx context.Context, path string) pageView {
	t.Helper()
	b.run(t, ctx, "open "+path, chromedp.Navigate(b.url+path), chromedp.WaitVisible(css("footer")))
	return get(t, b, ctx, "charts of "+path, chromedp.Poll[pageView](`(() => {
		const charts = Array.from(document.querySelectorAll("[data-chart], [data-laporan-chart]"));
		const drawn = window.echarts && charts.every(e => {
			const c = echarts.getInstanceByDom(e);
			return c && c.getOption() && c.getOption().series && c.getOption().series.length > 0;
		});
		if (!drawn || document.readyState !== "complete") { return null; }
		const nav = performance.getEntriesByType("navigation")[0];
		const bytes = performance.getEntriesByType("resource").reduce((s, r) => s + r.transferSize, nav.transferSize);
		return {ms: performance.now(), bytes: bytes};
	})()`, chromedp.WithPollingTimeout(60*time.Second)))
}

func millis(vs []pageView) string {
	var s []string
	for _, v := range vs {
		s = append(s, fmt.Sprintf("%.0f", v.Millis))
	}
	return strings.Join(s, " ")
}

func median(vs []pageView) pageView {
	s := slices.Clone(vs)
	slices.SortFunc(s, func(a, b pageView) int {
		switch {
		case a.Millis < b.Millis:
			return -1
		case a.Millis > b.Millis:
			return 1
		}
		return 0
	})
	return s[len(s)/2]
}
