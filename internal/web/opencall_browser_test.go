package web_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/jobs"
	"github.com/dagang/dagang/internal/notify"
	"github.com/dagang/dagang/internal/smtptest"
)

// TestOpenCallBrowser: on a 390 px phone, a visitor without an account
// finds the open 2019 mission on /terbuka, reads its rules, registers an
// egg farm and applies; a product the host does not need is refused with
// the reason beside it first. The e-mail with the link reaches a real
// SMTP server; the link confirms the address and shows why the farm is
// eligible. Staff approve it from the queue, and the farm is in the pool
// of the mission's delegation proposal. The approval's e-mail carries the
// link with which the farm's contact sets her own password, and she logs
// in with it.
func TestOpenCallBrowser(t *testing.T) {
	needChromium(t)
	e := newOpenCallEnv(t, "sqlite")
	mission := e.story.Mission2019
	smtp := smtptest.Start(t)
	b := startBrowser(t, e.srv.URL)

	// The visitor's phone: a tab of its own, without a session.
	tab, cancel := chromedp.NewContext(b.alloc, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tab, cancelTimeout := context.WithTimeout(tab, 4*time.Minute)
	t.Cleanup(cancelTimeout)
	visitor := &phone{b: b, t: t, role: "visitor", ctx: tab, console: watchConsole(tab)}
	b.run(t, tab, "a phone for the visitor", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))

	visitor.open("/terbuka")
	visitor.says("main", mission.Name)
	visitor.tap("the mission's rules", fmt.Sprintf(`#call-%d a[href="/terbuka/%d"]`, mission.ID, mission.ID))
	visitor.says("#how-chosen", "paling banyak 2 pelaku usaha dari satu kabupaten/kota")
	visitor.tap("register and apply", "#apply")
	visitor.says("#eligibility", "telur ayam ras")

	// Maize first: Kaltim has plenty; the refusal says why, beside the
	// products.
	b.run(t, tab, "fill the registration",
		chromedp.SendKeys(css("#f-name"), "UD Telur Martapura Baru"),
		chromedp.SetValue(css("#f-regency-code"), "63.03"),
		chromedp.SetValue(css("#f-products-0-commodity-id"), "jagung"),
		chromedp.SendKeys(css("#f-products-0-monthly-capacity"), "5000"),
		chromedp.SendKeys(css("#f-products-0-unit"), "kg"),
		chromedp.SendKeys(css("#f-contact-name"), "Ibu Rahmah"),
		chromedp.SendKeys(css("#f-email"), "rahmah@telur.example"),
		chromedp.SendKeys(css("#f-whatsapp"), "0812-5100-2233"),
	)
	visitor.tap("send the registration", "#register")
	visitor.says("#products-err", "tidak memenuhi syarat")
	// The form keeps what was typed; eggs, which Kaltim needs.
	b.run(t, tab, "choose eggs", chromedp.SetValue(css("#f-products-0-commodity-id"), "telur"))
	visitor.tap("send the registration again", "#register")
	visitor.says("#sent", "tautan verifikasi")

	// The outbox sends the message to the test SMTP server.
	m, err := notify.ParseSMTPURL(smtp.URL())
	if err != nil {
		t.Fatal(err)
	}
	m.TLS = smtp.TLS()
	r := &jobs.Runner{Queue: e.db, Handlers: map[string]jobs.Handler{dagang.JobSendNotification: (&notify.Sender{Outbox: e.db, Mailer: m, Base: e.srv.URL}).Handler()}}
	// mailed runs the outbox until a message to the visitor holds a link
	// of the server matching path, and returns it.
	mailed := func(path string) string {
		t.Helper()
		re := regexp.MustCompile(regexp.QuoteMeta(e.srv.URL+path) + `\S+`)
		for i := 0; i < 20; i++ {
			for _, msg := range smtp.Messages() {
				if link := re.FindString(msg.Text); msg.To == "rahmah@telur.example" && link != "" {
					return link
				}
			}
			if ok, err := r.RunOne(context.Background()); !ok || err != nil {
				break
			}
		}
		t.Fatalf("no link %s… to the visitor in the messages: %+v", path, smtp.Messages())
		return ""
	}
	link := mailed("/daftar/verifikasi?")
	visitor.open(strings.TrimPrefix(link, e.srv.URL))
	visitor.says("#eligibility-reason", "Memenuhi syarat")
	visitor.says("#eligibility-reason", "telur ayam ras")

	// Staff approve it from the queue on their phone.
	reg := findRegistration(t, e, "rahmah@telur.example")
	if reg.VerifiedBy != dagang.VerifiedByEmail {
		t.Fatalf("after the link: %+v", reg)
	}
	day := &phoneDay{b: b, t: t}
	staff := day.person(dagang.UserStaff)
	staff.open("/pendaftaran")
	staff.says(fmt.Sprintf("#registration-%d", reg.ID), "telur ayam ras")
	staff.tap("approve", fmt.Sprintf("#approve-%d", reg.ID))
	staff.says("#flash", "Pendaftaran disetujui")
	staff.open(fmt.Sprintf("/events/%d/delegation", mission.ID))
	staff.says("main", "UD Telur Martapura Baru")

	// The approval's e-mail, in the visitor's language, carries the link
	// with which she sets her own password; then she logs in with it.
	link = mailed("/kata-sandi?token=")
	visitor.open(strings.TrimPrefix(link, e.srv.URL))
	visitor.says("#set-password h1", "Atur kata sandi")
	b.run(t, tab, "choose a password",
		chromedp.SendKeys(css("#f-password"), "telur-martapura-2019"),
		chromedp.SendKeys(css("#f-password-again"), "telur-martapura-2019"),
	)
	visitor.tap("save the password", "#save-password")
	visitor.says("#password-set", "Kata sandi Anda tersimpan")
	visitor.tap("go to the login", "#to-login")
	b.run(t, tab, "log in", chromedp.SendKeys(css("#password"), "telur-martapura-2019"))
	visitor.tap("log in", `section.login button[type="submit"]`)
	visitor.says("header .who", "Ibu Rahmah")
}
