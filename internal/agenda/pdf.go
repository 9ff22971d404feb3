package agenda

import (
	"fmt"
	"io"
	"strings"

	"github.com/signintech/gopdf"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/pdftext"
)

// Parts of the agenda to print.
type Print struct {
	Lang         string  // "id" (default) or "en"
	Participants []int64 // one page each
	// AllParticipants prints a page for every participant with meetings.
	AllParticipants bool
	Tables          bool // one card per table
	Grid            bool // the full grid, slots by tables
	// Badges prints a name badge with the check-in QR code for each of
	// Participants (or everybody with AllParticipants), four to a page.
	Badges bool
}

func day(d dagang.Date, lang string) string {
	if d.IsZero() {
		return "–"
	}
	return locale.Date(lang, d.Year, d.Month, d.Day)
}

// Page geometry in points (A4).
const (
	margin = 40.0
	pageW  = 595.0
	pageH  = 842.0
)

// doc draws text with the Go fonts, which cover Indonesian text and the
// dashes and quotes the agenda uses.
type doc struct {
	pdf  gopdf.GoPdf
	w, h float64
	err  error
	lang string
}

// tr translates a text of the PDF, formatting it with args.
func (d *doc) tr(id string, args ...any) string {
	id = locale.T(d.lang, id)
	if len(args) == 0 {
		return id
	}
	return fmt.Sprintf(id, args...)
}

func newDoc(a *Agenda, lang string) (*doc, error) {
	d := &doc{lang: lang}
	d.pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	d.pdf.SetInfo(gopdf.PdfInfo{Title: "Agenda " + a.Event.Name, Creator: "dagang", Producer: "dagang"})
	if err := pdftext.AddFonts(&d.pdf); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *doc) page(landscape bool) {
	if landscape {
		d.pdf.AddPageWithOption(gopdf.PageOption{PageSize: gopdf.PageSizeA4Landscape})
		d.w, d.h = pageH, pageW
		return
	}
	d.pdf.AddPage()
	d.w, d.h = pageW, pageH
}

func (d *doc) font(bold bool, size float64) {
	if err := pdftext.SetFont(&d.pdf, bold, size); err != nil && d.err == nil {
		d.err = err
	}
}

// text writes s with its top left corner at (x, y), cut to width with an
// ellipsis when width > 0.
func (d *doc) text(x, y, width float64, s string) {
	if width > 0 {
		s = d.fit(s, width)
	}
	d.pdf.SetXY(x, y)
	if err := d.pdf.Cell(nil, s); err != nil && d.err == nil {
		d.err = err
	}
}

func (d *doc) fit(s string, width float64) string {
	if w, err := d.pdf.MeasureTextWidth(s); err != nil || w <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		if w, err := d.pdf.MeasureTextWidth(string(r) + "…"); err == nil && w <= width {
			break
		}
	}
	return string(r) + "…"
}

// wrap splits s into lines no wider than width.
func (d *doc) wrap(s string, width float64) []string {
	return pdftext.Wrap(&d.pdf, s, width)
}

func (d *doc) rule(y float64) { d.pdf.Line(margin, y, d.w-margin, y) }

// header writes the event's name, dates and venue; it returns the next y.
func (d *doc) header(a *Agenda, title string) float64 {
	e := a.Event
	d.font(false, 9)
	d.text(margin, margin, d.w-2*margin, e.Name)
	when := day(e.StartsOn, d.lang)
	if !e.EndsOn.IsZero() && e.EndsOn != e.StartsOn {
		when = locale.Msg(d.lang, "agenda.pdf.until", when, day(e.EndsOn, d.lang))
	}
	if e.Venue != "" {
		when += " · " + e.Venue
	}
	if e.Sample {
		when = locale.Msg(d.lang, "agenda.pdf.sample", when)
	}
	d.text(margin, margin+12, d.w-2*margin, when)
	d.font(true, 16)
	d.text(margin, margin+30, d.w-2*margin, title)
	d.rule(margin + 52)
	return margin + 62
}

// WritePDF prints the chosen parts of the agenda.
func WritePDF(w io.Writer, a *Agenda, what Print) error {
	d, err := newDoc(a, what.Lang)
	if err != nil {
		return err
	}
	ids := what.Participants
	if what.AllParticipants {
		ids = nil
		everyone := a.Participants()
		if what.Badges {
			everyone = a.Everyone()
		}
		for _, p := range everyone {
			ids = append(ids, p.Participation.ID)
		}
	}
	pages := 0
	var people []*Person
	for _, id := range ids {
		p := a.People[id]
		if p == nil {
			return dagang.Errorf(dagang.ENOTFOUND, "peserta %d tidak terdaftar di kegiatan ini", "participant %d is not registered for this event", id)
		}
		people = append(people, p)
	}
	if what.Badges {
		pages += d.badges(a, people)
	} else {
		for _, p := range people {
			d.participantPage(a, p)
			pages++
		}
	}
	if what.Tables {
		for t := range a.Grid.Tables {
			d.tableCard(a, t)
			pages++
		}
	}
	if what.Grid {
		d.fullGrid(a)
		pages++
	}
	if pages == 0 {
		d.page(false)
		d.header(a, d.tr("Agenda pertemuan"))
		d.font(false, 11)
		d.text(margin, margin+70, 0, d.tr("Belum ada pertemuan terjadwal."))
	}
	if d.err != nil {
		return d.err
	}
	_, err = d.pdf.WriteTo(w)
	return err
}

