// Package store keeps the domain in SQL: SQLite (modernc.org/sqlite, the
// embedded default) or PostgreSQL (pgx), through the same code. The few
// differences between the two sit in dialect.go. Full-text search (FTS5 on
// SQLite, tsvector on PostgreSQL, both over Go-computed Indonesian stems so
// the two behave alike) is in search.go; see README-search.md.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dagang/dagang"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// DB is an open store. It implements every service interface of the
// domain.
type DB struct {
	db *sql.DB
	// readers, on SQLite, is a pool of read-only connections for the
	// statements made outside a transaction that only read (read().query,
	// read().queryRow): the office's pages never wait for a connection
	// held by writers, a flood's rate-limit hits or a job's transaction.
	// db then serves the transactions and every write. On PostgreSQL db
	// serves all.
	readers *sql.DB
	dialect dialect
	dsn     string
	now     func() time.Time
	log     *slog.Logger
	// rls: PostgreSQL keeps each office's rows to itself by row-level
	// security (scope.go).
	rls bool
	// rateSwept is when this DB last deleted every expired rate-limit
	// hit (unix nanoseconds; ratelimit.go).
	rateSwept atomic.Int64
}

// Options configure Open.
type Options struct {
	// Now returns the current time; time.Now when nil.
	Now func() time.Time
	// Logger receives store events; slog.Default() when nil.
	Logger *slog.Logger
}

// Open connects to dsn and migrates the schema. A dsn that starts with
// postgres:// or postgresql:// opens PostgreSQL; anything else is a SQLite
// file path (":memory:" is refused: the store needs a real file for WAL).
func Open(ctx context.Context, dsn string, opt Options) (*DB, error) {
	d := &DB{dsn: dsn, now: opt.Now, log: opt.Logger}
	if d.now == nil {
		d.now = time.Now
	}
	if d.log == nil {
		d.log = slog.Default()
	}
	var err error
	if isPostgres(dsn) {
		d.dialect = postgres{}
		d.rls = true
		d.db, err = sql.Open("pgx", dsn)
		if err == nil {
			d.db.SetMaxOpenConns(20)
			d.db.SetMaxIdleConns(20)
			d.db.SetConnMaxIdleTime(5 * time.Minute)
		}
	} else {
		if dsn == "" || dsn == ":memory:" {
			return nil, fmt.Errorf("store: a SQLite file path is required")
		}
		if dir := filepath.Dir(dsn); dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("store: %w", err)
			}
		}
		d.dialect = sqlite{}
		// WAL for concurrent readers, foreign keys on, a busy timeout so
		// writers queue instead of failing, and synchronous=NORMAL which
		// is durable under WAL against process crashes.
		q := "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		d.db, err = sql.Open("sqlite", "file:"+dsn+"?"+q)
		if err == nil {
			d.db.SetMaxOpenConns(4)
			// Readers see the last commit (WAL) without waiting for the
			// writer; query_only makes a write sent to them an error.
			d.readers, err = sql.Open("sqlite", "file:"+dsn+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=query_only(1)")
		}
		if err == nil {
			d.readers.SetMaxOpenConns(max(8, 2*runtime.GOMAXPROCS(0)))
			d.readers.SetMaxIdleConns(max(8, 2*runtime.GOMAXPROCS(0)))
		}
	}
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("store: open: %w", err)
	}
	if err := d.db.PingContext(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("store: connect: %w", err)
	}
	if err := d.Migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Close closes the database.
func (d *DB) Close() error {
	var err error
	if d.readers != nil {
		err = d.readers.Close()
	}
	if d.db != nil {
		err = errors.Join(d.db.Close(), err)
	}
	return err
}

// Dialect names the SQL dialect: "sqlite" or "postgres".
func (d *DB) Dialect() string { return d.dialect.name() }

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error { return d.db.PingContext(ctx) }

// queryer is what both *sql.DB and *sql.Tx offer; tx wraps either and
// rewrites placeholders for the dialect.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// tx runs queries written with "?" placeholders in the store's dialect.
type tx struct {
	q queryer
	d dialect
	// pool is set on a tx over the pool (read): on PostgreSQL each of its
	// statements made for one office runs in a transaction of its own that
	// sets the office first (scope.go), so row-level security sees it.
	pool *DB
}

// scoped opens the transaction of one statement of a pool tx when ctx acts
// for one office on PostgreSQL; nil otherwise (the statement runs as is).
// A statement made under a job's claim also runs in a transaction of its
// own, which checks the claim first (fence).
func (t tx) scoped(ctx context.Context) (*sql.Tx, error) {
	if t.pool == nil {
		return nil, nil
	}
	office, bound, _ := dagang.OfficeScope(ctx)
	bound = bound && t.pool.rls
	_, _, claimed := dagang.ClaimFromContext(ctx)
	if !bound && !claimed {
		return nil, nil
	}
	sqlTx, err := t.pool.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if bound {
		err = setScope(ctx, sqlTx, office)
	}
	if err == nil {
		err = t.pool.fence(ctx, sqlTx)
	}
	if err != nil {
		sqlTx.Rollback()
		return nil, err
	}
	return sqlTx, nil
}

func (t tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	t = t.written()
	query, args = t.d.rebind(query), bindSearch(t.d, args)
	st, err := t.scoped(ctx)
	if err != nil || st == nil {
		if err != nil {
			return nil, err
		}
		return t.q.ExecContext(ctx, query, args...)
	}
	res, err := st.ExecContext(ctx, query, args...)
	if err != nil {
		st.Rollback()
		return nil, err
	}
	return res, st.Commit()
}

