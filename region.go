package dagang

import (
	"context"
	"regexp"
)

// Province is one of Indonesia's 38 provinces. Code is the Kemendagri code
// ("63"); BPSCode differs from it only in the Papua region.
type Province struct {
	Code       string  `json:"code"`
	BPSCode    string  `json:"bps_code"`
	Name       string  `json:"name"`
	ShortName  string  `json:"short_name"`
	Lat        float64 `json:"centroid_lat"`
	Lon        float64 `json:"centroid_lon"`
	Population int64   `json:"population"`
	AreaKm2    float64 `json:"area_km2"`
}

// Regency is a kabupaten or kota. Code is dotted ("63.03").
type Regency struct {
	Code         string `json:"code"`
	ProvinceCode string `json:"province_code"`
	Name         string `json:"name"`
}

var (
	provinceCodeRE = regexp.MustCompile(`^[1-9][0-9]$`)
	regencyCodeRE  = regexp.MustCompile(`^[1-9][0-9]\.[0-9]{2}$`)
)

// ValidProvinceCode reports whether s has the form of a province code. The
// store checks that the province exists.
func ValidProvinceCode(s string) bool { return provinceCodeRE.MatchString(s) }

// ValidRegencyCode reports whether s has the form of a regency code.
func ValidRegencyCode(s string) bool { return regencyCodeRE.MatchString(s) }

// RegionService reads the reference regions.
type RegionService interface {
	// FindProvinces returns all provinces ordered by code.
	FindProvinces(ctx context.Context) ([]*Province, error)
	// FindProvinceByCode returns ENOTFOUND for an unknown code.
	FindProvinceByCode(ctx context.Context, code string) (*Province, error)
	// FindRegencies returns the regencies of a province ("" for all).
	FindRegencies(ctx context.Context, provinceCode string, opt ListOptions) ([]*Regency, int, error)
	// FindRegencyByCode returns ENOTFOUND for an unknown code.
	FindRegencyByCode(ctx context.Context, code string) (*Regency, error)
}
