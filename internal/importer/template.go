package importer

import (
	"encoding/csv"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/dagang/dagang/internal/locale"
)

// Template writes an empty import file for kind: the header row, and in
// Excel a second sheet "Petunjuk" explaining every column with an example.
func Template(w io.Writer, kind Kind, format string) error {
	cols := Columns(kind)
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	if format == "csv" {
		cw := csv.NewWriter(w)
		cw.Write(names)
		cw.Flush()
		return cw.Error()
	}
	f := excelize.NewFile()
	defer f.Close()
	// The sheet is named in Indonesian, like its columns: "pelaku usaha".
	sheet := locale.Msg(locale.ID, "import.kind."+string(kind))
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, n := range names {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellValue(sheet, cell, n)
		f.SetCellStyle(sheet, cell, cell, bold)
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheet, col, col, 18)
		// Keep typed text as text: dates and codes like 63.03 must not be
		// turned into numbers by the spreadsheet.
		textStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
		f.SetColStyle(sheet, col, textStyle)
	}
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if _, err := f.NewSheet("Petunjuk"); err != nil {
		return err
	}
	f.SetSheetRow("Petunjuk", "A1", &[]any{"kolom", "wajib", "keterangan", "contoh"})
	for i, c := range cols {
		req := "tidak"
		if c.Required {
			req = "ya"
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow("Petunjuk", cell, &[]any{c.Name, req, c.Help, c.Example})
	}
	f.SetColWidth("Petunjuk", "C", "C", 70)
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}
