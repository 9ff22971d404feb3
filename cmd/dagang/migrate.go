package main

import (
	"context"
	"fmt"

	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/store"
)

func cmdMigrate(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("migrate", "dagang migrate [--db dagang.db]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// Open migrates; loading the reference data is idempotent.
	db, err := store.Open(ctx, *dsn, store.Options{Logger: newLogger(e)})
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := demo.LoadReference(ctx, db); err != nil {
		return err
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Skema basis data %s pada versi %d.\n", redact(*dsn), v)
	return nil
}
