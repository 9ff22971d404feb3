// Package jobs runs the work that happens later: a Runner, owned by the
// server, claims due jobs of the kinds it has handlers for from the one
// jobs table (dagang.JobQueue), renews its claim while a handler works,
// and records the result. Any number of runners, in any number of server
// instances, may share the table: a claim is given once, and a job whose
// worker died is claimed again after the lease.
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dagang/dagang"
)

// Handler does one job. progress records how far it is (and renews the
// claim). A *dagang.Error is the job's own fault (a bad file): the job
// fails for good with it as its result. Any other error is retried after
// a pause, up to MaxAttempts.
type Handler func(ctx context.Context, j *dagang.Job, progress func(v any)) (result any, err error)

// Runner claims and runs jobs.
type Runner struct {
	Queue    dagang.JobQueue
	Handlers map[string]Handler
	Log      *slog.Logger
	// Worker names this runner in claimed_by (default: host, pid and a
	// random suffix).
	Worker string
	// Lease is how long a claim lasts without renewal (default 2m); the
	// runner renews it every Lease/3 while a handler works.
	Lease time.Duration
	// Poll is the pause when no job is due (default 1s).
	Poll time.Duration
	// MaxAttempts bounds the runs of a job that keeps failing on
	// something else than its own input (default 3).
	MaxAttempts int
	// Retention is how long a job that ended (done or failed) is kept,
	// so its result can still be read, before the runner deletes it
	// (default 30 days). A job's idempotency key is forgotten with it.
	Retention time.Duration
	// PruneEvery is how often the runner deletes the jobs past their
	// retention (default 1h; the first time at Start).
	PruneEvery time.Duration
	// Retries sets, per kind, how often and after what pause a failing
	// job runs again (MaxAttempts and a growing pause otherwise).
	Retries map[string]Retry

	cancel context.CancelFunc
	done   chan struct{}
	wake   chan struct{}
	// beat is when the runner last showed it works (unix nanoseconds):
	// each turn of its loop, each renewal of a claim.
	beat atomic.Int64
}

// Retry is the retry policy of one kind of job.
type Retry struct {
	// MaxAttempts bounds the runs of a failing job.
	MaxAttempts int
	// Backoff is the pause after the attempt-th failed run (1 for the
	// first).
	Backoff func(attempt int) time.Duration
}

// WorkerName is a worker name for a runner of instance: the instance and
// a random suffix, so that a restarted instance of the same name never
// holds the claims of the process it replaces.
func WorkerName(instance string) string {
	var b [4]byte
	rand.Read(b[:])
	return instance + ":" + hex.EncodeToString(b[:])
}

// Start runs the runner until Stop (or ctx ends).
func (r *Runner) Start(ctx context.Context) {
	r.defaults()
	ctx, r.cancel = context.WithCancel(ctx)
	r.done, r.wake = make(chan struct{}), make(chan struct{}, 1)
	r.beat.Store(time.Now().UnixNano())
	go r.loop(ctx)
}

// Ready says whether the runner works: started, not stopped, and its loop
// or the claim it renews turned within the last 30 s (plus three polls).
// An instance whose runner is stuck is not ready (/readyz), so an operator
// or a load balancer sees it.
func (r *Runner) Ready() error {
	if r.done == nil {
		return errors.New("jobs: runner not started")
	}
	select {
	case <-r.done:
		return errors.New("jobs: runner stopped")
	default:
	}
	if since := time.Since(time.Unix(0, r.beat.Load())); since > 30*time.Second+3*r.Poll {
		return fmt.Errorf("jobs: runner silent for %s", since.Round(time.Second))
	}
	return nil
}

func (r *Runner) defaults() {
	if r.Worker == "" {
		host, _ := os.Hostname()
		r.Worker = WorkerName(host + ":" + itoa(os.Getpid()))
	}
	if r.Lease <= 0 {
		r.Lease = 2 * time.Minute
	}
	if r.Poll <= 0 {
		r.Poll = time.Second
	}
	if r.MaxAttempts <= 0 {
		r.MaxAttempts = 3
	}
	if r.Retention <= 0 {
		r.Retention = 30 * 24 * time.Hour
	}
	if r.PruneEvery <= 0 {
		r.PruneEvery = time.Hour
	}
	if r.Log == nil {
		r.Log = slog.Default()
	}
}

// Stop ends the runner and waits for the job in hand: its handler's
// context is cancelled, and the unfinished job is queued again at once.
func (r *Runner) Stop() {
	if r.cancel == nil {
		return
	}
	r.cancel()
	<-r.done
}

