package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/demo/demotest"
	"github.com/dagang/dagang/internal/importer"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

func demoDB(t *testing.T) (*store.DB, *demo.Story) { return demotest.Load(t) }

// dealCSV writes n deal rows; bad, when > 0, is the data row (counted
// from 1) whose value is broken.
func dealCSV(s *demo.Story, n, bad int) *bytes.Buffer {
	var b bytes.Buffer
	b.WriteString("tanggal,arah,kegiatan,pelaku_usaha,mitra,komoditas,volume,satuan,nilai,tahap,konfirmasi\n")
	org := s.Orgs["jatim1"].Name
	for i := 1; i <= n; i++ {
		value := fmt.Sprintf("Rp%d", 100_000_000+1000*i) // no row repeats another
		if i == bad {
			value = "seratus juta"
		}
		fmt.Fprintf(&b, "2019-07-%02d,penjualan,%d,CV Kemiri Banua,%q,kemiri,%d,,%s,kontrak,menunggu\n", 1+i%28, s.Events[2].ID, org, 1+i%50, value)
	}
	return &b
}

func count(t *testing.T, db *store.DB, oid int64) (deals, audit int) {
	t.Helper()
	ctx := context.Background()
	_, deals, err := db.FindDeals(ctx, dagang.DealFilter{OfficeID: oid})
	if err != nil {
		t.Fatal(err)
	}
	_, audit, err = db.FindAuditEntries(ctx, dagang.AuditFilter{OfficeID: oid})
	if err != nil {
		t.Fatal(err)
	}
	return deals, audit
}

func TestOneBadRowOutOfTenThousandStoresNothing(t *testing.T) {
	db, s := demoDB(t)
	ctx := context.Background()
	deals, audit := count(t, db, s.Office.ID)
	_, err := importer.Run(ctx, db, importer.Deals, dealCSV(s, 10_000, 7_321), importer.Options{OfficeID: s.Office.ID})
	var e *dagang.Error
	if !errorAs(err, &e) || e.Code != dagang.EINVALID {
		t.Fatalf("got %v, want EINVALID", err)
	}
	// Data row 7321 is line 7322 of the file, counting the header.
	want := []dagang.FieldError{{Field: "baris 7322, kolom nilai", Message: e.Fields[0].Message, MessageEN: e.Fields[0].MessageEN}}
	if diff := cmp.Diff(want, e.Fields); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if !strings.Contains(e.Fields[0].Message, "seratus juta") || !strings.Contains(e.Message, "tidak ada data yang disimpan") {
		t.Errorf("message does not name the value or say nothing was stored: %q / %q", e.Message, e.Fields[0].Message)
	}
	if d, a := count(t, db, s.Office.ID); d != deals || a != audit {
		t.Errorf("after a failed import: %d deals, %d audit entries; want %d, %d", d, a, deals, audit)
	}

	var phases []string
	res, err := importer.Run(ctx, db, importer.Deals, dealCSV(s, 10_000, 0), importer.Options{OfficeID: s.Office.ID, Source: "uji.csv",
		Progress: func(p importer.Progress) {
			if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
				phases = append(phases, p.Phase)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if d, a := count(t, db, s.Office.ID); res.Rows != 10_000 || d != deals+10_000 || a != audit+1 {
		t.Errorf("imported %d: %d deals, %d audit entries", res.Rows, d, a)
	}
	if diff := cmp.Diff([]string{"baca", "simpan"}, phases); diff != "" {
		t.Errorf("progress phases (-want +got):\n%s", diff)
	}
}

func errorAs(err error, e **dagang.Error) bool {
	x, ok := err.(*dagang.Error)
	*e = x
	return ok
}

func TestProblemsByRowAndColumn(t *testing.T) {
	db, s := demoDB(t)
	ctx := context.Background()
	file := "tanggal;arah;pelaku_usaha;mitra;komoditas;nilai;tahap\n" +
		"2019-02-30;penjualan;CV Kemiri Banua;" + s.Orgs["jatim1"].Name + ";kemiri;Rp1 miliar;kontrak\n" +
		"2019-03-01;ekspor;Tidak Ada;" + s.Orgs["jatim1"].Name + ";kemiri;-5;kontrak\n" +
		"2019-03-01;pembelian;;" + s.Orgs["jatim1"].Name + ";kemiri;Rp1 miliar;kontrak\n"
	_, err := importer.Run(ctx, db, importer.Deals, strings.NewReader(file), importer.Options{OfficeID: s.Office.ID})
	e, _ := err.(*dagang.Error)
	if e == nil {
		t.Fatalf("got %v", err)
	}
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Field)
	}
	want := []string{"baris 2, kolom tanggal", "baris 3, kolom arah", "baris 3, kolom pelaku_usaha", "baris 3, kolom nilai", "baris 4, kolom pelaku_usaha"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s\n%v", diff, e.Fields)
	}
	_, err = importer.Run(ctx, db, importer.Deals, strings.NewReader("tanggal,nilia\n"), importer.Options{OfficeID: s.Office.ID})
	if e, _ := err.(*dagang.Error); e == nil || len(e.Fields) == 0 || e.Fields[0].Field != "sel B1" {
		t.Errorf("misspelt header: %v", err)
	}
}

func TestExcelTemplateRoundTrip(t *testing.T) {
	db, s := demoDB(t)
	ctx := context.Background()
	for _, kind := range importer.Kinds {
		var buf bytes.Buffer
		if err := importer.Template(&buf, kind, "xlsx"); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetList()[0]
		var row []any
		switch kind {
		case importer.Businesses:
			row = []any{"UD Beras Banua Baru", "Kabupaten Banjar", "", "mikro", "Siti", "0812 3456 789", "siti@example.id", "beras", 12.5, ""}
		case importer.Organisations:
			row = []any{"PT Pembeli Samarinda", "Kalimantan Timur", "buyer"}
		case importer.Deals:
			row = []any{"10/07/2019", "penjualan", s.Mission2019.ID, "UD Beras Banua Baru", "PT Pembeli Samarinda", "beras", 40, "", "Rp1,5 miliar", "loi"}
		}
		f.SetSheetRow(sheet, "A2", &row)
		var out bytes.Buffer
		if _, err := f.WriteTo(&out); err != nil {
			t.Fatal(err)
		}
		res, err := importer.Run(ctx, db, kind, &out, importer.Options{OfficeID: s.Office.ID})
		if err != nil || res.Rows != 1 {
			t.Fatalf("%s: %+v %v", kind, res, err)
		}
	}
	ds, _, err := db.FindDeals(ctx, dagang.DealFilter{OfficeID: s.Office.ID, EventID: s.Mission2019.ID})
	if err != nil || len(ds) != 1 {
		t.Fatalf("deals of the 2019 mission: %v %v", ds, err)
	}
	d := ds[0]
	if d.ValueIDR != 1_500_000_000 || d.DealDate != dagang.MustDate("2019-07-10") || d.Unit != "ton" || d.Stage != dagang.DealLOI {
		t.Errorf("imported deal = %+v", d)
	}
}
