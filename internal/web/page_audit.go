package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

// auditList is the data of the Audit page.
type auditList struct {
	List     *listView
	Items    []auditRow
	Entities []option
}

// auditRow is an audit entry with the fields it changed, in words, and
// the name of the record it is about.
type auditRow struct {
	*dagang.AuditEntry
	Subject string
	Changes []auditChange
}

// auditChange is one field before and after; "" when absent.
type auditChange struct {
	Field, Old, New string
}

// auditEntities are the kinds of records the audit page offers as a
// filter (each one of dagang.AuditEntities).
var auditEntities = []string{"agreement", "business", "deal", "event", "organisation", "participation", "user", "agreement_document", "meeting"}

func (s *Server) handleAudit(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	lv := readList(r, p)
	f := dagang.AuditFilter{ListOptions: lv.Opt, OfficeID: officeOf(r.Context()), Entity: enum(p, "entity", dagang.ValidAuditEntity), EntityID: p.int64("entity_id")}
	if err := p.v.Err(); err != nil {
		return err
	}
	items, total, err := s.audit.FindAuditEntries(r.Context(), f)
	if err != nil {
		return err
	}
	lv.Total = total
	d := auditList{List: lv, Entities: []option{{"", translate(lv.lang, "Semua data")}}}
	for _, e := range auditEntities {
		d.Entities = append(d.Entities, option{e, translate(lv.lang, entityLabels[e])})
	}
	pd := newPageData(r, "audit", nil)
	x := s.refs(r.Context(), lv.lang)
	for _, e := range items {
		d.Items = append(d.Items, auditRow{AuditEntry: e, Subject: auditSubject(pd, x, e), Changes: auditWords(pd, x, e.Entity, changes(e.Old, e.New))})
	}
	s.renderPage(w, r, http.StatusOK, "audit", d)
	return nil
}

// entityLabels names the audited kinds of records.
var entityLabels = map[string]string{
	"agreement": "Kerja sama", "business": "Pelaku usaha", "deal": "Transaksi", "event": "Kegiatan",
	"organisation": "Organisasi", "participation": "Peserta", "user": "Pengguna", "agreement_document": "Dokumen", "meeting": "Pertemuan", "office": "Dinas",
	"registration": "Pendaftaran mandiri",
}

// EntityLabel names an audited kind of record in the page's language.
func (p pageData) EntityLabel(e string) string {
	if l, ok := entityLabels[e]; ok {
		return p.T(l)
	}
	return e
}

// changes compares two JSON records field by field: the fields whose
// values differ, in name order. Text that is not a JSON object is shown
// whole as one change.
func changes(oldJSON, newJSON string) []auditChange {
	o, okO := decodeObject(oldJSON)
	n, okN := decodeObject(newJSON)
	if !okO || !okN {
		return []auditChange{{Field: "", Old: oldJSON, New: newJSON}}
	}
	var keys []string
	for k := range o {
		keys = append(keys, k)
	}
	for k := range n {
		if _, dup := o[k]; !dup {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []auditChange
	for _, k := range keys {
		if k == "updated_at" || k == "created_at" {
			continue
		}
		ov, nv := show(k, o[k]), show(k, n[k])
		if ov != nv {
			out = append(out, auditChange{Field: k, Old: ov, New: nv})
		}
	}
	return out
}

// decodeObject reads a JSON object keeping numbers exact; "" is none.
func decodeObject(s string) (map[string]any, bool) {
	if s == "" {
		return nil, true
	}
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	return m, dec.Decode(&m) == nil
}

// show writes a JSON value of field k for the audit table: rupiah
// fields (…_idr) as rupiah, other values as they were stored.
func show(k string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		if n, err := x.Int64(); err == nil && strings.HasSuffix(k, "_idr") {
			return money.Format(n)
		}
		return x.String()
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}
