package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/dagang/dagang"
)

var _ dagang.JobQueue = (*DB)(nil)

const jobCols = `id, office_id, kind, payload, state, attempts, run_after, COALESCE(idempotency_key, ''), claimed_by, claimed_at, last_error, progress, result, created_at, updated_at`

func scanJob(s scanner) (*dagang.Job, error) {
	var j dagang.Job
	var payload, progress, result string
	var claimedAt sql.NullTime
	err := s.Scan(&j.ID, &j.OfficeID, &j.Kind, &payload, &j.State, &j.Attempts, &j.RunAfter, &j.Key, &j.ClaimedBy, &claimedAt, &j.LastError, &progress, &result, &j.CreatedAt, &j.UpdatedAt)
	j.Payload = rawJSON(payload)
	j.Progress, j.Result = rawJSON(progress), rawJSON(result)
	j.ClaimedAt = claimedAt.Time
	return &j, err
}

func rawJSON(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}

// EnqueueJob stores j as queued, or finds the job stored with its kind and
// idempotency key.
func (d *DB) EnqueueJob(ctx context.Context, j *dagang.Job) error {
	if strings.TrimSpace(j.Kind) == "" {
		return dagang.Errorf(dagang.EINVALID, "jenis pekerjaan wajib diisi", "job kind is required")
	}
	now := d.now().UTC()
	err := d.inTx(ctx, func(t tx) error { return insertJob(ctx, t, j, now) })
	if dagang.ErrorCode(err) == dagang.ECONFLICT && j.Key != "" {
		// Another enqueue with the same key won the race: answer its job.
		old, ferr := scanJob(d.read().queryRow(ctx, "SELECT "+jobCols+" FROM jobs WHERE kind = ? AND idempotency_key = ?", j.Kind, j.Key))
		if ferr == nil {
			*j = *old
			return nil
		}
	}
	return err
}

// insertJob stores j inside t (the transaction of the change that causes
// it, so the job is never lost), or finds the job stored with its kind and
// idempotency key.
func insertJob(ctx context.Context, t tx, j *dagang.Job, now time.Time) error {
	if j.RunAfter.IsZero() {
		j.RunAfter = now
	}
	if len(j.Payload) == 0 {
		j.Payload = json.RawMessage("{}")
	}
	var key any
	if j.Key != "" {
		key = j.Key
		old, err := scanJob(t.queryRow(ctx, "SELECT "+jobCols+" FROM jobs WHERE kind = ? AND idempotency_key = ?", j.Kind, j.Key))
		if err == nil {
			*j = *old
			return nil
		}
		if err != sql.ErrNoRows {
			return err
		}
	}
	id, err := t.insert(ctx, "INSERT INTO jobs (office_id, kind, payload, input, state, run_after, idempotency_key, created_at, updated_at) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)",
		j.OfficeID, j.Kind, string(j.Payload), j.Input, j.RunAfter.UTC(), key, now, now)
	j.ID, j.State, j.CreatedAt, j.UpdatedAt = id, dagang.JobQueued, now, now
	return err
}

// ClaimJob claims one due job inside a write transaction: on PostgreSQL
// the candidate row is locked with FOR UPDATE SKIP LOCKED, so concurrent
// claimers pass over it; SQLite's transactions begin IMMEDIATE (the
// store's _txlock), so only one claimer writes at a time.
func (d *DB) ClaimJob(ctx context.Context, worker string, kinds []string, lease time.Duration) (*dagang.Job, error) {
	if len(kinds) == 0 {
		return nil, dagang.Errorf(dagang.ENOTFOUND, "tidak ada pekerjaan", "no job")
	}
	now := d.now().UTC()
	ph := strings.TrimSuffix(strings.Repeat("?, ", len(kinds)), ", ")
	q := "SELECT id FROM jobs WHERE kind IN (" + ph + ") AND ((state = 'queued' AND run_after <= ?) OR (state = 'running' AND claimed_at < ?)) ORDER BY run_after, id LIMIT 1"
	if d.dialect.name() == "postgres" {
		q += " FOR UPDATE SKIP LOCKED"
	}
	args := make([]any, 0, len(kinds)+2)
	for _, k := range kinds {
		args = append(args, k)
	}
	args = append(args, now, now.Add(-lease))
	var j *dagang.Job
	err := d.inTx(ctx, func(t tx) error {
		var id int64
		if err := t.queryRow(ctx, q, args...).Scan(&id); err != nil {
			return err
		}
		var err error
		j, err = scanJob(t.queryRow(ctx, "UPDATE jobs SET state = 'running', claimed_by = ?, claimed_at = ?, attempts = attempts + 1, updated_at = ? WHERE id = ? RETURNING "+jobCols,
			worker, now, now, id))
		if err != nil {
			return err
		}
		return t.queryRow(ctx, "SELECT input FROM jobs WHERE id = ?", id).Scan(&j.Input)
	})
	if err == nil {
		return j, nil
	}
	if dagang.ErrorCode(err) == dagang.ENOTFOUND {
		return nil, dagang.Errorf(dagang.ENOTFOUND, "tidak ada pekerjaan yang menunggu", "no job is due")
	}
	return nil, err
}

