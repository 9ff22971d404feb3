package dagang_test

import (
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

// TestText: one-line text refuses every control character; multi-line
// text lets tabs and line breaks through; both refuse invalid UTF-8.
func TestText(t *testing.T) {
	tests := []struct {
		in          string
		line, lines bool // accepted as one line, as multi-line text
	}{
		{"UD Beras Banua", true, true},
		{"Kopi Aceh – Gayo, 100% arabika ☕", true, true},
		{"", true, true},
		{"tab\tdi tengah", false, true},
		{"baris\nbaru", false, true},
		{"baris\r\nbaru", false, true},
		{"NUL\x00", false, false},
		{"BEL\a", false, false},
		{"ESC\x1b[31m", false, false},
		{"DEL\x7f", false, false},
		{"C1 \u0085 NEL", false, false},
		{"C1 \u009b CSI", false, false},
		{"bukan UTF-8 \xff", false, false},
	}
	for _, tt := range tests {
		var line, lines dagang.Validation
		line.Line("name", tt.in)
		lines.Lines("note", tt.in)
		got := []bool{line.Err() == nil, lines.Err() == nil}
		if diff := cmp.Diff([]bool{tt.line, tt.lines}, got); diff != "" {
			t.Errorf("%q accepted as [line, lines] (-want +got):\n%s", tt.in, diff)
		}
		for _, v := range []*dagang.Validation{&line, &lines} {
			if err := v.Err(); err != nil && len(fieldsOf(t, err)) != 1 {
				t.Errorf("%q: %v, want one field error", tt.in, err)
			}
		}
	}
}
