package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/jobs"
	"github.com/dagang/dagang/internal/store"
)

// clock is a time the test moves.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// eachAt runs fn on every backend with a clock the test moves; reopen
// opens the same database again, as a restarted server would.
func eachAt(t *testing.T, fn func(t *testing.T, c *clock, db *store.DB, reopen func() *store.DB)) {
	t.Helper()
	c := &clock{now: fixedNow}
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "jobs.db")
		open := func() *store.DB {
			db, err := store.Open(context.Background(), path, store.Options{Now: c.Now})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}
		fn(t, c, open(), open)
	})
	t.Run("postgres", func(t *testing.T) {
		db := openPostgresAt(t, c.Now)
		// The restart is SQLite's part: here the same pool answers.
		fn(t, c, db, func() *store.DB { return db })
	})
}

// Many workers claiming at once: every job is claimed exactly once.
func TestJobClaimedOnceUnderConcurrency(t *testing.T) {
	eachAt(t, func(t *testing.T, c *clock, db *store.DB, _ func() *store.DB) {
		ctx := context.Background()
		const n = 40
		for i := 0; i < n; i++ {
			if err := db.EnqueueJob(ctx, &dagang.Job{Kind: "uji", Payload: json.RawMessage(fmt.Sprintf(`{"i":%d}`, i))}); err != nil {
				t.Fatal(err)
			}
		}
		var mu sync.Mutex
		got := map[int64]string{}
		var wg sync.WaitGroup
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func(worker string) {
				defer wg.Done()
				for {
					j, err := db.ClaimJob(ctx, worker, []string{"uji"}, time.Hour)
					if dagang.ErrorCode(err) == dagang.ENOTFOUND {
						return
					}
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					if prev, dup := got[j.ID]; dup {
						t.Errorf("job %d claimed by %s and %s", j.ID, prev, worker)
					}
					got[j.ID] = worker
					mu.Unlock()
				}
			}(fmt.Sprint("w", w))
		}
		wg.Wait()
		if len(got) != n {
			t.Errorf("%d jobs claimed, want %d", len(got), n)
		}
	})
}

// A claim whose worker died (no renewal) is taken again after the lease;
// the dead worker can then no longer finish it.
func TestJobLeaseReclaim(t *testing.T) {
	eachAt(t, func(t *testing.T, c *clock, db *store.DB, _ func() *store.DB) {
		ctx := context.Background()
		j := &dagang.Job{Kind: "uji"}
		if err := db.EnqueueJob(ctx, j); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ClaimJob(ctx, "mati", []string{"uji"}, time.Minute); err != nil {
			t.Fatal(err)
		}
		c.add(30 * time.Second)
		if _, err := db.ClaimJob(ctx, "hidup", []string{"uji"}, time.Minute); dagang.ErrorCode(err) != dagang.ENOTFOUND {
			t.Fatalf("claimed within the lease: %v", err)
		}
		c.add(31 * time.Second)
		got, err := db.ClaimJob(ctx, "hidup", []string{"uji"}, time.Minute)
		if err != nil || got.ID != j.ID || got.Attempts != 2 || got.ClaimedBy != "hidup" {
			t.Fatalf("after the lease: %+v %v", got, err)
		}
		if err := db.FinishJob(ctx, j.ID, "mati", nil, "", -1); dagang.ErrorCode(err) != dagang.ECONFLICT {
			t.Errorf("the dead worker finished a job it lost: %v", err)
		}
		if err := db.FinishJob(ctx, j.ID, "hidup", json.RawMessage(`{"ok":true}`), "", -1); err != nil {
			t.Fatal(err)
		}
		done, _ := db.FindJobByID(ctx, j.ID)
		if done.State != dagang.JobDone || string(done.Result) != `{"ok":true}` {
			t.Errorf("finished job = %+v", done)
		}
	})
}

