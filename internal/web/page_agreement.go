package web

import (
	"context"
	"net/http"

	"github.com/dagang/dagang"
)

// agreementList is the data of the Mitra & Kerja Sama page: a table, or a
// board with one column per stage.
type agreementList struct {
	List      *listView
	Items     []*dagang.Agreement
	Refs      *refs
	Board     bool
	Columns   []boardColumn
	Stages    []option
	Provinces []option
}

// boardColumn is one stage of the board.
type boardColumn struct {
	Stage dagang.AgreementStage
	Items []*dagang.Agreement
}

func (s *Server) handleAgreements(w http.ResponseWriter, r *http.Request) error {
	p := &params{r: r}
	lv := readList(r, p)
	board := p.str("view") == "board"
	f := dagang.AgreementFilter{ListOptions: lv.Opt, OfficeID: officeOf(r.Context()), PartnerProvince: p.str("partner_province_code"), Stage: enum(p, "stage", dagang.AgreementStage.Valid)}
	if board {
		// The board shows every agreement that matches, by stage.
		f.ListOptions = dagang.ListOptions{Limit: dagang.MaxLimit, Query: lv.Opt.Query, Sort: lv.Opt.Sort}
	}
	if err := p.v.Err(); err != nil {
		return err
	}
	items, total, err := s.agreements.FindAgreements(r.Context(), f)
	if err != nil {
		return err
	}
	lv.Total = total
	x := s.refs(r.Context(), lv.lang)
	d := agreementList{List: lv, Items: items, Refs: x, Board: board, Stages: enumOptions(lv.lang, "Semua tahap", dagang.AgreementStages)}
	if board {
		for _, st := range dagang.AgreementStages {
			col := boardColumn{Stage: st}
			for _, a := range items {
				if a.Stage == st {
					col.Items = append(col.Items, a)
				}
			}
			d.Columns = append(d.Columns, col)
		}
	}
	if d.Provinces, err = x.ProvinceOptions(); err != nil {
		return err
	}
	d.Provinces[0].Label = translate(lv.lang, "Semua provinsi")
	s.renderPage(w, r, http.StatusOK, "agreements", d)
	return nil
}

// agreementDetail is the data of one agreement's page.
type agreementDetail struct {
	A         *dagang.Agreement
	Refs      *refs
	Documents []*dagang.AgreementDocument
	Orgs      []*dagang.Organisation
	Deals     []*dagang.Deal
}

// handleAgreement shows one agreement of the office, its own or one a
// partner office shares with it (with both offices' signatures). The
// organisations and deals are the viewer's own with the other side's
// province; the documents are the recording office's.
func (s *Server) handleAgreement(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	a, err := s.partyAgreement(ctx, id)
	if err != nil {
		return err
	}
	office := officeOf(ctx)
	d := agreementDetail{A: a, Refs: s.refs(ctx, langOf(r))}
	if a.OfficeID == office {
		if d.Documents, err = s.agreements.FindAgreementDocuments(ctx, a.ID); err != nil {
			return err
		}
	}
	if d.Orgs, _, err = s.agreements.FindOrganisations(ctx, dagang.OrganisationFilter{OfficeID: office, ProvinceCode: a.Other(office), ListOptions: all}); err != nil {
		return err
	}
	if d.Deals, _, err = s.agreements.FindDeals(ctx, dagang.DealFilter{OfficeID: office, ProvinceCode: a.Other(office), ListOptions: dagang.ListOptions{Limit: pageLimit}}); err != nil {
		return err
	}
	s.renderPage(w, r, http.StatusOK, "agreement", d)
	return nil
}

// partyAgreement reads agreement id when the request's office records it
// or a partner office shares it with this one; another office's agreement
// answers as a missing one.
func (s *Server) partyAgreement(ctx context.Context, id int64) (*dagang.Agreement, error) {
	a, err := s.agreements.FindAgreementByID(ctx, id)
	if err == nil && !a.Party(officeOf(ctx)) {
		return nil, dagang.Errorf(dagang.ENOTFOUND, "data %d tidak ditemukan", "record %d not found", id)
	}
	return a, err
}

// agreementSides is the data of the "agreement-signatures" partial: a
// shared agreement's two offices, the viewer's first, each with its
// signature or none yet.
type agreementSides struct {
	P     pageData
	A     *dagang.Agreement
	Sides []agreementSide
}

type agreementSide struct {
	OfficeID int64
	Office   string
	Mine     bool
	Sig      *dagang.AgreementSignature
}

// Signatures prepares the signatures of shared agreement a for the
// "agreement-signatures" partial.
func (p pageData) Signatures(a *dagang.Agreement) agreementSides {
	var office int64
	if p.User != nil {
		office = p.User.OfficeID
	}
	out := agreementSides{P: p, A: a}
	for _, o := range []int64{a.OfficeID, a.PartnerOfficeID} {
		side := agreementSide{OfficeID: o, Office: a.OfficeName(o), Mine: o == office, Sig: a.SignatureOf(o)}
		if side.Mine {
			out.Sides = append([]agreementSide{side}, out.Sides...)
		} else {
			out.Sides = append(out.Sides, side)
		}
	}
	return out
}
