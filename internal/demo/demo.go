// Package demo loads the story of the seed article (Bisnis.com,
// Banjarmasin, 2 January 2019) into a fresh database: South Kalimantan's
// trade office, its formal partners East Java and DI Yogyakarta, its 2019
// targets East Kalimantan and South Sulawesi, three business-meeting and
// trade-mission events worth Rp119 miliar in total, and the businesses it
// brought, six for matching and three exhibitors each time, different ones
// every year.
//
// Everything the article states is recorded as fact; every value it does
// not give (the split of the total over the events, dates, names, volumes)
// is sample data and carries Sample = true, shown as "contoh".
package demo

import (
	"context"
	"fmt"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/store"
)

// Source is the citation of the seed article.
const Source = "Bisnis.com, Banjarmasin, 2 Januari 2019: \"Disdag Kalsel Targetkan Kerja Sama Dagang dengan Kaltim dan Sulsel\""

// Story is what Load created, for callers that want to point at it.
type Story struct {
	Office      *dagang.Office
	Commodities map[string]*dagang.Commodity
	Events      []*dagang.Event // the three past events, oldest first
	Mission2019 *dagang.Event   // the planned 2019 mission to Kaltim, open for applications
	// Registrations wait in the staff's queue: businesses that registered
	// themselves for the 2019 mission's open call (sample data).
	Registrations []*dagang.Registration
	Businesses    map[string]*dagang.Business
	Orgs          map[string]*dagang.Organisation
}

// Load writes the story into db, which must hold no office yet.
func Load(ctx context.Context, db *store.DB) (*Story, error) {
	offices, err := db.FindOffices(ctx)
	if err != nil {
		return nil, err
	}
	if len(offices) > 0 {
		return nil, dagang.Errorf(dagang.ECONFLICT, "basis data sudah berisi data; demo memerlukan basis data kosong", "the database already holds data; the demo needs an empty one")
	}
	l := &loader{ctx: ctx, db: db, s: &Story{Businesses: map[string]*dagang.Business{}, Orgs: map[string]*dagang.Organisation{}}}
	steps := []func() error{l.reference, l.office, l.agreements, l.declarations, l.businesses, l.organisations, l.listings, l.events, l.mission2019, l.openCall, l.missionAgenda}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
	}
	return l.s, nil
}

type loader struct {
	ctx context.Context
	db  *store.DB
	s   *Story
}

func (l *loader) reference() error {
	cs, err := LoadReference(l.ctx, l.db)
	l.s.Commodities = cs
	return err
}

func (l *loader) office() error {
	o := &dagang.Office{Name: "Dinas Perdagangan Provinsi Kalimantan Selatan", HomeProvince: "63"}
	l.s.Office = o
	return l.db.CreateOffice(l.ctx, o)
}

func (l *loader) agreements() error {
	oid := l.s.Office.ID
	as := []*dagang.Agreement{
		{PartnerProvince: "35", Title: "Kerja sama perdagangan antardaerah Kalimantan Selatan – Jawa Timur", Stage: dagang.AgreementActive,
			Reason:   "Kerja sama formal yang sudah berjalan (" + Source + "). Jatim menjual produk jadi seperti pernak-pernik ke Kalsel; Kalsel menjual produk setengah jadi. Tanggal dan nomor dokumen: data contoh.",
			SignedOn: dagang.MustDate("2016-03-15"), StartsOn: dagang.MustDate("2016-03-15"), EndsOn: dagang.MustDate("2021-03-14"),
			DocumentRef: "contoh: 120/KSD-KALSEL-JATIM/2016", ResponsibleStaff: "Bidang Perdagangan Dalam Negeri (contoh)", Sample: true},
		{PartnerProvince: "34", Title: "Kerja sama perdagangan antardaerah Kalimantan Selatan – DI Yogyakarta", Stage: dagang.AgreementActive,
			Reason:   "Kerja sama formal yang sudah berjalan (" + Source + "). DIY menjual produk jadi (kerajinan, pernak-pernik) ke Kalsel. Tanggal dan nomor dokumen: data contoh.",
			SignedOn: dagang.MustDate("2017-02-20"), StartsOn: dagang.MustDate("2017-02-20"), EndsOn: dagang.MustDate("2022-02-19"),
			DocumentRef: "contoh: 121/KSD-KALSEL-DIY/2017", ResponsibleStaff: "Bidang Perdagangan Dalam Negeri (contoh)", Sample: true},
		{PartnerProvince: "64", Title: "Rencana kerja sama perdagangan Kalimantan Selatan – Kalimantan Timur", Stage: dagang.AgreementPotential,
			Reason: "Target 2019. Perdagangan dua arah: Kalsel dapat menjual beras, daging ayam dan telur ke Kaltim; Kaltim berkelimpahan jagung yang dapat menjadi pakan ternak bagi peternak ayam di Kalsel (" + Source + ")."},
		{PartnerProvince: "73", Title: "Rencana kerja sama perdagangan Kalimantan Selatan – Sulawesi Selatan", Stage: dagang.AgreementPotential,
			Reason: "Target 2019. Potensial dua arah; masih dicari produk Kalsel yang diperlukan di Sulsel dan produk Sulsel yang dapat dijual di Kalsel, agar saling menguntungkan (" + Source + ")."},
	}
	for _, a := range as {
		a.OfficeID = oid
		if err := l.db.CreateAgreement(l.ctx, a); err != nil {
			return fmt.Errorf("agreement %s: %w", a.PartnerProvince, err)
		}
	}
	return l.db.CreateTarget(l.ctx, &dagang.Target{OfficeID: oid, Year: 2019, Kind: dagang.TargetNewPartners, Value: 2,
		Note: "Dua provinsi mitra baru pada 2019: Kalimantan Timur dan Sulawesi Selatan (" + Source + ")"})
}

