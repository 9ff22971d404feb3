// Package smtptest runs a real SMTP server (github.com/emersion/go-smtp)
// inside a test: STARTTLS with a certificate made for the test, PLAIN
// authentication, and every message received kept and parsed with
// net/mail and mime/multipart, so a test reads what a mail client would.
// Only tests import it.
package smtptest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// User and Password are what the server accepts.
const (
	User     = "dagang"
	Password = "rahasia-uji"
)

// Message is one message the server accepted, parsed.
type Message struct {
	From, To  string
	Header    mail.Header
	Subject   string // decoded
	MessageID string
	Text      string // the text/plain part, decoded, with \n line ends
	// Attachments by file name.
	Attachments map[string]Attachment
	Raw         []byte
}

// Attachment is one attached file.
type Attachment struct {
	Type string
	Data []byte
}

// Server is a running SMTP server.
type Server struct {
	Addr string
	// CertFile holds the server's certificate (PEM): a subprocess trusts
	// it through SSL_CERT_FILE.
	CertFile string
	roots    *x509.CertPool

	mu   sync.Mutex
	msgs []*Message
	// hold, while set, makes every MAIL command fail with a temporary
	// error (451): the server is there but takes nothing.
	hold    bool
	arrived chan struct{}
	// gate, when set, stops the MAIL command of the message after
	// gateAfter accepted ones until release is closed.
	gate      chan struct{}
	gateAfter int
	release   chan struct{}
	srv       *smtp.Server
}

// Start runs a server on a free port of 127.0.0.1 until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	cert, pemBytes, err := selfSigned()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{arrived: make(chan struct{}, 1000), roots: x509.NewCertPool()}
	s.roots.AppendCertsFromPEM(pemBytes)
	s.CertFile = filepath.Join(t.TempDir(), "smtp-cert.pem")
	if err := os.WriteFile(s.CertFile, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	s.srv = smtp.NewServer(backend{s})
	s.srv.Domain = "127.0.0.1"
	s.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	s.srv.ReadTimeout, s.srv.WriteTimeout = 30*time.Second, 30*time.Second
	s.srv.MaxMessageBytes = 10 << 20
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = ln.Addr().String()
	go s.srv.Serve(ln)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

// URL is the DAGANG_SMTP_URL of the server.
func (s *Server) URL() string {
	return "smtp://" + User + ":" + Password + "@" + s.Addr + "?from=dinas@disdag.example.go.id"
}

// TLS is the client configuration that trusts the server.
func (s *Server) TLS() *tls.Config { return &tls.Config{RootCAs: s.roots, ServerName: "127.0.0.1"} }

// Hold makes the server refuse every message for now with a temporary
// error (true), or take them again (false).
func (s *Server) Hold(on bool) {
	s.mu.Lock()
	s.hold = on
	s.mu.Unlock()
}

// StopAfter makes the MAIL command that follows the first n accepted
// messages wait until Release: a sender is then caught between queueing
// and sending. The channel returned is closed once a sender waits there.
func (s *Server) StopAfter(n int) <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gate, s.gateAfter, s.release = make(chan struct{}), n, make(chan struct{})
	return s.gate
}

// Release lets the sender stopped by StopAfter go on.
func (s *Server) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.release != nil {
		close(s.release)
		s.gate, s.release = nil, nil
	}
}

// Messages returns what was received so far.
func (s *Server) Messages() []*Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Message(nil), s.msgs...)
}

// Wait waits until n messages have arrived (or fails the test after
// timeout) and returns them.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration) []*Message {
	t.Helper()
	deadline := time.After(timeout)
	for {
		if ms := s.Messages(); len(ms) >= n {
			return ms
		}
		select {
		case <-s.arrived:
		case <-deadline:
			t.Fatalf("smtptest: %d of %d messages arrived in %s", len(s.Messages()), n, timeout)
		}
	}
}

type backend struct{ s *Server }

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{s: b.s, conn: c}, nil
}

type session struct {
	s        *Server
	conn     *smtp.Conn
	auth     bool
	from, to string
}

func (x *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if _, ok := x.conn.TLSConnectionState(); !ok {
			return errors.New("authentication needs STARTTLS")
		}
		if user != User || pass != Password {
			return errors.New("wrong user or password")
		}
		x.auth = true
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if !x.auth {
		return smtp.ErrAuthRequired
	}
	x.s.mu.Lock()
	hold := x.s.hold
	gate, release := x.s.gate, x.s.release
	if gate != nil && len(x.s.msgs) >= x.s.gateAfter {
		x.s.gate = nil // closed once
		x.s.mu.Unlock()
		close(gate)
		<-release
		return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 4, 2}, Message: "stopped by the test"}
	}
	x.s.mu.Unlock()
	if hold {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "held by the test"}
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if strings.HasSuffix(to, "@refused.example") {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	x.to = to
	return nil
}

func (x *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := parse(raw)
	if err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "unreadable message: " + err.Error()}
	}
	m.From, m.To = x.from, x.to
	x.s.mu.Lock()
	x.s.msgs = append(x.s.msgs, m)
	x.s.mu.Unlock()
	select {
	case x.s.arrived <- struct{}{}:
	default:
	}
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", "" }
func (x *session) Logout() error { return nil }

// parse reads a message as a mail client would.
func parse(raw []byte) (*Message, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	m := &Message{Header: msg.Header, Raw: raw, Attachments: map[string]Attachment{}, MessageID: msg.Header.Get("Message-ID")}
	var dec mime.WordDecoder
	if m.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return nil, err
	}
	if _, err := mail.ParseAddress(msg.Header.Get("From")); err != nil {
		return nil, fmt.Errorf("header From: %w", err)
	}
	if _, err := msg.Header.Date(); err != nil {
		return nil, fmt.Errorf("header Date: %w", err)
	}
	typ, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(typ, "multipart/") {
		m.Text, err = decodeText(msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
		return m, err
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, err
		}
		// NextPart has already undone quoted-printable.
		b, err := io.ReadAll(p)
		if err != nil {
			return nil, err
		}
		if name := p.FileName(); name != "" {
			if p.Header.Get("Content-Transfer-Encoding") == "base64" {
				b, err = decodeBase64(b)
				if err != nil {
					return nil, err
				}
			}
			m.Attachments[name] = Attachment{Type: p.Header.Get("Content-Type"), Data: b}
			continue
		}
		m.Text = strings.ReplaceAll(string(b), "\r\n", "\n")
	}
}

func decodeText(cte string, r io.Reader) (string, error) {
	if strings.EqualFold(cte, "quoted-printable") {
		r = quotedprintable.NewReader(r)
	}
	b, err := io.ReadAll(r)
	return strings.ReplaceAll(string(b), "\r\n", "\n"), err
}

// decodeBase64 decodes a base64 body; its line ends are ignored.
func decodeBase64(b []byte) ([]byte, error) {
	return io.ReadAll(base64.NewDecoder(base64.StdEncoding, bytes.NewReader(b)))
}

// selfSigned makes a certificate for 127.0.0.1, valid for a day.
func selfSigned() (tls.Certificate, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "smtptest"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pemBytes, nil
}
