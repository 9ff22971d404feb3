package complement

import (
	"math"
	"time"

	"github.com/dagang/dagang"
)

// Validate checks one piece of evidence before it is stored, for example a
// declaration typed in by staff. Statistics need a value, a unit, a status
// and a publisher; declarations need the person and the date (YYYY-MM-DD).
// It returns an EINVALID *dagang.Error naming every bad field.
func (e Evidence) Validate() error {
	var v dagang.Validation
	v.Check(e.ID != "", "id", "ID wajib diisi", "the ID is required")
	v.Check(len(e.Province) == 2 && isDigits(e.Province), "province",
		"kode provinsi harus dua angka", "the province code must be two digits")
	v.Check(isSlug(e.Commodity), "commodity", "komoditas wajib diisi", "the commodity is required")
	v.Check(e.Year >= 1900 && e.Year <= 2100, "year", "tahun harus 1900–2100", "the year must be 1900–2100")
	validValue := e.Value == nil || !math.IsNaN(*e.Value) && !math.IsInf(*e.Value, 0) && *e.Value >= 0
	v.Check(validValue, "value", "nilai harus angka tidak negatif", "the value must be a non-negative number")
	switch e.Kind {
	case Production, Consumption, ConsumptionPerCapita:
		v.Check(e.Value != nil, "value", "statistik wajib berisi nilai", "a statistic needs a value")
		v.Check(e.Unit != "", "unit", "satuan wajib diisi", "the unit is required")
		v.Check(e.Status == StatusFinal || e.Status == StatusPreliminary || e.Status == StatusPublished || e.Status == StatusEstimate,
			"status", "status harus final, preliminary, published atau estimate",
			"the status must be final, preliminary, published or estimate")
		v.Check(e.Source.Publisher != "", "source.publisher", "penerbit wajib diisi", "the publisher is required")
	case SurplusDeclared, NeedDeclared:
		v.Check(e.Value == nil || e.Unit != "", "unit", "nilai memerlukan satuan", "a value needs a unit")
		v.Check(e.Source.Person != "", "source.person", "nama yang menyatakan wajib diisi",
			"the name of the person declaring is required")
		_, err := time.Parse(time.DateOnly, e.Source.Date)
		v.Check(err == nil, "source.date", "tanggal harus berformat YYYY-MM-DD", "the date must be YYYY-MM-DD")
	default:
		v.Add("kind", "jenis bukti tidak dikenal", "unknown kind of evidence")
	}
	return v.Err()
}
