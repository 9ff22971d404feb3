package dagang

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"time"
)

// MaxDocumentBytes is the largest document that can be attached.
const MaxDocumentBytes = 10 << 20

// AgreementDocument is a file attached to an agreement: the signed text,
// minutes, letters. Its type is decided from its content, never from its
// name, and only PDF, images and Office documents are accepted.
type AgreementDocument struct {
	ID          int64     `json:"id"`
	AgreementID int64     `json:"agreement_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size_bytes"`
	SHA256      string    `json:"sha256"`
	Note        string    `json:"note,omitempty"`
	UploadedBy  string    `json:"uploaded_by"`
	UploadedAt  time.Time `json:"uploaded_at"`
	Content     []byte    `json:"-"`
}

// Validate checks the document's fields and sniffs its content, setting
// ContentType and Size.
func (d *AgreementDocument) Validate() error {
	var v Validation
	v.Check(d.AgreementID > 0, "agreement_id", "kerja sama wajib dipilih", "agreement is required")
	name := strings.TrimSpace(d.Name)
	v.Check(name != "" && len(name) <= 255 && !strings.ContainsAny(name, "/\\\x00"), "name",
		"nama berkas wajib diisi (maks. 255 karakter, tanpa / atau \\)", "file name is required (max 255 characters, no / or \\)")
	v.Line("name", d.Name)
	v.Lines("note", d.Note)
	v.Check(len(d.Note) <= 2000, "note", "catatan terlalu panjang (maks. 2000 karakter)", "note is too long (max 2000 characters)")
	switch {
	case len(d.Content) == 0:
		v.Add("file", "berkas kosong", "the file is empty")
	case len(d.Content) > MaxDocumentBytes:
		v.Add("file", "berkas terlalu besar (maks. 10 MB)", "the file is too large (max 10 MB)")
	default:
		ct, ok := SniffDocument(d.Content)
		v.Check(ok, "file", "jenis berkas tidak diterima: hanya PDF, gambar (PNG, JPEG, GIF, WebP) dan dokumen Office",
			"file type not accepted: only PDF, images (PNG, JPEG, GIF, WebP) and Office documents")
		d.ContentType = ct
	}
	d.Size = int64(len(d.Content))
	return v.Err()
}

// SniffDocument decides the type of a document from its first bytes (and,
// for Office Open XML, from the parts inside the zip): PDF, PNG, JPEG,
// GIF, WebP, Word, Excel, PowerPoint (both the current and the legacy
// format). It reports false for anything else, HTML included.
func SniffDocument(b []byte) (string, bool) {
	has := func(sig string) bool { return bytes.HasPrefix(b, []byte(sig)) }
	switch {
	case has("%PDF-"):
		return "application/pdf", true
	case has("\x89PNG\r\n\x1a\n"):
		return "image/png", true
	case has("\xff\xd8\xff"):
		return "image/jpeg", true
	case has("GIF87a"), has("GIF89a"):
		return "image/gif", true
	case has("RIFF") && len(b) >= 12 && string(b[8:12]) == "WEBP":
		return "image/webp", true
	case has("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
		return "application/x-ole-storage", true // .doc, .xls, .ppt
	case has("PK\x03\x04"):
		return sniffOOXML(b)
	}
	return "", false
}

// sniffOOXML recognises Word, Excel and PowerPoint files by their parts.
func sniffOOXML(b []byte) (string, bool) {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return "", false
	}
	types := false
	kind := ""
	for _, f := range z.File {
		switch {
		case f.Name == "[Content_Types].xml":
			types = true
		case strings.HasPrefix(f.Name, "word/"):
			kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		case strings.HasPrefix(f.Name, "xl/"):
			kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		case strings.HasPrefix(f.Name, "ppt/"):
			kind = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
		}
	}
	return kind, types && kind != ""
}

// DocumentService keeps the documents of agreements. Adding one is audited.
type DocumentService interface {
	AddAgreementDocument(ctx context.Context, d *AgreementDocument) error
	// FindAgreementDocuments lists the documents of an agreement without
	// their content, oldest first.
	FindAgreementDocuments(ctx context.Context, agreementID int64) ([]*AgreementDocument, error)
	// FindAgreementDocumentByID returns one document with its content.
	FindAgreementDocumentByID(ctx context.Context, id int64) (*AgreementDocument, error)
}
