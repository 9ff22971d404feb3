// Package notify turns the outbox's notifications into messages: the text
// of each kind in the recipient's language, the e-mail (sent over SMTP
// with STARTTLS by a job of the one job queue) and the WhatsApp
// click-to-chat link staff use to send the same text by hand.
package notify

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/locale"
	"github.com/dagang/dagang/internal/money"
)

// Message is a notification as a person reads it.
type Message struct {
	Subject string
	Body    string
	// Link is the absolute URL the message points to ("" when none).
	Link string
	// WhatsApp is the click-to-chat link with the same text ("" without a
	// WhatsApp number).
	WhatsApp string
}

// Render writes n in its language. base is the server's address as its
// users reach it (https://dagang.example.go.id): links in the params are
// paths, made absolute here, so a message queued before the address
// changed still points to the right place.
//
// Params by kind (every value a string; "path" is the link's path):
//
//	application_decided  event, business, decision (selected|rejected), path
//	meeting_requested    event, from, note (optional), path
//	meeting_answered     event, with, answer (approved|declined), path
//	agenda_published     event, changed ("1" when an agenda was changed), schedule (lines, optional), path
//	deal_confirm         business, counterpart, commodity, value_idr, expires (RFC 3339), round, path
//	deal_unconfirmed     deal_id, business, counterpart, rounds, path
//	followup_due         deal_id, business, counterpart, months, due (2006-01-02), path
//	email_verify         name, expires (RFC 3339), path
//	registration_decided event, business, decision (approved|merged|rejected), reason (of a rejection), path;
//	                     an approval that made an account: email, expires (RFC 3339), path (its link to set the password)
func Render(n *dagang.Notification, base string) Message {
	p := n.Params
	en := n.Lang == "en"
	var m Message
	if path := p["path"]; path != "" {
		m.Link = strings.TrimRight(base, "/") + path
	}
	t := func(id, eng string) string {
		if en {
			return eng
		}
		return id
	}
	var b strings.Builder
	line := func(s string, args ...any) { fmt.Fprintf(&b, s+"\n", args...) }
	greet := t("Yth. %s,", "Dear %s,")
	if n.ToName != "" {
		line(greet, n.ToName)
	} else {
		line(t("Yth. Bapak/Ibu,", "Dear Sir or Madam,"))
	}
	line("")
	switch n.Kind {
	case dagang.NotifyApplicationDecided:
		if p["decision"] == string(dagang.ParticipationSelected) {
			m.Subject = t("Pendaftaran diterima: ", "Application accepted: ") + p["event"]
			line(t("Pendaftaran %s untuk %s DITERIMA. Selamat!", "The application of %s for %s has been ACCEPTED. Congratulations!"), p["business"], p["event"])
		} else {
			m.Subject = t("Pendaftaran belum diterima: ", "Application not accepted: ") + p["event"]
			line(t("Pendaftaran %s untuk %s belum dapat diterima kali ini. Dinas memilih pelaku usaha bergiliran setiap tahun; silakan mendaftar lagi pada kegiatan berikutnya.",
				"The application of %s for %s could not be accepted this time. The office rotates the businesses it brings every year; please apply again for the next event."), p["business"], p["event"])
		}
	case dagang.NotifyMeetingRequested:
		m.Subject = t("Permintaan pertemuan dari ", "Meeting request from ") + p["from"]
		line(t("%s ingin bertemu Anda pada %s.", "%s would like to meet you at %s."), p["from"], p["event"])
		if note := p["note"]; note != "" {
			line(t("Pesan: %s", "Message: %s"), note)
		}
		line(t("Terima atau tolak permintaan ini di tautan berikut.", "Accept or decline the request at the link below."))
	case dagang.NotifyMeetingAnswered:
		if p["answer"] == string(dagang.RequestApproved) {
			m.Subject = t("Permintaan pertemuan diterima: ", "Meeting request accepted: ") + p["with"]
			line(t("%s menerima permintaan pertemuan Anda pada %s. Jadwalnya menyusul di agenda Anda.", "%s accepted your meeting request at %s. Its time follows in your agenda."), p["with"], p["event"])
		} else {
			m.Subject = t("Permintaan pertemuan ditolak: ", "Meeting request declined: ") + p["with"]
			line(t("%s tidak dapat memenuhi permintaan pertemuan Anda pada %s.", "%s cannot take your meeting request at %s."), p["with"], p["event"])
		}
	case dagang.NotifyAgendaPublished:
		if p["changed"] == "1" {
			m.Subject = t("Agenda Anda berubah: ", "Your agenda has changed: ") + p["event"]
			line(t("Agenda pertemuan Anda pada %s berubah. Berkas kalender terlampir memperbarui entri yang sudah ada.", "Your meeting agenda at %s has changed. The attached calendar file updates the entries you already have."), p["event"])
		} else {
			m.Subject = t("Agenda pertemuan Anda: ", "Your meeting agenda: ") + p["event"]
			line(t("Agenda pertemuan Anda pada %s sudah terbit. Berkas kalender terlampir.", "Your meeting agenda at %s is published. A calendar file is attached."), p["event"])
		}
		if s := p["schedule"]; s != "" {
			line("")
			line("%s", s)
		}
	case dagang.NotifyDealConfirm:
		m.Subject = t("Mohon konfirmasi transaksi dengan ", "Please confirm the deal with ") + p["business"]
		if r, _ := strconv.Atoi(p["round"]); r > 0 {
			m.Subject = t("Pengingat: ", "Reminder: ") + m.Subject
		}
		line(t("Dinas mencatat transaksi antara %s dan %s: %s senilai %s.", "The office recorded a deal between %s and %s: %s worth %s."),
			p["business"], p["counterpart"], p["commodity"], rupiah(p["value_idr"], en))
		line(t("Mohon konfirmasi atau tolak transaksi ini di tautan berikut (sekali pakai, berlaku sampai %s).", "Please confirm or reject the deal at the link below (single use, valid until %s)."),
			when(p["expires"], en))
	case dagang.NotifyDealUnconfirmed:
		m.Subject = t("Transaksi belum dikonfirmasi mitra: #", "Deal not confirmed by the counterpart: #") + p["deal_id"]
		line(t("%s belum menjawab permintaan konfirmasi transaksi #%s dengan %s setelah %s kali dikirim ulang. Mohon hubungi mitra langsung.",
			"%s has not answered the confirmation request for deal #%s with %s after %s re-sends. Please contact the counterpart directly."),
			p["counterpart"], p["deal_id"], p["business"], p["rounds"])
	case dagang.NotifyFollowUpDue:
		m.Subject = t("Laporan realisasi jatuh tempo: transaksi #", "Follow-up report due: deal #") + p["deal_id"]
		line(t("Laporan realisasi %s bulan transaksi #%s dengan %s jatuh tempo pada %s. Mohon laporkan barang yang dikirim dan pembayaran yang diterima.",
			"The %s-month follow-up report of deal #%s with %s is due on %s. Please report what was delivered and paid."),
			p["months"], p["deal_id"], p["counterpart"], date(p["due"], en))
	case dagang.NotifyEmailVerify:
		m.Subject = t("Konfirmasi alamat e-mail Anda", "Confirm your e-mail address")
		line(t("Buka tautan berikut untuk mengonfirmasi alamat e-mail ini (berlaku sampai %s).", "Open the link below to confirm this e-mail address (valid until %s)."), when(p["expires"], en))
	case dagang.NotifyRegistrationDecided:
		if p["decision"] == string(dagang.RegistrationRejected) {
			m.Subject = t("Pendaftaran belum dapat diterima: ", "Registration not accepted: ") + p["business"]
			line(t("Pendaftaran %s untuk %s belum dapat diterima.", "The registration of %s for %s could not be accepted."), p["business"], p["event"])
			line(t("Alasan: %s", "Reason: %s"), p["reason"])
		} else {
			m.Subject = t("Pendaftaran diterima: ", "Registration accepted: ") + p["business"]
			line(t("Pendaftaran %s sudah diterima dinas dan lamarannya untuk %s tercatat. Delegasi dipilih bergiliran dan merata antarkabupaten/kota; keputusannya kami kabarkan.",
				"The office accepted the registration of %s and recorded its application for %s. The delegation is chosen in rotation and spread over the regencies; we will tell you the decision."), p["business"], p["event"])
			if p["expires"] != "" {
				line("")
				line(t("Akun dagang untuk %s sudah dibuat. Atur kata sandi Anda sendiri di tautan berikut (sekali pakai, berlaku sampai %s), lalu masuk dengan alamat e-mail ini. Petugas dinas tidak pernah mengetahui kata sandi Anda.",
					"A dagang account for %s has been made. Set your own password at the link below (single use, valid until %s), then log in with this e-mail address. Office staff never know your password."), p["email"], when(p["expires"], en))
			}
		}
	default:
		m.Subject = string(n.Kind)
	}
	if m.Link != "" {
		line("")
		line("%s", m.Link)
	}
	line("")
	line(t("Salam,\nDinas Perdagangan", "Regards,\nThe Trade Office"))
	m.Body = b.String()
	m.WhatsApp = dagang.WhatsAppLink(n.ToWhatsApp, m.Subject+"\n\n"+m.Body)
	return m
}

func rupiah(s string, en bool) string {
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return s
	}
	return money.ShortIn(lang(en), v)
}

// date writes a 2006-01-02 date in full.
func date(s string, en bool) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return locale.DateOf(lang(en), t)
}

// when writes an RFC 3339 instant in full, in the zone it was written
// in, with the zone's Indonesian name where it has one (WIB, WITA, WIT).
func when(s string, en bool) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return locale.When(lang(en), t) + " " + ZoneName(t)
}

func lang(en bool) string {
	if en {
		return locale.EN
	}
	return locale.ID
}

// ZoneName names t's offset as Indonesia does: WIB (UTC+7), WITA (UTC+8),
// WIT (UTC+9); other offsets as UTC±h.
func ZoneName(t time.Time) string {
	_, off := t.Zone()
	switch off {
	case 7 * 3600:
		return "WIB"
	case 8 * 3600:
		return "WITA"
	case 9 * 3600:
		return "WIT"
	}
	return "UTC" + t.Format("-07:00")
}
