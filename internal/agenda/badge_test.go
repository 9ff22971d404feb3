package agenda_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/skip2/go-qrcode"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
)

func needPoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfimages"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("CI=true but %s (poppler-utils) is missing", tool)
			}
			t.Skipf("%s not installed (apt-get install poppler-utils): the PDFs are not read back", tool)
		}
	}
}

// TestCheckinQRInPDFs: a participant's agenda and every badge carry the
// check-in code as text and as a QR code that encodes exactly that code
// (the image in the PDF is compared pixel by pixel with the code's QR).
func TestCheckinQRInPDFs(t *testing.T) {
	needPoppler(t)
	db, s := loadDemo(t)
	a, err := agenda.Load(context.Background(), db, s.Mission2019.ID)
	if err != nil {
		t.Fatal(err)
	}
	p := a.Participants()[0]
	code := dagang.CheckinCode(p.Participation.ID)
	dir := t.TempDir()
	write := func(name string, what agenda.Print) string {
		var buf bytes.Buffer
		if err := agenda.WritePDF(&buf, a, what); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	text := func(path string) string {
		out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", path, err)
		}
		return string(out)
	}

	one := write("agenda.pdf", agenda.Print{Participants: []int64{p.Participation.ID}})
	if !strings.Contains(text(one), code) {
		t.Errorf("the agenda lacks its check-in code %s", code)
	}
	if err := exec.Command("pdfimages", "-png", one, filepath.Join(dir, "img")).Run(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "img-000.png"))
	if err != nil {
		t.Fatalf("the agenda has no image: %v", err)
	}
	defer f.Close()
	got, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	q, err := qrcode.New(code, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	if !sameDots(got, q.Image(256)) {
		t.Errorf("the QR code in the agenda is not the one of %s", code)
	}

	all := write("badges.pdf", agenda.Print{AllParticipants: true, Badges: true})
	out := text(all)
	everyone := a.Everyone()
	if len(everyone) <= len(a.Participants()) {
		t.Fatalf("the demo mission should have participants without meetings for this test")
	}
	for _, p := range everyone {
		if !strings.Contains(out, dagang.CheckinCode(p.Participation.ID)) {
			t.Errorf("no badge for %s", p.Name)
		}
	}
	list, err := exec.Command("pdfimages", "-list", all).Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(list), "\n") - 2; n != len(everyone) {
		t.Errorf("%d QR images on the badges, want %d", n, len(everyone))
	}
}

// sameDots compares two black-and-white images of the same size.
func sameDots(a, b image.Image) bool {
	if a.Bounds().Size() != b.Bounds().Size() {
		return false
	}
	dark := func(img image.Image, x, y int) bool {
		r, g, bl, _ := img.At(img.Bounds().Min.X+x, img.Bounds().Min.Y+y).RGBA()
		return r+g+bl < 3*0x8000
	}
	for y := range a.Bounds().Dy() {
		for x := range a.Bounds().Dx() {
			if dark(a, x, y) != dark(b, x, y) {
				return false
			}
		}
	}
	return true
}
