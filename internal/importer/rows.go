package importer

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

var dealCols = []Column{
	{Name: "tanggal", Required: true, Help: "tanggal transaksi: TTTT-BB-HH atau HH/BB/TTTT", Example: "2019-07-10", field: "deal_date"},
	{Name: "arah", Required: true, Help: "penjualan, pembelian atau investasi", Example: "penjualan", field: "direction"},
	{Name: "kegiatan", Help: "ID atau nama kegiatan (kosong bila di luar kegiatan)", Example: "", field: "event_id"},
	{Name: "pelaku_usaha", Help: "ID atau nama pelaku usaha daerah (wajib untuk penjualan dan pembelian)", Example: "CV Kemiri Banua", field: "business_id"},
	{Name: "mitra", Required: true, Help: "ID atau nama organisasi mitra", Example: "", field: "counterpart_id"},
	{Name: "komoditas", Help: "kode (slug), nama atau ID komoditas", Example: "kemiri", field: "commodity_id"},
	{Name: "volume", Help: "angka, mis. 12,5", Example: "20", field: "volume"},
	{Name: "satuan", Help: "satuan volume; kosong: satuan komoditas", Example: "ton", field: "unit"},
	{Name: "nilai", Required: true, Help: "nilai dalam rupiah: 1500000000, Rp1,5 miliar atau 1,5 miliar", Example: "Rp1,5 miliar", field: "value_idr"},
	{Name: "tahap", Required: true, Help: "indikasi, loi, kontrak atau terealisasi", Example: "kontrak", field: "stage"},
	{Name: "konfirmasi", Help: "menunggu (bawaan), dikonfirmasi atau ditolak", Example: "menunggu", field: "confirmation"},
	{Name: "pengiriman_dari", Help: "awal pengiriman (tanggal)", Example: "2019-08-01", field: "delivery_from"},
	{Name: "pengiriman_sampai", Help: "akhir pengiriman (tanggal)", Example: "2020-07-31", field: "delivery_to"},
	{Name: "catatan", Help: "catatan bebas", Example: "", field: "note"},
}

var businessCols = []Column{
	{Name: "nama", Required: true, Help: "nama usaha", Example: "CV Contoh Banua", field: "name"},
	{Name: "kabupaten", Required: true, Help: "kode (63.03) atau nama kabupaten/kota", Example: "63.03", field: "regency_code"},
	{Name: "nib", Help: "Nomor Induk Berusaha, 13 digit", Example: "", field: "nib"},
	{Name: "skala", Required: true, Help: "mikro, kecil, menengah atau besar", Example: "kecil", field: "size_class"},
	{Name: "kontak", Help: "nama orang yang dihubungi (data pribadi)", Example: "", field: "contact_name"},
	{Name: "telepon", Help: "nomor telepon (data pribadi)", Example: "", field: "phone"},
	{Name: "email", Help: "alamat email (data pribadi)", Example: "", field: "email"},
	{Name: "komoditas", Help: "kode (slug), nama atau ID komoditas yang diproduksi", Example: "kemiri", field: "products[0].commodity_id"},
	{Name: "kapasitas_bulanan", Help: "kapasitas produksi per bulan", Example: "10", field: "products[0].monthly_capacity"},
	{Name: "satuan", Help: "satuan kapasitas; kosong: satuan komoditas", Example: "ton", field: "products[0].unit"},
}

var orgCols = []Column{
	{Name: "nama", Required: true, Help: "nama organisasi mitra (pembeli, asosiasi, dinas)", Example: "PT Contoh Surabaya", field: "name"},
	{Name: "provinsi", Required: true, Help: "kode (35) atau nama provinsi", Example: "35", field: "province_code"},
	{Name: "jenis", Help: "buyer (bawaan), association atau government", Example: "buyer", field: "kind"},
	{Name: "kontak", Help: "nama orang yang dihubungi (data pribadi)", Example: "", field: "contact_name"},
	{Name: "telepon", Help: "nomor telepon (data pribadi)", Example: "", field: "phone"},
	{Name: "email", Help: "alamat email (data pribadi)", Example: "", field: "email"},
}

