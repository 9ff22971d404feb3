package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"
	"strings"

	"github.com/dagang/dagang"
)

// CSV writes the deals as CSV (UTF-8, comma-separated, header first).
// Text cells that a spreadsheet would run as a formula are neutralised;
// numbers stay numbers.
func CSV(ctx context.Context, w io.Writer, src Source, opt Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	cols := columns(opt)
	if err := cw.Write(Headers(opt)); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	err := src(ctx, func(r *dagang.DealRecord) error {
		for i, c := range cols {
			rec[i] = text(c.value(r))
			if c.kind == kText {
				rec[i] = Neutralise(rec[i])
			}
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// Neutralise keeps a spreadsheet from running a text cell as a formula:
// following OWASP's CSV-injection guidance, a cell beginning with =, +,
// -, @, a tab or a carriage return gets a leading single quote, which
// spreadsheets read as "this is text". Only text columns pass through it,
// so a negative number stays a number.
func Neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
