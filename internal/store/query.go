package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/dagang/dagang"
)

// where builds a WHERE clause from optional filters.
type where struct {
	conds []string
	args  []any
}

// add appends a condition with its arguments.
func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// eq adds "col = ?" unless v is the zero value of its type.
func (w *where) eq(col string, v any) {
	switch x := v.(type) {
	case string:
		if x == "" {
			return
		}
	case int64:
		if x == 0 {
			return
		}
	case int:
		if x == 0 {
			return
		}
	}
	w.add(col+" = ?", v)
}

// search adds a case-insensitive substring match over cols for q.
func (w *where) search(q string, cols ...string) {
	q = strings.TrimSpace(q)
	if q == "" {
		return
	}
	pat := "%" + strings.ToLower(q) + "%"
	var ors []string
	for _, c := range cols {
		ors = append(ors, "LOWER("+c+") LIKE ?")
		w.args = append(w.args, pat)
	}
	w.conds = append(w.conds, "("+strings.Join(ors, " OR ")+")")
}

func (w where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// sortSpec maps the sort names a list accepts to columns. The first entry
// of order is the default.
type sortSpec struct {
	columns map[string]string
	def     string
}

// orderBy returns the ORDER BY clause for the requested sort, falling back
// to the default (unknown names are refused).
func (s sortSpec) orderBy(sort string) (string, error) {
	if sort == "" {
		return " ORDER BY " + s.def, nil
	}
	desc := strings.HasPrefix(sort, "-")
	col, ok := s.columns[strings.TrimPrefix(sort, "-")]
	if !ok {
		var names []string
		for k := range s.columns {
			names = append(names, k)
		}
		return "", &dagang.Error{
			Code:      dagang.EINVALID,
			Message:   "urutan tidak dikenal",
			MessageEN: "unknown sort",
			Fields: []dagang.FieldError{{
				Field:     "sort",
				Message:   fmt.Sprintf("urutan %q tidak dikenal; pilihan: %s", sort, strings.Join(sorted(names), ", ")),
				MessageEN: fmt.Sprintf("unknown sort %q; choose from: %s", sort, strings.Join(sorted(names), ", ")),
			}},
		}
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	return " ORDER BY " + col + dir + ", id" + dir, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// list runs a paged SELECT: selectFrom is "SELECT cols FROM table", w the
// filters; it returns the page and the total count of matching rows.
func list[T any](ctx context.Context, t tx, selectFrom, countFrom string, w where, s sortSpec, opt dagang.ListOptions, scan func(scanner) (T, error)) ([]T, int, error) {
	opt = opt.Normalize()
	order, err := s.orderBy(opt.Sort)
	if err != nil {
		return nil, 0, err
	}
	var total int
	if err := t.queryRow(ctx, countFrom+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	args := append(append([]any{}, w.args...), opt.Limit, opt.Offset)
	rows, err := t.query(ctx, selectFrom+w.sql()+order+" LIMIT ? OFFSET ?", args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	items := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, 0, err
		}
		items = append(items, v)
	}
	return items, total, rows.Err()
}

// get runs a SELECT for one row, translating no rows into ENOTFOUND.
func get[T any](ctx context.Context, t tx, query string, what, whatEN string, id any, scan func(scanner) (T, error)) (T, error) {
	v, err := scan(t.queryRow(ctx, query, id))
	if err == sql.ErrNoRows {
		var zero T
		return zero, notFound(what, whatEN, id)
	}
	return v, err
}

// exists checks that a referenced row exists and records a field error
// naming it when it does not. table and col are constants of this package.
func exists(ctx context.Context, t tx, v *dagang.Validation, field, table, col string, value any, id, en string) error {
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM "+table+" WHERE "+col+" = ?", value).Scan(&n); err != nil {
		return err
	}
	v.Check(n > 0, field, fmt.Sprintf(id, value), fmt.Sprintf(en, value))
	return nil
}

// nullID turns 0 into NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// idOf scans a nullable reference into 0 or the id.
type idOf struct{ v *int64 }

func (n idOf) Scan(src any) error {
	var x sql.NullInt64
	if err := x.Scan(src); err != nil {
		return err
	}
	*n.v = x.Int64
	return nil
}

// dateOf scans ISO date text into a dagang.Date ("" is the zero date).
type dateOf struct{ v *dagang.Date }

func (n dateOf) Scan(src any) error {
	var s sql.NullString
	if err := s.Scan(src); err != nil {
		return err
	}
	if s.String == "" {
		*n.v = dagang.Date{}
		return nil
	}
	d, err := dagang.ParseDate(s.String)
	if err != nil {
		return fmt.Errorf("bad date %q in database", s.String)
	}
	*n.v = d
	return nil
}

func sorted(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

func itoa(i int) string { return fmt.Sprint(i) }

// affected turns an UPDATE or DELETE that touched no row into ENOTFOUND.
func affected(res sql.Result, err error, what, whatEN string, id int64) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return notFound(what, whatEN, id)
	}
	return nil
}

// deleteByID deletes one row of table (a constant of this package) at
// version (0: any).
func (d *DB) deleteByID(ctx context.Context, table, what, whatEN string, id, version int64) error {
	return d.inTx(ctx, func(t tx) error {
		if err := lockVersion(ctx, t, table, what, whatEN, id, version); err != nil {
			return err
		}
		res, err := t.exec(ctx, "DELETE FROM "+table+" WHERE id = ?", id)
		if err := affected(res, err, what, whatEN, id); err != nil {
			return err
		}
		return d.reindex(ctx, t, table, id)
	})
}

// dependant is a table whose rows refer to a record and would be orphaned
// by its deletion: col of table holds the record's id.
type dependant struct {
	table, col   string
	what, whatEN string
}

// deleteRecord deletes one row of table unless dependants refer to it;
// then it refuses with ECONFLICT naming each and how many ("punya 3
// transaksi"). load reads the record (ENOTFOUND when missing) for the
// audit entry, which keeps what was deleted. Everything happens in one
// transaction.
func (d *DB) deleteRecord(ctx context.Context, table, what, whatEN string, id, version int64, deps []dependant, load func(t tx) (officeID int64, old any, err error)) error {
	return d.inTx(ctx, func(t tx) error {
		if err := lockVersion(ctx, t, table, what, whatEN, id, version); err != nil {
			return err
		}
		officeID, old, err := load(t)
		if err != nil {
			return err
		}
		if err := orphans(ctx, t, what, whatEN, id, deps); err != nil {
			return err
		}
		res, err := t.exec(ctx, "DELETE FROM "+table+" WHERE id = ?", id)
		if err := affected(res, err, what, whatEN, id); err != nil {
			return err
		}
		if err := d.reindex(ctx, t, table, id); err != nil {
			return err
		}
		return d.audit(ctx, t, officeID, whatEN, id, "delete", old, nil)
	})
}

// orphans returns ECONFLICT when any dependant refers to the record.
func orphans(ctx context.Context, t tx, what, whatEN string, id int64, deps []dependant) error {
	var id_, en []string
	for _, dep := range deps {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM "+dep.table+" WHERE "+dep.col+" = ?", id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			id_ = append(id_, fmt.Sprintf("%d %s", n, dep.what))
			en = append(en, fmt.Sprintf("%d %s", n, dep.whatEN))
		}
	}
	if len(id_) == 0 {
		return nil
	}
	return &dagang.Error{Code: dagang.ECONFLICT,
		Message:   fmt.Sprintf("%s %d masih punya %s; hapus atau pindahkan itu dahulu", what, id, strings.Join(id_, ", ")),
		MessageEN: fmt.Sprintf("%s %d still has %s; delete or move those first", whatEN, id, strings.Join(en, ", "))}
}

// partyRef checks the business, or else the organisation, a listing or a
// participation is of: it must be of the office.
func partyRef(ctx context.Context, t tx, v *dagang.Validation, businessID, organisationID, officeID int64) error {
	if businessID > 0 {
		return ownRef(ctx, t, v, "business_id", "businesses", businessID, officeID, "pelaku usaha", "business")
	}
	return ownRef(ctx, t, v, "organisation_id", "organisations", organisationID, officeID, "organisasi", "organisation")
}

// ownRef checks that row id of table (a constant of this package) belongs
// to the office, and records a field error naming it when it does not: a
// record refers only to records of its own office.
func ownRef(ctx context.Context, t tx, v *dagang.Validation, field, table string, id, officeID int64, what, whatEN string) error {
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM "+table+" WHERE id = ? AND office_id = ?", id, officeID).Scan(&n); err != nil {
		return err
	}
	v.Check(n > 0, field, what+" "+itoa(int(id))+" tidak dikenal di dinas ini", whatEN+" "+itoa(int(id))+" is unknown in this office")
	return nil
}

// eachRow runs q and calls scan for each row.
func eachRow(ctx context.Context, t tx, q string, scan func(scanner) error, args ...any) error {
	rows, err := t.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
