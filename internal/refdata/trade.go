package refdata

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

// Trade files of BPS's Perdagangan Antar Wilayah (PAW) survey, embedded.
const (
	TradePartnersFile = "statistics/interprovincial_trade_top_partners.csv"
	TradeTotalsFile   = "statistics/interprovincial_trade_paw2022_summary_by_province.csv"
)

// Directions of a trade cell, as seen by the reporting province.
const (
	PurchasesFrom = "purchases_from"
	SalesTo       = "sales_to"
)

// TradeFlow is one cell of the PAW table: what the Reporter province bought
// from (PurchasesFrom) or sold to (SalesTo) the Partner, in whole rupiah.
// Rank is the partner's place in the reporter's top three (0 when the
// source gives none). SurveyYear is 0 when the source does not state it
// (YearText keeps what it says). Flag, when not empty, says why the cell
// must not be summed with the others: it is shown, never added silently.
type TradeFlow struct {
	Reporter    string `json:"reporter"`
	Direction   string `json:"direction"`
	Rank        int    `json:"rank,omitempty"`
	Partner     string `json:"partner"`
	Rupiah      int64  `json:"rupiah"`
	Unit        string `json:"unit"`
	AsPublished string `json:"as_published"`
	SurveyYear  int    `json:"survey_year,omitempty"`
	YearText    string `json:"year_text"`
	Publisher   string `json:"publisher"`
	SourceURL   string `json:"source_url"`
	Note        string `json:"note,omitempty"`
	Flag        string `json:"flag,omitempty"`
}

// PAW2022 says whether the cell belongs to the 2022 survey round and can be
// used as published: no flag, year 2022.
func (f TradeFlow) PAW2022() bool { return f.Flag == "" && f.SurveyYear == 2022 }

var tradeHeader = []string{"reporter_code", "reporter_bps_code", "reporter", "direction", "rank", "partner_code",
	"partner_bps_code", "partner", "value", "unit", "value_as_published", "survey_year", "publisher", "source_url", "note"}

// tradeScale maps the units of the trade table to the word money.Parse
// reads. A cell without a unit takes the column's (trillion) and is flagged.
var tradeScale = map[string]string{
	"trillion Rp":         "triliun",
	"billion Rp (miliar)": "miliar",
	"unit not given in source (column is trillion Rp)": "triliun",
}

// table reads a CSV with exactly the given header and calls row for each
// record with a cell reader; errors name "baris N, kolom M (name)". It is
// all or nothing: any bad cell fails the whole file.
func table(r io.Reader, header []string, row func(cell func(col string) string, bad func(col, id, en string)) error) error {
	var v dagang.Validation
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		v.Add("baris 1", "berkas kosong atau tidak dapat dibaca", "empty or unreadable file")
		return v.Err()
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\ufeff")
	}
	col := map[string]int{}
	for i, name := range header {
		v.Check(i < len(head) && strings.TrimSpace(head[i]) == name, fmt.Sprintf("baris 1, kolom %d (%s)", i+1, name),
			fmt.Sprintf("judul kolom harus %q", name), fmt.Sprintf("the column header must be %q", name))
		col[name] = i
	}
	if len(head) != len(header) {
		v.Add("baris 1", fmt.Sprintf("jumlah kolom %d, seharusnya %d", len(head), len(header)),
			fmt.Sprintf("%d columns, want %d", len(head), len(header)))
	}
	if err := v.Err(); err != nil {
		return err
	}
	rows := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			v.Add(fmt.Sprintf("baris %d", line), "format CSV rusak", "malformed CSV")
			break
		}
		if len(rec) != len(header) {
			v.Add(fmt.Sprintf("baris %d", line), fmt.Sprintf("jumlah kolom %d, seharusnya %d", len(rec), len(header)),
				fmt.Sprintf("%d columns, want %d", len(rec), len(header)))
			continue
		}
		rows++
		cell := func(name string) string { return strings.TrimSpace(rec[col[name]]) }
		bad := func(name, id, en string) {
			v.Add(fmt.Sprintf("baris %d, kolom %d (%s)", line, col[name]+1, name), id, en)
		}
		if err := row(cell, bad); err != nil {
			return err
		}
	}
	if rows == 0 && v.Err() == nil {
		v.Add("baris 2", "berkas tidak berisi data", "the file holds no data rows")
	}
	return v.Err()
}

