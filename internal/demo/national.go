package demo

import (
	"context"
	"fmt"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
	"github.com/dagang/dagang/internal/store"
)

// The national demo (issue 20 §6, `dagang demo --national`): the article's
// story told from both sides on one deployment. Beside Kalimantan
// Selatan's office (Load) stand the offices of Kalimantan Timur, the new
// partner the article targets for 2019, and Jawa Timur, the formal partner
// it names. Kalsel sells rice, chicken meat and eggs to Kaltim, Kaltim
// sells corn to Kalsel's feed mills, Jatim sells handicrafts
// (pernak-pernik) to Kalsel; each office records its own sales and the
// partner's office confirms them. Kalsel's agreements with Kaltim and
// Jatim are one record with each partner's office; the Kalsel–Kaltim
// agreement goes through talks to both offices' signatures. The article
// gives the commodities, the directions and the 2019 target with Kaltim;
// every business, buyer, value, date and signatory here is sample data
// (contoh).

// NationalStory is what LoadNational created.
type NationalStory struct {
	Kaltim, Jatim *dagang.Office
	Deals         []*dagang.Deal // the sales between the three offices, each recorded once
}

// OfficeCredential is a demo account of one office of the national demo.
type OfficeCredential struct {
	Province string // the office's home province
	Credential
}

// NationalUsers are the accounts of the national demo's other offices;
// their passwords are public like Users'.
var NationalUsers = []OfficeCredential{
	{"64", Credential{dagang.UserAdmin, "admin.kaltim@demo.dagang.test", "Admin Disdag Kaltim (demo)", "demo-admin-kaltim-2019"}},
	{"64", Credential{dagang.UserStaff, "staf.kaltim@demo.dagang.test", "Staf Kerja Sama Kaltim (demo)", "demo-staf-kaltim-2019"}},
	{"35", Credential{dagang.UserAdmin, "admin.jatim@demo.dagang.test", "Admin Disdag Jatim (demo)", "demo-admin-jatim-2019"}},
	{"35", Credential{dagang.UserStaff, "staf.jatim@demo.dagang.test", "Staf Kerja Sama Jatim (demo)", "demo-staf-jatim-2019"}},
}

// nationalSale is one sale of the national demo: recorded by the office
// of from, with a business there and a buyer in the other province.
type nationalSale struct {
	from, to  string // home provinces of the recording office and of the buyer
	business  string // a business of the recording office (contoh)
	regency   string
	buyer     string // a buyer in the other province (contoh)
	commodity string // slug
	valueIDR  int64
	date      string
}

var nationalSales = []nationalSale{
	{"63", "64", "CV Beras Banua (contoh)", "63.03", "PT Pangan Samarinda (contoh)", "beras", 3_200_000_000, "2019-04-16"},
	{"63", "64", "UD Ayam Potong Martapura (contoh)", "63.03", "CV Hotel dan Katering Balikpapan (contoh)", "daging-ayam", 1_450_000_000, "2019-04-16"},
	{"63", "64", "Peternak Telur Tanah Laut (contoh)", "63.01", "Koperasi Pasar Segiri Samarinda (contoh)", "telur", 860_000_000, "2019-04-17"},
	{"64", "63", "Kelompok Tani Jagung Kutai Kartanegara (contoh)", "64.02", "PT Pakan Ternak Banua (contoh)", "jagung", 2_700_000_000, "2019-05-08"},
	{"64", "63", "CV Jagung Samarinda (contoh)", "64.72", "Koperasi Peternak Ayam Banjarbaru (contoh)", "jagung", 940_000_000, "2019-05-09"},
	{"35", "63", "UD Kerajinan Surabaya (contoh)", "35.78", "Toko Oleh-oleh Banjarmasin (contoh)", "pernak-pernik", 620_000_000, "2019-06-20"},
}

// LoadNational adds the offices of Kalimantan Timur and Jawa Timur to the
// database Load wrote, with their accounts (NationalUsers): Kalsel's
// agreements with them become shared records, and the one with Kaltim is
// signed by both offices (kaltimAgreement); then the sales between the
// three offices.
func LoadNational(ctx context.Context, db *store.DB, s *Story) (*NationalStory, error) {
	n := &NationalStory{}
	offices := map[string]*dagang.Office{"63": s.Office}
	// Each office reviews the sales shared with it as one of its staff.
	staff := map[string]*dagang.User{}
	kalsel, _, err := db.FindUsers(ctx, dagang.UserFilter{OfficeID: s.Office.ID, Role: dagang.UserStaff})
	if err != nil {
		return nil, err
	}
	if len(kalsel) > 0 {
		staff["63"] = kalsel[0]
	}
	for _, prov := range []string{"64", "35"} {
		o, u, err := nationalOffice(ctx, db, prov)
		if err != nil {
			return nil, err
		}
		offices[prov], staff[prov] = o, u
	}
	n.Kaltim, n.Jatim = offices["64"], offices["35"]

	// The agreements are Kalsel's, shared with each partner's office as
	// it joined: Jatim's formal cooperation, and the one with Kaltim that
	// both offices take through talks to both signatures.
	if err := kaltimAgreement(ctx, db, s, staff); err != nil {
		return nil, err
	}

	for _, sale := range nationalSales {
		office := offices[sale.from]
		b := &dagang.Business{OfficeID: office.ID, Name: sale.business, RegencyCode: sale.regency, Size: dagang.SizeSmall, Sample: true}
		if err := db.CreateBusiness(ctx, b); err != nil {
			return nil, fmt.Errorf("national demo: business %s: %w", sale.business, err)
		}
		buyer := &dagang.Organisation{OfficeID: office.ID, Name: sale.buyer, ProvinceCode: sale.to, Kind: dagang.OrgBuyer, Sample: true}
		if err := db.CreateOrganisation(ctx, buyer); err != nil {
			return nil, fmt.Errorf("national demo: buyer %s: %w", sale.buyer, err)
		}
		d := &dagang.Deal{OfficeID: office.ID, Direction: dagang.DirectionSell, BusinessID: b.ID, CounterpartID: buyer.ID,
			CommodityID: s.Commodities[sale.commodity].ID, ValueIDR: sale.valueIDR, Stage: dagang.DealContract,
			DealDate: dagang.MustDate(sale.date), Note: "Data contoh demo nasional", Sample: true}
		if err := db.CreateDeal(ctx, d, true); err != nil {
			return nil, fmt.Errorf("national demo: sale of %s: %w", sale.business, err)
		}
		n.Deals = append(n.Deals, d)
	}
	// The partner offices answer: Kaltim confirms Kalsel's rice, chicken
	// and eggs; Kalsel confirms the first corn sale and leaves the second,
	// and Jatim's handicrafts, waiting for its staff to review.
	corn := firstCorn()
	for i, d := range n.Deals {
		if d.PartnerOfficeID == 0 || (nationalSales[i].from != "63" && i != corn) {
			continue
		}
		reviewer := staff[nationalSales[i].to]
		if reviewer == nil {
			return nil, fmt.Errorf("national demo: no staff account of %s to review deal %d", nationalSales[i].to, d.ID)
		}
		as := dagang.NewContextWithUser(ctx, reviewer)
		if _, err := db.ReviewPartnerDeal(as, d.ID, 0, dagang.PartnerReview{Decision: "confirm", Note: "Dikonfirmasi dengan pembeli (contoh)"}); err != nil {
			return nil, fmt.Errorf("national demo: review of deal %d: %w", d.ID, err)
		}
	}
	return n, nil
}

