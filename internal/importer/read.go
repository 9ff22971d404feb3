// Package importer reads businesses, buyers (organisations) and deals from
// Excel or CSV files, validates every row against the domain rules and the
// office's records, and reports every problem by row and column in
// Indonesian. Nothing is stored unless every row is valid; the store then
// writes all rows in one transaction.
package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/dagang/dagang"
	"github.com/xuri/excelize/v2"
)

// MaxFileSize bounds an uploaded or read file.
const MaxFileSize = 200 << 20

// table iterates over the rows of a sheet or CSV file; header first.
type table interface {
	next() ([]string, error) // io.EOF at the end
	merged() []string        // merged ranges that touch the header row
	close() error
}

// open reads an .xlsx (detected by its zip signature) or a CSV file
// (comma or semicolon separated, UTF-8 with or without BOM).
func open(r io.Reader) (table, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(4)
	if bytes.Equal(head, []byte("PK\x03\x04")) {
		f, err := excelize.OpenReader(io.LimitReader(br, MaxFileSize))
		if err != nil {
			return nil, fileError("berkas Excel tidak dapat dibaca: "+err.Error(), "the Excel file cannot be read: "+err.Error())
		}
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			f.Close()
			return nil, fileError("berkas Excel tidak berisi lembar kerja", "the Excel file has no sheet")
		}
		rows, err := f.Rows(sheets[0])
		if err != nil {
			f.Close()
			return nil, excelError(err)
		}
		return &xlsxTable{f: f, rows: rows, sheet: sheets[0]}, nil
	}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
		br.Discard(3)
	}
	first, _ := br.Peek(4096)
	line, _, _ := bytes.Cut(first, []byte("\n"))
	cr := csv.NewReader(br)
	if bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvTable{r: cr}, nil
}

type xlsxTable struct {
	f     *excelize.File
	rows  *excelize.Rows
	sheet string
}

// merged lists the merged ranges of the header row: only the first cell
// of a merge holds a value, so the columns under the others have no name.
func (t *xlsxTable) merged() []string {
	ms, err := t.f.GetMergeCells(t.sheet)
	if err != nil {
		return nil
	}
	var out []string
	for _, m := range ms {
		_, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		_, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 == nil && err2 == nil && r1 <= 1 && r2 >= 1 {
			out = append(out, m.GetStartAxis()+":"+m.GetEndAxis())
		}
	}
	return out
}

func (t *xlsxTable) next() ([]string, error) {
	if !t.rows.Next() {
		if err := t.rows.Error(); err != nil {
			return nil, excelError(err)
		}
		return nil, io.EOF
	}
	rec, err := t.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, excelError(err)
	}
	return rec, nil
}

// excelError is a damaged sheet: the file's fault, not the server's.
func excelError(err error) error {
	return fileError("lembar Excel rusak dan tidak dapat dibaca: "+err.Error(), "the Excel sheet is damaged and cannot be read: "+err.Error())
}

func (t *xlsxTable) close() error {
	t.rows.Close()
	return t.f.Close()
}

type csvTable struct{ r *csv.Reader }

func (t *csvTable) next() ([]string, error) {
	rec, err := t.r.Read()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, fileError(fmt.Sprintf("baris %d: format CSV rusak (%v)", pe.Line, pe.Err), fmt.Sprintf("line %d: malformed CSV (%v)", pe.Line, pe.Err))
	}
	return rec, err
}

func (t *csvTable) close() error { return nil }

func (t *csvTable) merged() []string { return nil }

func fileError(id, en string) error {
	return &dagang.Error{Code: dagang.EINVALID, Message: id, MessageEN: en, Fields: []dagang.FieldError{{Field: "file", Message: id, MessageEN: en}}}
}

// header maps the columns of the file to the kind's columns and returns
// how many cells of a row carry a named column. Unknown, blank, repeated
// and merged header cells are errors naming the cell: data under them
// would otherwise be silently dropped. Blank cells after the last name are
// no column; a row with data there is refused row by row.
func header(rec []string, cols []Column, merged []string) (map[string]int, int, error) {
	idx := map[string]int{}
	known := map[string]bool{}
	for _, c := range cols {
		known[c.Name] = true
	}
	width := 0
	for i, h := range rec {
		if strings.TrimSpace(h) != "" {
			width = i + 1
		}
	}
	var v dagang.Validation
	for _, m := range merged {
		v.Add("sel "+m, fmt.Sprintf("sel %s digabung (merge); pisahkan sel judul agar setiap kolom punya nama sendiri", m),
			fmt.Sprintf("cells %s are merged; unmerge the header so every column has its own name", m))
	}
	first := map[string]string{}
	for i, h := range rec[:width] {
		cell := cellName(i, 1)
		h = strings.ToLower(strings.TrimSpace(h))
		switch {
		case h == "":
			v.Add("sel "+cell, fmt.Sprintf("sel %s kosong: setiap kolom perlu nama dari templat", cell),
				fmt.Sprintf("cell %s is blank: every column needs a name from the template", cell))
		case !known[h]:
			v.Add("sel "+cell, fmt.Sprintf("kolom %q (sel %s) tidak dikenal; unduh templat untuk nama kolom yang benar", h, cell),
				fmt.Sprintf("unknown column %q (cell %s); download the template for the right names", h, cell))
		case first[h] != "":
			v.Add("sel "+cell, fmt.Sprintf("kolom %q muncul dua kali (sel %s dan %s)", h, first[h], cell),
				fmt.Sprintf("column %q appears twice (cells %s and %s)", h, first[h], cell))
		default:
			first[h] = cell
			idx[h] = i
		}
	}
	for _, c := range cols {
		if _, ok := idx[c.Name]; c.Required && !ok {
			v.Add("header", fmt.Sprintf("kolom wajib %q tidak ada", c.Name), fmt.Sprintf("required column %q is missing", c.Name))
		}
	}
	return idx, width, v.Err()
}

// cellName names a cell as a spreadsheet does (column i from 0, row from
// 1), for CSV files too: they are opened in spreadsheets.
func cellName(i, row int) string {
	c, err := excelize.CoordinatesToCellName(i+1, row)
	if err != nil {
		return fmt.Sprintf("kolom %d baris %d", i+1, row)
	}
	return c
}

// cellText cleans a cell: trimmed, valid UTF-8, bounded.
func cellText(rec []string, i int) (string, bool) {
	if i < 0 || i >= len(rec) {
		return "", true
	}
	s := strings.TrimSpace(rec[i])
	return s, utf8.ValidString(s) && len(s) <= 4000
}
