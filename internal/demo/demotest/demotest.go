// Package demotest gives tests a fresh database holding the demo story, so
// that every package's tests start from the same records without paying
// for them each time: the story (reference data, events, deals and the
// scheduled mission agenda) is built once per test binary and copied for
// each test, a file copy on SQLite and CREATE DATABASE … TEMPLATE on
// PostgreSQL.
//
// The usual set-up of a package whose tests use the demo:
//
//	func TestMain(m *testing.M) { demotest.Main(m) }
//
//	func TestSomething(t *testing.T) {
//		db, story := demotest.Load(t) // SQLite
//		...
//	}
//
// Tests that run on both databases declare a Template with the clock they
// need and ask it for a copy on each backend:
//
//	var demoDB = demotest.Template{Now: func() time.Time { return fixedNow }}
//
//	db, story := demoDB.Postgres(t) // skipped or failed as internal/pgtest says
//
// Only tests import this package.
package demotest

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dagang/dagang/internal/authtest"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/pgtest"
	"github.com/dagang/dagang/internal/store"
)

// Main is the TestMain of a package whose tests use the demo: passwords
// are hashed at the cheapest argon2id cost (internal/authtest), the tests
// run, and the templates they built are removed.
func Main(m *testing.M) {
	authtest.Cheap()
	code := m.Run()
	if err := Cleanup(); err != nil {
		fmt.Fprintln(os.Stderr, "demotest:", err)
	}
	os.Exit(code)
}

// Cleanup removes every template built so far. Main calls it; a TestMain
// that does more than Main calls it after m.Run.
func Cleanup() error {
	mu.Lock()
	defer mu.Unlock()
	var first error
	for _, drop := range drops {
		if err := drop(); err != nil && first == nil {
			first = err
		}
	}
	drops = nil
	return first
}

var (
	mu    sync.Mutex
	drops []func() error
)

func onCleanup(drop func() error) {
	mu.Lock()
	defer mu.Unlock()
	drops = append(drops, drop)
}

// A Template is the demo story, built at the first test that asks for it
// on a backend and copied for that test and every later one. The zero
// value uses the real clock; declare it once per package, at package
// level, so that the tests of the binary share it.
type Template struct {
	// Now is the clock of the database the story is built in and of
	// every copy; time.Now when nil.
	Now func() time.Time
	// Empty leaves the story out: the template is the migrated schema
	// alone, for tests that bring their own records, and Open returns a
	// nil story. Migrating costs a PostgreSQL test more than copying.
	Empty bool
	// Users adds the demo accounts (demo.CreateUsers), as `dagang demo`
	// does.
	Users bool

	sqlite, postgres built
}

// built is a template on one backend.
type built struct {
	once  sync.Once
	where string // the SQLite file, or the PostgreSQL database name
	story *demo.Story
	err   error
}

var std Template

// Load returns a new SQLite database holding the demo story, closed when
// t ends, with the real clock.
func Load(t testing.TB) (*store.DB, *demo.Story) {
	t.Helper()
	return std.SQLite(t)
}

// SQLite returns a copy of the template on SQLite, in t's temporary
// directory and closed when t ends.
func (tp *Template) SQLite(t testing.TB) (*store.DB, *demo.Story) {
	t.Helper()
	return tp.Open(t, "sqlite", store.Options{})
}

// Postgres returns a copy of the template on the PostgreSQL server of
// internal/pgtest, dropped when t ends; the test skips or fails as
// pgtest's policy says when the server or the right to create databases
// is missing.
func (tp *Template) Postgres(t testing.TB) (*store.DB, *demo.Story) {
	t.Helper()
	return tp.Open(t, "postgres", store.Options{})
}

