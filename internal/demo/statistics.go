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
// consumption norms from which consumption is estimated.
var StatisticsFiles = []struct {
	Name  string
	Parse func(io.Reader) ([]complement.Evidence, error)
}{
	{"commodity_production_by_province.csv", complement.ParseProductionCSV},
	{"consumption_per_capita.csv", complement.ParseConsumptionCSV},
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

// LoadStatistics stores the real statistics shipped in refdata when the
// database holds no statistics yet, so that the partner analysis works on
// real figures with their sources. It returns how many it stored.
func LoadStatistics(ctx context.Context, db *store.DB) (int, error) {
	_, n, err := db.FindStatistics(ctx, dagang.StatisticFilter{ListOptions: dagang.ListOptions{Limit: 1}})
	if err != nil || n > 0 {
		return 0, err
	}
	ss, err := EmbeddedStatistics()
	if err != nil {
		return 0, err
	}
	if err := db.ImportStatistics(ctx, ss); err != nil {
		return 0, fmt.Errorf("load statistics: %w", err)
	}
	return len(ss), nil
}
