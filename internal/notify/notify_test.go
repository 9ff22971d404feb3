package notify_test

import (
	"context"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/jobs"
	"github.com/dagang/dagang/internal/notify"
	"github.com/dagang/dagang/internal/pgtest"
	"github.com/dagang/dagang/internal/smtptest"
	"github.com/dagang/dagang/internal/store"
)

// clock is a time the test moves.
type clock struct{ ns atomic.Int64 }

func newClock() *clock {
	c := &clock{}
	c.ns.Store(time.Date(2019, 3, 4, 1, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *clock) Now() time.Time      { return time.Unix(0, c.ns.Load()).UTC() }
func (c *clock) add(d time.Duration) { c.ns.Add(int64(d)) }

func openSQLite(t *testing.T, c *clock) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "notify.db"), store.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// sender returns a runner that sends the outbox to srv.
func sender(t *testing.T, db *store.DB, srv *smtptest.Server, worker string) *jobs.Runner {
	t.Helper()
	m, err := notify.ParseSMTPURL(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	m.TLS = srv.TLS()
	s := &notify.Sender{Outbox: db, Mailer: m, Base: "https://dagang.example.go.id"}
	return &jobs.Runner{Queue: db, Worker: worker, Handlers: map[string]jobs.Handler{dagang.JobSendNotification: s.Handler()},
		Retries: map[string]jobs.Retry{dagang.JobSendNotification: notify.Retry}}
}

// runAll runs due jobs until none is left.
func runAll(t *testing.T, r *jobs.Runner) int {
	t.Helper()
	n := 0
	for {
		ok, err := r.RunOne(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return n
		}
		n++
	}
}

// kindCase is one kind of notification with what its text must say in
// each language.
type kindCase struct {
	kind       dagang.NotificationKind
	params     map[string]string
	attachment bool
	id, en     []string // in the subject or the text
}

var kindCases = []kindCase{
	{dagang.NotifyApplicationDecided, map[string]string{"event": "Temu Bisnis Balikpapan", "business": "CV Kemiri", "decision": "selected", "path": "/events/3"}, false,
		[]string{"Pendaftaran diterima: Temu Bisnis Balikpapan", "DITERIMA"}, []string{"Application accepted: Temu Bisnis Balikpapan", "ACCEPTED"}},
	{dagang.NotifyApplicationDecided, map[string]string{"event": "Temu Bisnis Balikpapan", "business": "CV Kemiri", "decision": "rejected", "path": "/events/3"}, false,
		[]string{"Pendaftaran belum diterima", "mendaftar lagi"}, []string{"Application not accepted", "apply again"}},
	{dagang.NotifyMeetingRequested, map[string]string{"event": "Temu Bisnis", "from": "PT Jagung Kaltim", "note": "Soal pakan", "path": "/events/3/requests"}, false,
		[]string{"Permintaan pertemuan dari PT Jagung Kaltim", "Pesan: Soal pakan"}, []string{"Meeting request from PT Jagung Kaltim", "Message: Soal pakan"}},
	{dagang.NotifyMeetingAnswered, map[string]string{"event": "Temu Bisnis", "with": "PT Jagung Kaltim", "answer": "approved", "path": "/events/3"}, false,
		[]string{"Permintaan pertemuan diterima: PT Jagung Kaltim"}, []string{"Meeting request accepted: PT Jagung Kaltim"}},
	{dagang.NotifyMeetingAnswered, map[string]string{"event": "Temu Bisnis", "with": "PT Jagung Kaltim", "answer": "declined", "path": "/events/3"}, false,
		[]string{"Permintaan pertemuan ditolak"}, []string{"Meeting request declined"}},
	{dagang.NotifyAgendaPublished, map[string]string{"event": "Temu Bisnis", "path": "/events/3/agenda"}, true,
		[]string{"Agenda pertemuan Anda: Temu Bisnis", "Berkas kalender terlampir"}, []string{"Your meeting agenda: Temu Bisnis", "calendar file is attached"}},
	{dagang.NotifyAgendaPublished, map[string]string{"event": "Temu Bisnis", "changed": "1", "path": "/events/3/agenda"}, true,
		[]string{"Agenda Anda berubah: Temu Bisnis"}, []string{"Your agenda has changed: Temu Bisnis"}},
	{dagang.NotifyDealConfirm, map[string]string{"business": "CV Kemiri", "counterpart": "PT Jagung Kaltim", "commodity": "Kemiri", "value_idr": "1500000000",
		"expires": "2019-03-11T09:00:00+08:00", "round": "0", "path": "/konfirmasi?token=abc"}, false,
		[]string{"Mohon konfirmasi transaksi dengan CV Kemiri", "Rp1,5 miliar", "11 Maret 2019 09.00 WITA"}, []string{"Please confirm the deal with CV Kemiri", "IDR 1.5 billion", "11 March 2019 09:00 WITA"}},
	{dagang.NotifyDealConfirm, map[string]string{"business": "CV Kemiri", "counterpart": "PT Jagung Kaltim", "commodity": "Kemiri", "value_idr": "1500000000",
		"expires": "2019-03-11T09:00:00+07:00", "round": "2", "path": "/konfirmasi?token=abc"}, false,
		[]string{"Pengingat: Mohon konfirmasi", "WIB"}, []string{"Reminder: Please confirm", "WIB"}},
	{dagang.NotifyDealUnconfirmed, map[string]string{"deal_id": "12", "business": "CV Kemiri", "counterpart": "PT Jagung Kaltim", "rounds": "3", "path": "/deals/12"}, false,
		[]string{"Transaksi belum dikonfirmasi mitra: #12", "3 kali dikirim ulang"}, []string{"Deal not confirmed by the counterpart: #12", "after 3 re-sends"}},
	{dagang.NotifyFollowUpDue, map[string]string{"deal_id": "12", "business": "CV Kemiri", "counterpart": "PT Jagung Kaltim", "months": "3", "due": "2019-06-04", "path": "/deals/12"}, false,
		[]string{"Laporan realisasi jatuh tempo: transaksi #12", "4 Juni 2019"}, []string{"Follow-up report due: deal #12", "4 June 2019"}},
	{dagang.NotifyEmailVerify, map[string]string{"name": "Siti", "expires": "2019-03-11T09:00:00+09:00", "path": "/verify?token=xyz"}, false,
		[]string{"Konfirmasi alamat e-mail Anda", "WIT"}, []string{"Confirm your e-mail address", "WIT"}},
	{dagang.NotifyRegistrationDecided, map[string]string{"event": "Misi Dagang Kaltim 2019", "business": "UD Telur Martapura", "decision": "rejected",
		"reason": "NIB tidak cocok dengan nama usaha", "path": "/terbuka/4"}, false,
		[]string{"Pendaftaran belum dapat diterima: UD Telur Martapura", "Alasan: NIB tidak cocok dengan nama usaha"},
		[]string{"Registration not accepted: UD Telur Martapura", "Reason: NIB tidak cocok dengan nama usaha"}},
}

// Every kind, in Indonesian and English, reaches a real SMTP server over
// STARTTLS with PLAIN authentication and reads right there: subject,
// text, link, attachment, a stable Message-ID; the outbox marks it sent,
// and running the queue again sends nothing more.
func TestEveryKindIsDelivered(t *testing.T) {
	c := newClock()
	db := openSQLite(t, c)
	srv := smtptest.Start(t)
	ctx := context.Background()
	seen := map[dagang.NotificationKind]bool{}
	var want []*dagang.Notification
	for i, kc := range kindCases {
		for _, lang := range []string{"id", "en"} {
			n := &dagang.Notification{OfficeID: 1, Kind: kc.kind, Lang: lang, ToName: "Siti Rahmah", ToEmail: "siti@kemiri.example",
				ToWhatsApp: "6281234567890", Params: kc.params}
			if kc.attachment {
				n.AttachmentName, n.AttachmentType, n.Attachment = "agenda.ics", "text/calendar; charset=utf-8; method=PUBLISH", []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
			}
			if err := db.EnqueueNotification(ctx, n); err != nil {
				t.Fatalf("case %d %s: %v", i, lang, err)
			}
			want = append(want, n)
			seen[kc.kind] = true
		}
	}
	for _, k := range dagang.NotificationKinds {
		if !seen[k] {
			t.Errorf("kind %s has no case", k)
		}
	}
	r := sender(t, db, srv, "w1")
	if got := runAll(t, r); got != len(want) {
		t.Fatalf("ran %d jobs, want %d", got, len(want))
	}
	msgs := srv.Messages()
	if len(msgs) != len(want) {
		t.Fatalf("%d messages arrived, want %d", len(msgs), len(want))
	}
	ids := map[string]bool{}
	for i, m := range msgs {
		kc, n := kindCases[i/2], want[i]
		words := kc.id
		if n.Lang == "en" {
			words = kc.en
		}
		all := m.Subject + "\n" + m.Text
		for _, w := range words {
			if !strings.Contains(all, w) {
				t.Errorf("%s (%s): %q missing from\n%s", n.Kind, n.Lang, w, all)
			}
		}
		if link := "https://dagang.example.go.id" + kc.params["path"]; !strings.Contains(m.Text, link) {
			t.Errorf("%s (%s): link %s missing", n.Kind, n.Lang, link)
		}
		if m.To != "siti@kemiri.example" || m.From != "dinas@disdag.example.go.id" {
			t.Errorf("envelope %s → %s", m.From, m.To)
		}
		if a, ok := m.Attachments["agenda.ics"]; kc.attachment && (!ok || !strings.HasPrefix(a.Type, "text/calendar") || string(a.Data) != "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n") {
			t.Errorf("%s: attachment %+v", n.Kind, m.Attachments)
		}
		if ids[m.MessageID] || m.MessageID == "" {
			t.Errorf("Message-ID %q repeated or missing", m.MessageID)
		}
		ids[m.MessageID] = true
		got, err := db.FindNotificationByID(ctx, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != dagang.NotificationSent || !got.SentAt.Equal(c.Now()) {
			t.Errorf("%s: state %s sent %v", n.Kind, got.State, got.SentAt)
		}
		// The WhatsApp link carries the same text.
		wa := notify.Render(got, "https://dagang.example.go.id").WhatsApp
		u, err := url.Parse(wa)
		if err != nil || u.Host != "wa.me" || u.Path != "/6281234567890" || strings.TrimSpace(u.Query().Get("text")) != strings.TrimSpace(m.Subject+"\n\n"+m.Text) {
			t.Errorf("%s: WhatsApp link %s does not carry the message", n.Kind, wa)
		}
	}
	if got := runAll(t, r); got != 0 || len(srv.Messages()) != len(want) {
		t.Errorf("a second run ran %d jobs and sent %d messages in all", got, len(srv.Messages()))
	}
}

// A server that answers 451 is tried again after a growing pause (by the
// store's clock); the message is sent once when it takes mail again. A
// mailbox that does not exist (550) fails for good at once.
func TestRetryWithBackoffAndPermanentFailure(t *testing.T) {
	c := newClock()
	db := openSQLite(t, c)
	srv := smtptest.Start(t)
	ctx := context.Background()
	n := &dagang.Notification{OfficeID: 1, Kind: dagang.NotifyFollowUpDue, Lang: "id", ToEmail: "a@kemiri.example",
		Params: map[string]string{"deal_id": "1", "months": "1", "due": "2019-04-04", "path": "/deals/1"}}
	bad := &dagang.Notification{OfficeID: 1, Kind: dagang.NotifyFollowUpDue, Lang: "en", ToEmail: "x@refused.example",
		Params: map[string]string{"deal_id": "2", "months": "1", "due": "2019-04-04", "path": "/deals/2"}}
	for _, x := range []*dagang.Notification{n, bad} {
		if err := db.EnqueueNotification(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	r := sender(t, db, srv, "w1")
	srv.Hold(true)
	runAll(t, r)
	for attempt := 1; attempt <= 3; attempt++ {
		got, _ := db.FindNotificationByID(ctx, n.ID)
		if got.State != dagang.NotificationQueued || got.Attempts != attempt || !strings.Contains(got.LastError, "451") {
			t.Fatalf("attempt %d: %+v", attempt, got)
		}
		// Not yet due: nothing runs before the pause is over.
		c.add(notify.Backoff(attempt) - time.Second)
		if k := runAll(t, r); k != 0 {
			t.Fatalf("attempt %d: %d jobs ran before the pause ended", attempt, k)
		}
		c.add(time.Second)
		if attempt < 3 {
			runAll(t, r)
		}
	}
	srv.Hold(false)
	runAll(t, r)
	msgs := srv.Messages()
	if len(msgs) != 1 || msgs[0].To != "a@kemiri.example" {
		t.Fatalf("messages: %d", len(msgs))
	}
	got, _ := db.FindNotificationByID(ctx, n.ID)
	if got.State != dagang.NotificationSent || got.Attempts != 4 {
		t.Errorf("after delivery: %s, %d attempts", got.State, got.Attempts)
	}
	b, _ := db.FindNotificationByID(ctx, bad.ID)
	if b.State != dagang.NotificationFailed || !strings.Contains(b.LastError, "550") {
		t.Errorf("refused mailbox: %s %q", b.State, b.LastError)
	}
}

func TestBackoffGrows(t *testing.T) {
	prev := time.Duration(0)
	for a := 1; a < notify.MaxAttempts; a++ {
		d := notify.Backoff(a)
		if d <= prev && d != 6*time.Hour {
			t.Errorf("attempt %d: pause %s after %s", a, d, prev)
		}
		prev = d
	}
	if notify.Backoff(1) != time.Minute || notify.Backoff(40) != 6*time.Hour {
		t.Errorf("pauses %s … %s", notify.Backoff(1), notify.Backoff(40))
	}
}

// Two senders on one PostgreSQL (two server instances) share the outbox:
// every message arrives exactly once.
func TestTwoSendersOnPostgresSendOnce(t *testing.T) {
	dsn := pgtest.Database(t)
	c := newClock()
	ctx := context.Background()
	open := func() *store.DB {
		db, err := store.Open(ctx, dsn, store.Options{Now: c.Now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	srv := smtptest.Start(t)
	const n = 30
	for i := 0; i < n; i++ {
		if err := a.EnqueueNotification(ctx, &dagang.Notification{OfficeID: 1, Kind: dagang.NotifyEmailVerify, Lang: "id", ToEmail: "u@kemiri.example",
			Params: map[string]string{"expires": "2019-03-11T09:00:00+08:00", "path": "/verify"}}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for i, db := range []*store.DB{a, b, a, b} {
		wg.Add(1)
		go func(r *jobs.Runner) {
			defer wg.Done()
			for {
				ok, err := r.RunOne(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				if !ok {
					return
				}
			}
		}(sender(t, db, srv, "w"+string(rune('a'+i))))
	}
	wg.Wait()
	msgs := srv.Messages()
	ids := map[string]int{}
	for _, m := range msgs {
		ids[m.MessageID]++
	}
	if len(msgs) != n || len(ids) != n {
		t.Errorf("%d messages, %d distinct, want %d", len(msgs), len(ids), n)
	}
}

// Without an e-mail address a notification waits for WhatsApp only: no
// send job. The same idempotency key stores one notification.
func TestNoEmailAndIdempotency(t *testing.T) {
	c := newClock()
	db := openSQLite(t, c)
	ctx := context.Background()
	n := &dagang.Notification{OfficeID: 1, Kind: dagang.NotifyFollowUpDue, ToWhatsApp: "6281234567890", Key: "followup:1:3",
		Params: map[string]string{"deal_id": "1", "months": "3", "due": "2019-06-04", "path": "/deals/1"}}
	if err := db.EnqueueNotification(ctx, n); err != nil {
		t.Fatal(err)
	}
	again := &dagang.Notification{OfficeID: 1, Kind: dagang.NotifyFollowUpDue, ToWhatsApp: "6281234567890", Key: "followup:1:3", Params: map[string]string{}}
	if err := db.EnqueueNotification(ctx, again); err != nil {
		t.Fatal(err)
	}
	if again.ID != n.ID || n.State != dagang.NotificationNoEmail || n.Lang != "id" {
		t.Errorf("first %d %s, again %d", n.ID, n.State, again.ID)
	}
	ns, total, err := db.FindNotifications(ctx, dagang.NotificationFilter{OfficeID: 1})
	if err != nil || total != 1 || len(ns) != 1 {
		t.Fatalf("%d notifications, %v", total, err)
	}
	if _, err := db.ClaimJob(ctx, "w", []string{dagang.JobSendNotification}, time.Minute); dagang.ErrorCode(err) != dagang.ENOTFOUND {
		t.Errorf("a WhatsApp-only notification has a send job: %v", err)
	}
	for _, bad := range []*dagang.Notification{
		{OfficeID: 1, Kind: "nope", ToEmail: "a@b.example"},
		{OfficeID: 1, Kind: dagang.NotifyFollowUpDue},
		{OfficeID: 1, Kind: dagang.NotifyFollowUpDue, ToWhatsApp: "0812345"},
	} {
		if err := db.EnqueueNotification(ctx, bad); dagang.ErrorCode(err) != dagang.EINVALID {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}