// Open returns a copy of the template on backend, "sqlite" or "postgres",
// opened with opt and closed when t ends; when opt.Now is nil the copy
// keeps the template's clock.
func (tp *Template) Open(t testing.TB, backend string, opt store.Options) (*store.DB, *demo.Story) {
	t.Helper()
	if opt.Now == nil {
		opt.Now = tp.Now
	}
	dsn, story := tp.Copy(t, backend)
	db, err := store.Open(context.Background(), dsn, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, story
}

// Copy makes a copy of the template on backend, "sqlite" or "postgres",
// removed when t ends, and returns its address (a file path, or a
// postgres:// URL) for code that opens the database itself.
func (tp *Template) Copy(t testing.TB, backend string) (string, *demo.Story) {
	t.Helper()
	var dsn string
	var b *built
	switch backend {
	case "sqlite":
		b = &tp.sqlite
		b.once.Do(func() {
			dir, err := os.MkdirTemp("", "dagang-demo-")
			if err != nil {
				b.err = err
				return
			}
			onCleanup(func() error { return os.RemoveAll(dir) })
			b.where = filepath.Join(dir, "demo.db")
			b.story, b.err = tp.fill(b.where)
		})
		if b.err == nil {
			dsn = filepath.Join(t.TempDir(), "demo.db")
			if err := copyFile(b.where, dsn); err != nil {
				t.Fatal(err)
			}
		}
	case "postgres":
		pgtest.CreateDB(t)
		b = &tp.postgres
		b.once.Do(func() {
			b.err = fmt.Errorf("not created: the test that built it failed first")
			name, tdsn, drop := pgtest.Template(t)
			onCleanup(drop)
			b.where = name
			b.story, b.err = tp.fill(tdsn)
		})
		if b.err == nil {
			dsn = pgtest.FromTemplate(t, b.where)
		}
	default:
		t.Fatalf("demotest: no backend %q", backend)
	}
	if b.err != nil {
		t.Fatalf("demo template on %s: %v", backend, b.err)
	}
	return dsn, clone(b.story)
}

// fill loads the story into a new database at dsn and closes it.
func (tp *Template) fill(dsn string) (*demo.Story, error) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, store.Options{Now: tp.Now})
	if err != nil {
		return nil, err
	}
	var s *demo.Story
	if !tp.Empty {
		s, err = demo.Load(ctx, db)
	}
	if err == nil && tp.Users && s != nil {
		_, err = demo.CreateUsers(ctx, db, s)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return s, err
}

// copyFile copies the closed SQLite database at from to to, with its
// write-ahead log when one was left behind.
func copyFile(from, to string) error {
	for _, suffix := range []string{"", "-wal"} {
		src, err := os.Open(from + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			return err
		}
		dst, err := os.Create(to + suffix)
		if err == nil {
			_, err = io.Copy(dst, src)
			if cerr := dst.Close(); err == nil {
				err = cerr
			}
		}
		src.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// clone copies the story's records, so that a test which changes one (a
// version raised by an update, a renamed business) changes only its own.
func clone(s *demo.Story) *demo.Story {
	if s == nil {
		return nil
	}
	c := &demo.Story{
		Office:      ptr(s.Office),
		Commodities: maps.Clone(s.Commodities),
		Mission2019: ptr(s.Mission2019),
		Businesses:  maps.Clone(s.Businesses),
		Orgs:        maps.Clone(s.Orgs),
	}
	for _, e := range s.Events {
		c.Events = append(c.Events, ptr(e))
	}
	for _, r := range s.Registrations {
		r = ptr(r)
		r.Products = slices.Clone(r.Products)
		c.Registrations = append(c.Registrations, r)
	}
	for k, v := range c.Commodities {
		v = ptr(v)
		v.Inputs = slices.Clone(v.Inputs)
		c.Commodities[k] = v
	}
	for k, v := range c.Businesses {
		v = ptr(v)
		v.Products = slices.Clone(v.Products)
		c.Businesses[k] = v
	}
	for k, v := range c.Orgs {
		c.Orgs[k] = ptr(v)
	}
	return c
}

func ptr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}
