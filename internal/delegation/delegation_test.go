package delegation

import (
	"errors"
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

// kaltim is the destination of the article: Kalsel can sell rice, chicken
// meat and eggs there. The weights are sample values.
var kaltim = Destination{Code: "64", Name: "Kaltim", Needs: []Need{
	{Commodity: "beras", Name: "beras", Weight: 3},
	{Commodity: "daging-ayam", Name: "daging ayam", Weight: 2.5},
	{Commodity: "telur", Name: "telur", Weight: 2},
}}

// kalselPool is a sample pool of Kalsel businesses (names and histories
// are sample values) from several regencies; some went in 2018.
func kalselPool() []Applicant {
	m, x := RoleMatching, RoleExhibitor
	app := func(id int64, name, reg, regName string, role Role, products []string, last ...int) Applicant {
		return Applicant{BusinessID: id, Name: name, Regency: reg, RegencyName: regName, Role: role,
			Products: products, Eligible: true, LastYears: last}
	}
	pool := []Applicant{
		app(1, "CV Beras Banua", "63.03", "Banjar", m, []string{"beras"}),
		app(2, "UD Ayam Martapura", "63.03", "Banjar", m, []string{"daging-ayam", "telur"}, 2018),
		app(3, "Koperasi Tani Barito", "63.04", "Barito Kuala", m, []string{"beras"}, 2016),
		app(4, "PT Telur Tapin", "63.05", "Tapin", m, []string{"telur"}),
		app(5, "UD Unggas Tanah Laut", "63.01", "Tanah Laut", m, []string{"daging-ayam", "telur"}),
		app(6, "CV Kemiri Loksado", "63.06", "Hulu Sungai Selatan", m, []string{"kemiri"}),
		app(7, "Kelompok Tani Hulu Sungai", "63.07", "Hulu Sungai Tengah", m, []string{"beras", "telur"}, 2018),
		app(8, "CV Rumput Laut Kotabaru", "63.02", "Kotabaru", m, []string{"rumput-laut"}),
		app(9, "UD Padi Gambut", "63.03", "Banjar", m, []string{"beras"}),
		app(10, "CV Ayam Potong Banjarbaru", "63.72", "Banjarbaru", m, []string{"daging-ayam"}, 2017),
		app(11, "UD Beras Kandangan", "63.06", "Hulu Sungai Selatan", m, []string{"beras"}),
		app(12, "Peternakan Ayam Petelur Gambut", "63.03", "Banjar", m, []string{"daging-ayam", "telur"}),
		app(13, "CV Arang Halaban Tapin", "63.05", "Tapin", x, []string{"arang-halaban"}),
		app(14, "UD Kayu Manis Loksado", "63.06", "Hulu Sungai Selatan", x, []string{"kayu-manis"}, 2018),
		app(15, "Sasirangan Banjarmasin", "63.71", "Banjarmasin", x, []string{"kain-sasirangan"}, 2017),
		app(16, "UD Telur Asin Kandangan", "63.06", "Hulu Sungai Selatan", x, []string{"telur"}),
		app(17, "CV Beras Organik Tabalong", "63.09", "Tabalong", x, []string{"beras"}),
		app(18, "Kerajinan Purun Banjarmasin", "63.71", "Banjarmasin", x, []string{"anyaman-purun"}),
	}
	pool[16].Eligible = false
	pool[16].IneligibleReason = "NIB belum terdaftar"
	pool[16].IneligibleReasonEN = "no business registration number (NIB)"
	return pool
}

// outcome is what the fixture tests compare: who, why, and the sentence.
type outcome struct {
	ID     int64
	Why    ReasonCode
	Reason string
}

func outcomes(ds []Decision) []outcome {
	out := make([]outcome, len(ds))
	for i, d := range ds {
		out[i] = outcome{d.BusinessID, d.Why, d.Reason}
	}
	return out
}

// TestProposeKaltim2019 is the acceptance case: a 2019 mission to
// Kaltim picks rice, chicken and egg businesses that did not go in 2018, at
// most two per regency, and explains every choice.
func TestProposeKaltim2019(t *testing.T) {
	prop, err := Propose(kalselPool(), kaltim, DefaultPolicy(2019))
	if err != nil {
		t.Fatal(err)
	}
	wantChosen := []outcome{
		{5, WhyChosen, "Dipilih: produk daging ayam, telur sesuai kebutuhan Kaltim (skor 4,5); belum pernah ikut misi dagang."},
		{12, WhyChosen, "Dipilih: produk daging ayam, telur sesuai kebutuhan Kaltim (skor 4,5); belum pernah ikut misi dagang."},
		{1, WhyChosen, "Dipilih: produk beras sesuai kebutuhan Kaltim (skor 3); belum pernah ikut misi dagang."},
		{11, WhyChosen, "Dipilih: produk beras sesuai kebutuhan Kaltim (skor 3); belum pernah ikut misi dagang."},
		{3, WhyChosen, "Dipilih: produk beras sesuai kebutuhan Kaltim (skor 3); terakhir ikut 2016, di luar masa rotasi 1 tahun."},
		{10, WhyChosen, "Dipilih: produk daging ayam sesuai kebutuhan Kaltim (skor 2,5); terakhir ikut 2017, di luar masa rotasi 1 tahun."},
		{16, WhyChosen, "Dipilih: produk telur sesuai kebutuhan Kaltim (skor 2); belum pernah ikut misi dagang."},
		{13, WhyChosen, "Dipilih untuk mengisi kuota: tidak ada produk yang sesuai kebutuhan Kaltim (skor 0); belum pernah ikut misi dagang."},
		{18, WhyChosen, "Dipilih untuk mengisi kuota: tidak ada produk yang sesuai kebutuhan Kaltim (skor 0); belum pernah ikut misi dagang."},
	}
	wantPassed := []outcome{
		{7, WhyRotation, "Tidak dipilih: sudah ikut pada 2018 (aturan rotasi 1 tahun)."},
		{2, WhyRotation, "Tidak dipilih: sudah ikut pada 2018 (aturan rotasi 1 tahun)."},
		{9, WhyRegencyCap, "Tidak dipilih: kuota per kabupaten/kota (2) untuk Banjar sudah penuh oleh Peternakan Ayam Petelur Gambut, CV Beras Banua."},
		{4, WhyLowerScore, "Tidak dipilih: skor kecocokan lebih rendah dari peserta terpilih (2 < 2,5)."},
		{6, WhyLowerScore, "Tidak dipilih: skor kecocokan lebih rendah dari peserta terpilih (0 < 2,5)."},
		{8, WhyLowerScore, "Tidak dipilih: skor kecocokan lebih rendah dari peserta terpilih (0 < 2,5)."},
		{17, WhyIneligible, "Tidak dipilih: tidak memenuhi syarat (NIB belum terdaftar)."},
		{14, WhyRotation, "Tidak dipilih: sudah ikut pada 2018 (aturan rotasi 1 tahun)."},
		{15, WhyTieBreak, "Tidak dipilih: skor kecocokan sama dengan Kerajinan Purun Banjarmasin (0), yang didahulukan karena belum pernah ikut."},
	}
	if diff := cmp.Diff(wantChosen, outcomes(prop.Chosen)); diff != "" {
		t.Errorf("chosen (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantPassed, outcomes(prop.PassedOver)); diff != "" {
		t.Errorf("passed over (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[Role]int{RoleMatching: 6, RoleExhibitor: 3}, prop.Filled); diff != "" {
		t.Errorf("filled (-want +got):\n%s", diff)
	}
	if prop.Shortfall != nil {
		t.Errorf("Shortfall = %v, want nil", prop.Shortfall)
	}
	if prop.TotalScore != 4500+4500+3000+3000+3000+2500+2000 {
		t.Errorf("TotalScore = %d", prop.TotalScore)
	}
	if got, want := prop.Chosen[0].ReasonEN, "Chosen: products daging ayam, telur meet Kaltim's needs (score 4.5); never took part in a trade mission."; got != want {
		t.Errorf("ReasonEN = %q, want %q", got, want)
	}
}

// ids lists the business IDs of decisions.
func ids(ds []Decision) []int64 {
	out := make([]int64, len(ds))
	for i, d := range ds {
		out[i] = d.BusinessID
	}
	return out
}

// TestRotation compares the rotation rules on the article's pool: exclude
// keeps the 2018 participants out, a small penalty lets the best of them
// back in, a large one does not, and no rule takes the strongest.
func TestRotation(t *testing.T) {
	tests := []struct {
		name   string
		policy func(*Policy)
		chosen []int64
		check  outcome // one decision to compare in full
	}{
		{"exclude 1 year", func(p *Policy) {}, []int64{5, 12, 1, 11, 3, 10, 16, 13, 18},
			outcome{7, WhyRotation, "Tidak dipilih: sudah ikut pada 2018 (aturan rotasi 1 tahun)."}},
		{"exclude 2 years", func(p *Policy) { p.RotationYears = 2 }, []int64{5, 12, 1, 11, 3, 4, 16, 13, 18},
			outcome{10, WhyRotation, "Tidak dipilih: sudah ikut pada 2017 (aturan rotasi 2 tahun)."}},
		{"penalty 1", func(p *Policy) { p.RotationMode, p.PenaltyWeight = RotationPenalty, 1 },
			[]int64{5, 12, 7, 2, 11, 3, 16, 13, 18},
			outcome{7, WhyChosen, "Dipilih: produk beras, telur sesuai kebutuhan Kaltim (skor 5); sudah ikut pada 2018, skor dikurangi penalti rotasi 1 menjadi 4."}},
		{"penalty 10", func(p *Policy) { p.RotationMode, p.PenaltyWeight = RotationPenalty, 10 },
			[]int64{5, 12, 1, 11, 3, 10, 16, 13, 18},
			outcome{7, WhyLowerScore, "Tidak dipilih: skor kecocokan lebih rendah dari peserta terpilih (-5 < 2,5)."}},
		{"no rotation", func(p *Policy) { p.RotationYears = 0 }, []int64{7, 5, 12, 2, 11, 3, 16, 13, 18},
			outcome{2, WhyChosen, "Dipilih: produk daging ayam, telur sesuai kebutuhan Kaltim (skor 4,5); terakhir ikut 2018 (tanpa aturan rotasi)."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultPolicy(2019)
			tt.policy(&p)
			prop, err := Propose(kalselPool(), kaltim, p)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.chosen, ids(prop.Chosen)); diff != "" {
				t.Errorf("chosen (-want +got):\n%s", diff)
			}
			all := outcomes(append(prop.Chosen, prop.PassedOver...))
			var got outcome
			for _, o := range all {
				if o.ID == tt.check.ID {
					got = o
				}
			}
			if diff := cmp.Diff(tt.check, got); diff != "" {
				t.Errorf("decision %d (-want +got):\n%s", tt.check.ID, diff)
			}
		})
	}
}

// TestRegencyCap checks the per-regency limit: with no limit Banjar sends
// three; with one per regency only eight regencies can send anyone, so one
// exhibitor seat stays empty and the shortfall says why.
func TestRegencyCap(t *testing.T) {
	p := DefaultPolicy(2019)
	p.MaxPerRegency = 0
	prop, err := Propose(kalselPool(), kaltim, p)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{5, 12, 1, 9, 11, 3, 16, 13, 18}, ids(prop.Chosen)); diff != "" {
		t.Errorf("no limit: chosen (-want +got):\n%s", diff)
	}

	p.MaxPerRegency = 1
	prop, err = Propose(kalselPool(), kaltim, p)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{5, 12, 3, 10, 4, 8, 16, 18}, ids(prop.Chosen)); diff != "" {
		t.Errorf("one per regency: chosen (-want +got):\n%s", diff)
	}
	want := []outcome{
		{11, WhyRegencyCap, "Tidak dipilih: kuota per kabupaten/kota (1) untuk Hulu Sungai Selatan sudah penuh oleh UD Telur Asin Kandangan."},
		{13, WhyRegencyCap, "Tidak dipilih: kuota per kabupaten/kota (1) untuk Tapin sudah penuh oleh PT Telur Tapin."},
	}
	var got []outcome
	for _, o := range outcomes(prop.PassedOver) {
		if o.ID == 11 || o.ID == 13 {
			got = append(got, o)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	wantShort := &dagang.Error{
		Code:      dagang.EINVALID,
		Message:   "Kuota delegasi tidak terpenuhi; ini susunan terbaik yang mungkin",
		MessageEN: "The delegation quota cannot be filled; this is the best possible delegation",
		Fields: []dagang.FieldError{{Field: "quota.exhibitor",
			Message:   "hanya 2 dari 3 kursi peserta pameran terisi; batas 1 per kabupaten/kota membatasi pilihan",
			MessageEN: "only 2 of 3 exhibitor seats filled; the limit of 1 per regency restricts the choice"}},
	}
	if diff := cmp.Diff(wantShort, prop.Shortfall); diff != "" {
		t.Errorf("shortfall (-want +got):\n%s", diff)
	}
}

// TestTooFewApplicants asks for five exhibitors when four may go: the four
// are proposed and the shortfall counts who was left out and why.
func TestTooFewApplicants(t *testing.T) {
	p := DefaultPolicy(2019)
	p.Quota = map[Role]int{RoleMatching: 6, RoleExhibitor: 5}
	prop, err := Propose(kalselPool(), kaltim, p)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]int64{5, 12, 1, 11, 3, 10, 16, 13, 18, 15}, ids(prop.Chosen)); diff != "" {
		t.Errorf("chosen (-want +got):\n%s", diff)
	}
	if prop.Shortfall == nil {
		t.Fatal("Shortfall = nil")
	}
	want := []dagang.FieldError{{Field: "quota.exhibitor",
		Message:   "hanya 4 dari 5 kursi peserta pameran terisi; pelamar yang memenuhi syarat hanya 4 (1 dikecualikan aturan rotasi, 1 tidak memenuhi syarat)",
		MessageEN: "only 4 of 5 exhibitor seats filled; only 4 eligible applicants (1 excluded by rotation, 1 not eligible)"}}
	if diff := cmp.Diff(want, prop.Shortfall.Fields); diff != "" {
		t.Errorf("shortfall (-want +got):\n%s", diff)
	}
	if prop.Shortfall.Error() == "" || dagang.ErrorCode(prop.Shortfall) != dagang.EINVALID {
		t.Errorf("Shortfall = %#v", prop.Shortfall)
	}
}

// TestProposeInvalid checks that bad input fails with EINVALID naming the
// fields.
func TestProposeInvalid(t *testing.T) {
	pool := kalselPool()
	pool = append(pool, pool[0])
	dest := kaltim
	dest.Needs = append([]Need{{Commodity: "jagung", Weight: -1}}, dest.Needs...)
	p := DefaultPolicy(2019)
	p.Quota = map[Role]int{RoleMatching: -1}
	p.RotationMode = "acak"
	_, err := Propose(pool, dest, p)
	var e *dagang.Error
	if !errors.As(err, &e) || e.Code != dagang.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
	var fields []string
	for _, f := range e.Fields {
		fields = append(fields, f.Field)
	}
	want := []string{"policy.quota.matching", "policy.rotation_mode", "needs.jagung.weight", "applicants.1"}
	if diff := cmp.Diff(want, fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}
