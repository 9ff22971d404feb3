package complement

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
)

func TestEvidenceValidate(t *testing.T) {
	decl := declare("d1", "64", "jagung", SurplusDeclared, "Bierhasani", "2019-01-02")
	stat := fixtureEvidence()[0]
	tests := []struct {
		name   string
		edit   func(*Evidence)
		base   Evidence
		fields []string
	}{
		{"declaration ok", func(*Evidence) {}, decl, nil},
		{"statistic ok", func(*Evidence) {}, stat, nil},
		{"declaration without person or date", func(e *Evidence) { e.Source = Source{Date: "2/1/2019"} }, decl,
			[]string{"source.person", "source.date"}},
		{"declared quantity without unit", func(e *Evidence) { e.Value = f64(100) }, decl, []string{"unit"}},
		{"statistic without value, status or publisher", func(e *Evidence) {
			e.Value, e.Status, e.Source.Publisher = nil, "", ""
		}, stat, []string{"value", "status", "source.publisher"}},
		{"bad keys", func(e *Evidence) {
			e.ID, e.Province, e.Commodity, e.Year, e.Kind = "", "6", "Jagung", 19, "rumor"
		}, decl, []string{"id", "province", "commodity", "year", "kind"}},
		{"negative value", func(e *Evidence) { e.Value = f64(-1) }, stat, []string{"value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.base
			tt.edit(&e)
			if diff := cmp.Diff(tt.fields, dagang.ErrorFields(e.Validate())); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}
