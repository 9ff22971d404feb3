package main

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/smtptest"
	"github.com/dagang/dagang/internal/store"
)

// A notification queued is sent once, whatever happens to the server: the
// real binary sends the outbox to a real SMTP server, is killed with
// SIGKILL while a message is between queueing and sending, and after a
// restart every message has arrived exactly once.
func TestOutboxSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it: not in -short")
	}
	bin := buildDagang(t)
	t.Run("sqlite", func(t *testing.T) { outboxKillScenario(t, bin, filepath.Join(t.TempDir(), "outbox.db")) })
	t.Run("postgres", func(t *testing.T) { outboxKillScenario(t, bin, pgTestDB(t)) })
}

func outboxKillScenario(t *testing.T, bin, dsn string) {
	ctx := context.Background()
	runBin(t, bin, "migrate", "--db", dsn)
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const n = 12
	for i := 0; i < n; i++ {
		lang := []string{"id", "en"}[i%2]
		if err := db.EnqueueNotification(ctx, &dagang.Notification{OfficeID: 1, Kind: dagang.NotifyFollowUpDue, Lang: lang, ToEmail: "usaha@kemiri.example",
			Params: map[string]string{"deal_id": "1", "months": "1", "due": "2019-08-15", "path": "/deals/1"}}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	srv := smtptest.Start(t)
	env := []string{"DAGANG_SMTP_URL=" + srv.URL(), "SSL_CERT_FILE=" + srv.CertFile, "DAGANG_JOB_LEASE=3s"}
	waiting := srv.StopAfter(5)
	_, server := startServerEnv(t, bin, dsn, env)
	select {
	case <-waiting:
	case <-time.After(60 * time.Second):
		t.Fatalf("the server sent %d messages and did not start a sixth", len(srv.Messages()))
	}
	// The sixth message is claimed and its sender waits for the mail
	// server: kill the process there.
	if err := server.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	server.Wait()
	srv.Release()
	if got := len(srv.Messages()); got != 5 {
		t.Fatalf("%d messages before the kill, want 5", got)
	}

	startServerEnv(t, bin, dsn, env)
	srv.Wait(t, n, 90*time.Second)
	// Give a duplicate the time to show.
	time.Sleep(2 * time.Second)
	msgs := srv.Messages()
	ids := map[string]int{}
	for _, m := range msgs {
		ids[m.MessageID]++
	}
	if len(msgs) != n || len(ids) != n {
		t.Errorf("%d messages arrived, %d distinct, want %d each", len(msgs), len(ids), n)
	}
	for id, k := range ids {
		if k > 1 {
			t.Errorf("%s arrived %d times", id, k)
		}
	}
}
