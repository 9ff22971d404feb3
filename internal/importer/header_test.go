package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/importer"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// xlsxFile builds a businesses sheet from rows; merge, when set, merges
// those cells.
func xlsxFile(t *testing.T, rows [][]any, merge ...string) *bytes.Buffer {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i+1 < len(merge); i += 2 {
		if err := f.MergeCell("Sheet1", merge[i], merge[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return &buf
}

func fields(err error) []string { return problemList(err, false) }

// problemList lists the fields of a refusal, with their messages or not.
func problemList(err error, withMessage bool) []string {
	e, _ := err.(*dagang.Error)
	if e == nil {
		return []string{fmt.Sprintf("not a *dagang.Error: %v", err)}
	}
	var out []string
	for _, f := range e.Fields {
		if withMessage {
			out = append(out, f.Field+": "+f.Message)
		} else {
			out = append(out, f.Field)
		}
	}
	return out
}

// A header with a merged, blank or repeated cell is refused with the cell
// named: the data under it would otherwise be dropped without a word.
func TestHeaderCellsAreNamed(t *testing.T) {
	db, s := demoDB(t)
	ctx := context.Background()
	head := []any{"nama", "kabupaten", "skala", "komoditas", "kapasitas_bulanan", "satuan"}
	row := []any{"UD Uji Header", "63.03", "kecil", "kemiri", "10", "ton"}
	merged := append([]any{}, head...)
	merged[3] = "komoditas dan kapasitas" // D1:E1 merged: E1 holds nothing
	blank := append([]any{}, head...)
	blank[4] = ""
	repeated := append([]any{}, head...)
	repeated[4] = "komoditas"
	tests := []struct {
		name string
		file *bytes.Buffer
		want []string
		text string
	}{
		{"xlsx merged", xlsxFile(t, [][]any{merged, row}, "D1", "E1"), []string{"sel D1:E1", "sel D1", "sel E1"}, "D1:E1 digabung"},
		{"xlsx blank", xlsxFile(t, [][]any{blank, row}), []string{"sel E1"}, "sel E1 kosong"},
		{"xlsx repeated", xlsxFile(t, [][]any{repeated, row}), []string{"sel E1"}, "sel D1 dan E1"},
		{"csv blank", bytes.NewBufferString("nama,kabupaten,skala,,kapasitas_bulanan\nUD Uji,63.03,kecil,kemiri,10\n"), []string{"sel D1"}, "sel D1 kosong"},
		{"csv repeated", bytes.NewBufferString("nama,kabupaten,skala,nama\nUD Uji,63.03,kecil,UD Lain\n"), []string{"sel D1"}, "sel A1 dan D1"},
		{"csv unknown", bytes.NewBufferString("nama,kabupaten,skala,kapasitas\nUD Uji,63.03,kecil,10\n"), []string{"sel D1"}, `"kapasitas" (sel D1)`},
		{"csv data without a column", bytes.NewBufferString("nama,kabupaten,skala\nUD Uji,63.03,kecil,10\nUD Dua,63.03,kecil\n"), []string{"sel D2"}, "sel D2 berisi data"},
	}
	before, _, _ := db.FindBusinesses(ctx, dagang.BusinessFilter{OfficeID: s.Office.ID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := importer.Run(ctx, db, importer.Businesses, tc.file, importer.Options{OfficeID: s.Office.ID})
			if err == nil {
				t.Fatal("imported")
			}
			if diff := cmp.Diff(tc.want, fields(err)); diff != "" {
				t.Errorf("fields (-want +got):\n%s\n%v", diff, err)
			}
			if e, _ := err.(*dagang.Error); e == nil || !strings.Contains(e.Fields[0].Message, tc.text) {
				t.Errorf("message lacks %q: %v", tc.text, err)
			}
		})
	}
	after, _, _ := db.FindBusinesses(ctx, dagang.BusinessFilter{OfficeID: s.Office.ID, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if len(after) != len(before) {
		t.Errorf("%d businesses after refused imports, want %d", len(after), len(before))
	}
	// Blank cells after the last name are no column at all.
	res, err := importer.Run(ctx, db, importer.Businesses, bytes.NewBufferString("nama,kabupaten,skala,,\nUD Uji Trailing,63.03,kecil,,\n"), importer.Options{OfficeID: s.Office.ID})
	if err != nil || res.Rows != 1 {
		t.Errorf("trailing blank header cells: %+v %v", res, err)
	}
}
