package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/money"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// pages holds one parsed template set per page, each with the layout.
type pages struct {
	byName map[string]*template.Template
}

// formatDate writes a calendar day in lang: 2 Januari 2019.
func formatDate(lang string, d dagang.Date) string {
	if d.IsZero() {
		return "–"
	}
	return locale.Date(lang, d.Year, d.Month, d.Day)
}

var funcs = template.FuncMap{
	"asset":       assetURL,
	"rupiah":      money.Format,
	"rupiahShort": money.Short,
	"date":        func(d dagang.Date) string { return formatDate(locale.ID, d) },
	"stageLabel":  func(s dagang.AgreementStage) string { return s.Label() },
	"dirLabel":    func(d dagang.Direction) string { return d.Label() },
	"percent": func(part, whole int64) string {
		if whole == 0 {
			return "0%"
		}
		return fmt.Sprintf("%.0f%%", float64(part)*100/float64(whole))
	},
	"partnerStates": func() []dagang.PartnerState { return dagang.PartnerStates },
	"inc":           func(i int) int { return i + 1 },
	"itoa":          strconv.Itoa,
	"join":          strings.Join,
}

func loadPages() (*pages, error) {
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	// Files named _*.html hold partials every page may use.
	partials, err := fs.Glob(templateFiles, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, append([]string{"templates/layout.html", n}, partials...)...)
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", n, err)
		}
		p.byName[base] = t
	}
	return p, nil
}

// renderPage renders a page into a buffer first, so that a template error
// becomes a clean 500 instead of half a page.
func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t, ok := s.pages.byName[name]
	if !ok {
		s.log.Error("unknown page template", "name", name)
		http.Error(w, "Terjadi kesalahan internal.", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	pd := newPageData(r, name, data)
	pd.Flash = translate(pd.Lang, s.takeFlash(r))
	pd.Office = s.officeName(r.Context())
	if err := t.Execute(&buf, pd); err != nil {
		s.log.Error("render page", "name", name, "err", err)
		http.Error(w, "Terjadi kesalahan internal.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
