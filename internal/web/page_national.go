package web

import (
	"context"
	"net/http"
	"sort"

	"github.com/dagang/dagang"
)

// The national view (issue 20 §4), for the national role: every office's
// records read across the deployment, read-only. The handlers, and only
// they, cross the offices' boundaries, saying why.

// nationalScope is the context of a national reading: deployment-wide on
// purpose, and logged with its reason by the store.
func nationalScope(ctx context.Context) context.Context {
	return dagang.NewContextForDeployment(ctx, "national view (read-only)")
}

// maxNationalFlows is how many flows the page lists, largest first; the
// API answers all of them.
const maxNationalFlows = 60

// nationalPair is the flow between two provinces over every commodity.
type nationalPair struct {
	From, To               string
	Deals                  int64
	ValueIDR, ConfirmedIDR int64
}

// nationalPage is the data of the national page.
type nationalPage struct {
	View      *dagang.NationalView
	Year      int
	Stage     dagang.Stage
	Stages    []dagang.Stage
	Provinces map[string]string // code → name
	Pairs     []nationalPair    // largest first
	Flows     []dagang.NationalFlow
	More      int // flows of the stage not listed
}

// Share is the part confirmed by both sides, as a whole percentage.
func (nationalPage) Share(confirmed, value int64) int { return dagang.ConfirmedShare(confirmed, value) }

func (s *Server) handleNationalAPI(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	year := p.year("year")
	if err := p.v.Err(); err != nil {
		return err
	}
	v, err := s.national.National(nationalScope(r.Context()), year)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *Server) handleNational(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	year := p.year("year")
	stage := enum(p, "stage", dagang.Stage.Valid)
	if err := p.v.Err(); err != nil {
		return err
	}
	ctx := nationalScope(r.Context())
	v, err := s.national.National(ctx, year)
	if err != nil {
		return err
	}
	provinces, err := s.national.FindProvinces(ctx)
	if err != nil {
		return err
	}
	d := nationalPage{View: v, Year: year, Stage: stage, Stages: dagang.Stages, Provinces: map[string]string{}}
	for _, pr := range provinces {
		d.Provinces[pr.Code] = pr.Name
	}
	pairs := map[[2]string]*nationalPair{}
	for _, f := range v.Flows {
		if stage != "" && f.Stage != stage {
			continue
		}
		k := [2]string{f.From, f.To}
		if pairs[k] == nil {
			pairs[k] = &nationalPair{From: f.From, To: f.To}
		}
		pr := pairs[k]
		pr.Deals += f.Deals
		pr.ValueIDR += f.ValueIDR
		pr.ConfirmedIDR += f.ConfirmedIDR
		if len(d.Flows) < maxNationalFlows {
			d.Flows = append(d.Flows, f)
		} else {
			d.More++
		}
	}
	for _, pr := range pairs {
		d.Pairs = append(d.Pairs, *pr)
	}
	sort.Slice(d.Pairs, func(i, j int) bool {
		a, b := d.Pairs[i], d.Pairs[j]
		if a.ValueIDR != b.ValueIDR {
			return a.ValueIDR > b.ValueIDR
		}
		return a.From+a.To < b.From+b.To
	})
	s.renderPage(w, r, http.StatusOK, "national", d)
	return nil
}
