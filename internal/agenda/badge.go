package agenda

import (
	"github.com/signintech/gopdf"
	"github.com/skip2/go-qrcode"

	"github.com/dagang/dagang"
)

// qrSize is the side of a printed QR code in points (about 3 cm: read by
// a phone camera from arm's length).
const qrSize = 84.0

// qr draws the participant's check-in QR code with its top left corner at
// (x, y) and the code as text below it, for staff to type when the camera
// cannot read it.
func (d *doc) qr(p *Person, x, y float64) {
	code := dagang.CheckinCode(p.Participation.ID)
	q, err := qrcode.New(code, qrcode.Medium)
	if err != nil {
		if d.err == nil {
			d.err = err
		}
		return
	}
	if err := d.pdf.ImageFrom(q.Image(256), x, y, &gopdf.Rect{W: qrSize, H: qrSize}); err != nil && d.err == nil {
		d.err = err
	}
	d.font(false, 8)
	d.text(x, y+qrSize+2, qrSize, code)
}

// badges prints name badges, four to an A4 page (2 × 2, each about A6),
// and returns the number of pages.
func (d *doc) badges(a *Agenda, people []*Person) int {
	const cols, rows = 2, 2
	pages := 0
	for i, p := range people {
		if i%(cols*rows) == 0 {
			d.page(false)
			pages++
		}
		k := i % (cols * rows)
		w, h := d.w/cols, d.h/rows
		x0, y0 := float64(k%cols)*w, float64(k/cols)*h
		d.font(false, 9)
		d.text(x0+margin/2, y0+margin/2, w-margin, a.Event.Name)
		d.font(true, 16)
		lines := d.wrap(p.Name, w-margin)
		for j, l := range lines[:min(3, len(lines))] {
			d.text(x0+margin/2, y0+margin/2+20+float64(j)*20, 0, l)
		}
		d.font(false, 10)
		d.text(x0+margin/2, y0+margin/2+84, w-margin, d.tr(p.RoleLabel()))
		d.qr(p, x0+(w-qrSize)/2, y0+h/2)
	}
	return pages
}
