package dagang

import (
	"context"
	"strings"
	"time"

	"github.com/dagang/dagang/internal/locale"
)

// AgreementStage is where a cooperation with a partner province stands.
type AgreementStage string

// Agreement stages, in their usual order.
const (
	AgreementPotential AgreementStage = "potential" // potensial: a candidate the office targets
	AgreementExploring AgreementStage = "exploring" // penjajakan: talks under way
	AgreementSigned    AgreementStage = "signed"    // ditandatangani
	AgreementActive    AgreementStage = "active"    // berjalan
	AgreementExpired   AgreementStage = "expired"   // berakhir
)

// AgreementStages lists the stages in order.
var AgreementStages = []AgreementStage{AgreementPotential, AgreementExploring, AgreementSigned, AgreementActive, AgreementExpired}

// Valid reports whether s is a known stage.
func (s AgreementStage) Valid() bool {
	for _, t := range AgreementStages {
		if s == t {
			return true
		}
	}
	return false
}

// Label returns the stage's name in Indonesian.
func (s AgreementStage) Label() string {
	return locale.Label(locale.ID, string(s))
}

// Formal reports whether the stage means a formal agreement exists.
func (s AgreementStage) Formal() bool { return s == AgreementSigned || s == AgreementActive }

// Agreement is a trade cooperation between the office's home region and a
// partner province.
type Agreement struct {
	ID               int64          `json:"id"`
	Version          int64          `json:"version"` // raised by every change; the API's ETag
	OfficeID         int64          `json:"office_id"`
	PartnerProvince  string         `json:"partner_province_code"`
	Title            string         `json:"title"`
	Stage            AgreementStage `json:"stage"`
	Reason           string         `json:"reason,omitempty"` // why this partner
	SignedOn         Date           `json:"signed_on"`
	StartsOn         Date           `json:"starts_on"`
	EndsOn           Date           `json:"ends_on"`
	DocumentRef      string         `json:"document_ref,omitempty"` // e.g. the agreement's letter number
	ResponsibleStaff string         `json:"responsible_staff,omitempty"`
	Sample           bool           `json:"sample"`
	CreatedAt        time.Time      `json:"created_at"`
	UpdatedAt        time.Time      `json:"updated_at"`
	AgreementSharing

	History []AgreementChange `json:"history,omitempty"`
}

// AgreementChange is one step in an agreement's history.
type AgreementChange struct {
	ID          int64          `json:"id"`
	AgreementID int64          `json:"agreement_id"`
	FromStage   AgreementStage `json:"from_stage,omitempty"`
	ToStage     AgreementStage `json:"to_stage"`
	On          Date           `json:"on"`
	Note        string         `json:"note,omitempty"`
	By          string         `json:"by,omitempty"`
	// OfficeID and Office are the office that made the step: on a shared
	// agreement either office moves it.
	OfficeID int64  `json:"office_id,omitempty"`
	Office   string `json:"office,omitempty"`
}

// Validate checks the agreement's fields.
func (a *Agreement) Validate() error {
	var v Validation
	v.Check(a.OfficeID > 0, "office_id", "dinas pemilik wajib diisi", "owning office is required")
	v.Check(ValidProvinceCode(a.PartnerProvince), "partner_province_code", "kode provinsi mitra harus dua angka (contoh 64)", "partner province code must be two digits (e.g. 64)")
	v.Check(strings.TrimSpace(a.Title) != "", "title", "judul kerja sama wajib diisi", "title is required")
	v.Check(len(a.Title) <= 300, "title", "judul terlalu panjang (maks. 300 karakter)", "title is too long (max 300 characters)")
	v.Check(a.Stage.Valid(), "stage", "tahap harus potential, exploring, signed, active atau expired", "stage must be potential, exploring, signed, active or expired")
	v.Check(!a.Stage.Formal() || !a.SignedOn.IsZero(), "signed_on", "tanggal penandatanganan wajib diisi untuk kerja sama yang sudah ditandatangani", "signing date is required once the agreement is signed")
	for _, d := range []struct {
		name string
		d    Date
	}{{"signed_on", a.SignedOn}, {"starts_on", a.StartsOn}, {"ends_on", a.EndsOn}} {
		v.Check(d.d.IsZero() || validDay(d.d), d.name, "tanggal di luar rentang 1945–2200", "date out of range 1945–2200")
	}
	v.Check(a.StartsOn.IsZero() || a.EndsOn.IsZero() || !a.EndsOn.Before(a.StartsOn), "ends_on", "tanggal berakhir tidak boleh sebelum tanggal mulai", "end date cannot be before start date")
	v.Line("title", a.Title)
	v.Line("document_ref", a.DocumentRef)
	v.Line("responsible_staff", a.ResponsibleStaff)
	v.Lines("reason", a.Reason)
	v.Check(len(a.Reason) <= 4000, "reason", "alasan terlalu panjang (maks. 4000 karakter)", "reason is too long (max 4000 characters)")
	return v.Err()
}

