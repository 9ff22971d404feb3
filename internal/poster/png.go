package poster

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/dagang/dagang/internal/pdftext"
)

// Side is the square image's side in pixels: the size social networks
// show without cropping.
const Side = 1080

// The image's layout in pixels: its margin, and the QR code's square
// (QRRect), which keeps a quiet zone of white around the code.
const (
	pngMargin = 64
	pngQR     = 340
)

// QRRect is where the PNG draws its QR code, quiet zone included.
var QRRect = image.Rect(Side-pngMargin-pngQR, Side-pngMargin-pngQR, Side-pngMargin, Side-pngMargin)

// canvas draws text on an RGBA image with the Go fonts.
type canvas struct {
	img     *image.RGBA
	regular *opentype.Font
	bold    *opentype.Font
	y       int
	err     error
}

func (c *canvas) face(bold bool, size float64) font.Face {
	f := c.regular
	if bold {
		f = c.bold
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		if c.err == nil {
			c.err = err
		}
		return nil
	}
	return face
}

// measurer lets pdftext.Wrap wrap lines for a font face.
type measurer struct{ f font.Face }

func (m measurer) MeasureTextWidth(s string) (float64, error) {
	return float64(font.MeasureString(m.f, s)) / 64, nil
}

// lines writes s in face, wrapped to width from x, baseline by baseline
// from the current y; at most max lines.
func (c *canvas) lines(bold bool, size float64, col color.Color, x, width int, s string, max int) {
	f := c.face(bold, size)
	if f == nil {
		return
	}
	defer f.Close()
	ls := pdftext.Wrap(measurer{f}, s, float64(width))
	if max > 0 && len(ls) > max {
		ls = ls[:max]
	}
	lead := int(size * 1.25)
	for _, l := range ls {
		c.y += lead
		d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: f, Dot: fixed.P(x, c.y)}
		d.DrawString(l)
	}
}

// PNG writes the square image: the band with the kind of event, the
// event's name and facts, and the QR code to its public page in QRRect.
func PNG(w io.Writer, p *Poster) error {
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return err
	}
	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return err
	}
	c := &canvas{img: image.NewRGBA(image.Rect(0, 0, Side, Side)), regular: regular, bold: bold}
	draw.Draw(c.img, c.img.Bounds(), image.White, image.Point{}, draw.Src)
	band := color.RGBA{bandRGB[0], bandRGB[1], bandRGB[2], 255}
	accent := color.RGBA{accentRGB[0], accentRGB[1], accentRGB[2], 255}
	grey := color.RGBA{0x55, 0x55, 0x55, 255}
	draw.Draw(c.img, image.Rect(0, 0, Side, 150), image.NewUniform(band), image.Point{}, draw.Src)
	width := Side - 2*pngMargin

	c.y = 20
	c.lines(true, 44, color.White, pngMargin, width, strings.ToUpper(p.Kind), 1)
	c.lines(false, 24, color.White, pngMargin, width, p.Office, 1)

	c.y = 170
	if p.Sample {
		c.lines(true, 24, accent, pngMargin, width, "("+p.tr("contoh")+")", 1)
	}
	c.lines(true, 52, color.Black, pngMargin, width, p.Title, 2)
	c.y += 12
	for i, f := range p.facts() {
		// Beside the QR code the lines are shorter.
		wide := width
		if c.y > QRRect.Min.Y-80 {
			wide = QRRect.Min.X - pngMargin - 24
		}
		c.lines(false, 24, grey, pngMargin, wide, f[0], 1)
		max := 2
		if i > 1 {
			max = 3
		}
		c.lines(true, 32, color.Black, pngMargin, wide, f[1], max)
		c.y += 10
	}

	q, err := p.qr()
	if err != nil {
		return err
	}
	q.DisableBorder = false
	draw.Draw(c.img, QRRect, q.Image(pngQR), image.Point{}, draw.Src)
	c.y = Side - pngMargin - 60
	c.lines(true, 30, accent, pngMargin, QRRect.Min.X-pngMargin-24, p.tr("Pindai untuk mendaftar"), 1)
	c.lines(false, 20, grey, pngMargin, QRRect.Min.X-pngMargin-24, p.URL, 1)
	if c.err != nil {
		return c.err
	}
	return png.Encode(w, c.img)
}
