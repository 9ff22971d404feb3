package web

import (
	"bytes"
	"net/http"
	"strconv"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/poster"
)

// The announcement of an open call (internal/poster): an A4 poster to
// print and a square image to post, served beside the event's public page
// for as long as it takes applications, and on the staff's event page the
// ready WhatsApp message with a click-to-chat link.

// posterOf is the announcement of event e in lang, worded from its public
// page's facts; base is the site's address for the QR code's link.
func (s *Server) posterOf(r *http.Request, e *dagang.Event, lang string) (*poster.Poster, error) {
	c, err := s.callOf(r.Context(), e, lang)
	if err != nil {
		return nil, err
	}
	pd := pageData{Lang: lang}
	dates := pd.Date(e.StartsOn)
	if !e.EndsOn.IsZero() && e.EndsOn != e.StartsOn {
		dates += " – " + pd.Date(e.EndsOn)
	}
	path := "/terbuka/" + strconv.FormatInt(e.ID, 10)
	if lang == "en" {
		path += "?lang=en"
	}
	return &poster.Poster{Lang: lang, Kind: pd.Label(e.Kind), Title: e.Name, Office: c.Office.Name, Destination: c.Host, Dates: dates,
		Needs: c.Needs, Who: c.Who, ApplyBy: c.Deadline, URL: s.meta(r, path, "", "").Canonical, Sample: e.Sample}, nil
}

// openPoster is the announcement of the event of the request's path, only
// while it takes applications: any other event's is missing.
func (s *Server) openPoster(r *http.Request) (*poster.Poster, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	e, err := s.publicEvent(r.Context(), id)
	if err == nil && !e.AcceptsApplications(s.today()) {
		err = dagang.Errorf(dagang.ENOTFOUND, "kegiatan %d tidak membuka pendaftaran", "event %d does not take applications", id)
	}
	if err != nil {
		return nil, err
	}
	return s.posterOf(r, e, langOf(r))
}

// servePoster draws the open call's announcement with draw and sends it
// as a file of type ctype called name.
func (s *Server) servePoster(w http.ResponseWriter, r *http.Request, draw func(*bytes.Buffer, *poster.Poster) error, ctype, name string) error {
	p, err := s.openPoster(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := draw(&buf, p); err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `inline; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(buf.Bytes())
	return nil
}

func (s *Server) handlePosterPDF(w http.ResponseWriter, r *http.Request) error {
	return s.servePoster(w, r, func(b *bytes.Buffer, p *poster.Poster) error { return poster.PDF(b, p) }, "application/pdf", "poster-"+r.PathValue("id")+".pdf")
}

func (s *Server) handlePosterPNG(w http.ResponseWriter, r *http.Request) error {
	return s.servePoster(w, r, func(b *bytes.Buffer, p *poster.Poster) error { return poster.PNG(b, p) }, "image/png", "poster-"+r.PathValue("id")+".png")
}

// announcement is what the staff's page of an open event offers to spread
// the word: the WhatsApp message, its click-to-chat link and the posters.
type announcement struct {
	WhatsApp, WhatsAppLink, PDF, PNG, Public string
}

// announcementOf is the announcement of event e, which takes
// applications, for its staff.
func (s *Server) announcementOf(r *http.Request, e *dagang.Event) (*announcement, error) {
	lang := langOf(r)
	p, err := s.posterOf(r, e, lang)
	if err != nil {
		return nil, err
	}
	base := "/terbuka/" + strconv.FormatInt(e.ID, 10)
	q := ""
	if lang == "en" {
		q = "?lang=en"
	}
	return &announcement{WhatsApp: p.WhatsApp(), WhatsAppLink: p.WhatsAppLink(), PDF: base + "/poster.pdf" + q, PNG: base + "/poster.png" + q, Public: base + q}, nil
}
