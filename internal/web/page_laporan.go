package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/export"
	"github.com/dagang/dagang/internal/importer"
	"github.com/dagang/dagang/internal/report"
)

// The report page (/laporan), its downloads, the import page with its
// background jobs, and the public page of a confirmation link (issue 7).

// laporanPage is the data of the report page.
type laporanPage struct {
	Report    *report.Deals
	Years     []int
	Year      int
	FollowUps []dagang.FollowUp
	Today     dagang.Date
	Charts    laporanCharts
}

// Pct writes a rate of 1 as a percentage with one decimal.

// StageLabel and ConfirmationLabel name deal stages and answers.
func (laporanPage) StageLabel(s dagang.DealStage) string { return report.StageLabel(s) }

func (s *Server) handleLaporan(w http.ResponseWriter, r *http.Request) error {
	y, err := reportYear(r)
	if err != nil {
		return err
	}
	rep, err := export.Report(r.Context(), s.reports, officeOf(r.Context()), y)
	if err != nil {
		return err
	}
	all := rep
	if y != 0 {
		if all, err = export.Report(r.Context(), s.reports, officeOf(r.Context()), 0); err != nil {
			return err
		}
	}
	var years []int
	for _, row := range all.ByYear {
		var n int
		fmt.Sscan(row.Key, &n)
		years = append(years, n)
	}
	today := s.today()
	fus, err := s.reports.FindFollowUps(r.Context(), dagang.FollowUpFilter{OfficeID: officeOf(r.Context()), Months: s.followUpMonths(), Today: today, DueBefore: today.AddMonths(1), Limit: 20})
	if err != nil {
		return err
	}
	events, _, err := s.reports.FindEvents(r.Context(), dagang.EventFilter{OfficeID: officeOf(r.Context()), ListOptions: dagang.ListOptions{Limit: dagang.MaxLimit}})
	if err != nil {
		return err
	}
	byID := make(map[int64]*dagang.Event, len(events))
	for _, e := range events {
		byID[e.ID] = e
	}
	byCode, err := s.provincesByCode(r.Context())
	if err != nil {
		return err
	}
	charts := newLaporanCharts(pageData{Lang: langOf(r)}, rep, byID, byCode)
	s.renderPage(w, r, http.StatusOK, "laporan", laporanPage{Report: rep, Years: years, Year: y, FollowUps: fus, Today: today, Charts: charts})
	return nil
}

