package dagang

import (
	"strings"
	"time"
)

// Shared agreements (issue 20 §3). A cooperation agreement an office
// records with a partner province is shared with that province's office
// when it has one on the deployment (the first one made, when the province
// has several): it is one record both offices see and move through its
// stages, and each office records its own signature. The recording office
// keeps the agreement's fields (title, reason, dates, document number and
// documents); the partner office moves the stage and signs for its side.
//
// A shared agreement enters a formal stage (signed, active) only once both
// offices signed it: one side's signature leaves it waiting for the
// other's, and the second signature moves an agreement still in talks to
// signed by itself. An agreement with a province that has no office on the
// deployment is the recording office's alone, as before: its signing date
// is the date of the move to signed.
//
// Agreements two offices recorded of each other before sharing existed (a
// pair, each office's own) stay two records: neither is shared, and the
// national view counts the pair once (docs/operations.md).

// AgreementSharing is an agreement's shared side, set by the agreement's
// service: the recording office's home province, the partner office and
// the signatures.
type AgreementSharing struct {
	// HomeProvince is the recording office's home province: the partner
	// office sees the agreement as one with that province.
	HomeProvince string `json:"home_province_code,omitempty"`
	// PartnerOfficeID is the partner province's office the agreement is
	// shared with (0: not shared). Office and PartnerOffice are the two
	// offices' names.
	PartnerOfficeID int64  `json:"partner_office_id,omitempty"`
	Office          string `json:"office,omitempty"`
	PartnerOffice   string `json:"partner_office,omitempty"`
	// Signatures are the offices' signatures of a shared agreement, the
	// recording office's first.
	Signatures []AgreementSignature `json:"signatures,omitempty"`
}

// AgreementSignature is one office's signature of a shared agreement: who
// signed it in the office's name, and when; who recorded it.
type AgreementSignature struct {
	OfficeID   int64     `json:"office_id"`
	Office     string    `json:"office"`    // the office's name, in whose name it was signed
	Signatory  string    `json:"signatory"` // who signed for the office: name and position
	SignedOn   Date      `json:"signed_on"`
	RecordedBy string    `json:"recorded_by"`
	RecordedAt time.Time `json:"recorded_at"`
}

// AgreementSigning is an office's signature as it is recorded: the body of
// POST /api/v1/agreements/{id}/sign.
type AgreementSigning struct {
	Signatory string `json:"signatory"`
	SignedOn  Date   `json:"signed_on"`
}

// Validate checks the signature's fields.
func (s *AgreementSigning) Validate() error {
	var v Validation
	v.Check(strings.TrimSpace(s.Signatory) != "", "signatory", "tuliskan siapa yang menandatangani atas nama dinas (nama dan jabatan)", "write who signed in the office's name (name and position)")
	v.Check(len(s.Signatory) <= 300, "signatory", "nama penanda tangan terlalu panjang (maks. 300 karakter)", "signatory is too long (max 300 characters)")
	v.Line("signatory", s.Signatory)
	v.Check(!s.SignedOn.IsZero(), "signed_on", "tanggal penandatanganan wajib diisi", "signing date is required")
	v.Check(s.SignedOn.IsZero() || validDay(s.SignedOn), "signed_on", "tanggal di luar rentang 1945–2200", "date out of range 1945–2200")
	return v.Err()
}

// Shared reports whether the agreement is shared with a partner office.
func (a *Agreement) Shared() bool { return a.PartnerOfficeID != 0 }

// Party reports whether office sees the agreement: it records it, or the
// agreement is shared with it.
func (a *Agreement) Party(office int64) bool {
	return office != 0 && (office == a.OfficeID || office == a.PartnerOfficeID)
}

// Other is the province on the other side of the agreement as office sees
// it: the partner province for the recording office, the recording
// office's home province for the partner office.
func (a *Agreement) Other(office int64) string {
	if a.Shared() && office == a.PartnerOfficeID && a.HomeProvince != "" {
		return a.HomeProvince
	}
	return a.PartnerProvince
}

// OfficeName is the name of office, one of the agreement's two.
func (a *Agreement) OfficeName(office int64) string {
	if office == a.PartnerOfficeID {
		return a.PartnerOffice
	}
	return a.Office
}

// SignatureOf is office's signature, nil when it has not signed.
func (a *Agreement) SignatureOf(office int64) *AgreementSignature {
	for i := range a.Signatures {
		if a.Signatures[i].OfficeID == office {
			return &a.Signatures[i]
		}
	}
	return nil
}

// SignedByBoth reports whether both offices of a shared agreement signed it.
func (a *Agreement) SignedByBoth() bool {
	return a.Shared() && a.SignatureOf(a.OfficeID) != nil && a.SignatureOf(a.PartnerOfficeID) != nil
}

// AwaitingSignature is the office whose signature a shared agreement waits
// for once the other office signed (0: none signed, or both).
func (a *Agreement) AwaitingSignature() int64 {
	if !a.Shared() {
		return 0
	}
	own, partner := a.SignatureOf(a.OfficeID) != nil, a.SignatureOf(a.PartnerOfficeID) != nil
	switch {
	case own && !partner:
		return a.PartnerOfficeID
	case partner && !own:
		return a.OfficeID
	}
	return 0
}

// LastSigned is the later date of a shared agreement's signatures: the
// date it was signed by both.
func (a *Agreement) LastSigned() Date {
	var last Date
	for _, s := range a.Signatures {
		if last.IsZero() || last.Before(s.SignedOn) {
			last = s.SignedOn
		}
	}
	return last
}
