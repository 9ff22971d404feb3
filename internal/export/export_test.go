package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/demo/demotest"
	"github.com/dagang/dagang/internal/export"
	"github.com/dagang/dagang/internal/golden"
	"github.com/dagang/dagang/internal/store"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

func demoDB(t *testing.T) (*store.DB, *demo.Story) { return demotest.Load(t) }

// wantRows builds the deal sheet expected from the database, looking every
// name up through the ordinary finders (not the export's join).
func wantRows(t *testing.T, db *store.DB, oid int64, personal bool) [][]string {
	t.Helper()
	ctx := context.Background()
	ds, _, err := db.FindDeals(ctx, dagang.DealFilter{OfficeID: oid, ListOptions: dagang.ListOptions{Sort: "id", Limit: dagang.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, d := range ds {
		e, _ := db.FindEventByID(ctx, d.EventID)
		b, _ := db.FindBusinessByID(ctx, d.BusinessID)
		o, _ := db.FindOrganisationByID(ctx, d.CounterpartID)
		p, _ := db.FindProvinceByCode(ctx, o.ProvinceCode)
		c, _ := db.FindCommodityByID(ctx, d.CommodityID)
		rs, _ := db.FindRealisations(ctx, d.ID)
		var paid int64
		if len(rs) > 0 {
			paid = rs[len(rs)-1].PaidIDR
		}
		conf := map[dagang.Confirmation]string{dagang.ConfirmationConfirmed: "dikonfirmasi", dagang.ConfirmationPending: "menunggu konfirmasi"}[d.Confirmation]
		stage := map[dagang.DealStage]string{dagang.DealIndication: "Indikasi", dagang.DealLOI: "Surat minat (LoI)", dagang.DealContract: "Kontrak"}[d.Stage]
		row := []string{fmt.Sprint(d.ID), d.DealDate.String(), e.Name, d.Direction.Label(), b.Name}
		if personal {
			row = append(row, b.Person, b.Phone, b.Email)
		}
		row = append(row, o.Name, p.Name)
		if personal {
			row = append(row, o.Person, o.Phone, o.Email)
		}
		row = append(row, c.Name, c.Stage.Label(), fmt.Sprint(d.Volume), d.Unit, fmt.Sprint(d.ValueIDR), stage, conf, fmt.Sprint(paid),
			d.DeliveryFrom.String(), d.DeliveryTo.String(), d.Note, "ya")
		out = append(out, trimRight(row))
	}
	return out
}

// trimRight drops trailing empty cells, as excelize's GetRows does.
func trimRight(r []string) []string {
	for len(r) > 0 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}

func TestXLSXEqualsDatabase(t *testing.T) {
	db, s := demoDB(t)
	ctx := context.Background()
	for _, personal := range []bool{true, false} {
		t.Run(fmt.Sprint("personal=", personal), func(t *testing.T) {
			rep, err := export.Report(ctx, db, s.Office.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			opt := export.Options{NoPersonal: !personal}
			if err := export.XLSX(ctx, &buf, rep, export.Deals(db, s.Office.ID, 0), opt); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows(export.DealSheet, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(export.Headers(opt), rows[0]); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantRows(t, db, s.Office.ID, personal), rows[1:]); diff != "" {
				t.Errorf("deal rows (-database +excel):\n%s", diff)
			}
			panes, err := f.GetPanes(export.DealSheet)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("header not frozen: %+v %v", panes, err)
			}
			sheets := f.GetSheetList()
			if diff := cmp.Diff([]string{"Ringkasan", "Transaksi", "Per arah", "Per tahap transaksi", "Per tahap olahan", "Per kegiatan",
				"Per provinsi mitra", "Per komoditas", "Per tahun", "Neraca tahap olahan", "Arus antarprovinsi"}, sheets); diff != "" {
				t.Errorf("sheets (-want +got):\n%s", diff)
			}
			total, _ := f.GetCellValue("Ringkasan", "A1")
			if total != "Total transaksi Rp119 miliar dari 3 kegiatan temu bisnis dan misi dagang" {
				t.Errorf("summary headline = %q", total)
			}
			shown, _ := f.GetCellValue("Per kegiatan", "C2")
			if !strings.HasPrefix(shown, "Rp") {
				t.Errorf("rupiah cell shows %q, want the Rp format", shown)
			}
		})
	}
}

func TestCSVAndNoPersonal(t *testing.T) {
	db, s := demoDB(t)
	ctx := context.Background()
	var buf bytes.Buffer
	if err := export.CSV(ctx, &buf, export.Deals(db, s.Office.ID, 0), export.Options{NoPersonal: true}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := wantRows(t, db, s.Office.ID, false)
	for i := range recs {
		recs[i] = trimRight(recs[i])
	}
	if diff := cmp.Diff(want, recs[1:]); diff != "" {
		t.Errorf("csv rows (-database +csv):\n%s", diff)
	}
	for _, h := range recs[0] {
		if strings.HasPrefix(h, "Kontak") || strings.HasPrefix(h, "Telepon") || strings.HasPrefix(h, "Email") {
			t.Errorf("--no-personal export has column %q", h)
		}
	}
	for _, b := range s.Businesses {
		if b.Phone != "" && strings.Contains(buf.String(), b.Phone) {
			t.Errorf("phone of %s in a --no-personal export", b.Name)
		}
	}
}

func TestPDFHasHeadlineTotals(t *testing.T) {
	db, s := demoDB(t)
	ctx := context.Background()
	rep, err := export.Report(ctx, db, s.Office.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "laporan.pdf")
	var buf bytes.Buffer
	if err := export.PDF(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but pdftotext is missing (apt-get install -y poppler-utils)")
		}
		t.Skip("pdftotext missing: install poppler-utils to check the PDF's text")
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	golden.Check(t, "report-pdf.golden", out)
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{
		"Total transaksi Rp119 miliar dari 3 kegiatan temu bisnis dan misi dagang",
		"Nilai diumumkan Rp119.000.000.000",
		"Dinas Perdagangan Provinsi Kalimantan Selatan",
		"Neraca per tahap olahan", "setengah jadi", "Jawa Timur",
		// Event names wrapped in the chart, cut in the middle in tables:
		// the parts that tell them apart are there.
		"Selatan – Jawa Timur 2016", "Selatan – DI Yogyakarta 2017", "Selatan – Jawa Timur 2018",
		"…Jawa Timur 2016", "…Jawa Timur 2018",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q:\n%s", want, text)
		}
	}
	// No page ends with a heading whose table starts on the next page.
	for i, page := range strings.Split(string(out), "\f") {
		lines := strings.Split(strings.TrimSpace(page), "\n")
		if last := strings.TrimSpace(lines[len(lines)-1]); strings.HasPrefix(last, "Per ") || strings.HasPrefix(last, "Transaksi per") || strings.HasPrefix(last, "Neraca") {
			t.Errorf("page %d ends with the heading %q", i+1, last)
		}
	}
}
