package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Mailer sends e-mail through one SMTP server, named by a URL:
//
//	smtp://user:pass@host:587?from=dinas@example.go.id   STARTTLS (required when a password is given)
//	smtps://user:pass@host:465                            TLS from the first byte
//	smtp://host:25                                        STARTTLS when offered, plain otherwise
//
// from defaults to noreply@ the server's host.
type Mailer struct {
	Addr     string // host:port
	Host     string
	User     string
	Password string
	From     string
	// ImplicitTLS: smtps://.
	ImplicitTLS bool
	// TLS configures the TLS session (tests trust their own server's
	// certificate here); nil for the system's roots and Host as name.
	TLS *tls.Config
	// Timeout bounds one delivery (default 60 s).
	Timeout time.Duration
}

// ParseSMTPURL reads DAGANG_SMTP_URL.
func ParseSMTPURL(s string) (*Mailer, error) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return nil, fmt.Errorf("DAGANG_SMTP_URL harus berbentuk smtp://pengguna:sandi@host:587 (must look like smtp://user:pass@host:587)")
	}
	m := &Mailer{Host: u.Hostname(), ImplicitTLS: u.Scheme == "smtps"}
	port := u.Port()
	if port == "" {
		port = "587"
		if m.ImplicitTLS {
			port = "465"
		}
	}
	m.Addr = net.JoinHostPort(m.Host, port)
	if u.User != nil {
		m.User = u.User.Username()
		m.Password, _ = u.User.Password()
	}
	m.From = u.Query().Get("from")
	if m.From == "" {
		m.From = "noreply@" + m.Host
	}
	if a, err := mail.ParseAddress(m.From); err != nil || a.Address != m.From {
		return nil, fmt.Errorf("DAGANG_SMTP_URL: alamat from %q tidak valid (from address is not valid)", m.From)
	}
	return m, nil
}

// Mail is one e-mail to send.
type Mail struct {
	To, ToName string
	Subject    string
	Body       string
	// MessageID is stable per notification, so a receiver that sees it
	// twice can tell.
	MessageID string
	// Attachment, when AttachmentName is set.
	AttachmentName, AttachmentType string
	Attachment                     []byte
	Date                           time.Time
}

// PermanentError is a refusal the server says will not change on retry
// (a 5xx reply: no such mailbox, message refused).
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Send delivers one mail. A 5xx reply is a *PermanentError; anything else
// (a connection refused, a 4xx) is worth retrying.
func (m *Mailer) Send(ctx context.Context, x *Mail) error {
	timeout := m.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", m.Addr)
	if err != nil {
		return err
	}
	// The deadline ends a server that stops answering; closing on ctx
	// ends a shutdown's wait.
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	tlsCfg := m.TLS
	if tlsCfg == nil {
		tlsCfg = &tls.Config{ServerName: m.Host}
	}
	if m.ImplicitTLS {
		conn = tls.Client(conn, tlsCfg)
	}
	c, err := smtp.NewClient(conn, m.Host)
	if err != nil {
		conn.Close()
		return classify(err)
	}
	defer c.Close()
	if err := c.Hello("localhost"); err != nil {
		return classify(err)
	}
	if !m.ImplicitTLS {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(tlsCfg); err != nil {
				return err
			}
		} else if m.Password != "" {
			return &PermanentError{errors.New("server SMTP tidak menawarkan STARTTLS; sandi tidak dikirim tanpa enkripsi (the SMTP server offers no STARTTLS; the password is not sent in the clear)")}
		}
	}
	if m.User != "" {
		if err := c.Auth(smtp.PlainAuth("", m.User, m.Password, m.Host)); err != nil {
			return classify(err)
		}
	}
	if err := c.Mail(m.From); err != nil {
		return classify(err)
	}
	if err := c.Rcpt(x.To); err != nil {
		return classify(err)
	}
	w, err := c.Data()
	if err != nil {
		return classify(err)
	}
	if _, err := w.Write(m.compose(x)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return classify(err)
	}
	// The message is delivered once the server answered the data; a
	// failing QUIT changes nothing.
	c.Quit()
	return nil
}

// classify marks 5xx replies permanent.
func classify(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return &PermanentError{err}
	}
	return err
}

// compose writes the message: UTF-8 text in quoted-printable, and the
// attachment (base64) in a multipart/mixed body when there is one.
func (m *Mailer) compose(x *Mail) []byte {
	var b bytes.Buffer
	h := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	h("From", (&mail.Address{Name: "Dinas Perdagangan", Address: m.From}).String())
	h("To", (&mail.Address{Name: x.ToName, Address: x.To}).String())
	h("Subject", mime.QEncoding.Encode("utf-8", x.Subject))
	date := x.Date
	if date.IsZero() {
		date = time.Now()
	}
	h("Date", date.Format(time.RFC1123Z))
	id := x.MessageID
	if id == "" {
		var r [12]byte
		rand.Read(r[:])
		id = hex.EncodeToString(r[:]) + "@" + m.Host
	}
	h("Message-ID", "<"+id+">")
	h("MIME-Version", "1.0")
	text := func() {
		fmt.Fprintf(&b, "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
		q := quotedprintable.NewWriter(&b)
		q.Write([]byte(strings.ReplaceAll(x.Body, "\n", "\r\n")))
		q.Close()
		b.WriteString("\r\n")
	}
	if x.AttachmentName == "" {
		text()
		return b.Bytes()
	}
	var r [12]byte
	rand.Read(r[:])
	boundary := "dagang-" + hex.EncodeToString(r[:])
	h("Content-Type", `multipart/mixed; boundary="`+boundary+`"`)
	b.WriteString("\r\n--" + boundary + "\r\n")
	text()
	b.WriteString("--" + boundary + "\r\n")
	typ := x.AttachmentType
	if typ == "" {
		typ = "application/octet-stream"
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: %s\r\n\r\n",
		typ, mime.FormatMediaType("attachment", map[string]string{"filename": x.AttachmentName}))
	enc := base64.StdEncoding.EncodeToString(x.Attachment)
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n--" + boundary + "--\r\n")
	return b.Bytes()
}

// messageID is the stable Message-ID of a notification.
func messageID(officeID, id int64, host string) string {
	return "outbox-" + strconv.FormatInt(officeID, 10) + "-" + strconv.FormatInt(id, 10) + "@" + host
}
