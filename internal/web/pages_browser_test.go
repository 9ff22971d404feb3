package web_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/web"
)

// rolePage is a main page of the application and the roles that open it.
type rolePage struct {
	name, path string
	roles      []dagang.UserRole
}

var (
	officeRoles = []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff, dagang.UserLeadership}
	writerRoles = []dagang.UserRole{dagang.UserAdmin, dagang.UserStaff}
	// allRolesList are the roles of an office's own work; the national
	// reader opens the national view and the reference pages only.
	allRolesList = slices.DeleteFunc(slices.Clone(web.AllRoles), func(r dagang.UserRole) bool { return r == dagang.UserNational })
	everyRole    = web.AllRoles
)

// rolePages lists every main page with the roles that may open it; a
// role's own records (its business, its deal, its agenda) have their own
// lines.
func rolePages(t *testing.T, e *demoEnv) []rolePage {
	t.Helper()
	ctx := context.Background()
	s := e.story
	mission, past := s.Mission2019.ID, s.Events[0].ID
	participation := func(f dagang.ParticipationFilter) int64 {
		t.Helper()
		ps, _, err := e.db.FindParticipations(ctx, f)
		if err != nil || len(ps) == 0 {
			t.Fatalf("participation %+v: %v (%d found)", f, err, len(ps))
		}
		return ps[0].ID
	}
	firstDeal := func(f dagang.DealFilter) int64 {
		t.Helper()
		ds, _, err := e.db.FindDeals(ctx, f)
		if err != nil || len(ds) == 0 {
			t.Fatalf("deal %+v: %v (%d found)", f, err, len(ds))
		}
		return ds[0].ID
	}
	biz := s.Businesses[demo.DemoBusiness].ID
	org := s.Orgs[demo.DemoCounterpart].ID
	p := fmt.Sprintf
	return []rolePage{
		{"dasbor", "/", allRolesList},
		{"kerja-sama", "/agreements", officeRoles},
		{"kerja-sama-papan", "/agreements?view=board", officeRoles},
		{"kerja-sama-detail", "/agreements/1", officeRoles},
		{"kerja-sama-tahap", "/agreements/1/workflow", officeRoles},
		{"calon-mitra", "/partners/rank", officeRoles},
		{"cakupan-statistik", "/statistics/coverage", officeRoles},
		{"komoditas", "/commodities", everyRole},
		{"glosarium", "/glosarium", everyRole},
		{"nasional", "/nasional", []dagang.UserRole{dagang.UserNational}},
		{"pelaku-usaha", "/businesses", officeRoles},
		{"pelaku-usaha-baru", "/businesses/new", writerRoles},
		{"pelaku-usaha-detail", p("/businesses/%d", biz), append(slices.Clone(officeRoles), dagang.UserBusiness)},
		{"pelaku-usaha-ubah", p("/businesses/%d/edit", biz), append(slices.Clone(writerRoles), dagang.UserBusiness)},
		{"kegiatan", "/events", allRolesList},
		{"kegiatan-baru", "/events/new", writerRoles},
		{"kegiatan-detail", p("/events/%d", past), allRolesList},
		{"kegiatan-misi", p("/events/%d", mission), append(slices.Clone(officeRoles), dagang.UserBusiness)},
		{"kegiatan-ubah", p("/events/%d/edit", mission), writerRoles},
		{"delegasi", p("/events/%d/delegation", mission), officeRoles},
		{"permintaan", p("/events/%d/requests", mission), officeRoles},
		{"agenda", p("/events/%d/agenda", mission), officeRoles},
		{"agenda-peserta", p("/participations/%d/agenda", participation(dagang.ParticipationFilter{EventID: mission, BusinessID: s.Businesses["d1"].ID})), officeRoles},
		{"agenda-usaha", p("/participations/%d/agenda", participation(dagang.ParticipationFilter{EventID: past, BusinessID: biz})), []dagang.UserRole{dagang.UserBusiness}},
		{"agenda-mitra", p("/participations/%d/agenda", participation(dagang.ParticipationFilter{EventID: past, OrganisationID: org})), []dagang.UserRole{dagang.UserCounterpart}},
		{"simulasi", "/delegation/simulate", officeRoles},
		{"jangkauan", "/reach", officeRoles},
		{"pendaftaran", "/pendaftaran", officeRoles},
		{"transaksi", "/deals", allRolesList},
		{"transaksi-baru", "/deals/new", writerRoles},
		{"transaksi-detail", "/deals/1", officeRoles},
		{"transaksi-usaha", p("/deals/%d", firstDeal(dagang.DealFilter{OfficeID: s.Office.ID, BusinessID: biz})), []dagang.UserRole{dagang.UserBusiness}},
		{"transaksi-mitra", p("/deals/%d", firstDeal(dagang.DealFilter{OfficeID: s.Office.ID, CounterpartID: org})), []dagang.UserRole{dagang.UserCounterpart}},
		{"laporan", "/laporan", officeRoles},
		{"laporan-impor", "/laporan/impor", writerRoles},
		{"audit", "/audit", officeRoles},
		{"pesan-keluar", "/outbox", officeRoles},
		{"check-in", p("/events/%d/checkin", mission), officeRoles},
	}
}

