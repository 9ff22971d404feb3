package web

import (
	"context"
	"strconv"

	"github.com/dagang/dagang"
)

// refs looks up the names pages show for the ids records hold: reference
// data loaded whole on first use, office records one by one, each at most
// once per request.
type refs struct {
	s    *Server
	ctx  context.Context
	lang string

	provinces   map[string]*dagang.Province
	provList    []*dagang.Province
	regencies   map[string]*dagang.Regency
	regList     []*dagang.Regency
	commodities map[int64]*dagang.Commodity
	comList     []*dagang.Commodity
	businesses  map[int64]*dagang.Business
	orgs        map[int64]*dagang.Organisation
	events      map[int64]*dagang.Event
}

func (s *Server) refs(ctx context.Context, lang string) *refs {
	return &refs{s: s, ctx: ctx, lang: lang, businesses: map[int64]*dagang.Business{}, orgs: map[int64]*dagang.Organisation{}, events: map[int64]*dagang.Event{}}
}

var all = dagang.ListOptions{Limit: dagang.MaxLimit}

func (x *refs) loadProvinces() error {
	if x.provinces != nil {
		return nil
	}
	ps, err := x.s.lookups.FindProvinces(x.ctx)
	if err != nil {
		return err
	}
	x.provList, x.provinces = ps, map[string]*dagang.Province{}
	for _, p := range ps {
		x.provinces[p.Code] = p
	}
	return nil
}

// Province names a province by its code.
func (x *refs) Province(code string) (string, error) {
	if err := x.loadProvinces(); err != nil {
		return "", err
	}
	if p := x.provinces[code]; p != nil {
		return p.Name, nil
	}
	return code, nil
}

// ProvinceOptions lists every province for a select.
func (x *refs) ProvinceOptions() ([]option, error) {
	if err := x.loadProvinces(); err != nil {
		return nil, err
	}
	opts := []option{{"", translate(x.lang, "— pilih —")}}
	for _, p := range x.provList {
		opts = append(opts, option{p.Code, p.Name})
	}
	return opts, nil
}

// loadRegencies loads the regencies of the office's home province.
func (x *refs) loadRegencies() error {
	if x.regencies != nil {
		return nil
	}
	o, err := x.s.lookups.FindOfficeByID(x.ctx, officeOf(x.ctx))
	if err != nil {
		return err
	}
	rs, _, err := x.s.lookups.FindRegencies(x.ctx, o.HomeProvince, all)
	if err != nil {
		return err
	}
	x.regList, x.regencies = rs, map[string]*dagang.Regency{}
	for _, r := range rs {
		x.regencies[r.Code] = r
	}
	return nil
}

// Regency names a regency of the home province by its code.
func (x *refs) Regency(code string) (string, error) {
	if err := x.loadRegencies(); err != nil {
		return "", err
	}
	if r := x.regencies[code]; r != nil {
		return r.Name, nil
	}
	return code, nil
}

// RegencyOptions lists the home province's regencies; first is the
// empty choice labelled empty.
func (x *refs) RegencyOptions(empty string) ([]option, error) {
	if err := x.loadRegencies(); err != nil {
		return nil, err
	}
	opts := []option{{"", translate(x.lang, empty)}}
	for _, r := range x.regList {
		opts = append(opts, option{r.Code, r.Name})
	}
	return opts, nil
}

func (x *refs) loadCommodities() error {
	if x.commodities != nil {
		return nil
	}
	cs, _, err := x.s.lookups.FindCommodities(x.ctx, dagang.CommodityFilter{ListOptions: all})
	if err != nil {
		return err
	}
	x.comList, x.commodities = cs, map[int64]*dagang.Commodity{}
	for _, c := range cs {
		x.commodities[c.ID] = c
	}
	return nil
}

// Commodity names a commodity in the page's language; "–" for none.
func (x *refs) Commodity(id int64) (string, error) {
	if id == 0 {
		return "–", nil
	}
	if err := x.loadCommodities(); err != nil {
		return "", err
	}
	c := x.commodities[id]
	if c == nil {
		return "#" + strconv.FormatInt(id, 10), nil
	}
	if x.lang == "en" && c.NameEN != "" {
		return c.NameEN, nil
	}
	return c.Name, nil
}

