package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/dagang/dagang"
)

// TestLaporanBrowser opens the report page in Chromium: its headline, the
// bar, balance, Sankey and map charts drawn by static/laporan.js, and an
// import through the page with its progress, without CSP errors.
func TestLaporanBrowser(t *testing.T) {
	e := newDemoEnv(t, nil)
	b := startBrowser(t, e.srv.URL)
	ctx := b.tab(t, dagang.UserStaff)
	b.run(t, ctx, "open the report",
		chromedp.Navigate(b.url+"/laporan"),
		chromedp.WaitVisible(css(`[data-laporan-chart="bars"] svg`)),
		chromedp.WaitVisible(css(`[data-laporan-chart="balance"] svg`)),
		chromedp.WaitVisible(css(`[data-laporan-chart="sankey"] svg path`)),
		chromedp.WaitVisible(css(`[data-laporan-chart="map"] svg path`)),
	)
	if h := get(t, b, ctx, "headline", text("#headline")); !strings.Contains(h, "Total transaksi Rp119 miliar dari 3 kegiatan temu bisnis dan misi dagang") {
		t.Errorf("headline = %q", h)
	}
	b.screenshot(t, ctx, "laporan")

	file := filepath.Join(t.TempDir(), "mitra.csv")
	os.WriteFile(file, []byte("nama,provinsi\nPT Uji Balikpapan,Kalimantan Timur\n"), 0o644)
	b.run(t, ctx, "import through the page",
		chromedp.Navigate(b.url+"/laporan/impor"),
		chromedp.WaitVisible(css("#import-file")),
		chromedp.SetValue(css("#import-kind"), "organisations"),
		chromedp.SetUploadFiles(css("#import-file"), []string{file}),
		chromedp.Click(css(`#import-form button[type="submit"]`)),
	)
	deadline := time.Now().Add(10 * time.Second)
	for {
		msg := get(t, b, ctx, "import message", text("#import-message"))
		if strings.Contains(msg, "1 baris diimpor") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("import message = %q", msg)
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.screenshot(t, ctx, "laporan-impor")
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.cspErrors) > 0 {
		t.Errorf("the Content-Security-Policy blocked something:\n%s", strings.Join(b.cspErrors, "\n"))
	}
}
