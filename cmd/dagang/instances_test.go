package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"syscall"
	"testing"
	"time"

	"github.com/dagang/dagang/internal/loadtest"
	"github.com/dagang/dagang/internal/smtptest"
)

// Many instances on one PostgreSQL (issue 20): three `dagang serve`
// processes share the demo database behind the load test, which spreads
// its users over them; one instance is killed with SIGKILL midway. The
// others answer every request, every write acknowledged by any instance is
// stored once, and every job and every notification the run caused is run
// once: the jobs of the dead instance are taken over after their lease.
func TestManyInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("three servers under load for 15 s: not in -short")
	}
	dsn := newDemoDBOn(t, "postgres")
	bin := buildDagang(t)
	token := tokenRe.FindString(runBin(t, bin, "token", "create", "--db", dsn, "--email", "staf@demo.dagang.test"))
	db := openRaw(t, dsn)
	mail := smtptest.Start(t)
	started := time.Now().UTC().Add(-time.Second)
	// Notifications the database already holds for sending (the demo's)
	// are sent during the run too.
	var waiting int
	if err := db.QueryRow("SELECT COUNT(*) FROM outbox WHERE to_email <> '' AND state = 'queued'").Scan(&waiting); err != nil {
		t.Fatal(err)
	}

	var addrs []string
	var kill func()
	for i := 1; i <= 3; i++ {
		addr, cmd := startServerEnv(t, bin, dsn, []string{
			"DAGANG_INSTANCE=dagang-" + fmt.Sprint(i),
			"DAGANG_SMTP_URL=" + mail.URL(),
			"SSL_CERT_FILE=" + mail.CertFile,
			"DAGANG_JOB_LEASE=3s",
		})
		addrs = append(addrs, addr)
		if i == 2 {
			kill = func() {
				cmd.Process.Signal(syscall.SIGKILL)
				cmd.Wait()
			}
		}
		// Each instance names itself and is ready on its own account.
		res, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		var ready map[string]string
		json.NewDecoder(res.Body).Decode(&ready)
		res.Body.Close()
		want := fmt.Sprint("dagang-", i)
		if res.StatusCode != 200 || ready["instance"] != want || res.Header.Get("X-Dagang-Instance") != want {
			t.Fatalf("/readyz of instance %d: %d %v %q", i, res.StatusCode, ready, res.Header.Get("X-Dagang-Instance"))
		}
	}

	done := make(chan *loadtest.Result, 1)
	go func() {
		res, err := loadtest.Run(context.Background(), loadtest.Config{Addrs: addrs, Token: token, Users: 24, Duration: 15 * time.Second,
			Think: 100 * time.Millisecond, Mix: "mixed", Seed: 7, KeepAcked: true})
		if err != nil {
			t.Error(err)
		}
		done <- res
	}()
	time.Sleep(5 * time.Second)
	kill()
	res := <-done
	if res == nil {
		t.FailNow()
	}

	for i, s := range res.Instances {
		t.Logf("instance %d (%s): %d requests, %d errors, p99 %s", i+1, s.Name, s.Requests, s.Errors, s.P99)
		if i != 1 && s.Errors > 0 {
			t.Errorf("instance %d, alive all along, failed %d of %d requests: %v", i+1, s.Errors, s.Requests, res.FirstErrors)
		}
		if s.Requests == 0 {
			t.Errorf("instance %d got no requests", i+1)
		}
	}

	// Every acknowledged write is stored, once.
	writes := map[string]int{}
	for _, a := range res.Acked {
		q, arg := "SELECT COUNT(*) FROM deals WHERE note = $1", a.Marker
		if a.Op == "business-create" {
			q, arg = "SELECT COUNT(*) FROM businesses WHERE name = $1", "Usaha uji beban "+a.Marker
		}
		var n int
		if err := db.QueryRow(q, arg).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%s %s acknowledged by %s: stored %d times", a.Op, a.Marker, a.Addr, n)
		}
		writes[a.Op]++
	}
	if writes["deal-create"] == 0 || writes["business-create"] == 0 {
		t.Fatalf("the run acknowledged no writes of a kind: %v", writes)
	}

	// Every job due is run, once, by the instances left: none queued,
	// running or failed once the dead instance's leases have run out.
	count := func(q string, args ...any) int {
		var n int
		if err := db.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	deadline := time.Now().Add(60 * time.Second)
	for count("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running') AND run_after <= now()") > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("jobs still waiting a minute after the run: %d", count("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running') AND run_after <= now()"))
		}
		time.Sleep(200 * time.Millisecond)
	}
	if n := count("SELECT COUNT(*) FROM jobs WHERE state = 'failed'"); n > 0 {
		t.Errorf("%d jobs failed", n)
	}
	// Each notification with an e-mail address is sent, and the mail
	// server receives each message once.
	sent := count("SELECT COUNT(*) FROM outbox WHERE to_email <> '' AND created_at >= $1", started)
	if unsent := count("SELECT COUNT(*) FROM outbox WHERE to_email <> '' AND created_at >= $1 AND state <> 'sent'", started); unsent > 0 {
		t.Errorf("%d of %d notifications not sent", unsent, sent)
	}
	if sent < writes["deal-create"] {
		t.Errorf("%d notifications for %d acknowledged deals: every deal asks its counterpart to confirm", sent, writes["deal-create"])
	}
	if unsent := count("SELECT COUNT(*) FROM outbox WHERE to_email <> '' AND state = 'queued'"); unsent > 0 {
		t.Errorf("%d notifications still queued", unsent)
	}
	want := sent + waiting
	mail.Wait(t, want, 30*time.Second)
	time.Sleep(time.Second) // a second copy would arrive now
	msgs := mail.Messages()
	ids := map[string]int{}
	for _, m := range msgs {
		ids[m.MessageID]++
	}
	dups := len(msgs) - len(ids)
	t.Logf("%d deals and %d businesses acknowledged; %d notifications of the run and %d waiting before it, %d messages received (%d distinct)",
		writes["deal-create"], writes["business-create"], sent, waiting, len(msgs), len(ids))
	if len(ids) != want {
		t.Errorf("%d distinct messages received, want %d", len(ids), want)
	}
	// A message the killed instance handed to the mail server in the
	// milliseconds before it could mark it sent is sent again by the
	// instance that takes the job over, with the same Message-ID (so the
	// recipient's mail program shows it once). That window is the only
	// way to a second copy.
	if dups > 1 {
		t.Errorf("%d messages received twice; at most the one in flight at the kill may be", dups)
	}
	t.Logf("%d jobs ran more than once (taken over after the kill, or retried)", count("SELECT COUNT(*) FROM jobs WHERE attempts > 1 AND updated_at >= $1", started))
}