// resolver turns IDs, codes and names into references.
type resolver struct {
	n                                *dagang.NameIndex
	biz, org, event, com, reg, prov  map[string][]string // lower-case name → ids or codes
	bizIDs, orgIDs, eventIDs, comIDs map[int64]bool
}

func newResolver(n *dagang.NameIndex) *resolver {
	r := &resolver{n: n}
	byName := func(m map[int64]string) map[string][]string {
		out := map[string][]string{}
		for id, name := range m {
			k := strings.ToLower(strings.TrimSpace(name))
			out[k] = append(out[k], strconv.FormatInt(id, 10))
		}
		return out
	}
	codes := func(m map[string]string) map[string][]string {
		out := map[string][]string{}
		for code, name := range m {
			k := strings.ToLower(name)
			out[k] = append(out[k], code)
		}
		return out
	}
	r.biz, r.org, r.event = byName(n.Businesses), byName(n.Orgs), byName(n.Events)
	r.com = map[string][]string{}
	for id, c := range n.Commodities {
		k := strings.ToLower(c.Name)
		r.com[k] = append(r.com[k], strconv.FormatInt(id, 10))
	}
	for slug, id := range n.CommoditySlugs {
		r.com[slug] = []string{strconv.FormatInt(id, 10)}
	}
	r.reg, r.prov = codes(n.Regencies), codes(n.Provinces)
	r.bizIDs, r.orgIDs, r.eventIDs, r.comIDs = keys(n.Businesses), keys(n.Orgs), keys(n.Events), keys(n.Commodities)
	return r
}

// ref resolves s to an id: digits are an id that must exist, anything else
// a unique name.
func (r *resolver) ref(rr *rowReader, col, s string, ids map[int64]bool, names map[string][]string, what, whatEN string) int64 {
	if s == "" {
		return 0
	}
	if id, err := strconv.ParseInt(s, 10, 64); err == nil {
		if !ids[id] {
			rr.bad(col, fmt.Sprintf("%s dengan ID %d tidak ada di dinas ini", what, id), fmt.Sprintf("no %s with ID %d in this office", whatEN, id))
			return 0
		}
		return id
	}
	got := names[strings.ToLower(s)]
	switch len(got) {
	case 0:
		rr.bad(col, fmt.Sprintf("%s %q tidak dikenal; tambahkan dahulu atau tulis ID-nya", what, s), fmt.Sprintf("unknown %s %q; add it first or give its ID", whatEN, s))
		return 0
	case 1:
		id, _ := strconv.ParseInt(got[0], 10, 64)
		return id
	}
	rr.bad(col, fmt.Sprintf("nama %s %q tidak unik; tulis ID-nya", what, s), fmt.Sprintf("%s name %q is not unique; give its ID", whatEN, s))
	return 0
}

