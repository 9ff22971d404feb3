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
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/analysis"
	"github.com/dagang/dagang/internal/mission"
	"github.com/dagang/dagang/internal/report"
)

// The OpenAPI 3.1 document of the JSON API, built from the route table
// (every /api/ route, with its access rule) and, for the operations in
// apiDocs, the Go types of their bodies and answers by reflection.
// openapi_test.go proves the document and the routes agree and that real
// answers match the schemas.

// apiOp describes one operation beyond what the route table says.
type apiOp struct {
	Summary string
	Query   []string // query parameters besides the paging ones
	List    bool     // a paged list: offset, limit, sort, q
	Body    any      // a value of the request body's type; nil for none
	Resp    any      // a value of the answer's type; nil for 204
	Status  int      // the success status; 200 when 0
	// Produces lists the media types of a non-JSON answer (a file).
	Produces []string
}

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// listOf is the answer type of a list of T.
func listOf[T any]() any { return page[T]{} }

var apiDocs = map[string]apiOp{
	"GET /api/v1/reports/summary":               {Summary: "Ringkasan kinerja satu tahun (0: semua)", Query: []string{"year"}, Resp: dagang.Summary{}},
	"GET /api/v1/provinces":                     {Summary: "Provinsi", Resp: listOf[*dagang.Province]()},
	"GET /api/v1/provinces/{code}":              {Summary: "Satu provinsi", Resp: dagang.Province{}},
	"GET /api/v1/regencies":                     {Summary: "Kabupaten/kota", List: true, Query: []string{"province_code"}, Resp: listOf[*dagang.Regency]()},
	"GET /api/v1/regencies/{code}":              {Summary: "Satu kabupaten/kota", Resp: dagang.Regency{}},
	"GET /api/v1/commodities":                   {Summary: "Katalog komoditas", List: true, Query: []string{"stage", "hs_code"}, Resp: listOf[*dagang.Commodity]()},
	"GET /api/v1/commodities/{id}":              {Summary: "Satu komoditas", Resp: dagang.Commodity{}},
	"GET /api/v1/statistics":                    {Summary: "Statistik", List: true, Query: []string{"province_code", "commodity", "year"}, Resp: listOf[*dagang.Statistic]()},
	"GET /api/v1/statistics/{id}":               {Summary: "Satu statistik", Resp: dagang.Statistic{}},
	"GET /api/v1/offices":                       {Summary: "Dinas server ini", Resp: listOf[*dagang.Office]()},
	"GET /api/v1/offices/{id}":                  {Summary: "Satu dinas", Resp: dagang.Office{}},
	"GET /api/v1/businesses":                    {Summary: "Pelaku usaha", List: true, Query: []string{"regency_code", "commodity_id", "size_class"}, Resp: listOf[*dagang.Business]()},
	"GET /api/v1/businesses/{id}":               {Summary: "Satu pelaku usaha", Resp: dagang.Business{}},
	"POST /api/v1/businesses":                   {Summary: "Catat pelaku usaha", Body: dagang.Business{}, Resp: dagang.Business{}, Status: 201},
	"PATCH /api/v1/businesses/{id}":             {Summary: "Ubah pelaku usaha (kolom yang dikirim)", Body: dagang.Business{}, Resp: dagang.Business{}},
	"DELETE /api/v1/businesses/{id}":            {Summary: "Hapus pelaku usaha", Status: 204},
	"GET /api/v1/organisations":                 {Summary: "Organisasi mitra", List: true, Query: []string{"province_code", "kind"}, Resp: listOf[*dagang.Organisation]()},
	"GET /api/v1/organisations/{id}":            {Summary: "Satu organisasi", Resp: dagang.Organisation{}},
	"POST /api/v1/organisations":                {Summary: "Catat organisasi", Body: dagang.Organisation{}, Resp: dagang.Organisation{}, Status: 201},
	"PATCH /api/v1/organisations/{id}":          {Summary: "Ubah organisasi", Body: dagang.Organisation{}, Resp: dagang.Organisation{}},
	"DELETE /api/v1/organisations/{id}":         {Summary: "Hapus organisasi", Status: 204},
	"GET /api/v1/listings":                      {Summary: "Penawaran dan kebutuhan", List: true, Query: []string{"kind", "business_id", "organisation_id", "commodity_id", "province_code"}, Resp: listOf[*dagang.Listing]()},
	"GET /api/v1/listings/{id}":                 {Summary: "Satu penawaran/kebutuhan", Resp: dagang.Listing{}},
	"POST /api/v1/listings":                     {Summary: "Catat penawaran/kebutuhan", Body: dagang.Listing{}, Resp: dagang.Listing{}, Status: 201},
	"PATCH /api/v1/listings/{id}":               {Summary: "Ubah penawaran/kebutuhan", Body: dagang.Listing{}, Resp: dagang.Listing{}},
	"DELETE /api/v1/listings/{id}":              {Summary: "Hapus penawaran/kebutuhan", Status: 204},
	"GET /api/v1/declarations":                  {Summary: "Pernyataan tentang provinsi", List: true, Query: []string{"province_code", "commodity_id"}, Resp: listOf[*dagang.Declaration]()},
	"GET /api/v1/declarations/{id}":             {Summary: "Satu pernyataan", Resp: dagang.Declaration{}},
	"POST /api/v1/declarations":                 {Summary: "Catat pernyataan", Body: dagang.Declaration{}, Resp: dagang.Declaration{}, Status: 201},
	"PATCH /api/v1/declarations/{id}":           {Summary: "Ubah pernyataan", Body: dagang.Declaration{}, Resp: dagang.Declaration{}},
	"DELETE /api/v1/declarations/{id}":          {Summary: "Hapus pernyataan", Status: 204},
	"GET /api/v1/agreements":                    {Summary: "Kerja sama", List: true, Query: []string{"partner_province_code", "stage"}, Resp: listOf[*dagang.Agreement]()},
	"GET /api/v1/agreements/{id}":               {Summary: "Satu kerja sama dengan riwayat", Resp: dagang.Agreement{}},
	"POST /api/v1/agreements":                   {Summary: "Catat kerja sama", Body: dagang.Agreement{}, Resp: dagang.Agreement{}, Status: 201},
	"PATCH /api/v1/agreements/{id}":             {Summary: "Ubah kolom kerja sama (bukan tahap)", Body: dagang.Agreement{}, Resp: dagang.Agreement{}},
	"POST /api/v1/agreements/{id}/stage":        {Summary: "Pindahkan tahap kerja sama (dengan riwayat)", Body: stageChange{}, Resp: dagang.Agreement{}},
	"GET /api/v1/targets":                       {Summary: "Target tahunan", List: true, Query: []string{"year"}, Resp: listOf[*dagang.Target]()},
	"GET /api/v1/targets/{id}":                  {Summary: "Satu target", Resp: dagang.Target{}},
	"POST /api/v1/targets":                      {Summary: "Catat target", Body: dagang.Target{}, Resp: dagang.Target{}, Status: 201},
	"PATCH /api/v1/targets/{id}":                {Summary: "Ubah target", Body: dagang.Target{}, Resp: dagang.Target{}},
	"DELETE /api/v1/targets/{id}":               {Summary: "Hapus target", Status: 204},
	"GET /api/v1/events":                        {Summary: "Kegiatan", List: true, Query: []string{"year", "host_province_code", "kind", "status", "organisation_id"}, Resp: listOf[*dagang.Event]()},
	"GET /api/v1/events/{id}":                   {Summary: "Satu kegiatan", Resp: dagang.Event{}},
	"POST /api/v1/events":                       {Summary: "Catat kegiatan", Body: dagang.Event{}, Resp: dagang.Event{}, Status: 201},
	"PATCH /api/v1/events/{id}":                 {Summary: "Ubah kegiatan", Body: dagang.Event{}, Resp: dagang.Event{}},
	"DELETE /api/v1/events/{id}":                {Summary: "Hapus kegiatan tanpa peserta dan transaksi", Status: 204},
	"GET /api/v1/events/{id}/participations":    {Summary: "Peserta kegiatan", List: true, Query: []string{"business_id", "organisation_id", "role", "status"}, Resp: listOf[*dagang.Participation]()},
	"POST /api/v1/events/{id}/participations":   {Summary: "Daftarkan peserta (pelaku usaha: mendaftar sendiri)", Body: dagang.Participation{}, Resp: dagang.Participation{}, Status: 201},
	"PATCH /api/v1/participations/{id}":         {Summary: "Ubah peran, status, catatan peserta", Body: dagang.Participation{}, Resp: dagang.Participation{}},
	"DELETE /api/v1/participations/{id}":        {Summary: "Tarik pendaftaran", Status: 204},
	"GET /api/v1/events/{id}/meeting-requests":  {Summary: "Permintaan pertemuan", List: true, Query: []string{"participation_id", "status"}, Resp: listOf[*dagang.MeetingRequest]()},
	"POST /api/v1/events/{id}/meeting-requests": {Summary: "Catat permintaan pertemuan", Body: dagang.MeetingRequest{}, Resp: dagang.MeetingRequest{}, Status: 201},
	"PATCH /api/v1/meeting-requests/{id}":       {Summary: "Setujui/tolak permintaan", Body: meetingRequestStatus{}, Resp: dagang.MeetingRequest{}},
	"DELETE /api/v1/meeting-requests/{id}":      {Summary: "Hapus permintaan", Status: 204},
	"GET /api/v1/events/{id}/meetings":          {Summary: "Jadwal pertemuan", List: true, Query: []string{"participation_id"}, Resp: listOf[*dagang.Meeting]()},
	"GET /api/v1/deals":                         {Summary: "Transaksi", List: true, Query: []string{"event_id", "business_id", "counterpart_id", "commodity_id", "direction", "stage", "year", "province_code"}, Resp: listOf[*dagang.Deal]()},
	"GET /api/v1/deals/{id}":                    {Summary: "Satu transaksi", Resp: dagang.Deal{}},
	"GET /api/v1/deals/{id}/realisations":       {Summary: "Realisasi transaksi", Resp: listOf[*dagang.Realisation]()},
	"GET /api/v1/users":                         {Summary: "Akun pengguna", List: true, Query: []string{"role"}, Resp: listOf[*dagang.User]()},
	"GET /api/v1/users/{id}":                    {Summary: "Satu akun", Resp: dagang.User{}},
	"POST /api/v1/users":                        {Summary: "Buat akun (dengan password)", Body: userBody{}, Resp: dagang.User{}, Status: 201},
	"PATCH /api/v1/users/{id}":                  {Summary: "Ubah akun (password opsional)", Body: userBody{}, Resp: dagang.User{}},
	"DELETE /api/v1/users/{id}":                 {Summary: "Hapus akun", Status: 204},
	"GET /api/v1/audit":                         {Summary: "Jejak audit", List: true, Query: []string{"entity", "entity_id"}, Resp: listOf[*dagang.AuditEntry]()},

	// Agreement documents, event moves, applications, delegations and reach
	// (page_documents.go, page_delegation.go, page_reach.go). Types of the
	// pure packages whose names clash with the domain's (Province,
	// Simulation) get their package's name in front (schemaOf).
	"GET /api/v1/agreements/{id}/documents":         {Summary: "Dokumen kerja sama (tanpa isi)", Resp: listOf[*dagang.AgreementDocument]()},
	"POST /api/v1/agreements/{id}/documents":        {Summary: "Unggah dokumen (multipart/form-data: file, note; PDF, gambar, Office; maks. 10 MB)", Resp: dagang.AgreementDocument{}, Status: 201},
	"POST /api/v1/events/{id}/status":               {Summary: "Pindahkan kegiatan ke status berikutnya", Body: eventMove{}, Resp: dagang.Event{}},
	"POST /api/v1/events/{id}/applications":         {Summary: "Daftar ke kegiatan dengan pemeriksaan syarat", Body: application{}, Resp: dagang.Participation{}, Status: 201},
	"POST /api/v1/events/{id}/delegation":           {Summary: "Tetapkan delegasi: simpan keputusan setiap pelamar", Resp: []dagang.DelegationDecision{}},
	"POST /api/v1/events/{id}/delegation/overrides": {Summary: "Tambahkan atau keluarkan pelamar dengan alasan", Body: overrideInput{}, Resp: dagang.DelegationOverride{}, Status: 201},
	"GET /api/v1/reports/reach":                     {Summary: "Jangkauan pelaku usaha per tahun dan total", Resp: mission.Reach{}},
	"GET /api/v1/partners/rank":                     {Summary: "Peringkat calon provinsi mitra", Query: []string{"home", "year"}, Resp: analysis.Ranking{}},
	"GET /api/v1/events/{id}/delegation":            {Summary: "Usulan delegasi kegiatan", Resp: mission.Plan{}},
	"GET /api/v1/delegation/simulate":               {Summary: "Simulasi rotasi delegasi", Query: []string{"years", "event"}, Resp: mission.Simulation{}},

	// Meetings (api_agenda.go), deals (api_deals.go) and imports.
	"GET /api/v1/events/{id}/suggestions":          {Summary: "Saran pasangan pertemuan", Query: []string{"limit"}, Resp: listOf[suggestionList]()},
	"GET /api/v1/events/{id}/availability":         {Summary: "Ketersediaan peserta", Resp: listOf[*dagang.Availability]()},
	"PUT /api/v1/participations/{id}/availability": {Summary: "Atur ketersediaan peserta", Body: availabilityBody{}, Resp: dagang.Availability{}},
	"GET /api/v1/events/{id}/agenda":               {Summary: "Agenda pertemuan", Resp: agendaJSON{}},
	"POST /api/v1/events/{id}/schedule":            {Summary: "Susun jadwal pertemuan", Resp: agenda.Result{}},
	"POST /api/v1/meetings/{id}/move":              {Summary: "Pindahkan dan kunci pertemuan", Body: meetingMove{}, Resp: dagang.Meeting{}},
	"POST /api/v1/meetings/{id}/lock":              {Summary: "Kunci/buka pertemuan", Body: meetingLock{}, Resp: dagang.Meeting{}},
	"POST /api/v1/deals":                           {Summary: "Catat transaksi", Body: dealBody{}, Resp: dagang.Deal{}, Status: 201},
	"PATCH /api/v1/deals/{id}":                     {Summary: "Ubah transaksi", Body: dealBody{}, Resp: dagang.Deal{}},
	"DELETE /api/v1/deals/{id}":                    {Summary: "Hapus transaksi", Status: 204},
	"POST /api/v1/deals/{id}/stage":                {Summary: "Ubah tahap transaksi", Resp: dagang.Deal{}},
	"POST /api/v1/deals/{id}/answer":               {Summary: "Jawaban mitra atas transaksi", Body: answerBody{}, Resp: dagang.Deal{}},
	"POST /api/v1/deals/{id}/realisations":         {Summary: "Catat realisasi", Resp: dagang.Realisation{}, Status: 201},
	"GET /api/v1/followups":                        {Summary: "Tindak lanjut transaksi", Query: []string{"due_before"}, Resp: listOf[dagang.FollowUp]()},
	"GET /api/v1/reports/deals":                    {Summary: "Laporan transaksi", Query: []string{"year"}, Resp: report.Deals{}},
	"GET /api/v1/imports/{id}":                     {Summary: "Kemajuan impor", Resp: importJob{}},
}

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
// encoding/json does. Fields without omitempty are always written, so
// they are required in answers.
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
		if !strings.Contains(opts, "omitempty") {
			*required = append(*required, name)
		}
	}
}

