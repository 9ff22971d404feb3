package mission_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/delegation"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/demo/demotest"
	"github.com/dagang/dagang/internal/mission"
	"github.com/dagang/dagang/internal/store"
)

func loadDemo(t testing.TB) (*store.DB, *demo.Story) { return demotest.Load(t) }

// TestProposeMission2019 is the article's rotation: the 2019 mission to
// Kaltim takes businesses whose products Kaltim needs and who did not go
// in 2018, and says why for every applicant.
func TestProposeMission2019(t *testing.T) {
	db, s := loadDemo(t)
	ctx := context.Background()
	p, err := mission.Propose(ctx, db, s.Office.ID, s.Mission2019.ID)
	if err != nil {
		t.Fatal(err)
	}
	var needs []string
	for _, n := range p.Destination.Needs {
		needs = append(needs, n.Commodity)
	}
	if diff := cmp.Diff([]string{"beras", "daging-ayam", "telur"}, needs); diff != "" {
		t.Errorf("Kaltim's needs (-want +got):\n%s", diff)
	}
	went2018 := map[int64]bool{}
	for _, k := range []string{"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"} {
		went2018[s.Businesses[k].ID] = true
	}
	var chosen []string
	for _, d := range p.Proposal.Chosen {
		chosen = append(chosen, d.Name)
		if went2018[d.BusinessID] {
			t.Errorf("%s went in 2018 and was chosen again", d.Name)
		}
		if len(d.Matched) == 0 || !strings.Contains(d.Reason, "sesuai kebutuhan Kaltim") {
			t.Errorf("%s chosen without a fit to Kaltim's needs: %q", d.Name, d.Reason)
		}
	}
	want := []string{"CV Beras Kandangan Lestari", "UD Beras Siam Tapin", "CV Ayam Potong Martapura", "UD Broiler Pelaihari", "CV Ayam Banua Balangan", "UD Beras Amuntai"}
	if diff := cmp.Diff(want, chosen); diff != "" {
		t.Errorf("chosen (-want +got):\n%s", diff)
	}
	reasons := map[string]string{}
	for _, d := range p.Proposal.PassedOver {
		reasons[d.Name] = d.Reason
	}
	for name, part := range map[string]string{
		"UD Beras Unus Batola":     "sudah ikut pada 2018",
		"CV Telur Ayam Banjarbaru": "sudah ikut pada 2018",
		"UD Telur Tanah Laut":      "skor kecocokan lebih rendah",
		"UD Kemiri Batola":         "produknya (kemiri) tidak termasuk kebutuhan Kaltim",
	} {
		if !strings.Contains(reasons[name], part) {
			t.Errorf("%s passed over with %q, want it to say %q", name, reasons[name], part)
		}
	}
	if len(p.Proposal.Chosen)+len(p.Proposal.PassedOver) != 13 {
		t.Errorf("%d decisions, want one for each of the 13 applicants", len(p.Proposal.Chosen)+len(p.Proposal.PassedOver))
	}
	if p.Proposal.Shortfall == nil {
		t.Error("no exhibitor applies with a product Kaltim needs: the shortfall must be stated")
	}
	if _, err := mission.Propose(ctx, db, s.Office.ID+1, s.Mission2019.ID); dagang.ErrorCode(err) != dagang.ENOTFOUND {
		t.Errorf("another office's event: err = %v, want not found", err)
	}
}

