package web

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

// TestDecodeJSONNamesKeys: a refused value is named by the JSON key the
// client sent, however deep and whatever refused it.
func TestDecodeJSONNamesKeys(t *testing.T) {
	type product struct {
		Capacity int64 `json:"monthly_capacity"`
	}
	type withList struct {
		Name     string    `json:"name"`
		Products []product `json:"products"`
	}
	tests := []struct {
		name string
		v    any
		body string
		want string
	}{
		{"impossible date", &dealBody{}, `{"note":"x","deal_date":"2019-02-30"}`, "deal_date"},
		{"date of the wrong type", &dealBody{}, `{"deal_date":5}`, "deal_date"},
		{"type error in an embedded struct", &dealBody{}, `{"value_idr":"lima"}`, "value_idr"},
		{"type error of the outer struct", &dealBody{}, `{"force":"yes"}`, "force"},
		{"key in another case", &dealBody{}, `{"VALUE_IDR":"lima"}`, "VALUE_IDR"},
		{"nested in a list", &withList{}, `{"name":"a","products":[{"monthly_capacity":1},{"monthly_capacity":"x"}]}`, "products[1].monthly_capacity"},
		{"list of the wrong type", &withList{}, `{"products":{}}`, "products"},
		{"stage change date", &stageChange{}, `{"stage":"loi","on":"2019-13-01"}`, "on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/api/v1/x", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", "application/json")
			err := decodeJSON(httptest.NewRecorder(), r, tt.v)
			var de *dagang.Error
			if !errors.As(err, &de) {
				t.Fatalf("err = %v", err)
			}
			var got []string
			for _, f := range de.Fields {
				got = append(got, f.Field)
			}
			if diff := cmp.Diff([]string{tt.want}, got); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}
