package web

import (
	"io/fs"
	"regexp"
	"testing"
)

// TestAgendaTranslations checks that every text the agenda and request
// pages pass to T, and their titles, have an English translation.
func TestAgendaTranslations(t *testing.T) {
	lit := regexp.MustCompile(`\.T "([^"]+)"`)
	for _, name := range []string{"agenda", "agenda_person", "meeting_requests"} {
		b, err := fs.ReadFile(templateFiles, "templates/"+name+".html")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			if _, ok := english[m[1]]; !ok {
				t.Errorf("%s.html: %q has no English translation", name, m[1])
			}
		}
		if _, ok := english[pageTitles[name]]; !ok || pageTitles[name] == "" {
			t.Errorf("title of %s (%q) has no English translation", name, pageTitles[name])
		}
	}
	for _, id := range []string{"Jadwal tersimpan: %d dari %d pertemuan terjadwal."} {
		if _, ok := english[id]; !ok {
			t.Errorf("%q has no English translation", id)
		}
	}
}