// kaltimAgreement tells the Kalsel–Kaltim agreement the article targets
// for 2019 from both offices: Kaltim's office opens the talks, Kalsel's
// office signs, and Kaltim's signature makes it signed by both. The steps
// after the article, their dates and the signatories are sample data
// (contoh).
func kaltimAgreement(ctx context.Context, db *store.DB, s *Story, staff map[string]*dagang.User) error {
	as, _, err := db.FindAgreements(ctx, dagang.AgreementFilter{OfficeID: s.Office.ID, PartnerProvince: "64"})
	if err != nil {
		return err
	}
	if len(as) != 1 || !as[0].Shared() || staff["63"] == nil || staff["64"] == nil {
		return fmt.Errorf("national demo: Kalsel's agreement with Kaltim is not shared with Kaltim's office (%d found)", len(as))
	}
	a := as[0]
	kalsel, kaltim := dagang.NewContextWithUser(ctx, staff["63"]), dagang.NewContextWithUser(ctx, staff["64"])
	a, err = db.MoveAgreement(kaltim, a.ID, a.Version, dagang.AgreementExploring, dagang.MustDate("2019-02-11"), "Penjajakan dengan Disdag Kalsel dimulai (contoh)")
	if err == nil {
		a, err = db.SignAgreement(kalsel, a.ID, a.Version, dagang.AgreementSigning{Signatory: "Kepala Dinas Perdagangan Provinsi Kalimantan Selatan (contoh)", SignedOn: dagang.MustDate("2019-03-25")})
	}
	if err == nil {
		a, err = db.SignAgreement(kaltim, a.ID, a.Version, dagang.AgreementSigning{Signatory: "Kepala Dinas Perdagangan Provinsi Kalimantan Timur (contoh)", SignedOn: dagang.MustDate("2019-03-28")})
	}
	if err == nil && !a.SignedByBoth() {
		err = fmt.Errorf("stage %s after both signatures", a.Stage)
	}
	if err != nil {
		return fmt.Errorf("national demo: the Kalsel–Kaltim agreement: %w", err)
	}
	return nil
}

// firstCorn is the index in nationalSales of Kaltim's first corn sale.
func firstCorn() int {
	for i, s := range nationalSales {
		if s.commodity == "jagung" {
			return i
		}
	}
	return -1
}

// nationalOffice creates the office of a home province with its demo
// accounts, and returns it with its staff account.
func nationalOffice(ctx context.Context, db *store.DB, prov string) (*dagang.Office, *dagang.User, error) {
	p, err := db.FindProvinceByCode(ctx, prov)
	if err != nil {
		return nil, nil, err
	}
	o := &dagang.Office{Name: "Dinas Perdagangan Provinsi " + p.Name, HomeProvince: prov}
	var admin *dagang.User
	var adminHash string
	var staff []*dagang.User
	var staffHash []string
	for _, c := range NationalUsers {
		if c.Province != prov {
			continue
		}
		hash, err := auth.HashPassword(c.Password, auth.DefaultParams)
		if err != nil {
			return nil, nil, err
		}
		u := &dagang.User{Email: c.Email, Name: c.Name, Role: c.Role, Lang: "id"}
		if c.Role == dagang.UserAdmin && admin == nil {
			admin, adminHash = u, hash
			continue
		}
		staff, staffHash = append(staff, u), append(staffHash, hash)
	}
	if err := db.CreateOfficeWithAdmin(ctx, o, admin, adminHash); err != nil {
		return nil, nil, fmt.Errorf("national demo: office %s: %w", prov, err)
	}
	for i, u := range staff {
		u.OfficeID = o.ID
		if err := db.CreateUser(ctx, u, staffHash[i]); err != nil {
			return nil, nil, fmt.Errorf("national demo: account %s: %w", u.Email, err)
		}
	}
	if len(staff) == 0 {
		return o, admin, nil
	}
	return o, staff[0], nil
}
