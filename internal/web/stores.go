package web

import (
	"context"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/agenda"
	"github.com/dagang/dagang/internal/analysis"
	"github.com/dagang/dagang/internal/export"
	"github.com/dagang/dagang/internal/mission"
)

// Store is everything the web layer reads and writes; *store.DB implements
// it. It is only the union of the handler groups' interfaces below: each
// group of handlers reaches the store through its own field of stores,
// whose interface lists just the methods that group calls, and no handler
// sees the whole store.
type Store interface {
	healthStore
	sessionsStore
	limitsStore
	tokensStore
	scopesStore
	referenceStore
	lookupsStore
	businessesStore
	organisationsStore
	listingsStore
	declarationsStore
	agreementsStore
	targetsStore
	eventsStore
	participationsStore
	requestsStore
	agendaStore
	eventDayStore
	dealsStore
	partnerDealsStore
	realisationsStore
	confirmationsStore
	usersStore
	auditStore
	outboxStore
	reportsStore
	importsStore
	dashboardStore
	homeStore
	delegationStore
	partnersStore
	nationalStore
	openCallsStore
	registrationsStore
	dagang.PasswordLinkService
}

// stores holds the one Store once per handler group, each time as that
// group's interface.
type stores struct {
	health         healthStore
	sessions       sessionsStore
	limits         limitsStore
	tokens         tokensStore
	scopes         scopesStore
	reference      referenceStore
	lookups        lookupsStore
	businesses     businessesStore
	organisations  organisationsStore
	listings       listingsStore
	declarations   declarationsStore
	agreements     agreementsStore
	targets        targetsStore
	events         eventsStore
	participations participationsStore
	requests       requestsStore
	agenda         agendaStore
	eventDay       eventDayStore
	deals          dealsStore
	partnerDeals   dagang.PartnerDealService
	realisations   realisationsStore
	confirmations  confirmationsStore
	users          usersStore
	audit          auditStore
	outbox         outboxStore
	reports        reportsStore
	imports        importsStore
	dashboard      dashboardStore
	home           homeStore
	delegation     delegationStore
	partners       partnersStore
	national       nationalStore
	openCalls      openCallsStore
	registrations  registrationsStore
	passwordLinks  dagang.PasswordLinkService
}

func newStores(st Store) stores {
	return stores{
		health:         st,
		sessions:       st,
		limits:         st,
		tokens:         st,
		scopes:         st,
		reference:      st,
		lookups:        st,
		businesses:     st,
		organisations:  st,
		listings:       st,
		declarations:   st,
		agreements:     st,
		targets:        st,
		events:         st,
		participations: st,
		requests:       st,
		agenda:         st,
		eventDay:       st,
		deals:          st,
		partnerDeals:   st,
		realisations:   st,
		confirmations:  st,
		users:          st,
		audit:          st,
		outbox:         st,
		reports:        st,
		imports:        st,
		dashboard:      st,
		home:           st,
		delegation:     st,
		partners:       st,
		national:       st,
		openCalls:      st,
		registrations:  st,
		passwordLinks:  st,
	}
}

// healthStore is what the health and readiness probes (api.go) use.
type healthStore interface {
	Ping(ctx context.Context) error
	Ready(ctx context.Context) error
}

// sessionsStore is what login, logout, sessions and bearer tokens (auth.go, login.go) use.
type sessionsStore interface {
	FindCredentials(ctx context.Context, email string) (*dagang.User, string, error)
	FindSession(ctx context.Context, id string) (*dagang.Session, error)
	CreateSession(ctx context.Context, s *dagang.Session) error
	TouchSession(ctx context.Context, id string, at time.Time) error
	DeleteSession(ctx context.Context, id string) error
	SetFlash(ctx context.Context, id, flash string) error
	DeleteExpiredSessions(ctx context.Context, idleBefore, now time.Time) error
	FindAPIToken(ctx context.Context, hash string, at time.Time) (*dagang.APIToken, error)
	FindUserByID(ctx context.Context, id int64) (*dagang.User, error)
	FindOfficeByID(ctx context.Context, id int64) (*dagang.Office, error)
}

