package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"io"

	"github.com/dagang/dagang"
)

// CSV writes the deals as CSV (UTF-8, comma-separated, header first).
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
