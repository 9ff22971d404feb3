package demo

import (
	"context"
	"fmt"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/refdata"
	"github.com/dagang/dagang/internal/store"
)

// LoadReference stores the embedded reference data (provinces, regencies,
// the commodity catalogue and its input links, and the real statistics when
// the database holds none) into an empty database, and returns the
// catalogue by slug. Calling it again on a loaded database changes nothing.
func LoadReference(ctx context.Context, db *store.DB) (map[string]*dagang.Commodity, error) {
	ps, err := refdata.Provinces()
	if err != nil {
		return nil, err
	}
	rs, err := refdata.Regencies()
	if err != nil {
		return nil, err
	}
	if err := db.LoadRegions(ctx, ps, rs); err != nil {
		return nil, fmt.Errorf("load regions: %w", err)
	}
	bySlug := make(map[string]*dagang.Commodity, len(refdata.Catalogue))
	for _, c := range refdata.Catalogue {
		existing, err := db.FindCommodityBySlug(ctx, c.Slug)
		if err == nil {
			bySlug[c.Slug] = existing
			continue
		}
		if dagang.ErrorCode(err) != dagang.ENOTFOUND {
			return nil, err
		}
		c := c
		if err := db.CreateCommodity(ctx, &c); err != nil {
			return nil, fmt.Errorf("commodity %s: %w", c.Slug, err)
		}
		bySlug[c.Slug] = &c
	}
	for _, l := range refdata.InputLinks {
		if err := db.LinkInput(ctx, dagang.InputLink{InputID: bySlug[l.Input].ID, OutputID: bySlug[l.Output].ID, Use: l.Use}); err != nil {
			return nil, fmt.Errorf("input link %s → %s: %w", l.Input, l.Output, err)
		}
	}
	if _, err := LoadStatistics(ctx, db); err != nil {
		return nil, err
	}
	return bySlug, nil
}
