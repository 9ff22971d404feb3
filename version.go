package dagang

import "slices"

// Change says what an update of a record changes: which fields, and from
// which version. A PATCH names the fields its body has, so two people
// changing different fields of one record both keep their change; an edit
// page or an If-Match header names the version it was read at, so a change
// made meanwhile is never overwritten silently.
type Change struct {
	// Fields are the JSON names of the fields to set; the others keep
	// their stored values. Nil sets every field the update can change.
	Fields []string
	// Version is the version the change was made from; 0 accepts any.
	// When the record is at another version the update is a *StaleError.
	Version int64
}

// Names reports whether the change sets field.
func (c Change) Names(field string) bool {
	return c.Fields == nil || slices.Contains(c.Fields, field)
}

// StaleError is the ECONFLICT of a change made from a version the record
// no longer has: someone else saved it meanwhile. Current is the record as
// it is now (nil when the store has no typed record at hand, as for a
// deletion), for the caller to show both values.
type StaleError struct {
	Current any
	Version int64 // the record's version now
}

// Stale returns the *StaleError of a record now at version, showing current.
func Stale(current any, version int64) error {
	return &StaleError{Current: current, Version: version}
}

func (e *StaleError) Error() string { return e.Unwrap().Error() }

// Unwrap gives the ECONFLICT *Error, so ErrorCode and ErrorMessage read it.
func (e *StaleError) Unwrap() error {
	return Errorf(ECONFLICT, "data ini sudah diubah orang lain (sekarang versi %d); periksa perubahannya lalu simpan lagi",
		"someone else changed this record meanwhile (now version %d); check their change, then save again", e.Version)
}
