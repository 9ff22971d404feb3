package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/importer"
	"github.com/dagang/dagang/internal/jobs"
	"github.com/dagang/dagang/internal/notify"
	"github.com/dagang/dagang/internal/store"
	"github.com/dagang/dagang/internal/web"
)

func addrDefault(e env) string {
	if v := e.getenv("DAGANG_ADDR"); v != "" {
		return v
	}
	return "127.0.0.1:8080"
}

func cmdServe(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("serve", "dagang serve [--db dagang.db] [--addr 127.0.0.1:8080] [--home 63] [--today TTTT-BB-HH]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	addr := fs.String("addr", addrDefault(e), "alamat HTTP (env DAGANG_ADDR)")
	home := fs.String("home", "63", "kode provinsi asal untuk dinas pertama pada basis data kosong")
	day := fs.String("today", "", "hari kantor TTTT-BB-HH untuk keputusan usaha (batas pendaftaran, tindak lanjut jatuh tempo), misalnya hari cerita demo; bawaan: hari ini")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	today := dagang.Today
	if *day != "" {
		d, err := dagang.ParseDate(*day)
		if err != nil {
			return usageError{"--today: " + dagang.ErrorMessage(err, e.lang)}
		}
		today = func() dagang.Date { return d }
	}
	log := newLogger(e)
	// The lock `dagang demo` honours before it deletes a file.
	release, err := lockSQLite(*dsn)
	if err != nil {
		return err
	}
	defer release()
	db, err := store.Open(ctx, *dsn, store.Options{Logger: log})
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := demo.LoadReference(ctx, db); err != nil {
		return err
	}
	// One server serves every office of its database; an empty database
	// gets the office of --home so that it can be used at once.
	offices, err := db.FindOffices(ctx)
	if err == nil && len(offices) == 0 {
		var o *dagang.Office
		o, err = createOffice(ctx, db, *home, "")
		offices = []*dagang.Office{o}
	}
	if err != nil {
		return err
	}
	return serve(ctx, e, log, db, offices, serving{addr: *addr, today: today})
}

// createOffice creates the trade office of a home province, named name or
// by default after the province.
func createOffice(ctx context.Context, db *store.DB, home, name string) (*dagang.Office, error) {
	o, err := newOffice(ctx, db, home, name)
	if err != nil {
		return nil, err
	}
	return o, db.CreateOffice(ctx, o)
}

// newOffice is the office of a home province, named name or by default
// "Dinas Perdagangan Provinsi <province>".
func newOffice(ctx context.Context, db *store.DB, home, name string) (*dagang.Office, error) {
	p, err := db.FindProvinceByCode(ctx, home)
	if err != nil {
		return nil, err
	}
	if name = strings.TrimSpace(name); name == "" {
		name = "Dinas Perdagangan Provinsi " + p.Name
	}
	return &dagang.Office{Name: name, HomeProvince: p.Code}, nil
}

// serving is how serve runs.
type serving struct {
	addr string
	// today is the office's calendar day, on which business is decided
	// (web.Config.Today); the wall clock stays the machine's.
	today func() dagang.Date
	// next, when set, prints what to open first, once the server listens
	// at base.
	next func(w io.Writer, base string)
}

// serve runs the HTTP server until ctx is cancelled, then shuts down
// gracefully, letting requests in flight finish.
func serve(ctx context.Context, e env, log *slog.Logger, db *store.DB, offices []*dagang.Office, how serving) error {
	addr, today := how.addr, how.today
	// DAGANG_SECURE_COOKIES=true marks the session cookie Secure: set it
	// when users reach the server over TLS (e.g. behind a TLS proxy).
	// DAGANG_FOLLOWUP_MONTHS (e.g. 1,3,6,12) sets when deals are followed up.
	months := dagang.DefaultFollowUpMonths
	if v := e.getenv("DAGANG_FOLLOWUP_MONTHS"); v != "" {
		m, err := parseMonths(e, v)
		if err != nil {
			return err
		}
		months = m
	}
	// DAGANG_SCHEDULE_TIME_LIMIT (e.g. 10s) caps the meeting scheduler's search.
	var limit time.Duration
	if v := e.getenv("DAGANG_SCHEDULE_TIME_LIMIT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 || d > time.Hour {
			return fmt.Errorf("DAGANG_SCHEDULE_TIME_LIMIT %q: harus lama waktu antara 1ms dan 1h, misalnya 10s (must be a duration up to 1h)", v)
		}
		limit = d
	}
	// The server owns the job runner: it starts before the first request
	// and stops, waiting for the job in hand, after the last.
	// Confirmation re-sends and follow-up reminders queue notifications
	// whether or not they are sent by e-mail.
	// DAGANG_INSTANCE names this process among the instances that share
	// one database (default: host and process id); answers carry it.
	instance := e.getenv("DAGANG_INSTANCE")
	if instance == "" {
		host, _ := os.Hostname()
		instance = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	runner := &jobs.Runner{Queue: db, Log: log, Worker: jobs.WorkerName(instance), Handlers: map[string]jobs.Handler{importer.JobKind: importer.JobHandler(db),
		dagang.JobConfirmResend: notify.ConfirmResendHandler(db), dagang.JobFollowUps: notify.FollowUpHandler(db, months, time.Now, today)},
		Retries: map[string]jobs.Retry{dagang.JobSendNotification: notify.Retry}}
	for _, o := range offices {
		if err := notify.ScheduleFollowUps(ctx, db, o.ID, time.Now()); err != nil {
			return err
		}
	}
	// DAGANG_JOB_LEASE (e.g. 2m) is how long a job stays claimed by a
	// server that stopped answering before another instance takes it.
	if v := e.getenv("DAGANG_JOB_LEASE"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 3*time.Second || d > time.Hour {
			return fmt.Errorf("DAGANG_JOB_LEASE %q: harus lama waktu antara 3s dan 1h, misalnya 2m (must be a duration from 3s to 1h)", v)
		}
		runner.Lease = d
	}
	// DAGANG_TRUSTED_PROXIES (e.g. 10.0.0.0/8) are the reverse proxies and
	// load balancers in front of the server: their X-Forwarded-For gives
	// the client address the per-address limits count.
	trusted, err := web.ParseTrustedProxies(e.getenv("DAGANG_TRUSTED_PROXIES"))
	if err != nil {
		return fmt.Errorf("DAGANG_TRUSTED_PROXIES: %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("tidak dapat mendengarkan di %s: %w", addr, err)
	}
	// DAGANG_BASE_URL is the address users reach the server at, for the
	// links in notifications (default: the address it listens on).
	base := strings.TrimRight(e.getenv("DAGANG_BASE_URL"), "/")
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	// DAGANG_SMTP_URL (smtp://user:pass@host:587) sends the outbox by
	// e-mail; without it notifications wait in the outbox, where staff
	// see them with their WhatsApp links.
	if v := e.getenv("DAGANG_SMTP_URL"); v != "" {
		m, err := notify.ParseSMTPURL(v)
		if err != nil {
			ln.Close()
			return err
		}
		runner.Handlers[dagang.JobSendNotification] = (&notify.Sender{Outbox: db, Mailer: m, Base: base}).Handler()
	}
	h, err := web.NewServer(web.Config{Version: version(), Logger: log, SecureCookies: e.getenv("DAGANG_SECURE_COOKIES") == "true", Today: today, FollowUpMonths: months, ScheduleTimeLimit: limit, WakeJobs: runner.Wake, BaseURL: base, Mail: runner.Handlers[dagang.JobSendNotification] != nil,
		Instance: instance, JobsReady: runner.Ready, TrustedProxies: trusted}, db)
	if err != nil {
		ln.Close()
		return err
	}
	runner.Start(context.WithoutCancel(ctx))
	defer runner.Stop()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second, WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second}
	served := offices[0].Name
	if len(offices) > 1 {
		served = fmt.Sprintf("%d dinas", len(offices))
	}
	fmt.Fprintf(e.stdout, "dagang melayani %s di http://%s (basis data %s, %s, instans %s)\n", served, ln.Addr(), db.Dialect(), dbLabel(db), instance)
	if how.next != nil {
		how.next(e.stdout, "http://"+ln.Addr().String())
	}
	if e.ready != nil {
		e.ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func dbLabel(db *store.DB) string {
	if db.Dialect() == "sqlite" {
		return "SQLite"
	}
	return "PostgreSQL"
}
