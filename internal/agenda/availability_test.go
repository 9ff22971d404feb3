package agenda_test

import (
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/google/go-cmp/cmp"
)

// TestSessionAvailability: a participant's sessions read from its blocked
// slots, and the blocked slots written from the sessions it keeps, without
// losing the single slots staff blocked in a session it keeps.
func TestSessionAvailability(t *testing.T) {
	g, err := agenda.NewGrid(&dagang.Event{Name: "Temu", Slots: 6, Tables: 2, SlotMinutes: 30, DayStart: "09:00", LunchAfter: 3})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		old       []int
		available []string
		choices   []agenda.SessionChoice
		want      []int
		field     string // the field an error names
	}{
		{name: "free all day, keeps both", available: []string{"0", "1"}, want: []int{},
			choices: []agenda.SessionChoice{{Index: 0, Name: "pagi", Time: "09:00–10:30", Available: true}, {Index: 1, Name: "siang", Time: "11:30–13:00", Available: true}}},
		{name: "blocks the afternoon", available: []string{"0"}, want: []int{3, 4, 5}},
		{name: "blocks the whole day", available: nil, want: []int{0, 1, 2, 3, 4, 5}},
		{name: "a morning slot blocked by staff stays", old: []int{1}, available: []string{"0", "1"}, want: []int{1},
			choices: []agenda.SessionChoice{{Index: 0, Name: "pagi", Time: "09:00–10:30", Available: true, Partial: true}, {Index: 1, Name: "siang", Time: "11:30–13:00", Available: true}}},
		{name: "a blocked afternoon freed", old: []int{3, 4, 5}, available: []string{"0", "1"}, want: []int{},
			choices: []agenda.SessionChoice{{Index: 0, Name: "pagi", Time: "09:00–10:30", Available: true}, {Index: 1, Name: "siang", Time: "11:30–13:00"}}},
		{name: "unknown session", available: []string{"2"}, field: "available_sessions"},
		{name: "not a number", available: []string{"pagi"}, field: "available_sessions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.choices != nil {
				if d := cmp.Diff(tt.choices, g.SessionChoices(tt.old)); d != "" {
					t.Errorf("choices (-want +got):\n%s", d)
				}
			}
			got, err := g.UnavailableFor(tt.old, tt.available)
			if tt.field != "" {
				if f := dagang.ErrorFields(err); len(f) != 1 || f[0] != tt.field || dagang.ErrorCode(err) != dagang.EINVALID {
					t.Fatalf("err = %v, want EINVALID on %s", err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("unavailable (-want +got):\n%s", d)
			}
		})
	}
}
