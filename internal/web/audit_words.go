package web

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

// Audit entries are stored as JSON records; the pages show them in words:
// each changed field by its label, names instead of ids, labels instead
// of codes, rupiah and dates as people write them ("Nilai: Rp1,5 miliar
// → Rp2 miliar").

// fieldLabels names the fields of audited records that no form of the
// record's own names.
var fieldLabels = map[string]string{
	"partner_province_code": "Provinsi mitra", "province_code": "Provinsi", "title": "Judul", "stage": "Tahap", "reason": "Alasan",
	"signed_on": "Tanggal tanda tangan", "starts_on": "Tanggal mulai", "ends_on": "Tanggal selesai", "document_ref": "Nomor dokumen",
	"responsible_staff": "Penanggung jawab", "role": "Peran", "status": "Status", "note": "Catatan", "organisation_id": "Organisasi",
	"business_id": "Pelaku usaha", "event_id": "Kegiatan", "name": "Nama", "email": "Email", "phone": "Telepon", "contact_name": "Nama kontak",
	"lang": "Bahasa", "slot": "Sesi", "table": "Meja", "locked": "Terkunci", "kind": "Jenis", "products": "Produk", "nib": "NIB",
	"size_class": "Skala usaha", "regency_code": "Kabupaten/kota", "a_id": "Pihak A", "b_id": "Pihak B", "uploaded_by": "Diunggah oleh",
	"size": "Ukuran", "content_type": "Jenis berkas", "agreement_id": "Kerja sama", "request_id": "Permintaan", "from_stage": "Dari tahap",
	"to_stage": "Ke tahap", "on": "Tanggal", "by": "Oleh", "action": "Tindakan",
	"verified_by": "Verifikasi", "verified_at": "Diverifikasi pada", "decided_at": "Diputuskan pada", "eligibility": "Syarat", "whatsapp": "WhatsApp",
}

// skippedFields are bookkeeping, not what anyone changed.
var skippedFields = map[string]bool{"id": true, "version": true, "office_id": true, "sample": true, "deal_id": true,
	"created_at": true, "updated_at": true, "history": true, "sha256": true}

// auditWords writes the changed fields of an entity's record in words.
func auditWords(p pageData, x *refs, entity string, cs []auditChange) []auditChange {
	var out []auditChange
	for _, c := range cs {
		if skippedFields[c.Field] {
			continue
		}
		out = append(out, auditChange{Field: p.T(fieldLabel(entity, c.Field)), Old: auditValue(p, x, entity, c.Field, c.Old), New: auditValue(p, x, entity, c.Field, c.New)})
	}
	return out
}

// fieldLabel names field of entity: the label of the entity's form, else
// the shared one, else the name as stored.
func fieldLabel(entity, field string) string {
	maps := []map[string]string{fieldLabels}
	switch entity {
	case "deal":
		// A deal's history holds its realisations too.
		maps = []map[string]string{dealLabels, realisationLabels, fieldLabels}
	case "business":
		maps = []map[string]string{businessLabels, fieldLabels}
	case "event":
		maps = []map[string]string{eventLabels, fieldLabels}
	case "registration":
		maps = []map[string]string{registrationLabels, fieldLabels}
	}
	for _, m := range maps {
		if l, ok := m[field]; ok {
			return l
		}
	}
	return field
}

// auditValue writes one stored value of field k of entity in words.
func auditValue(p pageData, x *refs, entity, k, v string) string {
	if v == "" {
		return ""
	}
	id, _ := strconv.ParseInt(v, 10, 64)
	var name string
	var err error
	switch {
	case k == "direction":
		return p.Label(dagang.Direction(v))
	case k == "kind" && entity == "event":
		return p.Label(dagang.EventKind(v))
	case (k == "stage" || k == "from_stage" || k == "to_stage") && entity == "agreement":
		return p.Label(dagang.AgreementStage(v))
	case k == "stage" || k == "confirmation" || k == "status" || k == "role" || k == "size_class" || k == "kind" || k == "action" || k == "verified_by":
		return p.Label(v)
	case k == "locked" || k == "sample":
		return map[string]string{"true": p.T("ya"), "false": p.T("tidak")}[v]
	case k == "business_id":
		name, err = x.Business(id)
	case k == "counterpart_id" || k == "organisation_id":
		name, err = x.Org(id)
	case k == "commodity_id":
		name, err = x.Commodity(id)
	case k == "event_id":
		name, err = x.Event(id)
	case k == "regency_code":
		name, err = x.Regency(v)
	case strings.HasSuffix(k, "province_code"):
		name, err = x.Province(v)
	case k == "products":
		return productWords(p, x, v)
	case k == "slot" || k == "table":
		return strconv.FormatInt(id+1, 10)
	case k == "deal_date" || k == "on" || strings.HasSuffix(k, "_on") || strings.HasPrefix(k, "delivery_"):
		if d, err := dagang.ParseDate(v); err == nil && !d.IsZero() {
			return p.Date(d)
		}
		return v
	case k == "volume" || k == "delivered_volume":
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			return p.Num(f)
		}
		return v
	case strings.HasSuffix(k, "_idr"):
		// changes already wrote rupiah through internal/money.
		if n, err := money.Parse(v); err == nil {
			return p.Rp(n)
		}
		return v
	default:
		return v
	}
	if err != nil || name == "" {
		return v
	}
	return name
}

// productWords writes a business's products as stored ("[{...}]") in
// words: "Beras 12,5 ton/bulan; Kemiri".
func productWords(p pageData, x *refs, v string) string {
	var ps []dagang.Product
	if json.Unmarshal([]byte(v), &ps) != nil {
		return v
	}
	var parts []string
	for _, pr := range ps {
		s, err := x.Commodity(pr.CommodityID)
		if err != nil || s == "" {
			s = p.T("komoditas lain")
		}
		if pr.MonthlyCapacity > 0 {
			s += " " + p.Num(pr.MonthlyCapacity) + " " + pr.Unit + "/" + p.T("bulan")
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, "; ")
}

// auditSubject names the record an entry is about, from the record as
// stored: the business's or event's name, a deal's commodity and value.
func auditSubject(p pageData, x *refs, e *dagang.AuditEntry) string {
	rec, ok := decodeObject(e.New)
	if !ok || rec == nil {
		rec, ok = decodeObject(e.Old)
	}
	if !ok || rec == nil {
		return ""
	}
	str := func(k string) string { return show(k, rec[k]) }
	num := func(k string) int64 { n, _ := strconv.ParseInt(str(k), 10, 64); return n }
	var name string
	var err error
	switch e.Entity {
	case "business", "user", "agreement_document":
		name = str("name")
	case "event":
		name = str("name")
	case "organisation":
		name, err = x.Org(e.EntityID)
	case "agreement":
		name = str("title")
	case "deal":
		// A realisation's entry holds the realisation, not the deal.
		if c := num("commodity_id"); c != 0 {
			if name, err = x.Commodity(c); err == nil {
				name += " · " + auditValue(p, x, "deal", "value_idr", str("value_idr"))
			}
		}
	case "participation":
		if b := num("business_id"); b != 0 {
			name, err = x.Business(b)
		} else {
			name, err = x.Org(num("organisation_id"))
		}
		if ev, err2 := x.Event(num("event_id")); err == nil && err2 == nil && ev != "" {
			name += " · " + ev
		}
	case "meeting":
		name, err = x.Event(num("event_id"))
	}
	if err != nil {
		return ""
	}
	return name
}
