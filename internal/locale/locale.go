// Package locale is the one catalogue of the user-visible words of dagang
// in Bahasa Indonesia and English, and the one place where numbers,
// percentages, volumes, distances and dates take the form of a language.
// Pages, PDFs, spreadsheets, the command line and the API render through
// it; nothing else keeps translations, enum labels or month names. Rupiah
// are written by internal/money (money.In, money.ShortIn), which takes the
// language from here.
//
// The package imports only the standard library, so that the domain
// (package dagang) can name its enum values through it.
//
// The catalogue is two embedded files:
//
//   - catalogue/texts.tsv: interface texts keyed by their Indonesian
//     wording, one "Indonesian<TAB>English" per line. Templates and
//     handlers pass the Indonesian text (T "Simpan"); it is the key, so a
//     page reads as Indonesian in the source.
//   - catalogue/messages.tsv: keyed messages, one
//     "key<TAB>Indonesian<TAB>English" per line: enum labels (enum.VALUE),
//     month and day names (month.N, weekday.N), page titles (page.NAME),
//     and messages with arguments (errors, command-line output). Arguments
//     are fmt verbs; both languages take the same arguments in the same
//     order. An English form "one||other" is chosen by a count (Plural).
//
// Lines starting with # and empty lines are comments. Fields are taken as
// written: no trimming, so a trailing space is part of the text; \n in a
// field is a line break (help texts of the command line) and \t a tab.
//
// # Adding a string
//
//  1. Interface text of a page: write the Indonesian in the template or the
//     handler through T, and add "Indonesian<TAB>English" to texts.tsv.
//  2. Anything with arguments, an enum value, or text outside the web
//     pages (CLI, PDF, Excel, errors): add "key<TAB>Indonesian<TAB>English"
//     to messages.tsv and render it with Msg(lang, key, args...) or
//     Label(lang, value). Keys are lower case, dotted by area: cli.…,
//     import.…, pdf.…, error.….
//  3. Numbers, percentages, money, volumes and dates never go through fmt
//     with a fixed pattern: use Number, Int, Percent, Volume, Distance,
//     Date and When here, and money.In and money.ShortIn for rupiah.
//
// TestCatalogue rejects duplicate keys, empty translations and messages
// whose two languages take different arguments; the cross-language tests
// of web, export and cmd/dagang fail when a page, PDF or help text in one
// language contains a text of the other.
package locale

import (
	"embed"
	"fmt"
	"strings"
)

// The languages. Everything that is not EN is Indonesian.
const (
	ID = "id"
	EN = "en"
)

// Of returns the language a code names: EN for "en" and its regional
// forms (en-GB, en_US.UTF-8), ID for anything else.
func Of(code string) string {
	c := strings.ToLower(code)
	if c == EN || strings.HasPrefix(c, "en-") || strings.HasPrefix(c, "en_") || strings.HasPrefix(c, "en.") {
		return EN
	}
	return ID
}

//go:embed catalogue/*.tsv
var files embed.FS

// entry is one message in both languages.
type entry struct{ id, en string }

// catalogue holds the parsed files; it is built once when the package is
// loaded and never changed.
type catalogue struct {
	texts    map[string]string // Indonesian -> English
	messages map[string]entry  // key -> both languages
}

var cat = mustLoad()

func mustLoad() *catalogue {
	c, err := load()
	if err != nil {
		panic("locale: " + err.Error())
	}
	return c
}

func load() (*catalogue, error) {
	c := &catalogue{texts: map[string]string{}, messages: map[string]entry{}}
	err := eachLine("catalogue/texts.tsv", 2, func(f []string) error {
		if _, dup := c.texts[f[0]]; dup {
			return fmt.Errorf("text %q twice", f[0])
		}
		c.texts[f[0]] = f[1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachLine("catalogue/messages.tsv", 3, func(f []string) error {
		if _, dup := c.messages[f[0]]; dup {
			return fmt.Errorf("message %q twice", f[0])
		}
		c.messages[f[0]] = entry{id: f[1], en: f[2]}
		return nil
	})
	return c, err
}

func eachLine(name string, fields int, fn func([]string) error) error {
	b, err := files.ReadFile(name)
	if err != nil {
		return err
	}
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != fields {
			return fmt.Errorf("%s:%d: %d fields, want %d", name, i+1, len(f), fields)
		}
		for j, s := range f {
			if s == "" {
				return fmt.Errorf("%s:%d: empty field", name, i+1)
			}
			f[j] = unescape.Replace(s)
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, i+1, err)
		}
	}
	return nil
}

var unescape = strings.NewReplacer(`\n`, "\n", `\t`, "\t")

// Strings returns every text of the catalogue in lang that a reader sees
// as it is written: the interface texts and messages without
// arguments (each plural form apart). The cross-language tests look for
// these in output of the other language.
func Strings(lang string) []string {
	var out []string
	for id, en := range cat.texts {
		s := id
		if lang == EN {
			s = en
		}
		if !strings.Contains(s, "%") {
			out = append(out, s)
		}
	}
	for _, e := range cat.messages {
		s := e.id
		if lang == EN {
			s = e.en
		}
		for _, form := range strings.Split(s, "||") {
			if !strings.Contains(form, "%") {
				out = append(out, form)
			}
		}
	}
	return out
}

// T translates an Indonesian interface text into lang. A text the
// catalogue lacks stays as written (TestTranslations in web lists them).
func T(lang, id string) string {
	if lang == EN {
		if en, ok := cat.texts[id]; ok {
			return en
		}
	}
	return id
}

// HasText reports whether the catalogue translates the Indonesian text id.
func HasText(id string) bool {
	_, ok := cat.texts[id]
	return ok
}

// Has reports whether the catalogue has a message with key.
func Has(key string) bool {
	_, ok := cat.messages[key]
	return ok
}

// Msg renders the message key in lang with args (fmt verbs). Numbers
// other than counts and identifiers are passed already formatted (Number,
// Percent, money.In) with %s. An unknown key renders as the key itself,
// which the catalogue tests catch. A message with plural forms takes its
// "other" form here; Plural chooses by a count.
func Msg(lang, key string, args ...any) string {
	return Plural(lang, key, 2, args...)
}

// Both renders the message key in Indonesian and in English, for the
// errors that carry both (dagang.Error).
func Both(key string, args ...any) (id, en string) {
	return Msg(ID, key, args...), Msg(EN, key, args...)
}

// Plural renders the message key with args for a count n (which args
// also carry where the message shows it). A form "one||other" takes "one"
// for n = 1 and "other" otherwise; Indonesian, which does not inflect for
// number, has one form.
func Plural(lang, key string, n int, args ...any) string {
	e, ok := cat.messages[key]
	if !ok {
		return key
	}
	s := e.id
	if lang == EN {
		s = e.en
	}
	if one, other, found := strings.Cut(s, "||"); found {
		s = other
		if n == 1 {
			s = one
		}
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Label names an enum value of the domain (a deal stage, an event status,
// a role) in lang: the message enum.VALUE. A value without a label is
// shown as it is.
func Label(lang, value string) string {
	if _, ok := cat.messages["enum."+value]; !ok {
		return value
	}
	return Msg(lang, "enum."+value)
}
