package web

import (
	"errors"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/dagang/dagang"
)

// Edit pages and versions. An edit form carries the version of the record
// it was drawn from and the values it showed (hidden "orig.<field>"), so a
// save writes only the fields the user changed. When someone else saved
// the record meanwhile, the fields only they changed take their value, the
// fields only the user changed keep the user's, and the fields both
// changed differently are shown with both values for the user to choose
// ("choose.<field>"): never a silent overwrite.

// conflictField is a field both people changed: the user's value and the
// one stored now.
type conflictField struct {
	Name, Label, Mine, Theirs string
}

// editValues starts an edit form at the record's version and values.
func (f *form) editValues(version int64) *form {
	f.Version, f.Orig = version, maps.Clone(f.Values)
	return f
}

// fieldOf maps a form input to the record field it edits:
// "products[2].unit" edits "products".
func fieldOf(input string) string {
	name, _, _ := strings.Cut(input, "[")
	return name
}

// inputsOf lists the inputs of vs that edit field.
func inputsOf(vs url.Values, field string) []string {
	var out []string
	for k := range vs {
		if fieldOf(k) == field {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// differs reports whether a and b hold different values for field.
func differs(a, b url.Values, field string) bool {
	for _, k := range append(inputsOf(a, field), inputsOf(b, field)...) {
		if strings.TrimSpace(a.Get(k)) != strings.TrimSpace(b.Get(k)) {
			return true
		}
	}
	return false
}

// take sets the inputs of field in f to those of from.
func (f *form) take(from url.Values, field string) {
	for _, k := range inputsOf(f.Values, field) {
		f.Values.Del(k)
	}
	for _, k := range inputsOf(from, field) {
		f.Values[k] = slices.Clone(from[k])
	}
}

// edited reads a posted edit form: its version, the values it showed and
// the user's choices after a conflict. The change names the fields the
// user changed; a form without a version names all of fields.
func (f *form) edited(fields []string) (dagang.Change, error) {
	version, err := formVersion(f)
	if err != nil {
		return dagang.Change{}, err
	}
	f.Version, f.Orig = version, url.Values{}
	for k, vs := range f.Values {
		if name, ok := strings.CutPrefix(k, "orig."); ok {
			f.Orig[name] = vs
		}
	}
	for k := range f.Values {
		if name, ok := strings.CutPrefix(k, "choose."); ok && f.Values.Get(k) == "theirs" && slices.Contains(fields, name) {
			f.take(f.Orig, name)
		}
	}
	if version == 0 {
		return dagang.Change{Fields: fields}, nil
	}
	c := dagang.Change{Version: version, Fields: []string{}}
	for _, name := range fields {
		if differs(f.Values, f.Orig, name) {
			c.Fields = append(c.Fields, name)
		}
	}
	return c, nil
}

// rebase redraws the form on the record as stored now (cur, at version)
// after a save was refused as stale: the fields only the other person
// changed take their value, the fields both changed differently become
// conflicts. It reports whether the user must choose; if not, c is moved
// to the new version and the save can be tried again.
func (f *form) rebase(cur url.Values, version int64, c *dagang.Change, fields []string) bool {
	f.Conflicts = nil
	for _, name := range fields {
		mine, theirs := differs(f.Values, f.Orig, name), differs(cur, f.Orig, name)
		switch {
		case theirs && !mine:
			f.take(cur, name)
		case theirs && mine && differs(f.Values, cur, name):
			f.Conflicts = append(f.Conflicts, conflictField{Name: name, Label: f.Label(name), Mine: shown(f.Values, name), Theirs: shown(cur, name)})
		}
	}
	f.Version, f.Orig, c.Version = version, cur, version
	if len(f.Conflicts) == 0 {
		return false
	}
	f.Message = translate(f.lang, "Data ini sudah diubah orang lain sejak Anda membukanya. Pilih nilai yang disimpan untuk setiap kolom di bawah, lalu simpan lagi.")
	return true
}

// shown writes the value of a field as the conflict list shows it: the
// inputs of one row of a list joined by spaces, the rows by semicolons.
func shown(vs url.Values, field string) string {
	var rows []string
	last := ""
	for _, k := range inputsOf(vs, field) {
		v := strings.TrimSpace(vs.Get(k))
		if v == "" {
			continue
		}
		if row, _, _ := strings.Cut(k, "]"); row == last && len(rows) > 0 {
			rows[len(rows)-1] += " " + v
		} else {
			rows, last = append(rows, v), row
		}
	}
	if len(rows) == 0 {
		return "—"
	}
	return strings.Join(rows, "; ")
}

// saveEdit saves an edit form's change with save; when the record changed
// meanwhile it rebases the form on the record as stored now (values gives
// its form values) and tries once more if no field needs the user's
// choice. It reports whether the form must be drawn again with choices.
func saveEdit[T any](f *form, c dagang.Change, fields []string, values func(*T) url.Values, save func(dagang.Change) error) (conflict bool, err error) {
	for try := 0; ; try++ {
		err = save(c)
		var stale *dagang.StaleError
		if !errors.As(err, &stale) || try > 0 {
			return false, err
		}
		cur, ok := stale.Current.(*T)
		if !ok {
			return false, err
		}
		if f.rebase(values(cur), stale.Version, &c, fields) {
			return true, nil
		}
	}
}
