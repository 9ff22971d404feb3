package schedule

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHungarian(t *testing.T) {
	tests := []struct {
		name string
		cost [][]int
		want []int
	}{
		{"one", [][]int{{5}}, []int{0}},
		{"anti-diagonal", [][]int{{9, 1}, {1, 9}}, []int{1, 0}},
		{"three", [][]int{{4, 1, 3}, {2, 0, 5}, {3, 2, 2}}, []int{1, 0, 2}},
		{"negative", [][]int{{-1, -5, 0}, {-3, -2, -7}, {0, 0, -1}}, []int{1, 2, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, hungarian(tt.cost)); diff != "" {
				t.Errorf("assignment (-want +got):\n%s", diff)
			}
		})
	}
}
