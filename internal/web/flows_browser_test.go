package web_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
)

// dealFromEventFlow records a deal from the page of the 2019 mission:
// the form's date is the event's, and the save ends on the deal's page,
// dated in July 2019 and saying it was saved.
func (b *browser) dealFromEventFlow(t *testing.T, story *demo.Story) {
	ctx := b.tab(t, dagang.UserStaff)
	ev := story.Mission2019
	b.run(t, ctx, "open the 2019 mission",
		chromedp.Navigate(fmt.Sprintf("%s/events/%d", b.url, ev.ID)),
		chromedp.WaitVisible(css(`a[href^="/deals/new?event_id="]`)),
		chromedp.Click(css(`a[href^="/deals/new?event_id="]`)),
		chromedp.WaitVisible(css("#f-deal-date")),
	)
	if date := get(t, b, ctx, "read the date", chromedp.Value(css("#f-deal-date"))); date != "2019-07-10" {
		t.Errorf("a deal from the July 2019 event defaults to %q, want 2019-07-10", date)
	}
	org := strconv.FormatInt(story.Orgs[demo.DemoCounterpart].ID, 10)
	b.run(t, ctx, "record the deal",
		chromedp.SetValue(css("#f-direction"), "buy"),
		chromedp.SetValue(css("#f-business-id"), strconv.FormatInt(story.Businesses["d1"].ID, 10)),
		chromedp.SetValue(css("#f-counterpart-id"), org),
		chromedp.SetValue(css("#f-commodity-id"), strconv.FormatInt(story.Commodities["jagung"].ID, 10)),
		chromedp.SendKeys(css("#f-value-idr"), "Rp750 juta"),
		chromedp.Submit(css("#f-value-idr")),
		chromedp.WaitVisible(css("#flash, #error-summary")),
	)
	if errs, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("#error-summary") || {}).innerText || ""`)); errs != "" {
		t.Fatalf("the deal was refused:\n%s", errs)
	}
	if date := get(t, b, ctx, "read the deal's date", text("#deal-date")); date != "10 Juli 2019" {
		t.Errorf("the deal is dated %q, want 10 Juli 2019", date)
	}
	if flash := get(t, b, ctx, "read the message", text("#flash")); flash != "Transaksi tersimpan." {
		t.Errorf("message after the save = %q", flash)
	}
	if event := get(t, b, ctx, "read the deal", text("#deal-facts")); !strings.Contains(event, ev.Name) {
		t.Errorf("the deal's page does not name its event:\n%s", event)
	}
}

// overrideFlow saves a staff decision on the 2019 mission's delegation:
// one that contradicts the proposal comes back on the same page with the
// reason typed kept and the refusal beside the action; the corrected one
// is saved and said so.
func (b *browser) overrideFlow(t *testing.T, story *demo.Story) {
	ctx := b.tab(t, dagang.UserStaff)
	page := fmt.Sprintf("%s/events/%d/delegation", b.url, story.Mission2019.ID)
	const reason = "Pembeli hotel di Balikpapan meminta telur"
	b.run(t, ctx, "open the delegation",
		chromedp.Navigate(page),
		chromedp.WaitVisible(css("#ov-business")),
	)
	chosen := get(t, b, ctx, "read the first chosen", chromedp.Evaluate[string](`document.querySelector("#chosen tbody tr td:nth-child(2)").innerText`))
	b.run(t, ctx, "add one already chosen",
		chromedp.SetValue(css("#ov-action"), "add"),
		chromedp.SendKeys(css("#ov-reason"), reason),
		chromedp.Submit(css("#ov-reason")),
		chromedp.WaitVisible(css("#ov-action-err")),
	)
	if msg := get(t, b, ctx, "read the refusal", text("#ov-action-err")); !strings.Contains(msg, chosen) || !strings.Contains(msg, "sudah terpilih") {
		t.Errorf("refusal beside the action = %q, want it to name %q", msg, chosen)
	}
	if kept := get(t, b, ctx, "read the reason", chromedp.Value(css("#ov-reason"))); kept != reason {
		t.Errorf("the reason typed became %q", kept)
	}
	if h1 := get(t, b, ctx, "read the heading", text("h1")); !strings.Contains(h1, story.Mission2019.Name) {
		t.Errorf("the refusal is not on the delegation page: %q", h1)
	}
	b.run(t, ctx, "take it out instead",
		chromedp.SetValue(css("#ov-action"), "remove"),
		chromedp.Submit(css("#ov-reason")),
		chromedp.WaitVisible(css("#flash")),
	)
	if flash := get(t, b, ctx, "read the message", text("#flash")); flash != "Keputusan staf disimpan." {
		t.Errorf("message after the override = %q", flash)
	}
	if list := get(t, b, ctx, "read the decisions", text("#overrides ul")); !strings.Contains(list, chosen) || !strings.Contains(list, reason) {
		t.Errorf("staff decisions do not name %q with the reason:\n%s", chosen, list)
	}
}

// applicationFlow: a business whose products the destination does not
// need sees why on the event's page, in place of the button.
func (b *browser) applicationFlow(t *testing.T, story *demo.Story) {
	ctx := b.tab(t, dagang.UserBusiness)
	b.run(t, ctx, "open the 2019 mission",
		chromedp.Navigate(fmt.Sprintf("%s/events/%d", b.url, story.Mission2019.ID)),
		chromedp.WaitVisible(css("#apply-reason")),
	)
	if why := get(t, b, ctx, "read the reason", text("#apply-reason")); !strings.Contains(why, "tidak termasuk kebutuhan") {
		t.Errorf("the reason shown = %q", why)
	}
	if n := get(t, b, ctx, "count the buttons", chromedp.Evaluate[int](`document.querySelectorAll("#apply button").length`)); n != 0 {
		t.Errorf("an application the rules refuse is offered (%d buttons)", n)
	}
	b.run(t, ctx, "follow the way out",
		chromedp.Click(css(`#apply a[href$="/edit"]`)),
		chromedp.WaitVisible(css("#f-name")),
	)
}

// dealLinkFlow follows a deal link of the report to the deal's page.
func (b *browser) dealLinkFlow(t *testing.T) {
	ctx := b.tab(t, dagang.UserStaff)
	b.run(t, ctx, "follow a deal of the report",
		chromedp.Navigate(b.url+"/laporan"),
		chromedp.WaitVisible(css(`main a[href^="/deals/"]`)),
		chromedp.Click(css(`main a[href^="/deals/"]`)),
		chromedp.WaitVisible(css("#deal-facts")),
	)
	if h2 := get(t, b, ctx, "read the page", text("main h2")); h2 != "Rincian transaksi" {
		t.Errorf("the deal link ends on %q", h2)
	}
}
