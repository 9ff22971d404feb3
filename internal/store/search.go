package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/dagang/dagang/internal/search"
)

// Full-text search (see README-search.md).
//
// Each searchable table T has an index T_search keyed by the record's id
// (the column is called rowid in both dialects) holding search.Document of
// the record's text: every word's Snowball Indonesian stem and the word
// itself, computed in Go. On SQLite T_search is a contentless FTS5 table
// (FTS5 has no Indonesian stemmer, so it gets stems, split on spaces by
// its ascii tokenizer); on PostgreSQL it is a table with the same text and
// a generated tsvector column under a GIN index, plus a set-returning SQL
// function T_search(query) that PostgreSQL inlines into the calling query.
//
// Why Go stems for PostgreSQL too, rather than to_tsvector('indonesian',
// …): PostgreSQL's parser splits words differently from any tokenizer
// SQLite can be given (hyphenated words, e-mail addresses, numbers with
// dots, locale-dependent letters), so the two stores would find different
// records for the same query and the conformance suite could not hold
// them to one behaviour. The stems are PostgreSQL's all the same:
// internal/search checks its stemmer against PostgreSQL's indonesian_stem
// dictionary, word for word.
//
// Because the SQL is the same in both dialects — the condition
// "id IN (SELECT rowid FROM T_search(?))" is an FTS5 table-valued function
// call on SQLite and a function call on PostgreSQL, and the index rows are
// written with plain DELETE and INSERT — only two things go through the
// dialect seam: the DDL (dialect.searchDDL) and the query syntax
// (dialect.searchQuery, applied by tx to searchArg arguments).

// searchable describes the text of one table's records: SELECTs of
// (e.id, text) over the table aliased e, each with at most one row per
// join, whose results are concatenated.
type searchable struct {
	table string
	parts []string
	// dependents are tables whose documents hold text of this table's
	// records, by the column referring to it: they are reindexed with it.
	dependents []dependent
}

type dependent struct{ table, column string }

// searchables lists every table with a search index.
var searchables = []searchable{
	{table: "businesses", parts: []string{
		"SELECT e.id, e.name || ' ' || e.nib || ' ' || COALESCE(r.name, '') FROM businesses e LEFT JOIN regencies r ON r.code = e.regency_code",
		"SELECT e.id, p.description FROM businesses e JOIN products p ON p.business_id = e.id",
	}},
	{table: "organisations", parts: []string{
		"SELECT e.id, e.name FROM organisations e",
	}, dependents: []dependent{{"deals", "counterpart_id"}}},
	{table: "commodities", parts: []string{
		"SELECT e.id, e.name || ' ' || e.name_en || ' ' || e.hs_code FROM commodities e",
	}, dependents: []dependent{{"deals", "commodity_id"}}},
	{table: "events", parts: []string{
		"SELECT e.id, e.name || ' ' || e.venue FROM events e",
	}},
	{table: "agreements", parts: []string{
		"SELECT e.id, e.title || ' ' || e.reason FROM agreements e",
	}},
	{table: "deals", parts: []string{
		"SELECT e.id, e.note || ' ' || e.unit FROM deals e",
		"SELECT e.id, o.name FROM deals e JOIN organisations o ON o.id = e.counterpart_id",
		"SELECT e.id, c.name || ' ' || c.name_en FROM deals e JOIN commodities c ON c.id = e.commodity_id",
	}},
	{table: "audit_entries", parts: []string{
		"SELECT e.id, e.actor || ' ' || e.entity || ' ' || e.action || ' ' || e.old_value || ' ' || e.new_value FROM audit_entries e",
	}},
}

func searchableOf(table string) (searchable, bool) {
	for _, s := range searchables {
		if s.table == table {
			return s, true
		}
	}
	return searchable{}, false
}

// searchArg is a user's query text passed as a query argument; tx turns it
// into the dialect's query syntax (dialect.searchQuery).
type searchArg string

// bindSearch replaces searchArg arguments with the dialect's query string.
func bindSearch(d dialect, args []any) []any {
	copied := false
	for i, a := range args {
		if q, ok := a.(searchArg); ok {
			if !copied {
				args, copied = append([]any(nil), args...), true
			}
			args[i] = d.searchQuery(string(q))
		}
	}
	return args
}

// match restricts a list of table (a searchable table) to the records
// whose text matches q. A query without words (empty, or only
// punctuation) adds no condition, so it lists everything.
func (w *where) match(table, q string) {
	if len(search.Words(q)) == 0 {
		return
	}
	w.add("id IN (SELECT rowid FROM "+table+"_search(?))", searchArg(q))
}

