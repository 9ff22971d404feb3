// Package pgtest is the one policy for tests that need PostgreSQL: the
// server named by DAGANG_TEST_POSTGRES, a throwaway schema or database on
// it, and what happens when it is missing. Locally a test skips with a
// message naming what is missing (the variable, an answering server, the
// right to create schemas or databases); with CI=true the same test fails,
// since CI must run it. Only tests import this package.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// Env is the variable that names the server.
const Env = "DAGANG_TEST_POSTGRES"

// unavailable ends t: a skip with msg locally, a failure under CI=true.
func unavailable(t testing.TB, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true requires PostgreSQL: %s", msg)
	}
	t.Skipf("PostgreSQL not tested: %s", msg)
}

// server is what was learnt about the server, once per test binary.
type server struct {
	dsn                 string
	problem             string // why it cannot be used at all
	createSchema, newDB bool
}

var (
	once  sync.Once
	found server
)

func probe() server {
	s := server{dsn: os.Getenv(Env)}
	if s.dsn == "" {
		s.problem = "set " + Env + "=postgres://… to enable it"
		return s
	}
	db, err := sql.Open("pgx", s.dsn)
	if err != nil {
		s.problem = fmt.Sprintf("%s is not a usable address: %v", Env, err)
		return s
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = db.QueryRowContext(ctx, `SELECT has_database_privilege(current_database(), 'CREATE'),
		(SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user)`).Scan(&s.createSchema, &s.newDB)
	if err != nil {
		s.problem = fmt.Sprintf("the server of %s does not answer: %v", Env, err)
	}
	return s
}

// DSN returns the server's address, or ends t when there is none that
// answers.
func DSN(t testing.TB) string {
	t.Helper()
	once.Do(func() { found = probe() })
	if found.problem != "" {
		unavailable(t, found.problem)
	}
	return found.dsn
}

// Schema creates a throwaway schema, dropped when t ends, and returns an
// address whose search_path is that schema.
func Schema(t testing.TB) string {
	t.Helper()
	dsn := DSN(t)
	if !found.createSchema {
		unavailable(t, "the role of "+Env+" may not create schemas in its database")
	}
	name := "dagang_test_" + random()
	admin := open(t, dsn)
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + name); err != nil {
		t.Fatalf("CREATE SCHEMA: %v", err)
	}
	t.Cleanup(func() {
		admin := open(t, dsn)
		defer admin.Close()
		admin.Exec("DROP SCHEMA " + name + " CASCADE")
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + name
}

// CreateDB returns the server's address, or ends t when there is none
// that answers or its role may not create databases.
func CreateDB(t testing.TB) string {
	t.Helper()
	dsn := DSN(t)
	if !found.newDB {
		unavailable(t, "the role of "+Env+" lacks CREATEDB")
	}
	return dsn
}

// Database creates a throwaway database, dropped when t ends, and returns
// its address.
func Database(t testing.TB) string {
	t.Helper()
	return FromTemplate(t, "")
}

// FromTemplate creates a throwaway database copied from the database named
// template (CREATE DATABASE … TEMPLATE; "" for the server's default), dropped
// when t ends, and returns its address. Nobody may be connected to the
// template while it is copied.
func FromTemplate(t testing.TB, template string) string {
	t.Helper()
	dsn := CreateDB(t)
	name := "dagang_test_" + random()
	if err := createDatabase(dsn, name, template); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := dropDatabase(dsn, name); err != nil {
			t.Logf("drop test database: %v", err)
		}
	})
	return withDatabase(t, dsn, name)
}

// Template creates a database that outlives the test which asks for it,
// to be filled once and then copied by FromTemplate for every test of the
// binary; drop removes it (call it after m.Run in TestMain). It follows
// the policy of CreateDB.
func Template(t testing.TB) (name, dsn string, drop func() error) {
	t.Helper()
	server := CreateDB(t)
	name = "dagang_template_" + random()
	if err := createDatabase(server, name, ""); err != nil {
		t.Fatal(err)
	}
	return name, withDatabase(t, server, name), func() error { return dropDatabase(server, name) }
}

func createDatabase(dsn, name, template string) error {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer admin.Close()
	q := "CREATE DATABASE " + name
	if template != "" {
		q += " TEMPLATE " + template
	}
	if _, err := admin.Exec(q); err != nil {
		return fmt.Errorf("%s: %w", q, err)
	}
	return nil
}

func dropDatabase(dsn, name string) error {
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer admin.Close()
	_, err = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	return err
}

// withDatabase is dsn with its database replaced by name.
func withDatabase(t testing.TB, dsn, name string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func open(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func random() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
