package refdata

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"strings"

	"github.com/dagang/dagang"
)

// Layouts of the reference tables an office can import to replace the
// embedded ones. Production and consumption figures are statistics (one
// row each in the store); these are kept as whole tables.
const (
	LayoutTradePartners = "trade_top_partners" // interprovincial_trade_top_partners.csv
	LayoutTradeTotals   = "trade_totals"       // interprovincial_trade_paw2022_summary_by_province.csv
	LayoutPrices        = "prices"             // price_rice_premium_by_province_bapanas.csv
)

var layoutHeaders = map[string][]string{
	LayoutTradePartners: tradeHeader,
	LayoutTradeTotals:   totalsHeader,
	LayoutPrices:        pricesHeader,
}

// LayoutHeader returns the header line of a layout.
func LayoutHeader(layout string) string { return strings.Join(layoutHeaders[layout], ",") }

// DetectLayout returns the layout whose first column names the CSV's header
// starts with ("" when none does).
func DetectLayout(b []byte) string {
	first, err := csv.NewReader(bufio.NewReader(bytes.NewReader(b))).Read()
	if err != nil || len(first) == 0 {
		return ""
	}
	first[0] = strings.TrimPrefix(first[0], "\ufeff")
	for name, h := range layoutHeaders {
		if len(first) >= 4 && strings.Join(first[:4], ",") == strings.Join(h[:4], ",") {
			return name
		}
	}
	return ""
}

// CheckTable reads a table in its layout with the same checks as the
// embedded copy, all rows or none, and returns how many rows it holds.
// Errors name the row and column ("baris 3, kolom 9 (value)").
func CheckTable(layout string, b []byte) (int, error) {
	switch layout {
	case LayoutTradePartners:
		fs, err := ParseTrade(bytes.NewReader(b))
		return len(fs), err
	case LayoutTradeTotals:
		ts, err := ParseTradeTotals(bytes.NewReader(b))
		return len(ts), err
	case LayoutPrices:
		ps, err := ParsePrices(bytes.NewReader(b))
		return len(ps), err
	}
	return 0, dagang.Errorf(dagang.EINVALID, "tata letak tabel tidak dikenal: %s", "unknown table layout: %s", layout)
}
