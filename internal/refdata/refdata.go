// Package refdata holds the reference data embedded in the binary: the 38
// provinces and 514 regencies of Indonesia with official codes, centroids
// and simplified boundaries, the commodity catalogue with HS 2022 codes,
// and official production and consumption statistics. The files and their
// licences are in data/ (see data/README.md and the repository's NOTICE).
package refdata

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/dagang/dagang"
)

//go:embed data
var files embed.FS

// File returns an embedded file by its name under data/.
func File(name string) ([]byte, error) { return files.ReadFile("data/" + name) }

// readCSV reads an embedded CSV into records keyed by header name.
func readCSV(name string) ([]map[string]string, error) {
	b, err := File(name)
	if err != nil {
		return nil, err
	}
	return parseCSV(bytes.NewReader(b), name)
}

func parseCSV(r io.Reader, name string) ([]map[string]string, error) {
	cr := csv.NewReader(r)
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("refdata: %s: %w", name, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("refdata: %s: empty", name)
	}
	head := rows[0]
	out := make([]map[string]string, 0, len(rows)-1)
	for _, row := range rows[1:] {
		m := make(map[string]string, len(head))
		for i, h := range head {
			m[h] = row[i]
		}
		out = append(out, m)
	}
	return out, nil
}

// shortNames are the customary short names of the provinces, as used in
// Indonesian news and government writing (Kalsel, Kaltim, Sulsel, ...).
var shortNames = map[string]string{
	"11": "Aceh", "12": "Sumut", "13": "Sumbar", "14": "Riau", "15": "Jambi", "16": "Sumsel", "17": "Bengkulu",
	"18": "Lampung", "19": "Babel", "21": "Kepri", "31": "Jakarta", "32": "Jabar", "33": "Jateng", "34": "DIY",
	"35": "Jatim", "36": "Banten", "51": "Bali", "52": "NTB", "53": "NTT", "61": "Kalbar", "62": "Kalteng",
	"63": "Kalsel", "64": "Kaltim", "65": "Kaltara", "71": "Sulut", "72": "Sulteng", "73": "Sulsel", "74": "Sultra",
	"75": "Gorontalo", "76": "Sulbar", "81": "Maluku", "82": "Malut", "91": "Papua", "92": "Papua Barat",
	"93": "Papua Selatan", "94": "Papua Tengah", "95": "Papua Pegunungan", "96": "Papua Barat Daya",
}

// Provinces returns the 38 provinces with their BPS codes, centroids
// (computed from the embedded GeoJSON), population (Dukcapil, Dec 2024)
// and area (BIG, 2024).
func Provinces() ([]*dagang.Province, error) {
	base, err := readCSV("provinces.csv")
	if err != nil {
		return nil, err
	}
	cent, err := readCSV("province_centroids.csv")
	if err != nil {
		return nil, err
	}
	pop, err := readCSV("province_population_area.csv")
	if err != nil {
		return nil, err
	}
	byCode := func(rows []map[string]string) map[string]map[string]string {
		m := make(map[string]map[string]string, len(rows))
		for _, r := range rows {
			m[r["kemendagri_code"]] = r
		}
		return m
	}
	cm, pm := byCode(cent), byCode(pop)
	var ps []*dagang.Province
	for _, r := range base {
		code := r["kemendagri_code"]
		c, p := cm[code], pm[code]
		if c == nil || p == nil {
			return nil, fmt.Errorf("refdata: province %s lacks a centroid or population row", code)
		}
		pv := &dagang.Province{Code: code, BPSCode: r["bps_code"], Name: r["name"], ShortName: shortNames[code]}
		var errs []error
		pv.Lat, err = strconv.ParseFloat(c["centroid_lat"], 64)
		errs = append(errs, err)
		pv.Lon, err = strconv.ParseFloat(c["centroid_lon"], 64)
		errs = append(errs, err)
		pv.Population, err = strconv.ParseInt(p["population_total"], 10, 64)
		errs = append(errs, err)
		pv.AreaKm2, err = strconv.ParseFloat(p["area_km2"], 64)
		errs = append(errs, err)
		for _, e := range errs {
			if e != nil {
				return nil, fmt.Errorf("refdata: province %s: %w", code, e)
			}
		}
		if pv.ShortName == "" {
			pv.ShortName = pv.Name
		}
		ps = append(ps, pv)
	}
	return ps, nil
}

// Regencies returns the 514 regencies and cities.
func Regencies() ([]*dagang.Regency, error) {
	rows, err := readCSV("regencies_idn_area_data.csv")
	if err != nil {
		return nil, err
	}
	rs := make([]*dagang.Regency, 0, len(rows))
	for _, r := range rows {
		rs = append(rs, &dagang.Regency{Code: r["code"], ProvinceCode: r["province_code"], Name: r["name"]})
	}
	return rs, nil
}

// ProvincesGeoJSON returns the simplified province boundaries as a GeoJSON
// FeatureCollection whose features carry the Kemendagri code in the
// property "code" and the name in "name". The source file numbers the new
// Papua provinces differently; province_centroids.csv maps them.
func ProvincesGeoJSON() ([]byte, error) {
	b, err := File("geo/indonesia-38-provinces.geojson")
	if err != nil {
		return nil, err
	}
	cent, err := readCSV("province_centroids.csv")
	if err != nil {
		return nil, err
	}
	codeByID := make(map[string]string, len(cent))
	for _, r := range cent {
		codeByID[r["geojson_id"]] = r["kemendagri_code"]
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type       string          `json:"type"`
			Properties map[string]any  `json:"properties"`
			Geometry   json.RawMessage `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("refdata: geojson: %w", err)
	}
	for i, f := range fc.Features {
		id := fmt.Sprint(f.Properties["id"])
		code, ok := codeByID[id]
		if !ok {
			return nil, fmt.Errorf("refdata: geojson feature %d has unknown id %q", i, id)
		}
		name := fmt.Sprint(f.Properties["PROVINSI"])
		for _, r := range cent {
			if r["kemendagri_code"] == code {
				name = r["name_idn_area"]
			}
		}
		fc.Features[i].Properties = map[string]any{"code": code, "name": name}
	}
	return json.Marshal(fc)
}
