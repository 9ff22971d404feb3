package web_test

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/locale"
)

// TestPagesSpeakOneLanguage renders every main page, and the agenda and
// report PDFs, in Indonesian and in English, and fails when a page in one
// language shows a text of the other language's catalogue, or a number
// written the other language's way (24.6% in Indonesian, 24,6% in
// English).
func TestPagesSpeakOneLanguage(t *testing.T) {
	e := newDemoEnv(t, nil)
	staff := login(t, e.srv, dagang.UserStaff)
	story := e.story
	ev := story.Events[0].ID
	biz := story.Businesses[demo.DemoBusiness].ID
	pages := []string{"/", "/agreements", "/agreements?view=board", "/agreements/1", "/agreements/1/workflow", "/commodities",
		"/businesses", fmt.Sprintf("/businesses/%d", biz), fmt.Sprintf("/businesses/%d/edit", biz), "/businesses/new",
		"/events", fmt.Sprintf("/events/%d", ev), "/events/new", fmt.Sprintf("/events/%d/edit", ev),
		fmt.Sprintf("/events/%d/delegation", ev), fmt.Sprintf("/events/%d/requests", ev), fmt.Sprintf("/events/%d/agenda", ev),
		"/deals", "/deals/new", "/deals/1", "/audit", "/partners/rank", "/statistics/coverage", "/reach",
		fmt.Sprintf("/delegation/simulate?event=%d", ev), "/laporan", "/laporan/impor", "/tidak-ada"}
	for _, lang := range []string{locale.ID, locale.EN} {
		other := foreignTexts(lang)
		for _, p := range pages {
			sep := "?"
			if strings.Contains(p, "?") {
				sep = "&"
			}
			body := fetchPage(t, staff, e.srv.URL+p+sep+"lang="+lang)
			checkOneLanguage(t, lang, p, visibleTexts(t, body), other)
		}
		pdfs := []string{fmt.Sprintf("/events/%d/agenda.pdf?lang=%s", ev, lang)}
		if lang == locale.ID {
			pdfs = append(pdfs, "/laporan/ekspor?format=pdf")
		}
		for _, p := range pdfs {
			checkOneLanguage(t, lang, p, pdfTexts(t, fetchPage(t, staff, e.srv.URL+p)), other)
		}
	}
}

// foreignTexts are the texts of the catalogue in the language that is not
// lang, less those both languages write alike (Status, Audit, Volume).
func foreignTexts(lang string) map[string]bool {
	otherLang := locale.EN
	if lang == locale.EN {
		otherLang = locale.ID
	}
	mine := map[string]bool{}
	for _, s := range locale.Strings(lang) {
		mine[strings.ToLower(s)] = true
	}
	out := map[string]bool{}
	for _, s := range locale.Strings(otherLang) {
		if !mine[strings.ToLower(s)] {
			out[s] = true
		}
	}
	return out
}

// wrongNumber matches numbers written the other language's way.
var wrongNumber = map[string]*regexp.Regexp{
	// 24.6%, 0.5 km, 1566 km, 626986 ton: English decimals or no grouping.
	locale.ID: regexp.MustCompile(`\d\.\d+ ?%|\b\d+\.\d{1,2} ?(km|ton|kg)\b|\b\d{4,} ?(km|ton|kg)\b`),
	// 24,6%, 1,5 miliar: Indonesian decimals (not a list such as 6,7,8).
	// 1.250 may be an English number with three decimals, so grouping is
	// not checked.
	locale.EN: regexp.MustCompile(`\d,\d+ ?%|(?:^|[^\d,\[])\d+,\d{1,2}(?:$|[^\d,\]])`),
}

// checkOneLanguage fails on a text node that is a text of the other
// language, and on a number written the other language's way.
func checkOneLanguage(t *testing.T, lang, where string, texts []string, other map[string]bool) {
	t.Helper()
	for _, s := range texts {
		if other[s] {
			t.Errorf("%s (%s): %q belongs to the other language", where, lang, s)
		}
		if strings.Contains(s, "://") {
			continue // a citation quotes its source as the source wrote it
		}
		if m := wrongNumber[lang].FindString(s); m != "" {
			t.Errorf("%s (%s): %q is written the other language's way in %q", where, lang, m, s)
		}
	}
}

func fetchPage(t *testing.T, c *http.Client, url string) []byte {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 && res.StatusCode != 404 {
		t.Fatalf("%s: status %d", url, res.StatusCode)
	}
	return b
}

var (
	// Scripts, styles, code, comments, and text quoted from a source as
	// the source wrote it (translate="no") are not the page's own words.
	hiddenRE = regexp.MustCompile(`(?is)<(script|style|pre|code)\b.*?</(script|style|pre|code)>|<!--.*?-->|<(span|small|q)\b[^>]*translate="no"[^>]*>.*?</(span|small|q)>`)
	tagRE    = regexp.MustCompile(`(?s)<[^>]*>`)
	attrRE   = regexp.MustCompile(`\b(?:title|alt|aria-label|placeholder|data-label)="([^"]*)"`)
	// The data of charts and maps: the strings of a JSON attribute value
	// (series names, axis units, labels) are drawn as text.
	jsonAttrRE = regexp.MustCompile(`\bdata-[a-z-]+="([\[{][^"]*)"`)
	jsonStrRE  = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"\s*[,\]}]`)
)

// visibleTexts returns the trimmed texts between the tags of a page, and
// the texts people read without seeing them as text: title, alt,
// aria-label and placeholder.
func visibleTexts(t *testing.T, page []byte) []string {
	t.Helper()
	s := hiddenRE.ReplaceAllString(string(page), "")
	var out []string
	add := func(s string) {
		for _, line := range strings.Split(html.UnescapeString(s), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, line)
			}
		}
	}
	for _, m := range attrRE.FindAllStringSubmatch(s, -1) {
		add(m[1])
	}
	for _, m := range jsonAttrRE.FindAllStringSubmatch(s, -1) {
		for _, v := range jsonStrRE.FindAllStringSubmatch(html.UnescapeString(m[1]), -1) {
			add(v[1])
		}
	}
	for _, text := range tagRE.Split(s, -1) {
		add(text)
	}
	return out
}

// pdfTexts returns the lines of a PDF as pdftotext reads them.
func pdfTexts(t *testing.T, pdf []byte) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required in CI (poppler-utils)")
		}
		t.Skip("pdftotext not installed (poppler-utils); the PDFs are not checked")
	}
	in := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		// -layout keeps columns apart with runs of spaces: each is a text.
		for _, cell := range regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(l), -1) {
			if cell != "" {
				lines = append(lines, cell)
			}
		}
	}
	return lines
}
