package web

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

// form is an HTML form being filled in: the values typed, and the error
// of each field after a failed save, in the page's language.
type form struct {
	Values  url.Values
	Errors  map[string]string
	Message string            // the error summary, "" when there is none
	labels  map[string]string // field → Indonesian label; rows of a list as "products[].unit"
	order   []string          // fields with errors, in the order reported
	lang    string
	v       dagang.Validation

	// An edit form's version, the values it showed, and the fields both
	// the user and someone else changed since (page_conflict.go).
	Version   int64
	Orig      url.Values
	Conflicts []conflictField
}

// T translates a text of the form's partials into the page's language.
func (f *form) T(s string) string { return translate(f.lang, s) }

// formField is what the "input" and "select" templates need to draw one
// field with its label and error.
type formField struct {
	Name, ID, Label, Value, Error, Type, Hint string
	Preview                                   string // URL of a live preview, "" for none
	Required                                  bool
	Options                                   []option
}

func newForm(r *http.Request, labels map[string]string, values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{Values: values, Errors: map[string]string{}, labels: labels, lang: langOf(r)}
}

// readForm parses a posted form; bad encodings are a field-less
// validation error.
func readForm(w http.ResponseWriter, r *http.Request, labels map[string]string) (*form, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return nil, invalidField("body", "formulir tidak dapat dibaca (rusak atau lebih dari 1 MB)", "the form could not be read (malformed or over 1 MB)")
	}
	return newForm(r, labels, r.PostForm), nil
}

var rowIndex = regexp.MustCompile(`\[[0-9]+\]`)

// Label returns a field's label in the page's language; fields of a row
// ("products[2].unit") take the row's label with its number.
func (f *form) Label(name string) string {
	if l, ok := f.labels[name]; ok {
		return translate(f.lang, l)
	}
	generic := rowIndex.ReplaceAllString(name, "[]")
	if l, ok := f.labels[generic]; ok {
		n := 0
		if m := rowIndex.FindString(name); m != "" {
			n, _ = strconv.Atoi(strings.Trim(m, "[]"))
		}
		return translate(f.lang, l) + " #" + strconv.Itoa(n+1)
	}
	return name
}

func fieldID(name string) string {
	return "f-" + strings.NewReplacer("[", "-", "]", "", ".", "-", "_", "-").Replace(name)
}

// Get returns a field's value as typed.
func (f *form) Get(name string) string { return f.Values.Get(name) }

// Field describes an input for the templates.
func (f *form) Field(name, typ string, required bool) formField {
	return formField{Name: name, ID: fieldID(name), Label: f.Label(name),
		Value: f.Get(name), Error: f.Errors[name], Type: typ, Required: required}
}

// Select describes a select element with its choices.
func (f *form) Select(name string, required bool, opts []option) formField {
	ff := f.Field(name, "select", required)
	ff.Options = opts
	return ff
}

// Previewed makes the field ask url, as the user types, for a preview of
// what the server reads from it (htmx), shown under the field.
func (ff formField) Previewed(url string) formField {
	ff.Preview = url
	return ff
}

// As gives the field another id, for a page with two forms that share a
// field name.
func (ff formField) As(id string) formField {
	ff.ID = id
	return ff
}

// Hinted adds a hint shown under a field.
func (ff formField) Hinted(hint string) formField {
	ff.Hint = hint
	return ff
}

// str reads a text field, refusing invalid UTF-8 and overlong text.
func (f *form) str(name string) string {
	s := f.Values.Get(name)
	if !utf8.ValidString(s) || len(s) > 5000 {
		f.v.Add(name, "teks tidak valid (UTF-8, maks. 5000 karakter)", "invalid text (UTF-8, at most 5000 characters)")
		return ""
	}
	return strings.TrimSpace(s)
}

// id reads a record id chosen in a select; empty is 0.
func (f *form) id(name string) int64 {
	s := f.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		f.v.Add(name, "pilihan tidak valid", "invalid choice")
		return 0
	}
	return n
}