// pageReady holds when the page has loaded and every visible chart is
// drawn.
const pageReady = `document.readyState === "complete" && (() => {
	const cs = Array.from(document.querySelectorAll("[data-chart], [data-laporan-chart], [data-mission-chart]")).filter(e => !e.hidden && e.offsetParent !== null);
	return cs.length === 0 || (!!window.echarts && cs.every(e => {
		const c = echarts.getInstanceByDom(e), o = c && c.getOption();
		return o && o.series && o.series.length > 0;
	}));
})()`

// overflowing names the elements that stick out of the viewport on the
// right and are not inside a container that scrolls them.
const overflowing = `(() => {
	const w = document.documentElement.clientWidth, out = [];
	if (document.documentElement.scrollWidth <= w) return null;
	for (const e of document.querySelectorAll("body *")) {
		const r = e.getBoundingClientRect();
		if (r.width === 0 || r.right <= w + 1) continue;
		let p = e.parentElement, clipped = false;
		for (; p && p !== document.body; p = p.parentElement) {
			const o = getComputedStyle(p).overflowX;
			if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") { clipped = true; break; }
		}
		if (clipped) continue;
		const parent = e.parentElement;
		if (parent && parent.getBoundingClientRect().right > w + 1 && parent !== document.body && out.length > 0) continue;
		out.push(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") + " (" + Math.round(r.right) + " px)");
		if (out.length >= 6) break;
	}
	return {width: document.documentElement.scrollWidth, client: w, elements: out};
})()`

