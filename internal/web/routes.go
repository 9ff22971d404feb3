package web

import (
	"context"
	"net/http"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/analysis"
	"github.com/dagang/dagang/internal/importer"
	"github.com/dagang/dagang/internal/mission"
	"github.com/dagang/dagang/internal/report"
)

// routes registers every route of the application: this file is the one
// place to see what the server answers.
//
// Every route is registered with rt.route(pattern, rule, handler): the rule
// says which roles may use it (access.go, README-routes.md).
func (s *Server) routes(rt *router) {
	const (
		business    = dagang.UserBusiness
		counterpart = dagang.UserCounterpart
	)

	rt.route("GET /healthz", public(), s.handleHealthz)
	rt.route("GET /readyz", public(), s.handleReadyz)
	rt.routeHandler("GET /static/", public(), s.static())
	rt.routeHandler("GET /favicon.ico", public(), s.favicon())
	rt.routeHandler("GET /sw.js", public(), s.serviceWorker())

	// Accounts.
	rt.route("GET /login", public(), s.handleLoginForm)
	rt.route("POST /login", public(), s.gated(s.handleLogin))
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
	rt.route("POST /deals", officeWrite, idempotent(s.handleDealCreate))
	rt.route("GET /deals/value-preview", officeWrite, s.handleValuePreview)
	rt.route("GET /deals/masuk", officeRead, s.handleIncoming)
	rt.route("POST /deals/{id}/partner-review", officeWrite, s.handlePartnerReviewPage)
	rt.route("GET /deals/{id}", officeRead.scoped(business, businessDeal).scoped(counterpart, counterpartDeal), s.handleDeal)
	rt.route("GET /audit", officeRead, s.handleAudit)
	rt.route("GET /outbox", officeRead, s.handleOutbox)
	rt.route("GET /glosarium", anyUser, s.handleGlossary)

	// Partner analysis, agreement workflow, delegations and reach (issues 4 and 5).
	rt.route("GET /partners/rank", officeRead, s.handlePartnersRank)
	rt.api("GET /api/v1/partners/rank", officeRead, apiOp{Summary: "Peringkat calon provinsi mitra", Query: []string{"home", "year"}, Resp: analysis.Ranking{}}, s.handlePartnersRankAPI)
	rt.route("POST /partners/declarations", officeWrite, s.handleDeclare)
	rt.route("GET /statistics/coverage", officeRead, s.handleStatisticsCoverage)
	rt.route("POST /targets", officeWrite, s.handleTargetCreate)
	rt.route("GET /agreements/{id}/workflow", officeRead, s.handleAgreementWorkflow)
	rt.route("POST /agreements/{id}/stage", officeWrite, s.handleAgreementMove)
	rt.route("POST /agreements/{id}/sign", officeWrite, s.handleAgreementSign)
	rt.route("POST /agreements/{id}/documents", officeWrite, s.handleDocumentUpload)
	rt.route("GET /agreements/{id}/documents/{doc}", officeRead, s.handleDocumentDownload)
	rt.api("GET /api/v1/agreements/{id}/documents", officeRead, apiOp{Summary: "Dokumen kerja sama (tanpa isi)", Resp: listOf[*dagang.AgreementDocument]()}, s.handleDocumentsAPI)
	rt.api("POST /api/v1/agreements/{id}/documents", officeWrite, apiOp{Summary: "Unggah dokumen kerja sama", Description: "Isi permintaan multipart/form-data: file, note. PDF, gambar atau dokumen Office; maks. 10 MB.", Resp: dagang.AgreementDocument{}, Status: 201}, s.handleDocumentUploadAPI)
	rt.api("GET /api/v1/agreements/{id}/documents/{doc}", officeRead, apiOp{Summary: "Unduh satu dokumen kerja sama", Produces: []string{"application/octet-stream"}}, s.handleDocumentDownload)
	rt.route("POST /events/{id}/status", officeWrite, s.handleEventMove)
	rt.api("POST /api/v1/events/{id}/status", officeWrite, apiOp{Summary: "Pindahkan kegiatan ke status berikutnya", Body: eventMove{}, Resp: dagang.Event{}}, s.handleEventMoveAPI)
	rt.route("POST /events/{id}/applications", officeWrite.scoped(business, nil), s.handleApply)
	rt.api("POST /api/v1/events/{id}/applications", officeWrite.scoped(business, nil), apiOp{Summary: "Daftar ke kegiatan dengan pemeriksaan syarat", Body: application{}, Resp: dagang.Participation{}, Status: 201}, s.handleApplyAPI)
	rt.route("GET /events/{id}/delegation", officeRead, s.handleDelegation)
	rt.api("GET /api/v1/events/{id}/delegation", officeRead, apiOp{Summary: "Usulan delegasi kegiatan", Query: ruleKeys, Enum: ruleEnums, Resp: mission.Plan{}}, s.handleDelegationAPI)
	rt.route("POST /events/{id}/delegation", officeWrite, s.handleDelegationSet)
	rt.api("POST /api/v1/events/{id}/delegation", officeWrite, apiOp{Summary: "Tetapkan delegasi: simpan keputusan setiap pelamar", Resp: []dagang.DelegationDecision{}}, s.handleDelegationSetAPI)
	rt.route("POST /events/{id}/delegation/overrides", officeWrite, s.handleDelegationOverride)
	rt.api("POST /api/v1/events/{id}/delegation/overrides", officeWrite, apiOp{Summary: "Tambahkan atau keluarkan pelamar dengan alasan", Body: overrideInput{}, Resp: dagang.DelegationOverride{}, Status: 201}, s.handleDelegationOverrideAPI)
	rt.route("GET /reach", officeRead, s.handleReach)
	rt.api("GET /api/v1/reports/reach", officeRead, apiOp{Summary: "Jangkauan pelaku usaha per tahun dan total", Resp: mission.Reach{}}, s.handleReachAPI)
	rt.route("GET /delegation/simulate", officeRead, s.handleSimulate)
	rt.api("GET /api/v1/delegation/simulate", officeRead, apiOp{Summary: "Simulasi rotasi delegasi", Query: append([]string{"years", "event"}, ruleKeys...), Enum: ruleEnums, Resp: mission.Simulation{}}, s.handleSimulateAPI)

	// Open calls (page_opencall.go): public pages, no login; and the
	// staff's queue of self-registrations (page_registrations.go).
	rt.route("GET /terbuka", public(), s.handleOpenCalls)
	rt.route("GET /terbuka/{id}", public(), s.handleOpenCall)
	rt.route("GET /terbuka/{id}/poster.pdf", public(), s.handlePosterPDF)
	rt.route("GET /terbuka/{id}/poster.png", public(), s.handlePosterPNG)
	rt.route("GET /daftar", public(), s.handleRegistrationForm)
	rt.route("POST /daftar", public(), s.gated(s.handleRegistrationCreate))
	rt.route("GET /daftar/terkirim", public(), s.handleRegistrationSent)
	rt.route("GET /daftar/verifikasi", public(), s.gated(s.handleRegistrationVerify))
	rt.route("GET /kata-sandi", public(), s.handlePasswordLinkForm)
	rt.route("POST /kata-sandi", public(), s.gated(s.handlePasswordLinkSet))
	rt.route("GET /pendaftaran", officeRead, s.handleRegistrations)
	rt.route("POST /pendaftaran/{id}/verifikasi", officeWrite, s.handleRegistrationVerifyPage)
	rt.route("POST /pendaftaran/{id}/keputusan", officeWrite, s.handleRegistrationDecidePage)
	rt.api("GET /api/v1/registrations", officeRead, apiOp{Summary: "Pendaftaran mandiri lewat panggilan terbuka",
		Description: "Bawaan: yang menunggu keputusan (status=pending). Setiap pendaftaran membawa duplicate_of: pelaku usaha tercatat dengan NIB sama, atau nama sama di kabupaten/kota yang sama.",
		List:        true, Query: []string{"status", "event_id"}, Enum: map[string][]string{"status": enumOf(dagang.RegistrationStatuses)}, Resp: listOf[*dagang.Registration]()}, s.handleRegistrationsAPI)
	rt.api("GET /api/v1/registrations/{id}", officeRead, apiOp{Summary: "Satu pendaftaran mandiri dengan kemungkinan duplikatnya", Resp: dagang.Registration{}}, s.handleRegistrationAPI)
	rt.api("POST /api/v1/registrations/{id}/verification", officeWrite, apiOp{Summary: "Tandai kontak pendaftar terverifikasi lewat telepon",
		Description: "Bila e-mail belum diatur, staf menelepon nomor pendaftar lalu menandainya (verified_by=phone).", Body: verification{}, Resp: dagang.Registration{}}, s.handleRegistrationVerifyAPI)
	rt.api("POST /api/v1/registrations/{id}/decision", officeWrite, apiOp{Summary: "Setujui, gabungkan atau tolak pendaftaran mandiri",
		Description: "approve: pelaku usaha, akun kontaknya dan lamarannya ke kegiatan dicatat; merge: lamaran atas nama pelaku usaha tercatat (business_id); reject: dengan alasan (reason) yang dibaca pendaftar. Hanya pendaftaran yang kontaknya terverifikasi yang dapat disetujui atau digabung. Pendaftar menerima pemberitahuan registration_decided.",
		Body:        dagang.RegistrationDecision{}, Resp: dagang.Registration{}}, s.handleRegistrationDecideAPI)

	// Matching, meeting requests and the agenda (issue 6): page_requests.go,
	// page_agenda.go, api_agenda.go.
	rt.route("GET /events/{id}/requests", officeRead, s.handleMeetingRequests)
	rt.route("POST /events/{id}/requests", officeWrite, s.handleMeetingRequestCreate)
	rt.route("POST /events/{id}/requests/{rid}/status", officeWrite, s.handleMeetingRequestDecide)
	rt.route("POST /events/{id}/requests/decide", officeWrite, s.handleRequestsBulk)
	rt.api("POST /api/v1/events/{id}/meeting-requests/decisions", officeWrite, apiOp{Summary: "Setujui/tolak banyak permintaan sekaligus",
		Description: "Semua atau tidak sama sekali: setiap nomor harus permintaan kegiatan ini (paling banyak 1000).", Body: requestDecisions{}, Resp: listOf[*dagang.MeetingRequest]()}, s.handleRequestsBulkAPI)
	rt.route("POST /events/{id}/participations/{pid}/availability", officeWrite, s.handleAvailabilitySave)
	rt.route("GET /events/{id}/agenda", officeRead, s.handleAgenda)
	rt.route("GET /events/{id}/agenda.pdf", officeRead, s.handleAgendaPDF)
	rt.route("POST /events/{id}/agenda/publish", officeWrite, s.handleAgendaPublish)
	rt.api("POST /api/v1/events/{id}/agenda/publish", officeWrite, apiOp{Summary: "Terbitkan agenda ke setiap peserta",
		Description: "Setiap peserta yang tidak ditolak menerima agendanya (pemberitahuan agenda_published dengan berkas .ics, dalam bahasanya). Sesudah terbit, penjadwalan ulang, perbaikan dan pemindahan hanya memberi tahu peserta yang pertemuannya berubah.",
		Resp:        publishAnswer{}}, s.handleAgendaPublishAPI)
	rt.api("GET /api/v1/events/{id}/agenda.ics", officeRead, apiOp{Summary: "Agenda kegiatan sebagai berkas kalender (iCalendar)",
		Description: "Setiap pertemuan dengan UID tetap dan SEQUENCE yang naik setiap kali berubah; pertemuan yang dibatalkan tetap ada dengan STATUS:CANCELLED. Waktu dalam zona kegiatan (TZID, VTIMEZONE).", Produces: []string{calendarType}}, s.handleEventCalendar)
	rt.api("GET /api/v1/events/{id}/participations/{pid}/agenda.ics", officeRead.scoped(business, businessEventParticipant).scoped(counterpart, orgEventParticipant),
		apiOp{Summary: "Agenda satu peserta sebagai berkas kalender (iCalendar)", Description: "Untuk peserta itu sendiri dan staf; peserta lain 404.", Produces: []string{calendarType}}, s.handleParticipantCalendar)
	rt.route("GET /participations/{id}/agenda", officeRead.scoped(business, businessApplication).scoped(counterpart, orgParticipation), s.handleAgendaPerson)
	rt.route("GET /participations/{id}/agenda.pdf", officeRead.scoped(business, businessApplication).scoped(counterpart, orgParticipation), s.handleAgendaPersonPDF)
	rt.api("GET /api/v1/events/{id}/agenda.pdf", officeRead, apiOp{Summary: "Agenda pertemuan sebagai PDF",
		Description: "part=all (bawaan: jadwal setiap peserta, meja, kisi), tables, grid atau badges (tanda peserta dengan kode QR check-in).", Query: []string{"part"}, Enum: map[string][]string{"part": {"all", "tables", "grid", "badges"}}, Produces: []string{"application/pdf"}}, s.handleAgendaPDF)
	rt.api("GET /api/v1/participations/{id}/agenda.pdf", officeRead.scoped(business, businessApplication).scoped(counterpart, orgParticipation),
		apiOp{Summary: "Agenda satu peserta sebagai PDF", Description: "part=agenda (bawaan, dengan kode QR check-in) atau badge.", Query: []string{"part"}, Enum: map[string][]string{"part": {"agenda", "badge"}}, Produces: []string{"application/pdf"}}, s.handleAgendaPersonPDF)
	rt.route("POST /participations/{id}/requests", officeWrite.scoped(business, businessApplication).scoped(counterpart, orgParticipation), s.handleOwnRequest)
	// Self-service (selfservice.go): a participant's own suggestions and
	// requests; the service decides who may ask and who may answer.
	rt.route("POST /participations/{id}/availability", officeWrite.scoped(business, businessApplication).scoped(counterpart, orgParticipation), s.handleOwnAvailability)
	rt.route("POST /participations/{id}/requests/{rid}/answer", officeWrite.scoped(business, businessApplication).scoped(counterpart, orgParticipation), s.handleRequestAnswer)
	rt.api("GET /api/v1/participations/{id}/suggestions", officeRead.scoped(business, businessApplication).scoped(counterpart, orgParticipation),
		apiOp{Summary: "Saran pertemuan seorang peserta dengan alasannya", Query: []string{"limit"}, Resp: suggestionList{}}, s.handleOwnSuggestionsAPI)
	rt.api("GET /api/v1/participations/{id}/meeting-requests", officeRead.scoped(business, businessApplication).scoped(counterpart, orgParticipation),
		apiOp{Summary: "Permintaan pertemuan dari dan kepada seorang peserta", List: true, Query: []string{"status"}, Enum: map[string][]string{"status": enumOf(dagang.RequestStatuses)}, Resp: listOf[*dagang.MeetingRequest]()}, s.handleOwnRequestsAPI)
	rt.api("POST /api/v1/participations/{id}/meeting-requests", officeWrite.scoped(business, businessApplication).scoped(counterpart, orgParticipation),
		apiOp{Summary: "Minta pertemuan atas nama peserta", Description: "Permintaan menunggu jawaban pihak yang diminta.", Body: ownRequestBody{}, Resp: dagang.MeetingRequest{}, Status: 201}, s.handleOwnRequestAPI)
	rt.api("POST /api/v1/participations/{id}/meeting-requests/{rid}/answer", officeWrite.scoped(business, businessApplication).scoped(counterpart, orgParticipation),
		apiOp{Summary: "Terima atau tolak permintaan pertemuan", Description: "Hanya pihak yang diminta (atau staf atas namanya) yang menjawab; balasan opsional.", Body: meetingRequestStatus{}, Resp: dagang.MeetingRequest{}}, s.handleOwnAnswerAPI)
	rt.route("POST /events/{id}/agenda/solve", officeWrite, s.handleAgendaSolve)
	rt.route("POST /events/{id}/meetings/{mid}/lock", officeWrite, s.handleMeetingLock)
	rt.route("POST /events/{id}/meetings/{mid}/move", officeWrite, s.handleMeetingMove)
	// The event day (checkin.go): check-in by code or name, meeting outcomes.
	rt.route("GET /events/{id}/checkin", officeRead, s.handleCheckinPage)
	rt.route("POST /events/{id}/checkins", officeWrite, idempotent(s.handleCheckinForm))
	rt.route("POST /events/{id}/meetings/{mid}/outcome", officeWrite, idempotent(s.handleMeetingOutcome))
	rt.route("POST /events/{id}/agenda/repair", officeWrite, s.handleRepairForm)
	rt.api("POST /api/v1/events/{id}/agenda/repair", officeWrite, apiOp{Summary: "Perbaiki sisa hari dengan perubahan sesedikit mungkin",
		Description: "Sesudah peserta tidak hadir, datang terlambat atau permintaan baru: pertemuan terlaksana, terkunci dan yang sudah lewat tetap; urutan: bobot terbesar, lalu perubahan paling sedikit, lalu jeda paling sedikit. Menjawab siapa yang terdampak.",
		Body:        repairBody{}, Resp: agenda.RepairResult{}}, s.handleRepairAPI)
	rt.api("GET /api/v1/events/{id}/checkins", officeRead, apiOp{Summary: "Daftar hadir: setiap peserta dengan kode check-in dan waktu datangnya",
		Description: "q: bagian nama peserta (tanpa membedakan huruf besar).", Query: []string{"q"}, Resp: listOf[rosterEntry]()}, s.handleRosterAPI)
	rt.api("POST /api/v1/events/{id}/checkins", officeWrite, apiOp{Summary: "Check-in peserta dengan kode QR/ketikan atau nomor peserta",
		Description: "Sekali per peserta: check-in berikutnya menjawab check-in pertama dengan created=false.", Body: checkinBody{}, Resp: checkinAnswer{}, Idempotent: true}, s.handleCheckinAPI)
	rt.api("POST /api/v1/meetings/{id}/outcome", officeWrite, apiOp{Summary: "Tandai pertemuan: terlaksana, tidak hadir (pihak mana) atau dipindah",
		Description: "Pertemuan terlaksana atau tidak hadir dikunci di tempatnya; outcome kosong menghapus tanda.", Body: meetingOutcome{}, Resp: dagang.Meeting{}, Idempotent: true}, s.handleMeetingOutcomeAPI)
	rt.api("GET /api/v1/events/{id}/suggestions", officeRead, apiOp{Summary: "Saran pasangan pertemuan", Query: []string{"limit"}, Resp: listOf[suggestionList]()}, s.handleSuggestionsAPI)
	rt.api("GET /api/v1/events/{id}/availability", officeRead, apiOp{Summary: "Ketersediaan peserta", Resp: listOf[*dagang.Availability]()}, s.handleAvailabilityAPI)
	rt.api("PUT /api/v1/participations/{id}/availability", officeWrite.scoped(business, businessApplication).scoped(counterpart, orgParticipation),
		apiOp{Summary: "Atur ketersediaan peserta", Description: "Staf untuk siapa pun; pelaku usaha dan mitra hanya untuk dirinya sendiri. unavailable_slots dihitung dari 0.", Body: availabilityBody{}, Resp: dagang.Availability{}}, s.handleAvailabilitySetAPI)
	rt.api("GET /api/v1/events/{id}/agenda", officeRead, apiOp{Summary: "Agenda pertemuan", Resp: agendaJSON{}}, s.handleAgendaAPI)
	rt.api("POST /api/v1/events/{id}/schedule", officeWrite, apiOp{Summary: "Susun jadwal pertemuan", Resp: agenda.Result{}}, s.handleScheduleAPI)
	rt.api("POST /api/v1/meetings/{id}/move", officeWrite, apiOp{Summary: "Pindahkan dan kunci pertemuan", Body: meetingMove{}, Resp: dagang.Meeting{}}, s.handleMeetingMoveAPI)
	rt.api("POST /api/v1/meetings/{id}/lock", officeWrite, apiOp{Summary: "Kunci/buka pertemuan", Body: meetingLock{}, Resp: dagang.Meeting{}}, s.handleMeetingLockAPI)

	// JSON API: reports.
	rt.route("GET /nasional", nationalRead, s.handleNational)
	rt.api("GET /api/v1/reports/national", nationalRead, apiOp{Summary: "Tampilan nasional: arus barang antarprovinsi per komoditas dan tahap, kerja sama per tahap, kegiatan dan hasilnya, dengan bagian yang dikonfirmasi kedua pihak", Query: []string{"year"}, Resp: dagang.NationalView{}}, s.handleNationalAPI)
	rt.api("GET /api/v1/reports/summary", anyUser, apiOp{Summary: "Ringkasan kinerja satu tahun (0: semua)", Query: []string{"year"}, Resp: dagang.Summary{}}, s.handleSummaryAPI)

	// JSON API: reference data.
	rt.api("GET /api/v1/provinces", anyUser, apiOp{Summary: "Provinsi", Resp: listOf[*dagang.Province]()}, func(w http.ResponseWriter, r *http.Request) error {
		ps, err := s.reference.FindProvinces(r.Context())
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, page[*dagang.Province]{Items: ps, Total: len(ps), Limit: len(ps)})
		return nil
	})
	rt.api("GET /api/v1/provinces/{code}", anyUser, apiOp{Summary: "Satu provinsi", Resp: dagang.Province{}}, func(w http.ResponseWriter, r *http.Request) error {
		p, err := s.reference.FindProvinceByCode(r.Context(), r.PathValue("code"))
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, p)
		return nil
	})
	rt.api("GET /api/v1/regencies", anyUser, apiOp{Summary: "Kabupaten/kota", List: true, Query: []string{"province_code"}, Resp: listOf[*dagang.Regency]()}, listAPI(func(p *params) (regencyQuery, dagang.ListOptions) {
		q := regencyQuery{province: p.str("province_code"), opt: p.list()}
		return q, q.opt
	}, func(ctx context.Context, q regencyQuery) ([]*dagang.Regency, int, error) {
		return s.reference.FindRegencies(ctx, q.province, q.opt)
	}))
	rt.api("GET /api/v1/regencies/{code}", anyUser, apiOp{Summary: "Satu kabupaten/kota", Resp: dagang.Regency{}}, func(w http.ResponseWriter, r *http.Request) error {
		g, err := s.reference.FindRegencyByCode(r.Context(), r.PathValue("code"))
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, g)
		return nil
	})
	rt.api("GET /api/v1/commodities", anyUser, apiOp{Summary: "Katalog komoditas", List: true, Query: []string{"stage", "hs_code"}, Enum: map[string][]string{"stage": enumOf(dagang.Stages)}, Resp: listOf[*dagang.Commodity]()}, listAPI(func(p *params) (dagang.CommodityFilter, dagang.ListOptions) {
		f := dagang.CommodityFilter{ListOptions: p.list(), Stage: enum(p, "stage", dagang.Stage.Valid), HSCode: p.str("hs_code")}
		return f, f.ListOptions
	}, s.reference.FindCommodities))
	rt.api("GET /api/v1/commodities/{id}", anyUser, apiOp{Summary: "Satu komoditas", Resp: dagang.Commodity{}}, getAPI(s.reference.FindCommodityByID))
	rt.api("GET /api/v1/statistics", officeRead, apiOp{Summary: "Statistik", List: true, Query: []string{"province_code", "commodity", "year"}, Resp: listOf[*dagang.Statistic]()}, listAPI(func(p *params) (dagang.StatisticFilter, dagang.ListOptions) {
		f := dagang.StatisticFilter{ListOptions: p.list(), ProvinceCode: p.str("province_code"), Commodity: p.str("commodity"), Year: p.year("year")}
		return f, f.ListOptions
	}, s.reference.FindStatistics))
	rt.api("GET /api/v1/statistics/{id}", officeRead, apiOp{Summary: "Satu statistik", Resp: dagang.Statistic{}}, getAPI(s.reference.FindStatisticByID))

	// JSON API: the office's records.
	rt.api("GET /api/v1/offices", anyUser, apiOp{Summary: "Dinas server ini", Resp: listOf[*dagang.Office]()}, func(w http.ResponseWriter, r *http.Request) error {
		o, err := s.reference.FindOfficeByID(r.Context(), officeOf(r.Context()))
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, page[*dagang.Office]{Items: []*dagang.Office{o}, Total: 1, Limit: 1})
		return nil
	})
	rt.api("GET /api/v1/offices/{id}", anyUser, apiOp{Summary: "Satu dinas", Resp: dagang.Office{}}, getAPI(officeRecord(s.reference.FindOfficeByID, func(o *dagang.Office) int64 { return o.ID })))
	rt.api("GET /api/v1/businesses", officeRead, apiOp{Summary: "Pelaku usaha", List: true, Query: []string{"regency_code", "commodity_id", "size_class"}, Enum: map[string][]string{"size_class": enumOf(sizeClasses)}, Resp: listOf[*dagang.Business]()}, listAPI(func(p *params) (dagang.BusinessFilter, dagang.ListOptions) {
		f := dagang.BusinessFilter{ListOptions: p.list(), OfficeID: officeOf(p.r.Context()), RegencyCode: p.str("regency_code"), CommodityID: p.int64("commodity_id"), Size: enum(p, "size_class", dagang.SizeClass.Valid)}
		return f, f.ListOptions
	}, s.businesses.FindBusinesses))
	rt.api("GET /api/v1/businesses/{id}", officeRead.scoped(business, ownBusiness), apiOp{Summary: "Satu pelaku usaha", Resp: dagang.Business{}}, getAPI(officeRecord(s.businesses.FindBusinessByID, func(b *dagang.Business) int64 { return b.OfficeID })))
	rt.api("GET /api/v1/organisations", officeRead, apiOp{Summary: "Organisasi mitra", List: true, Query: []string{"province_code", "kind"}, Enum: map[string][]string{"kind": enumOf(dagang.OrgKinds)}, Resp: listOf[*dagang.Organisation]()}, listAPI(func(p *params) (dagang.OrganisationFilter, dagang.ListOptions) {
		f := dagang.OrganisationFilter{ListOptions: p.list(), OfficeID: officeOf(p.r.Context()), ProvinceCode: p.str("province_code"), Kind: enum(p, "kind", dagang.OrgKind.Valid)}
		return f, f.ListOptions
	}, s.organisations.FindOrganisations))
	rt.api("GET /api/v1/organisations/{id}", officeRead.scoped(counterpart, ownOrganisation), apiOp{Summary: "Satu organisasi", Resp: dagang.Organisation{}}, getAPI(officeRecord(s.organisations.FindOrganisationByID, func(o *dagang.Organisation) int64 { return o.OfficeID })))
	rt.api("GET /api/v1/listings", officeRead, apiOp{Summary: "Penawaran dan kebutuhan", List: true, Query: []string{"kind", "business_id", "organisation_id", "commodity_id", "province_code"}, Enum: map[string][]string{"kind": enumOf(dagang.ListingKinds)}, Resp: listOf[*dagang.Listing]()}, listAPI(func(p *params) (dagang.ListingFilter, dagang.ListOptions) {
		f := dagang.ListingFilter{ListOptions: p.list(), OfficeID: officeOf(p.r.Context()), Kind: enum(p, "kind", validListingKind), BusinessID: p.int64("business_id"),
			OrganisationID: p.int64("organisation_id"), CommodityID: p.int64("commodity_id"), ProvinceCode: p.str("province_code")}
		return f, f.ListOptions
	}, s.listings.FindListings))
	rt.api("GET /api/v1/listings/{id}", officeRead, apiOp{Summary: "Satu penawaran/kebutuhan", Resp: dagang.Listing{}}, getAPI(officeRecord(s.listings.FindListingByID, func(l *dagang.Listing) int64 { return l.OfficeID })))
	rt.api("GET /api/v1/declarations", officeRead, apiOp{Summary: "Pernyataan tentang provinsi", List: true, Query: []string{"province_code", "commodity_id"}, Resp: listOf[*dagang.Declaration]()}, listAPI(func(p *params) (dagang.DeclarationFilter, dagang.ListOptions) {
		f := dagang.DeclarationFilter{ListOptions: p.list(), OfficeID: officeOf(p.r.Context()), ProvinceCode: p.str("province_code"), CommodityID: p.int64("commodity_id")}
		return f, f.ListOptions
	}, s.declarations.FindDeclarations))
	rt.api("GET /api/v1/declarations/{id}", officeRead, apiOp{Summary: "Satu pernyataan", Resp: dagang.Declaration{}}, getAPI(officeRecord(s.declarations.FindDeclarationByID, func(d *dagang.Declaration) int64 { return d.OfficeID })))
	rt.api("GET /api/v1/agreements", officeRead, apiOp{Summary: "Kerja sama", List: true, Query: []string{"partner_province_code", "stage"}, Enum: map[string][]string{"stage": enumOf(dagang.AgreementStages)}, Resp: listOf[*dagang.Agreement]()}, listAPI(func(p *params) (dagang.AgreementFilter, dagang.ListOptions) {
		f := dagang.AgreementFilter{ListOptions: p.list(), OfficeID: officeOf(p.r.Context()), PartnerProvince: p.str("partner_province_code"), Stage: enum(p, "stage", dagang.AgreementStage.Valid)}
		return f, f.ListOptions
	}, s.agreements.FindAgreements))
	rt.api("GET /api/v1/agreements/{id}", officeRead, apiOp{Summary: "Satu kerja sama dengan riwayat dan tanda tangan", Resp: dagang.Agreement{}}, getAPI(s.partyAgreement))
	rt.api("GET /api/v1/targets", officeRead, apiOp{Summary: "Target tahunan", List: true, Query: []string{"year"}, Resp: listOf[*dagang.Target]()}, listAPI(func(p *params) (dagang.TargetFilter, dagang.ListOptions) {
		f := dagang.TargetFilter{ListOptions: p.list(), OfficeID: officeOf(p.r.Context()), Year: p.year("year")}
		return f, f.ListOptions
	}, s.targets.FindTargets))
	rt.api("GET /api/v1/targets/{id}", officeRead, apiOp{Summary: "Satu target", Resp: dagang.Target{}}, getAPI(officeRecord(s.targets.FindTargetByID, func(t *dagang.Target) int64 { return t.OfficeID })))
	rt.api("GET /api/v1/events", officeRead.scoped(business, nil).scoped(counterpart, counterpartEvents), apiOp{Summary: "Kegiatan", List: true, Query: []string{"year", "host_province_code", "kind", "status", "organisation_id"}, Enum: map[string][]string{"kind": enumOf(eventKinds), "status": enumOf(dagang.EventStatuses)}, Resp: listOf[*dagang.Event]()}, listAPI(func(p *params) (dagang.EventFilter, dagang.ListOptions) {
		f := dagang.EventFilter{ListOptions: p.list(), OfficeID: officeOf(p.r.Context()), Year: p.year("year"), HostProvince: p.str("host_province_code"),
			Kind: enum(p, "kind", dagang.EventKind.Valid), Status: enum(p, "status", dagang.EventStatus.Valid), OrganisationID: p.int64("organisation_id")}
		return f, f.ListOptions
	}, s.events.FindEvents))
	rt.api("GET /api/v1/events/{id}", officeRead.scoped(business, nil).scoped(counterpart, counterpartEvent), apiOp{Summary: "Satu kegiatan", Resp: dagang.Event{}}, getAPI(s.eventOfOffice))
	rt.api("GET /api/v1/events/{id}/participations", officeRead.scoped(business, businessParticipations).scoped(counterpart, counterpartEvent), apiOp{Summary: "Peserta kegiatan", List: true, Query: []string{"business_id", "organisation_id", "role", "status"}, Enum: map[string][]string{"role": enumOf(dagang.Roles), "status": enumOf(dagang.ParticipationStatuses)}, Resp: listOf[*dagang.Participation]()}, s.eventChildren(func(ctx context.Context, eventID int64, p *params) (any, error) {
		ps, n, err := s.participations.FindParticipations(ctx, dagang.ParticipationFilter{ListOptions: p.list(), EventID: eventID, BusinessID: p.int64("business_id"), OrganisationID: p.int64("organisation_id"), Role: enum(p, "role", dagang.Role.Valid), Status: enum(p, "status", dagang.ParticipationStatus.Valid)})
		return page[*dagang.Participation]{Items: ps, Total: n}, err
	}))
	rt.api("GET /api/v1/events/{id}/meeting-requests", officeRead.scoped(counterpart, counterpartEvent), apiOp{Summary: "Permintaan pertemuan", List: true, Query: []string{"participation_id", "status"}, Enum: map[string][]string{"status": enumOf(dagang.RequestStatuses)}, Resp: listOf[*dagang.MeetingRequest]()}, s.eventChildren(func(ctx context.Context, eventID int64, p *params) (any, error) {
		rs, n, err := s.requests.FindMeetingRequests(ctx, dagang.MeetingFilter{ListOptions: p.list(), EventID: eventID, ParticipationID: p.int64("participation_id"), Status: enum(p, "status", dagang.RequestStatus.Valid)})
		return page[*dagang.MeetingRequest]{Items: rs, Total: n}, err
	}))
	rt.api("GET /api/v1/events/{id}/meetings", officeRead.scoped(counterpart, counterpartEvent), apiOp{Summary: "Jadwal pertemuan", List: true, Query: []string{"participation_id"}, Resp: listOf[*dagang.Meeting]()}, s.eventChildren(func(ctx context.Context, eventID int64, p *params) (any, error) {
		ms, n, err := s.events.FindMeetings(ctx, dagang.MeetingFilter{ListOptions: p.list(), EventID: eventID, ParticipationID: p.int64("participation_id")})
		return page[*dagang.Meeting]{Items: ms, Total: n}, err
	}))
	rt.api("GET /api/v1/deals", officeRead.scoped(business, businessDeals).scoped(counterpart, counterpartDeals), apiOp{Summary: "Transaksi", List: true, Query: []string{"event_id", "business_id", "counterpart_id", "commodity_id", "direction", "stage", "year", "province_code"}, Enum: map[string][]string{"direction": enumOf(dagang.Directions), "stage": enumOf(dagang.DealStages)}, Resp: listOf[*dagang.Deal]()}, listAPI(func(p *params) (dagang.DealFilter, dagang.ListOptions) {
		f := dagang.DealFilter{ListOptions: p.list(), OfficeID: officeOf(p.r.Context()), EventID: p.int64("event_id"), BusinessID: p.int64("business_id"),
			CounterpartID: p.int64("counterpart_id"), CommodityID: p.int64("commodity_id"), Direction: enum(p, "direction", dagang.Direction.Valid),
			Stage: enum(p, "stage", dagang.DealStage.Valid), Year: p.year("year"), ProvinceCode: p.str("province_code")}
		return f, f.ListOptions
	}, s.deals.FindDeals))
	rt.api("GET /api/v1/deals/{id}", officeRead.scoped(business, businessDeal).scoped(counterpart, counterpartDeal), apiOp{Summary: "Satu transaksi", Resp: dagang.Deal{}}, getAPI(officeRecord(s.deals.FindDealByID, func(d *dagang.Deal) int64 { return d.OfficeID })))
	rt.api("GET /api/v1/deals/{id}/realisations", officeRead.scoped(business, businessDeal).scoped(counterpart, counterpartDeal), apiOp{Summary: "Realisasi transaksi", Resp: listOf[*dagang.Realisation]()}, func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if _, err := officeRecord(s.deals.FindDealByID, func(d *dagang.Deal) int64 { return d.OfficeID })(r.Context(), id); err != nil {
			return err
		}
		rs, err := s.realisations.FindRealisations(r.Context(), id)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, page[*dagang.Realisation]{Items: rs, Total: len(rs), Limit: len(rs)})
		return nil
	})
	rt.api("GET /api/v1/users", adminOnly, apiOp{Summary: "Akun pengguna", List: true, Query: []string{"role"}, Enum: map[string][]string{"role": enumOf(AllRoles)}, Resp: listOf[*dagang.User]()}, listAPI(func(p *params) (dagang.UserFilter, dagang.ListOptions) {
		f := dagang.UserFilter{ListOptions: p.list(), OfficeID: officeOf(p.r.Context()), Role: enum(p, "role", dagang.UserRole.Valid)}
		return f, f.ListOptions
	}, s.users.FindUsers))
	rt.api("GET /api/v1/users/{id}", adminOnly, apiOp{Summary: "Satu akun", Resp: dagang.User{}}, getAPI(officeRecord(s.users.FindUserByID, func(u *dagang.User) int64 { return u.OfficeID })))
	rt.api("GET /api/v1/audit", officeRead, apiOp{Summary: "Jejak audit", List: true, Query: []string{"entity", "entity_id"}, Enum: map[string][]string{"entity": dagang.AuditEntities}, Resp: listOf[*dagang.AuditEntry]()}, listAPI(func(p *params) (dagang.AuditFilter, dagang.ListOptions) {
		f := dagang.AuditFilter{ListOptions: p.list(), OfficeID: officeOf(p.r.Context()), Entity: enum(p, "entity", dagang.ValidAuditEntity), EntityID: p.int64("entity_id")}
		return f, f.ListOptions
	}, s.audit.FindAuditEntries))
	rt.api("GET /api/v1/outbox", officeRead, apiOp{Summary: "Pesan keluar: pemberitahuan dengan teks dan tautan WhatsApp",
		Description: "Setiap pemberitahuan dalam bahasa penerima, terkirim atau menunggu, dengan tautan klik-untuk-chat WhatsApp berisi teks yang sama.",
		List:        true, Query: []string{"state", "kind"}, Enum: map[string][]string{"state": enumOf(outboxStates), "kind": enumOf(dagang.NotificationKinds)}, Resp: listOf[outboxItem]()}, s.handleOutboxAPI)

	// Deals from handshake to delivery, reports, exports and imports (api_deals.go, page_laporan.go).
	rt.api("POST /api/v1/deals", officeWrite, apiOp{Summary: "Catat transaksi", Description: "Catat transaksi; kemungkinan duplikat ditolak (409) kecuali force=true; nilai sebagai value_idr (rupiah bulat) atau value_text (\"Rp1,5 miliar\")", Body: dealBody{}, Resp: dagang.Deal{}, Status: 201, Idempotent: true}, s.handleDealCreateAPI)
	rt.api("PATCH /api/v1/deals/{id}", officeWrite, apiOp{Summary: "Ubah transaksi (kolom yang dikirim)", Description: "Ubah transaksi (kolom yang dikirim); perubahan pihak, komoditas, volume atau nilai mengembalikan konfirmasi ke menunggu", Body: dealBody{}, Resp: dagang.Deal{}}, s.handleDealUpdateAPI)
	rt.api("DELETE /api/v1/deals/{id}", officeWrite, apiOp{Summary: "Hapus transaksi beserta realisasinya", Status: 204}, s.handleDealDeleteAPI)
	rt.api("POST /api/v1/deals/{id}/stage", officeWrite, apiOp{Summary: "Pindahkan tahap transaksi", Body: stageBody{}, Resp: dagang.Deal{}}, s.handleDealStageAPI)
	rt.api("POST /api/v1/deals/{id}/answer", allow().scoped(counterpart, counterpartDeal), apiOp{Summary: "Jawaban mitra dari akunnya sendiri: confirmed atau rejected", Body: answerBody{}, Resp: dagang.Deal{}}, s.handleDealAnswerAPI)
	rt.api("GET /api/v1/deals/incoming", officeRead, apiOp{Summary: "Transaksi dari mitra: dicatat dinas provinsi lain dengan mitra di provinsi ini",
		Description: "Transaksi yang dicatat dinas lain pada deployment ini dengan pihak di provinsi dinas Anda, dilihat dari sisi Anda (penjualan mitra adalah pembelian Anda), dengan status tinjauan dinas Anda dan transaksi Anda sendiri yang mungkin sama (likely_own).",
		List:        true, Query: []string{"state", "year"}, Enum: map[string][]string{"state": enumOf(dagang.PartnerStates)}, Resp: listOf[*dagang.IncomingDeal]()}, listAPI(incomingFilter, s.partnerDeals.FindIncomingDeals))
	rt.api("POST /api/v1/deals/{id}/partner-review", officeWrite, apiOp{Summary: "Tinjauan dinas mitra: konfirmasi atau sanggah transaksi dari mitra",
		Description: "decision: confirm atau dispute (sanggahan wajib dengan note); link_deal_id: transaksi dinas Anda sendiri untuk perdagangan yang sama, agar tidak dihitung dua kali. Hanya sisi dinas mitra yang berubah.",
		Body:        dagang.PartnerReview{}, Resp: dagang.IncomingDeal{}}, s.handlePartnerReviewAPI)
	rt.route("POST /deals/{id}/answer", allow().scoped(counterpart, counterpartDeal), s.handleDealAnswerPage)
	rt.api("POST /api/v1/deals/{id}/confirm-link", officeWrite, apiOp{Summary: "Tautan konfirmasi sekali pakai untuk mitra (1–90 hari)", Body: linkBody{}, Resp: linkAnswer{}, Status: 201}, s.handleDealLinkAPI)
	rt.api("POST /api/v1/deals/{id}/realisations", officeWrite, apiOp{Summary: "Catat tindak lanjut: volume terkirim dan nilai terbayar sampai tanggal laporan", Body: realisationBody{}, Resp: dagang.Realisation{}, Status: 201}, s.handleRealisationCreateAPI)
	rt.api("GET /api/v1/followups", officeRead, apiOp{Summary: "Tindak lanjut yang terlambat atau jatuh tempo sampai due_before", Query: []string{"due_before", "limit"}, Resp: listOf[dagang.FollowUp]()}, s.handleFollowUpsAPI)
	rt.api("GET /api/v1/reports/deals", officeRead, apiOp{Summary: "Laporan transaksi: diumumkan, dikonfirmasi, terealisasi per arah, tahap, kegiatan, mitra, komoditas, tahun", Description: "Laporan transaksi: diumumkan, dikonfirmasi, terealisasi per arah, tahap, kegiatan, mitra, komoditas, tahun; arus antarprovinsi", Query: []string{"year"}, Resp: report.Deals{}}, s.handleDealReportAPI)
	rt.api("GET /api/v1/imports/template", officeRead, apiOp{Summary: "Templat impor (Excel atau CSV)", Query: []string{"kind", "format"}, Enum: map[string][]string{"kind": enumOf(importer.Kinds), "format": templateFormats}, Produces: []string{xlsxType, "text/csv"}}, s.handleImportTemplate)
	rt.api("POST /api/v1/imports", officeWrite, apiOp{Summary: "Unggah berkas impor (isi permintaan = berkas)", Description: "Unggah berkas impor (isi permintaan = berkas); 202 dengan pekerjaan yang berjalan", Query: []string{"kind", "name", "update", "force"}, Enum: map[string][]string{"kind": enumOf(importer.Kinds)}, Status: 202}, s.handleImportUpload)
	rt.api("GET /api/v1/imports/{id}", officeWrite, apiOp{Summary: "Kemajuan dan hasil satu impor"}, s.handleImportJob)
	rt.api("GET /api/v1/reports/deals/export", officeRead, apiOp{Summary: "Ekspor transaksi (Excel, CSV atau PDF)",
		Description: "Berkas transaksi satu tahun (year) atau semua tahun: format=xlsx, csv atau pdf. Kontak orang tidak disertakan kecuali personal=1. Sel CSV yang diawali =, +, -, @ dinetralkan.",
		Query:       []string{"format", "year", "personal"}, Enum: map[string][]string{"format": exportFormats}, Produces: []string{xlsxType, "text/csv", "application/pdf"}}, s.handleLaporanExport)
	rt.api("GET /api/v1/confirmations/{token}", public(), apiOp{Summary: "Transaksi pada tautan konfirmasi",
		Description: "Yang dilihat mitra dari tautan konfirmasi sekali pakai: transaksi sebagaimana diumumkan, tanpa catatan dinas.", Resp: confirmation{}}, s.handleConfirmationAPI)
	rt.api("POST /api/v1/confirmations/{token}", public(), apiOp{Summary: "Jawaban mitra lewat tautan konfirmasi",
		Description: "Mitra tanpa akun menjawab confirmed atau rejected; tautan habis terpakai. Mitra dengan akun memakai POST /api/v1/deals/{id}/answer.", Body: answerBody{}, Resp: confirmation{}, Lane: true}, s.handleConfirmationAnswerAPI)
	rt.route("GET /laporan", officeRead, s.handleLaporan)
	rt.route("GET /laporan/ekspor", officeRead, s.handleLaporanExport)
	rt.route("GET /laporan/impor", officeWrite, s.handleImportPage)
	rt.route("GET /konfirmasi", public(), s.handleKonfirmasi)
	rt.route("POST /konfirmasi", public(), s.gated(s.handleKonfirmasiAnswer))

	// JSON API: writes (write.go).
	rt.api("POST /api/v1/businesses", officeWrite, apiOp{Summary: "Catat pelaku usaha", Body: dagang.Business{}, Resp: dagang.Business{}, Status: 201}, createAPI(inOffice(func(b *dagang.Business) *int64 { return &b.OfficeID }), s.businesses.CreateBusiness))
	rt.api("PATCH /api/v1/businesses/{id}", officeWrite.scoped(business, ownBusiness), apiOp{Summary: "Ubah pelaku usaha (kolom yang dikirim)", Body: dagang.Business{}, Resp: dagang.Business{}}, updateAPI(officeRecord(s.businesses.FindBusinessByID, func(b *dagang.Business) int64 { return b.OfficeID }),
		keep(func(b *dagang.Business) (*int64, *int64) { return &b.ID, &b.OfficeID }), s.businesses.UpdateBusiness))
	rt.api("DELETE /api/v1/businesses/{id}", officeWrite, apiOp{Summary: "Hapus pelaku usaha", Status: 204}, deleteAPI(officeRecord(s.businesses.FindBusinessByID, func(b *dagang.Business) int64 { return b.OfficeID }), s.businesses.DeleteBusiness))
	rt.api("POST /api/v1/organisations", officeWrite, apiOp{Summary: "Catat organisasi", Body: dagang.Organisation{}, Resp: dagang.Organisation{}, Status: 201}, createAPI(inOffice(func(o *dagang.Organisation) *int64 { return &o.OfficeID }), s.organisations.CreateOrganisation))
	rt.api("PATCH /api/v1/organisations/{id}", officeWrite.scoped(counterpart, ownOrganisation), apiOp{Summary: "Ubah organisasi", Body: dagang.Organisation{}, Resp: dagang.Organisation{}}, updateAPI(officeRecord(s.organisations.FindOrganisationByID, func(o *dagang.Organisation) int64 { return o.OfficeID }),
		keep(func(o *dagang.Organisation) (*int64, *int64) { return &o.ID, &o.OfficeID }), s.organisations.UpdateOrganisation))
	rt.api("DELETE /api/v1/organisations/{id}", officeWrite, apiOp{Summary: "Hapus organisasi", Status: 204}, deleteAPI(officeRecord(s.organisations.FindOrganisationByID, func(o *dagang.Organisation) int64 { return o.OfficeID }), s.organisations.DeleteOrganisation))
	rt.api("POST /api/v1/listings", officeWrite, apiOp{Summary: "Catat penawaran/kebutuhan", Body: dagang.Listing{}, Resp: dagang.Listing{}, Status: 201}, createAPI(inOffice(func(l *dagang.Listing) *int64 { return &l.OfficeID }), s.listings.CreateListing))
	rt.api("PATCH /api/v1/listings/{id}", officeWrite, apiOp{Summary: "Ubah penawaran/kebutuhan", Body: dagang.Listing{}, Resp: dagang.Listing{}}, updateAPI(officeRecord(s.listings.FindListingByID, func(l *dagang.Listing) int64 { return l.OfficeID }),
		keep(func(l *dagang.Listing) (*int64, *int64) { return &l.ID, &l.OfficeID }), s.listings.UpdateListing))
	rt.api("DELETE /api/v1/listings/{id}", officeWrite, apiOp{Summary: "Hapus penawaran/kebutuhan", Status: 204}, deleteAPI(officeRecord(s.listings.FindListingByID, func(l *dagang.Listing) int64 { return l.OfficeID }), s.listings.DeleteListing))
	rt.api("POST /api/v1/declarations", officeWrite, apiOp{Summary: "Catat pernyataan", Body: dagang.Declaration{}, Resp: dagang.Declaration{}, Status: 201}, createAPI(inOffice(func(d *dagang.Declaration) *int64 { return &d.OfficeID }), s.declarations.CreateDeclaration))
	rt.api("PATCH /api/v1/declarations/{id}", officeWrite, apiOp{Summary: "Ubah pernyataan", Body: dagang.Declaration{}, Resp: dagang.Declaration{}}, updateAPI(officeRecord(s.declarations.FindDeclarationByID, func(d *dagang.Declaration) int64 { return d.OfficeID }),
		keep(func(d *dagang.Declaration) (*int64, *int64) { return &d.ID, &d.OfficeID }), s.declarations.UpdateDeclaration))
	rt.api("DELETE /api/v1/declarations/{id}", officeWrite, apiOp{Summary: "Hapus pernyataan", Status: 204}, deleteAPI(officeRecord(s.declarations.FindDeclarationByID, func(d *dagang.Declaration) int64 { return d.OfficeID }), s.declarations.DeleteDeclaration))
	rt.api("POST /api/v1/agreements", officeWrite, apiOp{Summary: "Catat kerja sama", Body: dagang.Agreement{}, Resp: dagang.Agreement{}, Status: 201}, createAPI(inOffice(func(a *dagang.Agreement) *int64 { return &a.OfficeID }), s.agreements.CreateAgreement))
	rt.api("PATCH /api/v1/agreements/{id}", officeWrite, apiOp{Summary: "Ubah kolom kerja sama (bukan tahap)", Description: "Hanya dinas yang mencatat kerja sama mengubah kolomnya; dinas mitra dari kerja sama bersama mendapat 403.", Body: dagang.Agreement{}, Resp: dagang.Agreement{}},
		updateAPI(s.partyAgreement, keep(func(a *dagang.Agreement) (*int64, *int64) { return &a.ID, &a.OfficeID }), s.agreements.UpdateAgreement))
	rt.api("POST /api/v1/agreements/{id}/stage", officeWrite, apiOp{Summary: "Pindahkan tahap kerja sama (dengan riwayat)",
		Description: "Kedua dinas dari kerja sama bersama memindahkan tahapnya; tahap signed atau active baru dapat dicapai setelah kedua dinas mencatat tanda tangannya.", Body: stageChange{}, Resp: dagang.Agreement{}}, versionedAction(s.partyAgreement, s.moveAgreement))
	rt.api("POST /api/v1/agreements/{id}/sign", officeWrite, apiOp{Summary: "Catat tanda tangan dinas Anda pada kerja sama bersama",
		Description: "signatory: siapa yang menandatangani atas nama dinas (nama dan jabatan); signed_on: tanggalnya. Mengganti tanda tangan dinas Anda yang dicatat sebelumnya. Tanda tangan kedua memindahkan kerja sama yang masih potential atau exploring ke signed. Kerja sama dengan provinsi yang dinasnya tidak ada di deployment tidak ditandatangani di sini (409): pindahkan tahapnya.",
		Body:        dagang.AgreementSigning{}, Resp: dagang.Agreement{}}, versionedAction(s.partyAgreement, s.agreements.SignAgreement))
	rt.api("POST /api/v1/targets", officeWrite, apiOp{Summary: "Catat target", Body: dagang.Target{}, Resp: dagang.Target{}, Status: 201}, createAPI(inOffice(func(t *dagang.Target) *int64 { return &t.OfficeID }), s.targets.CreateTarget))
	rt.api("PATCH /api/v1/targets/{id}", officeWrite, apiOp{Summary: "Ubah target", Body: dagang.Target{}, Resp: dagang.Target{}}, updateAPI(officeRecord(s.targets.FindTargetByID, func(t *dagang.Target) int64 { return t.OfficeID }),
		keep(func(t *dagang.Target) (*int64, *int64) { return &t.ID, &t.OfficeID }), s.targets.UpdateTarget))
	rt.api("DELETE /api/v1/targets/{id}", officeWrite, apiOp{Summary: "Hapus target", Status: 204}, deleteAPI(officeRecord(s.targets.FindTargetByID, func(t *dagang.Target) int64 { return t.OfficeID }), s.targets.DeleteTarget))
	rt.api("POST /api/v1/events", officeWrite, apiOp{Summary: "Catat kegiatan", Description: "Catat kegiatan; kegiatan dengan jenis, tuan rumah dan tanggal yang sama dengan yang sudah tercatat ditolak (409) kecuali force=true",
		Query: []string{"force"}, Body: dagang.Event{}, Resp: dagang.Event{}, Status: 201}, s.handleEventCreateAPI)
	rt.api("PATCH /api/v1/events/{id}", officeWrite, apiOp{Summary: "Ubah kegiatan", Body: dagang.Event{}, Resp: dagang.Event{}}, updateAPI(s.eventOfOffice, keep(func(e *dagang.Event) (*int64, *int64) { return &e.ID, &e.OfficeID }), s.events.UpdateEvent))
	rt.api("DELETE /api/v1/events/{id}", officeWrite, apiOp{Summary: "Hapus kegiatan tanpa peserta dan transaksi", Status: 204}, deleteAPI(s.eventOfOffice, s.events.DeleteEvent))
	rt.api("POST /api/v1/events/{id}/participations", officeWrite, apiOp{Summary: "Daftarkan peserta (pelaku usaha: mendaftar sendiri)", Body: dagang.Participation{}, Resp: dagang.Participation{}, Status: 201}, createAPI(s.prepareParticipation, s.participations.CreateParticipation))
	rt.api("PATCH /api/v1/participations/{id}", officeWrite, apiOp{Summary: "Ubah peran, status, catatan peserta", Body: dagang.Participation{}, Resp: dagang.Participation{}}, updateAPI(s.participationOfOffice,
		keep(func(p *dagang.Participation) (*int64, *int64) { return &p.ID, &p.EventID }), s.participations.UpdateParticipation))
	rt.api("DELETE /api/v1/participations/{id}", officeWrite, apiOp{Summary: "Tarik pendaftaran", Status: 204}, deleteAPI(s.participationOfOffice, s.participations.DeleteParticipation))
	rt.api("POST /api/v1/events/{id}/meeting-requests", officeWrite, apiOp{Summary: "Catat permintaan pertemuan", Body: dagang.MeetingRequest{}, Resp: dagang.MeetingRequest{}, Status: 201}, createAPI(s.prepareMeetingRequest, s.requests.CreateMeetingRequest))
	rt.api("PATCH /api/v1/meeting-requests/{id}", officeWrite, apiOp{Summary: "Setujui/tolak permintaan", Body: meetingRequestStatus{}, Resp: dagang.MeetingRequest{}}, versionedAction(s.meetingRequestOfOffice, s.answerMeetingRequest))
	rt.api("DELETE /api/v1/meeting-requests/{id}", officeWrite, apiOp{Summary: "Hapus permintaan", Status: 204}, deleteAPI(s.meetingRequestOfOffice, s.requests.DeleteMeetingRequest))
	rt.api("POST /api/v1/users", adminOnly, apiOp{Summary: "Buat akun (dengan password)", Body: userBody{}, Resp: dagang.User{}, Status: 201}, s.handleUserCreate)
	rt.api("PATCH /api/v1/users/{id}", adminOnly, apiOp{Summary: "Ubah akun (password opsional)", Body: userBody{}, Resp: dagang.User{}}, s.handleUserUpdate)
	rt.api("DELETE /api/v1/users/{id}", adminOnly, apiOp{Summary: "Hapus akun", Status: 204}, s.handleUserDelete)

	// API tokens of the logged-in user (api_scripts.go), for every role:
	// a token acts with its user's role, so leadership's tokens only read.
	rt.api("GET /api/v1/tokens", ownAccount, apiOp{Summary: "Token API akun sendiri", Description: "Token milik pengguna yang masuk, tanpa rahasianya.", Resp: listOf[*dagang.APIToken]()}, s.handleTokensAPI)
	rt.api("POST /api/v1/tokens", ownAccount, apiOp{Summary: "Buat token API untuk akun sendiri",
		Description: "Rahasia token (token) hanya dijawab sekali; yang disimpan hanya hash-nya. Pakai sebagai Authorization: Bearer <token>.", Body: tokenBody{}, Resp: tokenCreated{}, Status: 201}, s.handleTokenCreateAPI)
	rt.api("DELETE /api/v1/tokens/{id}", ownAccount, apiOp{Summary: "Cabut token API akun sendiri", Status: 204}, s.handleTokenRevokeAPI)

	rt.api("GET /api/openapi.json", public(), apiOp{Summary: "Dokumen OpenAPI ini", Resp: map[string]any{}}, s.handleOpenAPI)

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
	return officeRecord(s.events.FindEventByID, func(e *dagang.Event) int64 { return e.OfficeID })(ctx, id)
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