// rows are the rows of a query; closing them ends the statement's own
// transaction, if it has one.
type rows struct {
	*sql.Rows
	tx *sql.Tx
}

// Close closes the rows and commits their transaction (a read: nothing to
// lose).
func (r *rows) Close() error {
	err := r.Rows.Close()
	if r.tx != nil {
		if cerr := r.tx.Commit(); err == nil && !errors.Is(cerr, sql.ErrTxDone) {
			err = cerr
		}
		r.tx = nil
	}
	return err
}

func (t tx) query(ctx context.Context, query string, args ...any) (*rows, error) {
	query, args = t.d.rebind(query), bindSearch(t.d, args)
	st, err := t.scoped(ctx)
	if err != nil {
		return nil, err
	}
	var q queryer = t.q
	if st != nil {
		q = st
	}
	rs, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		if st != nil {
			st.Rollback()
		}
		return nil, err
	}
	return &rows{Rows: rs, tx: st}, nil
}

// row is the one row of a query, read by Scan.
type row struct {
	r   *sql.Row
	tx  *sql.Tx
	err error
}

// Scan reads the row and ends the statement's own transaction, if any.
func (r *row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	err := r.r.Scan(dest...)
	if r.tx != nil {
		if cerr := r.tx.Commit(); err == nil {
			err = cerr
		}
	}
	return err
}

func (t tx) queryRow(ctx context.Context, query string, args ...any) *row {
	query, args = t.d.rebind(query), bindSearch(t.d, args)
	st, err := t.scoped(ctx)
	if err != nil {
		return &row{err: err}
	}
	if st != nil {
		return &row{r: st.QueryRowContext(ctx, query, args...), tx: st}
	}
	return &row{r: t.q.QueryRowContext(ctx, query, args...)}
}

// insert runs an INSERT … RETURNING id and returns the id.
func (t tx) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := t.written().queryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// read returns a tx over the pool, outside any transaction: its queries
// go to the readers (SQLite), its writes to db.
func (d *DB) read() tx {
	if d.readers != nil {
		return tx{q: d.readers, d: d.dialect, pool: d}
	}
	return tx{q: d.db, d: d.dialect, pool: d}
}

// written is t for a statement that writes: over the pool, db.
func (t tx) written() tx {
	if t.pool != nil {
		t.q = t.pool.db
	}
	return t
}

// inTx runs fn in a transaction, committing when it returns nil and rolling
// back otherwise. Errors from the database are translated by mapError.
func (d *DB) inTx(ctx context.Context, fn func(tx) error) error {
	sqlTx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return d.mapError(err)
	}
	if err := d.scope(ctx, sqlTx); err != nil {
		sqlTx.Rollback()
		return d.mapError(err)
	}
	if err := d.fence(ctx, sqlTx); err != nil {
		sqlTx.Rollback()
		return d.mapError(err)
	}
	if err := fn(tx{q: sqlTx, d: d.dialect}); err != nil {
		sqlTx.Rollback()
		return d.mapError(err)
	}
	if err := sqlTx.Commit(); err != nil {
		return d.mapError(err)
	}
	return nil
}

// mapError leaves *dagang.Error as it is, turns constraint violations into
// EINVALID or ECONFLICT, and wraps anything else with context (it is then
// EINTERNAL, logged in full and never shown to users).
func (d *DB) mapError(err error) error {
	if err == nil {
		return nil
	}
	var e *dagang.Error
	if errors.As(err, &e) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return dagang.Errorf(dagang.ENOTFOUND, "data tidak ditemukan", "record not found")
	}
	switch d.dialect.constraint(err) {
	case constraintUnique:
		if msg := err.Error(); strings.Contains(msg, "businesses_office_nib") || strings.Contains(msg, "businesses.nib") {
			// Two writers raced past uniqueNIB; the index stopped the second.
			return &dagang.Error{Code: dagang.ECONFLICT, Message: "NIB sudah terdaftar", MessageEN: "NIB already registered",
				Fields: []dagang.FieldError{{Field: "nib", Message: "NIB ini baru saja didaftarkan untuk pelaku usaha lain", MessageEN: "this NIB was just registered for another business"}}}
		}
		if msg := err.Error(); strings.Contains(msg, "users_email_key") || strings.Contains(msg, "users.email") {
			// An e-mail names one account in the deployment; the check
			// before the insert sees only the acting office's accounts.
			return &dagang.Error{Code: dagang.ECONFLICT, Message: "Data tidak valid", MessageEN: "Invalid data",
				Fields: []dagang.FieldError{{Field: "email", Message: "email sudah dipakai akun lain", MessageEN: "e-mail is already used by another account"}}}
		}
		return dagang.Errorf(dagang.ECONFLICT, "data yang sama sudah ada", "the same record already exists")
	case constraintForeignKey:
		return dagang.Errorf(dagang.EINVALID, "data merujuk ke sesuatu yang tidak ada, atau masih dirujuk oleh data lain", "the record refers to something that does not exist, or is still referred to")
	case constraintCheck:
		return dagang.Errorf(dagang.EINVALID, "data melanggar aturan nilai", "the record breaks a value rule")
	}
	return fmt.Errorf("store: %w", err)
}

// notFound returns an ENOTFOUND error naming the kind of record.
func notFound(what, whatEN string, id any) error {
	return &dagang.Error{
		Code:      dagang.ENOTFOUND,
		Message:   fmt.Sprintf("%s %v tidak ditemukan", what, id),
		MessageEN: fmt.Sprintf("%s %v not found", whatEN, id),
	}
}
