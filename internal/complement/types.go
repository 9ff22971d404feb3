// Package complement finds trade partners whose needs complement the home
// province's: what home can sell to each province, what it can buy there
// (including inputs its own producers need, such as corn for chicken feed),
// a two-way complementarity score, a confidence and a reason sentence.
//
// The package is pure: values in, values out. It knows nothing of SQL, HTTP
// or the clock, and holds no global state except the read-only unit
// conversion table. The formula and its basis are in docs/complementarity.md.
//
// Typical use:
//
//	prod, err := complement.ParseProductionCSV(f1)  // statistics as published
//	norms, err := complement.ParseConsumptionCSV(f2) // per-capita norms
//	est := complement.EstimateConsumption(provinces, norms)
//	ev := slices.Concat(prod, norms, est, declarations)
//	cands, err := complement.Analyze("63", provinces, commodities, ev, complement.DefaultOptions())
package complement

// Stage is how far a commodity is processed. The values match dagang.Stage.
type Stage string

// Processing stages.
const (
	StageRaw      Stage = "raw"      // bahan mentah
	StageSemi     Stage = "semi"     // setengah jadi
	StageFinished Stage = "finished" // barang jadi
)

// Province is a candidate partner or the home region. Lat and Lon are the
// centroid in degrees (both zero means unknown: the distance factor is then
// left out). Population is the number of residents used to estimate
// consumption; PopulationSource says where it comes from.
type Province struct {
	Code             string  `json:"code"`       // Kemendagri code, "63"
	Name             string  `json:"name"`       // "Kalimantan Selatan"
	ShortName        string  `json:"short_name"` // "Kalsel"
	Lat              float64 `json:"lat"`
	Lon              float64 `json:"lon"`
	Population       int64   `json:"population"`
	PopulationSource string  `json:"population_source,omitempty"`
}

// label is the name used in sentences: the short name when there is one.
func (p Province) label() string {
	if p.ShortName != "" {
		return p.ShortName
	}
	if p.Name != "" {
		return p.Name
	}
	return p.Code
}

// Commodity is one entry of the catalogue. ID is a slug ("beras",
// "daging-ayam", "telur", "jagung"); Name is Indonesian, NameEN English.
// Inputs lists the commodities this one is made from.
type Commodity struct {
	ID     string      `json:"id"`
	Name   string      `json:"name"`
	NameEN string      `json:"name_en,omitempty"`
	Stage  Stage       `json:"stage"`
	Inputs []InputLink `json:"inputs,omitempty"`
}

// InputLink says that the commodity Input is used to make the commodity
// that lists it. Use is an Indonesian phrase that completes "untuk ..."
// ("pakan ternak ayam"), UseEN its English counterpart completing "as ..."
// ("chicken feed"). Ratio, when known, is tonnes of input (in the input's
// statistics unit) per tonne of output; RatioSource must then say where
// it comes from. Without a ratio the need is counted but not quantified.
type InputLink struct {
	Input       string   `json:"input"`
	Use         string   `json:"use"`
	UseEN       string   `json:"use_en,omitempty"`
	Ratio       *float64 `json:"ratio,omitempty"`
	RatioSource string   `json:"ratio_source,omitempty"`
}

// Kind is what a piece of evidence says.
type Kind string

// Kinds of evidence. Production, Consumption and ConsumptionPerCapita are
// statistics; SurplusDeclared and NeedDeclared are declarations by staff.
const (
	Production           Kind = "production"
	Consumption          Kind = "consumption"
	ConsumptionPerCapita Kind = "consumption_per_capita" // a norm, see EstimateConsumption
	SurplusDeclared      Kind = "surplus_declared"       // "Kaltim has abundant corn"
	NeedDeclared         Kind = "need_declared"          // "Kaltim needs rice"
)

// Status says how final a statistic is.
type Status string

// Statuses. StatusPublished is a figure whose source does not say whether
// it is final. Declarations carry no status.
const (
	StatusFinal       Status = "final"
	StatusPreliminary Status = "preliminary"
	StatusPublished   Status = "published"
	StatusEstimate    Status = "estimate"
)

