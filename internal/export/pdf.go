package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/money"
	"github.com/dagang/dagang/internal/pdftext"
	"github.com/dagang/dagang/internal/report"
	"github.com/signintech/gopdf"
)

// PDF layout, in points on A4 portrait.
const (
	pageW, pageH = 595.28, 841.89
	margin       = 42.0
	lineH        = 14.0
	contentW     = pageW - 2*margin
)

// Series colours: announced, confirmed, realised.
var barColours = [3][3]uint8{{96, 125, 139}, {33, 150, 243}, {76, 175, 80}}

// pdfDoc is a gopdf document with a cursor that breaks pages.
type pdfDoc struct {
	p *gopdf.GoPdf
	y float64
}

func newPDF() (*pdfDoc, error) {
	p := &gopdf.GoPdf{}
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	if err := pdftext.AddFonts(p); err != nil {
		return nil, err
	}
	d := &pdfDoc{p: p}
	d.page()
	return d, nil
}

func (d *pdfDoc) page() {
	d.p.AddPage()
	d.y = margin
}

// need starts a new page unless h points fit below the cursor.
func (d *pdfDoc) need(h float64) {
	if d.y+h > pageH-margin {
		d.page()
	}
}

func (d *pdfDoc) font(bold bool, size float64) {
	pdftext.SetFont(d.p, bold, size)
}

// text writes s at x on the current line, fitted into width w (cut with
// "…" when too long), aligned right when right is true.
func (d *pdfDoc) text(x, w float64, s string, right bool) error {
	s = d.fit(s, w)
	// Text is painted with the fill colour: reset it after the bars.
	d.p.SetFillColor(0, 0, 0)
	d.p.SetTextColor(0, 0, 0)
	align := gopdf.Left | gopdf.Middle
	if right {
		align = gopdf.Right | gopdf.Middle
	}
	d.p.SetXY(x, d.y)
	return d.p.CellWithOption(&gopdf.Rect{W: w, H: lineH}, s, gopdf.CellOption{Align: align})
}

func (d *pdfDoc) fit(s string, w float64) string {
	if tw, err := d.p.MeasureTextWidth(s); err != nil || tw <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if tw, _ := d.p.MeasureTextWidth(string(r) + "…"); tw <= w {
			break
		}
	}
	return string(r) + "…"
}

// wrap splits s into lines no wider than w in the current font.
func (d *pdfDoc) wrap(s string, w float64) []string {
	return pdftext.Wrap(d.p, s, w)
}

// fitMiddle cuts s in its middle ("Temu Bisnis dan…Jawa Timur 2016") when
// it is wider than w: names of events differ at their end.
func (d *pdfDoc) fitMiddle(s string, w float64) string {
	if tw, err := d.p.MeasureTextWidth(s); err != nil || tw <= w {
		return s
	}
	r := []rune(s)
	head, tail := len(r)/2, len(r)/2
	for head > 1 {
		head--
		if tail > head {
			tail = head
		}
		cut := strings.TrimSpace(string(r[:head])) + "…" + strings.TrimSpace(string(r[len(r)-tail:]))
		if tw, _ := d.p.MeasureTextWidth(cut); tw <= w {
			return cut
		}
	}
	return d.fit(s, w)
}

// para writes wrapped text across the content width.
func (d *pdfDoc) para(s string, bold bool, size float64) error {
	d.font(bold, size)
	for _, line := range d.wrap(s, contentW) {
		d.need(lineH)
		if err := d.text(margin, contentW, line, false); err != nil {
			return err
		}
		d.y += lineH * size / 10
	}
	return nil
}

// table writes a header and rows; widths are fractions of the content
// width; columns after the first are right-aligned.
func (d *pdfDoc) table(headers []string, rows [][]string, widths []float64) error {
	row := func(vals []string, bold bool) error {
		d.need(lineH)
		d.font(bold, 8)
		x := margin
		for i, v := range vals {
			w := widths[i] * contentW
			if i == 0 {
				v = d.fitMiddle(v, w-4)
			}
			if err := d.text(x+2, w-4, v, i > 0); err != nil {
				return err
			}
			x += w
		}
		d.y += lineH
		return nil
	}
	d.need(3 * lineH)
	d.p.SetFillColor(221, 231, 240)
	d.p.RectFromUpperLeftWithStyle(margin, d.y, contentW, lineH, "F")
	if err := row(headers, true); err != nil {
		return err
	}
	for _, r := range rows {
		if err := row(r, false); err != nil {
			return err
		}
	}
	d.y += lineH / 2
	return nil
}

