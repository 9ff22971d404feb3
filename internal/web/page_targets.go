package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

// handleTargetCreate records a yearly target from the dashboard's form:
// a count of new partners or businesses reached, or a transaction value
// in rupiah written the Indonesian way ("Rp150 miliar"). Progress is never
// typed: the dashboard computes it from the records (store.Summary).
func (s *Server) handleTargetCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, nil)
	if err != nil {
		return err
	}
	var v dagang.Validation
	year, err := strconv.Atoi(strings.TrimSpace(f.Get("year")))
	v.Check(err == nil, "year", "tahun harus bilangan bulat", "the year must be a whole number")
	t := &dagang.Target{OfficeID: officeOf(r.Context()), Year: year, Kind: dagang.TargetKind(f.Get("kind")), Note: strings.TrimSpace(f.Get("note"))}
	raw := strings.TrimSpace(f.Get("value"))
	if t.Kind == dagang.TargetTransactionValue {
		t.Value, err = money.Parse(raw)
		v.Check(err == nil, "value", "nilai rupiah tidak dikenali (contoh: Rp150 miliar)", "the rupiah amount is not recognised (e.g. Rp150 miliar)")
	} else {
		t.Value, err = strconv.ParseInt(raw, 10, 64)
		v.Check(err == nil, "value", "sasaran harus bilangan bulat", "the target must be a whole number")
	}
	if err := v.Err(); err != nil {
		return err
	}
	if err := s.targets.CreateTarget(r.Context(), t); err != nil {
		return err
	}
	s.done(w, r, fmt.Sprintf("/?year=%d", t.Year), "Target dicatat.")
	return nil
}
