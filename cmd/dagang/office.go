package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"text/tabwriter"

	"github.com/dagang/dagang"
)

func cmdOffice(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stdout, e.say("cli.help.office"))
		return nil
	}
	switch args[0] {
	case "add":
		return officeAdd(ctx, e, args[1:])
	case "list":
		return officeList(ctx, e, args[1:])
	}
	return e.usage("cli.unknown_sub", args[0])
}

// officeAdd creates an office of the deployment and its first admin, who
// then creates the office's other accounts from the web application.
func officeAdd(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("office add", "dagang office add --home 64 --admin-email E [--name N] [--admin-name N] [--password-stdin] [--db dagang.db]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	home := fs.String("home", "", "kode provinsi asal dinas (dua angka, misalnya 64)")
	name := fs.String("name", "", "nama dinas (bawaan: Dinas Perdagangan Provinsi <provinsi>); wajib untuk dinas kedua di provinsi yang sama")
	email := fs.String("admin-email", "", "email admin pertama dinas (nama masuk)")
	adminName := fs.String("admin-name", "", "nama admin (bawaan: Admin <nama dinas>)")
	fromStdin := fs.Bool("password-stdin", false, "baca kata sandi admin dari baris pertama stdin; tanpa ini kata sandi acak dibuat dan dicetak sekali")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, hash, report, err := newPassword(ctx, e, *dsn, *fromStdin)
	if err != nil {
		return err
	}
	defer db.Close()
	o, err := newOffice(ctx, db, strings.TrimSpace(*home), *name)
	if dagang.ErrorCode(err) == dagang.ENOTFOUND || dagang.ErrorCode(err) == dagang.EINVALID {
		return &dagang.Error{Code: dagang.EINVALID, Message: fmt.Sprintf("--home %q: bukan kode provinsi yang dikenal (contoh 64)", *home),
			MessageEN: fmt.Sprintf("--home %q: not a known province code (e.g. 64)", *home)}
	}
	if err != nil {
		return err
	}
	admin := &dagang.User{Email: *email, Name: strings.TrimSpace(*adminName), Lang: e.lang}
	if admin.Name == "" {
		admin.Name = "Admin " + o.Name
	}
	if err := db.CreateOfficeWithAdmin(ctx, o, admin, hash); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.say("cli.office.created", o.Name, o.ID, o.HomeProvince, admin.Email))
	report()
	base := strings.TrimRight(e.getenv("DAGANG_BASE_URL"), "/")
	if base == "" {
		base = "http://" + addrDefault(e)
	}
	fmt.Fprintln(e.stdout, e.say("cli.office.next", base, admin.Email, serveCommand(e, *dsn)))
	return nil
}

// serveCommand is the command that serves dsn, as it can be pasted: the
// database is named as given unless it holds a password, which is never
// printed: the operator exports it as DAGANG_DB first.
func serveCommand(e env, dsn string) string {
	if e.getenv("DAGANG_DB") == dsn {
		return "dagang serve"
	}
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			return `export DAGANG_DB='postgres://…'  # the database's address, with its password` + "\n  dagang serve"
		}
	}
	return "dagang serve --db '" + strings.ReplaceAll(dsn, "'", `'\''`) + "'"
}

func officeList(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("office list", "dagang office list [--db dagang.db]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := openExisting(ctx, *dsn, newLogger(e))
	if err != nil {
		return err
	}
	defer db.Close()
	os, err := db.FindOffices(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "id\tprovinsi\tnama")
	for _, o := range os {
		fmt.Fprintf(w, "%d\t%s\t%s\n", o.ID, o.HomeProvince, o.Name)
	}
	return w.Flush()
}
