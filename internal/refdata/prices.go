package refdata

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"time"
)

// PricesFile is the embedded premium-rice price table of Badan Pangan
// Nasional.
const PricesFile = "statistics/price_rice_premium_by_province_bapanas.csv"

// Price is a consumer price of one item in one province on one date, in
// whole rupiah per kilogram, as the source returned it (no averaging).
type Price struct {
	Province  string `json:"province"`
	Commodity string `json:"commodity"`
	Item      string `json:"item"`
	Level     string `json:"level"`
	Date      string `json:"date"` // YYYY-MM-DD
	RupiahKg  int64  `json:"rupiah_per_kg"`
	Statistic string `json:"statistic"`
	Publisher string `json:"publisher"`
	SourceURL string `json:"source_url"`
	Note      string `json:"note,omitempty"`
}

var pricesHeader = []string{"kemendagri_code", "bps_code", "province", "commodity", "item", "price_level", "date",
	"value", "unit", "statistic", "publisher", "source_url", "note"}

// ParsePrices reads a price table in the layout of
// price_rice_premium_by_province_bapanas.csv, all rows or none. An empty
// value is a price the source did not return: a gap, never a price.
func ParsePrices(r io.Reader) ([]Price, error) {
	var out []Price
	err := table(r, pricesHeader, func(cell func(string) string, bad func(col, id, en string)) error {
		p := Price{Province: cell("kemendagri_code"), Commodity: cell("commodity"), Item: cell("item"), Level: cell("price_level"),
			Date: cell("date"), Statistic: cell("statistic"), Publisher: cell("publisher"), SourceURL: cell("source_url"), Note: cell("note")}
		if p.Province != "00" {
			checkProvince(p.Province, "kemendagri_code", bad)
		}
		if p.Commodity == "" || p.Item == "" {
			bad("item", "komoditas dan item wajib diisi", "the commodity and item are required")
		}
		if _, err := time.Parse(time.DateOnly, p.Date); err != nil {
			bad("date", "tanggal harus TTTT-BB-HH", "the date must be YYYY-MM-DD")
		}
		if cell("unit") != "Rp/kg" {
			bad("unit", "satuan harus Rp/kg", "the unit must be Rp/kg")
		}
		checkSource(cell, bad)
		v := cell("value")
		if v == "" {
			return nil
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			bad("value", "harga harus bilangan bulat rupiah per kg (contoh 12230)", "the price must be whole rupiah per kg (e.g. 12230)")
		}
		p.RupiahKg = n
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Prices returns the embedded prices.
func Prices() ([]Price, error) { return PricesFrom(nil) }

// PricesFrom reads prices from the given CSV, or the embedded file if nil.
func PricesFrom(b []byte) ([]Price, error) {
	if b == nil {
		var err error
		if b, err = File(PricesFile); err != nil {
			return nil, err
		}
	}
	ps, err := ParsePrices(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", PricesFile, err)
	}
	return ps, nil
}
