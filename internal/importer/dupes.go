package importer

import (
	"context"
	"fmt"
	"sort"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/money"
)

// dupes finds the rows that repeat another row of the file or a stored
// record: a business with the same NIB, or the same name (NormalName) in
// the same regency; a buyer with the same name in the same province; a
// deal identical to an earlier row. Such a row is refused naming the other
// row or the stored record, unless the import updates the records it
// matches (businesses and buyers).
type dupes struct {
	update bool
	nibRow map[string]int // NIB → first row of the file
	keyRow map[string]int // name key → first row of the file
	dealAt map[dagang.Deal]int
	nib    map[string]int64   // stored NIB → business
	key    map[string][]int64 // stored name key → records
	names  map[int64]string
	nibOf  map[int64]string
	target map[int64]int // stored record → the row that updates it
}

func nameKey(name, region string) string {
	n := dagang.NormalName(name)
	if n == "" || region == "" {
		return ""
	}
	return n + "\x00" + region
}

func newDupes(n *dagang.NameIndex, update bool) *dupes {
	d := &dupes{update: update, nibRow: map[string]int{}, keyRow: map[string]int{}, dealAt: map[dagang.Deal]int{},
		nib: map[string]int64{}, key: map[string][]int64{}, names: map[int64]string{}, nibOf: n.BusinessNIB, target: map[int64]int{}}
	// IDs of businesses and organisations differ (one sequence each), so
	// each kind's keys are prefixed.
	for id, name := range n.Businesses {
		if nib := n.BusinessNIB[id]; nib != "" {
			d.nib[nib] = id
		}
		if k := nameKey(name, n.BusinessRegency[id]); k != "" {
			d.key["b"+k] = append(d.key["b"+k], id)
		}
	}
	for id, name := range n.Orgs {
		if k := nameKey(name, n.OrgProvince[id]); k != "" {
			d.key["o"+k] = append(d.key["o"+k], id)
		}
	}
	for _, ids := range d.key {
		sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	}
	return d
}

// business checks a business row; it reports whether the row is no
// duplicate (or, updating, which stored business it updates: b.ID).
func (d *dupes) business(rr *rowReader, b *dagang.Business) bool {
	ok := true
	nib := b.NIB
	if rr.seen["nib"] {
		nib = ""
	}
	if nib != "" {
		if r, dup := d.nibRow[nib]; dup {
			rr.bad("nib", fmt.Sprintf("NIB %s sudah ada di baris %d berkas ini", nib, r), fmt.Sprintf("NIB %s is already on row %d of this file", nib, r))
			ok = false
		} else {
			d.nibRow[nib] = rr.row
		}
	}
	k := ""
	if !rr.seen["nama"] && !rr.seen["kabupaten"] {
		k = nameKey(b.Name, b.RegencyCode)
	}
	if k != "" {
		if r, dup := d.keyRow["b"+k]; dup && ok {
			rr.bad("nama", fmt.Sprintf("%q di kabupaten/kota yang sama sudah ada di baris %d berkas ini", b.Name, r),
				fmt.Sprintf("%q in the same regency is already on row %d of this file", b.Name, r))
			ok = false
		} else if !dup {
			d.keyRow["b"+k] = rr.row
		}
	}
	if !ok {
		return false
	}
	if id := d.nib[nib]; nib != "" && id != 0 {
		return d.match(rr, "nib", id, "pelaku usaha", "business", fmt.Sprintf("NIB %s", nib), func() { b.ID = id })
	}
	ids := d.key["b"+k]
	if k == "" || len(ids) == 0 {
		return true
	}
	if len(ids) > 1 {
		rr.bad("nama", fmt.Sprintf("%q di kabupaten/kota ini sudah tercatat beberapa kali (%s); tulis NIB-nya", b.Name, list(ids)),
			fmt.Sprintf("%q in this regency is stored more than once (%s); give its NIB", b.Name, list(ids)))
		return false
	}
	id := ids[0]
	if stored := d.nibOf[id]; nib != "" && stored != "" && stored != nib {
		rr.bad("nama", fmt.Sprintf("%q di kabupaten/kota ini sudah tercatat sebagai pelaku usaha #%d dengan NIB lain (%s)", b.Name, id, stored),
			fmt.Sprintf("%q in this regency is stored as business #%d with another NIB (%s)", b.Name, id, stored))
		return false
	}
	return d.match(rr, "nama", id, "pelaku usaha", "business", fmt.Sprintf("%q di kabupaten/kota yang sama", b.Name), func() { b.ID = id })
}

