package complement

import (
	"encoding/csv"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
)

// productionHeader is the layout of commodity_production_by_province.csv.
var productionHeader = []string{"kemendagri_code", "province", "commodity", "measure", "year", "value", "unit", "status", "publisher", "source_url", "note"}

// consumptionHeader is the layout of consumption_per_capita.csv.
var consumptionHeader = []string{"kemendagri_code", "scope", "commodity", "measure", "year", "value", "unit", "status", "publisher", "source_url", "note"}

// csvCommodity maps the commodity names of the statistics files to
// catalogue IDs. Other names pass through with "_" turned into "-".
var csvCommodity = map[string]string{
	"rice":         "beras",
	"maize":        "jagung",
	"eggs":         "telur",
	"chicken_meat": "daging-ayam",
	"beef":         "daging-sapi",
}

// optionalColumn may follow the known columns of either layout: the BPS
// province code that the province statistics tables carry at the end.
const optionalColumn = "bps_code"

// ParseProductionCSV reads production statistics in the layout of
// commodity_production_by_province.csv. It is all or nothing: on any bad
// cell it returns nil and an EINVALID *dagang.Error whose Fields name
// every bad cell as "baris N, kolom M (name)", row 1 being the header.
// Values and units are kept as published; see Normalize.
func ParseProductionCSV(r io.Reader) ([]Evidence, error) {
	return parseStatistics(r, productionHeader, Production, "prod")
}

// ParseConsumptionCSV reads per-capita consumption norms in the layout of
// consumption_per_capita.csv (unit "kg per capita per month" and the like),
// with the same all-or-nothing rule as ParseProductionCSV. The evidence
// has Kind ConsumptionPerCapita; EstimateConsumption turns it into
// consumption. A row whose unit is not per person ("million tonnes per
// year") is a consumption total and has Kind Consumption.
func ParseConsumptionCSV(r io.Reader) ([]Evidence, error) {
	return parseStatistics(r, consumptionHeader, ConsumptionPerCapita, "kons")
}

func parseStatistics(r io.Reader, header []string, kind Kind, prefix string) ([]Evidence, error) {
	var v dagang.Validation
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		v.Add("baris 1", "berkas kosong: baris judul tidak ada", "empty file: the header row is missing")
		return nil, v.Err()
	}
	if err != nil {
		addReadError(&v, err, 1)
		return nil, v.Err()
	}
	if len(head) > 0 {
		head[0] = strings.TrimPrefix(head[0], "\ufeff") // a BOM from spreadsheets
	}
	for i, name := range header {
		field := fmt.Sprintf("baris 1, kolom %d (%s)", i+1, name)
		v.Check(i < len(head) && strings.TrimSpace(head[i]) == name, field,
			fmt.Sprintf("judul kolom harus %q", name), fmt.Sprintf("the column header must be %q", name))
	}
	if len(head) == len(header)+1 && strings.TrimSpace(head[len(header)]) == optionalColumn {
		header = append(slices.Clip(header), optionalColumn)
	}
	if len(head) > len(header) {
		v.Add(fmt.Sprintf("baris 1, kolom %d", len(header)+1),
			fmt.Sprintf("kolom berlebih: hanya %d kolom yang dikenal (ditambah %s di akhir)", len(header), optionalColumn),
			fmt.Sprintf("extra column: only %d columns are known (plus %s at the end)", len(header), optionalColumn))
	}
	if err := v.Err(); err != nil {
		return nil, err
	}

	var out []Evidence
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := cr.FieldPos(0)
			addReadError(&v, err, line)
			break
		}
		row, _ := cr.FieldPos(0)
		e, ok := parseRow(&v, rec, header, row, kind, prefix)
		if ok && e.Value == nil {
			continue // not published: a gap, never a figure
		}
		if !ok {
			continue
		}
		if first, dup := seen[e.ID]; dup {
			v.Add(fmt.Sprintf("baris %d", row),
				fmt.Sprintf("baris ganda: provinsi, ukuran, tahun dan sumber sama dengan baris %d", first),
				fmt.Sprintf("duplicate row: same province, measure, year and source as row %d", first))
			continue
		}
		seen[e.ID] = row
		out = append(out, e)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		v.Add("baris 2", "berkas tidak berisi data", "the file holds no data rows")
		return nil, v.Err()
	}
	return out, nil
}

// addReadError records a CSV syntax error at its line and character.
func addReadError(v *dagang.Validation, err error, line int) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		id, en := "format CSV rusak", "malformed CSV"
		switch {
		case errors.Is(pe.Err, csv.ErrBareQuote):
			id, en = "tanda kutip \" di dalam kolom yang tidak dikutip", "a \" inside an unquoted field"
		case errors.Is(pe.Err, csv.ErrQuote):
			id, en = "tanda kutip \" tidak ditutup atau salah tempat", "an unclosed or misplaced \""
		}
		// csv counts bytes, not columns: name the character position.
		v.Add(fmt.Sprintf("baris %d, karakter %d", pe.Line, pe.Column), id, en)
		return
	}
	v.Add(fmt.Sprintf("baris %d", line), "berkas tidak dapat dibaca", "the file cannot be read")
}

