package importer

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/jobs"
)

// JobKind is the kind of an import in the jobs table.
const JobKind = "import"

// JobPayload is what an import job carries besides its file (the job's
// input): the kind, the file's name, the options and the user who sent
// it, whose name the audit trail records.
type JobPayload struct {
	Kind   Kind   `json:"kind"`
	File   string `json:"file"`
	Update bool   `json:"update,omitempty"`
	Force  bool   `json:"force,omitempty"`
	UserID int64  `json:"user_id,omitempty"`
}

// JobStore is what an import job needs: the import's store and the user
// who sent the file.
type JobStore interface {
	Store
	FindUserByID(ctx context.Context, id int64) (*dagang.User, error)
}

// JobHandler runs import jobs: the file in the job's input, imported for
// the job's office, its progress recorded, its result the Result.
func JobHandler(st JobStore) jobs.Handler {
	return func(ctx context.Context, j *dagang.Job, progress func(any)) (any, error) {
		var p JobPayload
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			return nil, dagang.Errorf(dagang.EINVALID, "pekerjaan impor rusak", "the import job is damaged")
		}
		if p.UserID != 0 {
			u, err := st.FindUserByID(ctx, p.UserID)
			if err != nil {
				return nil, err
			}
			ctx = dagang.NewContextWithUser(ctx, u)
		}
		return Run(ctx, st, p.Kind, bytes.NewReader(j.Input), Options{OfficeID: j.OfficeID, Source: p.File, Update: p.Update, Force: p.Force,
			Progress: func(pr Progress) { progress(pr) }})
	}
}