// Source is where a piece of evidence comes from: a publisher and URL for
// statistics, a person and date (YYYY-MM-DD) for declarations.
type Source struct {
	Publisher string `json:"publisher,omitempty"`
	URL       string `json:"url,omitempty"`
	Person    string `json:"person,omitempty"`
	Date      string `json:"date,omitempty"`
}

// Evidence is one fact about supply or need of one commodity in one
// province. Value is nil for qualitative declarations. Unit and Measure
// are kept as published; Normalize converts them where a documented
// conversion exists. DerivedFrom lists the evidence an estimate was made
// from. ID is stable and unique, so a page can link to it.
type Evidence struct {
	ID          string   `json:"id"`
	Province    string   `json:"province"` // Kemendagri code; "00" is Indonesia
	Commodity   string   `json:"commodity"`
	Kind        Kind     `json:"kind"`
	Measure     string   `json:"measure,omitempty"` // "padi_production_gkg"
	Value       *float64 `json:"value,omitempty"`
	Unit        string   `json:"unit,omitempty"`
	Year        int      `json:"year"`
	Status      Status   `json:"status,omitempty"`
	StatusNote  string   `json:"status_note,omitempty"` // the status text as published
	Source      Source   `json:"source"`
	Note        string   `json:"note,omitempty"`
	DerivedFrom []string `json:"derived_from,omitempty"`
}

// State is a province's position in one commodity.
type State string

// States. Unknown means no usable evidence: it lowers confidence and is
// never filled with a guess.
const (
	Unknown  State = "unknown"
	Surplus  State = "surplus"
	Deficit  State = "deficit"
	Balanced State = "balanced"
)

// Basis says how a position was decided.
type Basis string

// Bases, in order of precedence.
const (
	BasisStatistics  Basis = "statistics"  // production minus consumption
	BasisDeclaration Basis = "declaration" // staff declarations
	BasisInputNeed   Basis = "input_need"  // the province makes a product that uses it
)

// InputUse says that a province needs a commodity to make Output.
type InputUse struct {
	Output string `json:"output"` // commodity ID, "daging-ayam"
	Use    string `json:"use"`    // "pakan ternak ayam"
	UseEN  string `json:"use_en,omitempty"`
}

// Position is the supply-and-need position of one province in one
// commodity. With BasisStatistics, Production, Consumption and InputDemand
// are tonnes (or whatever Unit says) and Net is their balance. Via lists
// the province's own products that need the commodity as input. Quality
// (0..1) rates the evidence; Evidence lists every ID behind the position.
type Position struct {
	Province    string     `json:"province"`
	Commodity   string     `json:"commodity"`
	State       State      `json:"state"`
	Basis       Basis      `json:"basis,omitempty"`
	Unit        string     `json:"unit,omitempty"`
	Production  float64    `json:"production,omitempty"`
	Consumption float64    `json:"consumption,omitempty"`
	InputDemand float64    `json:"input_demand,omitempty"`
	Net         float64    `json:"net,omitempty"`
	Via         []InputUse `json:"via,omitempty"`
	Quality     float64    `json:"quality"`
	Evidence    []string   `json:"evidence,omitempty"`
	Note        string     `json:"note,omitempty"`
}

// Flow is one commodity that can move from one province to another: the
// exporter has a surplus, the importer a deficit. Via is non-empty when the
// importer needs it as an input of its own products. Weight is the flow's
// contribution to its direction's score (the stage weight).
type Flow struct {
	Commodity string     `json:"commodity"`
	Name      string     `json:"name"`
	NameEN    string     `json:"name_en,omitempty"`
	Stage     Stage      `json:"stage"`
	Via       []InputUse `json:"via,omitempty"`
	Weight    float64    `json:"weight"`
	From      Position   `json:"from"`
	To        Position   `json:"to"`
	Evidence  []string   `json:"evidence"`
}

