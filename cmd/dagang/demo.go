package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/filelock"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/store"
)

const demoDB = "dagang-demo.db"

func cmdDemo(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("demo", "dagang demo [--db dagang-demo.db] [--addr 127.0.0.1:8080] [--no-serve] [--replace] [--national]", e)
	dsn := fs.String("db", demoDB, "basis data demo: berkas SQLite atau postgres://… (harus kosong)")
	addr := fs.String("addr", addrDefault(e), "alamat HTTP (env DAGANG_ADDR)")
	noServe := fs.Bool("no-serve", false, "hanya buat basis data demo, jangan jalankan server")
	replace := fs.Bool("replace", false, "hapus berkas SQLite yang sudah ada di --db (selalu untuk "+demoDB+")")
	national := fs.Bool("national", false, "tiga dinas (Kalsel, Kaltim, Jatim) pada satu basis data, dengan tampilan nasional; untuk PostgreSQL: --db postgres://…")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	log := newLogger(e)
	isFile := !strings.HasPrefix(*dsn, "postgres://") && !strings.HasPrefix(*dsn, "postgresql://")
	// A database another process serves is never deleted under it.
	release, err := lockSQLite(*dsn)
	if err != nil {
		return err
	}
	defer release()
	if isFile && (*replace || *dsn == demoDB) {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(*dsn + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	db, err := store.Open(ctx, *dsn, store.Options{Logger: log})
	if err != nil {
		return err
	}
	defer db.Close()
	story, err := demo.Load(ctx, db)
	if err != nil {
		return err
	}
	if _, err := demo.CreateUsers(ctx, db, story); err != nil {
		return err
	}
	offices := []*dagang.Office{story.Office}
	if *national {
		n, err := demo.LoadNational(ctx, db, story)
		if err != nil {
			return err
		}
		offices = append(offices, n.Kaltim, n.Jatim)
	}
	fmt.Fprintf(e.stdout, "Basis data demo dibuat: %s\n", redact(*dsn))
	fmt.Fprintf(e.stdout, "Cerita: %s\n", demo.Source)
	fmt.Fprintln(e.stdout, "Nilai yang tidak disebut sumber (pembagian Rp119 miliar per kegiatan, nama usaha, volume, tanggal) adalah data contoh.")
	day, applyBy := demo.StoryDay, demo.ApplyBy2019
	fmt.Fprintf(e.stdout, "Demo ini memerankan ulang cerita 2019: hari kantor demo adalah %s (contoh), jadi misi 2019 ke Kaltim masih membuka pendaftaran sampai %s. Sesi, cookie dan tautan e-mail memakai jam sebenarnya.\n",
		locale.Date(locale.ID, day.Year, day.Month, day.Day), locale.Date(locale.ID, applyBy.Year, applyBy.Month, applyBy.Day))
	fmt.Fprintf(e.stdout, "(This demo re-enacts the 2019 story: the office's day is %s (sample), so the 2019 mission to Kaltim still takes applications until %s. Sessions, cookies and e-mail links keep the real clock.)\n",
		locale.Date(locale.EN, day.Year, day.Month, day.Day), locale.Date(locale.EN, applyBy.Year, applyBy.Month, applyBy.Day))
	fmt.Fprintf(e.stdout, "Ringkasan: dagang report summary --db %s\n", redact(*dsn))
	fmt.Fprintf(e.stdout, "Agenda pertemuan misi 2019 ke Kaltim sudah dijadwalkan: dagang agenda print --event %d --db %s\n", story.Mission2019.ID, redact(*dsn))
	fmt.Fprintln(e.stdout, "Akun demo (kata sandi ini publik: hanya untuk basis data demo / demo-only public passwords):")
	for _, c := range demo.Users {
		fmt.Fprintf(e.stdout, "  %-12s %-26s %s\n", c.Role, c.Email, c.Password)
	}
	if *national {
		for _, c := range demo.NationalUsers {
			fmt.Fprintf(e.stdout, "  %-12s %-30s %s\n", c.Role, c.Email, c.Password)
		}
		fmt.Fprintln(e.stdout, "Tampilan nasional: masuk sebagai nasional@demo.dagang.test, lalu buka /nasional")
	}
	if *noServe {
		fmt.Fprintf(e.stdout, "Jalankan server pada hari cerita (serve it on the story's day): dagang serve --db %s --today %s\n", redact(*dsn), day)
		return nil
	}
	next := func(w io.Writer, base string) {
		fmt.Fprintln(w, "Buka (open):")
		fmt.Fprintf(w, "  %s/terbuka  panggilan terbuka misi 2019, tanpa login: daftar dan lamar (the open call, no login: register and apply)\n", base)
		fmt.Fprintf(w, "  %s/pendaftaran  antrean pendaftaran mandiri, masuk sebagai staf (the self-registration queue, log in as staff)\n", base)
		fmt.Fprintf(w, "  %s/events/%d/agenda  agenda pertemuan misi 2019 (the 2019 mission's meeting agenda)\n", base, story.Mission2019.ID)
	}
	return serve(ctx, e, log, db, offices, serving{addr: *addr, today: func() dagang.Date { return day }, next: next})
}

// lockSQLite takes the lock of a SQLite database file for as long as a
// server runs on it (PostgreSQL and in-memory databases need none).
func lockSQLite(dsn string) (release func(), err error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") || dsn == ":memory:" || strings.HasPrefix(dsn, "file:") {
		return func() {}, nil
	}
	lock, err := filelock.Acquire(dsn)
	if err != nil {
		return nil, err
	}
	return func() { lock.Release() }, nil
}
