package web

import (
	"net/http"

	"github.com/dagang/dagang"
)

// commodityList is the data of the Komoditas catalogue.
type commodityList struct {
	List   *listView
	Items  []commodityRow
	Stages []option
}

// commodityRow is a commodity with its input links both ways, named.
type commodityRow struct {
	*dagang.Commodity
	Name   string
	Inputs []inputRef // what it is made from
	Uses   []inputRef // what is made from it
}

type inputRef struct {
	ID        int64
	Name, Use string
}

func (s *Server) handleCommodities(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	lv := readList(r, p)
	f := dagang.CommodityFilter{ListOptions: lv.Opt, Stage: enum(p, "stage", dagang.Stage.Valid), HSCode: p.str("hs_code")}
	if err := p.v.Err(); err != nil {
		return err
	}
	items, total, err := s.reference.FindCommodities(r.Context(), f)
	if err != nil {
		return err
	}
	lv.Total = total
	x := s.refs(r.Context(), lv.lang)
	if err := x.loadCommodities(); err != nil {
		return err
	}
	d := commodityList{List: lv, Stages: enumOptions(lv.lang, "Semua tahap", dagang.Stages)}
	for _, c := range items {
		row := commodityRow{Commodity: c}
		row.Name, _ = x.Commodity(c.ID)
		for _, in := range c.Inputs {
			name, _ := x.Commodity(in.InputID)
			row.Inputs = append(row.Inputs, inputRef{ID: in.InputID, Name: name, Use: in.Use})
		}
		for _, other := range x.comList {
			for _, in := range other.Inputs {
				if in.InputID == c.ID {
					name, _ := x.Commodity(other.ID)
					row.Uses = append(row.Uses, inputRef{ID: other.ID, Name: name, Use: in.Use})
				}
			}
		}
		d.Items = append(d.Items, row)
	}
	s.renderPage(w, r, http.StatusOK, "commodities", d)
	return nil
}
