package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/dagang/dagang"
)

var _ dagang.DocumentService = (*DB)(nil)

const documentCols = `id, agreement_id, name, content_type, size_bytes, sha256, note, uploaded_by, uploaded_at`

func scanDocument(s scanner) (*dagang.AgreementDocument, error) {
	var x dagang.AgreementDocument
	err := s.Scan(&x.ID, &x.AgreementID, &x.Name, &x.ContentType, &x.Size, &x.SHA256, &x.Note, &x.UploadedBy, &x.UploadedAt)
	return &x, err
}

// AddAgreementDocument stores a document of an agreement after checking
// its size and sniffing its type, and audits it (without the content).
func (d *DB) AddAgreementDocument(ctx context.Context, x *dagang.AgreementDocument) error {
	x.Name = strings.TrimSpace(x.Name)
	if x.UploadedBy == "" {
		x.UploadedBy = "sistem"
		if u := dagang.UserFromContext(ctx); u != nil {
			x.UploadedBy = u.Name
		}
	}
	if err := x.Validate(); err != nil {
		return err
	}
	sum := sha256.Sum256(x.Content)
	x.SHA256 = hex.EncodeToString(sum[:])
	x.UploadedAt = d.now().UTC()
	err := d.inTx(ctx, func(t tx) error {
		var officeID int64
		if err := t.queryRow(ctx, "SELECT office_id FROM agreements WHERE id = ?", x.AgreementID).Scan(&officeID); err != nil {
			if isNoRows(err) {
				return notFound("kerja sama", "agreement", x.AgreementID)
			}
			return err
		}
		id, err := t.insert(ctx, "INSERT INTO agreement_documents (agreement_id, name, content_type, size_bytes, sha256, content, note, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			x.AgreementID, x.Name, x.ContentType, x.Size, x.SHA256, x.Content, x.Note, x.UploadedBy, x.UploadedAt)
		if err != nil {
			return err
		}
		x.ID = id
		return d.audit(ctx, t, officeID, "agreement_document", id, "create", nil, x)
	})
	return d.mapError(err)
}

// FindAgreementDocuments lists an agreement's documents without content.
func (d *DB) FindAgreementDocuments(ctx context.Context, agreementID int64) ([]*dagang.AgreementDocument, error) {
	rows, err := d.read().query(ctx, "SELECT "+documentCols+" FROM agreement_documents WHERE agreement_id = ? ORDER BY id", agreementID)
	if err != nil {
		return nil, d.mapError(err)
	}
	defer rows.Close()
	out := []*dagang.AgreementDocument{}
	for rows.Next() {
		x, err := scanDocument(rows)
		if err != nil {
			return nil, d.mapError(err)
		}
		out = append(out, x)
	}
	return out, d.mapError(rows.Err())
}

// FindAgreementDocumentByID returns one document with its content.
func (d *DB) FindAgreementDocumentByID(ctx context.Context, id int64) (*dagang.AgreementDocument, error) {
	x, err := get(ctx, d.read(), "SELECT "+documentCols+", content FROM agreement_documents WHERE id = ?", "dokumen", "document", id,
		func(s scanner) (*dagang.AgreementDocument, error) {
			var x dagang.AgreementDocument
			err := s.Scan(&x.ID, &x.AgreementID, &x.Name, &x.ContentType, &x.Size, &x.SHA256, &x.Note, &x.UploadedBy, &x.UploadedAt, &x.Content)
			return &x, err
		})
	return x, d.mapError(err)
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
