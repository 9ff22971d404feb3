package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dagang/dagang"
)

// Kind is what a file holds.
type Kind string

// Import kinds.
const (
	Businesses    Kind = "businesses"
	Organisations Kind = "organisations" // buyers and other counterparts
	Deals         Kind = "deals"
)

// Kinds lists the kinds, in the order they are usually imported.
var Kinds = []Kind{Businesses, Organisations, Deals}

// ParseKind accepts a kind's name in English or Indonesian.
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "businesses", "business", "pelaku-usaha", "usaha":
		return Businesses, nil
	case "organisations", "organizations", "buyers", "buyer", "mitra", "pembeli":
		return Organisations, nil
	case "deals", "deal", "transaksi":
		return Deals, nil
	}
	return "", fileError(fmt.Sprintf("jenis impor %q tidak dikenal; pilihan: businesses, buyers, deals", s), fmt.Sprintf("unknown import kind %q; choose businesses, buyers or deals", s))
}

// Column is one column of an import file.
type Column struct {
	Name     string `json:"name"`
	Required bool   `json:"required"`
	Help     string `json:"help"`
	Example  string `json:"example"`
	field    string // the domain field whose errors it carries
}

// Columns returns the columns of a kind.
func Columns(k Kind) []Column {
	switch k {
	case Businesses:
		return businessCols
	case Organisations:
		return orgCols
	}
	return dealCols
}

// Store is what imports read and write; *store.DB implements it.
type Store interface {
	NameIndex(ctx context.Context, officeID int64) (*dagang.NameIndex, error)
	ImportDeals(ctx context.Context, officeID int64, ds []*dagang.Deal, source string, progress func(int)) error
	ImportBusinesses(ctx context.Context, officeID int64, bs []*dagang.Business, source string, progress func(int)) error
	ImportOrganisations(ctx context.Context, officeID int64, os []*dagang.Organisation, source string, progress func(int)) error
	// EachDealKey streams the office's deals with what the
	// likely-duplicate rule compares.
	EachDealKey(ctx context.Context, officeID int64, fn func(*dagang.Deal) error) error
}