// TouchJob renews a claim and records progress.
func (d *DB) TouchJob(ctx context.Context, id int64, worker string, progress json.RawMessage) error {
	now := d.now().UTC()
	q, args := "UPDATE jobs SET claimed_at = ?, updated_at = ? WHERE id = ? AND claimed_by = ? AND state = 'running'", []any{now, now, id, worker}
	if progress != nil {
		q, args = "UPDATE jobs SET claimed_at = ?, updated_at = ?, progress = ? WHERE id = ? AND claimed_by = ? AND state = 'running'", []any{now, now, string(progress), id, worker}
	}
	return d.mapError(claimed(d.read().exec(ctx, q, args...)))
}

// FinishJob ends a claim.
func (d *DB) FinishJob(ctx context.Context, id int64, worker string, result json.RawMessage, errText string, retryIn time.Duration) error {
	now := d.now().UTC()
	state, input, runAfter := dagang.JobDone, "input = NULL, ", now
	switch {
	case errText != "" && retryIn >= 0:
		state, input, runAfter = dagang.JobQueued, "", now.Add(retryIn)
	case errText != "":
		state = dagang.JobFailed
	}
	return d.mapError(claimed(d.read().exec(ctx, "UPDATE jobs SET "+input+"state = ?, result = ?, last_error = ?, run_after = ?, claimed_by = '', updated_at = ? WHERE id = ? AND claimed_by = ? AND state = 'running'",
		state, string(result), errText, runAfter, now, id, worker)))
}

// claimed turns an update that found no claim into ECONFLICT: the lease
// ran out and another worker holds the job now.
func claimed(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return dagang.Errorf(dagang.ECONFLICT, "klaim pekerjaan sudah habis", "the job's claim has ended")
	}
	return nil
}

// PruneJobs deletes the jobs that ended before now - olderThan.
func (d *DB) PruneJobs(ctx context.Context, olderThan time.Duration) (int64, error) {
	res, err := d.read().exec(ctx, "DELETE FROM jobs WHERE state IN ('done', 'failed') AND updated_at < ?", d.now().UTC().Add(-olderThan))
	if err != nil {
		return 0, d.mapError(err)
	}
	n, err := res.RowsAffected()
	return n, d.mapError(err)
}

// FindJobByID returns one job (without its input).
func (d *DB) FindJobByID(ctx context.Context, id int64) (*dagang.Job, error) {
	j, err := get(ctx, d.read(), "SELECT "+jobCols+" FROM jobs WHERE id = ?", "pekerjaan", "job", id, scanJob)
	return j, d.mapError(err)
}

// fence makes transaction t fail with ECONFLICT, before it writes
// anything, when ctx works under a job claim that has ended. On
// PostgreSQL the job's row is locked for share until t ends, so no other
// worker can take the claim over while t runs (ClaimJob skips locked
// rows); SQLite's transactions are serial.
func (d *DB) fence(ctx context.Context, t *sql.Tx) error {
	id, worker, ok := dagang.ClaimFromContext(ctx)
	if !ok {
		return nil
	}
	q := "SELECT 1 FROM jobs WHERE id = ? AND claimed_by = ? AND state = 'running'"
	if d.dialect.name() == "postgres" {
		q += " FOR SHARE"
	}
	var one int
	err := t.QueryRowContext(ctx, d.dialect.rebind(q), id, worker).Scan(&one)
	if err == sql.ErrNoRows {
		return dagang.Errorf(dagang.ECONFLICT, "klaim pekerjaan sudah habis: pekerjaan ini dikerjakan server lain", "the job's claim has ended: another server does the job now")
	}
	return err
}
