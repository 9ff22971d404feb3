package dagang

import (
	"context"
	"regexp"
	"strings"

	"github.com/dagang/dagang/internal/locale"
)

// Stage is how far a commodity is processed. The article's office sells
// mostly semi-finished goods and buys finished ones.
type Stage string

// Processing stages.
const (
	StageRaw      Stage = "raw"      // bahan mentah
	StageSemi     Stage = "semi"     // setengah jadi
	StageFinished Stage = "finished" // barang jadi
)

// Stages lists the stages in processing order.
var Stages = []Stage{StageRaw, StageSemi, StageFinished}

// Label returns the stage's name in Indonesian.
func (s Stage) Label() string {
	return locale.Label(locale.ID, string(s))
}

// Valid reports whether s is a known stage.
func (s Stage) Valid() bool {
	return s == StageRaw || s == StageSemi || s == StageFinished
}

// Commodity is a traded product in the catalogue, classified by a 6-digit
// HS 2022 subheading.
type Commodity struct {
	ID     int64  `json:"id"`
	Slug   string `json:"slug"` // stable key, e.g. "daging-ayam"
	Name   string `json:"name"` // Indonesian
	NameEN string `json:"name_en"`
	HSCode string `json:"hs_code"` // 6 digits, HS 2022
	HSNote string `json:"hs_note,omitempty"`
	Stage  Stage  `json:"stage"`
	Unit   string `json:"unit"` // the unit volumes are counted in, e.g. "ton"

	Inputs []InputLink `json:"inputs,omitempty"` // what this commodity is made from
}

// InputLink says that Input is used to produce Output, e.g. corn (jagung)
// is feed (pakan ternak) for chicken meat and eggs.
type InputLink struct {
	InputID  int64  `json:"input_id"`
	OutputID int64  `json:"output_id"`
	Use      string `json:"use"` // Indonesian, e.g. "pakan ternak"
}

var (
	hsCodeRE = regexp.MustCompile(`^[0-9]{6}$`)
	slugRE   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// NormalizeHSCode removes the dots of a dotted code ("1006.30" → "100630").
func NormalizeHSCode(s string) string { return strings.ReplaceAll(strings.TrimSpace(s), ".", "") }

// ValidHSCode reports whether s is a 6-digit HS subheading with a chapter
// between 01 and 97.
func ValidHSCode(s string) bool {
	if !hsCodeRE.MatchString(s) {
		return false
	}
	ch := s[:2]
	return ch >= "01" && ch <= "97" && ch != "77"
}

// Validate checks the commodity's own fields.
func (c *Commodity) Validate() error {
	var v Validation
	v.Check(slugRE.MatchString(c.Slug), "slug", "slug hanya boleh huruf kecil, angka dan tanda hubung", "slug may only hold lower-case letters, digits and hyphens")
	v.Check(strings.TrimSpace(c.Name) != "", "name", "nama komoditas wajib diisi", "commodity name is required")
	v.Check(ValidHSCode(c.HSCode), "hs_code", "kode HS harus 6 digit HS 2022 (contoh 100630)", "HS code must be a 6-digit HS 2022 subheading (e.g. 100630)")
	v.Check(c.Stage.Valid(), "stage", "tahap pengolahan harus raw, semi atau finished", "stage must be raw, semi or finished")
	v.Check(strings.TrimSpace(c.Unit) != "", "unit", "satuan wajib diisi", "unit is required")
	v.Line("name", c.Name)
	v.Line("name_en", c.NameEN)
	v.Line("unit", c.Unit)
	v.Lines("hs_note", c.HSNote)
	return v.Err()
}

// CommodityFilter selects commodities.
type CommodityFilter struct {
	ListOptions
	Stage  Stage
	HSCode string // prefix: chapter, heading or subheading
}

// CommodityService keeps the commodity catalogue.
type CommodityService interface {
	FindCommodityByID(ctx context.Context, id int64) (*Commodity, error)
	FindCommodityBySlug(ctx context.Context, slug string) (*Commodity, error)
	FindCommodities(ctx context.Context, f CommodityFilter) ([]*Commodity, int, error)
	CreateCommodity(ctx context.Context, c *Commodity) error
	// LinkInput records that input is used to make output.
	LinkInput(ctx context.Context, l InputLink) error
}
