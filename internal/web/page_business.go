package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
)

// businessList is the data of the Pelaku Usaha list.
type businessList struct {
	List       *listView
	Items      []*dagang.Business
	Refs       *refs
	Regencies  []option
	Sizes      []option
	Commoditys []option
}

func (s *Server) handleBusinesses(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	lv := readList(r, p)
	f := dagang.BusinessFilter{ListOptions: lv.Opt, OfficeID: officeOf(r.Context()), RegencyCode: p.str("regency_code"),
		CommodityID: p.int64("commodity_id"), Size: enum(p, "size_class", dagang.SizeClass.Valid)}
	if err := p.v.Err(); err != nil {
		return err
	}
	items, total, err := s.businesses.FindBusinesses(r.Context(), f)
	if err != nil {
		return err
	}
	lv.Total = total
	x := s.refs(r.Context(), lv.lang)
	d := businessList{List: lv, Items: items, Refs: x, Sizes: enumOptions(lv.lang, "Semua skala", sizeClasses)}
	if d.Regencies, err = x.RegencyOptions("Semua kabupaten/kota"); err != nil {
		return err
	}
	if d.Commoditys, err = x.CommodityOptions("Semua komoditas"); err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "businesses", d)
	return nil
}

var sizeClasses = []dagang.SizeClass{dagang.SizeMicro, dagang.SizeSmall, dagang.SizeMedium, dagang.SizeLarge}

// businessDetail is the data of one business's page.
type businessDetail struct {
	B              *dagang.Business
	Refs           *refs
	Participations []*dagang.Participation
	Deals          []*dagang.Deal
	DealsTotal     int
	CanEdit        bool
}

func (s *Server) handleBusiness(w http.ResponseWriter, r *http.Request) error {
	b, err := s.businessOfOffice(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	d := businessDetail{B: b, Refs: s.refs(ctx, langOf(r)), CanEdit: canEditBusiness(r, b.ID)}
	if d.Participations, _, err = s.businesses.FindParticipations(ctx, dagang.ParticipationFilter{BusinessID: b.ID, ListOptions: all}); err != nil {
		return err
	}
	if d.Deals, d.DealsTotal, err = s.businesses.FindDeals(ctx, dagang.DealFilter{OfficeID: officeOf(r.Context()), BusinessID: b.ID, ListOptions: dagang.ListOptions{Limit: pageLimit}}); err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "business", d)
	return nil
}

// canEditBusiness reports whether the viewer may edit business id: staff
// and admin, and the business's own account.
func canEditBusiness(r *http.Request, id int64) bool {
	u := dagang.UserFromContext(r.Context())
	return u != nil && (hasRole(u, dagang.UserAdmin, dagang.UserStaff) || (u.Role == dagang.UserBusiness && u.BusinessID == id))
}

func (s *Server) businessOfOffice(r *http.Request) (*dagang.Business, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return officeRecord(s.businesses.FindBusinessByID, func(b *dagang.Business) int64 { return b.OfficeID })(r.Context(), id)
}

// businessLabels names the fields of the business form.
var businessLabels = map[string]string{
	"name": "Nama usaha", "regency_code": "Kabupaten/Kota", "nib": "NIB", "size_class": "Skala usaha",
	"contact_name": "Nama kontak", "phone": "Telepon", "email": "Email", "whatsapp": "WhatsApp",
	"products[].commodity_id": "Komoditas produk", "products[].description": "Deskripsi produk",
	"products[].monthly_capacity": "Kapasitas per bulan", "products[].unit": "Satuan",
}

// productRows is how many product rows the form offers beyond the
// existing products.
const productRows = 2

// businessForm is the data of the create and edit page.
type businessForm struct {
	Form       *form
	ID         int64 // 0 when creating
	Rows       []productRow
	Regencies  []option
	Sizes      []option
	Commoditys []option
}

func (s *Server) renderBusinessForm(w http.ResponseWriter, r *http.Request, status int, f *form, id int64) error {
	x := s.refs(r.Context(), f.lang)
	d := businessForm{Form: f, ID: id, Sizes: enumOptions(f.lang, "— pilih —", sizeClasses)}
	var err error
	if d.Regencies, err = x.RegencyOptions("— pilih —"); err != nil {
		return err
	}
	if d.Commoditys, err = x.CommodityOptions("— pilih —"); err != nil {
		return err
	}
	n := 0
	for i := 0; i < maxProductRows; i++ {
		if f.Get(productField(i, "commodity_id")) != "" || f.Get(productField(i, "description")) != "" ||
			f.Get(productField(i, "monthly_capacity")) != "" || f.Get(productField(i, "unit")) != "" {
			n = i + 1
		}
	}
	for i := 0; i < min(n+productRows, maxProductRows); i++ {
		d.Rows = append(d.Rows, productRow{I: i, N: i + 1})
	}
	s.renderPage(w, r, status, "business_form", d)
	return nil
}

const maxProductRows = 50

// productRow is one product row of the form: its index and its number.
type productRow struct{ I, N int }

func productField(i int, name string) string {
	return "products[" + strconv.Itoa(i) + "]." + name
}

func (s *Server) handleBusinessNew(w http.ResponseWriter, r *http.Request) error {
	return s.renderBusinessForm(w, r, http.StatusOK, newForm(r, businessLabels, url.Values{"size_class": {string(dagang.SizeMicro)}}), 0)
}

