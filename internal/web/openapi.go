package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dagang/dagang"
)

// The OpenAPI 3.1 document of the JSON API, built from the route table:
// every /api/ route is registered with its operation (rt.api in
// routes.go), so the mux, the access rules and this document read one
// registration and cannot drift apart. Bodies and answers are described
// from their Go types by reflection. The web tests check every answer they
// receive against this document (apivalidate_test.go); CI lints it with
// Redocly and Spectral (.ci/openapi).

// apiOp describes one operation beyond what the route itself says (method,
// path, path parameters, roles).
type apiOp struct {
	Summary     string // one line, required
	Description string // more, when the summary does not say it all
	Tag         string // the group; by default from the path (apiTags)
	Query       []string
	// Enum lists the values of the query parameters that take a fixed set
	// (the handler refuses any other with enum).
	Enum   map[string][]string
	List   bool // a paged list: offset, limit, sort, q
	Body   any  // a value of the request body's type; nil for none
	Resp   any  // a value of the answer's type; nil for 204
	Status int  // the success status; 200 when 0
	// Produces lists the media types of a non-JSON answer (a file).
	Produces []string
	// Idempotent: the write may be sent again under an Idempotency-Key
	// and is done once (idempotency.go).
	Idempotent bool
	// Lane: an anonymous client's call waits in the lane of anonymous
	// posts (lane.go) and may be answered 503 with Retry-After; a
	// signed-in client's is served at once.
	Lane bool
}

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// enumOf lists the values of a fixed set for Enum.
func enumOf[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// listOf is the answer type of a list of T.
func listOf[T any]() any { return page[T]{} }

// schemaSet collects the named schemas of the document. Input schemas
// (request bodies) require nothing, since PATCH sends only what changes,
// and are named with an Input suffix. Two types of one name in different
// packages get their package's name in front.
type schemaSet struct {
	m     map[string]any
	types map[string]reflect.Type
	input bool
}

// qualifier matches the package path in front of a type name.
var qualifier = regexp.MustCompile(`[A-Za-z0-9_./-]+\.`)

var nonName = regexp.MustCompile(`[^A-Za-z0-9_]+`)

var (
	timeType = reflect.TypeFor[time.Time]()
	dateType = reflect.TypeFor[dagang.Date]()
)

// schemaOf returns the JSON Schema of t as encoding/json writes it,
// registering structs in s and referring to them by name.
func (s schemaSet) schemaOf(t reflect.Type) map[string]any {
	switch t {
	case timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case dateType:
		return map[string]any{"type": []string{"string", "null"}, "format": "date"}
	}
	switch t.Kind() {
	case reflect.Pointer:
		// A nil pointer is written as null.
		return map[string]any{"anyOf": []any{s.schemaOf(t.Elem()), map[string]any{"type": "null"}}}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": []string{"array", "null"}, "items": s.schemaOf(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": s.schemaOf(t.Elem())}
	case reflect.Struct:
		name := strings.Trim(nonName.ReplaceAllString(qualifier.ReplaceAllString(t.Name(), ""), "_"), "_")
		if s.input {
			name += "Input"
		}
		if other, ok := s.types[name]; ok && other != t {
			name = strings.Trim(nonName.ReplaceAllString(t.PkgPath()[strings.LastIndex(t.PkgPath(), "/")+1:], "_"), "_") + "_" + name
		}
		if _, ok := s.m[name]; !ok {
			s.types[name] = t
			s.m[name] = nil // reserve: recursive types
			props, required := map[string]any{}, []string{}
			s.fields(t, props, &required)
			sort.Strings(required)
			schema := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
			if !s.input {
				schema["required"] = required
			}
			s.m[name] = schema
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

// fields adds t's JSON fields, flattening embedded structs as
// encoding/json does. Fields without omitempty or omitzero are always
// written, so they are required in answers.
func (s schemaSet) fields(t reflect.Type, props map[string]any, required *[]string) {
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if et := f.Type; f.Anonymous && name == "" {
			// encoding/json flattens embedded structs and struct pointers.
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				s.fields(et, props, required)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		props[name] = s.schemaOf(f.Type)
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			*required = append(*required, name)
		}
	}
}

var pathParamRE = regexp.MustCompile(`\{([a-z_]+)\}`)

// apiTags groups the operations, in the document's order; an operation's
// tag is the first segment of its path after /api/v1 unless it names one.
var apiTags = []struct{ Name, Description string }{
	{"provinces", "Provinsi: kode resmi, nama, ibu kota (data rujukan)."},
	{"regencies", "Kabupaten dan kota (data rujukan)."},
	{"commodities", "Katalog komoditas dengan kode HS dan tahap pengolahan."},
	{"statistics", "Statistik produksi dan kebutuhan per provinsi, bersumber."},
	{"offices", "Dinas yang menjalankan server ini."},
	{"businesses", "Pelaku usaha daerah asal."},
	{"organisations", "Organisasi mitra: pembeli, asosiasi, pemerintah daerah."},
	{"listings", "Penawaran dan kebutuhan komoditas."},
	{"declarations", "Pernyataan tentang provinsi mitra (misalnya kebutuhan yang disampaikan)."},
	{"agreements", "Kerja sama antardaerah, tahapnya dan dokumennya."},
	{"targets", "Target tahunan dinas."},
	{"events", "Kegiatan: temu bisnis, misi dagang, pameran; peserta dan statusnya."},
	{"delegation", "Pemilihan delegasi misi dagang dengan alasan yang dapat dibaca."},
	{"registrations", "Pendaftaran mandiri pelaku usaha lewat panggilan terbuka (/terbuka, /daftar): verifikasi, setujui, gabungkan, tolak."},
	{"meetings", "Permintaan pertemuan, ketersediaan dan agenda temu bisnis."},
	{"deals", "Transaksi dari kesepakatan awal sampai realisasi."},
	{"reports", "Laporan dan ringkasan kinerja."},
	{"partners", "Analisis calon provinsi mitra."},
	{"imports", "Impor berkas Excel/CSV sebagai pekerjaan latar."},
	{"confirmations", "Jawaban mitra tanpa akun lewat tautan konfirmasi sekali pakai."},
	{"outbox", "Pesan keluar: pemberitahuan e-mail dengan tautan WhatsApp berisi teks yang sama."},
	{"users", "Akun pengguna dinas."},
	{"tokens", "Token API akun sendiri, untuk skrip."},
	{"audit", "Jejak audit setiap perubahan."},
	{"meta", "Dokumen API ini."},
}

// tagOf is the tag of an operation at path.
func tagOf(op *apiOp, path string) string {
	if op.Tag != "" {
		return op.Tag
	}
	seg, _, _ := strings.Cut(strings.TrimPrefix(path, "/api/v1/"), "/")
	switch {
	case !strings.HasPrefix(path, "/api/v1/"):
		return "meta"
	case strings.Contains(path, "/delegation"):
		return "delegation"
	case strings.Contains(path, "meeting") || strings.Contains(path, "agenda") || strings.Contains(path, "availability") ||
		strings.Contains(path, "suggestions") || strings.Contains(path, "/schedule"):
		return "meetings"
	case seg == "participations":
		return "events"
	case seg == "followups":
		return "deals"
	}
	return seg
}

// queryParam describes a query parameter by its name: the API's names say
// their types (offset, limit, year and *_id are whole numbers); values,
// when not nil, are the only ones it takes.
func queryParam(name string, values []string) map[string]any {
	schema := map[string]any{"type": "string"}
	desc := "Saring menurut " + name + "."
	switch {
	case name == "offset":
		schema, desc = map[string]any{"type": "integer", "minimum": 0}, "Lewati sekian baris pertama."
	case name == "limit":
		schema, desc = map[string]any{"type": "integer", "minimum": 1}, "Jumlah baris paling banyak."
	case name == "years":
		schema, desc = map[string]any{"type": "integer", "minimum": 1, "maximum": maxSimulatedYears}, "Jumlah tahun yang disimulasikan (bawaan 5)."
	case name == "year":
		schema, desc = map[string]any{"type": "integer", "minimum": minYear, "maximum": maxYear}, "Tahun (tanpa: semua tahun)."
	case name == "sort":
		desc = "Urutan: nama kolom, diawali - untuk menurun."
	case name == "q":
		desc = "Teks pencarian."
	case name == "format":
		desc = "Format berkas."
	case name == "part":
		schema, desc = map[string]any{"type": "string", "enum": []string{"all", "tables", "grid"}}, "Bagian agenda yang dicetak."
	case name == "personal":
		schema, desc = map[string]any{"type": "string", "enum": []string{"0", "1"}}, "1: sertakan kontak orang."
	case name == "lang":
		schema, desc = map[string]any{"type": "string", "enum": []string{"id", "en"}}, "Bahasa pesan: id (bawaan) atau en."
	case strings.HasSuffix(name, "_id"):
		schema = map[string]any{"type": "integer", "minimum": 1}
	}
	if values != nil {
		schema = map[string]any{"type": "string", "enum": values}
		desc += " Salah satu dari: " + strings.Join(values, ", ") + "."
	}
	return map[string]any{"name": name, "in": "query", "description": desc, "schema": schema}
}

// openAPI builds the document from the route table; base is the server's
// address as the client reached it.
func (s *Server) openAPI(base string) map[string]any {
	schemas := schemaSet{m: map[string]any{}, types: map[string]reflect.Type{}}
	inputs := schemaSet{m: schemas.m, types: schemas.types, input: true}
	// "Error" is the error answer; a Go type of that name gets a prefix.
	schemas.types["Error"] = reflect.TypeFor[*dagang.Error]()
	errSchema := map[string]any{"type": "object", "required": []string{"error"},
		"description": "Satu bentuk untuk setiap kesalahan; pesan dalam bahasa permintaan, fields menamai kolom seperti yang dikirim klien.",
		"properties": map[string]any{
			"error": map[string]any{"type": "object", "required": []string{"code", "message"}, "properties": map[string]any{
				"code":    map[string]any{"type": "string", "enum": []string{dagang.EINVALID, dagang.ENOTFOUND, dagang.ECONFLICT, dagang.EUNAUTHORIZED, dagang.EFORBIDDEN, dagang.ETOOMANY, dagang.EINTERNAL}},
				"message": map[string]any{"type": "string"},
				"fields": map[string]any{"type": "array", "items": map[string]any{"type": "object", "required": []string{"field", "message"}, "properties": map[string]any{
					"field": map[string]any{"type": "string"}, "message": map[string]any{"type": "string"}}}},
			}}}}
	errResp := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	}
	paths := map[string]map[string]any{}
	for _, r := range s.table {
		if r.Op == nil {
			continue
		}
		doc := r.Op
		desc := doc.Description
		if desc == "" {
			desc = doc.Summary + "."
		}
		op := map[string]any{
			"operationId": strings.ToLower(r.Method) + nonName.ReplaceAllString(strings.TrimPrefix(r.Pattern, "/api"), "_"),
			"summary":     doc.Summary,
			"description": desc + "\n\nPeran: " + r.Rule.String() + ".",
			"tags":        []string{tagOf(doc, r.Pattern)},
			"x-roles":     r.Rule.String(),
		}
		if r.Rule.Public {
			op["security"] = []any{}
		} else {
			op["security"] = []any{map[string]any{"bearer": []string{}}, map[string]any{"session": []string{}}}
		}
		var params []any
		for _, m := range pathParamRE.FindAllStringSubmatch(r.Pattern, -1) {
			schema := map[string]any{"type": "string"}
			if m[1] == "id" || m[1] == "rid" {
				schema = map[string]any{"type": "integer", "minimum": 1}
			}
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "description": "Kode atau nomor " + m[1] + ".", "schema": schema})
		}
		query := doc.Query
		if doc.List {
			query = append([]string{"offset", "limit", "sort", "q"}, query...)
		}
		for _, q := range append(query, "lang") {
			params = append(params, queryParam(q, doc.Enum[q]))
		}
		op["parameters"] = params
		if doc.Body != nil {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": inputs.schemaOf(reflect.TypeOf(doc.Body))}}}
		}
		status := doc.Status
		if status == 0 {
			status = http.StatusOK
		}
		ok := map[string]any{"description": http.StatusText(status)}
		if len(doc.Produces) > 0 {
			content := map[string]any{}
			for _, mt := range doc.Produces {
				content[mt] = map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}
			}
			ok["content"] = content
		} else if doc.Resp != nil {
			ok["content"] = map[string]any{"application/json": map[string]any{"schema": schemas.schemaOf(reflect.TypeOf(doc.Resp))}}
		} else if status != http.StatusNoContent {
			ok["content"] = map[string]any{"application/json": map[string]any{"schema": map[string]any{}}}
		}
		responses := map[string]any{fmt.Sprint(status): ok, "400": errResp("Data tidak valid"), "404": errResp("Tidak ditemukan")}
		if !r.Rule.Public {
			responses["401"] = errResp("Belum masuk")
			responses["403"] = errResp("Tidak berhak")
		}
		if r.Method != http.MethodGet {
			responses["409"] = errResp("Bentrok dengan data lain")
			responses["413"] = errResp("Isi permintaan terlalu besar")
			responses["415"] = errResp("Isi permintaan bukan JSON")
		}
		if doc.Lane {
			busy := errResp("Server sedang melayani banyak formulir anonim; coba lagi setelah Retry-After detik")
			busy["headers"] = map[string]any{"Retry-After": map[string]any{
				"description": "Detik sebelum mencoba lagi.", "schema": map[string]any{"type": "integer"}}}
			responses["503"] = busy
		}
		responses["500"] = errResp("Kesalahan internal (dicatat)")
		op["parameters"] = documentVersions(r.Method, r.Pattern, doc.Resp, status, params, responses, errSchema)
		if doc.Idempotent {
			op["parameters"] = documentIdempotency(op["parameters"].([]any), responses[fmt.Sprint(status)].(map[string]any), responses)
		}
		op["responses"] = responses
		if paths[r.Pattern] == nil {
			paths[r.Pattern] = map[string]any{}
		}
		paths[r.Pattern][strings.ToLower(r.Method)] = op
	}
	schemas.m["Error"] = errSchema
	var tags []any
	for _, t := range apiTags {
		tags = append(tags, map[string]any{"name": t.Name, "description": t.Description})
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "dagang API", "version": s.cfg.Version,
			"description": "API kerja sama perdagangan antardaerah. Pesan kesalahan berbahasa Indonesia; ?lang=en untuk bahasa Inggris. Rupiah selalu bilangan bulat (int64). Setiap kesalahan berbentuk {\"error\": {\"code\", \"message\", \"fields\"}}.",
			"license":     map[string]any{"name": "MIT", "identifier": "MIT"},
			"contact":     map[string]any{"name": "dagang", "url": "https://github.com/dagang/dagang"},
		},
		"servers": []any{map[string]any{"url": base, "description": "Server yang menyajikan dokumen ini"}},
		"tags":    tags,
		"paths":   paths,
		"components": map[string]any{
			"schemas": schemas.m,
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer", "description": "Token API pengguna (POST /api/v1/tokens, atau `dagang token create`)."},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": sessionCookie, "description": "Sesi peramban setelah masuk."},
			},
		},
	}
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	b, err := json.Marshal(s.openAPI(scheme + "://" + r.Host))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(b)
	return nil
}
