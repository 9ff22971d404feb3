package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/dagang/dagang"
)

// coverageFlow goes from the partner ranking to the statistics coverage
// page, as staff would, and reads there: Kalsel's rice decided by a BPS
// figure with its year and source, the old-territory gap of Papua's eggs
// shown as a gap, and what the office can import.
func (b *browser) coverageFlow(t *testing.T) {
	ctx := b.tab(t, dagang.UserStaff)
	b.run(t, ctx, "open the ranking and follow the coverage link",
		chromedp.Navigate(b.url+"/partners/rank"),
		chromedp.WaitVisible(css("#coverage-link")),
		chromedp.Click(css("#coverage-link")),
		chromedp.WaitVisible(css("#coverage-grid")),
	)
	if loc := get(t, b, ctx, "read the address", chromedp.Location()); !strings.HasSuffix(loc, "/statistics/coverage") {
		t.Errorf("the coverage link led to %s", loc)
	}
	rice := get(t, b, ctx, "read Kalsel's rice", text(`[data-cell="63-beras"]`))
	for _, want := range []string{"surplus", "ton GKG", "2024", "BPS"} {
		if !strings.Contains(rice, want) {
			t.Errorf("Kalsel rice cell %q lacks %q", rice, want)
		}
	}
	eggs := get(t, b, ctx, "read Papua's eggs", text(`[data-cell="91-telur"]`))
	if !strings.Contains(eggs, "belum diketahui") || !strings.Contains(eggs, "sebelum pemekaran Papua 2022") {
		t.Errorf("Papua eggs cell %q does not show the old-territory gap", eggs)
	}
	imp := get(t, b, ctx, "read what can be imported", text("#import"))
	if !strings.Contains(imp, "dagang import statistics") || !strings.Contains(imp, "bps_code") {
		t.Errorf("import section %q", imp)
	}
}