// AgreementFilter selects agreements.
type AgreementFilter struct {
	ListOptions
	// OfficeID selects the office's agreements: its own and those another
	// office shares with it. PartnerProvince is the other side's province
	// as the office sees it (for a shared agreement, the recording
	// office's home province).
	OfficeID        int64
	PartnerProvince string
	Stage           AgreementStage
}

// AgreementService keeps cooperation agreements. Every change is audited.
type AgreementService interface {
	FindAgreementByID(ctx context.Context, id int64) (*Agreement, error)
	FindAgreements(ctx context.Context, f AgreementFilter) ([]*Agreement, int, error)
	CreateAgreement(ctx context.Context, a *Agreement) error
	// UpdateAgreement sets the fields of a that c names, not the stage
	// (MoveAgreement), and leaves a as stored.
	UpdateAgreement(ctx context.Context, a *Agreement, c Change) error
	// MoveAgreement changes the stage of the agreement at version (0: any)
	// and records the change in the history, with the acting office: the
	// recording office or, on a shared agreement, the partner office. A
	// shared agreement enters a formal stage only when both offices
	// signed it.
	MoveAgreement(ctx context.Context, id, version int64, to AgreementStage, on Date, note string) (*Agreement, error)
	// SignAgreement records the acting office's signature of a shared
	// agreement at version (0: any), replacing one it recorded before;
	// the second signature moves an agreement still in talks to signed.
	SignAgreement(ctx context.Context, id, version int64, s AgreementSigning) (*Agreement, error)
}

// TargetKind is what a yearly target counts.
type TargetKind string

// Target kinds.
const (
	TargetNewPartners       TargetKind = "new_partners"       // provinces with a new formal agreement
	TargetTransactionValue  TargetKind = "transaction_value"  // rupiah
	TargetBusinessesReached TargetKind = "businesses_reached" // distinct businesses in events
)

// Valid reports whether k is a known kind.
func (k TargetKind) Valid() bool {
	return k == TargetNewPartners || k == TargetTransactionValue || k == TargetBusinessesReached
}

// Target is a yearly goal of an office. Progress is computed from records,
// never typed in.
type Target struct {
	ID       int64      `json:"id"`
	Version  int64      `json:"version"` // raised by every change; the API's ETag
	OfficeID int64      `json:"office_id"`
	Year     int        `json:"year"`
	Kind     TargetKind `json:"kind"`
	Value    int64      `json:"value"`
	Note     string     `json:"note,omitempty"`
}

// Validate checks the target's fields.
func (t *Target) Validate() error {
	var v Validation
	v.Check(t.OfficeID > 0, "office_id", "dinas pemilik wajib diisi", "owning office is required")
	v.Check(t.Year >= 2000 && t.Year <= 2200, "year", "tahun harus antara 2000 dan 2200", "year must be between 2000 and 2200")
	v.Check(t.Kind.Valid(), "kind", "jenis target harus new_partners, transaction_value atau businesses_reached", "kind must be new_partners, transaction_value or businesses_reached")
	v.Lines("note", t.Note)
	v.Check(t.Value > 0, "value", "nilai target harus lebih dari nol", "target value must be positive")
	return v.Err()
}

// TargetFilter selects targets.
type TargetFilter struct {
	ListOptions
	OfficeID int64
	Year     int
}

// TargetService keeps yearly targets.
type TargetService interface {
	FindTargetByID(ctx context.Context, id int64) (*Target, error)
	FindTargets(ctx context.Context, f TargetFilter) ([]*Target, int, error)
	CreateTarget(ctx context.Context, t *Target) error
	// UpdateTarget sets the fields of t that c names (a year and kind no
	// other target of the office has).
	UpdateTarget(ctx context.Context, t *Target, c Change) error
	// DeleteTarget removes a target at version (0: any).
	DeleteTarget(ctx context.Context, id, version int64) error
}