// Candidate is one province ranked against home. Sell are flows from home
// to the partner, Buy from the partner to home. SellScore and BuyScore are
// the sums of their weights; Score combines them (see docs). DistanceKm is
// -1 when a centroid is missing. Missing lists the commodities where one
// side's position is known and the other's is not.
type Candidate struct {
	Province   Province `json:"province"`
	Score      float64  `json:"score"`
	SellScore  float64  `json:"sell_score"`
	BuyScore   float64  `json:"buy_score"`
	DistanceKm float64  `json:"distance_km"`
	Confidence float64  `json:"confidence"`
	Sell       []Flow   `json:"sell"`
	Buy        []Flow   `json:"buy"`
	Missing    []string `json:"missing,omitempty"`
	Reason     string   `json:"reason"`
	ReasonEN   string   `json:"reason_en"`
	// ObservedTrade is what the home province actually bought from and
	// sold to this one according to a trade survey, beside the computed
	// score; empty when the survey lists no such trade. PriceGaps compare
	// consumer prices. Both are filled by the caller, not by Analyze.
	ObservedTrade []TradeObservation `json:"observed_trade"`
	PriceGaps     []PriceGap         `json:"price_gaps,omitempty"`
}

// TradeObservation is one published trade value between home and a
// candidate. Direction is seen from home: "home_sells" or "home_buys".
// ReportedBy is the province whose survey row gives it (home's own row, or
// the partner's mirror row). Flag, when set, says why the value must not be
// summed with others.
type TradeObservation struct {
	Direction   string `json:"direction"`
	ReportedBy  string `json:"reported_by"`
	Rank        int    `json:"rank,omitempty"`
	Rupiah      int64  `json:"rupiah"`
	Text        string `json:"text"`
	AsPublished string `json:"as_published"`
	Year        int    `json:"year,omitempty"`
	YearText    string `json:"year_text,omitempty"`
	Source      Source `json:"source"`
	Flag        string `json:"flag,omitempty"`
}

// Directions of a trade observation, seen from home.
const (
	HomeSells = "home_sells"
	HomeBuys  = "home_buys"
)

// PriceGap compares the consumer price of one item in the candidate with
// home's on one date, in rupiah per kg: Gap = partner − home (positive: it
// sells dearer there), NetOfDistance = Gap / (1 + d/D0), the same distance
// friction as the score (not a freight cost, for which no sourced rate is
// at hand).
type PriceGap struct {
	Item          string `json:"item"`
	Date          string `json:"date"`
	Home          int64  `json:"home_rupiah_per_kg"`
	Partner       int64  `json:"partner_rupiah_per_kg"`
	Gap           int64  `json:"gap_rupiah_per_kg"`
	NetOfDistance int64  `json:"net_of_distance_rupiah_per_kg"`
	Source        Source `json:"source"`
}

// Options tune the score. Start from DefaultOptions; Analyze refuses
// options that are out of range.
type Options struct {
	// Stage weights: how much a traded commodity counts by processing
	// stage. Finished goods add value, so they weigh more.
	RawWeight      float64 `json:"raw_weight"`
	SemiWeight     float64 `json:"semi_weight"`
	FinishedWeight float64 `json:"finished_weight"`
	// TwoWay in [0,1] is the share of the score given to the geometric
	// mean of the two directions; the rest goes to their arithmetic mean.
	// 1 scores one-way partners zero; 0 ignores balance.
	TwoWay float64 `json:"two_way"`
	// DistanceScaleKm is the distance at which the score halves.
	DistanceScaleKm float64 `json:"distance_scale_km"`
	// Tolerance is the relative band within which production and need
	// count as balanced (0.02 = 2% of the larger of the two).
	Tolerance float64 `json:"tolerance"`
	// Year, when not zero, ignores evidence of later years.
	Year int `json:"year"`
}

// DefaultOptions returns the documented defaults.
func DefaultOptions() Options {
	return Options{
		RawWeight: 1, SemiWeight: 1.5, FinishedWeight: 2,
		TwoWay:          0.5,
		DistanceScaleKm: 1000,
		Tolerance:       0.02,
	}
}
