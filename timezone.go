package dagang

import (
	"time"
	_ "time/tzdata" // the zones travel in the binary: Windows has no zoneinfo
)

// Indonesia's three time zones.
const (
	ZoneWIB  = "Asia/Jakarta"  // Waktu Indonesia Barat, UTC+7
	ZoneWITA = "Asia/Makassar" // Waktu Indonesia Tengah, UTC+8
	ZoneWIT  = "Asia/Jayapura" // Waktu Indonesia Timur, UTC+9
)

// ProvinceZoneName is the IANA zone of a province by its two-digit code
// (Permendagri province codes): Sumatra, Java, West and Central
// Kalimantan keep WIB; Bali, Nusa Tenggara, South, East and North
// Kalimantan and Sulawesi WITA; Maluku and Papua WIT (Keppres 41/1987).
// An unknown code is WIB, the capital's zone.
func ProvinceZoneName(code string) string {
	if len(code) != 2 {
		return ZoneWIB
	}
	switch {
	case code[0] == '5' || code == "63" || code == "64" || code == "65" || code[0] == '7':
		return ZoneWITA
	case code[0] == '8' || code[0] == '9':
		return ZoneWIT
	}
	return ZoneWIB
}

// ProvinceZone is the location of ProvinceZoneName.
func ProvinceZone(code string) *time.Location {
	loc, err := time.LoadLocation(ProvinceZoneName(code))
	if err != nil {
		// time/tzdata is linked in: the three zones always load.
		panic(err)
	}
	return loc
}

// ValidTimeZone reports whether name is an IANA zone this build knows.
func ValidTimeZone(name string) bool {
	if name == "" || name == "Local" {
		return false
	}
	_, err := time.LoadLocation(name)
	return err == nil
}
