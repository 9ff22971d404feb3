// Package poster draws the announcement of an open call, for offices that
// spread the word on paper and on social media: an A4 poster to print
// (PDF), a square image to post (PNG) and a WhatsApp message, each with
// the event's facts and its public page's address (a QR code on the
// poster and the image). It takes the facts already worded in the
// reader's language and draws them; it reads no database.
package poster

import (
	"fmt"
	"strings"

	"github.com/skip2/go-qrcode"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
)

// Poster is what an announcement says, in Lang ("id" or "en").
type Poster struct {
	Lang   string
	Kind   string // "Misi Dagang"
	Title  string // the event's name
	Office string // who organises it
	// Destination is the host province; Dates when the event takes place.
	Destination, Dates string
	// Needs are what the destination buys (commodity names), most wanted
	// first.
	Needs []string
	// Who may apply ("pelaku usaha Kalimantan Selatan"), and the last day
	// of applications ("" when none is stated).
	Who, ApplyBy string
	// URL is the absolute address of the event's public page.
	URL string
	// Sample marks an event of the demonstration data.
	Sample bool
}

// tr translates an interface text of the poster.
func (p *Poster) tr(id string) string { return locale.T(p.Lang, id) }

// maxNeeds is how many of the destination's needs an announcement lists.
const maxNeeds = 6

// needs returns the needs listed, and how many more there are.
func (p *Poster) needs() ([]string, int) {
	if len(p.Needs) <= maxNeeds {
		return p.Needs, 0
	}
	return p.Needs[:maxNeeds], len(p.Needs) - maxNeeds
}

// facts are the lines of label and value both the PDF and the PNG show.
func (p *Poster) facts() [][2]string {
	f := [][2]string{{p.tr("Provinsi tujuan"), p.Destination}, {p.tr("Tanggal"), p.Dates}}
	if ns, more := p.needs(); len(ns) > 0 {
		v := strings.Join(ns, ", ")
		if more > 0 {
			v += fmt.Sprintf(" (+%d)", more)
		}
		f = append(f, [2]string{p.tr("Yang dicari tuan rumah"), v})
	}
	if p.Who != "" {
		f = append(f, [2]string{p.tr("Yang boleh mendaftar"), p.Who})
	}
	if p.ApplyBy != "" {
		f = append(f, [2]string{p.tr("Pendaftaran paling lambat"), p.ApplyBy})
	}
	return f
}

// qr is the QR code of the public page's address.
func (p *Poster) qr() (*qrcode.QRCode, error) {
	q, err := qrcode.New(p.URL, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("poster: QR code of %q: %w", p.URL, err)
	}
	return q, nil
}

// WhatsApp is the message to forward in WhatsApp groups: the facts, one
// per line, and the link to the public page.
func (p *Poster) WhatsApp() string {
	var b strings.Builder
	b.WriteString("*" + p.Kind + ": " + p.Title + "*\n")
	if p.Sample {
		b.WriteString("(" + p.tr("contoh") + ")\n")
	}
	for _, f := range p.facts() {
		b.WriteString(f[0] + ": " + f[1] + "\n")
	}
	b.WriteString("\n" + p.tr("Daftar dan lihat syaratnya di") + " " + p.URL)
	if p.Office != "" {
		b.WriteString("\n— " + p.Office)
	}
	return b.String()
}

// WhatsAppLink opens WhatsApp with the message typed in, for the user to
// choose the chat or group to send it to.
func (p *Poster) WhatsAppLink() string { return dagang.WhatsAppShareLink(p.WhatsApp()) }
