package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
)

// agreementWorkflow is the data of an agreement's workflow page: its stage
// and history, the next stages it can move to, and its documents.
type agreementWorkflow struct {
	Agreement *dagang.Agreement
	Documents []*dagang.AgreementDocument
	Stages    []dagang.AgreementStage
	Today     string
	MaxMB     int
}

// officeAgreement reads the path's agreement recorded by the request's
// office: its documents are that office's.
func (s *Server) officeAgreement(r *http.Request) (*dagang.Agreement, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return officeRecord(s.agreements.FindAgreementByID, func(a *dagang.Agreement) int64 { return a.OfficeID })(r.Context(), id)
}

// pathAgreement reads the path's agreement of the request's office, its
// own or one shared with it.
func (s *Server) pathAgreement(r *http.Request) (*dagang.Agreement, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.partyAgreement(r.Context(), id)
}

func (s *Server) handleAgreementWorkflow(w http.ResponseWriter, r *http.Request) error {
	a, err := s.pathAgreement(r)
	if err != nil {
		return err
	}
	var docs []*dagang.AgreementDocument
	if a.OfficeID == officeOf(r.Context()) {
		if docs, err = s.agreements.FindAgreementDocuments(r.Context(), a.ID); err != nil {
			return err
		}
	}
	s.renderPage(w, r, http.StatusOK, "agreement_workflow", agreementWorkflow{Agreement: a, Documents: docs, Stages: dagang.AgreementStages,
		Today: s.today().String(), MaxMB: dagang.MaxDocumentBytes >> 20})
	return nil
}

// handleAgreementMove moves an agreement to a stage from the workflow
// page's form (stage, on, note); the JSON API has its own route.
func (s *Server) handleAgreementMove(w http.ResponseWriter, r *http.Request) error {
	return s.agreementForm(w, r, "on", func(ctx context.Context, a *dagang.Agreement, f *form, on dagang.Date, version int64) (string, error) {
		_, err := s.agreements.MoveAgreement(ctx, a.ID, version, dagang.AgreementStage(f.Get("stage")), on, strings.TrimSpace(f.Get("note")))
		return "Tahap kerja sama dipindahkan.", err
	})
}

// handleAgreementSign records the office's signature of a shared
// agreement from the workflow page's form (signatory, signed_on).
func (s *Server) handleAgreementSign(w http.ResponseWriter, r *http.Request) error {
	return s.agreementForm(w, r, "signed_on", func(ctx context.Context, a *dagang.Agreement, f *form, on dagang.Date, version int64) (string, error) {
		a, err := s.agreements.SignAgreement(ctx, a.ID, version, dagang.AgreementSigning{Signatory: f.Get("signatory"), SignedOn: on})
		if err == nil && a.SignedByBoth() {
			return "Tanda tangan dinas Anda dicatat; kerja sama ditandatangani kedua dinas.", nil
		}
		return "Tanda tangan dinas Anda dicatat.", err
	})
}

// agreementForm handles a form of the workflow page on the path's
// agreement (the office's own or shared with it): it reads the form, the
// date of dateField and the version the page showed, lets act change the
// agreement and goes back to the page with act's message.
func (s *Server) agreementForm(w http.ResponseWriter, r *http.Request, dateField string,
	act func(ctx context.Context, a *dagang.Agreement, f *form, on dagang.Date, version int64) (string, error)) error {
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	a, err := s.pathAgreement(r)
	if err != nil {
		return err
	}
	on, err := dagang.ParseDate(strings.TrimSpace(f.Get(dateField)))
	if err != nil {
		return invalidField(dateField, "tanggal harus berbentuk TTTT-BB-HH", "the date must look like YYYY-MM-DD")
	}
	version, err := formVersion(f)
	if err != nil {
		return err
	}
	msg, err := act(r.Context(), a, f, on, version)
	if err != nil {
		return err
	}
	s.done(w, r, fmt.Sprintf("/agreements/%d/workflow", a.ID), msg)
	return nil
}

// upload reads a multipart upload (field "file", optional "note") and
// stores it as a document of the path's agreement.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) (*dagang.AgreementDocument, error) {
	a, err := s.officeAgreement(r)
	if err != nil {
		return nil, err
	}
	r.Body = http.MaxBytesReader(w, r.Body, dagang.MaxDocumentBytes+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, invalidField("file", "berkas terlalu besar (maks. 10 MB)", "the file is too large (max 10 MB)")
		}
		return nil, invalidField("file", "unggahan harus multipart/form-data dengan kolom file", "the upload must be multipart/form-data with a file field")
	}
	defer r.MultipartForm.RemoveAll()
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return nil, invalidField("file", "pilih berkas yang akan diunggah", "choose a file to upload")
	}
	defer file.Close()
	b, err := io.ReadAll(io.LimitReader(file, dagang.MaxDocumentBytes+1))
	if err != nil {
		return nil, invalidField("file", "berkas tidak dapat dibaca", "the file could not be read")
	}
	d := &dagang.AgreementDocument{AgreementID: a.ID, Name: hdr.Filename, Note: r.FormValue("note"), Content: b, UploadedBy: actor(r)}
	return d, s.agreements.AddAgreementDocument(r.Context(), d)
}

func (s *Server) handleDocumentUpload(w http.ResponseWriter, r *http.Request) error {
	d, err := s.upload(w, r)
	if err != nil {
		return err
	}
	s.done(w, r, fmt.Sprintf("/agreements/%d/workflow#documents", d.AgreementID), "Dokumen diunggah.")
	return nil
}

func (s *Server) handleDocumentUploadAPI(w http.ResponseWriter, r *http.Request) error {
	d, err := s.upload(w, r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, d)
	return nil
}

func (s *Server) handleDocumentsAPI(w http.ResponseWriter, r *http.Request) error {
	a, err := s.officeAgreement(r)
	if err != nil {
		return err
	}
	docs, err := s.agreements.FindAgreementDocuments(r.Context(), a.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page[*dagang.AgreementDocument]{Items: docs, Total: len(docs), Limit: len(docs)})
	return nil
}

// handleDocumentDownload serves a document as an attachment, never
// rendered by the browser: its sniffed type, nosniff, and a sandbox.
func (s *Server) handleDocumentDownload(w http.ResponseWriter, r *http.Request) error {
	a, err := s.officeAgreement(r)
	if err != nil {
		return err
	}
	docID, err := strconv.ParseInt(r.PathValue("doc"), 10, 64)
	if err != nil || docID <= 0 {
		return invalidField("doc", "id dokumen harus bilangan bulat positif", "the document id must be a positive whole number")
	}
	d, err := s.agreements.FindAgreementDocumentByID(r.Context(), docID)
	if err != nil {
		return err
	}
	if d.AgreementID != a.ID {
		return dagang.Errorf(dagang.ENOTFOUND, "dokumen %d tidak ditemukan", "document %d not found", docID)
	}
	h := w.Header()
	h.Set("Content-Type", d.ContentType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.Name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(d.Content)))
	w.Write(d.Content)
	return nil
}