// limitsStore is what the rate limits of login and the public forms
// (guard.go, login.go) use: counts shared by every server instance, and
// the secret the instances share to sign form tokens and name buckets.
type limitsStore interface {
	RateTake(ctx context.Context, bucket string, limit int, window time.Duration, now time.Time) (bool, time.Duration, error)
	RateRefund(ctx context.Context, bucket string, at time.Time) error
	RateForget(ctx context.Context, bucket string) error
	ServerSecret(ctx context.Context, name string) ([]byte, error)
}

// tokensStore is what the logged-in user's API tokens (api_scripts.go) use.
type tokensStore interface {
	FindAPITokens(ctx context.Context, userID int64) ([]*dagang.APIToken, error)
	CreateAPIToken(ctx context.Context, t *dagang.APIToken) error
	DeleteAPIToken(ctx context.Context, id int64) error
}

// scopesStore is what the checks that a business or counterpart user owns a record (access.go) use.
type scopesStore interface {
	FindDealByID(ctx context.Context, id int64) (*dagang.Deal, error)
	FindParticipations(ctx context.Context, f dagang.ParticipationFilter) ([]*dagang.Participation, int, error)
}

// referenceStore is what the reference data: provinces, regencies, commodities, statistics, the office (routes.go, page_commodity.go, charts.go) use.
type referenceStore interface {
	FindProvinces(ctx context.Context) ([]*dagang.Province, error)
	FindProvinceByCode(ctx context.Context, code string) (*dagang.Province, error)
	FindRegencies(ctx context.Context, provinceCode string, opt dagang.ListOptions) ([]*dagang.Regency, int, error)
	FindRegencyByCode(ctx context.Context, code string) (*dagang.Regency, error)
	FindCommodities(ctx context.Context, f dagang.CommodityFilter) ([]*dagang.Commodity, int, error)
	FindCommodityByID(ctx context.Context, id int64) (*dagang.Commodity, error)
	FindStatistics(ctx context.Context, f dagang.StatisticFilter) ([]*dagang.Statistic, int, error)
	FindStatisticByID(ctx context.Context, id int64) (*dagang.Statistic, error)
	FindOfficeByID(ctx context.Context, id int64) (*dagang.Office, error)
}

// lookupsStore is what the names and choices the form pages show (page_refs.go) use.
type lookupsStore interface {
	FindProvinces(ctx context.Context) ([]*dagang.Province, error)
	FindRegencies(ctx context.Context, provinceCode string, opt dagang.ListOptions) ([]*dagang.Regency, int, error)
	FindCommodities(ctx context.Context, f dagang.CommodityFilter) ([]*dagang.Commodity, int, error)
	FindOfficeByID(ctx context.Context, id int64) (*dagang.Office, error)
	FindBusinesses(ctx context.Context, f dagang.BusinessFilter) ([]*dagang.Business, int, error)
	FindBusinessByID(ctx context.Context, id int64) (*dagang.Business, error)
	FindOrganisations(ctx context.Context, f dagang.OrganisationFilter) ([]*dagang.Organisation, int, error)
	FindOrganisationByID(ctx context.Context, id int64) (*dagang.Organisation, error)
	FindEvents(ctx context.Context, f dagang.EventFilter) ([]*dagang.Event, int, error)
	FindEventByID(ctx context.Context, id int64) (*dagang.Event, error)
}

// businessesStore is what the business pages and API (page_business.go, routes.go) use.
type businessesStore interface {
	FindBusinesses(ctx context.Context, f dagang.BusinessFilter) ([]*dagang.Business, int, error)
	FindBusinessByID(ctx context.Context, id int64) (*dagang.Business, error)
	CreateBusiness(ctx context.Context, b *dagang.Business) error
	UpdateBusiness(ctx context.Context, b *dagang.Business, c dagang.Change) error
	DeleteBusiness(ctx context.Context, id, version int64) error
	FindDeals(ctx context.Context, f dagang.DealFilter) ([]*dagang.Deal, int, error)
	FindParticipations(ctx context.Context, f dagang.ParticipationFilter) ([]*dagang.Participation, int, error)
}

// organisationsStore is what the organisation API (routes.go) use.
type organisationsStore interface {
	FindOrganisations(ctx context.Context, f dagang.OrganisationFilter) ([]*dagang.Organisation, int, error)
	FindOrganisationByID(ctx context.Context, id int64) (*dagang.Organisation, error)
	CreateOrganisation(ctx context.Context, o *dagang.Organisation) error
	UpdateOrganisation(ctx context.Context, o *dagang.Organisation, c dagang.Change) error
	DeleteOrganisation(ctx context.Context, id, version int64) error
}