// handleLaporanExport streams an export: ?format=xlsx|csv|pdf, ?year=,
// ?personal=1 to include contact persons (left out by default).
func (s *Server) handleLaporanExport(w http.ResponseWriter, r *http.Request) error {
	y, err := reportYear(r)
	if err != nil {
		return err
	}
	p := &params{r: r}
	format := enum(p, "format", oneOf(exportFormats))
	if !p.has("format") {
		p.v.Add("format", "format harus xlsx, csv atau pdf", "format must be xlsx, csv or pdf")
	}
	opt := export.Options{NoPersonal: enum(p, "personal", oneOf([]string{"0", "1"})) != "1"}
	types := map[string]string{"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}
	ct := types[format]
	if err := p.v.Err(); err != nil {
		return err
	}
	name := "transaksi-semua-tahun." + format
	if y != 0 {
		name = fmt.Sprintf("transaksi-%d.%s", y, format)
	}
	ctx := r.Context()
	var rep *report.Deals
	if format != "csv" {
		// Computed before the first byte, so an error is still a clean page.
		if rep, err = export.Report(ctx, s.reports, officeOf(r.Context()), y); err != nil {
			return err
		}
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	src := export.Deals(s.reports, officeOf(r.Context()), y)
	switch format {
	case "csv":
		err = export.CSV(ctx, w, src, opt)
	case "pdf":
		err = export.PDF(w, rep)
	default:
		err = export.XLSX(ctx, w, rep, src, opt)
	}
	if err != nil {
		// Headers are gone: the client sees a truncated download.
		s.log.Error("export", "format", format, "err", err)
	}
	return nil
}

// importKind reads the required ?kind= of an import: one of importer.Kinds
// or a name ParseKind knows for one.
func importKind(p *params) importer.Kind {
	s := enum(p, "kind", func(s string) bool { _, err := importer.ParseKind(s); return err == nil })
	if !p.has("kind") {
		p.v.Add("kind", "wajib diisi: businesses, buyers atau deals", "required: businesses, buyers or deals")
	}
	k, _ := importer.ParseKind(s)
	return k
}

// templateFormats are the formats of an import template; exportFormats
// those of the deals export.
var (
	templateFormats = []string{"xlsx", "csv"}
	exportFormats   = []string{"xlsx", "csv", "pdf"}
)

func (s *Server) handleImportTemplate(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	kind, format := importKind(p), enum(p, "format", oneOf(templateFormats))
	if err := p.v.Err(); err != nil {
		return err
	}
	if format == "" {
		format = "xlsx"
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="templat-%s.%s"`, kind, format))
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	return importer.Template(w, kind, format)
}

func (s *Server) handleImportPage(w http.ResponseWriter, r *http.Request) error {
	type kind struct{ Value, Label string }
	kinds := []kind{{"businesses", "Pelaku usaha"}, {"organisations", "Mitra (pembeli)"}, {"deals", "Transaksi"}}
	s.renderPage(w, r, http.StatusOK, "laporan_impor", map[string]any{"Kinds": kinds})
	return nil
}

// importJob is an import job as the API shows it.
type importJob struct {
	ID       int64             `json:"id"`
	Kind     importer.Kind     `json:"kind"`
	File     string            `json:"file"`
	Status   string            `json:"status"` // queued, running, done, failed
	Progress importer.Progress `json:"progress"`
	Rows     int               `json:"rows,omitempty"`
	Error    *errorBody        `json:"error,omitempty"` // in the request's language
	Started  time.Time         `json:"started"`
	Finished time.Time         `json:"finished,omitzero"`
}

// importJobOf shows a job of the jobs table; its error, a dagang.Error
// stored as the failed job's result, in the one envelope's shape and in
// lang.
func importJobOf(j *dagang.Job, lang string) importJob {
	var p importer.JobPayload
	json.Unmarshal(j.Payload, &p)
	out := importJob{ID: j.ID, Kind: p.Kind, File: p.File, Status: string(j.State), Progress: importer.Progress{Phase: "baca", Total: -1}, Started: j.CreatedAt}
	if len(j.Progress) > 0 {
		json.Unmarshal(j.Progress, &out.Progress)
	}
	switch j.State {
	case dagang.JobDone:
		var res importer.Result
		json.Unmarshal(j.Result, &res)
		out.Rows, out.Finished = res.Rows, j.UpdatedAt
	case dagang.JobFailed:
		out.Finished = j.UpdatedAt
		var de dagang.Error
		if len(j.Result) == 0 || json.Unmarshal(j.Result, &de) != nil || de.Code == "" {
			// Not the file's fault: the details are in the server's log.
			de = dagang.Error{Code: dagang.EINTERNAL, Message: "terjadi kesalahan internal; tidak ada data yang disimpan", MessageEN: "internal error; nothing was stored"}
		}
		out.Error = errorBodyOf(&de, lang)
	}
	return out
}

// handleImportUpload takes a file as the raw request body (?kind=,
// ?name=, ?update=true to update the businesses or buyers it matches,
// ?force=true to store deals that look like stored ones) and enqueues it
// as a job, answering 202; the server's job runner imports it, and GET
// /api/v1/imports/{id} reports its progress, from any server instance. An
// Idempotency-Key header makes a re-sent upload one job.
func (s *Server) handleImportUpload(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	kind := importKind(p)
	payload := importer.JobPayload{Kind: kind, File: p.str("name"), Update: p.flag("update"), Force: p.flag("force")}
	if err := p.v.Err(); err != nil {
		return err
	}
	key := r.Header.Get("Idempotency-Key")
	if len(key) > 200 {
		return invalidField("Idempotency-Key", "terlalu panjang (maks. 200 karakter)", "too long (at most 200 characters)")
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, importer.MaxFileSize))
	if err != nil {
		return &bodyError{http.StatusRequestEntityTooLarge, dagang.Errorf(dagang.EINVALID, "berkas tidak terbaca atau lebih dari 200 MB", "the file could not be read or is over 200 MB")}
	}
	if len(data) == 0 {
		return invalidField("file", "berkas kosong", "empty file")
	}
	if u := dagang.UserFromContext(r.Context()); u != nil {
		payload.UserID = u.ID
	}
	b, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	job := &dagang.Job{OfficeID: officeOf(r.Context()), Kind: importer.JobKind, Payload: b, Input: data, Key: key}
	if err := s.imports.EnqueueJob(r.Context(), job); err != nil {
		return err
	}
	if s.cfg.WakeJobs != nil {
		s.cfg.WakeJobs()
	}
	writeJSON(w, http.StatusAccepted, importJobOf(job, langOf(r)))
	return nil
}

func (s *Server) handleImportJob(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	job, err := s.imports.FindJobByID(r.Context(), id)
	if err == nil && (job.Kind != importer.JobKind || job.OfficeID != officeOf(r.Context())) {
		err = dagang.Errorf(dagang.ENOTFOUND, "", "")
	}
	if dagang.ErrorCode(err) == dagang.ENOTFOUND {
		return dagang.Errorf(dagang.ENOTFOUND, "impor %d tidak ditemukan", "import %d not found", id)
	}
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, importJobOf(job, langOf(r)))
	return nil
}

// konfirmasiPage is the public page of a confirmation link.
type konfirmasiPage struct {
	Token    string
	Deal     *dagang.Deal
	Business string
	Org      string
	Product  string
	Done     dagang.Confirmation
}

func (s *Server) konfirmasiData(ctx context.Context, token string) (konfirmasiPage, error) {
	d, err := s.confirmations.DealByToken(ctx, token)
	if err != nil {
		return konfirmasiPage{}, err
	}
	k := konfirmasiPage{Token: token, Deal: d}
	if b, err := s.confirmations.FindBusinessByID(ctx, d.BusinessID); err == nil {
		k.Business = b.Name
	}
	if o, err := s.confirmations.FindOrganisationByID(ctx, d.CounterpartID); err == nil {
		k.Org = o.Name
	}
	if c, err := s.confirmations.FindCommodityByID(ctx, d.CommodityID); err == nil {
		k.Product = c.Name
	}
	return k, nil
}

func (s *Server) handleKonfirmasi(w http.ResponseWriter, r *http.Request) error {
	k, err := s.konfirmasiData(r.Context(), r.URL.Query().Get("token"))
	if err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "konfirmasi", k)
	return nil
}

func (s *Server) handleKonfirmasiAnswer(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return invalidField("answer", "formulir tidak terbaca", "the form could not be read")
	}
	token := r.PostFormValue("token")
	k, err := s.konfirmasiData(r.Context(), token)
	if err != nil {
		return err
	}
	d, err := s.confirmations.AnswerDealByToken(r.Context(), token, dagang.Confirmation(r.PostFormValue("answer")), r.PostFormValue("note"))
	if err != nil {
		return err
	}
	k.Deal, k.Done, k.Token = d, d.Confirmation, ""
	s.renderPage(w, r, http.StatusOK, "konfirmasi", k)
	return nil
}

// laporanTable is one breakdown table of the report page.
type laporanTable struct {
	P     pageData
	Rows  []report.Row
	First string
	ID    string
}

// Pct writes a rate of 1 as a percentage with one decimal.
func (t laporanTable) Pct(x float64) string { return t.P.Dec(x*100, 1) }

// LaporanRows makes a breakdown table of the report page.
func (p pageData) LaporanRows(rows []report.Row, first, id string) laporanTable {
	return laporanTable{P: p, Rows: rows, First: first, ID: id}
}
