// Package dagang holds the domain of the inter-regional trade cooperation
// system: offices, provinces, commodities, businesses, agreements, events,
// meetings and deals, with their validation rules and the service
// interfaces the stores implement. It imports nothing of SQL or HTTP.
package dagang

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error codes. Each maps to one HTTP status in the http package.
const (
	EINVALID      = "invalid"      // the input breaks a rule; Fields say which
	ENOTFOUND     = "not_found"    // the record does not exist (or is not visible)
	ECONFLICT     = "conflict"     // the change clashes with existing data
	EUNAUTHORIZED = "unauthorized" // not logged in
	EFORBIDDEN    = "forbidden"    // logged in but not allowed
	ETOOMANY      = "too_many"     // too many attempts in a while; try again later
	EINTERNAL     = "internal"     // a bug or an outage; never shown in detail
)

// Error is the one error type of the application. Message is in Bahasa
// Indonesia, MessageEN in English; both are safe to show to users.
type Error struct {
	Code      string       `json:"code"`
	Message   string       `json:"message"`
	MessageEN string       `json:"message_en"`
	Fields    []FieldError `json:"fields,omitempty"`
}

// FieldError names one field of the input and what is wrong with it.
type FieldError struct {
	Field     string `json:"field"`
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	for i, f := range e.Fields {
		if i == 0 && e.Message != "" {
			b.WriteString(": ")
		} else if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s", f.Field, f.Message)
	}
	return b.String()
}

// Errorf returns an *Error with the given code; the Indonesian and English
// messages take the same arguments.
func Errorf(code, id, en string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(id, args...), MessageEN: fmt.Sprintf(en, args...)}
}

// ErrorCode returns the code of err: its own if it is (or wraps) an *Error,
// EINTERNAL for any other non-nil error, "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorFields returns the names of the fields err's *Error names, in its
// order, or nil when err is not (and does not wrap) an *Error.
func ErrorFields(err error) []string {
	var e *Error
	if !errors.As(err, &e) {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

// ErrorMessage returns the user-facing message of err in the given language
// ("id" or "en"). Errors that are not *Error get a generic message, so no
// internal detail ever reaches a user.
func ErrorMessage(err error, lang string) string {
	var e *Error
	if !errors.As(err, &e) {
		if lang == "en" {
			return "An internal error occurred. It has been logged."
		}
		return "Terjadi kesalahan internal. Kesalahan ini sudah dicatat."
	}
	if lang == "en" && e.MessageEN != "" {
		return e.MessageEN
	}
	return e.Message
}

// Validation collects field errors. The zero value is ready to use.
type Validation struct {
	fields []FieldError
}

// Check records a field error when ok is false.
func (v *Validation) Check(ok bool, field, id, en string) {
	if !ok {
		v.Add(field, id, en)
	}
}

// Add records a field error.
func (v *Validation) Add(field, id, en string) {
	v.fields = append(v.fields, FieldError{Field: field, Message: id, MessageEN: en})
}

// Merge adds the field errors of err, prefixing each field name, or
// records err against prefix when it carries no field errors.
func (v *Validation) Merge(prefix string, err error) {
	if err == nil {
		return
	}
	var e *Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		for _, f := range e.Fields {
			f.Field = prefix + f.Field
			v.fields = append(v.fields, f)
		}
		return
	}
	if errors.As(err, &e) {
		v.Add(strings.TrimSuffix(prefix, "."), e.Message, e.MessageEN)
		return
	}
	v.Add(strings.TrimSuffix(prefix, "."), err.Error(), err.Error())
}

// Err returns nil when no field error was recorded, or an EINVALID *Error
// listing them all.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{
		Code:      EINVALID,
		Message:   "Data tidak valid",
		MessageEN: "Invalid data",
		Fields:    v.fields,
	}
}

// Line records a field error when s holds a control character (NUL, BEL,
// ESC, DEL, a line break, …) or is not valid UTF-8: names, titles, codes
// and units are one line of printable text.
func (v *Validation) Line(field, s string) { v.text(field, s, false) }

// Lines is Line for multi-line free text (notes, reasons, statements),
// which may also hold tabs and line breaks.
func (v *Validation) Lines(field, s string) { v.text(field, s, true) }

func (v *Validation) text(field, s string, multiline bool) {
	if !utf8.ValidString(s) {
		v.Add(field, "teks bukan UTF-8 yang sah", "text is not valid UTF-8")
		return
	}
	for _, r := range s {
		if multiline && (r == '\t' || r == '\n' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) {
			if multiline {
				v.Add(field, fmt.Sprintf("teks berisi karakter kendali U+%04X; hanya tab dan baris baru yang boleh", r), fmt.Sprintf("text holds the control character U+%04X; only tabs and line breaks are allowed", r))
			} else {
				v.Add(field, fmt.Sprintf("teks berisi karakter kendali U+%04X (mis. tab, baris baru, NUL)", r), fmt.Sprintf("text holds the control character U+%04X (such as a tab, line break or NUL)", r))
			}
			return
		}
	}
}