// TestPagesBrowser opens every main page as every role on a 390 × 844
// phone, then widens the same page to 1280 × 900. It fails when the
// phone's page is wider than its screen (naming the page, the role and the
// elements that stick out), on any console error at either width (an
// exception, a failed request, a Content-Security-Policy violation) and on
// any serious or critical axe-core violation at either width. With
// DAGANG_SCREENSHOTS=dir it saves every page at both widths as
// dir/ROLE-PAGE-hp.png and dir/ROLE-PAGE-desktop.png. Every entry of a
// role's menu must be one of the pages, so a new section cannot go
// unchecked. The roles run side by side, each in its own tab.
func TestPagesBrowser(t *testing.T) {
	e := newDemoEnv(t, nil)
	b := startBrowser(t, e.srv.URL)
	pages := rolePages(t, e)
	axed := &axeOnce{seen: map[string]bool{}}
	for _, role := range everyRole {
		t.Run(string(role), func(t *testing.T) {
			t.Parallel()
			ctx := b.tabFor(t, role, 10*time.Minute)
			console := watchConsole(ctx)
			menu := get(t, b, ctx, "read the menu", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("nav.main a")).map(a => a.getAttribute("href"))`))
			var mine []rolePage
			for _, p := range pages {
				if slices.Contains(p.roles, role) {
					mine = append(mine, p)
				}
			}
			for _, href := range menu {
				if !slices.ContainsFunc(mine, func(p rolePage) bool { return p.path == href }) {
					t.Errorf("the menu of %s links to %s, which is not among the pages checked", role, href)
				}
			}
			for _, p := range mine {
				where := fmt.Sprintf("%s as %s", p.path, role)
				console.on(where + " at 390 px")
				b.run(t, ctx, "open "+where,
					chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
					chromedp.Navigate(b.url+p.path),
				)
				get(t, b, ctx, "wait for "+where, until(pageReady))
				if h1 := get(t, b, ctx, "read the heading", text("h1")); h1 == "Akses ditolak" || h1 == "Tidak ditemukan" || strings.Contains(h1, "kesalahan") {
					t.Errorf("%s shows %q", where, h1)
				}
				if o := get(t, b, ctx, "overflow of "+where, chromedp.Evaluate[*struct {
					Width, Client int
					Elements      []string
				}](overflowing)); o != nil {
					t.Errorf("%s: the page is %d px wide on a %d px phone; sticking out: %s", where, o.Width, o.Client, strings.Join(o.Elements, ", "))
				}
				axed.check(t, b, ctx, where+" at 390 px", 390)
				b.screenshot(t, ctx, fmt.Sprintf("%s-%s-hp", role, p.name))

				console.on(where + " at 1280 px")
				b.run(t, ctx, "widen "+where, chromedp.EmulateViewport(1280, 900))
				get(t, b, ctx, "wait for "+where, until(pageReady+` && document.documentElement.clientWidth === 1280`))
				axed.check(t, b, ctx, where+" at 1280 px", 1280)
				b.screenshot(t, ctx, fmt.Sprintf("%s-%s-desktop", role, p.name))
				for _, err := range console.take() {
					t.Error(err)
				}
			}
		})
	}
}

// until polls expr until it holds, on the page that replaced the one it
// started on if need be.
func until(expr string) chromedp.Action[bool] { return onNewPage(chromedp.Poll[bool](expr)) }

// axeOnce runs axe-core once per document and width: its answer depends
// on nothing else, so a page that is the same for two roles (but for the
// name of who is signed in) is checked once.
type axeOnce struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (a *axeOnce) check(t *testing.T, b *browser, ctx context.Context, where string, width int) {
	t.Helper()
	doc := get(t, b, ctx, "read "+where, chromedp.Evaluate[string](`(() => {
		const c = document.documentElement.cloneNode(true);
		c.querySelectorAll(".who").forEach(e => e.remove());
		c.querySelectorAll("[_echarts_instance_]").forEach(e => e.removeAttribute("_echarts_instance_"));
		return c.outerHTML;
	})()`))
	key := fmt.Sprintf("%d %x", width, sha256.Sum256([]byte(doc)))
	a.mu.Lock()
	seen := a.seen[key]
	a.seen[key] = true
	a.mu.Unlock()
	if !seen {
		b.axe(t, ctx, where)
	}
}

// axe runs axe-core on the page and fails on a serious or critical
// violation. The script is evaluated through DevTools, which the page's
// Content-Security-Policy does not govern.
func (b *browser) axe(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	b.run(t, ctx, "load axe on "+where, chromedp.Evaluate[chromedp.Void](axeSource))
	raw := get(t, b, ctx, "axe "+where, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		t.Fatalf("%s: axe result: %v", where, err)
	}
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			var at []string
			for _, n := range v.Nodes {
				at = append(at, fmt.Sprint(n.Target...))
			}
			t.Errorf("%s: %s violation %s (%s) at %s", where, v.Impact, v.ID, v.Help, strings.Join(at, ", "))
		}
	}
}
