package demo

import (
	"fmt"

	"github.com/dagang/dagang"
)

// All names, regencies, capacities, dates, values and volumes below are
// sample data (contoh): the article gives only the totals and the kinds of
// goods.

type bizSeed struct {
	key, name, regency string
	size               dagang.SizeClass
	product            string // commodity slug
	capacity           float64
	unit               string
}

// businesses: three groups of nine went to the 2016, 2017 and 2018 events
// (six matching, three exhibitors); the last group is the pool that applies
// for the 2019 mission to Kaltim.
var businesses = []bizSeed{
	// 2016
	{"a1", "CV Kemiri Banua", "63.03", dagang.SizeSmall, "kemiri", 40, "ton"},
	{"a2", "UD Kayu Manis Loksado", "63.06", dagang.SizeMicro, "kayu-manis", 12, "ton"},
	{"a3", "CV Rumput Laut Tanah Bumbu", "63.10", dagang.SizeSmall, "rumput-laut", 60, "ton"},
	{"a4", "UD Arang Halaban Tapin", "63.05", dagang.SizeMicro, "arang-halaban", 25, "ton"},
	{"a5", "CV Kemiri Hulu Sungai", "63.07", dagang.SizeSmall, "kemiri", 30, "ton"},
	{"a6", "UD Rempah Balangan", "63.11", dagang.SizeMicro, "kayu-manis", 8, "ton"},
	{"a7", "Kerajinan Purun Banjarbaru", "63.72", dagang.SizeMicro, "kerajinan-anyaman", 2000, "buah"},
	{"a8", "UD Anyaman Amuntai", "63.08", dagang.SizeMicro, "kerajinan-anyaman", 1500, "buah"},
	{"a9", "CV Kemiri Kotabaru", "63.02", dagang.SizeSmall, "kemiri", 20, "ton"},
	// 2017
	{"b1", "CV Cassia Meratus", "63.07", dagang.SizeSmall, "kayu-manis", 15, "ton"},
	{"b2", "UD Rumput Laut Kotabaru", "63.02", dagang.SizeSmall, "rumput-laut", 50, "ton"},
	{"b3", "CV Arang Barito", "63.04", dagang.SizeSmall, "arang-halaban", 30, "ton"},
	{"b4", "UD Kemiri Tabalong", "63.09", dagang.SizeMicro, "kemiri", 15, "ton"},
	{"b5", "CV Halaban Rantau", "63.05", dagang.SizeMicro, "arang-halaban", 18, "ton"},
	{"b6", "UD Rempah Kandangan", "63.06", dagang.SizeMicro, "kayu-manis", 10, "ton"},
	{"b7", "Anyaman Purun Nagara", "63.06", dagang.SizeMicro, "kerajinan-anyaman", 1200, "buah"},
	{"b8", "UD Kemiri Pelaihari", "63.01", dagang.SizeMicro, "kemiri", 12, "ton"},
	{"b9", "CV Rumput Laut Pagatan", "63.10", dagang.SizeSmall, "rumput-laut", 40, "ton"},
	// 2018
	{"c1", "CV Rumput Laut Sebuku", "63.02", dagang.SizeSmall, "rumput-laut", 70, "ton"},
	{"c2", "UD Kemiri Martapura", "63.03", dagang.SizeSmall, "kemiri", 35, "ton"},
	{"c3", "CV Arang Halaban Banua", "63.11", dagang.SizeSmall, "arang-halaban", 28, "ton"},
	{"c4", "UD Kayu Manis Barabai", "63.07", dagang.SizeMicro, "kayu-manis", 14, "ton"},
	{"c5", "CV Kemiri Batulicin", "63.10", dagang.SizeSmall, "kemiri", 22, "ton"},
	{"c6", "UD Beras Unus Batola", "63.04", dagang.SizeSmall, "beras", 300, "ton"},
	{"c7", "Kerajinan Purun Banjarmasin", "63.71", dagang.SizeMicro, "kerajinan-anyaman", 1800, "buah"},
	{"c8", "UD Anyaman Tanjung", "63.09", dagang.SizeMicro, "kerajinan-anyaman", 900, "buah"},
	{"c9", "CV Telur Ayam Banjarbaru", "63.72", dagang.SizeSmall, "telur", 90, "ton"},
	// 2019 pool (applicants for the Kaltim mission)
	{"d1", "CV Beras Kandangan Lestari", "63.06", dagang.SizeSmall, "beras", 400, "ton"},
	{"d2", "UD Beras Siam Tapin", "63.05", dagang.SizeMicro, "beras", 150, "ton"},
	{"d3", "CV Ayam Potong Martapura", "63.03", dagang.SizeSmall, "daging-ayam", 80, "ton"},
	{"d4", "UD Broiler Pelaihari", "63.01", dagang.SizeSmall, "daging-ayam", 60, "ton"},
	{"d5", "CV Telur Ras Landasan Ulin", "63.72", dagang.SizeSmall, "telur", 120, "ton"},
	{"d6", "UD Telur Tanah Laut", "63.01", dagang.SizeMicro, "telur", 45, "ton"},
	{"d7", "CV Ayam Banua Balangan", "63.11", dagang.SizeMicro, "daging-ayam", 30, "ton"},
	{"d8", "UD Beras Amuntai", "63.08", dagang.SizeMicro, "beras", 120, "ton"},
	{"d9", "Kerajinan Sasirangan Purun Banjar", "63.03", dagang.SizeMicro, "kerajinan-anyaman", 1000, "buah"},
	{"d10", "UD Kemiri Batola", "63.04", dagang.SizeMicro, "kemiri", 10, "ton"},
}

