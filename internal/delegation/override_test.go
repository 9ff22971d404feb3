package delegation

import (
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

// TestApplyOverrides has staff swap a Banjar rice business in for the
// Banjarbaru chicken business: both moves are recorded with who and why,
// the algorithm's reasons are kept, and the original proposal is unchanged.
func TestApplyOverrides(t *testing.T) {
	prop, err := Propose(kalselPool(), kaltim, DefaultPolicy(2019))
	if err != nil {
		t.Fatal(err)
	}
	before := ids(prop.Chosen)
	ovs := []Override{
		{BusinessID: 9, Action: ActionAdd, Reason: "pembeli di Balikpapan meminta beras Gambut", By: "Rahmat"},
		{BusinessID: 10, Action: ActionRemove, Reason: "berhalangan hadir", By: "Rahmat"},
	}
	got, err := ApplyOverrides(prop, ovs)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, ids(prop.Chosen)); diff != "" {
		t.Errorf("the original proposal changed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{5, 12, 1, 11, 3, 9, 16, 13, 18}, ids(got.Chosen)); diff != "" {
		t.Errorf("chosen (-want +got):\n%s", diff)
	}
	find := func(ds []Decision, id int64) Decision {
		for _, d := range ds {
			if d.BusinessID == id {
				return d
			}
		}
		t.Fatalf("business %d not found", id)
		return Decision{}
	}
	type view struct {
		Why                ReasonCode
		Reason, Proposed   string
		ReasonEN, Override string
	}
	look := func(d Decision) view {
		return view{d.Why, d.Reason, d.Proposed, d.ReasonEN, d.Override.Reason}
	}
	want := []view{
		{WhyAddedByUser, "Ditambahkan oleh Rahmat: pembeli di Balikpapan meminta beras Gambut",
			"Tidak dipilih: kuota per kabupaten/kota (2) untuk Banjar sudah penuh oleh Peternakan Ayam Petelur Gambut, CV Beras Banua.",
			"Added by Rahmat: pembeli di Balikpapan meminta beras Gambut", "pembeli di Balikpapan meminta beras Gambut"},
		{WhyRemovedBy, "Dikeluarkan oleh Rahmat: berhalangan hadir",
			"Dipilih: produk daging ayam sesuai kebutuhan Kaltim (skor 2,5); terakhir ikut 2017, di luar masa rotasi 1 tahun.",
			"Removed by Rahmat: berhalangan hadir", "berhalangan hadir"},
	}
	if diff := cmp.Diff(want, []view{look(find(got.Chosen, 9)), look(find(got.PassedOver, 10))}); diff != "" {
		t.Errorf("overridden decisions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(ovs, got.Overrides); diff != "" {
		t.Errorf("recorded overrides (-want +got):\n%s", diff)
	}
	if got.Filled[RoleMatching] != 6 || got.Shortfall != nil {
		t.Errorf("Filled = %v, Shortfall = %v", got.Filled, got.Shortfall)
	}

	// Removing an exhibitor leaves a seat empty: the shortfall says so.
	got, err = ApplyOverrides(got, []Override{{BusinessID: 13, Action: ActionRemove, Reason: "sakit", By: "Rahmat"}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Shortfall == nil || len(got.Overrides) != 3 {
		t.Errorf("after removing an exhibitor: Shortfall = %v, %d overrides", got.Shortfall, len(got.Overrides))
	}
}

// TestApplyOverridesErrors checks the error code of each bad override.
func TestApplyOverridesErrors(t *testing.T) {
	prop, err := Propose(kalselPool(), kaltim, DefaultPolicy(2019))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		o    Override
		code string
	}{
		{"no reason", Override{BusinessID: 9, Action: ActionAdd, By: "Rahmat"}, dagang.EINVALID},
		{"no staff", Override{BusinessID: 9, Action: ActionAdd, Reason: "x"}, dagang.EINVALID},
		{"bad action", Override{BusinessID: 9, Action: "swap", Reason: "x", By: "Rahmat"}, dagang.EINVALID},
		{"unknown business", Override{BusinessID: 99, Action: ActionAdd, Reason: "x", By: "Rahmat"}, dagang.ENOTFOUND},
		{"add a chosen one", Override{BusinessID: 5, Action: ActionAdd, Reason: "x", By: "Rahmat"}, dagang.ECONFLICT},
		{"remove a passed one", Override{BusinessID: 9, Action: ActionRemove, Reason: "x", By: "Rahmat"}, dagang.ECONFLICT},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ApplyOverrides(prop, []Override{tt.o})
			if got := dagang.ErrorCode(err); got != tt.code {
				t.Errorf("code = %q (%v), want %q", got, err, tt.code)
			}
		})
	}
}
