package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/refdata"
	"github.com/dagang/dagang/internal/store"
)

// TestReferenceTables imports a newer price table on both stores: a bad
// row refuses the whole file naming row and column; a good one becomes the
// latest of its layout.
func TestReferenceTables(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		head := refdata.LayoutHeader(refdata.LayoutPrices) + "\n"
		row := func(date, value string) string {
			return "63,63,Kalimantan Selatan,rice,Beras Premium,consumer,2023-05-16," + value + ",Rp/kg,geometric mean,Badan Pangan Nasional,https://panelharga.badanpangan.go.id/," + date + "\n"
		}
		bad := &dagang.ReferenceTable{Layout: refdata.LayoutPrices, Name: "harga.csv", Content: head + row("", "14500") + row("", "mahal")}
		err := db.ImportReferenceTable(ctx, bad)
		var e *dagang.Error
		if !errors.As(err, &e) || e.Code != dagang.EINVALID || len(e.Fields) != 1 || e.Fields[0].Field != "baris 3, kolom 8 (value)" {
			t.Fatalf("bad table: %v", err)
		}
		if got, err := db.LatestReferenceTables(ctx); err != nil || len(got) != 0 {
			t.Fatalf("a refused table was stored: %v %v", got, err)
		}
		for _, v := range []string{"14000", "14500"} {
			if err := db.ImportReferenceTable(ctx, &dagang.ReferenceTable{Layout: refdata.LayoutPrices, Name: "harga-" + v + ".csv", Content: head + row("", v)}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.LatestReferenceTables(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, x := range got {
			names = append(names, x.Layout+" "+x.Name)
			if x.Rows != 1 || x.ImportedAt.IsZero() {
				t.Errorf("table %+v", x)
			}
		}
		if diff := cmp.Diff([]string{"prices harga-14500.csv"}, names); diff != "" {
			t.Errorf("latest tables (-want +got):\n%s", diff)
		}
	})
}
