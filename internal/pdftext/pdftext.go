// Package pdftext lays out text for the PDF documents (the report, the
// agendas and the posters): their fonts and one word wrap for all.
package pdftext

import "strings"

// Measurer gives the width of a text in the current font (gopdf.GoPdf).
type Measurer interface {
	MeasureTextWidth(text string) (float64, error)
}

// Wrap splits s into lines no wider than width, breaking between words; a
// single word wider than width stays whole on its line.
func Wrap(m Measurer, s string, width float64) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		try := strings.TrimSpace(line + " " + w)
		if tw, err := m.MeasureTextWidth(try); err == nil && tw > width && line != "" {
			lines = append(lines, line)
			try = w
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