// A worker that outlived its lease writes nothing under its old claim:
// every transaction and every pool statement made with the claim in the
// context is fenced, while the worker that holds the claim now writes.
func TestJobClaimFencesWrites(t *testing.T) {
	eachAt(t, func(t *testing.T, c *clock, db *store.DB, _ func() *store.DB) {
		ctx := context.Background()
		j := &dagang.Job{Kind: "uji"}
		if err := db.EnqueueJob(ctx, j); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ClaimJob(ctx, "lambat", []string{"uji"}, time.Minute); err != nil {
			t.Fatal(err)
		}
		stale := dagang.NewContextWithClaim(ctx, j.ID, "lambat")
		if err := db.EnqueueJob(stale, &dagang.Job{Kind: "anak", Key: "sebelum"}); err != nil {
			t.Fatalf("a write under a live claim: %v", err)
		}
		c.add(61 * time.Second)
		if _, err := db.ClaimJob(ctx, "baru", []string{"uji"}, time.Minute); err != nil {
			t.Fatal(err)
		}
		if err := db.EnqueueJob(stale, &dagang.Job{Kind: "anak", Key: "sesudah"}); dagang.ErrorCode(err) != dagang.ECONFLICT {
			t.Errorf("a transaction under an ended claim: %v, want ECONFLICT", err)
		}
		if _, err := db.FindJobByID(stale, j.ID); dagang.ErrorCode(err) != dagang.ECONFLICT {
			t.Errorf("a pool statement under an ended claim: %v, want ECONFLICT", err)
		}
		live := dagang.NewContextWithClaim(ctx, j.ID, "baru")
		child := &dagang.Job{Kind: "anak", Key: "sesudah"}
		if err := db.EnqueueJob(live, child); err != nil {
			t.Fatalf("a write under the new claim: %v", err)
		}
		if child.ID == 0 {
			t.Error("the new claim's write stored nothing")
		}
		var n int
		for k := range 3 {
			if _, err := db.ClaimJob(ctx, "hitung", []string{"anak"}, time.Minute); err == nil {
				n++
			} else if dagang.ErrorCode(err) != dagang.ENOTFOUND {
				t.Fatal(k, err)
			}
		}
		if n != 2 {
			t.Errorf("%d child jobs stored, want 2 (before the lease ended, and by the new claim)", n)
		}
	})
}

// An enqueued job is seen by a restarted server (another pool on the same
// database) and run by its runner; an idempotency key stores it once.
func TestJobSurvivesRestart(t *testing.T) {
	eachAt(t, func(t *testing.T, c *clock, db *store.DB, reopen func() *store.DB) {
		ctx := context.Background()
		j := &dagang.Job{Kind: "uji", Key: "berkas-1", Input: []byte("isi"), Payload: json.RawMessage(`{"n":2}`)}
		if err := db.EnqueueJob(ctx, j); err != nil {
			t.Fatal(err)
		}
		again := &dagang.Job{Kind: "uji", Key: "berkas-1"}
		if err := db.EnqueueJob(ctx, again); err != nil || again.ID != j.ID {
			t.Fatalf("same key enqueued again: %+v %v", again, err)
		}
		db2 := reopen()
		var ran atomic.Int32
		r := &jobs.Runner{Queue: db2, Handlers: map[string]jobs.Handler{
			"uji": func(ctx context.Context, j *dagang.Job, progress func(any)) (any, error) {
				ran.Add(1)
				if id, _, ok := dagang.ClaimFromContext(ctx); !ok || id != j.ID {
					return nil, fmt.Errorf("the handler works outside its claim (%d, %v)", id, ok)
				}
				if string(j.Input) != "isi" {
					return nil, fmt.Errorf("input %q", j.Input)
				}
				return map[string]int{"rows": 2}, nil
			},
			"gagal": func(ctx context.Context, j *dagang.Job, progress func(any)) (any, error) {
				return nil, dagang.Errorf(dagang.EINVALID, "berkas salah", "bad file")
			},
		}}
		if ok, err := r.RunOne(ctx); !ok || err != nil {
			t.Fatalf("run: %v %v", ok, err)
		}
		got, err := db.FindJobByID(ctx, j.ID)
		if err != nil || got.State != dagang.JobDone || string(got.Result) != `{"rows":2}` || ran.Load() != 1 {
			t.Errorf("job after the run = %+v %v (ran %d)", got, err, ran.Load())
		}
		bad := &dagang.Job{Kind: "gagal"}
		if err := db.EnqueueJob(ctx, bad); err != nil {
			t.Fatal(err)
		}
		if ok, err := r.RunOne(ctx); !ok || err != nil {
			t.Fatalf("run: %v %v", ok, err)
		}
		got, _ = db.FindJobByID(ctx, bad.ID)
		var e dagang.Error
		if got.State != dagang.JobFailed || json.Unmarshal(got.Result, &e) != nil || e.Code != dagang.EINVALID {
			t.Errorf("failed job = %+v", got)
		}
		if ok, _ := r.RunOne(ctx); ok {
			t.Error("a job ran twice")
		}
	})
}

