package web

import (
	"io/fs"
	"regexp"
	"testing"
)

// TestMissionTranslations checks that every text the partner, workflow,
// delegation, reach and what-if templates pass to T, and their titles,
// have an English translation.
func TestMissionTranslations(t *testing.T) {
	lit := regexp.MustCompile(`\.T "([^"]+)"`)
	for _, name := range []string{"partners_rank", "agreement_workflow", "delegation", "reach", "simulate", "_targets", "_apply", "statistics_coverage"} {
		b, err := fs.ReadFile(templateFiles, "templates/"+name+".html")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		if title, ok := pageTitles[name]; ok || name[0] != '_' {
			ids = append(ids, title)
		}
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			ids = append(ids, m[1])
		}
		for _, id := range ids {
			if _, ok := english[id]; !ok {
				t.Errorf("%s: no English for %q", name, id)
			}
		}
	}
}
