package refdata

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
)

// TestTradeEmbedded reads the PAW 2022 cells: Kalsel's sales to Jakarta
// in whole rupiah, and every problem cell flagged rather than summed.
func TestTradeEmbedded(t *testing.T) {
	flows, totals, err := Trade()
	if err != nil {
		t.Fatal(err)
	}
	var kalselDKI int64
	var flagged []string
	for _, f := range flows {
		if f.Reporter == "63" && f.Partner == "31" && f.Direction == SalesTo {
			kalselDKI = f.Rupiah
		}
		if f.Flag != "" {
			flagged = append(flagged, f.Reporter+">"+f.Partner)
		}
	}
	if kalselDKI != 31_660_000_000_000 {
		t.Errorf("Kalsel sales to DKI = %d, want 31660000000000", kalselDKI)
	}
	// No unit (Aceh, DKI), above the reporter's own total (Babel's 583.26 T
	// from Sumsel), another survey round (the two Kalsel–Jatim rows).
	if diff := cmp.Diff([]string{"11>12", "19>16", "31>32", "63>35", "63>35"}, flagged); diff != "" {
		t.Errorf("flagged cells (-want +got):\n%s", diff)
	}
	var doubted []string
	for _, tt := range totals {
		if tt.Flag != "" {
			doubted = append(doubted, tt.Province)
		}
	}
	if diff := cmp.Diff([]string{"75", "76"}, doubted); diff != "" {
		t.Errorf("flagged totals (-want +got):\n%s", diff)
	}
}

// TestParseTradeErrors names the row and column of every bad cell and
// keeps nothing of a bad file.
func TestParseTradeErrors(t *testing.T) {
	head := strings.Join(tradeHeader, ",") + "\n"
	got, err := ParseTrade(strings.NewReader(head +
		"63,63,Kalimantan Selatan,sales_to,1,31,31,DKI,31.66,trillion Rp,DKI (31.66),2022,BPS,https://x.id/a,\n" +
		"63,63,Kalimantan Selatan,sold,x,3,31,DKI,banyak,ton,DKI,2022,,ftp://x,\n"))
	if got != nil {
		t.Errorf("a bad file gave %d rows", len(got))
	}
	want := []string{"baris 3, kolom 6 (partner_code)", "baris 3, kolom 4 (direction)", "baris 3, kolom 5 (rank)",
		"baris 3, kolom 10 (unit)", "baris 3, kolom 9 (value)", "baris 3, kolom 13 (publisher)", "baris 3, kolom 14 (source_url)"}
	if diff := cmp.Diff(want, dagang.ErrorFields(err)); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestPricesEmbedded(t *testing.T) {
	ps, err := Prices()
	if err != nil {
		t.Fatal(err)
	}
	dates := map[string]int{}
	for _, p := range ps {
		dates[p.Date]++
		if p.Province == "63" && p.Date == "2022-12-30" && p.RupiahKg <= 0 {
			t.Errorf("Kalsel price %+v", p)
		}
	}
	if diff := cmp.Diff(map[string]int{"2022-12-30": 34, "2023-05-16": 34}, dates); diff != "" {
		t.Errorf("prices by date (-want +got):\n%s", diff)
	}
}
