package dagang

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dagang/dagang/internal/locale"
)

// Direction is which way a deal's goods or money flow, seen from the
// office's home region.
type Direction string

// Deal directions.
const (
	DirectionSell   Direction = "sell"   // home sells to the partner province
	DirectionBuy    Direction = "buy"    // home buys from the partner province
	DirectionInvest Direction = "invest" // investment in either direction
)

// Directions lists the directions.
var Directions = []Direction{DirectionSell, DirectionBuy, DirectionInvest}

// Valid reports whether d is a known direction.
func (d Direction) Valid() bool {
	return d == DirectionSell || d == DirectionBuy || d == DirectionInvest
}

// Label returns the direction's name in Indonesian.
func (d Direction) Label() string {
	return locale.Label(locale.ID, string(d))
}

// DealStage is how firm a deal is.
type DealStage string

// Deal stages, from the handshake to delivery.
const (
	DealIndication DealStage = "indication" // indikasi transaksi
	DealLOI        DealStage = "loi"        // letter of intent
	DealContract   DealStage = "contract"   // kontrak
	DealRealised   DealStage = "realised"   // terealisasi
)

// DealStages lists the stages in order.
var DealStages = []DealStage{DealIndication, DealLOI, DealContract, DealRealised}

// Valid reports whether s is a known stage.
func (s DealStage) Valid() bool {
	return s == DealIndication || s == DealLOI || s == DealContract || s == DealRealised
}

// Confirmation is the counterpart's answer to a deal recorded with it.
type Confirmation string

// Confirmation states.
const (
	ConfirmationPending   Confirmation = "pending"
	ConfirmationConfirmed Confirmation = "confirmed"
	ConfirmationRejected  Confirmation = "rejected"
)

// Valid reports whether c is a known state.
func (c Confirmation) Valid() bool {
	return c == ConfirmationPending || c == ConfirmationConfirmed || c == ConfirmationRejected
}

// Deal is a transaction agreed between a home business and a counterpart
// organisation in another province, usually at an event. ValueIDR is whole
// rupiah.
type Deal struct {
	ID            int64        `json:"id"`
	Version       int64        `json:"version"` // raised by every change; the API's ETag
	OfficeID      int64        `json:"office_id"`
	EventID       int64        `json:"event_id,omitempty"`
	Direction     Direction    `json:"direction"`
	BusinessID    int64        `json:"business_id,omitempty"`
	CounterpartID int64        `json:"counterpart_id"` // an Organisation
	CommodityID   int64        `json:"commodity_id"`
	Volume        float64      `json:"volume,omitempty"`
	Unit          string       `json:"unit,omitempty"`
	ValueIDR      int64        `json:"value_idr"`
	Stage         DealStage    `json:"stage"`
	DealDate      Date         `json:"deal_date"`
	DeliveryFrom  Date         `json:"delivery_from"`
	DeliveryTo    Date         `json:"delivery_to"`
	Confirmation  Confirmation `json:"confirmation"`
	Note          string       `json:"note,omitempty"`
	Sample        bool         `json:"sample"`
	CreatedAt     time.Time    `json:"created_at"`
	UpdatedAt     time.Time    `json:"updated_at"`
	DealPartner
}

// MaxDealValue bounds a single deal at Rp1.000 triliun, far above any
// regional trade deal, so sums over millions of deals cannot overflow int64.
const MaxDealValue int64 = 1_000_000_000_000_000

