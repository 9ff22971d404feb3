package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
)

// dealTable is what the "dealrows" template draws: deals with the names
// of what they refer to, sortable when List is set.
type dealTable struct {
	P     pageData
	Refs  *refs
	Deals []*dagang.Deal
	List  *listView
}

// DealRows prepares a table of deals for the "dealrows" template.
func (p pageData) DealRows(x *refs, deals []*dagang.Deal) dealTable {
	return dealTable{P: p, Refs: x, Deals: deals}
}

// dealList is the data of the Transaksi list.
type dealList struct {
	Table      dealTable
	List       *listView
	Events     []option
	Directions []option
	Stages     []option
	Provinces  []option
}

func (s *Server) handleDeals(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	lv := readList(r, p)
	// business_id and counterpart_id are forced to the user's own by the
	// route's scope for business and counterpart users.
	f := dagang.DealFilter{ListOptions: lv.Opt, OfficeID: officeOf(r.Context()), EventID: p.int64("event_id"), BusinessID: p.int64("business_id"),
		CounterpartID: p.int64("counterpart_id"), CommodityID: p.int64("commodity_id"), Direction: enum(p, "direction", dagang.Direction.Valid),
		Stage: enum(p, "stage", dagang.DealStage.Valid), Year: p.year("year"), ProvinceCode: p.str("province_code")}
	if err := p.v.Err(); err != nil {
		return err
	}
	items, total, err := s.deals.FindDeals(r.Context(), f)
	if err != nil {
		return err
	}
	lv.Total = total
	x := s.refs(r.Context(), lv.lang)
	d := dealList{List: lv, Directions: enumOptions(lv.lang, "Semua arah", dagang.Directions), Stages: enumOptions(lv.lang, "Semua tahap", dagang.DealStages)}
	d.Table = dealTable{P: newPageData(r, "deals", nil), Refs: x, Deals: items, List: lv}
	if d.Events, err = x.EventOptions("Semua kegiatan"); err != nil {
		return err
	}
	if d.Provinces, err = x.ProvinceOptions(); err != nil {
		return err
	}
	d.Provinces[0].Label = translate(lv.lang, "Semua provinsi")
	s.renderPage(w, r, http.StatusOK, "deals", d)
	return nil
}

// dealLabels names the fields of the deal form.
var dealLabels = map[string]string{
	"event_id": "Kegiatan", "deal_date": "Tanggal transaksi", "direction": "Arah transaksi", "business_id": "Pelaku usaha daerah",
	"counterpart_id": "Mitra transaksi", "commodity_id": "Komoditas", "volume": "Volume", "unit": "Satuan volume",
	"value_idr": "Nilai transaksi (Rp)", "stage": "Tahap", "note": "Catatan", "force": "Kemungkinan duplikat", "delivery_from": "Awal pengiriman", "delivery_to": "Akhir pengiriman",
	"confirmation": "Konfirmasi", "office_id": "Dinas",
}

// dealForm is the data of the deal entry page.
type dealForm struct {
	Form       *form
	Events     []option
	Directions []option
	Businesses []option
	Orgs       []option
	Commoditys []option
	Stages     []option
}

func (s *Server) renderDealForm(w http.ResponseWriter, r *http.Request, status int, f *form) error {
	x := s.refs(r.Context(), f.lang)
	d := dealForm{Form: f, Directions: enumOptions(f.lang, "— pilih —", dagang.Directions), Stages: enumOptions(f.lang, "", dagang.DealStages)}
	var err error
	if d.Events, err = x.EventOptions("Tanpa kegiatan"); err != nil {
		return err
	}
	if d.Businesses, err = x.BusinessOptions("— pilih —"); err != nil {
		return err
	}
	if d.Orgs, err = x.OrgOptions("— pilih —"); err != nil {
		return err
	}
	if d.Commoditys, err = x.CommodityOptions("— pilih —"); err != nil {
		return err
	}
	s.renderPage(w, r, status, "deal_form", d)
	return nil
}

func (s *Server) handleDealNew(w http.ResponseWriter, r *http.Request) error {
	v := url.Values{"stage": {string(dagang.DealIndication)}}
	// Prefill from the link that led here (an event's or a business's page).
	for _, k := range []string{"event_id", "business_id", "counterpart_id", "direction"} {
		if q := r.URL.Query().Get(k); q != "" {
			v.Set(k, q)
		}
	}
	f := newForm(r, dealLabels, v)
	date, err := s.dealDate(r, f.id("event_id"))
	if err != nil {
		return err
	}
	v.Set("deal_date", date.String())
	return s.renderDealForm(w, r, http.StatusOK, f)
}

// dealDate is the date a deal of event takes when none is given: the day
// the event starts (a deal recorded afterwards from a 2019 event is dated
// in 2019, not today), or today for a deal of no event. An unknown event
// leaves the choice to the form's check.
func (s *Server) dealDate(r *http.Request, event int64) (dagang.Date, error) {
	if event > 0 {
		e, err := s.eventOfOffice(r.Context(), event)
		if err == nil {
			return e.StartsOn, nil
		}
		if dagang.ErrorCode(err) != dagang.ENOTFOUND {
			return dagang.Date{}, err
		}
	}
	return s.today(), nil
}

func (s *Server) handleDealCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := readForm(w, r, dealLabels)
	if err != nil {
		return err
	}
	d := &dagang.Deal{OfficeID: officeOf(r.Context()), EventID: f.id("event_id"), Direction: dagang.Direction(f.str("direction")),
		BusinessID: f.id("business_id"), CounterpartID: f.id("counterpart_id"), CommodityID: f.id("commodity_id"),
		Volume: f.decimal("volume"), Unit: f.str("unit"), ValueIDR: f.rupiah("value_idr"), Stage: dagang.DealStage(f.str("stage")),
		DealDate: f.date("deal_date"), Note: f.str("note"), Confirmation: dagang.ConfirmationPending}
	if d.DealDate.IsZero() && f.str("deal_date") == "" {
		if d.DealDate, err = s.dealDate(r, d.EventID); err != nil {
			return err
		}
	}
	err = f.check(d.Validate())
	if err == nil {
		// A likely duplicate comes back as an error on "force"; the form
		// then offers the box that saves it anyway.
		answerWith(r, func(d *dagang.Deal) (dagang.Answer, error) {
			return redirectAnswer("/deals/" + strconv.FormatInt(d.ID, 10))
		})
		err = s.deals.CreateDeal(r.Context(), d, f.str("force") == "1")
	}
	return s.afterSave(w, r, f, err, "/deals/"+strconv.FormatInt(d.ID, 10), "Transaksi tersimpan.", func(status int) error { return s.renderDealForm(w, r, status, f) })
}

// handleValuePreview answers the deal form as staff type the value: the
// amount read from the text in full ("= Rp1.500.000.000"), or why it
// cannot be read. It always answers 200, so htmx shows the answer.
func (s *Server) handleValuePreview(w http.ResponseWriter, r *http.Request) error {
	lang := langOf(r)
	f := newForm(r, dealLabels, r.URL.Query())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if strings.TrimSpace(f.Get("value_idr")) == "" {
		return nil
	}
	v := f.rupiah("value_idr")
	text := "= " + pageData{Lang: lang}.Rp(v)
	if err := f.v.Err(); err != nil {
		f.fail(err)
		text = f.Errors["value_idr"]
	}
	return previewTemplate.Execute(w, text)
}

var previewTemplate = template.Must(template.New("preview").Parse(`{{.}}`))
