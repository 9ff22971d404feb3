package report

import (
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

// TestPartners: deals from partners count from this office's side (a
// partner's sale is a purchase here), split by this office's review; a
// deal linked to the office's own record counts only as linked, never in
// the totals a second time.
func TestPartners(t *testing.T) {
	if got := Partners(nil); got != nil {
		t.Errorf("no deals from partners: %+v, want nil", got)
	}
	rows := []dagang.PartnerRollupRow{
		{OfficeID: 2, Office: "Kaltim", Direction: dagang.DirectionSell, State: dagang.PartnerConfirmed, Deals: 2, ValueIDR: 100},
		{OfficeID: 2, Office: "Kaltim", Direction: dagang.DirectionSell, State: dagang.PartnerPending, Deals: 1, ValueIDR: 10},
		{OfficeID: 2, Office: "Kaltim", Direction: dagang.DirectionSell, State: dagang.PartnerConfirmed, Linked: true, Deals: 1, ValueIDR: 500},
		{OfficeID: 3, Office: "Jatim", Direction: dagang.DirectionBuy, State: dagang.PartnerDisputed, Deals: 1, ValueIDR: 40},
	}
	want := &FromPartners{
		Total: PartnerAmounts{Deals: 4, ValueIDR: 150, ConfirmedIDR: 100, DisputedIDR: 40, PendingIDR: 10},
		ByDirection: []PartnerRow{
			{Key: "buy", Label: "Pembelian", PartnerAmounts: PartnerAmounts{Deals: 3, ValueIDR: 110, ConfirmedIDR: 100, PendingIDR: 10}},
			{Key: "sell", Label: "Penjualan", PartnerAmounts: PartnerAmounts{Deals: 1, ValueIDR: 40, DisputedIDR: 40}},
		},
		ByOffice: []PartnerRow{
			{Key: "2", Label: "Kaltim", PartnerAmounts: PartnerAmounts{Deals: 3, ValueIDR: 110, ConfirmedIDR: 100, PendingIDR: 10}},
			{Key: "3", Label: "Jatim", PartnerAmounts: PartnerAmounts{Deals: 1, ValueIDR: 40, DisputedIDR: 40}},
		},
		Linked: 1,
	}
	if diff := cmp.Diff(want, Partners(rows)); diff != "" {
		t.Errorf("deals from partners (-want +got):\n%s", diff)
	}
}