// declarations records what the head of office said in the article.
func (l *loader) declarations() error {
	say := func(prov, slug string, kind dagang.DeclarationKind, statement string) error {
		return l.db.CreateDeclaration(l.ctx, &dagang.Declaration{
			OfficeID: l.s.Office.ID, ProvinceCode: prov, CommodityID: l.s.Commodities[slug].ID, Kind: kind, Statement: statement,
			DeclaredBy: "Bierhasani, Kepala Disdag Kalsel", DeclaredOn: dagang.MustDate("2019-01-02"), Source: Source,
		})
	}
	type decl struct {
		prov, slug string
		kind       dagang.DeclarationKind
		statement  string
	}
	ds := []decl{
		{"63", "beras", dagang.DeclaredSurplus, "Kalsel bisa menjual produk unggulan seperti beras ke Kaltim"},
		{"63", "daging-ayam", dagang.DeclaredSurplus, "Kalsel bisa menjual daging ayam ke Kaltim"},
		{"63", "telur", dagang.DeclaredSurplus, "Kalsel bisa menjual telur ke Kaltim"},
		{"64", "beras", dagang.DeclaredNeed, "Kaltim pasar bagi beras dari Kalsel"},
		{"64", "daging-ayam", dagang.DeclaredNeed, "Kaltim pasar bagi daging ayam dari Kalsel"},
		{"64", "telur", dagang.DeclaredNeed, "Kaltim pasar bagi telur dari Kalsel"},
		{"64", "jagung", dagang.DeclaredSurplus, "Di Kaltim berkelimpahan jagung yang bisa menjadi pakan ternak bagi peternak ayam di Banua"},
		{"63", "jagung", dagang.DeclaredNeed, "Peternak ayam di Kalsel memerlukan jagung sebagai pakan ternak"},
		{"63", "kemiri", dagang.DeclaredSurplus, "Kalsel kebanyakan menjual produk setengah jadi, antara lain kemiri"},
		{"63", "kayu-manis", dagang.DeclaredSurplus, "Kalsel menjual produk setengah jadi, antara lain kayu manis"},
		{"63", "rumput-laut", dagang.DeclaredSurplus, "Kalsel menjual produk setengah jadi, antara lain rumput laut"},
		{"63", "arang-halaban", dagang.DeclaredSurplus, "Kalsel menjual produk setengah jadi, antara lain arang halaban"},
		{"35", "pernak-pernik", dagang.DeclaredSurplus, "Jatim banyak menjual produk jadi ke Kalsel, salah satunya pernak-pernik"},
		{"34", "pernak-pernik", dagang.DeclaredSurplus, "Yogyakarta banyak menjual produk jadi ke Kalsel, salah satunya pernak-pernik"},
		{"63", "pernak-pernik", dagang.DeclaredNeed, "Kalsel membeli produk jadi seperti pernak-pernik dari Jatim dan Yogyakarta"},
	}
	for _, d := range ds {
		if err := say(d.prov, d.slug, d.kind, d.statement); err != nil {
			return fmt.Errorf("declaration %s/%s: %w", d.prov, d.slug, err)
		}
	}
	// The article leaves open what Kalsel and Sulsel can trade, and what
	// Jatim and DIY buy from Kalsel: these findings of the staff are
	// sample data (contoh), so that the analysis has something to show.
	for _, d := range []decl{
		{"73", "jagung", dagang.DeclaredSurplus, "Sulsel memiliki surplus jagung pipilan untuk pakan ternak (contoh)"},
		{"73", "arang-halaban", dagang.DeclaredNeed, "Industri di Sulsel mencari arang halaban (contoh)"},
		{"35", "kemiri", dagang.DeclaredNeed, "Pembeli di Jatim memerlukan kemiri (contoh)"},
		{"34", "kayu-manis", dagang.DeclaredNeed, "Pembeli di DIY memerlukan kayu manis (contoh)"},
	} {
		err := l.db.CreateDeclaration(l.ctx, &dagang.Declaration{
			OfficeID: l.s.Office.ID, ProvinceCode: d.prov, CommodityID: l.s.Commodities[d.slug].ID, Kind: d.kind, Statement: d.statement,
			DeclaredBy: "Staf kerja sama Disdag Kalsel (contoh)", DeclaredOn: dagang.MustDate("2019-03-01"), Source: "data contoh",
		})
		if err != nil {
			return fmt.Errorf("declaration %s/%s: %w", d.prov, d.slug, err)
		}
	}
	return nil
}
