package dagang

import (
	"context"
	"net/mail"
	"regexp"
	"strings"
	"time"
)

// SizeClass is a business's size under PP 7/2021 (mikro, kecil, menengah, besar).
type SizeClass string

// Size classes.
const (
	SizeMicro  SizeClass = "mikro"
	SizeSmall  SizeClass = "kecil"
	SizeMedium SizeClass = "menengah"
	SizeLarge  SizeClass = "besar"
)

// Valid reports whether s is a known size class.
func (s SizeClass) Valid() bool {
	return s == SizeMicro || s == SizeSmall || s == SizeMedium || s == SizeLarge
}

// Contact is how to reach a person of a business or organisation. These
// fields are personal data and can be left out of exports.
type Contact struct {
	Person string `json:"contact_name,omitempty"`
	Phone  string `json:"phone,omitempty"`
	Email  string `json:"email,omitempty"`
	// WhatsApp is the contact's WhatsApp number, normalised to 62….
	WhatsApp string `json:"whatsapp,omitempty"`
}

var phoneRE = regexp.MustCompile(`^\+?[0-9][0-9 \-]{5,19}$`)

// validate checks the contact and normalises its WhatsApp number.
func (c *Contact) validate(v *Validation) {
	if c.WhatsApp != "" {
		w, err := NormalizeWhatsApp(c.WhatsApp)
		v.Check(err == nil, "whatsapp", "nomor WhatsApp harus nomor ponsel Indonesia, misalnya 0812-3456-7890", "WhatsApp number must be an Indonesian mobile number, e.g. 0812-3456-7890")
		if err == nil {
			c.WhatsApp = w
		}
	}
	v.Check(c.Phone == "" || phoneRE.MatchString(c.Phone), "phone", "nomor telepon hanya boleh angka, spasi dan tanda hubung (6–20 karakter)", "phone may only hold digits, spaces and hyphens (6–20 characters)")
	if c.Email != "" {
		a, err := mail.ParseAddress(c.Email)
		v.Check(err == nil && a.Address == c.Email, "email", "alamat email tidak valid", "e-mail address is not valid")
	}
	v.Line("contact_name", c.Person)
	v.Check(len(c.Person) <= 200, "contact_name", "nama kontak terlalu panjang (maks. 200 karakter)", "contact name is too long (max 200 characters)")
}

// Business is a local business (pelaku usaha) of the office's home region.
type Business struct {
	ID          int64     `json:"id"`
	Version     int64     `json:"version"` // raised by every change; the API's ETag
	OfficeID    int64     `json:"office_id"`
	Name        string    `json:"name"`
	RegencyCode string    `json:"regency_code"`
	NIB         string    `json:"nib,omitempty"` // Nomor Induk Berusaha, 13 digits, when known
	Size        SizeClass `json:"size_class"`
	Contact
	Sample    bool      `json:"sample"` // demo data the seed article does not give (contoh)
	CreatedAt time.Time `json:"created_at"`

	Products []Product `json:"products"`
}

// Product is what a business makes, with its monthly capacity.
type Product struct {
	ID              int64   `json:"id"`
	BusinessID      int64   `json:"business_id"`
	CommodityID     int64   `json:"commodity_id"`
	Description     string  `json:"description,omitempty"`
	MonthlyCapacity float64 `json:"monthly_capacity"`
	Unit            string  `json:"unit"`
}

var nibRE = regexp.MustCompile(`^[0-9]{13}$`)

// Validate checks the business and its products.
func (b *Business) Validate() error {
	var v Validation
	name := strings.TrimSpace(b.Name)
	v.Check(name != "", "name", "nama usaha wajib diisi", "business name is required")
	v.Check(len(name) <= 200, "name", "nama usaha terlalu panjang (maks. 200 karakter)", "business name is too long (max 200 characters)")
	v.Check(b.OfficeID > 0, "office_id", "dinas pemilik wajib diisi", "owning office is required")
	v.Check(ValidRegencyCode(b.RegencyCode), "regency_code", "kode kabupaten/kota harus berbentuk 63.03", "regency code must look like 63.03")
	v.Check(b.NIB == "" || nibRE.MatchString(b.NIB), "nib", "NIB harus 13 digit angka", "NIB must be 13 digits")
	v.Check(b.Size.Valid(), "size_class", "skala usaha harus mikro, kecil, menengah atau besar", "size class must be mikro, kecil, menengah or besar")
	v.Line("name", b.Name)
	b.Contact.validate(&v)
	for i, p := range b.Products {
		v.Merge(indexed("products", i), p.Validate())
	}
	return v.Err()
}

// Validate checks the product's fields.
func (p Product) Validate() error {
	var v Validation
	v.Check(p.CommodityID > 0, "commodity_id", "komoditas wajib dipilih", "commodity is required")
	v.Check(p.MonthlyCapacity >= 0 && p.MonthlyCapacity < 1e12, "monthly_capacity", "kapasitas per bulan tidak boleh negatif", "monthly capacity cannot be negative")
	v.Check(p.MonthlyCapacity == 0 || strings.TrimSpace(p.Unit) != "", "unit", "satuan kapasitas wajib diisi", "capacity unit is required")
	v.Check(len(p.Description) <= 2000, "description", "deskripsi terlalu panjang (maks. 2000 karakter)", "description is too long (max 2000 characters)")
	v.Lines("description", p.Description)
	v.Line("unit", p.Unit)
	return v.Err()
}

// BusinessFilter selects businesses.
type BusinessFilter struct {
	ListOptions
	OfficeID    int64
	RegencyCode string
	CommodityID int64 // businesses with a product of this commodity
	Size        SizeClass
}

// BusinessService keeps the registry of local businesses.
type BusinessService interface {
	FindBusinessByID(ctx context.Context, id int64) (*Business, error)
	FindBusinesses(ctx context.Context, f BusinessFilter) ([]*Business, int, error)
	CreateBusiness(ctx context.Context, b *Business) error
	// UpdateBusiness sets the fields of b that c names (the products as a
	// whole) and leaves b as stored; see Change for versions.
	UpdateBusiness(ctx context.Context, b *Business, c Change) error
	// DeleteBusiness removes a business at version (0: any).
	DeleteBusiness(ctx context.Context, id, version int64) error
}
