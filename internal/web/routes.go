package web

import (
	"context"
	"net/http"

	"github.com/dagang/dagang"
)

// routes registers every route of the application: this file is the one
// place to see what the server answers.
//
// Every route is registered with rt.route(pattern, rule, handler): the rule
// says which roles may use it (access.go, README-routes.md).
func (s *Server) routes(rt *router) {
	oid := s.cfg.OfficeID
	st := s.store
	const (
		business    = dagang.UserBusiness
		counterpart = dagang.UserCounterpart
	)

	rt.route("GET /healthz", public(), s.handleHealthz)
	rt.route("GET /readyz", public(), s.handleReadyz)
	rt.routeHandler("GET /static/", public(), s.static())
	rt.routeHandler("GET /favicon.ico", public(), s.favicon())

	// Accounts.
	rt.route("GET /login", public(), s.handleLoginForm)
	rt.route("POST /login", public(), s.handleLogin)
	rt.route("POST /logout", public(), s.handleLogout)

	// Pages.
	rt.route("GET /{$}", anyUser, s.handleDashboard)
	rt.route("POST /lang", public(), s.handleLang)
	rt.route("GET /geo/provinces.geojson", anyUser, s.handleProvincesGeoJSON)
	rt.route("GET /agreements", officeRead, s.handleAgreements)
	rt.route("GET /agreements/{id}", officeRead, s.handleAgreement)
	rt.route("GET /commodities", anyUser, s.handleCommodities)
	rt.route("GET /businesses", officeRead, s.handleBusinesses)
	rt.route("GET /businesses/new", officeWrite, s.handleBusinessNew)
	rt.route("POST /businesses", officeWrite, s.handleBusinessCreate)
	rt.route("GET /businesses/{id}", officeRead.scoped(business, ownBusiness), s.handleBusiness)
	rt.route("GET /businesses/{id}/edit", officeWrite.scoped(business, ownBusiness), s.handleBusinessEdit)
	rt.route("POST /businesses/{id}", officeWrite.scoped(business, ownBusiness), s.handleBusinessUpdate)
	rt.route("GET /events", officeRead.scoped(business, nil).scoped(counterpart, counterpartEvents), s.handleEvents)
	rt.route("GET /events/new", officeWrite, s.handleEventNew)
	rt.route("POST /events", officeWrite, s.handleEventCreate)
	rt.route("GET /events/{id}", officeRead.scoped(business, nil).scoped(counterpart, counterpartEvent), s.handleEvent)
	rt.route("GET /events/{id}/edit", officeWrite, s.handleEventEdit)
	rt.route("POST /events/{id}", officeWrite, s.handleEventUpdate)
	rt.route("GET /deals", officeRead.scoped(business, businessDeals).scoped(counterpart, counterpartDeals), s.handleDeals)
	rt.route("GET /deals/new", officeWrite, s.handleDealNew)
	rt.route("POST /deals", officeWrite, s.handleDealCreate)
	rt.route("GET /deals/value-preview", officeWrite, s.handleValuePreview)
	rt.route("GET /audit", officeRead, s.handleAudit)

	// Partner analysis, agreement workflow, delegations and reach (issues 4 and 5).
	rt.route("GET /partners/rank", officeRead, s.handlePartnersRank)
	rt.route("GET /api/v1/partners/rank", officeRead, s.handlePartnersRankAPI)
	rt.route("POST /partners/declarations", officeWrite, s.handleDeclare)
	rt.route("GET /statistics/coverage", officeRead, s.handleStatisticsCoverage)
	rt.route("POST /targets", officeWrite, s.handleTargetCreate)
	rt.route("GET /agreements/{id}/workflow", officeRead, s.handleAgreementWorkflow)
	rt.route("POST /agreements/{id}/stage", officeWrite, s.handleAgreementMove)
	rt.route("POST /agreements/{id}/documents", officeWrite, s.handleDocumentUpload)
	rt.route("GET /agreements/{id}/documents/{doc}", officeRead, s.handleDocumentDownload)
	rt.route("GET /api/v1/agreements/{id}/documents", officeRead, s.handleDocumentsAPI)
	rt.route("POST /api/v1/agreements/{id}/documents", officeWrite, s.handleDocumentUploadAPI)
	rt.route("GET /api/v1/agreements/{id}/documents/{doc}", officeRead, s.handleDocumentDownload)
	rt.route("POST /events/{id}/status", officeWrite, s.handleEventMove)
	rt.route("POST /api/v1/events/{id}/status", officeWrite, s.handleEventMoveAPI)
	rt.route("POST /events/{id}/applications", officeWrite.scoped(business, nil), s.handleApply)
	rt.route("POST /api/v1/events/{id}/applications", officeWrite.scoped(business, nil), s.handleApplyAPI)
	rt.route("GET /events/{id}/delegation", officeRead, s.handleDelegation)
	rt.route("GET /api/v1/events/{id}/delegation", officeRead, s.handleDelegationAPI)
	rt.route("POST /events/{id}/delegation", officeWrite, s.handleDelegationSet)
	rt.route("POST /api/v1/events/{id}/delegation", officeWrite, s.handleDelegationSetAPI)
	rt.route("POST /events/{id}/delegation/overrides", officeWrite, s.handleDelegationOverride)
	rt.route("POST /api/v1/events/{id}/delegation/overrides", officeWrite, s.handleDelegationOverrideAPI)
	rt.route("GET /reach", officeRead, s.handleReach)
	rt.route("GET /api/v1/reports/reach", officeRead, s.handleReachAPI)
	rt.route("GET /delegation/simulate", officeRead, s.handleSimulate)
	rt.route("GET /api/v1/delegation/simulate", officeRead, s.handleSimulateAPI)

	// Matching, meeting requests and the agenda (issue 6): page_requests.go,
	// page_agenda.go, api_agenda.go.
	rt.route("GET /events/{id}/requests", officeRead, s.handleMeetingRequests)
	rt.route("POST /events/{id}/requests", officeWrite, s.handleMeetingRequestCreate)
	rt.route("POST /events/{id}/requests/{rid}/status", officeWrite, s.handleMeetingRequestDecide)
	rt.route("POST /events/{id}/participations/{pid}/availability", officeWrite, s.handleAvailabilitySave)
	rt.route("GET /events/{id}/agenda", officeRead, s.handleAgenda)
	rt.route("GET /events/{id}/agenda.pdf", officeRead, s.handleAgendaPDF)
	rt.route("GET /participations/{id}/agenda", officeRead.scoped(business, businessApplication).scoped(counterpart, orgParticipation), s.handleAgendaPerson)
	rt.route("GET /participations/{id}/agenda.pdf", officeRead.scoped(business, businessApplication).scoped(counterpart, orgParticipation), s.handleAgendaPersonPDF)
	rt.route("POST /participations/{id}/requests", officeWrite.scoped(business, businessApplication).scoped(counterpart, orgParticipation), s.handleOwnRequest)
	rt.route("POST /events/{id}/agenda/solve", officeWrite, s.handleAgendaSolve)
	rt.route("POST /events/{id}/meetings/{mid}/lock", officeWrite, s.handleMeetingLock)
	rt.route("POST /events/{id}/meetings/{mid}/move", officeWrite, s.handleMeetingMove)
	rt.route("GET /api/v1/events/{id}/suggestions", officeRead, s.handleSuggestionsAPI)
	rt.route("GET /api/v1/events/{id}/availability", officeRead, s.handleAvailabilityAPI)
	rt.route("PUT /api/v1/participations/{id}/availability", officeWrite, s.handleAvailabilitySetAPI)
	rt.route("GET /api/v1/events/{id}/agenda", officeRead, s.handleAgendaAPI)
	rt.route("POST /api/v1/events/{id}/schedule", officeWrite, s.handleScheduleAPI)
	rt.route("POST /api/v1/meetings/{id}/move", officeWrite, s.handleMeetingMoveAPI)
	rt.route("POST /api/v1/meetings/{id}/lock", officeWrite, s.handleMeetingLockAPI)

	// JSON API: reports.
	rt.route("GET /api/v1/reports/summary", anyUser, s.handleSummaryAPI)

	// JSON API: reference data.
	rt.route("GET /api/v1/provinces", anyUser, func(w http.ResponseWriter, r *http.Request) error {
		ps, err := st.FindProvinces(r.Context())
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, page[*dagang.Province]{Items: ps, Total: len(ps), Limit: len(ps)})
		return nil
	})
	rt.route("GET /api/v1/provinces/{code}", anyUser, func(w http.ResponseWriter, r *http.Request) error {
		p, err := st.FindProvinceByCode(r.Context(), r.PathValue("code"))
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, p)
		return nil
	})
	rt.route("GET /api/v1/regencies", anyUser, listAPI(func(p *params) (regencyQuery, dagang.ListOptions) {
		q := regencyQuery{province: p.str("province_code"), opt: p.list()}
		return q, q.opt
	}, func(ctx context.Context, q regencyQuery) ([]*dagang.Regency, int, error) {
		return st.FindRegencies(ctx, q.province, q.opt)
	}))
	rt.route("GET /api/v1/regencies/{code}", anyUser, func(w http.ResponseWriter, r *http.Request) error {
		g, err := st.FindRegencyByCode(r.Context(), r.PathValue("code"))
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, g)
		return nil
	})
	rt.route("GET /api/v1/commodities", anyUser, listAPI(func(p *params) (dagang.CommodityFilter, dagang.ListOptions) {
		f := dagang.CommodityFilter{ListOptions: p.list(), Stage: enum(p, "stage", dagang.Stage.Valid), HSCode: p.str("hs_code")}
		return f, f.ListOptions
	}, st.FindCommodities))
	rt.route("GET /api/v1/commodities/{id}", anyUser, getAPI(st.FindCommodityByID))
	rt.route("GET /api/v1/statistics", officeRead, listAPI(func(p *params) (dagang.StatisticFilter, dagang.ListOptions) {
		f := dagang.StatisticFilter{ListOptions: p.list(), ProvinceCode: p.str("province_code"), Commodity: p.str("commodity"), Year: p.year("year")}
		return f, f.ListOptions
	}, st.FindStatistics))
	rt.route("GET /api/v1/statistics/{id}", officeRead, getAPI(st.FindStatisticByID))

	// JSON API: the office's records.
	rt.route("GET /api/v1/offices", anyUser, func(w http.ResponseWriter, r *http.Request) error {
		o, err := st.FindOfficeByID(r.Context(), oid)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, page[*dagang.Office]{Items: []*dagang.Office{o}, Total: 1, Limit: 1})
		return nil
	})
	rt.route("GET /api/v1/offices/{id}", anyUser, getAPI(officeRecord(oid, st.FindOfficeByID, func(o *dagang.Office) int64 { return o.ID })))
	rt.route("GET /api/v1/businesses", officeRead, listAPI(func(p *params) (dagang.BusinessFilter, dagang.ListOptions) {
		f := dagang.BusinessFilter{ListOptions: p.list(), OfficeID: oid, RegencyCode: p.str("regency_code"), CommodityID: p.int64("commodity_id"), Size: enum(p, "size_class", dagang.SizeClass.Valid)}
		return f, f.ListOptions
	}, st.FindBusinesses))
	rt.route("GET /api/v1/businesses/{id}", officeRead.scoped(business, ownBusiness), getAPI(officeRecord(oid, st.FindBusinessByID, func(b *dagang.Business) int64 { return b.OfficeID })))
	rt.route("GET /api/v1/organisations", officeRead, listAPI(func(p *params) (dagang.OrganisationFilter, dagang.ListOptions) {
		f := dagang.OrganisationFilter{ListOptions: p.list(), OfficeID: oid, ProvinceCode: p.str("province_code"), Kind: enum(p, "kind", dagang.OrgKind.Valid)}
		return f, f.ListOptions
	}, st.FindOrganisations))
	rt.route("GET /api/v1/organisations/{id}", officeRead.scoped(counterpart, ownOrganisation), getAPI(officeRecord(oid, st.FindOrganisationByID, func(o *dagang.Organisation) int64 { return o.OfficeID })))
	rt.route("GET /api/v1/listings", officeRead, listAPI(func(p *params) (dagang.ListingFilter, dagang.ListOptions) {
		f := dagang.ListingFilter{ListOptions: p.list(), OfficeID: oid, Kind: enum(p, "kind", validListingKind), BusinessID: p.int64("business_id"),
			OrganisationID: p.int64("organisation_id"), CommodityID: p.int64("commodity_id"), ProvinceCode: p.str("province_code")}
		return f, f.ListOptions
	}, st.FindListings))
	rt.route("GET /api/v1/listings/{id}", officeRead, getAPI(officeRecord(oid, st.FindListingByID, func(l *dagang.Listing) int64 { return l.OfficeID })))
	rt.route("GET /api/v1/declarations", officeRead, listAPI(func(p *params) (dagang.DeclarationFilter, dagang.ListOptions) {
		f := dagang.DeclarationFilter{ListOptions: p.list(), OfficeID: oid, ProvinceCode: p.str("province_code"), CommodityID: p.int64("commodity_id")}
		return f, f.ListOptions
	}, st.FindDeclarations))
	rt.route("GET /api/v1/declarations/{id}", officeRead, getAPI(officeRecord(oid, st.FindDeclarationByID, func(d *dagang.Declaration) int64 { return d.OfficeID })))
	rt.route("GET /api/v1/agreements", officeRead, listAPI(func(p *params) (dagang.AgreementFilter, dagang.ListOptions) {
		f := dagang.AgreementFilter{ListOptions: p.list(), OfficeID: oid, PartnerProvince: p.str("partner_province_code"), Stage: enum(p, "stage", dagang.AgreementStage.Valid)}
		return f, f.ListOptions
	}, st.FindAgreements))
	rt.route("GET /api/v1/agreements/{id}", officeRead, getAPI(officeRecord(oid, st.FindAgreementByID, func(a *dagang.Agreement) int64 { return a.OfficeID })))
	rt.route("GET /api/v1/targets", officeRead, listAPI(func(p *params) (dagang.TargetFilter, dagang.ListOptions) {
		f := dagang.TargetFilter{ListOptions: p.list(), OfficeID: oid, Year: p.year("year")}
		return f, f.ListOptions
	}, st.FindTargets))
	rt.route("GET /api/v1/targets/{id}", officeRead, getAPI(officeRecord(oid, st.FindTargetByID, func(t *dagang.Target) int64 { return t.OfficeID })))
	rt.route("GET /api/v1/events", officeRead.scoped(business, nil).scoped(counterpart, counterpartEvents), listAPI(func(p *params) (dagang.EventFilter, dagang.ListOptions) {
		f := dagang.EventFilter{ListOptions: p.list(), OfficeID: oid, Year: p.year("year"), HostProvince: p.str("host_province_code"),
			Kind: enum(p, "kind", dagang.EventKind.Valid), Status: enum(p, "status", dagang.EventStatus.Valid), OrganisationID: p.int64("organisation_id")}
		return f, f.ListOptions
	}, st.FindEvents))
	rt.route("GET /api/v1/events/{id}", officeRead.scoped(business, nil).scoped(counterpart, counterpartEvent), getAPI(s.eventOfOffice))
	rt.route("GET /api/v1/events/{id}/participations", officeRead.scoped(business, businessParticipations).scoped(counterpart, counterpartEvent), s.eventChildren(func(ctx context.Context, eventID int64, p *params) (any, error) {
		ps, n, err := st.FindParticipations(ctx, dagang.ParticipationFilter{ListOptions: p.list(), EventID: eventID, BusinessID: p.int64("business_id"), OrganisationID: p.int64("organisation_id"), Role: enum(p, "role", dagang.Role.Valid), Status: enum(p, "status", dagang.ParticipationStatus.Valid)})
		return page[*dagang.Participation]{Items: ps, Total: n}, err
	}))
	rt.route("GET /api/v1/events/{id}/meeting-requests", officeRead.scoped(counterpart, counterpartEvent), s.eventChildren(func(ctx context.Context, eventID int64, p *params) (any, error) {
		rs, n, err := st.FindMeetingRequests(ctx, dagang.MeetingFilter{ListOptions: p.list(), EventID: eventID, ParticipationID: p.int64("participation_id"), Status: enum(p, "status", dagang.RequestStatus.Valid)})
		return page[*dagang.MeetingRequest]{Items: rs, Total: n}, err
	}))
	rt.route("GET /api/v1/events/{id}/meetings", officeRead.scoped(counterpart, counterpartEvent), s.eventChildren(func(ctx context.Context, eventID int64, p *params) (any, error) {
		ms, n, err := st.FindMeetings(ctx, dagang.MeetingFilter{ListOptions: p.list(), EventID: eventID, ParticipationID: p.int64("participation_id")})
		return page[*dagang.Meeting]{Items: ms, Total: n}, err
	}))
	rt.route("GET /api/v1/deals", officeRead.scoped(business, businessDeals).scoped(counterpart, counterpartDeals), listAPI(func(p *params) (dagang.DealFilter, dagang.ListOptions) {
		f := dagang.DealFilter{ListOptions: p.list(), OfficeID: oid, EventID: p.int64("event_id"), BusinessID: p.int64("business_id"),
			CounterpartID: p.int64("counterpart_id"), CommodityID: p.int64("commodity_id"), Direction: enum(p, "direction", dagang.Direction.Valid),
			Stage: enum(p, "stage", dagang.DealStage.Valid), Year: p.year("year"), ProvinceCode: p.str("province_code")}
		return f, f.ListOptions
	}, st.FindDeals))
	rt.route("GET /api/v1/deals/{id}", officeRead.scoped(business, businessDeal).scoped(counterpart, counterpartDeal), getAPI(officeRecord(oid, st.FindDealByID, func(d *dagang.Deal) int64 { return d.OfficeID })))
	rt.route("GET /api/v1/deals/{id}/realisations", officeRead.scoped(business, businessDeal).scoped(counterpart, counterpartDeal), func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if _, err := officeRecord(oid, st.FindDealByID, func(d *dagang.Deal) int64 { return d.OfficeID })(r.Context(), id); err != nil {
			return err
		}
		rs, err := st.FindRealisations(r.Context(), id)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, page[*dagang.Realisation]{Items: rs, Total: len(rs), Limit: len(rs)})
		return nil
	})
	rt.route("GET /api/v1/users", adminOnly, listAPI(func(p *params) (dagang.UserFilter, dagang.ListOptions) {
		f := dagang.UserFilter{ListOptions: p.list(), OfficeID: oid, Role: enum(p, "role", dagang.UserRole.Valid)}
		return f, f.ListOptions
	}, st.FindUsers))
	rt.route("GET /api/v1/users/{id}", adminOnly, getAPI(officeRecord(oid, st.FindUserByID, func(u *dagang.User) int64 { return u.OfficeID })))
	rt.route("GET /api/v1/audit", officeRead, listAPI(func(p *params) (dagang.AuditFilter, dagang.ListOptions) {
		f := dagang.AuditFilter{ListOptions: p.list(), OfficeID: oid, Entity: p.str("entity"), EntityID: p.int64("entity_id")}
		return f, f.ListOptions
	}, st.FindAuditEntries))

	// Deals from handshake to delivery, reports, exports and imports (api_deals.go, page_laporan.go).
	rt.route("POST /api/v1/deals", officeWrite, s.handleDealCreateAPI)
	rt.route("PATCH /api/v1/deals/{id}", officeWrite, s.handleDealUpdateAPI)
	rt.route("DELETE /api/v1/deals/{id}", officeWrite, s.handleDealDeleteAPI)
	rt.route("POST /api/v1/deals/{id}/stage", officeWrite, s.handleDealStageAPI)
	rt.route("POST /api/v1/deals/{id}/answer", allow().scoped(counterpart, counterpartDeal), s.handleDealAnswerAPI)
	rt.route("POST /deals/{id}/answer", allow().scoped(counterpart, counterpartDeal), s.handleDealAnswerPage)
	rt.route("POST /api/v1/deals/{id}/confirm-link", officeWrite, s.handleDealLinkAPI)
	rt.route("POST /api/v1/deals/{id}/realisations", officeWrite, s.handleRealisationCreateAPI)
	rt.route("GET /api/v1/followups", officeRead, s.handleFollowUpsAPI)
	rt.route("GET /api/v1/reports/deals", officeRead, s.handleDealReportAPI)
	rt.route("GET /api/v1/imports/template", officeRead, s.handleImportTemplate)
	rt.route("POST /api/v1/imports", officeWrite, s.handleImportUpload)
	rt.route("GET /api/v1/imports/{id}", officeWrite, s.handleImportJob)
	rt.route("GET /laporan", officeRead, s.handleLaporan)
	rt.route("GET /laporan/ekspor", officeRead, s.handleLaporanExport)
	rt.route("GET /laporan/impor", officeWrite, s.handleImportPage)
	rt.route("GET /konfirmasi", public(), s.handleKonfirmasi)
	rt.route("POST /konfirmasi", public(), s.handleKonfirmasiAnswer)

	// JSON API: writes (write.go).
	rt.route("POST /api/v1/businesses", officeWrite, createAPI(inOffice(func(b *dagang.Business) *int64 { return &b.OfficeID }, oid), st.CreateBusiness))
	rt.route("PATCH /api/v1/businesses/{id}", officeWrite.scoped(business, ownBusiness), updateAPI(officeRecord(oid, st.FindBusinessByID, func(b *dagang.Business) int64 { return b.OfficeID }),
		keep(func(b *dagang.Business) (*int64, *int64) { return &b.ID, &b.OfficeID }), st.UpdateBusiness))
	rt.route("DELETE /api/v1/businesses/{id}", officeWrite, deleteAPI(officeRecord(oid, st.FindBusinessByID, func(b *dagang.Business) int64 { return b.OfficeID }), st.DeleteBusiness))
	rt.route("POST /api/v1/organisations", officeWrite, createAPI(inOffice(func(o *dagang.Organisation) *int64 { return &o.OfficeID }, oid), st.CreateOrganisation))
	rt.route("PATCH /api/v1/organisations/{id}", officeWrite.scoped(counterpart, ownOrganisation), updateAPI(officeRecord(oid, st.FindOrganisationByID, func(o *dagang.Organisation) int64 { return o.OfficeID }),
		keep(func(o *dagang.Organisation) (*int64, *int64) { return &o.ID, &o.OfficeID }), st.UpdateOrganisation))
	rt.route("DELETE /api/v1/organisations/{id}", officeWrite, deleteAPI(officeRecord(oid, st.FindOrganisationByID, func(o *dagang.Organisation) int64 { return o.OfficeID }), st.DeleteOrganisation))
	rt.route("POST /api/v1/listings", officeWrite, createAPI(inOffice(func(l *dagang.Listing) *int64 { return &l.OfficeID }, oid), st.CreateListing))
	rt.route("PATCH /api/v1/listings/{id}", officeWrite, updateAPI(officeRecord(oid, st.FindListingByID, func(l *dagang.Listing) int64 { return l.OfficeID }),
		keep(func(l *dagang.Listing) (*int64, *int64) { return &l.ID, &l.OfficeID }), st.UpdateListing))
	rt.route("DELETE /api/v1/listings/{id}", officeWrite, deleteAPI(officeRecord(oid, st.FindListingByID, func(l *dagang.Listing) int64 { return l.OfficeID }), st.DeleteListing))
	rt.route("POST /api/v1/declarations", officeWrite, createAPI(inOffice(func(d *dagang.Declaration) *int64 { return &d.OfficeID }, oid), st.CreateDeclaration))
	rt.route("PATCH /api/v1/declarations/{id}", officeWrite, updateAPI(officeRecord(oid, st.FindDeclarationByID, func(d *dagang.Declaration) int64 { return d.OfficeID }),
		keep(func(d *dagang.Declaration) (*int64, *int64) { return &d.ID, &d.OfficeID }), st.UpdateDeclaration))
	rt.route("DELETE /api/v1/declarations/{id}", officeWrite, deleteAPI(officeRecord(oid, st.FindDeclarationByID, func(d *dagang.Declaration) int64 { return d.OfficeID }), st.DeleteDeclaration))
	rt.route("POST /api/v1/agreements", officeWrite, createAPI(inOffice(func(a *dagang.Agreement) *int64 { return &a.OfficeID }, oid), st.CreateAgreement))
	rt.route("PATCH /api/v1/agreements/{id}", officeWrite, updateAPI(officeRecord(oid, st.FindAgreementByID, func(a *dagang.Agreement) int64 { return a.OfficeID }),
		keep(func(a *dagang.Agreement) (*int64, *int64) { return &a.ID, &a.OfficeID }), st.UpdateAgreement))
	rt.route("POST /api/v1/agreements/{id}/stage", officeWrite, s.handleAgreementStage)
	rt.route("POST /api/v1/targets", officeWrite, createAPI(inOffice(func(t *dagang.Target) *int64 { return &t.OfficeID }, oid), st.CreateTarget))
	rt.route("PATCH /api/v1/targets/{id}", officeWrite, updateAPI(officeRecord(oid, st.FindTargetByID, func(t *dagang.Target) int64 { return t.OfficeID }),
		keep(func(t *dagang.Target) (*int64, *int64) { return &t.ID, &t.OfficeID }), st.UpdateTarget))
	rt.route("DELETE /api/v1/targets/{id}", officeWrite, deleteAPI(officeRecord(oid, st.FindTargetByID, func(t *dagang.Target) int64 { return t.OfficeID }), st.DeleteTarget))
	rt.route("POST /api/v1/events", officeWrite, createAPI(inOffice(func(e *dagang.Event) *int64 { return &e.OfficeID }, oid), st.CreateEvent))
	rt.route("PATCH /api/v1/events/{id}", officeWrite, updateAPI(s.eventOfOffice, keep(func(e *dagang.Event) (*int64, *int64) { return &e.ID, &e.OfficeID }), st.UpdateEvent))
	rt.route("DELETE /api/v1/events/{id}", officeWrite, deleteAPI(s.eventOfOffice, st.DeleteEvent))
	rt.route("POST /api/v1/events/{id}/participations", officeWrite, createAPI(s.prepareParticipation, st.CreateParticipation))
	rt.route("PATCH /api/v1/participations/{id}", officeWrite, updateAPI(s.participationOfOffice,
		keep(func(p *dagang.Participation) (*int64, *int64) { return &p.ID, &p.EventID }), st.UpdateParticipation))
	rt.route("DELETE /api/v1/participations/{id}", officeWrite, deleteAPI(s.participationOfOffice, st.DeleteParticipation))
	rt.route("POST /api/v1/events/{id}/meeting-requests", officeWrite, createAPI(s.prepareMeetingRequest, st.CreateMeetingRequest))
	rt.route("PATCH /api/v1/meeting-requests/{id}", officeWrite, s.handleMeetingRequestStatus)
	rt.route("DELETE /api/v1/meeting-requests/{id}", officeWrite, deleteAPI(s.meetingRequestOfOffice, st.DeleteMeetingRequest))
	rt.route("POST /api/v1/users", adminOnly, s.handleUserCreate)
	rt.route("PATCH /api/v1/users/{id}", adminOnly, s.handleUserUpdate)
	rt.route("DELETE /api/v1/users/{id}", adminOnly, s.handleUserDelete)

	rt.route("GET /api/openapi.json", public(), s.handleOpenAPI)

	rt.route("/api/", public(), func(w http.ResponseWriter, r *http.Request) error {
		return dagang.Errorf(dagang.ENOTFOUND, "alamat API %s tidak dikenal", "unknown API path %s", r.URL.Path)
	})
	rt.route("/", public(), func(w http.ResponseWriter, r *http.Request) error {
		return dagang.Errorf(dagang.ENOTFOUND, "halaman %s tidak ditemukan", "page %s not found", r.URL.Path)
	})
}

type regencyQuery struct {
	province string
	opt      dagang.ListOptions
}

// eventOfOffice finds an event of this server's office.
func (s *Server) eventOfOffice(ctx context.Context, id int64) (*dagang.Event, error) {
	return officeRecord(s.cfg.OfficeID, s.store.FindEventByID, func(e *dagang.Event) int64 { return e.OfficeID })(ctx, id)
}

// eventChildren serves a list that belongs to one event of the office.
func (s *Server) eventChildren(find func(ctx context.Context, eventID int64, p *params) (any, error)) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if _, err := s.eventOfOffice(r.Context(), id); err != nil {
			return err
		}
		p := &params{r: r}
		v, err := find(r.Context(), id, p)
		if err == nil {
			err = p.v.Err()
		}
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, v)
		return nil
	}
}