// reindex brings the search index entry of record id of table up to date,
// in the caller's transaction: it re-reads the record's text and replaces
// its entry, or drops the entry when the record is gone. Tables that text
// of this record appears in (a deal shows its counterpart's name) are
// reindexed too. Call it after every INSERT, UPDATE or DELETE of a
// searchable table; for other tables it does nothing.
func (d *DB) reindex(ctx context.Context, t tx, table string, id int64) error {
	s, ok := searchableOf(table)
	if !ok {
		return nil
	}
	docs, err := documents(ctx, t, s, "e.id = ?", id)
	if err != nil {
		return err
	}
	if _, ok := docs[id]; ok {
		err = putDocuments(ctx, t, table, docs)
	} else {
		_, err = t.exec(ctx, "DELETE FROM "+table+"_search WHERE rowid = ?", id)
	}
	if err != nil {
		return err
	}
	for _, dep := range s.dependents {
		ds, _ := searchableOf(dep.table)
		if err := reindexWhere(ctx, t, ds, "e."+dep.column+" = ?", id); err != nil {
			return err
		}
	}
	return nil
}

// reindexWhere rewrites the index entries of the records of s that cond
// (on alias e) selects.
func reindexWhere(ctx context.Context, t tx, s searchable, cond string, args ...any) error {
	docs, err := documents(ctx, t, s, cond, args...)
	if err != nil {
		return err
	}
	return putDocuments(ctx, t, s.table, docs)
}

// documents returns the search documents of the records of s that cond
// selects, by id.
func documents(ctx context.Context, t tx, s searchable, cond string, args ...any) (map[int64]string, error) {
	var q strings.Builder
	var all []any
	for i, p := range s.parts {
		if i > 0 {
			q.WriteString(" UNION ALL ")
		}
		q.WriteString(p + " WHERE " + cond)
		all = append(all, args...)
	}
	rows, err := t.query(ctx, q.String(), all...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	text := map[int64]*strings.Builder{}
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			return nil, err
		}
		b := text[id]
		if b == nil {
			b = &strings.Builder{}
			text[id] = b
		}
		b.WriteString(s)
		b.WriteByte(' ')
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	docs := make(map[int64]string, len(text))
	for id, b := range text {
		docs[id] = search.Document(b.String())
	}
	return docs, nil
}

// putDocuments replaces the index entries of table for the ids of docs,
// in batches.
func putDocuments(ctx context.Context, t tx, table string, docs map[int64]string) error {
	ids := make([]int64, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	const batch = 200
	for len(ids) > 0 {
		n := min(batch, len(ids))
		chunk := ids[:n]
		ids = ids[n:]
		ph := make([]string, n)
		vals := make([]string, n)
		del := make([]any, n)
		ins := make([]any, 0, 2*n)
		for i, id := range chunk {
			ph[i], vals[i], del[i] = "?", "(?, ?)", id
			ins = append(ins, id, docs[id])
		}
		if _, err := t.exec(ctx, "DELETE FROM "+table+"_search WHERE rowid IN ("+strings.Join(ph, ", ")+")", del...); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "INSERT INTO "+table+"_search (rowid, terms) VALUES "+strings.Join(vals, ", "), ins...); err != nil {
			return err
		}
	}
	return nil
}

// reindexAfter indexes every record of table with an id above afterID, a
// thousand ids at a time: the call for bulk inserts (read MAX(id) before
// inserting, see maxID). For other tables it does nothing.
func (d *DB) reindexAfter(ctx context.Context, t tx, table string, afterID int64) error {
	s, ok := searchableOf(table)
	if !ok {
		return nil
	}
	hi, err := maxID(ctx, t, table)
	if err != nil {
		return err
	}
	const step = 1000
	for from := afterID; from < hi; from += step {
		if err := reindexWhere(ctx, t, s, "e.id > ? AND e.id <= ?", from, from+step); err != nil {
			return err
		}
	}
	return nil
}

// maxID returns the highest id of table (a constant of this package), 0
// when it is empty.
func maxID(ctx context.Context, t tx, table string) (int64, error) {
	var id int64
	err := t.queryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+table).Scan(&id)
	return id, err
}

// migrateSearchPlan is migration 0010: on PostgreSQL it recreates the
// search functions that 0009 first made mergeable into the calling query
// (see pgSearchFunction).
func migrateSearchPlan(ctx context.Context, d *DB, t tx) error {
	if d.dialect.name() != "postgres" {
		return nil
	}
	for _, s := range searchables {
		if _, err := t.exec(ctx, pgSearchFunction(s.table)); err != nil {
			return err
		}
	}
	return nil
}

// migrateSearch is migration 0009 (its SQL file only names it): it creates
// each table's search index in the dialect's form and fills it from the
// records already stored.
func migrateSearch(ctx context.Context, d *DB, t tx) error {
	for _, s := range searchables {
		for _, stmt := range d.dialect.searchDDL(s.table) {
			if _, err := t.exec(ctx, stmt); err != nil {
				return err
			}
		}
		if err := d.reindexAfter(ctx, t, s.table, 0); err != nil {
			return fmt.Errorf("index %s: %w", s.table, err)
		}
	}
	return nil
}
