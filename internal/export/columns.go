// Package export writes an office's deals and their reports to Excel
// (excelize's StreamWriter: one sheet per view, rupiah formatted, frozen
// header), CSV and a PDF annual report. Every writer streams its deal rows
// from a callback, so memory stays constant however many deals there are,
// and every writer can leave out personal data (names, phones and e-mails
// of contact persons).
package export

import (
	"context"
	"fmt"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/report"
)

// Source streams deal records to fn, one at a time (the record may be
// reused after fn returns).
type Source func(ctx context.Context, fn func(*dagang.DealRecord) error) error

// Options choose what an export holds.
type Options struct {
	// NoPersonal leaves out contact persons' names, phones and e-mails.
	NoPersonal bool
}

// kind is how a column's values are written.
type kind int

const (
	kText kind = iota
	kInt
	kRupiah
	kNumber
)

// column is one column of the deal sheet.
type column struct {
	header   string
	kind     kind
	width    float64
	personal bool
	value    func(r *dagang.DealRecord) any
}

func contactCols(who string, c func(r *dagang.DealRecord) *dagang.Contact) []column {
	return []column{
		{"Kontak " + who, kText, 20, true, func(r *dagang.DealRecord) any { return c(r).Person }},
		{"Telepon " + who, kText, 16, true, func(r *dagang.DealRecord) any { return c(r).Phone }},
		{"Email " + who, kText, 24, true, func(r *dagang.DealRecord) any { return c(r).Email }},
	}
}

// dealColumns lists the deal sheet's columns, in order.
var dealColumns = func() []column {
	cols := []column{
		{"ID", kInt, 8, false, func(r *dagang.DealRecord) any { return r.ID }},
		{"Tanggal", kText, 11, false, func(r *dagang.DealRecord) any { return r.DealDate.String() }},
		{"Kegiatan", kText, 40, false, func(r *dagang.DealRecord) any { return r.EventName }},
		{"Arah", kText, 11, false, func(r *dagang.DealRecord) any { return r.Direction.Label() }},
		{"Pelaku usaha", kText, 28, false, func(r *dagang.DealRecord) any { return r.BusinessName }},
	}
	cols = append(cols, contactCols("usaha", func(r *dagang.DealRecord) *dagang.Contact { return &r.BusinessContact })...)
	cols = append(cols,
		column{"Mitra", kText, 28, false, func(r *dagang.DealRecord) any { return r.CounterpartName }},
		column{"Provinsi mitra", kText, 18, false, func(r *dagang.DealRecord) any { return r.CounterpartProv }},
	)
	cols = append(cols, contactCols("mitra", func(r *dagang.DealRecord) *dagang.Contact { return &r.CounterpartContact })...)
	return append(cols,
		column{"Komoditas", kText, 18, false, func(r *dagang.DealRecord) any { return r.CommodityName }},
		column{"Tahap olahan", kText, 14, false, func(r *dagang.DealRecord) any { return stageText(r.CommodityStage) }},
		column{"Volume", kNumber, 10, false, func(r *dagang.DealRecord) any { return r.Volume }},
		column{"Satuan", kText, 8, false, func(r *dagang.DealRecord) any { return r.Unit }},
		column{"Nilai (Rp)", kRupiah, 20, false, func(r *dagang.DealRecord) any { return r.ValueIDR }},
		column{"Tahap transaksi", kText, 16, false, func(r *dagang.DealRecord) any { return report.StageLabel(r.Stage) }},
		column{"Konfirmasi mitra", kText, 20, false, func(r *dagang.DealRecord) any { return report.ConfirmationLabel(r.Confirmation) }},
		column{"Terealisasi (Rp)", kRupiah, 20, false, func(r *dagang.DealRecord) any { return min(r.PaidIDR, r.ValueIDR) }},
		column{"Pengiriman dari", kText, 12, false, func(r *dagang.DealRecord) any { return r.DeliveryFrom.String() }},
		column{"Pengiriman sampai", kText, 12, false, func(r *dagang.DealRecord) any { return r.DeliveryTo.String() }},
		column{"Catatan", kText, 40, false, func(r *dagang.DealRecord) any { return r.Note }},
		column{"Data contoh", kText, 8, false, func(r *dagang.DealRecord) any { return yesNo(r.Sample) }},
	)
}()