// listingsStore is what the listing API (routes.go) use.
type listingsStore interface {
	FindListings(ctx context.Context, f dagang.ListingFilter) ([]*dagang.Listing, int, error)
	FindListingByID(ctx context.Context, id int64) (*dagang.Listing, error)
	CreateListing(ctx context.Context, l *dagang.Listing) error
	UpdateListing(ctx context.Context, l *dagang.Listing, c dagang.Change) error
	DeleteListing(ctx context.Context, id, version int64) error
}

// declarationsStore is what the declaration API (routes.go) use.
type declarationsStore interface {
	FindDeclarations(ctx context.Context, f dagang.DeclarationFilter) ([]*dagang.Declaration, int, error)
	FindDeclarationByID(ctx context.Context, id int64) (*dagang.Declaration, error)
	CreateDeclaration(ctx context.Context, d *dagang.Declaration) error
	UpdateDeclaration(ctx context.Context, d *dagang.Declaration, c dagang.Change) error
	DeleteDeclaration(ctx context.Context, id, version int64) error
}

// agreementsStore is what the agreement pages, documents and API (page_agreement.go, page_documents.go, write.go, routes.go) use.
type agreementsStore interface {
	FindAgreements(ctx context.Context, f dagang.AgreementFilter) ([]*dagang.Agreement, int, error)
	FindAgreementByID(ctx context.Context, id int64) (*dagang.Agreement, error)
	CreateAgreement(ctx context.Context, a *dagang.Agreement) error
	UpdateAgreement(ctx context.Context, a *dagang.Agreement, c dagang.Change) error
	MoveAgreement(ctx context.Context, id, version int64, to dagang.AgreementStage, on dagang.Date, note string) (*dagang.Agreement, error)
	SignAgreement(ctx context.Context, id, version int64, s dagang.AgreementSigning) (*dagang.Agreement, error)
	FindAgreementDocuments(ctx context.Context, agreementID int64) ([]*dagang.AgreementDocument, error)
	FindAgreementDocumentByID(ctx context.Context, id int64) (*dagang.AgreementDocument, error)
	AddAgreementDocument(ctx context.Context, d *dagang.AgreementDocument) error
	FindOrganisations(ctx context.Context, f dagang.OrganisationFilter) ([]*dagang.Organisation, int, error)
	FindDeals(ctx context.Context, f dagang.DealFilter) ([]*dagang.Deal, int, error)
}

// targetsStore is what the target page and API (page_targets.go, routes.go) use.
type targetsStore interface {
	FindTargets(ctx context.Context, f dagang.TargetFilter) ([]*dagang.Target, int, error)
	FindTargetByID(ctx context.Context, id int64) (*dagang.Target, error)
	CreateTarget(ctx context.Context, t *dagang.Target) error
	UpdateTarget(ctx context.Context, t *dagang.Target, c dagang.Change) error
	DeleteTarget(ctx context.Context, id, version int64) error
}

// eventsStore is what the event pages and API (page_event.go, routes.go) use.
type eventsStore interface {
	FindEvents(ctx context.Context, f dagang.EventFilter) ([]*dagang.Event, int, error)
	FindEventByID(ctx context.Context, id int64) (*dagang.Event, error)
	CreateEvent(ctx context.Context, e *dagang.Event) error
	CreateEventChecked(ctx context.Context, e *dagang.Event, force bool) error
	UpdateEvent(ctx context.Context, e *dagang.Event, c dagang.Change) error
	DeleteEvent(ctx context.Context, id, version int64) error
	FindParticipations(ctx context.Context, f dagang.ParticipationFilter) ([]*dagang.Participation, int, error)
	FindMeetings(ctx context.Context, f dagang.MeetingFilter) ([]*dagang.Meeting, int, error)
	FindDeals(ctx context.Context, f dagang.DealFilter) ([]*dagang.Deal, int, error)
}

// participationsStore is what the participation API (write.go, routes.go) use.
type participationsStore interface {
	FindParticipations(ctx context.Context, f dagang.ParticipationFilter) ([]*dagang.Participation, int, error)
	FindParticipationByID(ctx context.Context, id int64) (*dagang.Participation, error)
	CreateParticipation(ctx context.Context, p *dagang.Participation) error
	UpdateParticipation(ctx context.Context, p *dagang.Participation, c dagang.Change) error
	DeleteParticipation(ctx context.Context, id, version int64) error
}