var pathParamRE = regexp.MustCompile(`\{([a-z_]+)\}`)

// openAPI builds the document from the route table.
func (s *Server) openAPI() map[string]any {
	schemas := schemaSet{m: map[string]any{}, types: map[string]reflect.Type{}}
	inputs := schemaSet{m: schemas.m, types: schemas.types, input: true}
	// "Error" is the error answer; a Go type of that name gets a prefix.
	schemas.types["Error"] = reflect.TypeFor[*dagang.Error]()
	errSchema := map[string]any{"type": "object", "required": []string{"error"}, "properties": map[string]any{
		"error": map[string]any{"type": "object", "required": []string{"code", "message"}, "properties": map[string]any{
			"code":    map[string]any{"type": "string", "enum": []string{dagang.EINVALID, dagang.ENOTFOUND, dagang.ECONFLICT, dagang.EUNAUTHORIZED, dagang.EFORBIDDEN, dagang.EINTERNAL}},
			"message": map[string]any{"type": "string"},
			"fields": map[string]any{"type": "array", "items": map[string]any{"type": "object", "properties": map[string]any{
				"field": map[string]any{"type": "string"}, "message": map[string]any{"type": "string"}}}},
		}}}}
	errResp := func(desc string) map[string]any {
		return map[string]any{"description": desc, "content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	}
	paths := map[string]map[string]any{}
	for _, r := range s.table {
		if r.Method == "" || !strings.HasPrefix(r.Pattern, "/api/") {
			continue
		}
		doc := apiDocs[r.Method+" "+r.Pattern]
		op := map[string]any{
			"operationId": strings.ToLower(r.Method) + nonName.ReplaceAllString(strings.TrimPrefix(r.Pattern, "/api"), "_"),
			"summary":     doc.Summary,
			"x-roles":     r.Rule.String(),
		}
		if op["summary"] == "" {
			op["summary"] = r.Method + " " + r.Pattern
		}
		if !r.Rule.Public {
			op["security"] = []any{map[string]any{"bearer": []string{}}, map[string]any{"session": []string{}}}
		}
		var params []any
		for _, m := range pathParamRE.FindAllStringSubmatch(r.Pattern, -1) {
			typ := "string"
			if m[1] == "id" {
				typ = "integer"
			}
			params = append(params, map[string]any{"name": m[1], "in": "path", "required": true, "schema": map[string]any{"type": typ}})
		}
		query := doc.Query
		if doc.List {
			query = append([]string{"offset", "limit", "sort", "q"}, query...)
		}
		for _, q := range append(query, "lang") {
			typ := "string"
			if q == "offset" || q == "limit" || q == "year" || strings.HasSuffix(q, "_id") {
				typ = "integer"
			}
			params = append(params, map[string]any{"name": q, "in": "query", "schema": map[string]any{"type": typ}})
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
		op["responses"] = responses
		if paths[r.Pattern] == nil {
			paths[r.Pattern] = map[string]any{}
		}
		paths[r.Pattern][strings.ToLower(r.Method)] = op
	}
	schemas.m["Error"] = errSchema
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "dagang API", "version": s.cfg.Version,
			"description": "API kerja sama perdagangan antardaerah. Pesan kesalahan berbahasa Indonesia; ?lang=en untuk bahasa Inggris. Rupiah selalu bilangan bulat (int64)."},
		"paths": paths,
		"components": map[string]any{
			"schemas": schemas.m,
			"securitySchemes": map[string]any{
				"bearer":  map[string]any{"type": "http", "scheme": "bearer", "description": "token dari `dagang token create`"},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": sessionCookie},
			},
		},
	}
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	b, err := json.Marshal(s.openAPI())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(b)
	return nil
}
