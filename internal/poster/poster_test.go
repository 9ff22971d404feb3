package poster_test

import (
	"bytes"
	"image/color"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skip2/go-qrcode"

	"github.com/dagang/dagang/internal/poster"
)

func kaltim(lang string) *poster.Poster {
	p := &poster.Poster{Lang: lang, Kind: "Misi Dagang", Title: "Misi Dagang Kalimantan Selatan ke Kalimantan Timur 2019",
		Office: "Dinas Perdagangan Provinsi Kalimantan Selatan", Destination: "Kalimantan Timur", Dates: "12–14 Mei 2019",
		Needs: []string{"Beras", "Jagung pipilan", "Ikan segar", "Karet remah", "Kopi biji", "Gula kelapa", "Rotan setengah jadi", "Udang beku"},
		Who:   "pelaku usaha Kalimantan Selatan", ApplyBy: "30 April 2019", URL: "https://dagang.example.go.id/terbuka/12", Sample: true}
	if lang == "en" {
		p.Kind, p.Dates, p.ApplyBy, p.Who = "Trade Mission", "12–14 May 2019", "30 April 2019", "businesses of South Kalimantan"
	}
	return p
}

// The poster's text, read back by pdftotext, has every fact, the QR
// code's address and the labels in the poster's language.
func TestPosterPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but pdftotext (poppler-utils) is missing")
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils): the poster is not read back")
	}
	tests := []struct {
		lang string
		want []string
	}{
		{"id", []string{"MISI DAGANG", "Dinas Perdagangan Provinsi Kalimantan Selatan", "(contoh)", "Misi Dagang Kalimantan Selatan ke Kalimantan Timur 2019",
			"Provinsi tujuan Kalimantan Timur", "Tanggal 12–14 Mei 2019", "Yang dicari tuan rumah Beras, Jagung pipilan, Ikan segar, Karet remah, Kopi biji, Gula kelapa (+2)",
			"Yang boleh mendaftar pelaku usaha Kalimantan Selatan", "Pendaftaran paling lambat 30 April 2019", "Pindai untuk mendaftar", "https://dagang.example.go.id/terbuka/12"}},
		{"en", []string{"TRADE MISSION", "(sample)", "Destination province Kalimantan Timur", "Date 12–14 May 2019", "What the host is looking for Beras",
			"Who may apply businesses of South Kalimantan", "Apply by 30 April 2019", "Scan to apply", "https://dagang.example.go.id/terbuka/12"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := poster.PDF(&buf, kaltim(tt.lang)); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "poster.pdf")
			if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command("pdftotext", path, "-").CombinedOutput()
			if err != nil {
				t.Fatalf("pdftotext: %v\n%s", err, out)
			}
			text := strings.Join(strings.Fields(string(out)), " ")
			if n := strings.Count(string(out), "\f"); n != 1 {
				t.Errorf("the poster has %d pages, want 1", n)
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("poster lacks %q; it reads:\n%s", w, text)
				}
			}
			if tt.lang == "en" && strings.Contains(text, "Pindai") {
				t.Errorf("the English poster has Indonesian labels:\n%s", text)
			}
		})
	}
}

// The image is a square PNG, and the QR code in it is the code of the
// public page's address, module by module (no QR decoder is among the
// dependencies: the modules are read at their centres).
func TestPosterPNG(t *testing.T) {
	p := kaltim("id")
	var buf bytes.Buffer
	if err := poster.PNG(&buf, p); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("DAGANG_POSTER_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, "poster.png"), buf.Bytes(), 0o644)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != poster.Side || b.Dy() != poster.Side {
		t.Fatalf("image is %dx%d, want %dx%[3]d", b.Dx(), b.Dy(), poster.Side)
	}
	q, err := qrcode.New(p.URL, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	bits := q.Bitmap() // with the quiet zone
	n, side := len(bits), poster.QRRect.Dx()
	ppm := side / n
	if ppm < 3 {
		t.Fatalf("%d pixels per module: too small for a phone camera", ppm)
	}
	off := (side - n*ppm) / 2
	wrong := 0
	for y := range n {
		for x := range n {
			px := img.At(poster.QRRect.Min.X+off+x*ppm+ppm/2, poster.QRRect.Min.Y+off+y*ppm+ppm/2)
			if dark(px) != bits[y][x] {
				wrong++
			}
		}
	}
	if wrong > 0 {
		t.Errorf("%d of %d modules of the QR code differ from the code of %s", wrong, n*n, p.URL)
	}
	// Nothing is drawn over the code's quiet zone.
	for x := poster.QRRect.Min.X; x < poster.QRRect.Max.X; x++ {
		if dark(img.At(x, poster.QRRect.Min.Y+1)) || dark(img.At(x, poster.QRRect.Max.Y-2)) {
			t.Fatalf("the quiet zone of the QR code is drawn over at x=%d", x)
		}
	}
}

func dark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return (r+g+b)/3 < 0x8000
}

// The WhatsApp message has the facts and the link, and its wa.me link
// carries exactly that message.
func TestWhatsApp(t *testing.T) {
	p := kaltim("id")
	msg := p.WhatsApp()
	for _, w := range []string{"*Misi Dagang: Misi Dagang Kalimantan Selatan ke Kalimantan Timur 2019*", "(contoh)", "Provinsi tujuan: Kalimantan Timur",
		"Pendaftaran paling lambat: 30 April 2019", "Daftar dan lihat syaratnya di https://dagang.example.go.id/terbuka/12"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message lacks %q:\n%s", w, msg)
		}
	}
	u, err := url.Parse(p.WhatsAppLink())
	if err != nil || u.Host != "wa.me" || u.Query().Get("text") != msg || strings.Contains(u.RawQuery, "+") {
		t.Errorf("link %s does not carry the message (spaces as %%20)", p.WhatsAppLink())
	}
}