// participantPage is one participant's day: time, table, counterpart and
// the counterpart's products.
func (d *doc) participantPage(a *Agenda, p *Person) {
	d.page(false)
	y := d.header(a, d.tr("Agenda: %s", p.Name))
	top := y
	d.qr(p, d.w-margin-qrSize, y-4)
	textW := d.w - 2*margin - qrSize - 10
	d.font(false, 10)
	d.text(margin, y, textW, locale.Plural(d.lang, "agenda.pdf.role_count", a.Count(p.Participation.ID), d.tr(p.RoleLabel()), a.Count(p.Participation.ID)))
	y += 14
	if len(p.Products) > 0 {
		d.text(margin, y, textW, d.tr("Produk: %s", strings.Join(p.Products, ", ")))
		y += 14
	}
	if len(p.Needs) > 0 {
		d.text(margin, y, textW, d.tr("Kebutuhan: %s", strings.Join(p.Needs, ", ")))
		y += 14
	}
	y = max(y+8, top+qrSize+8)
	cols := []float64{margin, margin + 95, margin + 130, margin + 300}
	d.font(true, 10)
	for i, h := range []string{"Waktu", "Meja", "Mitra pertemuan", "Produk dan kebutuhan mitra"} {
		d.text(cols[i], y, 0, d.tr(h))
	}
	y += 14
	d.rule(y)
	y += 4
	home := p.HomeZone()
	for _, r := range a.Rows(p.Participation.ID) {
		y = d.dayHeading(a, r.Slot, y)
		if r.Lunch {
			d.font(false, 9)
			d.text(cols[0], y, 0, d.tr("Istirahat makan siang (%d menit)", LunchMinutes))
			y += 14
		}
		d.font(false, 10)
		// The event's time, and the home time under it where it differs.
		local, other, _ := strings.Cut(a.Grid.Span(d.lang, r.Slot, home), " (")
		d.text(cols[0], y, 0, local)
		lines := 1
		if other != "" {
			d.font(false, 8)
			d.text(cols[0], y+11, 0, "("+other)
			d.font(false, 10)
			lines = 2
		}
		switch {
		case r.Counterpart != nil:
			d.text(cols[1], y, 0, fmt.Sprint(r.Table))
			d.font(true, 10)
			d.text(cols[2], y, cols[3]-cols[2]-8, r.Counterpart.Name)
			d.font(false, 9)
			about := strings.Join(append(append([]string(nil), r.Counterpart.Products...), needs(d.lang, r.Counterpart.Needs)...), "; ")
			ls := d.wrap(about, d.w-margin-cols[3])
			for i, l := range ls {
				d.text(cols[3], y+float64(i)*11, 0, l)
			}
			lines = max(lines, len(ls))
		case r.Unavailable:
			d.text(cols[2], y, 0, d.tr("(tidak tersedia)"))
		default:
			d.text(cols[2], y, 0, "–")
		}
		y += float64(lines)*11 + 6
	}
}

// dayHeading writes the date before the first slot of each day of an
// event of several days, and answers the next line's y.
func (d *doc) dayHeading(a *Agenda, slot int, y float64) float64 {
	st, ok := a.Grid.At(slot)
	if !ok || !a.Grid.MultiDay() || st.Index != 0 {
		return y
	}
	d.font(true, 10)
	d.text(margin, y, 0, locale.DayShort(d.lang, st.Start))
	return y + 16
}

// needs writes what a counterpart needs, each as "butuh …" in lang.
func needs(lang string, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = locale.Msg(lang, "agenda.pdf.needs", s)
	}
	return out
}

// tableCard is the card on one table: who meets there, slot by slot.
func (d *doc) tableCard(a *Agenda, table int) {
	d.page(false)
	y := d.header(a, d.tr("Meja %d", table+1))
	d.font(true, 10)
	d.text(margin, y, 0, d.tr("Waktu"))
	d.text(margin+90, y, 0, d.tr("Pertemuan"))
	y += 14
	d.rule(y)
	y += 6
	for t := range a.Grid.Slots {
		y = d.dayHeading(a, t, y)
		if a.Grid.LunchBefore(t) {
			d.font(false, 9)
			d.text(margin, y, 0, d.tr("Istirahat makan siang"))
			y += 16
		}
		d.font(false, 11)
		d.text(margin, y, 0, a.Grid.Span(d.lang, t, nil))
		if m := a.Cell(t, table); m != nil {
			d.text(margin+90, y, d.w-2*margin-90, a.Name(m.AID)+" – "+a.Name(m.BID))
		} else {
			d.text(margin+90, y, 0, "–")
		}
		y += 20
	}
}

// fullGrid is every slot by every table on landscape pages, as many
// tables to a page as fit.
func (d *doc) fullGrid(a *Agenda) {
	const timeCol = 70.0
	perPage := 10 // (842 - 2·40 - 70) / 10 columns of about 69 pt
	for first := 0; first < a.Grid.Tables; first += perPage {
		last := min(a.Grid.Tables, first+perPage)
		d.page(true)
		y := d.header(a, d.tr("Jadwal lengkap: meja %d–%d", first+1, last))
		colW := (d.w - 2*margin - timeCol) / float64(last-first)
		d.font(true, 8)
		for t := first; t < last; t++ {
			d.text(margin+timeCol+float64(t-first)*colW, y, colW-4, d.tr("Meja %d", t+1))
		}
		y += 12
		d.rule(y)
		y += 4
		rowH := (d.h - margin - y) / float64(a.Grid.Slots)
		rowH = min(rowH, 34)
		for _, r := range a.FullGrid() {
			d.font(false, 8)
			d.text(margin, y, timeCol-4, a.Grid.Span(d.lang, r.Slot, nil))
			for t := first; t < last; t++ {
				if m := r.Cells[t]; m != nil {
					x := margin + timeCol + float64(t-first)*colW
					d.font(false, 7)
					d.text(x, y, colW-4, a.Name(m.AID))
					d.text(x, y+9, colW-4, a.Name(m.BID))
				}
			}
			y += rowH
		}
	}
}