// requestsStore is what meeting requests and their suggestions (page_requests.go, write.go, routes.go) use.
type requestsStore interface {
	agenda.MatchStore
	FindMeetingRequestByID(ctx context.Context, id int64) (*dagang.MeetingRequest, error)
	CreateMeetingRequest(ctx context.Context, r *dagang.MeetingRequest) error
	AnswerMeetingRequest(ctx context.Context, id, version int64, s dagang.RequestStatus, reply string) (*dagang.MeetingRequest, error)
	DecideMeetingRequests(ctx context.Context, eventID int64, ids []int64, s dagang.RequestStatus, reply string) ([]*dagang.MeetingRequest, error)
	DeleteMeetingRequest(ctx context.Context, id, version int64) error
	SetAvailability(ctx context.Context, a *dagang.Availability) error
}

// agendaStore is what the agenda pages and API (page_agenda.go, api_agenda.go) use.
type agendaStore interface {
	agenda.MatchStore
	FindMeetingByID(ctx context.Context, id int64) (*dagang.Meeting, error)
	MoveMeeting(ctx context.Context, id int64, slot, table int) (*dagang.Meeting, error)
	LockMeeting(ctx context.Context, id int64, locked bool) (*dagang.Meeting, error)
	SetAvailability(ctx context.Context, a *dagang.Availability) error
}

// eventDayStore is what the event day at the venue (checkin.go) uses:
// check-in, meeting outcomes and the repair of the rest of the day.
type eventDayStore interface {
	agenda.RepairStore
	CheckIn(ctx context.Context, c *dagang.Checkin) (bool, error)
	MarkMeeting(ctx context.Context, id, version int64, o dagang.MeetingOutcome) (*dagang.Meeting, error)
}

// dealsStore is what the deal pages and API (page_deal.go, page_deal_detail.go, api_deals.go, routes.go) use.
type dealsStore interface {
	FindDeals(ctx context.Context, f dagang.DealFilter) ([]*dagang.Deal, int, error)
	FindDealByID(ctx context.Context, id int64) (*dagang.Deal, error)
	CreateDeal(ctx context.Context, d *dagang.Deal, force bool) error
	UpdateDeal(ctx context.Context, d *dagang.Deal, c dagang.Change, force bool) error
	DeleteDeal(ctx context.Context, id, version int64) error
	SetDealStage(ctx context.Context, id, version int64, stage dagang.DealStage, note string) (*dagang.Deal, error)
	FindAuditEntries(ctx context.Context, f dagang.AuditFilter) ([]*dagang.AuditEntry, int, error)
}

// partnerDealsStore is what the deals shared by partner offices (partner.go) use.
type partnerDealsStore = dagang.PartnerDealService

// realisationsStore is what a deal's realisations (api_deals.go, page_deal_detail.go, routes.go) use.
type realisationsStore interface {
	FindRealisations(ctx context.Context, dealID int64) ([]*dagang.Realisation, error)
	CreateRealisation(ctx context.Context, r *dagang.Realisation) error
}

// confirmationsStore is what a counterpart's confirmation of a deal (api_deals.go, api_scripts.go, page_laporan.go) use.
type confirmationsStore interface {
	AnswerDeal(ctx context.Context, id, version, organisationID int64, answer dagang.Confirmation, note string) (*dagang.Deal, error)
	CreateConfirmLink(ctx context.Context, id int64, ttl time.Duration) (string, error)
	DealByToken(ctx context.Context, token string) (*dagang.Deal, error)
	AnswerDealByToken(ctx context.Context, token string, answer dagang.Confirmation, note string) (*dagang.Deal, error)
	FindBusinessByID(ctx context.Context, id int64) (*dagang.Business, error)
	FindOrganisationByID(ctx context.Context, id int64) (*dagang.Organisation, error)
	FindCommodityByID(ctx context.Context, id int64) (*dagang.Commodity, error)
}

// usersStore is what user accounts (write.go, page_lang.go, routes.go) use.
type usersStore interface {
	FindUsers(ctx context.Context, f dagang.UserFilter) ([]*dagang.User, int, error)
	FindUserByID(ctx context.Context, id int64) (*dagang.User, error)
	CreateUser(ctx context.Context, u *dagang.User, passwordHash string) error
	UpdateUser(ctx context.Context, u *dagang.User, c dagang.Change) error
	SetPassword(ctx context.Context, userID int64, passwordHash string) error
	DeleteUser(ctx context.Context, id, version int64) error
}