// Progress is how far an import is: Phase "baca" (reading and checking,
// Total unknown: -1) then "simpan" (storing, Total known).
type Progress struct {
	Phase string `json:"phase"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// Options configure Run.
type Options struct {
	OfficeID int64
	Source   string // the file name, for the audit trail
	// Progress, when not nil, is called every few hundred rows.
	Progress func(Progress)
	// MaxProblems bounds the problems listed (default 200); the count of
	// all problems is always given.
	MaxProblems int
	// Update makes a row that matches a stored business (same NIB, or
	// the same name in the same regency) or buyer (the same name in the
	// same province) update that record; without it such a row is
	// refused as a duplicate. Businesses and buyers only.
	Update bool
	// Force stores deals that look like stored ones (likely duplicates),
	// as the API's force does; without it they are refused. Deals only.
	Force bool
}

// Result is what an import stored.
type Result struct {
	Kind Kind `json:"kind"`
	Rows int  `json:"rows"`
}

// problems collects errors by row and column, reported in row order.
type problems struct {
	list  []problem
	limit int
}

type problem struct {
	row int
	dagang.FieldError
}

// add records a problem of a row's column; col "" is the whole row.
func (p *problems) add(row int, col, id, en string) {
	field := fmt.Sprintf("baris %d, kolom %s", row, col)
	if col == "" {
		field = fmt.Sprintf("baris %d", row)
	}
	p.addField(row, field, id, en)
}

func (p *problems) addField(row int, field, id, en string) {
	p.list = append(p.list, problem{row, dagang.FieldError{Field: field, Message: id, MessageEN: en}})
}

func (p *problems) n() int { return len(p.list) }

func (p *problems) err() error {
	n := len(p.list)
	if n == 0 {
		return nil
	}
	sort.SliceStable(p.list, func(i, j int) bool { return p.list[i].row < p.list[j].row })
	var v dagang.Validation
	for _, x := range p.list[:min(n, p.limit)] {
		v.Add(x.Field, x.Message, x.MessageEN)
	}
	err := v.Err().(*dagang.Error)
	err.Message = fmt.Sprintf("%d masalah ditemukan; tidak ada data yang disimpan. Perbaiki baris yang disebut lalu impor ulang seluruh berkas.", n)
	err.MessageEN = fmt.Sprintf("%d problems found; nothing was stored. Fix the rows named and import the whole file again.", n)
	if n > p.limit {
		err.Message += fmt.Sprintf(" (%d pertama ditampilkan)", p.limit)
		err.MessageEN += fmt.Sprintf(" (first %d shown)", p.limit)
	}
	return err
}

// rowReader gives a row's cells by column name and records problems.
type rowReader struct {
	rec  []string
	idx  map[string]int
	row  int
	cols map[string]Column
	p    *problems
	seen map[string]bool // columns with a problem already
}

func (r *rowReader) get(col string) string {
	i, ok := r.idx[col]
	if !ok {
		return ""
	}
	s, valid := cellText(r.rec, i)
	if !valid {
		r.bad(col, "teks tidak valid (UTF-8, maks. 4000 karakter)", "invalid text (UTF-8, at most 4000 characters)")
		return ""
	}
	if s == "" && r.cols[col].Required {
		r.bad(col, "wajib diisi", "is required")
	}
	return s
}

// outside reports data in cells that have no column name: it would be
// dropped without a word.
func (r *rowReader) outside(width int) {
	for i := width; i < len(r.rec); i++ {
		if strings.TrimSpace(r.rec[i]) != "" {
			cell := cellName(i, r.row)
			r.p.addField(r.row, "sel "+cell, fmt.Sprintf("sel %s berisi data tetapi kolomnya tidak bernama; tambahkan nama kolom atau hapus isinya", cell),
				fmt.Sprintf("cell %s holds data but its column has no name; add the column name or clear it", cell))
		}
	}
}

func (r *rowReader) bad(col, id, en string) {
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[col] = true
	r.p.add(r.row, col, id, en)
}

// merge records a domain validation error against the template's
// columns: a field is named by the column that carries it, never by the
// domain's name for it (products[0].monthly_capacity is kapasitas_bulanan).
func (r *rowReader) merge(err error, cols []Column) {
	if err == nil {
		return
	}
	e, ok := err.(*dagang.Error)
	if !ok {
		r.bad("", err.Error(), err.Error())
		return
	}
	if len(e.Fields) == 0 {
		r.bad("", e.Message, e.MessageEN)
	}
	for _, f := range e.Fields {
		col := columnOf(f.Field, cols)
		if !r.seen[col] {
			r.bad(col, f.Message, f.MessageEN)
		}
	}
}

// columnOf is the column that carries a domain field, or "" (the whole
// row) for a field no column carries.
func columnOf(field string, cols []Column) string {
	for _, c := range cols {
		if c.field == field {
			return c.Name
		}
	}
	for _, c := range cols {
		if c.field != "" && strings.HasPrefix(field, c.field+".") {
			return c.Name
		}
	}
	return ""
}

// Run reads r, validates every row and, when all are valid, stores them
// all in one transaction. Any problem is an EINVALID error listing rows
// and columns; then nothing was stored.
func Run(ctx context.Context, st Store, kind Kind, r io.Reader, opt Options) (Result, error) {
	if opt.MaxProblems <= 0 {
		opt.MaxProblems = 200
	}
	report := func(p Progress) {
		if opt.Progress != nil {
			opt.Progress(p)
		}
	}
	names, err := st.NameIndex(ctx, opt.OfficeID)
	if err != nil {
		return Result{}, err
	}
	t, err := open(r)
	if err != nil {
		return Result{}, err
	}
	defer t.close()
	rec, err := t.next()
	if err == io.EOF {
		return Result{}, fileError("berkas kosong: baris pertama harus berisi nama kolom", "empty file: the first row must hold the column names")
	}
	if err != nil {
		return Result{}, err
	}
	cols := Columns(kind)
	idx, width, err := header(rec, cols, t.merged())
	if err != nil {
		return Result{}, err
	}
	byName := map[string]Column{}
	for _, c := range cols {
		byName[c.Name] = c
	}
	if opt.Update && kind == Deals {
		return Result{}, fileError("transaksi tidak dapat diperbarui lewat impor; pakai force untuk menyimpan kemungkinan duplikat", "deals cannot be updated by an import; use force to store likely duplicates")
	}
	if opt.Force && kind != Deals {
		return Result{}, fileError("force hanya untuk transaksi; pelaku usaha dan mitra yang sudah ada diperbarui dengan update", "force is for deals only; businesses and buyers already stored are updated with update")
	}
	p := &problems{limit: opt.MaxProblems}
	rz := newResolver(names)
	dc := newDupes(names, opt.Update)
	var deals []*dagang.Deal
	var dealRows []int
	var rows []int // the file row of each business or organisation
	var bs []*dagang.Business
	var os []*dagang.Organisation
	row := 1
	for {
		rec, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Result{}, err
		}
		row++
		if blank(rec) {
			continue
		}
		rr := &rowReader{rec: rec, idx: idx, row: row, cols: byName, p: p}
		rr.outside(width)
		switch kind {
		case Deals:
			if d, ok := readDeal(rr, rz); ok && dc.deal(rr, d) {
				deals, dealRows = append(deals, d), append(dealRows, row)
			}
		case Businesses:
			if b, ok := readBusiness(rr, rz); dc.business(rr, b) && ok {
				bs = append(bs, b)
				rows = append(rows, row)
			}
		case Organisations:
			if o, ok := readOrganisation(rr, rz); dc.organisation(rr, o) && ok {
				os = append(os, o)
				rows = append(rows, row)
			}
		}
		if row%500 == 0 {
			if err := ctx.Err(); err != nil {
				return Result{}, err
			}
			report(Progress{Phase: "baca", Done: row - 1, Total: -1})
		}
	}
	if kind == Deals && !opt.Force && len(deals) > 0 {
		if err := storedDealDuplicates(ctx, st, opt.OfficeID, deals, dealRows, p); err != nil {
			return Result{}, err
		}
	}
	if err := p.err(); err != nil {
		return Result{}, err
	}
	n := len(deals) + len(bs) + len(os)
	if n == 0 {
		return Result{}, fileError("berkas tidak berisi baris data", "the file holds no data rows")
	}
	report(Progress{Phase: "baca", Done: row - 1, Total: row - 1})
	stored := func(done int) { report(Progress{Phase: "simpan", Done: done, Total: n}) }
	switch kind {
	case Deals:
		err = st.ImportDeals(ctx, opt.OfficeID, deals, opt.Source, stored)
	case Businesses:
		err = st.ImportBusinesses(ctx, opt.OfficeID, bs, opt.Source, stored)
	case Organisations:
		err = st.ImportOrganisations(ctx, opt.OfficeID, os, opt.Source, stored)
	}
	if err != nil {
		return Result{}, storeProblems(err, rows, cols, opt.MaxProblems)
	}
	return Result{Kind: kind, Rows: n}, nil
}

// storeProblems puts the rules the store checks on a record of the file
// (a regency outside the home province, a NIB already held: fields named
// "[i].field") on the record's row and column, keeping the error's code.
func storeProblems(err error, rows []int, cols []Column, limit int) error {
	var e *dagang.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	byName := map[string]Column{}
	for _, c := range cols {
		byName[c.Name] = c
	}
	p := &problems{limit: limit}
	for _, f := range e.Fields {
		var i int
		var rest string
		if _, scanErr := fmt.Sscanf(f.Field, "[%d].", &i); scanErr != nil || i < 0 || i >= len(rows) {
			return err
		}
		_, rest, _ = strings.Cut(f.Field, ".")
		rr := &rowReader{row: rows[i], cols: byName, p: p}
		rr.merge(&dagang.Error{Code: e.Code, Fields: []dagang.FieldError{{Field: rest, Message: f.Message, MessageEN: f.MessageEN}}}, cols)
	}
	out := p.err().(*dagang.Error)
	out.Code = e.Code
	return out
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}