// checkProvince reports a cell that is not a two-digit province code.
func checkProvince(code, col string, bad func(col, id, en string)) {
	if !dagang.ValidProvinceCode(code) {
		bad(col, "kode provinsi harus dua angka (Kemendagri)", "the province code must be two digits (Kemendagri)")
	}
}

// checkSource reports a row without its publisher or an http(s) source.
func checkSource(cell func(string) string, bad func(col, id, en string)) {
	if cell("publisher") == "" {
		bad("publisher", "penerbit wajib diisi", "the publisher is required")
	}
	if u := cell("source_url"); !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		bad("source_url", "sumber harus URL http atau https", "the source must be an http or https URL")
	}
}

// rupiah turns a decimal figure with a point ("31.66") in a scale word
// ("triliun") into whole rupiah through internal/money.
func rupiah(value, scale string) (int64, error) {
	if _, err := strconv.ParseFloat(value, 64); err != nil || strings.Contains(value, ",") {
		return 0, fmt.Errorf("not a number")
	}
	return money.Parse(strings.Replace(value, ".", ",", 1) + " " + scale)
}

// ParseTrade reads the PAW top-partners table (layout of
// interprovincial_trade_top_partners.csv), all rows or none. Cells whose
// unit the source does not give are flagged.
func ParseTrade(r io.Reader) ([]TradeFlow, error) {
	var out []TradeFlow
	err := table(r, tradeHeader, func(cell func(string) string, bad func(col, id, en string)) error {
		f := TradeFlow{Reporter: cell("reporter_code"), Direction: cell("direction"), Partner: cell("partner_code"),
			Unit: cell("unit"), AsPublished: cell("value_as_published"), YearText: cell("survey_year"),
			Publisher: cell("publisher"), SourceURL: cell("source_url"), Note: cell("note")}
		checkProvince(f.Reporter, "reporter_code", bad)
		checkProvince(f.Partner, "partner_code", bad)
		if f.Direction != PurchasesFrom && f.Direction != SalesTo {
			bad("direction", "arah harus purchases_from atau sales_to", "the direction must be purchases_from or sales_to")
		}
		if s := cell("rank"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				bad("rank", "peringkat harus bilangan bulat 1 atau lebih, atau kosong", "the rank must be a whole number from 1, or empty")
			}
			f.Rank = n
		}
		scale, ok := tradeScale[f.Unit]
		if !ok {
			bad("unit", "satuan harus \"trillion Rp\" atau \"billion Rp (miliar)\"", "the unit must be \"trillion Rp\" or \"billion Rp (miliar)\"")
		}
		if f.Unit != "trillion Rp" && f.Unit != "billion Rp (miliar)" {
			f.Flag = "satuan tidak tercantum di sumber (kolom bersatuan triliun) / unit not given in the source"
		}
		var err error
		if f.Rupiah, err = rupiah(cell("value"), scale); err != nil || f.Rupiah < 0 {
			bad("value", "nilai harus angka tidak negatif dengan titik desimal (contoh 31.66)", "the value must be a non-negative number with a decimal point (e.g. 31.66)")
		}
		if y, err := strconv.Atoi(f.YearText); err == nil {
			f.SurveyYear = y
		} else {
			f.Flag = "putaran survei lain, tahun tidak disebut / another survey round, year not stated"
		}
		checkSource(cell, bad)
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// TradeTotal is one province's total PAW purchases and sales in rupiah,
// with the text as published. A total is nil when the cell is not a plain
// figure of the column's unit; Flag then says why.
type TradeTotal struct {
	Province  string `json:"province"`
	Year      int    `json:"year"`
	Purchases *int64 `json:"purchases_rupiah"`
	Sales     *int64 `json:"sales_rupiah"`
	Publisher string `json:"publisher"`
	SourceURL string `json:"source_url"`
	Note      string `json:"note,omitempty"`
	Flag      string `json:"flag,omitempty"`
}

var totalsHeader = []string{"kemendagri_code", "bps_code", "province", "survey_year", "sea_transport_mode_share",
	"purchase_volume_total", "purchase_value_trillion_rp", "purchase_top_commodities", "purchase_top_origins",
	"sales_volume_total", "sales_value_trillion_rp", "sales_top_commodities", "sales_top_destinations",
	"publisher", "source_url", "note"}

// ParseTradeTotals reads the PAW summary table, all rows or none. A value
// cell carrying a unit word ("993.87 Miliar") or a row whose note doubts a
// value ("implausibly large") is flagged and its total left out.
func ParseTradeTotals(r io.Reader) ([]TradeTotal, error) {
	var out []TradeTotal
	err := table(r, totalsHeader, func(cell func(string) string, bad func(col, id, en string)) error {
		t := TradeTotal{Province: cell("kemendagri_code"), Publisher: cell("publisher"), SourceURL: cell("source_url"), Note: cell("note")}
		checkProvince(t.Province, "kemendagri_code", bad)
		y, err := strconv.Atoi(cell("survey_year"))
		if err != nil {
			bad("survey_year", "tahun survei harus bilangan bulat", "the survey year must be a whole number")
		}
		t.Year = y
		doubt := strings.Contains(strings.ToLower(t.Note), "implausib") || strings.Contains(strings.ToLower(t.Note), "although the column")
		for _, c := range []struct {
			col string
			dst **int64
		}{{"purchase_value_trillion_rp", &t.Purchases}, {"sales_value_trillion_rp", &t.Sales}} {
			s := cell(c.col)
			v, err := rupiah(s, "triliun")
			switch {
			case s == "":
			case err != nil:
				t.Flag = "nilai bukan angka pada satuan kolom: " + s
			case doubt && strings.Contains(t.Note, s):
				t.Flag = "nilai diragukan oleh catatan sumber / value doubted by the source note"
			default:
				*c.dst = &v
			}
		}
		checkSource(cell, bad)
		out = append(out, t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Trade returns the embedded PAW cells, with a cell flagged when it exceeds
// its reporter's own published total for that direction.
func Trade() ([]TradeFlow, []TradeTotal, error) {
	return TradeFrom(nil, nil)
}

// TradeFrom reads the PAW cells and totals from the given CSVs, or from the
// embedded files where one is nil, and flags cells above their totals.
func TradeFrom(partners, totals []byte) ([]TradeFlow, []TradeTotal, error) {
	var err error
	if partners == nil {
		if partners, err = File(TradePartnersFile); err != nil {
			return nil, nil, err
		}
	}
	if totals == nil {
		if totals, err = File(TradeTotalsFile); err != nil {
			return nil, nil, err
		}
	}
	flows, err := ParseTrade(bytes.NewReader(partners))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", TradePartnersFile, err)
	}
	sums, err := ParseTradeTotals(bytes.NewReader(totals))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", TradeTotalsFile, err)
	}
	FlagAboveTotals(flows, sums)
	return flows, sums, nil
}

// FlagAboveTotals flags every unflagged cell larger than its reporter's
// published total for the same direction: one of the two is a typo.
func FlagAboveTotals(flows []TradeFlow, totals []TradeTotal) {
	byProv := map[string]TradeTotal{}
	for _, t := range totals {
		byProv[t.Province] = t
	}
	for i, f := range flows {
		t, ok := byProv[f.Reporter]
		if !ok || f.Flag != "" {
			continue
		}
		total := t.Sales
		if f.Direction == PurchasesFrom {
			total = t.Purchases
		}
		if total != nil && f.Rupiah > *total {
			flows[i].Flag = "melebihi total provinsi pelapor (" + money.Format(*total) + ") / exceeds the reporter's own total"
		}
	}
}