func keys[T any](m map[int64]T) map[int64]bool {
	out := make(map[int64]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// code resolves a region code or name.
func (r *resolver) code(rr *rowReader, col, s string, codes map[string]string, names map[string][]string, what string) string {
	if s == "" {
		return ""
	}
	if _, ok := codes[s]; ok {
		return s
	}
	got := names[strings.ToLower(s)]
	if len(got) == 1 {
		return got[0]
	}
	rr.bad(col, fmt.Sprintf("%s %q tidak dikenal", what, s), fmt.Sprintf("unknown %s %q", what, s))
	return ""
}

// excelEpoch is day 0 of Excel's 1900 date system (with its leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

func parseDate(rr *rowReader, col, s string) dagang.Date {
	if s == "" {
		return dagang.Date{}
	}
	if d, err := dagang.ParseDate(s); err == nil {
		return d
	}
	if t, err := time.Parse("2/1/2006", s); err == nil {
		return dagang.DateOf(t)
	}
	if t, err := time.Parse("2-1-2006", s); err == nil {
		return dagang.DateOf(t)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 1 && f < 200000 {
		return dagang.DateOf(excelEpoch.AddDate(0, 0, int(f)))
	}
	rr.bad(col, fmt.Sprintf("%q bukan tanggal (TTTT-BB-HH atau HH/BB/TTTT)", clip(s)), fmt.Sprintf("%q is not a date (YYYY-MM-DD or DD/MM/YYYY)", clip(s)))
	return dagang.Date{}
}

// parseNumber reads 12.5, 12,5 or 1.234,5 (Indonesian grouping).
func parseNumber(rr *rowReader, col, s string) float64 {
	if s == "" {
		return 0
	}
	t := s
	if strings.Contains(t, ",") {
		t = strings.ReplaceAll(t, ".", "")
		t = strings.Replace(t, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		rr.bad(col, fmt.Sprintf("%q bukan angka", clip(s)), fmt.Sprintf("%q is not a number", clip(s)))
		return 0
	}
	return f
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// choice maps the words a column accepts to values.
func choice[T ~string](rr *rowReader, col, s string, words map[string]T, list string) T {
	if s == "" {
		return ""
	}
	if v, ok := words[strings.ToLower(s)]; ok {
		return v
	}
	rr.bad(col, fmt.Sprintf("%q tidak dikenal; pilihan: %s", clip(s), list), fmt.Sprintf("unknown %q; choose from: %s", clip(s), list))
	return ""
}

var directionWords = map[string]dagang.Direction{"sell": dagang.DirectionSell, "jual": dagang.DirectionSell, "penjualan": dagang.DirectionSell,
	"buy": dagang.DirectionBuy, "beli": dagang.DirectionBuy, "pembelian": dagang.DirectionBuy, "invest": dagang.DirectionInvest, "investasi": dagang.DirectionInvest}
var stageWords = map[string]dagang.DealStage{"indication": dagang.DealIndication, "indikasi": dagang.DealIndication, "loi": dagang.DealLOI,
	"surat minat": dagang.DealLOI, "contract": dagang.DealContract, "kontrak": dagang.DealContract, "realised": dagang.DealRealised,
	"terealisasi": dagang.DealRealised, "realisasi": dagang.DealRealised}
var confirmWords = map[string]dagang.Confirmation{"pending": dagang.ConfirmationPending, "menunggu": dagang.ConfirmationPending,
	"confirmed": dagang.ConfirmationConfirmed, "dikonfirmasi": dagang.ConfirmationConfirmed, "rejected": dagang.ConfirmationRejected, "ditolak": dagang.ConfirmationRejected}
var sizeWords = map[string]dagang.SizeClass{"mikro": dagang.SizeMicro, "kecil": dagang.SizeSmall, "menengah": dagang.SizeMedium, "besar": dagang.SizeLarge,
	"micro": dagang.SizeMicro, "small": dagang.SizeSmall, "medium": dagang.SizeMedium, "large": dagang.SizeLarge}
var kindWords = map[string]dagang.OrgKind{"buyer": dagang.OrgBuyer, "pembeli": dagang.OrgBuyer, "association": dagang.OrgAssociation,
	"asosiasi": dagang.OrgAssociation, "government": dagang.OrgGovernment, "dinas": dagang.OrgGovernment}

// The readers return the row's record, and whether it is valid; every
// problem of the row is recorded in the same pass, those of the domain
// rules included, even when a cell could not be read.

func readDeal(rr *rowReader, rz *resolver) (*dagang.Deal, bool) {
	before := rr.p.n()
	d := &dagang.Deal{OfficeID: rz.n.OfficeID}
	d.DealDate = parseDate(rr, "tanggal", rr.get("tanggal"))
	d.Direction = choice(rr, "arah", rr.get("arah"), directionWords, "penjualan, pembelian, investasi")
	d.EventID = rz.ref(rr, "kegiatan", rr.get("kegiatan"), rz.eventIDs, rz.event, "kegiatan", "event")
	d.BusinessID = rz.ref(rr, "pelaku_usaha", rr.get("pelaku_usaha"), rz.bizIDs, rz.biz, "pelaku usaha", "business")
	d.CounterpartID = rz.ref(rr, "mitra", rr.get("mitra"), rz.orgIDs, rz.org, "mitra", "counterpart")
	d.CommodityID = rz.ref(rr, "komoditas", rr.get("komoditas"), rz.comIDs, rz.com, "komoditas", "commodity")
	d.Volume = parseNumber(rr, "volume", rr.get("volume"))
	d.Unit = rr.get("satuan")
	if d.Unit == "" && d.Volume != 0 {
		d.Unit = rz.n.CommodityUnits[d.CommodityID]
	}
	if s := rr.get("nilai"); s != "" {
		v, err := money.Parse(s)
		if err != nil {
			rr.bad("nilai", dagang.ErrorMessage(err, "id"), dagang.ErrorMessage(err, "en"))
		}
		d.ValueIDR = v
	}
	d.Stage = choice(rr, "tahap", rr.get("tahap"), stageWords, "indikasi, loi, kontrak, terealisasi")
	d.Confirmation = choice(rr, "konfirmasi", rr.get("konfirmasi"), confirmWords, "menunggu, dikonfirmasi, ditolak")
	if d.Confirmation == "" {
		d.Confirmation = dagang.ConfirmationPending
	}
	d.DeliveryFrom = parseDate(rr, "pengiriman_dari", rr.get("pengiriman_dari"))
	d.DeliveryTo = parseDate(rr, "pengiriman_sampai", rr.get("pengiriman_sampai"))
	d.Note = rr.get("catatan")
	rr.merge(d.Validate(), dealCols)
	return d, rr.p.n() == before
}

func readBusiness(rr *rowReader, rz *resolver) (*dagang.Business, bool) {
	before := rr.p.n()
	b := &dagang.Business{OfficeID: rz.n.OfficeID, Name: rr.get("nama"), NIB: rr.get("nib")}
	b.RegencyCode = rz.code(rr, "kabupaten", rr.get("kabupaten"), rz.n.Regencies, rz.reg, "kabupaten/kota")
	b.Size = choice(rr, "skala", rr.get("skala"), sizeWords, "mikro, kecil, menengah, besar")
	b.Person, b.Phone, b.Email = rr.get("kontak"), rr.get("telepon"), rr.get("email")
	// Capacity and unit are read even when the commodity is unknown, so
	// their problems come in the same pass.
	com := rz.ref(rr, "komoditas", rr.get("komoditas"), rz.comIDs, rz.com, "komoditas", "commodity")
	p := dagang.Product{CommodityID: com, MonthlyCapacity: parseNumber(rr, "kapasitas_bulanan", rr.get("kapasitas_bulanan")), Unit: rr.get("satuan")}
	if p.Unit == "" {
		p.Unit = rz.n.CommodityUnits[com]
	}
	if com != 0 {
		b.Products = []dagang.Product{p}
	} else if p.MonthlyCapacity != 0 && !rr.seen["komoditas"] {
		rr.bad("komoditas", "wajib diisi bila kapasitas_bulanan diisi", "is required when kapasitas_bulanan is given")
	}
	rr.merge(b.Validate(), businessCols)
	return b, rr.p.n() == before
}

func readOrganisation(rr *rowReader, rz *resolver) (*dagang.Organisation, bool) {
	before := rr.p.n()
	o := &dagang.Organisation{OfficeID: rz.n.OfficeID, Name: rr.get("nama")}
	o.ProvinceCode = rz.code(rr, "provinsi", rr.get("provinsi"), rz.n.Provinces, rz.prov, "provinsi")
	o.Kind = choice(rr, "jenis", rr.get("jenis"), kindWords, "buyer, association, government")
	if o.Kind == "" {
		o.Kind = dagang.OrgBuyer
	}
	o.Person, o.Phone, o.Email = rr.get("kontak"), rr.get("telepon"), rr.get("email")
	rr.merge(o.Validate(), orgCols)
	return o, rr.p.n() == before
}