// bars draws a horizontal bar chart: for each row, up to three bars
// (announced, confirmed, realised) scaled to the largest announced value.
func (d *pdfDoc) bars(title string, rows []report.Row) error {
	if len(rows) == 0 {
		return nil
	}
	const barH, labelW, labelLineH = 5.0, 150.0, 8.5
	var maxV int64 = 1
	for _, r := range rows {
		maxV = max(maxV, r.AnnouncedIDR)
	}
	d.need(lineH*2 + float64(len(rows))*(3*barH+6))
	if err := d.para(title, true, 10); err != nil {
		return err
	}
	d.legend()
	chartW := contentW - labelW - 70
	for _, r := range rows {
		// The whole label, wrapped: event names are long and differ only
		// at their end ("… – Jawa Timur 2016").
		d.font(false, 7.5)
		label := d.wrap(r.Label, labelW-6)
		rowH := max(3*barH+6, float64(len(label))*labelLineH+4)
		d.need(rowH)
		top := d.y
		d.y -= (lineH - labelLineH) / 2
		for _, l := range label {
			if err := d.text(margin, labelW-6, l, false); err != nil {
				return err
			}
			d.y += labelLineH
		}
		d.y = top
		vals := [3]int64{r.AnnouncedIDR, r.ConfirmedIDR, r.RealisedIDR}
		for i, v := range vals {
			c := barColours[i]
			d.p.SetFillColor(c[0], c[1], c[2])
			w := chartW * float64(v) / float64(maxV)
			if w > 0 {
				d.p.RectFromUpperLeftWithStyle(margin+labelW, d.y+float64(i)*barH, w, barH-0.8, "F")
			}
		}
		saved := d.y
		d.y += barH / 2
		if err := d.text(margin+labelW+chartW+4, 66, money.Short(r.AnnouncedIDR), false); err != nil {
			return err
		}
		d.y = saved + rowH
	}
	d.y += lineH / 2
	return nil
}

func (d *pdfDoc) legend() {
	d.font(false, 7.5)
	x := margin
	for i, l := range []string{"diumumkan", "dikonfirmasi mitra", "terealisasi (dibayar)"} {
		c := barColours[i]
		d.p.SetFillColor(c[0], c[1], c[2])
		d.p.RectFromUpperLeftWithStyle(x, d.y+4, 8, 6, "F")
		d.text(x+11, 100, l, false)
		x += 110
	}
	d.y += lineH + 2
}

// amountCells writes a row's amounts short (Rp1,5 miliar): the exact
// totals are in the text above the tables and in the Excel export.
func amountCells(a report.Amounts) []string {
	return []string{fmt.Sprint(a.Deals), money.Short(a.AnnouncedIDR), money.Short(a.ConfirmedIDR), money.Short(a.PendingIDR),
		money.Short(a.RejectedIDR), money.Short(a.RealisedIDR), locale.Percent(locale.ID, a.Rate, 1)}
}

var tableWidths = []float64{0.28, 0.06, 0.12, 0.12, 0.12, 0.10, 0.12, 0.08}

// PDF writes the annual report: the headline, totals with their
// confirmation and realisation, bar charts and the tables of every view.
// It holds no personal data.
func PDF(w io.Writer, rep *report.Deals) error {
	d, err := newPDF()
	if err != nil {
		return err
	}
	period := "Semua tahun"
	if rep.Year != 0 {
		period = fmt.Sprint("Tahun ", rep.Year)
	}
	steps := []func() error{
		func() error { return d.para("Laporan Transaksi Perdagangan Antardaerah — "+period, true, 16) },
		func() error { return d.para(rep.Office, false, 10) },
		func() error { d.y += lineH / 2; return d.para(rep.Headline+".", true, 12) },
		func() error {
			return d.para(fmt.Sprintf("Nilai diumumkan %s, dikonfirmasi mitra %s, menunggu konfirmasi %s, ditolak %s; terealisasi (dibayar) %s atau %s dari nilai yang diumumkan. %d pelaku usaha daerah bertransaksi.",
				money.Format(rep.Total.AnnouncedIDR), money.Format(rep.Total.ConfirmedIDR), money.Format(rep.Total.PendingIDR), money.Format(rep.Total.RejectedIDR),
				money.Format(rep.Total.RealisedIDR), locale.Percent(locale.ID, rep.Total.Rate, 1), rep.BusinessesReached), false, 10)
		},
		func() error {
			if !rep.Total.Sample {
				return nil
			}
			return d.para("Catatan: sebagian nilai adalah data contoh (tidak disebutkan dalam sumber).", false, 8)
		},
		func() error { d.y += lineH / 2; return d.bars("Transaksi per kegiatan", rep.ByEvent) },
		func() error { return d.bars("Transaksi per arah", rep.ByDirection) },
		func() error { return d.bars("Transaksi per tahap olahan", rep.ByProcessing) },
		func() error { return d.balance(rep.Balance) },
	}
	for _, t := range summaryTables(rep) {
		t := t
		steps = append(steps, func() error {
			// A heading stays with its table's header and first rows.
			d.need(lineH * 4)
			if err := d.para(t.title, true, 10); err != nil {
				return err
			}
			rows := make([][]string, 0, len(t.rows))
			for _, r := range t.rows {
				rows = append(rows, append([]string{r.Label}, amountCells(r.Amounts)...))
			}
			return d.table(append([]string{t.first}, "Trx", "Diumumkan", "Dikonfirmasi", "Menunggu", "Ditolak", "Terealisasi", "%"), rows, tableWidths)
		})
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	_, err = d.p.WriteTo(w)
	return err
}

func (d *pdfDoc) balance(bs []report.StageBalance) error {
	if err := d.para("Neraca per tahap olahan (keluar = dijual, masuk = dibeli; tanpa transaksi yang ditolak)", true, 10); err != nil {
		return err
	}
	rows := make([][]string, 0, len(bs))
	for _, b := range bs {
		rows = append(rows, []string{b.Label, money.Short(b.OutIDR), money.Short(b.InIDR), money.Short(b.NetIDR)})
	}
	return d.table([]string{"Tahap olahan", "Keluar", "Masuk", "Selisih"}, rows, []float64{0.31, 0.23, 0.23, 0.23})
}