// auditStore is what the audit trail (page_audit.go, routes.go) use.
type auditStore interface {
	FindAuditEntries(ctx context.Context, f dagang.AuditFilter) ([]*dagang.AuditEntry, int, error)
}

// outboxStore is what the outbox (page_outbox.go) uses.
type outboxStore interface {
	FindNotifications(ctx context.Context, f dagang.NotificationFilter) ([]*dagang.Notification, int, error)
}

// reportsStore is what the reports, exports and follow-ups (page_laporan.go, api_deals.go, api.go) use.
// nationalStore is what the national view (page_national.go) uses.
type nationalStore interface {
	dagang.NationalService
	FindProvinces(ctx context.Context) ([]*dagang.Province, error)
}

// reportsStore is what the reports use.
type reportsStore interface {
	export.Store
	Summary(ctx context.Context, officeID int64, year int) (*dagang.Summary, error)
	FindEvents(ctx context.Context, f dagang.EventFilter) ([]*dagang.Event, int, error)
	FindFollowUps(ctx context.Context, f dagang.FollowUpFilter) ([]dagang.FollowUp, error)
}

// importsStore is what the import jobs (page_laporan.go) use.
type importsStore interface {
	EnqueueJob(ctx context.Context, j *dagang.Job) error
	FindJobByID(ctx context.Context, id int64) (*dagang.Job, error)
}

// dashboardStore is what the dashboard (page_dashboard.go) use.
type dashboardStore interface {
	Summary(ctx context.Context, officeID int64, year int) (*dagang.Summary, error)
	FindOfficeByID(ctx context.Context, id int64) (*dagang.Office, error)
	FindTargets(ctx context.Context, f dagang.TargetFilter) ([]*dagang.Target, int, error)
	FindEvents(ctx context.Context, f dagang.EventFilter) ([]*dagang.Event, int, error)
	FindDeals(ctx context.Context, f dagang.DealFilter) ([]*dagang.Deal, int, error)
}

// homeStore is what the home of a business or counterpart (page_home.go)
// uses: its own records, and the eligibility of its applications.
type homeStore interface {
	mission.Store
	FindBusinessByID(ctx context.Context, id int64) (*dagang.Business, error)
	FindOrganisationByID(ctx context.Context, id int64) (*dagang.Organisation, error)
	FindDeals(ctx context.Context, f dagang.DealFilter) ([]*dagang.Deal, int, error)
	FindMeetingRequests(ctx context.Context, f dagang.MeetingFilter) ([]*dagang.MeetingRequest, int, error)
	FindMeetings(ctx context.Context, f dagang.MeetingFilter) ([]*dagang.Meeting, int, error)
}

// delegationStore is what delegations, reach and their simulation (page_delegation.go, page_reach.go) use.
type delegationStore interface {
	mission.Applier
	MoveEvent(ctx context.Context, officeID, id, version int64, to dagang.EventStatus) (*dagang.Event, error)
	SetDelegation(ctx context.Context, officeID, eventID int64, ds []dagang.DelegationDecision) error
	OverrideDelegation(ctx context.Context, o *dagang.DelegationOverride) error
}

// partnersStore is what partner analysis and coverage (page_partners.go, page_coverage.go) use.
type partnersStore interface {
	analysis.Store
	FindOfficeByID(ctx context.Context, id int64) (*dagang.Office, error)
	CreateDeclaration(ctx context.Context, d *dagang.Declaration) error
}

// openCallsStore is what the public pages of open calls and
// self-registration (page_opencall.go) use.
type openCallsStore interface {
	mission.Store
	mission.Registrar
	FindRegistrationByID(ctx context.Context, id int64) (*dagang.Registration, error)
	VerifyRegistration(ctx context.Context, id int64, by dagang.Verification) (*dagang.Registration, error)
	ServerSecret(ctx context.Context, name string) ([]byte, error)
}

// registrationsStore is what the staff's queue of self-registrations
// (page_registrations.go) uses.
type registrationsStore interface {
	dagang.RegistrationService
	FindBusinessByID(ctx context.Context, id int64) (*dagang.Business, error)
	FindEventByID(ctx context.Context, id int64) (*dagang.Event, error)
}
