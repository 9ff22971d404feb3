package importer_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/importer"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
)

func businesses(t *testing.T, db *store.DB, oid int64) []*dagang.Business {
	t.Helper()
	bs, _, err := db.FindBusinesses(context.Background(), dagang.BusinessFilter{OfficeID: oid, ListOptions: dagang.ListOptions{Sort: "id", Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

// messages lists "field: message" of a refusal.
func messages(err error) []string { return problemList(err, true) }

// Importing the same businesses file twice stores each business once: the
// second import is refused row by row, naming the stored business, unless
// it updates them.
func TestBusinessesFileTwice(t *testing.T) {
	db, s := demoDB(t)
	ctx := context.Background()
	opt := importer.Options{OfficeID: s.Office.ID}
	first := "nama,kabupaten,nib,skala,kontak,komoditas,kapasitas_bulanan\n" +
		"UD Dua Kali,63.03,1234567890123,kecil,Siti,kemiri,10\n" +
		"CV Tanpa NIB,63.04,,mikro,Budi,,\n"
	if _, err := importer.Run(ctx, db, importer.Businesses, strings.NewReader(first), opt); err != nil {
		t.Fatal(err)
	}
	n := len(businesses(t, db, s.Office.ID))
	var ids = map[string]int64{}
	for _, b := range businesses(t, db, s.Office.ID) {
		ids[b.Name] = b.ID
	}
	// The same file again, with the names spelt differently.
	again := "nama,kabupaten,nib,skala,kontak,komoditas,kapasitas_bulanan\n" +
		"UD Dua Kali,63.03,1234567890123,kecil,,kemiri,25\n" +
		"cv.  tanpa nib,63.04,,kecil,,,\n"
	_, err := importer.Run(ctx, db, importer.Businesses, strings.NewReader(again), opt)
	want := []string{
		`baris 2, kolom nib: NIB 1234567890123 sudah tercatat: pelaku usaha #` + itoa(ids["UD Dua Kali"]) + `; pilih "perbarui data yang sudah ada" (update) untuk memperbaruinya`,
		`baris 3, kolom nama: "cv.  tanpa nib" di kabupaten/kota yang sama sudah tercatat: pelaku usaha #` + itoa(ids["CV Tanpa NIB"]) + `; pilih "perbarui data yang sudah ada" (update) untuk memperbaruinya`,
	}
	if diff := cmp.Diff(want, messages(err)); diff != "" {
		t.Errorf("second import (-want +got):\n%s", diff)
	}
	if got := len(businesses(t, db, s.Office.ID)); got != n {
		t.Fatalf("%d businesses after a refused import, want %d", got, n)
	}
	// Updating: the same records change, a blank contact keeps the stored one.
	opt.Update = true
	res, err := importer.Run(ctx, db, importer.Businesses, strings.NewReader(again), opt)
	if err != nil || res.Rows != 2 {
		t.Fatalf("update: %+v %v", res, err)
	}
	if got := len(businesses(t, db, s.Office.ID)); got != n {
		t.Fatalf("%d businesses after an updating import, want %d", got, n)
	}
	b, err := db.FindBusinessByID(ctx, ids["UD Dua Kali"])
	if err != nil {
		t.Fatal(err)
	}
	if b.Person != "Siti" || len(b.Products) != 1 || b.Products[0].MonthlyCapacity != 25 {
		t.Errorf("updated business = %+v", b)
	}
	c, _ := db.FindBusinessByID(ctx, ids["CV Tanpa NIB"])
	if c.Size != dagang.SizeSmall || c.Person != "Budi" || c.Name != "cv.  tanpa nib" {
		t.Errorf("business matched by name = %+v", c)
	}
}

func TestDuplicatesWithinTheFile(t *testing.T) {
	db, s := demoDB(t)
	ctx := context.Background()
	file := "nama,kabupaten,nib,skala\n" +
		"UD Satu,63.03,1111111111111,kecil\n" +
		"UD Dua,63.03,1111111111111,kecil\n" +
		"UD Satu.,Kabupaten Banjar,,kecil\n" +
		"UD Satu,63.04,,kecil\n"
	_, err := importer.Run(ctx, db, importer.Businesses, strings.NewReader(file), importer.Options{OfficeID: s.Office.ID, Update: true})
	want := []string{
		"baris 3, kolom nib: NIB 1111111111111 sudah ada di baris 2 berkas ini",
		`baris 4, kolom nama: "UD Satu." di kabupaten/kota yang sama sudah ada di baris 2 berkas ini`,
	}
	if diff := cmp.Diff(want, messages(err)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	buyers := "nama,provinsi\nPT Pembeli Sama,35\npt pembeli sama,Jawa Timur\nPT Pembeli Sama,64\n"
	_, err = importer.Run(ctx, db, importer.Organisations, strings.NewReader(buyers), importer.Options{OfficeID: s.Office.ID})
	if diff := cmp.Diff([]string{`baris 3, kolom nama: "pt pembeli sama" di provinsi yang sama sudah ada di baris 2 berkas ini`}, messages(err)); diff != "" {
		t.Errorf("buyers (-want +got):\n%s", diff)
	}
}

func TestBuyersFileTwice(t *testing.T) {
	db, s := demoDB(t)
	ctx := context.Background()
	o := s.Orgs["jatim1"]
	file := "nama,provinsi,jenis,kontak\n" + strings.ToUpper(o.Name) + "," + o.ProvinceCode + ",buyer,Pak Baru\n"
	_, err := importer.Run(ctx, db, importer.Organisations, strings.NewReader(file), importer.Options{OfficeID: s.Office.ID})
	if got := messages(err); len(got) != 1 || !strings.Contains(got[0], "mitra #"+itoa(o.ID)) {
		t.Errorf("stored buyer again: %v", got)
	}
	if _, err := importer.Run(ctx, db, importer.Organisations, strings.NewReader(file), importer.Options{OfficeID: s.Office.ID, Update: true}); err != nil {
		t.Fatal(err)
	}
	got, _ := db.FindOrganisationByID(ctx, o.ID)
	if got.Person != "Pak Baru" {
		t.Errorf("updated buyer = %+v", got)
	}
}

// A deals file imported twice is refused the second time: every row is a
// likely duplicate of a stored deal, as the API's create would say. Force
// stores them anyway; an identical row within one file is always refused.
func TestDealsFileTwice(t *testing.T) {
	db, s := demoDB(t)
	ctx := context.Background()
	opt := importer.Options{OfficeID: s.Office.ID}
	if _, err := importer.Run(ctx, db, importer.Deals, dealCSV(s, 3, 0), opt); err != nil {
		t.Fatal(err)
	}
	deals, _ := count(t, db, s.Office.ID)
	_, err := importer.Run(ctx, db, importer.Deals, dealCSV(s, 3, 0), opt)
	got := messages(err)
	if len(got) != 3 || !strings.HasPrefix(got[0], "baris 2: kemungkinan duplikat dari transaksi #") {
		t.Errorf("second import: %v", got)
	}
	if d, _ := count(t, db, s.Office.ID); d != deals {
		t.Errorf("%d deals after a refused import, want %d", d, deals)
	}
	opt.Force = true
	if _, err := importer.Run(ctx, db, importer.Deals, dealCSV(s, 3, 0), opt); err != nil {
		t.Fatal(err)
	}
	twice := dealCSV(s, 2, 0).String()
	lines := strings.Split(twice, "\n")
	twice += lines[1] + "\n"
	_, err = importer.Run(ctx, db, importer.Deals, strings.NewReader(twice), opt)
	if diff := cmp.Diff([]string{"baris 4: sama persis dengan baris 2 berkas ini"}, messages(err)); diff != "" {
		t.Errorf("identical rows (-want +got):\n%s", diff)
	}
	_, err = importer.Run(ctx, db, importer.Businesses, strings.NewReader("nama,kabupaten,skala\nUD X,63.03,kecil\n"), opt)
	if e, _ := err.(*dagang.Error); e == nil || e.Fields[0].Field != "file" {
		t.Errorf("force on businesses: %v", err)
	}
	// Deals are not updated by an import (docs/rules.md): the whole
	// import is refused, nothing stored.
	before, _ := count(t, db, s.Office.ID)
	_, err = importer.Run(ctx, db, importer.Deals, dealCSV(s, 3, 0), importer.Options{OfficeID: s.Office.ID, Update: true})
	if e, _ := err.(*dagang.Error); e == nil || e.Fields[0].Field != "file" || !strings.Contains(e.MessageEN+e.Fields[0].MessageEN, "cannot be updated") {
		t.Errorf("update on deals: %v", err)
	}
	if d, _ := count(t, db, s.Office.ID); d != before {
		t.Errorf("%d deals after a refused update, want %d", d, before)
	}
}

// Every problem of a row comes in one pass, named by the template's
// columns: an unknown commodity does not hide a bad capacity.
func TestAllProblemsOfARowInOnePass(t *testing.T) {
	db, s := demoDB(t)
	file := "nama,kabupaten,skala,email,komoditas,kapasitas_bulanan\n" +
		"UD Satu Lintasan,63.03,raksasa,bukan-email,durian emas,banyak\n" +
		"UD Dua Lintasan,63.03,kecil,,kemiri,-4\n"
	_, err := importer.Run(context.Background(), db, importer.Businesses, strings.NewReader(file), importer.Options{OfficeID: s.Office.ID})
	got := fields(err)
	want := []string{"baris 2, kolom skala", "baris 2, kolom komoditas", "baris 2, kolom kapasitas_bulanan", "baris 2, kolom email", "baris 3, kolom kapasitas_bulanan"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s\n%v", diff, err)
	}
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }
