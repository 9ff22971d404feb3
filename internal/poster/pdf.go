package poster

import (
	"io"
	"strings"

	"github.com/signintech/gopdf"

	"github.com/dagang/dagang/internal/pdftext"
)

// A4 in points, and the poster's margin.
const (
	pageW, pageH = 595.0, 842.0
	margin       = 48.0
	// qrSide is the printed QR code's side: about 6.4 cm, read by a
	// phone from a notice board a step away.
	qrSide = 180.0
)

// The poster's colours: a dark band and one accent.
var (
	bandRGB   = [3]uint8{0x1f, 0x4e, 0x79}
	accentRGB = [3]uint8{0xb4, 0x3c, 0x1c}
)

// pdf draws with the Go fonts, which cover Indonesian and English text.
type pdf struct {
	p   gopdf.GoPdf
	y   float64
	err error
}

func (d *pdf) font(bold bool, size float64) {
	if err := pdftext.SetFont(&d.p, bold, size); err != nil && d.err == nil {
		d.err = err
	}
}

// lines writes s wrapped to width from x at the current y, and moves y
// down by lead per line; at most max lines (0: all).
func (d *pdf) lines(x, width, lead float64, s string, max int) {
	ls := pdftext.Wrap(&d.p, s, width)
	if max > 0 && len(ls) > max {
		ls = ls[:max]
	}
	for _, l := range ls {
		d.p.SetXY(x, d.y)
		if err := d.p.Cell(nil, l); err != nil && d.err == nil {
			d.err = err
		}
		d.y += lead
	}
}

func (d *pdf) color(c [3]uint8) { d.p.SetTextColor(c[0], c[1], c[2]) }

// PDF writes the A4 poster: a band with the kind of event and the office,
// the event's name, its facts, and the QR code to its public page with
// the address printed under it.
func PDF(w io.Writer, p *Poster) error {
	d := &pdf{}
	d.p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	d.p.SetInfo(gopdf.PdfInfo{Title: p.Kind + ": " + p.Title, Creator: "dagang", Producer: "dagang"})
	if err := pdftext.AddFonts(&d.p); err != nil {
		return err
	}
	d.p.AddPage()
	width := pageW - 2*margin

	// The band.
	d.p.SetFillColor(bandRGB[0], bandRGB[1], bandRGB[2])
	d.p.RectFromUpperLeftWithStyle(0, 0, pageW, 110, "F")
	d.p.SetTextColor(255, 255, 255)
	d.y = 34
	d.font(true, 26)
	d.lines(margin, width, 30, strings.ToUpper(p.Kind), 1)
	d.font(false, 12)
	d.lines(margin, width, 16, p.Office, 2)

	d.color([3]uint8{0, 0, 0})
	d.y = 140
	if p.Sample {
		d.font(true, 11)
		d.color(accentRGB)
		d.lines(margin, width, 16, "("+p.tr("contoh")+")", 1)
		d.color([3]uint8{0, 0, 0})
	}
	d.font(true, 28)
	d.lines(margin, width, 34, p.Title, 3)
	d.y += 14

	for _, f := range p.facts() {
		d.font(false, 12)
		d.color([3]uint8{0x55, 0x55, 0x55})
		d.lines(margin, width, 16, f[0], 1)
		d.color([3]uint8{0, 0, 0})
		d.font(true, 17)
		d.lines(margin, width, 22, f[1], 3)
		d.y += 10
	}

	// The QR code, bottom right, with what it does beside it.
	q, err := p.qr()
	if err != nil {
		return err
	}
	qy := pageH - margin - qrSide - 30
	if err := d.p.ImageFrom(q.Image(720), pageW-margin-qrSide, qy, &gopdf.Rect{W: qrSide, H: qrSide}); err != nil {
		return err
	}
	d.y = qy + 20
	d.font(true, 20)
	d.color(accentRGB)
	d.lines(margin, width-qrSide-20, 26, p.tr("Pindai untuk mendaftar"), 2)
	d.color([3]uint8{0, 0, 0})
	d.font(false, 12)
	d.lines(margin, width-qrSide-20, 16, p.tr("Pendaftaran gratis, tanpa perantara. Cara memilih delegasi dijelaskan di halaman ini."), 4)
	d.y = pageH - margin - 20
	d.font(false, 11)
	d.lines(margin, width, 14, p.URL, 1)
	if d.err != nil {
		return d.err
	}
	_, err = d.p.WriteTo(w)
	return err
}
