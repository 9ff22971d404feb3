package dagang_test

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/google/go-cmp/cmp"
)

// fieldsOf returns the sorted field names of a validation error.
func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *dagang.Error
	if !errors.As(err, &e) || e.Code != dagang.EINVALID {
		t.Fatalf("got %v (%T), want an EINVALID *dagang.Error", err, err)
	}
	var fs []string
	for _, f := range e.Fields {
		if f.Message == "" || f.MessageEN == "" {
			t.Errorf("field %s lacks a message: %+v", f.Field, f)
		}
		fs = append(fs, f.Field)
	}
	sort.Strings(fs)
	return fs
}

func TestValidate(t *testing.T) {
	day := dagang.MustDate("2019-01-02")
	deal := func(mod func(*dagang.Deal)) *dagang.Deal {
		d := &dagang.Deal{OfficeID: 1, Direction: dagang.DirectionSell, BusinessID: 2, CounterpartID: 3, CommodityID: 4,
			ValueIDR: 119_000_000_000, Stage: dagang.DealContract, DealDate: day, Confirmation: dagang.ConfirmationPending}
		if mod != nil {
			mod(d)
		}
		return d
	}
	tests := []struct {
		name string
		v    interface{ Validate() error }
		want []string
	}{
		{"valid deal", deal(nil), nil},
		{"deal without counterpart", deal(func(d *dagang.Deal) { d.CounterpartID = 0 }), []string{"counterpart_id"}},
		{"negative deal", deal(func(d *dagang.Deal) { d.ValueIDR = -5 }), []string{"value_idr"}},
		{"deal over the limit", deal(func(d *dagang.Deal) { d.ValueIDR = dagang.MaxDealValue + 1 }), []string{"value_idr"}},
		{"deal with volume but no unit", deal(func(d *dagang.Deal) { d.Volume = 3 }), []string{"unit"}},
		{"sale without business", deal(func(d *dagang.Deal) { d.BusinessID = 0 }), []string{"business_id"}},
		{"investment needs no business or commodity", deal(func(d *dagang.Deal) { d.Direction = dagang.DirectionInvest; d.BusinessID = 0; d.CommodityID = 0 }), nil},
		{"deal date out of range", deal(func(d *dagang.Deal) { d.DealDate = dagang.MustDate("1900-01-01") }), []string{"deal_date"}},
		{"delivery backwards", deal(func(d *dagang.Deal) {
			d.DeliveryFrom = dagang.MustDate("2019-05-01")
			d.DeliveryTo = dagang.MustDate("2019-04-01")
		}), []string{"delivery_to"}},
		{"unknown direction and stage", deal(func(d *dagang.Deal) { d.Direction = "gift"; d.Stage = "maybe" }), []string{"direction", "stage"}},
		{"valid commodity", &dagang.Commodity{Slug: "beras", Name: "Beras", HSCode: "100630", Stage: dagang.StageSemi, Unit: "ton"}, nil},
		{"malformed HS codes", &dagang.Commodity{Slug: "Beras!", Name: "", HSCode: "1006.3", Stage: "half", Unit: ""}, []string{"hs_code", "name", "slug", "stage", "unit"}},
		{"HS chapter 00", &dagang.Commodity{Slug: "x", Name: "X", HSCode: "000000", Stage: dagang.StageRaw, Unit: "ton"}, []string{"hs_code"}},
		{"valid business", &dagang.Business{OfficeID: 1, Name: "UD Banua", RegencyCode: "63.03", Size: dagang.SizeMicro, NIB: "1234567890123",
			Contact: dagang.Contact{Phone: "+62 811-500-100", Email: "ud@example.id"}, Products: []dagang.Product{{CommodityID: 1, MonthlyCapacity: 3, Unit: "ton"}}}, nil},
		{"business with bad fields", &dagang.Business{OfficeID: 1, Name: " ", RegencyCode: "6303", Size: "raksasa", NIB: "12",
			Contact: dagang.Contact{Phone: "telepon", Email: "bukan email"}, Products: []dagang.Product{{CommodityID: 0, MonthlyCapacity: -1}}},
			[]string{"email", "name", "nib", "phone", "products[0].commodity_id", "products[0].monthly_capacity", "products[0].unit", "regency_code", "size_class"}},
		{"organisation with unknown-form province", &dagang.Organisation{OfficeID: 1, Name: "PT X", ProvinceCode: "640", Kind: dagang.OrgBuyer}, []string{"province_code"}},
		{"signed agreement without date", &dagang.Agreement{OfficeID: 1, PartnerProvince: "64", Title: "Kalsel–Kaltim", Stage: dagang.AgreementSigned}, []string{"signed_on"}},
		{"agreement ending before it starts", &dagang.Agreement{OfficeID: 1, PartnerProvince: "64", Title: "x", Stage: dagang.AgreementPotential,
			StartsOn: dagang.MustDate("2019-02-01"), EndsOn: dagang.MustDate("2019-01-01")}, []string{"ends_on"}},
		{"valid event", &dagang.Event{OfficeID: 1, Kind: dagang.EventTradeMission, Name: "Misi Dagang", HostProvince: "64", StartsOn: day,
			Status: dagang.EventPlanned, QuotaMatching: 6, QuotaExhibitor: 3, DayStart: "09:00"}, nil},
		{"event with bad grid", &dagang.Event{OfficeID: 1, Kind: dagang.EventFair, Name: "Pameran", HostProvince: "64", StartsOn: day,
			Status: dagang.EventPlanned, QuotaMatching: -1, Slots: 5, LunchAfter: 9, DayStart: "9 pagi"}, []string{"day_start", "lunch_after", "quota_matching"}},
		{"buyer that is a business", &dagang.Participation{EventID: 1, Role: dagang.RoleBuyer, BusinessID: 3, Status: dagang.ParticipationApplied}, []string{"organisation_id"}},
		{"meeting with itself", &dagang.MeetingRequest{EventID: 1, FromID: 4, ToID: 4, Priority: 6, Status: dagang.RequestPending}, []string{"priority", "to_participation_id"}},
		{"target of zero", &dagang.Target{OfficeID: 1, Year: 2019, Kind: dagang.TargetNewPartners, Value: 0}, []string{"value"}},
		{"business user without business", &dagang.User{OfficeID: 1, Email: "a@b.id", Name: "A", Role: dagang.UserBusiness}, []string{"business_id"}},
		{"statistic without source", &dagang.Statistic{ProvinceCode: "63", Commodity: "rice", Measure: "m", Year: 2024, Value: 1, Unit: "ton", Status: "final"}, []string{"publisher"}},
		{"declaration without who", &dagang.Declaration{OfficeID: 1, ProvinceCode: "64", CommodityID: 1, Kind: dagang.DeclaredSurplus, DeclaredOn: day}, []string{"declared_by"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, fieldsOf(t, tt.v.Validate())); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDateJSON(t *testing.T) {
	var v struct{ D dagang.Date }
	if err := json.Unmarshal([]byte(`{"D":"2019-01-02"}`), &v); err != nil || v.D != dagang.MustDate("2019-01-02") {
		t.Fatalf("got %v, %v", v.D, err)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"D":"2019-01-02"}` {
		t.Errorf("marshal = %s", b)
	}
	for _, bad := range []string{`{"D":"2019-02-30"}`, `{"D":"2 Januari 2019"}`, `{"D":20190102}`} {
		if err := json.Unmarshal([]byte(bad), &v); dagang.ErrorCode(err) != dagang.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", bad, err)
		}
	}
	if got := dagang.MustDate("2019-01-31").AddMonths(1).String(); got != "2019-03-03" {
		t.Errorf("AddMonths = %s", got)
	}
}

func TestErrorMessages(t *testing.T) {
	err := dagang.Errorf(dagang.ENOTFOUND, "kegiatan %d tidak ditemukan", "event %d not found", 7)
	if got := dagang.ErrorMessage(err, "id"); got != "kegiatan 7 tidak ditemukan" {
		t.Errorf("id message = %q", got)
	}
	if got := dagang.ErrorMessage(err, "en"); got != "event 7 not found" {
		t.Errorf("en message = %q", got)
	}
	internal := errors.New("pq: relation \"deals\" does not exist")
	if dagang.ErrorCode(internal) != dagang.EINTERNAL || strings.Contains(dagang.ErrorMessage(internal, "id"), "relation") {
		t.Error("internal errors must not leak their text")
	}
	if dagang.ErrorCode(nil) != "" {
		t.Error("nil has no code")
	}
}
