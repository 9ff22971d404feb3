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
		return &xlsxTable{f: f, rows: rows}, nil
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
	f    *excelize.File
	rows *excelize.Rows
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

func fileError(id, en string) error {
	return &dagang.Error{Code: dagang.EINVALID, Message: id, MessageEN: en, Fields: []dagang.FieldError{{Field: "file", Message: id, MessageEN: en}}}
}

// header maps the columns of the file to the kind's columns; unknown
// columns are an error (a misspelt header would silently drop data).
func header(rec []string, cols []Column) (map[string]int, error) {
	idx := map[string]int{}
	known := map[string]bool{}
	for _, c := range cols {
		known[c.Name] = true
	}
	var v dagang.Validation
	for i, h := range rec {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" {
			continue
		}
		if !known[h] {
			v.Add("header", fmt.Sprintf("kolom %q (kolom ke-%d) tidak dikenal; unduh templat untuk nama kolom yang benar", h, i+1),
				fmt.Sprintf("unknown column %q (column %d); download the template for the right names", h, i+1))
			continue
		}
		if _, dup := idx[h]; dup {
			v.Add("header", fmt.Sprintf("kolom %q muncul dua kali", h), fmt.Sprintf("column %q appears twice", h))
		}
		idx[h] = i
	}
	for _, c := range cols {
		if _, ok := idx[c.Name]; c.Required && !ok {
			v.Add("header", fmt.Sprintf("kolom wajib %q tidak ada", c.Name), fmt.Sprintf("required column %q is missing", c.Name))
		}
	}
	return idx, v.Err()
}

// cellText cleans a cell: trimmed, valid UTF-8, bounded.
func cellText(rec []string, i int) (string, bool) {
	if i < 0 || i >= len(rec) {
		return "", true
	}
	s := strings.TrimSpace(rec[i])
	return s, utf8.ValidString(s) && len(s) <= 4000
}
