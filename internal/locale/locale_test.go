package locale

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// verbs lists the fmt verbs of a message, in order.
var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

func verbs(s string) []string {
	var out []string
	for _, m := range verbRE.FindAllString(s, -1) {
		if m != "%%" {
			out = append(out, m[len(m)-1:])
		}
	}
	return out
}

// TestCatalogue checks the embedded files: they parse (no duplicate, no
// empty field), every message takes the same arguments in both languages
// (the plural forms of English each take them too), and no text key has
// a stray space at either end.
func TestCatalogue(t *testing.T) {
	c, err := load()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.texts) < 500 || len(c.messages) < 80 {
		t.Fatalf("catalogue too small: %d texts, %d messages", len(c.texts), len(c.messages))
	}
	for key, e := range c.messages {
		id := strings.Join(verbs(e.id), "")
		for _, en := range strings.Split(e.en, "||") {
			if got := strings.Join(verbs(en), ""); got != id {
				t.Errorf("%s: Indonesian takes %q, English %q", key, id, got)
			}
		}
		if strings.Contains(e.id, "||") {
			t.Errorf("%s: the Indonesian form has a plural bar", key)
		}
	}
	for id := range c.texts {
		if strings.TrimSpace(id) != id {
			t.Errorf("text %q: spaces at the ends of a key", id)
		}
	}
}

func TestMonthsAndDays(t *testing.T) {
	if got := Month(ID, time.August); got != "Agustus" {
		t.Errorf("Month(id, 8) = %q", got)
	}
	if got := Month(EN, time.August); got != "August" {
		t.Errorf("Month(en, 8) = %q", got)
	}
	for m := time.January; m <= time.December; m++ {
		if Month(ID, m) == Month(EN, m) && m != time.April && m != time.September && m != time.October && m != time.November {
			t.Errorf("month %d has the same name in both languages: %q", m, Month(ID, m))
		}
	}
	if Weekday(ID, time.Monday) != "Senin" || Weekday(EN, time.Sunday) != "Sunday" {
		t.Errorf("weekdays: %q %q", Weekday(ID, time.Monday), Weekday(EN, time.Sunday))
	}
	if got := Date(ID, 2019, time.January, 2); got != "2 Januari 2019" {
		t.Errorf("Date(id) = %q", got)
	}
	if got := Date(EN, 2019, time.January, 2); got != "2 January 2019" {
		t.Errorf("Date(en) = %q", got)
	}
	if got := Date(ID, 0, 0, 0); got != "–" {
		t.Errorf("zero date = %q", got)
	}
	at := time.Date(2019, 1, 2, 14, 5, 0, 0, time.UTC)
	if got := When(ID, at); got != "2 Januari 2019 14.05" {
		t.Errorf("When(id) = %q", got)
	}
	if got := When(EN, at); got != "2 January 2019 14:05" {
		t.Errorf("When(en) = %q", got)
	}
}

func TestNumbers(t *testing.T) {
	for _, c := range []struct {
		lang string
		x    float64
		dec  int
		want string
	}{
		{ID, 626986, 0, "626.986"},
		{EN, 626986, 0, "626,986"},
		{ID, 1.606, 3, "1,606"},
		{EN, 1.606, 3, "1.606"},
		{ID, 1250.5, -1, "1.250,5"},
		{EN, 1250.5, -1, "1,250.5"},
		{ID, 1250, -1, "1.250"},
		{ID, 0.333333, -1, "0,33"},
		{ID, -1234567.891, 1, "-1.234.567,9"},
		{ID, -0.001, 2, "0,00"},
		{ID, 999, 0, "999"},
	} {
		if got := Number(c.lang, c.x, c.dec); got != c.want {
			t.Errorf("Number(%s, %v, %d) = %q, want %q", c.lang, c.x, c.dec, got, c.want)
		}
	}
	for _, c := range []struct{ got, want string }{
		{Int(ID, 1566), "1.566"},
		{Exact(ID, 0.153), "0,153"},
		{Exact(EN, 12345.678), "12,345.678"},
		{Percent(ID, 0.246, 1), "24,6%"},
		{Percent(EN, 0.246, 1), "24.6%"},
		{Volume(ID, 626986, "ton"), "626.986 ton"},
		{Distance(ID, 1565.6), "1.566 km"},
		{Distance(EN, 1565.6), "1,566 km"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestMessages(t *testing.T) {
	for _, c := range []struct{ what, got, want string }{
		{"T(en, Simpan)", T(EN, "Simpan"), "Save"},
		{"T(id, Simpan)", T(ID, "Simpan"), "Simpan"},
		{"unknown text", T(EN, "tidak ada di katalog"), "tidak ada di katalog"},
		{"Label(id)", Label(ID, "indication"), "Indikasi"},
		{"Label(en)", Label(EN, "loi"), "Letter of intent (LoI)"},
		{"unknown label", Label(EN, "no_such_value"), "no_such_value"},
		{"Msg", Msg(EN, "page.dashboard"), "Dashboard"},
		{"unknown key", Msg(EN, "no.such.key"), "no.such.key"},
		{"Msg of a plural", Msg(EN, "count.meetings", 1), "1 meetings"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{{EN, 1, "1 meeting"}, {EN, 2, "2 meetings"}, {EN, 0, "0 meetings"}, {ID, 1, "1 pertemuan"}, {ID, 3, "3 pertemuan"}} {
		if got := Plural(c.lang, "count.meetings", c.n, c.n); got != c.want {
			t.Errorf("Plural(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestOf(t *testing.T) {
	for code, want := range map[string]string{"en": EN, "EN": EN, "en-GB": EN, "en_US.UTF-8": EN, "id": ID, "": ID, "id_ID.UTF-8": ID, "C": ID, "eng": ID} {
		if got := Of(code); got != want {
			t.Errorf("Of(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestSlotTime(t *testing.T) {
	wib, _ := time.LoadLocation("Asia/Jakarta")
	wita, _ := time.LoadLocation("Asia/Makassar")
	wit, _ := time.LoadLocation("Asia/Jayapura")
	start := time.Date(2026, 3, 4, 10, 0, 0, 0, wita)
	end := start.Add(20 * time.Minute)
	for _, tc := range []struct {
		lang string
		home *time.Location
		want string
	}{
		{ID, nil, "10.00–10.20 WITA"},
		{ID, wita, "10.00–10.20 WITA"},
		{ID, wib, "10.00–10.20 WITA (09.00–09.20 WIB)"},
		{ID, wit, "10.00–10.20 WITA (11.00–11.20 WIT)"},
		{EN, wib, "10:00–10:20 WITA (09:00–09:20 WIB)"},
	} {
		if diff := cmp.Diff(tc.want, SlotTime(tc.lang, start, end, tc.home)); diff != "" {
			t.Errorf("%s home %v (-want +got):\n%s", tc.lang, tc.home, diff)
		}
	}
	if got, want := DayShort(ID, start), "Rabu, 4 Maret 2026"; got != want {
		t.Errorf("DayShort: %q, want %q", got, want)
	}
}
