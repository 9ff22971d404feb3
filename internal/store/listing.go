package store

import (
	"context"

	"github.com/dagang/dagang"
)

var _ dagang.ListingService = (*DB)(nil)

const listingCols = `id, version, office_id, kind, business_id, organisation_id, commodity_id, volume, unit, description, sample`

var listingSort = sortSpec{def: "id", columns: map[string]string{"id": "id", "commodity": "commodity_id", "volume": "volume"}}

func scanListing(s scanner) (*dagang.Listing, error) {
	var l dagang.Listing
	err := s.Scan(&l.ID, &l.Version, &l.OfficeID, &l.Kind, idOf{&l.BusinessID}, idOf{&l.OrganisationID}, &l.CommodityID, &l.Volume, &l.Unit, &l.Description, &l.Sample)
	return &l, err
}

// FindListingByID returns one offer or need.
func (d *DB) FindListingByID(ctx context.Context, id int64) (*dagang.Listing, error) {
	l, err := get(ctx, d.read(), "SELECT "+listingCols+" FROM listings WHERE id = ?", "penawaran/kebutuhan", "listing", id, scanListing)
	return l, d.mapError(err)
}

// FindListings lists offers and needs.
func (d *DB) FindListings(ctx context.Context, f dagang.ListingFilter) ([]*dagang.Listing, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("kind", string(f.Kind))
	w.eq("business_id", f.BusinessID)
	w.eq("organisation_id", f.OrganisationID)
	w.eq("commodity_id", f.CommodityID)
	if f.ProvinceCode != "" {
		w.add("organisation_id IN (SELECT id FROM organisations WHERE province_code = ?)", f.ProvinceCode)
	}
	w.search(f.Query, "description")
	ls, n, err := list(ctx, d.read(), "SELECT "+listingCols+" FROM listings", "SELECT COUNT(*) FROM listings", w, listingSort, f.ListOptions, scanListing)
	return ls, n, d.mapError(err)
}

// CreateListing stores an offer or need.
func (d *DB) CreateListing(ctx context.Context, l *dagang.Listing) error {
	if err := l.Validate(); err != nil {
		return err
	}
	return d.inTx(ctx, func(t tx) error {
		if err := listingRefs(ctx, t, l); err != nil {
			return err
		}
		id, err := t.insert(ctx, "INSERT INTO listings (office_id, kind, business_id, organisation_id, commodity_id, volume, unit, description, sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			l.OfficeID, l.Kind, nullID(l.BusinessID), nullID(l.OrganisationID), l.CommodityID, l.Volume, l.Unit, l.Description, l.Sample)
		l.ID, l.Version = id, 1
		return err
	})
}

// listingRefs checks the commodity and the business or organisation of l,
// which must be of l's office.
func listingRefs(ctx context.Context, t tx, l *dagang.Listing) error {
	var v dagang.Validation
	if err := exists(ctx, t, &v, "commodity_id", "commodities", "id", l.CommodityID, "komoditas %v tidak dikenal", "unknown commodity %v"); err != nil {
		return err
	}
	if err := partyRef(ctx, t, &v, l.BusinessID, l.OrganisationID, l.OfficeID); err != nil {
		return err
	}
	return v.Err()
}

var listingColumns = []column[dagang.Listing]{
	col("kind", func(l *dagang.Listing) any { return l.Kind }),
	col("business_id", func(l *dagang.Listing) any { return nullID(l.BusinessID) }),
	col("organisation_id", func(l *dagang.Listing) any { return nullID(l.OrganisationID) }),
	col("commodity_id", func(l *dagang.Listing) any { return l.CommodityID }),
	col("volume", func(l *dagang.Listing) any { return l.Volume }),
	col("unit", func(l *dagang.Listing) any { return l.Unit }),
	col("description", func(l *dagang.Listing) any { return l.Description }),
	col("sample", func(l *dagang.Listing) any { return l.Sample }),
}

// UpdateListing changes an offer or need.
func (d *DB) UpdateListing(ctx context.Context, l *dagang.Listing, c dagang.Change) error {
	return d.inTx(ctx, func(t tx) error {
		old, err := get(ctx, t, "SELECT "+listingCols+" FROM listings WHERE id = ?"+lockRow(t), "penawaran/kebutuhan", "listing", l.ID, scanListing)
		if err != nil {
			return err
		}
		return versioned(ctx, t, "listings", old, l, c, listingColumns, func(cur *dagang.Listing) error {
			if err := cur.Validate(); err != nil {
				return err
			}
			return listingRefs(ctx, t, cur)
		})
	})
}

// DeleteListing removes an offer or need.
func (d *DB) DeleteListing(ctx context.Context, id, version int64) error {
	return d.deleteByID(ctx, "listings", "penawaran/kebutuhan", "listing", id, version)
}