// TestDemoEventsRotate checks that the demo's three past events respect
// the rotation policy: nobody went in two different years.
func TestDemoEventsRotate(t *testing.T) {
	db, s := loadDemo(t)
	r, err := mission.ComputeReach(context.Background(), db, s.Office.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []mission.ReachYear{{2016, 1, 9, 9, 9, 0, 0}, {2017, 1, 9, 9, 18, 0, 0}, {2018, 1, 9, 9, 27, 0, 0}, {2019, 1, 0, 0, 27, 0, 0}}
	if diff := cmp.Diff(want, r.Years); diff != "" {
		t.Errorf("reach by year (-want +got):\n%s", diff)
	}
	if r.Repeaters != 0 || r.Total != 27 || r.Registered != 37 || r.Regencies != 13 || r.HomeRegencies != 13 {
		t.Errorf("reach = %+v", r)
	}
	// Every delegation of the rotation is new.
	var got [][3]int
	for _, d := range r.Delegations {
		got = append(got, [3]int{d.Year, d.Members, d.FirstTimers})
	}
	if diff := cmp.Diff([][3]int{{2016, 9, 9}, {2017, 9, 9}, {2018, 9, 9}}, got); diff != "" {
		t.Errorf("delegations (year, members, first-timers) (-want +got):\n%s", diff)
	}
}

// TestReachOpenCall: a business that registered itself through the 2019
// mission's open call and was approved counts as entered through an open
// call in 2019; once chosen, as chosen, and the 2019 delegation's
// first-timers include it.
func TestReachOpenCall(t *testing.T) {
	db, s := loadDemo(t)
	ctx := context.Background()
	e := s.Mission2019
	call, err := mission.OpenCall(ctx, db, e)
	if err != nil {
		t.Fatal(err)
	}
	r := &dagang.Registration{Role: dagang.RoleMatching, Name: "UD Telur Baru", RegencyCode: "63.05", Size: dagang.SizeMicro,
		Products: []dagang.Product{{CommodityID: s.Commodities["telur"].ID, MonthlyCapacity: 2, Unit: "ton"}},
		Contact:  dagang.Contact{Person: "Ibu Ani", Email: "ani@telur.example", WhatsApp: "081200000001"}}
	if err := mission.Register(ctx, db, call, r, demo.StoryDay, func(int64) (string, time.Time) { return "/x", time.Now() }); err != nil {
		t.Fatal(err)
	}
	if _, err := db.VerifyRegistration(ctx, r.ID, dagang.VerifiedByPhone); err != nil {
		t.Fatal(err)
	}
	r, err = db.DecideRegistration(ctx, dagang.RegistrationDecision{ID: r.ID, Action: dagang.RegistrationApprove}, "not-a-password-hash")
	if err != nil {
		t.Fatal(err)
	}
	year := func() (mission.Reach, mission.ReachYear) {
		t.Helper()
		rc, err := mission.ComputeReach(ctx, db, s.Office.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, y := range rc.Years {
			if y.Year == 2019 {
				return rc, y
			}
		}
		t.Fatal("no 2019")
		return rc, mission.ReachYear{}
	}
	if rc, y := year(); y.OpenCall != 1 || y.OpenCallChosen != 0 || rc.OpenCall != 1 {
		t.Errorf("approved: %+v", y)
	}
	ps, _, err := db.FindParticipations(ctx, dagang.ParticipationFilter{EventID: e.ID, BusinessID: r.BusinessID})
	if err != nil || len(ps) != 1 {
		t.Fatalf("application: %v %d", err, len(ps))
	}
	ps[0].Status = dagang.ParticipationSelected
	if err := db.UpdateParticipation(ctx, ps[0], dagang.Change{Fields: []string{"status"}}); err != nil {
		t.Fatal(err)
	}
	rc, y := year()
	if y.OpenCall != 1 || y.OpenCallChosen != 1 || rc.OpenCallChosen != 1 {
		t.Errorf("chosen: %+v", y)
	}
	last := rc.Delegations[len(rc.Delegations)-1]
	if last.EventID != e.ID || last.Members != 1 || last.FirstTimers != 1 || last.Share != 1 {
		t.Errorf("2019 delegation: %+v", last)
	}
}

func TestOverrideShown(t *testing.T) {
	db, s := loadDemo(t)
	ctx := context.Background()
	o := &dagang.DelegationOverride{EventID: s.Mission2019.ID, BusinessID: s.Businesses["d5"].ID, Action: dagang.OverrideAdd,
		Reason: "pembeli hotel di Balikpapan meminta telur", By: "Rahmat"}
	if err := db.OverrideDelegation(ctx, o); err != nil {
		t.Fatal(err)
	}
	p, err := mission.Propose(ctx, db, s.Office.ID, s.Mission2019.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range p.Proposal.Chosen {
		if d.BusinessID == o.BusinessID {
			found = true
			if d.Override == nil || !strings.Contains(d.Reason, "Rahmat") || !strings.Contains(d.Reason, o.Reason) || d.Proposed == "" {
				t.Errorf("override not shown: %+v", d)
			}
		}
	}
	if !found || len(p.Proposal.Chosen) != 7 || len(p.Overrides) != 1 {
		t.Errorf("after the override: found %v, %d chosen, %d overrides", found, len(p.Proposal.Chosen), len(p.Overrides))
	}
}

func TestCheck(t *testing.T) {
	dest := delegation.Destination{Code: "64", Name: "Kaltim", Needs: []delegation.Need{{Commodity: "beras", Name: "beras", Weight: 1}}}
	slug := map[int64]string{1: "beras", 2: "kemiri"}
	tests := []struct {
		name string
		b    dagang.Business
		ok   bool
		want string
	}{
		{"eligible", dagang.Business{RegencyCode: "63.03", Size: dagang.SizeMicro, Products: []dagang.Product{{CommodityID: 1, MonthlyCapacity: 10}}}, true, ""},
		{"no products", dagang.Business{RegencyCode: "63.03", Size: dagang.SizeMicro}, false, "profil usaha belum lengkap"},
		{"irrelevant", dagang.Business{RegencyCode: "63.03", Size: dagang.SizeMicro, Products: []dagang.Product{{CommodityID: 2, MonthlyCapacity: 10}}}, false, "produknya (kemiri) tidak termasuk kebutuhan Kaltim (beras)"},
		{"no capacity", dagang.Business{RegencyCode: "63.03", Size: dagang.SizeMicro, Products: []dagang.Product{{CommodityID: 1}}}, false, "kapasitas produksi bulanan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, id, en := mission.Check(&tt.b, dest, slug)
			if ok != tt.ok || !strings.Contains(id, tt.want) || (!ok && en == "") {
				t.Errorf("Check = %v, %q, %q; want %v and %q", ok, id, en, tt.ok, tt.want)
			}
		})
	}
}

// newEggProducer stores an egg producer (a need of Kaltim) that has not
// applied to the 2019 mission.
func newEggProducer(t *testing.T, db *store.DB, s *demo.Story) *dagang.Business {
	t.Helper()
	b := &dagang.Business{OfficeID: s.Office.ID, Name: "UD Telur Baru", RegencyCode: "63.02", Size: dagang.SizeMicro,
		Products: []dagang.Product{{CommodityID: s.Commodities["telur"].ID, MonthlyCapacity: 20, Unit: "ton"}}}
	if err := db.CreateBusiness(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	return b
}

func TestApply(t *testing.T) {
	db, s := loadDemo(t)
	ctx := context.Background()
	oid, e := s.Office.ID, s.Mission2019.ID
	s.Businesses["fresh"] = newEggProducer(t, db, s)
	tests := []struct {
		name    string
		event   int64
		biz     string
		role    dagang.Role
		code    string
		message string
	}{
		{"closed event", s.Events[0].ID, "d1", dagang.RoleMatching, dagang.EINVALID, "tidak dibuka"},
		{"product Kaltim does not need", e, "a1", dagang.RoleMatching, dagang.EINVALID, "produknya (kemiri) tidak termasuk kebutuhan Kaltim"},
		{"buyer role", e, "a2", dagang.RoleBuyer, dagang.EINVALID, "peran"},
		{"applied already", e, "d1", dagang.RoleMatching, dagang.ECONFLICT, ""},
		{"eligible", e, "fresh", dagang.RoleMatching, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := mission.Apply(ctx, db, oid, tt.event, s.Businesses[tt.biz].ID, tt.role)
			if tt.code == "" {
				if err != nil || p.ID == 0 || p.Status != dagang.ParticipationApplied {
					t.Fatalf("Apply = %+v, %v", p, err)
				}
				return
			}
			if dagang.ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.message) {
				t.Errorf("Apply error = %v, want %s containing %q", err, tt.code, tt.message)
			}
		})
	}
}

// TestEligibility: the verdict a page shows before the application is the
// one Apply gives: every business judged ineligible is refused with the
// same reason, every eligible one is accepted.
func TestEligibility(t *testing.T) {
	db, s := loadDemo(t)
	ctx := context.Background()
	oid, e := s.Office.ID, s.Mission2019.ID
	fresh := newEggProducer(t, db, s)
	vs, err := mission.Eligibility(ctx, db, oid, e)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != len(s.Businesses)+1 || !vs[fresh.ID].OK {
		t.Errorf("%d verdicts for %d businesses; the new egg producer: %+v", len(vs), len(s.Businesses)+1, vs[fresh.ID])
	}
	if v := vs[s.Businesses["a1"].ID]; v.OK || !strings.Contains(v.Reason, "tidak termasuk kebutuhan Kaltim") || v.ReasonEN == "" {
		t.Errorf("a1 (candlenut) = %+v, want refused for Kaltim's needs", v)
	}
	applied := map[int64]bool{}
	ps, _, err := db.FindParticipations(ctx, dagang.ParticipationFilter{EventID: e, ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		applied[p.BusinessID] = true
	}
	seen := map[bool]bool{}
	for id, v := range vs {
		if applied[id] {
			continue
		}
		seen[v.OK] = true
		_, err := mission.Apply(ctx, db, oid, e, id, dagang.RoleMatching)
		if v.OK != (err == nil) || (!v.OK && !strings.Contains(err.Error(), v.Reason)) {
			t.Errorf("business %d: verdict %+v, Apply: %v", id, v, err)
		}
	}
	if !seen[true] || !seen[false] {
		t.Errorf("the demo tries only one side of the rule: %v", seen)
	}
	if _, err := mission.Eligibility(ctx, db, oid+1, e); dagang.ErrorCode(err) != dagang.ENOTFOUND {
		t.Errorf("another office's event: %v", err)
	}
}
