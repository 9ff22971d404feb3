package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
	"github.com/dagang/dagang/internal/store"
)

func cmdUser(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stdout, e.say("cli.help.user"))
		return nil
	}
	switch args[0] {
	case "add":
		return userAdd(ctx, e, args[1:])
	case "password":
		return userPassword(ctx, e, args[1:])
	}
	return e.usage("cli.unknown_sub", args[0])
}

// readPassword returns the first line of stdin when fromStdin, or a new
// random password (generated=true) to print once.
func readPassword(e env, fromStdin bool) (password string, generated bool, err error) {
	if !fromStdin {
		return auth.NewPassword(), true, nil
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", false, e.usage("cli.err.no_password")
	}
	password = strings.TrimRight(line, "\r\n")
	if len([]rune(password)) < auth.MinPasswordLen {
		return "", false, e.usage("cli.err.short_password", auth.MinPasswordLen)
	}
	return password, false, nil
}

// newPassword reads or generates a password, hashes it and opens the
// database; the caller closes db and calls report after the change.
func newPassword(ctx context.Context, e env, dsn string, fromStdin bool) (db *store.DB, hash string, report func(), err error) {
	password, generated, err := readPassword(e, fromStdin)
	if err != nil {
		return nil, "", nil, err
	}
	if hash, err = auth.HashPassword(password, auth.DefaultParams); err != nil {
		return nil, "", nil, err
	}
	if db, err = openExisting(ctx, dsn, newLogger(e)); err != nil {
		return nil, "", nil, err
	}
	report = func() {
		if generated {
			fmt.Fprintf(e.stdout, "Kata sandi (hanya ditampilkan sekali / shown once): %s\n", password)
		}
	}
	return db, hash, report, nil
}

func userAdd(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("user add", "dagang user add --email E --name N --role admin|staff|leadership|business|counterpart|national [--business ID|--organisation ID] [--password-stdin] [--db dagang.db]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	email := fs.String("email", "", "alamat email (nama masuk)")
	name := fs.String("name", "", "nama")
	role := fs.String("role", "", "peran: admin, staff, leadership, business, counterpart, national (membaca tampilan nasional semua dinas)")
	businessID := fs.Int64("business", 0, "id usaha (peran business)")
	orgID := fs.Int64("organisation", 0, "id organisasi mitra (peran counterpart)")
	lang := fs.String("lang", "id", "bahasa: id atau en")
	fromStdin := fs.Bool("password-stdin", false, "baca kata sandi dari baris pertama stdin; tanpa ini kata sandi acak dibuat dan dicetak sekali")
	officeID := fs.Int64("office", 0, "id dinas (bawaan: dinas pertama)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, hash, report, err := newPassword(ctx, e, *dsn, *fromStdin)
	if err != nil {
		return err
	}
	defer db.Close()
	office, err := pickOffice(ctx, db, *officeID)
	if err != nil {
		return err
	}
	u := &dagang.User{OfficeID: office.ID, Email: *email, Name: *name, Role: dagang.UserRole(*role), BusinessID: *businessID, OrganisationID: *orgID, Lang: *lang}
	if err := db.CreateUser(ctx, u, hash); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Akun dibuat: %s (%s, id %d)\n", u.Email, u.Role, u.ID)
	report()
	return nil
}

func userPassword(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("user password", "dagang user password --email E [--password-stdin] [--db dagang.db]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	email := fs.String("email", "", "alamat email akun")
	fromStdin := fs.Bool("password-stdin", false, "baca kata sandi dari baris pertama stdin; tanpa ini kata sandi acak dibuat dan dicetak sekali")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, hash, report, err := newPassword(ctx, e, *dsn, *fromStdin)
	if err != nil {
		return err
	}
	defer db.Close()
	u, _, err := db.FindCredentials(ctx, *email)
	if err != nil {
		return err
	}
	if err := db.SetPassword(ctx, u.ID, hash); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Kata sandi %s diganti; sesi lama diakhiri.\n", u.Email)
	report()
	return nil
}

func cmdToken(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stdout, e.say("cli.help.token"))
		return nil
	}
	switch args[0] {
	case "create":
		return tokenCreate(ctx, e, args[1:])
	case "list":
		return tokenList(ctx, e, args[1:])
	case "revoke":
		return tokenRevoke(ctx, e, args[1:])
	}
	return e.usage("cli.unknown_sub", args[0])
}

func tokenCreate(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("token create", "dagang token create --email E [--name N] [--db dagang.db]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	email := fs.String("email", "", "alamat email akun pemilik token")
	name := fs.String("name", "skrip", "nama token (untuk mengenalinya nanti)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, u, err := openAccount(ctx, e, *dsn, *email)
	if err != nil {
		return err
	}
	defer db.Close()
	secret := auth.NewSecret("dgt_")
	t := &dagang.APIToken{UserID: u.ID, Name: *name, Hash: auth.HashSecret(secret)}
	if err := db.CreateAPIToken(ctx, t); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Token API %d untuk %s (%s) dibuat. Simpan sekarang, token hanya ditampilkan sekali:\n%s\n", t.ID, u.Email, u.Role, secret)
	fmt.Fprintln(e.stdout, "Pakai: curl -H 'Authorization: Bearer <token>' http://…/api/v1/…")
	return nil
}

func tokenList(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("token list", "dagang token list --email E [--db dagang.db]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	email := fs.String("email", "", "alamat email akun")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, u, err := openAccount(ctx, e, *dsn, *email)
	if err != nil {
		return err
	}
	defer db.Close()
	ts, err := db.FindAPITokens(ctx, u.ID)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "id\tnama\tdibuat\tterakhir dipakai")
	for _, t := range ts {
		used := "belum pernah"
		if !t.LastUsedAt.IsZero() {
			used = t.LastUsedAt.Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\n", t.ID, t.Name, t.CreatedAt.Format("2006-01-02 15:04"), used)
	}
	return w.Flush()
}

func tokenRevoke(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("token revoke", "dagang token revoke --id N [--db dagang.db]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	id := fs.Int64("id", 0, "id token (lihat 'dagang token list')")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := openExisting(ctx, *dsn, newLogger(e))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.DeleteAPIToken(ctx, *id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Token %d dicabut.\n", *id)
	return nil
}

// openAccount opens an existing database and finds the account with the
// given e-mail; the caller closes the database.
func openAccount(ctx context.Context, e env, dsn, email string) (*store.DB, *dagang.User, error) {
	db, err := openExisting(ctx, dsn, newLogger(e))
	if err != nil {
		return nil, nil, err
	}
	u, _, err := db.FindCredentials(ctx, email)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, u, nil
}
