package dagang

import (
	"context"
	"strings"
	"time"
)

// Statistic is one official figure, such as a province's production of a
// commodity in a year, kept with its unit, status and source. Figures are
// imported, never typed in by hand or estimated silently.
type Statistic struct {
	ID           int64   `json:"id"`
	ProvinceCode string  `json:"province_code"` // "00" for Indonesia as a whole
	Commodity    string  `json:"commodity"`     // as in the source file, e.g. "rice"
	Measure      string  `json:"measure"`       // e.g. "padi_production_gkg"
	Year         int     `json:"year"`
	Value        float64 `json:"value"`
	Unit         string  `json:"unit"`
	Status       string  `json:"status"` // final, preliminary, ...
	Publisher    string  `json:"publisher"`
	SourceURL    string  `json:"source_url"`
	Note         string  `json:"note,omitempty"`
}

// Validate checks the statistic's fields.
func (s *Statistic) Validate() error {
	var v Validation
	v.Check(s.ProvinceCode == "00" || ValidProvinceCode(s.ProvinceCode), "province_code", "kode provinsi harus dua angka (00 untuk nasional)", "province code must be two digits (00 for national)")
	v.Check(strings.TrimSpace(s.Commodity) != "", "commodity", "komoditas wajib diisi", "commodity is required")
	v.Check(strings.TrimSpace(s.Measure) != "", "measure", "ukuran wajib diisi", "measure is required")
	v.Check(s.Year >= 1900 && s.Year <= 2200, "year", "tahun harus antara 1900 dan 2200", "year must be between 1900 and 2200")
	v.Check(s.Value >= 0 && s.Value < 1e15, "value", "nilai tidak boleh negatif", "value cannot be negative")
	v.Check(strings.TrimSpace(s.Unit) != "", "unit", "satuan wajib diisi", "unit is required")
	v.Check(strings.TrimSpace(s.Status) != "", "status", "status (final/sementara) wajib diisi", "status (final/preliminary) is required")
	for _, f := range []struct{ name, s string }{{"commodity", s.Commodity}, {"measure", s.Measure}, {"unit", s.Unit}, {"status", s.Status}, {"publisher", s.Publisher}, {"source_url", s.SourceURL}} {
		v.Line(f.name, f.s)
	}
	v.Lines("note", s.Note)
	v.Check(strings.TrimSpace(s.Publisher) != "" || strings.TrimSpace(s.SourceURL) != "", "publisher", "sumber data wajib diisi", "source is required")
	return v.Err()
}

// DeclarationKind says what staff declare about a province's commodity.
type DeclarationKind string

// Declaration kinds.
const (
	DeclaredSurplus DeclarationKind = "surplus" // the province has plenty to sell
	DeclaredNeed    DeclarationKind = "need"    // the province needs to buy
)

// Declaration is what trade-office staff know and state, such as "Kaltim
// has abundant corn", with who said it and when. It is evidence of a
// different kind from statistics and is always shown as such.
type Declaration struct {
	ID           int64           `json:"id"`
	Version      int64           `json:"version"` // raised by every change; the API's ETag
	OfficeID     int64           `json:"office_id"`
	ProvinceCode string          `json:"province_code"`
	CommodityID  int64           `json:"commodity_id"`
	Kind         DeclarationKind `json:"kind"`
	Statement    string          `json:"statement"`
	DeclaredBy   string          `json:"declared_by"`
	DeclaredOn   Date            `json:"declared_on"`
	Source       string          `json:"source,omitempty"` // e.g. a news report
	CreatedAt    time.Time       `json:"created_at"`
}

// Validate checks the declaration's fields.
func (d *Declaration) Validate() error {
	var v Validation
	v.Check(d.OfficeID > 0, "office_id", "dinas pemilik wajib diisi", "owning office is required")
	v.Check(ValidProvinceCode(d.ProvinceCode), "province_code", "kode provinsi harus dua angka", "province code must be two digits")
	v.Check(d.CommodityID > 0, "commodity_id", "komoditas wajib dipilih", "commodity is required")
	v.Check(d.Kind == DeclaredSurplus || d.Kind == DeclaredNeed, "kind", "jenis harus surplus atau need", "kind must be surplus or need")
	v.Check(strings.TrimSpace(d.DeclaredBy) != "", "declared_by", "nama yang menyatakan wajib diisi", "who declared it is required")
	v.Lines("statement", d.Statement)
	v.Line("declared_by", d.DeclaredBy)
	v.Line("source", d.Source)
	v.Check(!d.DeclaredOn.IsZero() && validDay(d.DeclaredOn), "declared_on", "tanggal pernyataan wajib diisi", "declaration date is required")
	return v.Err()
}

// StatisticFilter selects statistics.
type StatisticFilter struct {
	ListOptions
	ProvinceCode string
	Commodity    string
	Year         int
}

// DeclarationFilter selects declarations.
type DeclarationFilter struct {
	ListOptions
	OfficeID     int64
	ProvinceCode string
	CommodityID  int64
}

// EvidenceService keeps the evidence behind partner analysis.
type EvidenceService interface {
	FindStatistics(ctx context.Context, f StatisticFilter) ([]*Statistic, int, error)
	FindStatisticByID(ctx context.Context, id int64) (*Statistic, error)
	// ImportStatistics stores all of ss or, on any invalid one, none.
	ImportStatistics(ctx context.Context, ss []*Statistic) error
	FindDeclarations(ctx context.Context, f DeclarationFilter) ([]*Declaration, int, error)
	FindDeclarationByID(ctx context.Context, id int64) (*Declaration, error)
	CreateDeclaration(ctx context.Context, d *Declaration) error
	// UpdateDeclaration sets the fields of d that c names, keeping its office.
	UpdateDeclaration(ctx context.Context, d *Declaration, c Change) error
	// DeleteDeclaration removes a declaration at version (0: any).
	DeleteDeclaration(ctx context.Context, id, version int64) error
	// ImportReferenceTable stores a table replacing an embedded one of the
	// same layout after checking every row (EINVALID naming row and column).
	ImportReferenceTable(ctx context.Context, t *ReferenceTable) error
	// LatestReferenceTables returns the latest import of each layout.
	LatestReferenceTables(ctx context.Context) ([]*ReferenceTable, error)
}

// ReferenceTable is a table an office imported to replace an embedded one
// of the same layout (the trade survey, consumer prices): the CSV as
// loaded, checked row by row before it is stored. The latest import of a
// layout is used.
type ReferenceTable struct {
	ID         int64     `json:"id"`
	Layout     string    `json:"layout"`
	Name       string    `json:"name"`
	Content    string    `json:"-"`
	Rows       int       `json:"rows"`
	ImportedAt time.Time `json:"imported_at"`
}
