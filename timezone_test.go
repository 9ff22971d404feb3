package dagang_test

import (
	"testing"
	"time"

	"github.com/dagang/dagang"
)

func TestProvinceZones(t *testing.T) {
	want := map[string]string{
		"11": "Asia/Jakarta", "31": "Asia/Jakarta", "36": "Asia/Jakarta", "61": "Asia/Jakarta", "62": "Asia/Jakarta",
		"51": "Asia/Makassar", "53": "Asia/Makassar", "63": "Asia/Makassar", "64": "Asia/Makassar", "65": "Asia/Makassar", "73": "Asia/Makassar", "76": "Asia/Makassar",
		"81": "Asia/Jayapura", "82": "Asia/Jayapura", "91": "Asia/Jayapura", "96": "Asia/Jayapura",
	}
	for code, zone := range want {
		if got := dagang.ProvinceZoneName(code); got != zone {
			t.Errorf("province %s: %s, want %s", code, got, zone)
		}
	}
	noon := time.Date(2019, 3, 4, 4, 0, 0, 0, time.UTC)
	for code, hour := range map[string]int{"31": 11, "63": 12, "91": 13} {
		if h := noon.In(dagang.ProvinceZone(code)).Hour(); h != hour {
			t.Errorf("province %s: 04:00 UTC is %d:00, want %d:00", code, h, hour)
		}
	}
	if !dagang.ValidTimeZone("Asia/Makassar") || dagang.ValidTimeZone("Asia/Banjarmasin") || dagang.ValidTimeZone("") {
		t.Error("ValidTimeZone")
	}
}