// parseRow checks every cell of one record and returns the evidence when
// all are valid.
func parseRow(v *dagang.Validation, rec, header []string, row int, kind Kind, prefix string) (Evidence, bool) {
	bad := false
	check := func(ok bool, col int, id, en string) {
		if !ok {
			bad = true
			v.Add(fmt.Sprintf("baris %d, kolom %d (%s)", row, col+1, header[col]), id, en)
		}
	}
	if len(rec) != len(header) {
		v.Add(fmt.Sprintf("baris %d", row),
			fmt.Sprintf("jumlah kolom %d, seharusnya %d", len(rec), len(header)),
			fmt.Sprintf("%d columns, want %d", len(rec), len(header)))
		return Evidence{}, false
	}
	cell := func(i int) string { return strings.TrimSpace(rec[i]) }

	code := cell(0)
	check(len(code) == 2 && isDigits(code), 0, "kode provinsi harus dua angka (Kemendagri, 00 = nasional)",
		"the province code must be two digits (Kemendagri, 00 = national)")
	check(cell(1) != "", 1, "nama wilayah wajib diisi", "the region name is required")
	commodity := cell(2)
	check(isSlug(commodity), 2, "komoditas wajib diisi dengan huruf kecil, angka, - atau _",
		"the commodity is required: lower-case letters, digits, - or _")
	measure := cell(3)
	check(isSlug(measure), 3, "ukuran wajib diisi dengan huruf kecil, angka, - atau _",
		"the measure is required: lower-case letters, digits, - or _")
	year, err := strconv.Atoi(cell(4))
	check(err == nil && year >= 1900 && year <= 2100, 4, "tahun harus bilangan bulat 1900–2100",
		"the year must be a whole number 1900–2100")
	// An empty value is a figure the source did not publish ("-"); the
	// note must then say so, so that a forgotten cell is not taken for one.
	var pv *float64
	if cell(5) == "" {
		check(len(rec) > 10 && cell(10) != "", 5,
			"nilai kosong hanya boleh bila kolom note menjelaskan bahwa sumber tidak menerbitkannya",
			"an empty value is allowed only when the note says the source did not publish it")
	} else {
		value, err := strconv.ParseFloat(cell(5), 64)
		check(err == nil && !math.IsNaN(value) && !math.IsInf(value, 0) && value >= 0, 5,
			"nilai harus angka tidak negatif dengan titik desimal (contoh 875546.25)",
			"the value must be a non-negative number with a decimal point (e.g. 875546.25)")
		pv = &value
	}
	unit := cell(6)
	if kind == ConsumptionPerCapita {
		// A measure named per capita needs a per-capita unit; any other
		// measure is a consumption total in its own unit.
		perCapita := isPerCapitaUnit(unit)
		check(unit != "" && (perCapita || !strings.Contains(measure, "per_capita")), 6,
			"satuan harus berbentuk \"kg per capita per month\" (ukuran per kapita)",
			"the unit must look like \"kg per capita per month\" (a per-capita measure)")
		if !perCapita {
			kind = Consumption
		}
	} else {
		check(unit != "" && !isPerCapitaUnit(unit), 6, "satuan wajib diisi dan bukan per kapita",
			"the unit is required and must not be per capita")
	}
	status, ok := parseStatus(cell(7))
	check(ok, 7, "status harus diawali final, preliminary, as published atau estimate",
		"the status must start with final, preliminary, as published or estimate")
	check(cell(8) != "", 8, "penerbit wajib diisi", "the publisher is required")
	u, err := url.Parse(cell(9))
	check(err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "", 9,
		"sumber harus URL http atau https", "the source must be an http or https URL")
	if bad {
		return Evidence{}, false
	}
	if c, ok := csvCommodity[commodity]; ok {
		commodity = c
	} else {
		commodity = strings.ReplaceAll(commodity, "_", "-")
	}
	h := fnv.New32a()
	h.Write([]byte(cell(9)))
	return Evidence{
		ID:         fmt.Sprintf("%s-%s-%s-%d-%08x", prefix, code, measure, year, h.Sum32()),
		Province:   code,
		Commodity:  commodity,
		Kind:       kind,
		Measure:    measure,
		Value:      pv,
		Unit:       unit,
		Year:       year,
		Status:     status,
		StatusNote: cell(7),
		Source:     Source{Publisher: cell(8), URL: cell(9)},
		Note:       cell(10),
	}, true
}

// parseStatus reads the status column, which starts with a keyword and
// may go on with detail in parentheses.
func parseStatus(s string) (Status, bool) {
	l := strings.ToLower(s)
	switch {
	case strings.HasPrefix(l, "final"):
		return StatusFinal, true
	case strings.HasPrefix(l, "preliminary"), strings.HasPrefix(l, "angka sementara"):
		return StatusPreliminary, true
	case strings.HasPrefix(l, "as published"), strings.HasPrefix(l, "as exported"):
		return StatusPublished, true
	case strings.HasPrefix(l, "estimate"), strings.HasPrefix(l, "estimasi"):
		return StatusEstimate, true
	}
	return "", false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func isSlug(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return s != ""
}
