package importer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo/demotest"
	"github.com/dagang/dagang/internal/importer"
	"github.com/dagang/dagang/internal/store"
)

// checkingStore receives what an import would store and checks that every
// record handed over is valid: the importer refuses bad rows itself.
type checkingStore struct {
	*store.DB // the stored deals duplicates are looked for in
	names     *dagang.NameIndex
	stored    int
	bad       error
}

func (s *checkingStore) NameIndex(context.Context, int64) (*dagang.NameIndex, error) {
	return s.names, nil
}

func (s *checkingStore) ImportDeals(_ context.Context, _ int64, ds []*dagang.Deal, _ string, _ func(int)) error {
	for _, d := range ds {
		if err := d.Validate(); err != nil && s.bad == nil {
			s.bad = fmt.Errorf("deal %+v: %w", d, err)
		}
	}
	s.stored += len(ds)
	return nil
}

func (s *checkingStore) ImportBusinesses(_ context.Context, _ int64, bs []*dagang.Business, _ string, _ func(int)) error {
	for _, b := range bs {
		if err := b.Validate(); err != nil && s.bad == nil {
			s.bad = fmt.Errorf("business %+v: %w", b, err)
		}
	}
	s.stored += len(bs)
	return nil
}

func (s *checkingStore) ImportOrganisations(_ context.Context, _ int64, os []*dagang.Organisation, _ string, _ func(int)) error {
	for _, o := range os {
		if err := o.Validate(); err != nil && s.bad == nil {
			s.bad = fmt.Errorf("organisation %+v: %w", o, err)
		}
	}
	s.stored += len(os)
	return nil
}

// FuzzImport feeds arbitrary files (CSV and Excel) to every kind of
// import: no panic, every refusal is a *dagang.Error (a 4xx, never an
// internal error), and what reaches the store is valid.
func FuzzImport(f *testing.F) {
	ctx := context.Background()
	db, s := demotest.Load(f)
	names, err := db.NameIndex(ctx, s.Office.ID)
	if err != nil {
		f.Fatal(err)
	}
	kinds := []importer.Kind{importer.Deals, importer.Businesses, importer.Organisations}
	for i, k := range kinds {
		var csv, xlsx bytes.Buffer
		importer.Template(&csv, k, "csv")
		importer.Template(&xlsx, k, "xlsx")
		f.Add(uint8(i), csv.Bytes())
		f.Add(uint8(i), xlsx.Bytes())
	}
	f.Add(uint8(0), dealCSV(s, 3, 2).Bytes())
	f.Add(uint8(0), dealCSV(s, 2, 0).Bytes())
	f.Add(uint8(1), []byte("nama,kabupaten,skala\nUD Uji,63.04,mikro\n\"UD \"\"Kutip\",Banjar,kecil\n"))
	f.Add(uint8(2), []byte("nama,provinsi,jenis\nPT Uji,35,pembeli\n,99,x\n"))
	f.Fuzz(func(t *testing.T, kind uint8, file []byte) {
		st := &checkingStore{DB: db, names: names}
		res, err := importer.Run(ctx, st, kinds[int(kind)%len(kinds)], bytes.NewReader(file), importer.Options{OfficeID: s.Office.ID, Source: "fuzz"})
		if err != nil {
			var de *dagang.Error
			if !errors.As(err, &de) || de.Code != dagang.EINVALID {
				t.Fatalf("refusal is not a validation error: %v", err)
			}
			if st.stored != 0 {
				t.Fatalf("a refused file stored %d records", st.stored)
			}
			return
		}
		if st.bad != nil {
			t.Fatalf("an invalid record reached the store: %v", st.bad)
		}
		if res.Rows != st.stored {
			t.Fatalf("result says %d rows, the store got %d", res.Rows, st.stored)
		}
	})
}