// columns returns the columns an export with opt holds.
func columns(opt Options) []column {
	out := make([]column, 0, len(dealColumns))
	for _, c := range dealColumns {
		if c.personal && opt.NoPersonal {
			continue
		}
		out = append(out, c)
	}
	return out
}

// Headers returns the header row of the deal sheet or CSV.
func Headers(opt Options) []string {
	cs := columns(opt)
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.header
	}
	return out
}

func stageText(s dagang.Stage) string {
	if s == "" {
		return ""
	}
	return s.Label()
}

func yesNo(b bool) string {
	if b {
		return "ya"
	}
	return "tidak"
}

// text renders a value for CSV: rupiah and counts as plain digits, so
// spreadsheets read them as numbers.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return fmt.Sprint(x)
	}
	return fmt.Sprint(v)
}

// summaryTable is one view of the report as a table.
type summaryTable struct {
	title string
	first string // header of the first column
	rows  []report.Row
}

// summaryTables lists the report's views, one sheet or PDF table each.
func summaryTables(rep *report.Deals) []summaryTable {
	return []summaryTable{
		{"Per arah", "Arah", rep.ByDirection},
		{"Per tahap transaksi", "Tahap", rep.ByStage},
		{"Per tahap olahan", "Tahap olahan", rep.ByProcessing},
		{"Per kegiatan", "Kegiatan", rep.ByEvent},
		{"Per provinsi mitra", "Provinsi", rep.ByPartner},
		{"Per komoditas", "Komoditas", rep.ByCommodity},
		{"Per tahun", "Tahun", rep.ByYear},
	}
}

// amountHeaders are the columns every summary row carries after its label.
var amountHeaders = []string{"Transaksi", "Diumumkan (Rp)", "Dikonfirmasi (Rp)", "Menunggu (Rp)", "Ditolak (Rp)", "Terealisasi (Rp)", "Realisasi (%)"}

func amountValues(a report.Amounts) []any {
	return []any{a.Deals, a.AnnouncedIDR, a.ConfirmedIDR, a.PendingIDR, a.RejectedIDR, a.RealisedIDR, a.Rate}
}

// Store is what exports read; *store.DB implements it.
type Store interface {
	DealRollup(ctx context.Context, officeID int64, year int) ([]dagang.RollupRow, error)
	ReportNames(ctx context.Context, officeID int64) (*dagang.ReportNames, error)
	BusinessesWithDeals(ctx context.Context, officeID int64, year int) (int, error)
	EachDeal(ctx context.Context, f dagang.DealFilter, fn func(*dagang.DealRecord) error) error
	PartnerRollup(ctx context.Context, officeID int64, year int) ([]dagang.PartnerRollupRow, error)
}

// Report computes the deal report of an office for a year (0: all years).
func Report(ctx context.Context, st Store, officeID int64, year int) (*report.Deals, error) {
	rows, err := st.DealRollup(ctx, officeID, year)
	if err != nil {
		return nil, err
	}
	n, err := st.ReportNames(ctx, officeID)
	if err != nil {
		return nil, err
	}
	rep := report.Build(rows, n, year)
	if rep.BusinessesReached, err = st.BusinessesWithDeals(ctx, officeID, year); err != nil {
		return nil, err
	}
	// Deals partner offices recorded with this province: counted apart,
	// once, from this office's side.
	prs, err := st.PartnerRollup(ctx, officeID, year)
	if err != nil {
		return nil, err
	}
	rep.FromPartners = report.Partners(prs)
	return rep, nil
}

// Deals is the Source of an office's deals in a year (0: all years).
func Deals(st Store, officeID int64, year int) Source {
	return func(ctx context.Context, fn func(*dagang.DealRecord) error) error {
		return st.EachDeal(ctx, dagang.DealFilter{OfficeID: officeID, Year: year}, fn)
	}
}
