package store

import (
	"context"
	"fmt"
	"time"
)

// Rate limits live in the database so that every server instance counts
// the same hits: a flood spread over instances behind a load balancer
// meets one limit, not one per process.
//
// A bucket holds one row per accepted hit, so the limit is exact over a
// sliding window. Taking a hit is one transaction that first serialises
// the takers of its bucket (an advisory lock on PostgreSQL; SQLite's
// transactions begin IMMEDIATE, one writer at a time), then counts and
// inserts: concurrent takers never exceed the limit. A refused hit is not
// recorded, so a bucket never holds more than its limit of rows, however
// hard it is hammered.

// rateSweepEvery is how often one process deletes every bucket's expired
// hits; a bucket's own expired hits go each time it is taken.
const rateSweepEvery = time.Minute

// RateTake records a hit in bucket when fewer than limit hits were
// recorded in the window before now, and says so. When it refuses,
// retryAfter is how long until the oldest counted hit leaves the window.
func (d *DB) RateTake(ctx context.Context, bucket string, limit int, window time.Duration, now time.Time) (ok bool, retryAfter time.Duration, err error) {
	if limit <= 0 || window <= 0 {
		return false, 0, fmt.Errorf("store: rate limit %q: limit %d per %v", bucket, limit, window)
	}
	now = rateTime(now)
	if err := d.rateSweep(ctx, now); err != nil {
		return false, 0, err
	}
	err = d.inTx(ctx, func(t tx) error {
		if d.dialect.name() == "postgres" {
			if _, err := t.exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", "rate_hits:"+bucket); err != nil {
				return err
			}
		}
		if _, err := t.exec(ctx, "DELETE FROM rate_hits WHERE bucket = ? AND at <= ?", bucket, now.Add(-window)); err != nil {
			return err
		}
		rs, err := t.query(ctx, "SELECT at FROM rate_hits WHERE bucket = ? ORDER BY at DESC, id DESC LIMIT ?", bucket, limit)
		if err != nil {
			return err
		}
		var hits []time.Time
		for rs.Next() {
			var at time.Time
			if err := rs.Scan(&at); err != nil {
				rs.Close()
				return err
			}
			hits = append(hits, at)
		}
		if err := rs.Close(); err != nil {
			return err
		}
		if len(hits) >= limit {
			// The oldest of the newest limit hits frees a place when it
			// leaves the window.
			retryAfter = max(hits[limit-1].Add(window).Sub(now), time.Second)
			return nil
		}
		ok = true
		_, err = t.exec(ctx, "INSERT INTO rate_hits (bucket, at, expires_at) VALUES (?, ?, ?)", bucket, now, now.Add(window))
		return err
	})
	if err != nil {
		return false, 0, fmt.Errorf("store: rate limit: %w", err)
	}
	return ok, retryAfter, nil
}

// RateRefund gives back one hit taken in bucket at at: an attempt that
// turned out legitimate (a successful login) does not count against the
// address it came from.
func (d *DB) RateRefund(ctx context.Context, bucket string, at time.Time) error {
	_, err := d.read().exec(ctx, "DELETE FROM rate_hits WHERE id IN (SELECT id FROM rate_hits WHERE bucket = ? AND at = ? ORDER BY id DESC LIMIT 1)", bucket, rateTime(at))
	if err != nil {
		return fmt.Errorf("store: rate refund: %w", err)
	}
	return nil
}

// RateForget empties bucket: after a successful login, the account's
// earlier failures no longer count.
func (d *DB) RateForget(ctx context.Context, bucket string) error {
	if _, err := d.read().exec(ctx, "DELETE FROM rate_hits WHERE bucket = ?", bucket); err != nil {
		return fmt.Errorf("store: rate forget: %w", err)
	}
	return nil
}

// rateSweep deletes every expired hit, at most once per rateSweepEvery in
// a process: buckets taken once and never again would otherwise stay.
func (d *DB) rateSweep(ctx context.Context, now time.Time) error {
	last := d.rateSwept.Load()
	if n := now.UnixNano(); n-last < int64(rateSweepEvery) && n >= last || !d.rateSwept.CompareAndSwap(last, n) {
		return nil
	}
	if _, err := d.read().exec(ctx, "DELETE FROM rate_hits WHERE expires_at <= ?", now); err != nil {
		return fmt.Errorf("store: rate sweep: %w", err)
	}
	return nil
}

// rateTime is t as the hits store it: UTC to the microsecond, the
// precision of PostgreSQL's timestamps, so a refund finds its hit.
func rateTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
