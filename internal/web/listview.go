package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
)

// pageLimit is how many rows a list page shows unless ?limit= says
// otherwise: short enough for a phone.
const pageLimit = 20

// listView is the state of a list page: search text, filters, sort and
// page, with the links that change one of them and keep the rest.
type listView struct {
	Path   string
	Values url.Values
	Opt    dagang.ListOptions
	Total  int
	lang   string
}

// readList reads the paging, sort and search parameters of a list page
// (page lists default to pageLimit rows).
func readList(r *http.Request, p *params) *listView {
	opt := p.list()
	if opt.Limit == 0 {
		opt.Limit = pageLimit
	}
	opt = opt.Normalize()
	return &listView{Path: r.URL.Path, Values: r.URL.Query(), Opt: opt, lang: langOf(r)}
}

// Get returns the current value of a query parameter (a filter).
func (l *listView) Get(name string) string { return strings.TrimSpace(l.Values.Get(name)) }

// Q is the search text.
func (l *listView) Q() string { return l.Opt.Query }

// with returns the list's URL with the given parameters replaced.
func (l *listView) with(kv ...string) string {
	v := url.Values{}
	for k, vs := range l.Values {
		if k != "lang" {
			v[k] = append([]string(nil), vs...)
		}
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			v.Del(kv[i])
		} else {
			v.Set(kv[i], kv[i+1])
		}
	}
	if q := v.Encode(); q != "" {
		return l.Path + "?" + q
	}
	return l.Path
}

// Th writes a sortable column header: a link that sorts by col, again
// for the reverse order, with aria-sort telling which way it is sorted.
func (l *listView) Th(col, label string, num bool) template.HTML {
	next, aria, mark := col, "none", ""
	switch l.Opt.Sort {
	case col:
		next, aria, mark = "-"+col, "ascending", " ▲"
	case "-" + col:
		aria, mark = "descending", " ▼"
	}
	class := ""
	if num {
		class = ` class="num"`
	}
	hint := translate(l.lang, "urutkan menurut")
	return template.HTML(`<th scope="col"` + class + ` aria-sort="` + aria + `"><a href="` + template.HTMLEscapeString(l.with("sort", next, "offset", "")) +
		`" title="` + template.HTMLEscapeString(hint+" "+label) + `">` + template.HTMLEscapeString(label) + mark + `</a></th>`)
}

// From and To number the rows shown, from 1.
func (l *listView) From() int {
	if l.Total == 0 {
		return 0
	}
	return l.Opt.Offset + 1
}

func (l *listView) To() int { return min(l.Opt.Offset+l.Opt.Limit, l.Total) }

// PrevURL and NextURL page through the list; "" at either end.
func (l *listView) PrevURL() string {
	if l.Opt.Offset == 0 {
		return ""
	}
	off := max(l.Opt.Offset-l.Opt.Limit, 0)
	if off == 0 {
		return l.with("offset", "")
	}
	return l.with("offset", strconv.Itoa(off))
}

func (l *listView) NextURL() string {
	if l.Opt.Offset+l.Opt.Limit >= l.Total {
		return ""
	}
	return l.with("offset", strconv.Itoa(l.Opt.Offset+l.Opt.Limit))
}

// option is one choice of a select element.
type option struct {
	Value, Label string
}

// T translates an interface text for the list's partials.
func (l *listView) T(id string) string { return translate(l.lang, id) }

// Filter describes a filter select of the list, showing its current value.
func (l *listView) Filter(name, label string, opts []option) formField {
	return formField{Name: name, ID: fieldID(name), Label: translate(l.lang, label), Value: l.Get(name), Type: "select", Options: opts}
}
