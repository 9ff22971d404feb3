package pdftext

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// runes measures a text as one unit per character.
type runes struct{}

func (runes) MeasureTextWidth(s string) (float64, error) {
	return float64(utf8.RuneCountInString(s)), nil
}

func TestWrap(t *testing.T) {
	tests := []struct {
		s     string
		width float64
		want  []string
	}{
		{"", 10, nil},
		{"Temu Bisnis dan Misi Dagang", 12, []string{"Temu Bisnis", "dan Misi", "Dagang"}},
		{"  spaces   between  ", 20, []string{"spaces between"}},
		{"Kalimantan", 4, []string{"Kalimantan"}},
		{"a Kalimantan b", 4, []string{"a", "Kalimantan", "b"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Wrap(runes{}, tt.s, tt.width)); diff != "" {
			t.Errorf("Wrap(%q, %v) (-want +got):\n%s", tt.s, tt.width, diff)
		}
	}
}