// CommodityOptions lists the catalogue for a select.
func (x *refs) CommodityOptions(empty string) ([]option, error) {
	if err := x.loadCommodities(); err != nil {
		return nil, err
	}
	opts := []option{{"", translate(x.lang, empty)}}
	for _, c := range x.comList {
		name, _ := x.Commodity(c.ID)
		opts = append(opts, option{strconv.FormatInt(c.ID, 10), name + " (HS " + c.HSCode + ")"})
	}
	return opts, nil
}

// lookup finds one record by id through cache, "–" for id 0 and "#id"
// for a record that is gone.
func lookup[T any](x *refs, cache map[int64]T, id int64, find func(context.Context, int64) (T, error), name func(T) string) (string, error) {
	if id == 0 {
		return "–", nil
	}
	v, ok := cache[id]
	if !ok {
		var err error
		v, err = find(x.ctx, id)
		if dagang.ErrorCode(err) == dagang.ENOTFOUND {
			return "#" + strconv.FormatInt(id, 10), nil
		}
		if err != nil {
			return "", err
		}
		cache[id] = v
	}
	return name(v), nil
}

// Business names a business.
func (x *refs) Business(id int64) (string, error) {
	return lookup(x, x.businesses, id, x.s.lookups.FindBusinessByID, func(b *dagang.Business) string { return b.Name })
}

// Org names an organisation with its province.
func (x *refs) Org(id int64) (string, error) {
	return lookup(x, x.orgs, id, x.s.lookups.FindOrganisationByID, func(o *dagang.Organisation) string {
		p, _ := x.Province(o.ProvinceCode)
		return o.Name + " (" + p + ")"
	})
}

// Event names an event.
func (x *refs) Event(id int64) (string, error) {
	return lookup(x, x.events, id, x.s.lookups.FindEventByID, func(e *dagang.Event) string { return e.Name })
}

// BusinessOptions lists the office's businesses for a select.
func (x *refs) BusinessOptions(empty string) ([]option, error) {
	bs, _, err := x.s.lookups.FindBusinesses(x.ctx, dagang.BusinessFilter{OfficeID: officeOf(x.ctx), ListOptions: all})
	if err != nil {
		return nil, err
	}
	opts := []option{{"", translate(x.lang, empty)}}
	for _, b := range bs {
		opts = append(opts, option{strconv.FormatInt(b.ID, 10), b.Name})
	}
	return opts, nil
}

// OrgOptions lists the office's partner organisations for a select.
func (x *refs) OrgOptions(empty string) ([]option, error) {
	os, _, err := x.s.lookups.FindOrganisations(x.ctx, dagang.OrganisationFilter{OfficeID: officeOf(x.ctx), ListOptions: all})
	if err != nil {
		return nil, err
	}
	opts := []option{{"", translate(x.lang, empty)}}
	for _, o := range os {
		x.orgs[o.ID] = o
		name, _ := x.Org(o.ID)
		opts = append(opts, option{strconv.FormatInt(o.ID, 10), name})
	}
	return opts, nil
}

// EventOptions lists the office's events for a select.
func (x *refs) EventOptions(empty string) ([]option, error) {
	es, _, err := x.s.lookups.FindEvents(x.ctx, dagang.EventFilter{OfficeID: officeOf(x.ctx), ListOptions: all})
	if err != nil {
		return nil, err
	}
	opts := []option{{"", translate(x.lang, empty)}}
	for _, e := range es {
		opts = append(opts, option{strconv.FormatInt(e.ID, 10), e.Name + " (" + strconv.Itoa(e.Year()) + ")"})
	}
	return opts, nil
}

// enumOptions lists enum values with their labels for a select.
func enumOptions[T ~string](lang, empty string, values []T) []option {
	pd := pageData{Lang: lang}
	var opts []option
	if empty != "" {
		opts = append(opts, option{"", translate(lang, empty)})
	}
	for _, v := range values {
		opts = append(opts, option{string(v), pd.Label(v)})
	}
	return opts
}