func (l *loader) businesses() error {
	for _, b := range businesses {
		biz := &dagang.Business{
			OfficeID: l.s.Office.ID, Name: b.name, RegencyCode: b.regency, Size: b.size, Sample: true,
			Products: []dagang.Product{{CommodityID: l.s.Commodities[b.product].ID, MonthlyCapacity: b.capacity, Unit: b.unit,
				Description: l.s.Commodities[b.product].Name + " (contoh)"}},
		}
		if err := l.db.CreateBusiness(l.ctx, biz); err != nil {
			return fmt.Errorf("business %s: %w", b.name, err)
		}
		l.s.Businesses[b.key] = biz
	}
	return nil
}

var organisations = []struct {
	key, name, province string
	kind                dagang.OrgKind
}{
	{"jatim1", "PT Rempah Nusantara Surabaya", "35", dagang.OrgBuyer},
	{"jatim2", "CV Mitra Agro Sidoarjo", "35", dagang.OrgBuyer},
	{"jatim3", "PT Kerajinan Jawa Timur", "35", dagang.OrgBuyer},
	{"diy1", "CV Bumbu Mataram", "34", dagang.OrgBuyer},
	{"diy2", "PT Kriya Yogyakarta", "34", dagang.OrgBuyer},
	{"diy3", "UD Arang Jogja", "34", dagang.OrgBuyer},
	{"kaltim1", "PT Pangan Mahakam Samarinda", "64", dagang.OrgBuyer},
	{"kaltim2", "CV Jagung Kutai", "64", dagang.OrgBuyer},
	{"kaltim3", "PT Hotel & Katering Balikpapan", "64", dagang.OrgBuyer},
	{"kaltim-disdag", "Dinas Perindustrian dan Perdagangan Kaltim", "64", dagang.OrgGovernment},
	{"sulsel1", "PT Niaga Makassar", "73", dagang.OrgBuyer},
}

func (l *loader) organisations() error {
	for _, o := range organisations {
		org := &dagang.Organisation{OfficeID: l.s.Office.ID, Name: o.name, ProvinceCode: o.province, Kind: o.kind, Sample: true}
		if err := l.db.CreateOrganisation(l.ctx, org); err != nil {
			return fmt.Errorf("organisation %s: %w", o.name, err)
		}
		l.s.Orgs[o.key] = org
	}
	return nil
}

// listings: the flows the article names, as offers and needs.
func (l *loader) listings() error {
	type seed struct {
		kind      dagang.ListingKind
		biz, org  string
		commodity string
		volume    float64
		desc      string
	}
	seeds := []seed{
		{dagang.ListingNeed, "", "kaltim1", "beras", 500, "Kebutuhan beras medium untuk distribusi di Samarinda (contoh)"},
		{dagang.ListingNeed, "", "kaltim3", "daging-ayam", 40, "Kebutuhan daging ayam untuk katering di Balikpapan (contoh)"},
		{dagang.ListingNeed, "", "kaltim3", "telur", 30, "Kebutuhan telur ayam ras untuk hotel dan katering (contoh)"},
		{dagang.ListingOffer, "", "kaltim2", "jagung", 1000, "Jagung pipilan kering untuk pakan ternak (contoh)"},
		{dagang.ListingNeed, "d3", "", "jagung", 200, "Jagung pakan untuk peternakan ayam pedaging (contoh)"},
		{dagang.ListingNeed, "d5", "", "jagung", 250, "Jagung pakan untuk ayam petelur (contoh)"},
		{dagang.ListingOffer, "d1", "", "beras", 400, "Beras lokal Banua (contoh)"},
		{dagang.ListingOffer, "d3", "", "daging-ayam", 80, "Karkas ayam segar (contoh)"},
		{dagang.ListingOffer, "d5", "", "telur", 120, "Telur ayam ras (contoh)"},
		{dagang.ListingOffer, "", "jatim3", "pernak-pernik", 5000, "Pernak-pernik dan aksesori (contoh)"},
		{dagang.ListingOffer, "", "diy2", "kerajinan-kayu", 3000, "Kerajinan kayu dan suvenir (contoh)"},
	}
	for _, s := range seeds {
		li := &dagang.Listing{OfficeID: l.s.Office.ID, Kind: s.kind, CommodityID: l.s.Commodities[s.commodity].ID,
			Volume: s.volume, Unit: l.s.Commodities[s.commodity].Unit, Description: s.desc, Sample: true}
		if s.biz != "" {
			li.BusinessID = l.s.Businesses[s.biz].ID
		} else {
			li.OrganisationID = l.s.Orgs[s.org].ID
		}
		if err := l.db.CreateListing(l.ctx, li); err != nil {
			return fmt.Errorf("listing %s: %w", s.desc, err)
		}
	}
	return nil
}