func (s *Server) handleBusinessEdit(w http.ResponseWriter, r *http.Request) error {
	b, err := s.businessOfOffice(r)
	if err != nil {
		return err
	}
	f := newForm(r, businessLabels, nil)
	f.Values = businessValues(f.lang)(b)
	return s.renderBusinessForm(w, r, http.StatusOK, f.editValues(b.Version), b.ID)
}

// businessValues gives the business form's values of a business in lang.
func businessValues(lang string) func(b *dagang.Business) url.Values {
	return func(b *dagang.Business) url.Values {
		v := url.Values{"name": {b.Name}, "regency_code": {b.RegencyCode}, "nib": {b.NIB}, "size_class": {string(b.Size)},
			"contact_name": {b.Person}, "phone": {b.Phone}, "email": {b.Email}, "whatsapp": {b.WhatsApp}}
		pd := pageData{Lang: lang}
		for i, p := range b.Products {
			v.Set(productField(i, "commodity_id"), strconv.FormatInt(p.CommodityID, 10))
			v.Set(productField(i, "description"), p.Description)
			if p.MonthlyCapacity != 0 {
				v.Set(productField(i, "monthly_capacity"), strings.ReplaceAll(pd.Num(p.MonthlyCapacity), ".", ""))
			}
			v.Set(productField(i, "unit"), p.Unit)
		}
		return v
	}
}

// businessFormFields are the fields the business form edits.
var businessFormFields = []string{"name", "regency_code", "nib", "size_class", "contact_name", "phone", "email", "whatsapp", "products"}

// readBusiness fills b from the form. Empty product rows are skipped;
// errors of a product name the row it was typed in.
func readBusiness(f *form, b *dagang.Business) (rows []int, err error) {
	b.Name = f.str("name")
	b.RegencyCode = f.str("regency_code")
	b.NIB = f.str("nib")
	b.Size = dagang.SizeClass(f.str("size_class"))
	b.Person, b.Phone, b.Email, b.WhatsApp = f.str("contact_name"), f.str("phone"), f.str("email"), f.str("whatsapp")
	b.Products, rows = readProducts(f, maxProductRows, f.id)
	return rows, f.check(renumberRows(b.Validate(), "products", rows))
}

// readProducts reads the product rows of a form, at most max, each
// commodity by commodity (a choice's id, or a slug on a public form);
// empty rows are skipped, and rows says which form row each product came
// from.
func readProducts(f *form, max int, commodity func(name string) int64) (ps []dagang.Product, rows []int) {
	for i := 0; i < max; i++ {
		com, desc, capa, unit := productField(i, "commodity_id"), productField(i, "description"), productField(i, "monthly_capacity"), productField(i, "unit")
		if f.str(com) == "" && f.str(desc) == "" && f.str(capa) == "" && f.str(unit) == "" {
			continue
		}
		ps = append(ps, dagang.Product{CommodityID: commodity(com), Description: f.str(desc), MonthlyCapacity: f.decimal(capa), Unit: f.str(unit)})
		rows = append(rows, i)
	}
	return ps, rows
}

// renumberRows rewrites field names "products[k]." of a validation error
// to the form row k was read from.
func renumberRows(err error, list string, rows []int) error {
	de, ok := err.(*dagang.Error)
	if !ok {
		return err
	}
	for i := range de.Fields {
		for k := len(rows) - 1; k >= 0; k-- {
			from := list + "[" + strconv.Itoa(k) + "]."
			if rest, ok := strings.CutPrefix(de.Fields[i].Field, from); ok {
				de.Fields[i].Field = list + "[" + strconv.Itoa(rows[k]) + "]." + rest
				break
			}
		}
	}
	return de
}

func (s *Server) handleBusinessCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, businessLabels)
	if err != nil {
		return err
	}
	b := &dagang.Business{OfficeID: officeOf(r.Context())}
	rows, err := readBusiness(f, b)
	if err == nil {
		err = renumberRows(s.businesses.CreateBusiness(r.Context(), b), "products", rows)
	}
	return s.afterSave(w, r, f, err, "/businesses/"+strconv.FormatInt(b.ID, 10), "Pelaku usaha dicatat.", func(status int) error {
		return s.renderBusinessForm(w, r, status, f, 0)
	})
}

func (s *Server) handleBusinessUpdate(w http.ResponseWriter, r *http.Request) error {
	b, err := s.businessOfOffice(r)
	if err != nil {
		return err
	}
	f, err := readForm(w, r, businessLabels)
	if err != nil {
		return err
	}
	c, err := f.edited(businessFormFields)
	if err != nil {
		return err
	}
	rows, err := readBusiness(f, b)
	if err == nil {
		var conflict bool
		conflict, err = saveEdit(f, c, businessFormFields, businessValues(f.lang), func(c dagang.Change) error {
			return renumberRows(s.businesses.UpdateBusiness(r.Context(), b, c), "products", rows)
		})
		if conflict {
			return s.renderBusinessForm(w, r, http.StatusConflict, f, b.ID)
		}
	}
	return s.afterSave(w, r, f, err, "/businesses/"+strconv.FormatInt(b.ID, 10), "Perubahan disimpan.", func(status int) error {
		return s.renderBusinessForm(w, r, status, f, b.ID)
	})
}
