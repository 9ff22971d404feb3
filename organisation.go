package dagang

import (
	"context"
	"strings"
	"time"
)

// OrgKind is what a counterpart organisation is.
type OrgKind string

// Organisation kinds.
const (
	OrgBuyer       OrgKind = "buyer"       // a buying or selling company in another province
	OrgAssociation OrgKind = "association" // a trade association or chamber
	OrgGovernment  OrgKind = "government"  // the partner province's trade office
)

// OrgKinds are the valid organisation kinds.
var OrgKinds = []OrgKind{OrgBuyer, OrgAssociation, OrgGovernment}

// Valid reports whether k is a known kind.
func (k OrgKind) Valid() bool { return k == OrgBuyer || k == OrgAssociation || k == OrgGovernment }

// Organisation is a buyer, association or government office in a partner
// province: the counterpart of meetings and deals.
type Organisation struct {
	ID           int64   `json:"id"`
	Version      int64   `json:"version"` // raised by every change; the API's ETag
	OfficeID     int64   `json:"office_id"`
	Name         string  `json:"name"`
	ProvinceCode string  `json:"province_code"`
	Kind         OrgKind `json:"kind"`
	Contact
	Sample    bool      `json:"sample"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks the organisation's fields.
func (o *Organisation) Validate() error {
	var v Validation
	name := strings.TrimSpace(o.Name)
	v.Check(name != "", "name", "nama organisasi wajib diisi", "organisation name is required")
	v.Check(len(name) <= 200, "name", "nama organisasi terlalu panjang (maks. 200 karakter)", "organisation name is too long (max 200 characters)")
	v.Check(o.OfficeID > 0, "office_id", "dinas pemilik wajib diisi", "owning office is required")
	v.Check(ValidProvinceCode(o.ProvinceCode), "province_code", "kode provinsi harus dua angka (contoh 64)", "province code must be two digits (e.g. 64)")
	v.Check(o.Kind.Valid(), "kind", "jenis organisasi harus buyer, association atau government", "kind must be buyer, association or government")
	v.Line("name", o.Name)
	o.Contact.validate(&v)
	return v.Err()
}

// OrganisationFilter selects organisations.
type OrganisationFilter struct {
	ListOptions
	OfficeID     int64
	ProvinceCode string
	Kind         OrgKind
}

// OrganisationService keeps counterpart organisations.
type OrganisationService interface {
	FindOrganisationByID(ctx context.Context, id int64) (*Organisation, error)
	FindOrganisations(ctx context.Context, f OrganisationFilter) ([]*Organisation, int, error)
	CreateOrganisation(ctx context.Context, o *Organisation) error
	// UpdateOrganisation sets the fields of o that c names and leaves o as
	// stored; see Change for versions.
	UpdateOrganisation(ctx context.Context, o *Organisation, c Change) error
	// DeleteOrganisation removes an organisation at version (0: any).
	DeleteOrganisation(ctx context.Context, id, version int64) error
}

// ListingKind says whether a listing offers or needs a commodity.
type ListingKind string

// Listing kinds.
const (
	ListingOffer ListingKind = "offer"
	ListingNeed  ListingKind = "need"
)

// ListingKinds are the valid listing kinds.
var ListingKinds = []ListingKind{ListingOffer, ListingNeed}

// Listing is an offer or a need of a business (home side) or an
// organisation (partner side) for a commodity.
type Listing struct {
	ID             int64       `json:"id"`
	Version        int64       `json:"version"` // raised by every change; the API's ETag
	OfficeID       int64       `json:"office_id"`
	Kind           ListingKind `json:"kind"`
	BusinessID     int64       `json:"business_id,omitempty"`
	OrganisationID int64       `json:"organisation_id,omitempty"`
	CommodityID    int64       `json:"commodity_id"`
	Volume         float64     `json:"volume,omitempty"` // per month; 0 when not stated
	Unit           string      `json:"unit,omitempty"`
	Description    string      `json:"description,omitempty"`
	Sample         bool        `json:"sample"`
}

// Validate checks the listing's fields.
func (l *Listing) Validate() error {
	var v Validation
	v.Check(l.OfficeID > 0, "office_id", "dinas pemilik wajib diisi", "owning office is required")
	v.Check(l.Kind == ListingOffer || l.Kind == ListingNeed, "kind", "jenis harus offer (penawaran) atau need (kebutuhan)", "kind must be offer or need")
	v.Check((l.BusinessID > 0) != (l.OrganisationID > 0), "business_id", "isi tepat satu: pelaku usaha atau organisasi", "set exactly one of business or organisation")
	v.Check(l.CommodityID > 0, "commodity_id", "komoditas wajib dipilih", "commodity is required")
	v.Check(l.Volume >= 0 && l.Volume < 1e12, "volume", "volume tidak boleh negatif", "volume cannot be negative")
	v.Check(l.Volume == 0 || strings.TrimSpace(l.Unit) != "", "unit", "satuan volume wajib diisi", "volume unit is required")
	v.Check(len(l.Description) <= 2000, "description", "deskripsi terlalu panjang (maks. 2000 karakter)", "description is too long (max 2000 characters)")
	v.Lines("description", l.Description)
	v.Line("unit", l.Unit)
	return v.Err()
}

// ListingFilter selects listings.
type ListingFilter struct {
	ListOptions
	OfficeID       int64
	Kind           ListingKind
	BusinessID     int64
	OrganisationID int64
	CommodityID    int64
	ProvinceCode   string // of the organisation
}

// ListingService keeps offers and needs.
type ListingService interface {
	FindListingByID(ctx context.Context, id int64) (*Listing, error)
	FindListings(ctx context.Context, f ListingFilter) ([]*Listing, int, error)
	CreateListing(ctx context.Context, l *Listing) error
	// UpdateListing sets the fields of l that c names, keeping its office.
	UpdateListing(ctx context.Context, l *Listing, c Change) error
	// DeleteListing removes a listing at version (0: any).
	DeleteListing(ctx context.Context, id, version int64) error
}