// int reads a whole number; empty is 0.
func (f *form) int(name string) int {
	s := f.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.ReplaceAll(s, ".", ""))
	if err != nil {
		f.v.Add(name, "harus bilangan bulat, misalnya 6", "must be a whole number, for example 6")
		return 0
	}
	return n
}

// decimal reads a number written the Indonesian way (1.250,5) or with a
// decimal point when there is no comma; empty is 0.
func (f *form) decimal(name string) float64 {
	s := f.str(name)
	if s == "" {
		return 0
	}
	t := s
	if strings.Contains(t, ",") {
		t = strings.ReplaceAll(t, ".", "")
		t = strings.Replace(t, ",", ".", 1)
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || x != x {
		f.v.Add(name, "harus angka, misalnya 1.250,5", "must be a number, for example 1.250,5")
		return 0
	}
	return x
}

// date reads a date input (YYYY-MM-DD); empty is the zero date.
func (f *form) date(name string) dagang.Date {
	s := f.str(name)
	if s == "" {
		return dagang.Date{}
	}
	d, err := dagang.ParseDate(s)
	if err != nil {
		f.v.Add(name, "tanggal tidak valid (format TTTT-BB-HH)", "invalid date (format YYYY-MM-DD)")
	}
	return d
}

// rupiah reads an amount with money.Parse: "1,5 miliar", "Rp1.500.000"
// and plain digits.
func (f *form) rupiah(name string) int64 {
	s := f.str(name)
	v, err := money.Parse(s)
	if err != nil {
		f.v.Merge(name, err)
		return 0
	}
	return v
}

// fail records err on the form: field errors next to their fields, the
// rest in the summary. It returns err when it is not a validation error
// (the caller then renders it as an error page).
func (f *form) fail(err error) error {
	var de *dagang.Error
	if !errors.As(err, &de) || (de.Code != dagang.EINVALID && de.Code != dagang.ECONFLICT) {
		return err
	}
	f.Message = dagang.ErrorMessage(err, f.lang)
	for _, fe := range de.Fields {
		m := fe.Message
		if f.lang == "en" && fe.MessageEN != "" {
			m = fe.MessageEN
		}
		if _, dup := f.Errors[fe.Field]; !dup {
			f.Errors[fe.Field] = m
			f.order = append(f.order, fe.Field)
		}
	}
	return nil
}

// afterSave ends a form's post: after a validation error the form again
// (again draws it with status 400) with each error by its field; after
// success a redirect to next, which shows msg once.
func (s *Server) afterSave(w http.ResponseWriter, r *http.Request, f *form, err error, next, msg string, again func(status int) error) error {
	if err != nil {
		if err := f.fail(err); err != nil {
			return err
		}
		return again(http.StatusBadRequest)
	}
	s.done(w, r, next, msg)
	return nil
}

// FieldErrors lists the errors in the order reported, for the summary
// at the top of the form, each with its field's label.
func (f *form) FieldErrors() []formField {
	var out []formField
	for _, name := range f.order {
		out = append(out, formField{Name: name, ID: fieldID(name), Label: f.Label(name), Error: f.Errors[name]})
	}
	return out
}

// check ends reading the form: parse errors and err (usually Validate's)
// together, nil when both are nil.
func (f *form) check(err error) error {
	f.v.Merge("", err)
	return f.v.Err()
}

// renameFields returns err with the prefix from of its field names
// replaced by to, so that a refusal names the fields as the client sent
// them; other errors come back unchanged.
func renameFields(err error, from, to string) error {
	var de *dagang.Error
	if !errors.As(err, &de) || len(de.Fields) == 0 {
		return err
	}
	c := *de
	c.Fields = make([]dagang.FieldError, len(de.Fields))
	for i, f := range de.Fields {
		if rest, ok := strings.CutPrefix(f.Field, from); ok {
			f.Field = to + rest
		}
		c.Fields[i] = f
	}
	return &c
}

// withCode returns a copy of err (a *dagang.Error) with another code.
func withCode(err error, code string) error {
	var de *dagang.Error
	if !errors.As(err, &de) {
		return err
	}
	c := *de
	c.Code = code
	return &c
}
