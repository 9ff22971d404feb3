package dagang

import (
	"math"
	"strings"
	"unicode"
)

// NormalName is a name as duplicates are compared: lower case, letters
// and digits only, words separated by one space. "CV. Kemiri  Banua" and
// "cv kemiri banua" are the same name.
func NormalName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
			continue
		}
		space = true
	}
	return b.String()
}

// DealKey is what two deals must share to look alike: the office, event,
// business, counterpart, commodity and direction.
type DealKey struct {
	OfficeID, EventID, BusinessID, CounterpartID, CommodityID int64
	Direction                                                 Direction
}

// Key returns the deal's DealKey.
func (d *Deal) Key() DealKey {
	return DealKey{d.OfficeID, d.EventID, d.BusinessID, d.CounterpartID, d.CommodityID, d.Direction}
}

// LikelyDuplicate reports whether b looks like a: the same key, and the
// same deal date or a value within DuplicateTolerance. It is the rule
// FindLikelyDuplicates applies in SQL, for deals not stored yet.
func LikelyDuplicate(a, b *Deal) bool {
	if a.Key() != b.Key() {
		return false
	}
	if a.DealDate == b.DealDate {
		return true
	}
	lo, hi := DuplicateRange(a.ValueIDR)
	return b.ValueIDR >= lo && b.ValueIDR <= hi
}

// DuplicateRange is the range of values that look like v.
func DuplicateRange(v int64) (lo, hi int64) {
	lo = int64(math.Ceil(float64(v) * (1 - DuplicateTolerance)))
	h := float64(v) / (1 - DuplicateTolerance)
	if h > float64(MaxDealValue) {
		h = float64(MaxDealValue)
	}
	return lo, int64(math.Floor(h))
}

// DuplicateTolerance is how close two values must be, as a fraction of
// the larger, for deals between the same parties to look alike.
const DuplicateTolerance = 0.05
