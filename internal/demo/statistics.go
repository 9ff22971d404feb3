package demo

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/complement"
	"github.com/dagang/dagang/internal/refdata"
	"github.com/dagang/dagang/internal/store"
)

// StatisticsFiles are the real statistics embedded in refdata, each with
// the parser of its layout: production by province, and per-capita
// consumption norms from which consumption is estimated. The superseded
// livestock series (statistics/*_oldseries.csv) is left out on purpose:
// it is only for trends within 2018–2021 and never meets the current one.
var StatisticsFiles = []struct {
	Name  string
	Parse func(io.Reader) ([]complement.Evidence, error)
}{
	{"commodity_production_by_province.csv", complement.ParseProductionCSV},
	{"consumption_per_capita.csv", complement.ParseConsumptionCSV},
	{"statistics/production_rice_padi_by_province_2019_2021.csv", complement.ParseProductionCSV},
	{"statistics/production_rice_padi_by_province_2024.csv", complement.ParseProductionCSV},
	{"statistics/production_maize_by_province_2020_2024.csv", complement.ParseProductionCSV},
	{"statistics/production_eggs_layer_by_province_2021_2022.csv", complement.ParseProductionCSV},
	{"statistics/production_broiler_meat_by_province_2021_2022.csv", complement.ParseProductionCSV},
	{"statistics/production_beef_by_province_2021_2022.csv", complement.ParseProductionCSV},
	{"statistics/production_marine_aquaculture_by_province_2018_2020.csv", complement.ParseProductionCSV},
	{"statistics/consumption_per_capita_additions.csv", complement.ParseConsumptionCSV},
	{"statistics/consumption_norms_added.csv", complement.ParseConsumptionCSV},
}

// EmbeddedStatistics parses the real statistics shipped in refdata.
func EmbeddedStatistics() ([]*dagang.Statistic, error) {
	var ss []*dagang.Statistic
	for _, f := range StatisticsFiles {
		b, err := refdata.File(f.Name)
		if err != nil {
			return nil, err
		}
		ev, err := f.Parse(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		for _, e := range ev {
			ss = append(ss, complement.ToStatistic(e))
		}
	}
	return ss, nil
}

// LoadStatistics stores the real statistics shipped in refdata that the
// database does not hold yet (same province, measure, year and source), so
// that the partner analysis works on real figures with their sources and
// a database made by an older release gets the newer tables. Figures the
// office imported or edited are left alone. It returns how many it stored.
func LoadStatistics(ctx context.Context, db *store.DB) (int, error) {
	have, err := StoredStatisticKeys(ctx, db)
	if err != nil {
		return 0, err
	}
	all, err := EmbeddedStatistics()
	if err != nil {
		return 0, err
	}
	var ss []*dagang.Statistic
	for _, s := range all {
		if _, ok := have[KeyOf(s)]; !ok {
			ss = append(ss, s)
		}
	}
	if len(ss) == 0 {
		return 0, nil
	}
	if err := db.ImportStatistics(ctx, ss); err != nil {
		return 0, fmt.Errorf("load statistics: %w", err)
	}
	return len(ss), nil
}

// StatisticKey identifies a figure: a file imported twice has the same keys.
type StatisticKey struct {
	Province, Measure, SourceURL string
	Year                         int
}

// KeyOf returns the key of a statistic.
func KeyOf(s *dagang.Statistic) StatisticKey {
	return StatisticKey{s.ProvinceCode, s.Measure, s.SourceURL, s.Year}
}

// StoredStatisticKeys returns the key of every stored statistic with its ID.
func StoredStatisticKeys(ctx context.Context, db *store.DB) (map[StatisticKey]int64, error) {
	have := map[StatisticKey]int64{}
	for offset := 0; ; {
		page, total, err := db.FindStatistics(ctx, dagang.StatisticFilter{ListOptions: dagang.ListOptions{Offset: offset, Limit: dagang.MaxLimit}})
		if err != nil {
			return nil, err
		}
		for _, s := range page {
			have[KeyOf(s)] = s.ID
		}
		offset += len(page)
		if len(page) == 0 || offset >= total {
			return have, nil
		}
	}
}