// Validate checks the deal's fields.
func (d *Deal) Validate() error {
	var v Validation
	v.Check(d.OfficeID > 0, "office_id", "dinas pemilik wajib diisi", "owning office is required")
	v.Check(d.Direction.Valid(), "direction", "arah transaksi harus sell, buy atau invest", "direction must be sell, buy or invest")
	v.Check(d.CounterpartID > 0, "counterpart_id", "mitra transaksi wajib diisi", "counterpart is required")
	v.Check(d.Direction == DirectionInvest || d.BusinessID > 0, "business_id", "pelaku usaha daerah wajib diisi untuk penjualan dan pembelian", "home business is required for sales and purchases")
	v.Check(d.CommodityID > 0 || d.Direction == DirectionInvest, "commodity_id", "komoditas wajib dipilih", "commodity is required")
	v.Check(d.ValueIDR >= 0, "value_idr", "nilai transaksi tidak boleh negatif", "value cannot be negative")
	v.Check(d.ValueIDR <= MaxDealValue, "value_idr", "nilai transaksi melebihi batas Rp1.000 triliun", "value exceeds the limit of IDR 1,000 trillion")
	v.Check(d.Volume >= 0 && d.Volume < 1e12, "volume", "volume tidak boleh negatif", "volume cannot be negative")
	v.Check(d.Volume == 0 || strings.TrimSpace(d.Unit) != "", "unit", "satuan volume wajib diisi", "volume unit is required")
	v.Check(d.Stage.Valid(), "stage", "tahap harus indication, loi, contract atau realised", "stage must be indication, loi, contract or realised")
	v.Check(!d.DealDate.IsZero() && validDay(d.DealDate), "deal_date", "tanggal transaksi wajib diisi (1945–2200)", "deal date is required (1945–2200)")
	v.Check(d.DeliveryFrom.IsZero() || d.DeliveryTo.IsZero() || !d.DeliveryTo.Before(d.DeliveryFrom), "delivery_to", "akhir pengiriman tidak boleh sebelum awalnya", "delivery end cannot be before its start")
	v.Check(d.Confirmation.Valid(), "confirmation", "status konfirmasi tidak dikenal", "unknown confirmation status")
	v.Check(d.PartnerState == "" || d.PartnerState.Valid(), "partner_state", "status tinjauan dinas mitra tidak dikenal", "unknown partner review state")
	v.Line("unit", d.Unit)
	v.Lines("note", d.Note)
	v.Check(len(d.Note) <= 4000, "note", "catatan terlalu panjang (maks. 4000 karakter)", "note is too long (max 4000 characters)")
	return v.Err()
}

// DealFilter selects deals.
type DealFilter struct {
	ListOptions
	OfficeID      int64
	EventID       int64
	BusinessID    int64
	CounterpartID int64
	CommodityID   int64
	Direction     Direction
	Stage         DealStage
	Year          int
	ProvinceCode  string // of the counterpart
	// PartnerOfficeID selects the deals shared with that office (the
	// partner's incoming deals) instead of an office's own.
	PartnerOfficeID int64
	PartnerState    PartnerState
}

// DealService is the one door of deals: it takes a deal from the
// handshake to delivery. Every path that writes a deal (the API, the
// pages, an import, the CLI, the demo) goes through it; every change is
// checked and audited in the transaction that makes it.
type DealService interface {
	FindDealByID(ctx context.Context, id int64) (*Deal, error)
	FindDeals(ctx context.Context, f DealFilter) ([]*Deal, int, error)
	// CreateDeal checks d (its fields, its references in the office and
	// whether it looks like a stored deal) and stores it with its audit
	// entry. A likely duplicate is ECONFLICT naming the stored deals;
	// force stores it anyway. Under an idempotency key (Idempotency in
	// ctx: a phone sending again a deal it queued offline) the deal is
	// stored once and a repeat is a *Replay; the outcome is the *Deal.
	CreateDeal(ctx context.Context, d *Deal, force bool) error
	// FindLikelyDuplicates returns stored deals that look like d: same
	// office, event, business, counterpart and commodity, and a value
	// within DuplicateTolerance or the same deal date. d itself (by ID)
	// is never returned.
	FindLikelyDuplicates(ctx context.Context, d *Deal) ([]*Deal, error)
	// UpdateDeal sets the fields of d that c names on the stored deal d.ID
	// and leaves d as stored. Changing the parties, the commodity, the
	// direction, the volume or the value sends the deal back to the
	// counterpart: its confirmation becomes pending.
	UpdateDeal(ctx context.Context, d *Deal, c Change, force bool) error
	// DeleteDeal, SetDealStage and AnswerDeal take the version the change
	// was decided on (0: any); another one is a *StaleError.
	DeleteDeal(ctx context.Context, id, version int64) error
	SetDealStage(ctx context.Context, id, version int64, stage DealStage, note string) (*Deal, error)
	// AnswerDeal records the counterpart's answer given from its own
	// account: organisationID must be the deal's counterpart.
	AnswerDeal(ctx context.Context, id, version, organisationID int64, answer Confirmation, note string) (*Deal, error)
	// CreateConfirmLink returns a new single-use token for the deal's
	// counterpart, valid for ttl. Only its hash is stored.
	CreateConfirmLink(ctx context.Context, id int64, ttl time.Duration) (string, error)
	// AnswerDealByToken records the answer given through a link; the
	// token is spent even when it is used to reject.
	AnswerDealByToken(ctx context.Context, token string, answer Confirmation, note string) (*Deal, error)
	// DealByToken shows the deal a still valid token is for.
	DealByToken(ctx context.Context, token string) (*Deal, error)
	// FindRealisations and CreateRealisation keep the follow-ups that
	// record what was delivered and paid.
	FindRealisations(ctx context.Context, dealID int64) ([]*Realisation, error)
	CreateRealisation(ctx context.Context, r *Realisation) error
	// FindFollowUps lists the follow-ups not yet reported that fall due
	// on or before dueBefore.
	FindFollowUps(ctx context.Context, f FollowUpFilter) ([]FollowUp, error)
	// DealRollup returns the summary rows reports are computed from.
	DealRollup(ctx context.Context, officeID int64, year int) ([]RollupRow, error)
}

