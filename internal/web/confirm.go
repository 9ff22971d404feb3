package web

import (
	"net/http"
	"net/url"
)

// An action that cannot be undone, or that changes many records at once
// (rescheduling an agenda, setting a delegation, a refusal), is asked
// about first: its post answers a page that says what will happen, with a
// button that posts the same values again, confirmed, and a way back. No
// script is needed; the API, which is explicit, acts at once.

// confirmPage is the data of that page.
type confirmPage struct {
	Action         string     // where the form posts again
	Values         url.Values // the values posted, sent again
	What, WhatEN   string     // what will happen
	Button, BackTo string     // the confirming button's text, and where "Batal" leads
}

// confirmed reports whether the post carries its confirmation; if not, it
// draws the page that asks for it and the caller returns without acting.
func (s *Server) confirmed(w http.ResponseWriter, r *http.Request, values url.Values, what, whatEN, button, back string) bool {
	if values.Get("confirmed") == "1" {
		return true
	}
	kept := url.Values{}
	for k, vs := range values {
		if k != "confirmed" {
			kept[k] = vs
		}
	}
	s.renderPage(w, r, http.StatusOK, "confirm", confirmPage{Action: r.URL.RequestURI(), Values: kept, What: what, WhatEN: whatEN, Button: button, BackTo: back})
	return false
}
