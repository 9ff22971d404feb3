package dagang

import (
	"context"
	"encoding/json"
	"time"
)

// JobState is where a job is in its life.
type JobState string

// Job states: queued (waiting for run_after), running (claimed by a
// worker until its lease ends), done, failed (for good).
const (
	JobQueued  JobState = "queued"
	JobRunning JobState = "running"
	JobDone    JobState = "done"
	JobFailed  JobState = "failed"
)

// Job is work that happens later: an import, a notification, a reminder.
// It lives in the database, so a restart or another server instance sees
// it; a worker claims it for a lease, and a job whose worker died is
// claimed again once the lease is over.
type Job struct {
	ID       int64           `json:"id"`
	OfficeID int64           `json:"office_id"`
	Kind     string          `json:"kind"`
	Payload  json.RawMessage `json:"payload"`
	// Input is data too large for the payload (an uploaded file); it is
	// dropped once the job has ended.
	Input     []byte          `json:"-"`
	State     JobState        `json:"state"`
	Attempts  int             `json:"attempts"`
	RunAfter  time.Time       `json:"run_after"`
	Key       string          `json:"idempotency_key,omitempty"`
	ClaimedBy string          `json:"claimed_by,omitempty"`
	ClaimedAt time.Time       `json:"claimed_at,omitzero"`
	LastError string          `json:"last_error,omitempty"`
	Progress  json.RawMessage `json:"progress,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	CreatedAt time.Time       `json:"created_at"`
	UpdatedAt time.Time       `json:"updated_at"`
}

// JobQueue keeps the jobs table.
type JobQueue interface {
	// EnqueueJob stores j as queued. A job of the same kind and
	// idempotency key (when set) is not stored twice: j becomes the job
	// already stored.
	EnqueueJob(ctx context.Context, j *Job) error
	// ClaimJob hands one due job of the kinds to worker, or ENOTFOUND:
	// a queued job whose run_after has come, or a running job whose
	// claim is older than lease (its worker is taken for dead). Two
	// workers never get the same claim.
	ClaimJob(ctx context.Context, worker string, kinds []string, lease time.Duration) (*Job, error)
	// TouchJob renews worker's claim (and records progress when not
	// nil); ECONFLICT when the claim was lost.
	TouchJob(ctx context.Context, id int64, worker string, progress json.RawMessage) error
	// FinishJob ends worker's claim: done with result, or, with errText,
	// failed for good (retryIn < 0) or queued again after retryIn (by the
	// store's clock).
	FinishJob(ctx context.Context, id int64, worker string, result json.RawMessage, errText string, retryIn time.Duration) error
	FindJobByID(ctx context.Context, id int64) (*Job, error)
	// PruneJobs deletes the jobs that ended (done or failed) longer than
	// olderThan ago by the store's clock, and says how many it deleted.
	// Queued and running jobs are never pruned.
	PruneJobs(ctx context.Context, olderThan time.Duration) (int64, error)
}

type claimKey struct{}

type jobClaim struct {
	id     int64
	worker string
}

// NewContextWithClaim returns ctx doing job id under worker's claim. The
// store fences every statement made with it: once the claim has ended (the
// lease ran out and another worker holds the job), the statement fails
// with ECONFLICT and writes nothing, so a worker that stalled past its
// lease cannot finish a job a second time.
func NewContextWithClaim(ctx context.Context, id int64, worker string) context.Context {
	return context.WithValue(ctx, claimKey{}, jobClaim{id: id, worker: worker})
}

// ClaimFromContext returns the job claim ctx works under, if any.
func ClaimFromContext(ctx context.Context) (id int64, worker string, ok bool) {
	c, ok := ctx.Value(claimKey{}).(jobClaim)
	return c.id, c.worker, ok
}
