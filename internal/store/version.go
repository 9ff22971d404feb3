package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/dagang/dagang"
)

// Versions and partial updates (DESIGN.md "Versions"). Every update reads
// the record inside its transaction, locked (FOR UPDATE on PostgreSQL; on
// SQLite every write transaction is BEGIN IMMEDIATE), so the checks see the
// record the write will change. It refuses a change made from another
// version (a *dagang.StaleError carrying the record as it is now), merges
// the fields the change names into it, validates the result and writes
// only the named columns, raising the version in the same statement.

// column is a field of T an update may set: its JSON name, as clients send
// it, its SQL column ("" for one kept in another table, such as a
// business's products) and the value to store.
type column[T any] struct {
	field string
	sql   string
	value func(*T) any
}

// col makes a column whose SQL name is its JSON name.
func col[T any](name string, value func(*T) any) column[T] {
	return column[T]{field: name, sql: name, value: value}
}

// assign is one more "column = value" an update writes, decided by the
// store (updated_at, a confirmation sent back to pending).
type assign struct {
	sql   string
	value any
}

// expect refuses a change made from another version than the stored one.
func expect(c dagang.Change, version int64, current any) error {
	if c.Version != 0 && c.Version != version {
		return dagang.Stale(current, version)
	}
	return nil
}

// versioned is the update every record shares, given the record old as
// read under lock in t: it checks c's version, merges the fields of src
// that c names into a copy of old, lets check normalise the result and
// check it (Validate, references), writes the named columns and those of
// extra with the next version, and leaves src as stored.
func versioned[T any](ctx context.Context, t tx, table string, old, src *T, c dagang.Change, cols []column[T], check func(cur *T) error, extra ...func(cur *T) assign) error {
	rec := reflect.ValueOf(old).Elem()
	version := rec.FieldByName("Version").Int()
	if err := expect(c, version, old); err != nil {
		return err
	}
	cur := *old
	if err := merge(&cur, src, c, cols); err != nil {
		return err
	}
	if err := check(&cur); err != nil {
		return err
	}
	more := make([]assign, len(extra))
	for i, x := range extra {
		more[i] = x(&cur)
	}
	if err := updateRow(ctx, t, table, rec.FieldByName("ID").Int(), version, &cur, c, cols, more...); err != nil {
		return err
	}
	reflect.ValueOf(&cur).Elem().FieldByName("Version").SetInt(version + 1)
	*src = cur
	return nil
}

// merge sets on cur the fields of src that c names and cols take. A named
// field that no column takes (the id, the office, a stage moved by its own
// route) must keep its stored value: a different one is refused, never
// silently dropped.
func merge[T any](cur, src *T, c dagang.Change, cols []column[T]) error {
	dst, from := reflect.ValueOf(cur).Elem(), reflect.ValueOf(src).Elem()
	settable := map[string]bool{}
	for _, k := range cols {
		settable[k.field] = true
		if c.Names(k.field) {
			if f, ok := jsonField(dst, k.field); ok {
				g, _ := jsonField(from, k.field)
				f.Set(g)
			}
		}
	}
	var v dagang.Validation
	for _, name := range c.Fields {
		if settable[name] || name == "version" || name == "updated_at" {
			continue // a client may send back the record it read
		}
		f, ok := jsonField(dst, name)
		if !ok {
			continue
		}
		g, _ := jsonField(from, name)
		if !sameValue(f, g) {
			v.Add(name, "kolom ini tidak dapat diubah di sini", "this field cannot be changed here")
		}
	}
	return v.Err()
}

// sameValue compares two field values as a client sees them: times by
// instant, everything else by its JSON.
func sameValue(a, b reflect.Value) bool {
	if ta, ok := a.Interface().(time.Time); ok {
		return ta.Equal(b.Interface().(time.Time))
	}
	ja, err1 := json.Marshal(a.Interface())
	jb, err2 := json.Marshal(b.Interface())
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

// jsonField finds the field of struct v whose JSON name is name, looking
// into embedded structs (a record's Contact).
func jsonField(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if sf.Anonymous && tag == "" && sf.Type.Kind() == reflect.Struct {
			if f, ok := jsonField(v.Field(i), name); ok {
				return f, true
			}
			continue
		}
		if tag == name && sf.IsExported() {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// updateRow writes the columns of cur that c names, and extra, raising the
// version in the same statement. It expects the version read under the
// lock, so it cannot overwrite a change it has not seen.
func updateRow[T any](ctx context.Context, t tx, table string, id, version int64, cur *T, c dagang.Change, cols []column[T], extra ...assign) error {
	var set []string
	var args []any
	for _, k := range cols {
		if k.sql != "" && c.Names(k.field) {
			set = append(set, k.sql+" = ?")
			args = append(args, k.value(cur))
		}
	}
	for _, a := range extra {
		set = append(set, a.sql+" = ?")
		args = append(args, a.value)
	}
	set = append(set, "version = version + 1")
	res, err := t.exec(ctx, "UPDATE "+table+" SET "+strings.Join(set, ", ")+" WHERE id = ? AND version = ?", append(args, id, version)...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n != 1 {
		return fmt.Errorf("store: %s %d changed under its lock", table, id)
	}
	return nil
}

// lockVersion locks a row for a change decided on version (0: any):
// ENOTFOUND when it is gone, a *StaleError without the record when it is
// at another version (the caller reads it if it needs it).
func lockVersion(ctx context.Context, t tx, table, what, whatEN string, id, version int64) error {
	var v int64
	err := t.queryRow(ctx, "SELECT version FROM "+table+" WHERE id = ?"+lockRow(t), id).Scan(&v)
	if err == sql.ErrNoRows {
		return notFound(what, whatEN, id)
	}
	if err != nil {
		return err
	}
	if version != 0 && v != version {
		return dagang.Stale(nil, v)
	}
	return nil
}

// lockRow returns the suffix that locks the rows a SELECT reads until the
// transaction ends.
func lockRow(t tx) string {
	if t.d.name() == "postgres" {
		return " FOR UPDATE"
	}
	return ""
}
