package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/dagang/dagang/internal/store"
)

func isPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// cmdBackup writes a backup of the database: SQLite with VACUUM INTO (safe
// while the server runs), PostgreSQL with pg_dump's custom format.
func cmdBackup(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("backup", "dagang backup [--db dagang.db] --out BERKAS", e)
	dsn := dbFlag(fs, e, "dagang.db")
	out := fs.String("out", "", "berkas cadangan yang dibuat (tidak boleh sudah ada)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return e.usage("cli.err.backup_out")
	}
	if _, err := os.Stat(*out); err == nil {
		return errors.New(e.say("cli.err.backup_exists", *out))
	}
	if isPostgresDSN(*dsn) {
		if err := pgTool(ctx, e, "pg_dump", "--format=custom", "--no-owner", "--file", *out, "--dbname", *dsn); err != nil {
			os.Remove(*out)
			return err
		}
		fmt.Fprintf(e.stdout, "Cadangan PostgreSQL (pg_dump --format=custom) ditulis ke %s\n", *out)
		return nil
	}
	db, err := openExisting(ctx, *dsn, newLogger(e))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, *out); err != nil {
		return err
	}
	v, err := store.CheckSQLiteBackup(ctx, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Cadangan SQLite ditulis ke %s (skema versi %d, integrity_check ok)\n", *out, v)
	return nil
}

// cmdRestore puts a backup in place of the database. It refuses a target
// that holds data unless --force.
func cmdRestore(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("restore", "dagang restore --from BERKAS [--db dagang.db] [--force]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	from := fs.String("from", "", "berkas cadangan dari 'dagang backup'")
	force := fs.Bool("force", false, "timpa basis data yang sudah berisi data")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *from == "" {
		return e.usage("cli.err.backup_from")
	}
	if isPostgresDSN(*dsn) {
		return restorePostgres(ctx, e, *from, *dsn, *force)
	}
	v, err := store.CheckSQLiteBackup(ctx, *from)
	if err != nil {
		return err
	}
	full, err := store.SQLiteHasData(ctx, *dsn)
	if err != nil {
		return err
	}
	if full && !*force {
		return errors.New(e.say("cli.err.target_has_data", *dsn))
	}
	if err := store.RestoreSQLite(*from, *dsn); err != nil {
		return err
	}
	return reportRestored(ctx, e, *dsn, v)
}

// reportRestored opens the restored database (migrating an older schema)
// and prints its schema version.
func reportRestored(ctx context.Context, e env, dsn string, from int) error {
	db, err := store.Open(ctx, dsn, store.Options{Logger: newLogger(e)})
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Cadangan dipulihkan ke %s (skema versi %d", redact(dsn), v)
	if from != 0 && from != v {
		fmt.Fprintf(e.stdout, ", dimutakhirkan dari %d", from)
	}
	fmt.Fprintln(e.stdout, ")")
	return nil
}

func restorePostgres(ctx context.Context, e env, from, dsn string, force bool) error {
	if _, err := os.Stat(from); err != nil {
		return fmt.Errorf("berkas cadangan %s tidak terbaca: %w", from, err)
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	var n int
	err = db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()").Scan(&n)
	db.Close()
	if err != nil {
		return fmt.Errorf("PostgreSQL %s tidak menjawab: %w", redact(dsn), err)
	}
	args := []string{"--no-owner", "--exit-on-error", "--single-transaction", "--dbname", dsn}
	if n > 0 {
		if !force {
			return fmt.Errorf("basis data %s sudah berisi %d tabel; tambahkan --force untuk menimpanya (target holds tables: add --force)", redact(dsn), n)
		}
		args = append(args, "--clean", "--if-exists")
	}
	if err := pgTool(ctx, e, "pg_restore", append(args, from)...); err != nil {
		return err
	}
	return reportRestored(ctx, e, dsn, 0)
}

// pgTool runs pg_dump or pg_restore, or explains how to install them.
func pgTool(ctx context.Context, e env, name string, args ...string) error {
	path, err := exec.LookPath(name)
	if err != nil {
		return fmt.Errorf("%s tidak ditemukan: pasang klien PostgreSQL (apt-get install postgresql-client) atau jalankan %s sendiri, lihat docs/operations.md (%s not found)", name, name, name)
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdout, cmd.Stderr = e.stdout, e.stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("%s gagal (kode %d); lihat pesan di atas (%s failed)", name, ee.ExitCode(), name)
		}
		return err
	}
	return nil
}
