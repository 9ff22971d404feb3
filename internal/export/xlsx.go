package export

import (
	"archive/zip"
	"context"
	"fmt"
	"io"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/report"
	"github.com/xuri/excelize/v2"
)

// RupiahFormat is the Excel number format of rupiah cells.
const RupiahFormat = `"Rp"#,##0`

// DealSheet is the name of the sheet that lists every deal.
const DealSheet = "Transaksi"

// styles are the cell styles of a workbook.
type styles struct{ header, rupiah, pct, title int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	rp := RupiahFormat
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE7F0"}}}); err != nil {
		return s, err
	}
	if s.rupiah, err = f.NewStyle(&excelize.Style{CustomNumFmt: &rp}); err != nil {
		return s, err
	}
	if s.pct, err = f.NewStyle(&excelize.Style{NumFmt: 10}); err != nil {
		return s, err
	}
	s.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	return s, err
}

// sheet streams rows into one worksheet.
type sheet struct {
	sw  *excelize.StreamWriter
	row int
}

func newSheet(f *excelize.File, name string, widths []float64, freezeRow int) (*sheet, error) {
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	if freezeRow > 0 {
		cell, _ := excelize.CoordinatesToCellName(1, freezeRow+1)
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: freezeRow, TopLeftCell: cell, ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	return &sheet{sw: sw}, nil
}

func (s *sheet) add(vals []any, opts ...excelize.RowOpts) error {
	s.row++
	cell, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, vals, opts...)
}

// XLSX writes the workbook: a summary sheet, the deals (streamed), and one
// sheet per view of the report.
func XLSX(ctx context.Context, w io.Writer, rep *report.Deals, src Source, opt Options) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := summarySheet(f, st, rep); err != nil {
		return err
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return err
	}
	if err := dealSheet(ctx, f, st, src, opt); err != nil {
		return err
	}
	for _, t := range summaryTables(rep) {
		if err := viewSheet(f, st, t); err != nil {
			return err
		}
	}
	if err := balanceSheet(f, st, rep); err != nil {
		return err
	}
	if err := flowSheet(f, st, rep); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	// excelize's WriteTo builds the whole zip in a bytes.Buffer; zipping
	// straight into w keeps the memory constant (the buffer stays empty).
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	_, err = f.WriteToBuffer()
	return err
}

func cells(vals []any, style func(i int) int) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		if s := style(i); s != 0 {
			out[i] = excelize.Cell{StyleID: s, Value: v}
		} else {
			out[i] = v
		}
	}
	return out
}

func headerRow(st styles, hs []string) []any {
	out := make([]any, len(hs))
	for i, h := range hs {
		out[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	return out
}

func dealSheet(ctx context.Context, f *excelize.File, st styles, src Source, opt Options) error {
	cols := columns(opt)
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.width
	}
	s, err := newSheet(f, DealSheet, widths, 1)
	if err != nil {
		return err
	}
	if err := s.add(headerRow(st, Headers(opt))); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	err = src(ctx, func(r *dagang.DealRecord) error {
		for i, c := range cols {
			v := c.value(r)
			if c.kind == kRupiah {
				v = excelize.Cell{StyleID: st.rupiah, Value: v}
			}
			vals[i] = v
		}
		return s.add(vals)
	})
	if err != nil {
		return err
	}
	return s.sw.Flush()
}

// amountStyle styles the amount columns that follow n leading columns.
func amountStyle(st styles, n int) func(int) int {
	return func(i int) int {
		switch {
		case i >= n+1 && i <= n+5:
			return st.rupiah
		case i == n+6:
			return st.pct
		}
		return 0
	}
}

func viewSheet(f *excelize.File, st styles, t summaryTable) error {
	s, err := newSheet(f, t.title, []float64{44, 11, 20, 20, 20, 20, 20, 13}, 1)
	if err != nil {
		return err
	}
	if err := s.add(headerRow(st, append([]string{t.first}, amountHeaders...))); err != nil {
		return err
	}
	for _, r := range t.rows {
		if err := s.add(cells(append([]any{r.Label}, amountValues(r.Amounts)...), amountStyle(st, 1))); err != nil {
			return err
		}
	}
	return s.sw.Flush()
}

func summarySheet(f *excelize.File, st styles, rep *report.Deals) error {
	s, err := newSheet(f, "Ringkasan", []float64{30, 24}, 0)
	if err != nil {
		return err
	}
	period := "semua tahun"
	if rep.Year != 0 {
		period = fmt.Sprint("tahun ", rep.Year)
	}
	rows := [][]any{
		{excelize.Cell{StyleID: st.title, Value: rep.Headline}},
		{rep.Office + " — " + period},
		{},
		{"Kegiatan dengan transaksi", rep.Events},
		{"Pelaku usaha daerah bertransaksi", rep.BusinessesReached},
		{"Jumlah transaksi", rep.Total.Deals},
	}
	for i, h := range amountHeaders[1:] {
		rows = append(rows, cells([]any{h, amountValues(rep.Total)[i+1]}, func(j int) int {
			if j == 1 && i < 5 {
				return st.rupiah
			} else if j == 1 {
				return st.pct
			}
			return 0
		}))
	}
	if rep.Total.Sample {
		rows = append(rows, []any{}, []any{"Catatan: sebagian nilai adalah data contoh (tidak disebutkan dalam sumber)."})
	}
	for _, r := range rows {
		if err := s.add(r); err != nil {
			return err
		}
	}
	return s.sw.Flush()
}

func balanceSheet(f *excelize.File, st styles, rep *report.Deals) error {
	s, err := newSheet(f, "Neraca tahap olahan", []float64{20, 22, 22, 22}, 1)
	if err != nil {
		return err
	}
	if err := s.add(headerRow(st, []string{"Tahap olahan", "Keluar: dijual (Rp)", "Masuk: dibeli (Rp)", "Selisih (Rp)"})); err != nil {
		return err
	}
	for _, b := range rep.Balance {
		if err := s.add(cells([]any{b.Label, b.OutIDR, b.InIDR, b.NetIDR}, func(i int) int {
			if i > 0 {
				return st.rupiah
			}
			return 0
		})); err != nil {
			return err
		}
	}
	return s.sw.Flush()
}

func flowSheet(f *excelize.File, st styles, rep *report.Deals) error {
	s, err := newSheet(f, "Arus antarprovinsi", []float64{24, 24, 12, 11, 20, 20, 20, 20, 20, 13}, 1)
	if err != nil {
		return err
	}
	if err := s.add(headerRow(st, append([]string{"Dari", "Ke", "Arah"}, amountHeaders...))); err != nil {
		return err
	}
	for _, fl := range rep.Flows {
		if err := s.add(cells(append([]any{fl.FromName, fl.ToName, fl.Direction.Label()}, amountValues(fl.Amounts)...), amountStyle(st, 3))); err != nil {
			return err
		}
	}
	return s.sw.Flush()
}
