package pdftext

import (
	"github.com/signintech/gopdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// The Go fonts are embedded in the binary and cover Latin-1 and Latin
// Extended, so Indonesian text (and "–", "é") renders and extracts.
const (
	regular = "go"
	bold    = "go-bold"
)

// AddFonts registers the regular and bold Go fonts with p.
func AddFonts(p *gopdf.GoPdf) error {
	if err := p.AddTTFFontData(regular, goregular.TTF); err != nil {
		return err
	}
	return p.AddTTFFontData(bold, gobold.TTF)
}

// SetFont selects the regular or bold Go font at size points.
func SetFont(p *gopdf.GoPdf, isBold bool, size float64) error {
	family := regular
	if isBold {
		family = bold
	}
	return p.SetFont(family, "", size)
}