// organisation checks a buyer row as business does.
func (d *dupes) organisation(rr *rowReader, o *dagang.Organisation) bool {
	if rr.seen["nama"] || rr.seen["provinsi"] {
		return true
	}
	k := nameKey(o.Name, o.ProvinceCode)
	if k == "" {
		return true
	}
	if r, dup := d.keyRow["o"+k]; dup {
		rr.bad("nama", fmt.Sprintf("%q di provinsi yang sama sudah ada di baris %d berkas ini", o.Name, r),
			fmt.Sprintf("%q in the same province is already on row %d of this file", o.Name, r))
		return false
	}
	d.keyRow["o"+k] = rr.row
	ids := d.key["o"+k]
	switch len(ids) {
	case 0:
		return true
	case 1:
		return d.match(rr, "nama", ids[0], "mitra", "organisation", fmt.Sprintf("%q di provinsi yang sama", o.Name), func() { o.ID = ids[0] })
	}
	rr.bad("nama", fmt.Sprintf("%q di provinsi ini sudah tercatat beberapa kali (%s); perbaiki dahulu di daftar mitra", o.Name, list(ids)),
		fmt.Sprintf("%q in this province is stored more than once (%s); fix the buyer list first", o.Name, list(ids)))
	return false
}

// match handles a row that matches stored record id: refused, or, when
// the import updates, bound to it (once per record).
func (d *dupes) match(rr *rowReader, col string, id int64, what, whatEN, by string, bind func()) bool {
	if !d.update {
		rr.bad(col, fmt.Sprintf("%s sudah tercatat: %s #%d; pilih \"perbarui data yang sudah ada\" (update) untuk memperbaruinya", by, what, id),
			fmt.Sprintf("%s is already stored: %s #%d; choose \"update the existing record\" (update) to update it", by, whatEN, id))
		return false
	}
	if r, dup := d.target[id]; dup {
		rr.bad(col, fmt.Sprintf("%s #%d sudah diperbarui oleh baris %d berkas ini", what, id, r), fmt.Sprintf("%s #%d is already updated by row %d of this file", whatEN, id, r))
		return false
	}
	d.target[id] = rr.row
	bind()
	return true
}

// deal refuses a row identical to an earlier row of the file. Rows that
// only look alike are not refused: a file often holds a business's
// monthly deals with the same buyer.
func (d *dupes) deal(rr *rowReader, x *dagang.Deal) bool {
	if r, dup := d.dealAt[*x]; dup {
		rr.bad("", fmt.Sprintf("sama persis dengan baris %d berkas ini", r), fmt.Sprintf("identical to row %d of this file", r))
		return false
	}
	d.dealAt[*x] = rr.row
	return true
}

func list(ids []int64) string {
	s := ""
	for i, id := range ids {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("#%d", id)
	}
	return s
}

// storedDealDuplicates refuses the deals that look like a stored deal
// (dagang.LikelyDuplicate, the rule of the API's create), naming it. The
// stored deals are streamed once; the file's deals are indexed by key,
// value and date, so each stored deal costs a lookup.
func storedDealDuplicates(ctx context.Context, st Store, officeID int64, ds []*dagang.Deal, rows []int, p *problems) error {
	type group struct {
		byValue []int // indexes into ds, by value
		byDate  map[dagang.Date][]int
	}
	groups := map[dagang.DealKey]*group{}
	for i, x := range ds {
		g := groups[x.Key()]
		if g == nil {
			g = &group{byDate: map[dagang.Date][]int{}}
			groups[x.Key()] = g
		}
		g.byValue = append(g.byValue, i)
		g.byDate[x.DealDate] = append(g.byDate[x.DealDate], i)
	}
	for _, g := range groups {
		sort.Slice(g.byValue, func(i, j int) bool { return ds[g.byValue[i]].ValueIDR < ds[g.byValue[j]].ValueIDR })
	}
	found := make([]bool, len(ds))
	flag := func(i int, s *dagang.Deal) {
		if found[i] || !dagang.LikelyDuplicate(ds[i], s) {
			return
		}
		found[i] = true
		p.add(rows[i], "", fmt.Sprintf("kemungkinan duplikat dari transaksi #%d (%s, %s) yang sudah tercatat dengan kegiatan, pelaku usaha, mitra, komoditas dan arah yang sama; periksa dahulu, lalu impor dengan force bila memang transaksi lain", s.ID, money.Short(s.ValueIDR), s.DealDate),
			fmt.Sprintf("likely duplicate of stored deal #%d (%s, %s) with the same event, business, counterpart, commodity and direction; check, then import with force if it is another deal", s.ID, money.ShortEN(s.ValueIDR), s.DealDate))
	}
	return st.EachDealKey(ctx, officeID, func(s *dagang.Deal) error {
		g := groups[s.Key()]
		if g == nil {
			return nil
		}
		for _, i := range g.byDate[s.DealDate] {
			flag(i, s)
		}
		lo, hi := dagang.DuplicateRange(s.ValueIDR)
		from := sort.Search(len(g.byValue), func(j int) bool { return ds[g.byValue[j]].ValueIDR >= lo })
		for j := from; j < len(g.byValue) && ds[g.byValue[j]].ValueIDR <= hi; j++ {
			flag(g.byValue[j], s)
		}
		return nil
	})
}