// Wake makes the runner look for a job now (after an enqueue).
func (r *Runner) Wake() {
	if r.wake == nil {
		return
	}
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (r *Runner) kinds() []string {
	ks := make([]string, 0, len(r.Handlers))
	for k := range r.Handlers {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func (r *Runner) loop(ctx context.Context) {
	defer close(r.done)
	kinds := r.kinds()
	var pruned time.Time
	for ctx.Err() == nil {
		r.beat.Store(time.Now().UnixNano())
		if time.Since(pruned) >= r.PruneEvery {
			r.Prune(ctx)
			pruned = time.Now()
		}
		j, err := r.Queue.ClaimJob(ctx, r.Worker, kinds, r.Lease)
		if err == nil {
			r.run(ctx, j)
			continue
		}
		if dagang.ErrorCode(err) != dagang.ENOTFOUND && ctx.Err() == nil {
			r.Log.Error("jobs: claim", "err", err)
		}
		select {
		case <-ctx.Done():
		case <-r.wake:
		case <-time.After(r.Poll):
		}
	}
}

// Prune deletes the jobs that ended more than Retention ago. Start does
// it every PruneEvery; any number of runners may prune at once.
func (r *Runner) Prune(ctx context.Context) {
	r.defaults()
	n, err := r.Queue.PruneJobs(ctx, r.Retention)
	switch {
	case err != nil && ctx.Err() == nil:
		r.Log.Error("jobs: prune", "err", err)
	case n > 0:
		r.Log.Info("jobs: pruned", "jobs", n, "retention", r.Retention.String())
	}
}

// RunOne claims and runs one due job; it reports whether there was one.
// Tests and one-shot commands use it instead of Start.
func (r *Runner) RunOne(ctx context.Context) (bool, error) {
	r.defaults()
	j, err := r.Queue.ClaimJob(ctx, r.Worker, r.kinds(), r.Lease)
	if dagang.ErrorCode(err) == dagang.ENOTFOUND {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	r.run(ctx, j)
	return true, nil
}

func (r *Runner) run(ctx context.Context, j *dagang.Job) {
	hctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The handler acts for the job's office (row-level security holds it
	// there on PostgreSQL) and under its claim, which the store checks
	// before every write: a handler that outlived its lease writes nothing.
	hctx = dagang.NewContextWithClaim(hctx, j.ID, r.Worker)
	if j.OfficeID != 0 {
		hctx = dagang.NewContextWithOffice(hctx, j.OfficeID)
	}
	var mu sync.Mutex
	var last json.RawMessage
	progress := func(v any) {
		b, err := json.Marshal(v)
		if err != nil {
			return
		}
		mu.Lock()
		last = b
		mu.Unlock()
	}
	// Renew the claim (with the latest progress) while the handler works.
	stop := make(chan struct{})
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		t := time.NewTicker(min(r.Lease/3, time.Second))
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				r.beat.Store(time.Now().UnixNano())
				mu.Lock()
				p := last
				last = nil
				mu.Unlock()
				if err := r.Queue.TouchJob(ctx, j.ID, r.Worker, p); dagang.ErrorCode(err) == dagang.ECONFLICT {
					r.Log.Error("jobs: claim lost", "job", j.ID, "kind", j.Kind)
					cancel()
					return
				}
			}
		}
	}()
	res, err := r.Handlers[j.Kind](hctx, j, progress)
	close(stop)
	<-renewed
	// Finishing must not be cut short by a shutdown that starts now.
	fctx := context.WithoutCancel(ctx)
	if ctx.Err() != nil {
		// Shutting down: give the job back at once, so the next runner
		// (a restarted server, another instance) need not wait for the
		// lease. A handler's work is all-or-nothing, so it starts over.
		r.finish(fctx, j, nil, "server berhenti sebelum pekerjaan selesai (server stopped before the job ended)", 0)
		return
	}
	var de *dagang.Error
	switch {
	case err == nil:
		b, merr := json.Marshal(res)
		if merr != nil {
			err = merr
			break
		}
		r.finish(fctx, j, b, "", -1)
		return
	case errors.As(err, &de) && de.Code != dagang.EINTERNAL:
		b, _ := json.Marshal(de)
		r.finish(fctx, j, b, de.Message, -1)
		return
	}
	r.Log.Error("jobs: run", "job", j.ID, "kind", j.Kind, "attempt", j.Attempts, "err", err)
	retry, max := time.Duration(j.Attempts*j.Attempts)*10*time.Second, r.MaxAttempts
	if p, ok := r.Retries[j.Kind]; ok {
		retry, max = p.Backoff(j.Attempts), p.MaxAttempts
	}
	if j.Attempts >= max {
		retry = -1
	}
	r.finish(fctx, j, nil, err.Error(), retry)
}

func (r *Runner) finish(ctx context.Context, j *dagang.Job, result json.RawMessage, errText string, retry time.Duration) {
	if err := r.Queue.FinishJob(ctx, j.ID, r.Worker, result, errText, retry); err != nil {
		r.Log.Error("jobs: finish", "job", j.ID, "err", err)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
