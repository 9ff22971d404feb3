package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dagang/dagang"
)

// TestHomes: a business and a counterpart land on their own work, not on
// the office's dashboard; the office's people keep the dashboard.
func TestHomes(t *testing.T) {
	e := newPagesEnv(t)
	m := e.story.Mission2019
	tests := []struct {
		role         dagang.UserRole
		want, absent []string
	}{
		{dagang.UserBusiness, []string{"<h1>CV Kemiri Banua</h1>", `id="tile-profile"`, `id="profile"`, "NIB",
			fmt.Sprintf(`<a href="/events/%d">%s</a>`, m.ID, m.Name), "tidak termasuk kebutuhan Kaltim",
			`id="my-events"`, `href="/participations/`, "Transaksi yang menunggu laporan realisasi", `<a href="/deals/`},
			[]string{`class="chart`, "Provinsi mitra", "Target"}},
		{dagang.UserCounterpart, []string{`id="my-events"`, "Transaksi yang menunggu konfirmasi Anda", `id="tile-waiting"`},
			[]string{`class="chart`, "Provinsi mitra", `id="profile"`, `id="open-events"`}},
		{dagang.UserLeadership, []string{"Target", `id="tile-total"`}, []string{`id="tile-own"`, `id="my-events"`}},
	}
	for _, tt := range tests {
		t.Run(string(tt.role), func(t *testing.T) {
			status, _, body := e.do(t, tt.role, "GET", "/", nil)
			if status != 200 {
				t.Fatalf("status %d", status)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("home lacks %q", w)
				}
			}
			for _, w := range tt.absent {
				if strings.Contains(body, w) {
					t.Errorf("home shows %q", w)
				}
			}
			if _, _, en := e.do(t, tt.role, "GET", "/?lang=en", nil); strings.Contains(en, "Transaksi yang menunggu") {
				t.Error("the English home is Indonesian")
			}
		})
	}
	// A counterpart's deal awaiting its answer is listed until answered.
	_, _, body := e.do(t, dagang.UserCounterpart, "GET", "/", nil)
	if !strings.Contains(body, `<a href="/deals/`) {
		t.Fatalf("no deal awaits the counterpart's answer:\n%.3000s", body)
	}
}
