package dagang_test

import (
	"testing"

	"github.com/dagang/dagang"
)

func TestEventsWithDeals(t *testing.T) {
	ev := func(id, deals int64) dagang.RollupRow {
		return dagang.RollupRow{Kind: dagang.RollupEvent, EventID: id, Direction: dagang.DirectionSell, Deals: deals, ValueIDR: deals * 1e9}
	}
	tests := []struct {
		name string
		rows []dagang.RollupRow
		want int
	}{
		{"none", nil, 0},
		{"one event in two directions", []dagang.RollupRow{ev(1, 2), {Kind: dagang.RollupEvent, EventID: 1, Direction: dagang.DirectionBuy, Deals: 1}}, 1},
		{"two events", []dagang.RollupRow{ev(1, 2), ev(2, 1)}, 2},
		{"deals outside an event add none", []dagang.RollupRow{ev(0, 5), ev(3, 1)}, 1},
		{"a row whose deals have all gone adds none", []dagang.RollupRow{ev(1, 0), ev(2, 1)}, 1},
		{"rows of other kinds add none", []dagang.RollupRow{{Kind: dagang.RollupCounterpart, EventID: 7, CounterpartID: 1, Deals: 1}, {Kind: dagang.RollupStage, Deals: 4}}, 0},
	}
	for _, tt := range tests {
		if got := dagang.EventsWithDeals(tt.rows); got != tt.want {
			t.Errorf("%s: EventsWithDeals = %d, want %d", tt.name, got, tt.want)
		}
	}
}
