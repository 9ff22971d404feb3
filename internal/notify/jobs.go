package notify

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/jobs"
)

// Reminders is what the reminder jobs need of the store.
type Reminders interface {
	dagang.JobQueue
	ResendConfirmation(ctx context.Context, dealID, tokenID int64, round int) error
	RemindFollowUps(ctx context.Context, officeID int64, months []int, today dagang.Date) (int, error)
}

// ConfirmResendHandler runs dagang.JobConfirmResend.
func ConfirmResendHandler(st Reminders) jobs.Handler {
	return func(ctx context.Context, j *dagang.Job, _ func(any)) (any, error) {
		var p struct {
			DealID  int64 `json:"deal_id"`
			TokenID int64 `json:"token_id"`
			Round   int   `json:"round"`
		}
		if err := json.Unmarshal(j.Payload, &p); err != nil || p.DealID == 0 {
			return nil, dagang.Errorf(dagang.EINVALID, "pekerjaan kirim ulang tanpa deal_id", "re-send job without deal_id")
		}
		return p, st.ResendConfirmation(ctx, p.DealID, p.TokenID, p.Round)
	}
}

// FollowUpHandler runs dagang.JobFollowUps: the follow-ups due around the
// office's day today are reminded, and the next run is queued for the
// next midnight of the wall clock now.
func FollowUpHandler(st Reminders, months []int, now func() time.Time, today func() dagang.Date) jobs.Handler {
	return func(ctx context.Context, j *dagang.Job, _ func(any)) (any, error) {
		n, err := st.RemindFollowUps(ctx, j.OfficeID, months, today())
		if err != nil {
			return nil, err
		}
		next := now().UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
		if err := ScheduleFollowUps(ctx, st, j.OfficeID, next); err != nil {
			return nil, err
		}
		return map[string]int{"reminded": n}, nil
	}
}

// ScheduleFollowUps queues the follow-up reminders of an office's day at
// (once: the key is the office and the date).
func ScheduleFollowUps(ctx context.Context, q dagang.JobQueue, officeID int64, at time.Time) error {
	return q.EnqueueJob(ctx, &dagang.Job{OfficeID: officeID, Kind: dagang.JobFollowUps, RunAfter: at,
		Key: "followup.remind:" + strconv.FormatInt(officeID, 10) + ":" + at.UTC().Format(time.DateOnly)})
}