// Stop waits for the job in hand; the runner started with the server
// picks up what is enqueued.
func TestRunnerStartStop(t *testing.T) {
	db := openSQLite(t)
	ctx := context.Background()
	started := make(chan struct{})
	r := &jobs.Runner{Queue: db, Poll: 10 * time.Millisecond, Handlers: map[string]jobs.Handler{
		"lama": func(ctx context.Context, j *dagang.Job, progress func(any)) (any, error) {
			close(started)
			<-ctx.Done()
			return nil, ctx.Err()
		},
	}}
	r.Start(ctx)
	if err := db.EnqueueJob(ctx, &dagang.Job{Kind: "lama"}); err != nil {
		t.Fatal(err)
	}
	r.Wake()
	select {
	case <-started:
	case <-time.After(10 * time.Second):
		t.Fatal("the runner did not take the job")
	}
	stopped := make(chan struct{})
	go func() { r.Stop(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("Stop did not return")
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		t.Fatal("the caller's context was cancelled")
	}
	// The job cut short is queued again at once, for the next runner.
	next := &jobs.Runner{Queue: db, Handlers: map[string]jobs.Handler{
		"lama": func(ctx context.Context, j *dagang.Job, progress func(any)) (any, error) { return "selesai", nil },
	}}
	if ok, err := next.RunOne(ctx); !ok || err != nil {
		t.Fatalf("the stopped job was not given back: %v %v", ok, err)
	}
}

// A job failing on something else than its input is retried after a
// pause, MaxAttempts times in all, then fails for good.
func TestJobRetries(t *testing.T) {
	eachAt(t, func(t *testing.T, c *clock, db *store.DB, _ func() *store.DB) {
		ctx := context.Background()
		j := &dagang.Job{Kind: "rapuh"}
		if err := db.EnqueueJob(ctx, j); err != nil {
			t.Fatal(err)
		}
		r := &jobs.Runner{Queue: db, MaxAttempts: 2, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Handlers: map[string]jobs.Handler{
			"rapuh": func(ctx context.Context, j *dagang.Job, progress func(any)) (any, error) {
				return nil, errors.New("disk penuh")
			},
		}}
		if ok, _ := r.RunOne(ctx); !ok {
			t.Fatal("no first run")
		}
		if ok, _ := r.RunOne(ctx); ok {
			t.Fatal("retried without a pause")
		}
		c.add(time.Minute)
		if ok, _ := r.RunOne(ctx); !ok {
			t.Fatal("no retry after the pause")
		}
		got, _ := db.FindJobByID(ctx, j.ID)
		if got.State != dagang.JobFailed || got.Attempts != 2 || got.LastError != "disk penuh" {
			t.Errorf("after the last attempt: %+v", got)
		}
	})
}

// Jobs that ended are deleted once past the runner's retention; queued
// and running jobs stay however old they are, and so does a job that
// ended within the retention.
func TestJobsPruned(t *testing.T) {
	eachAt(t, func(t *testing.T, c *clock, db *store.DB, _ func() *store.DB) {
		ctx := context.Background()
		enqueue := func(kind string) *dagang.Job {
			j := &dagang.Job{Kind: kind}
			if err := db.EnqueueJob(ctx, j); err != nil {
				t.Fatal(err)
			}
			return j
		}
		end := func(j *dagang.Job, errText string) {
			if _, err := db.ClaimJob(ctx, "w", []string{j.Kind}, time.Hour); err != nil {
				t.Fatal(err)
			}
			if err := db.FinishJob(ctx, j.ID, "w", json.RawMessage(`{}`), errText, -1); err != nil {
				t.Fatal(err)
			}
		}
		oldDone, oldFailed := enqueue("lama-selesai"), enqueue("lama-gagal")
		end(oldDone, "")
		end(oldFailed, "berkas rusak")
		oldQueued := enqueue("lama-antre")
		oldRunning := enqueue("lama-jalan")
		if _, err := db.ClaimJob(ctx, "w", []string{"lama-jalan"}, 1000*time.Hour); err != nil {
			t.Fatal(err)
		}
		c.add(31 * 24 * time.Hour)
		recent := enqueue("baru")
		end(recent, "")
		c.add(time.Hour)

		r := &jobs.Runner{Queue: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Retention: 30 * 24 * time.Hour}
		r.Prune(ctx)
		for _, j := range []*dagang.Job{oldDone, oldFailed} {
			if _, err := db.FindJobByID(ctx, j.ID); dagang.ErrorCode(err) != dagang.ENOTFOUND {
				t.Errorf("job %s, ended 31 days ago: %v, want pruned", j.Kind, err)
			}
		}
		for _, j := range []*dagang.Job{oldQueued, oldRunning, recent} {
			if _, err := db.FindJobByID(ctx, j.ID); err != nil {
				t.Errorf("job %s: %v, want kept", j.Kind, err)
			}
		}
		if n, err := db.PruneJobs(ctx, 30*24*time.Hour); err != nil || n != 0 {
			t.Errorf("second prune: %d, %v; want 0", n, err)
		}
	})
}