// Realisation records what of a deal was really delivered and paid by a
// follow-up date.
type Realisation struct {
	ID              int64   `json:"id"`
	DealID          int64   `json:"deal_id"`
	ReportedOn      Date    `json:"reported_on"`
	DeliveredVolume float64 `json:"delivered_volume"`
	PaidIDR         int64   `json:"paid_idr"`
	Note            string  `json:"note,omitempty"`
}

// Validate checks the realisation's fields.
func (r *Realisation) Validate() error {
	var v Validation
	v.Check(r.DealID > 0, "deal_id", "transaksi wajib dipilih", "deal is required")
	v.Check(!r.ReportedOn.IsZero() && validDay(r.ReportedOn), "reported_on", "tanggal laporan wajib diisi", "report date is required")
	v.Check(r.DeliveredVolume >= 0 && r.DeliveredVolume < 1e12, "delivered_volume", "volume terkirim tidak boleh negatif", "delivered volume cannot be negative")
	v.Lines("note", r.Note)
	v.Check(r.PaidIDR >= 0 && r.PaidIDR <= MaxDealValue, "paid_idr", "nilai terbayar tidak boleh negatif atau melebihi Rp1.000 triliun", "paid value must be between 0 and IDR 1,000 trillion")
	return v.Err()
}

// RealisationTolerance is how far a follow-up may report more than the
// deal states, as a fraction of the deal's volume and of its value: the
// usual "more or less 10%" clause of delivery contracts, and price
// adjustments. Beyond it the report is refused as a typing error.
const RealisationTolerance = 0.10

// CheckAgainst checks a follow-up against its deal. A realisation is what
// was delivered and paid up to its date (the latest one counts, so each is
// cumulative): it cannot be dated before the deal, nor exceed the deal's
// volume or value by more than RealisationTolerance. A deal without a
// stated volume (0) or value (0) bounds nothing on that side.
func (r *Realisation) CheckAgainst(d *Deal) error {
	var v Validation
	v.Check(r.ReportedOn.IsZero() || !r.ReportedOn.Before(d.DealDate), "reported_on",
		"tanggal laporan ("+r.ReportedOn.String()+") tidak boleh sebelum tanggal transaksi ("+d.DealDate.String()+")",
		"the report date ("+r.ReportedOn.String()+") cannot be before the deal date ("+d.DealDate.String()+")")
	if d.Volume > 0 {
		max := d.Volume * (1 + RealisationTolerance)
		v.Check(r.DeliveredVolume <= max, "delivered_volume",
			fmt.Sprintf("volume terkirim %s melebihi volume transaksi %s %s (toleransi 10%%)", fmtNum(r.DeliveredVolume), fmtNum(d.Volume), d.Unit),
			fmt.Sprintf("delivered volume %s exceeds the deal's volume %s %s (10%% tolerance)", fmtNum(r.DeliveredVolume), fmtNum(d.Volume), d.Unit))
	}
	if d.ValueIDR > 0 {
		max := d.ValueIDR + int64(float64(d.ValueIDR)*RealisationTolerance)
		v.Check(r.PaidIDR <= max, "paid_idr",
			"nilai terbayar melebihi nilai transaksi lebih dari toleransi 10%",
			"the paid value exceeds the deal's value by more than the 10% tolerance")
	}
	return v.Err()
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
