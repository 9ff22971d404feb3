package web

import (
	"context"
	"testing"
	"time"
)

// The lane of anonymous posts: one place and two waiting on a machine of
// two processors. A post is admitted while the signed-in requests leave a
// processor idle, waits while they keep both busy or the place is taken,
// is refused at once when the queue is full and after its wait otherwise,
// and a waiter whose client leaves stops waiting.
func TestLaneOfAnonymousPosts(t *testing.T) {
	ctx := context.Background()
	l := newLane(1, 2, 2)
	if got := l.enter(ctx, time.Millisecond); got != laneAdmitted {
		t.Fatalf("an idle server: %v, want admitted", got)
	}
	l.leave()

	// Two signed-in requests keep both processors busy: the post waits,
	// and gets the place as soon as one of them ends.
	done := []func(){l.staffIn(), l.staffIn()}
	admitted := make(chan laneRefusal)
	go func() { admitted <- l.enter(ctx, 10*time.Second) }()
	select {
	case got := <-admitted:
		t.Fatalf("with both processors busy with staff: %v, want a wait", got)
	case <-time.After(50 * time.Millisecond):
	}
	done[0]()
	select {
	case got := <-admitted:
		if got != laneAdmitted {
			t.Fatalf("a processor freed: %v, want admitted", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a processor freed, and the post still waits")
	}

	// The place taken: two more wait (the queue), a third is refused at
	// once; the waiters time out, or stop when their client leaves.
	gone, leave := context.WithCancel(ctx)
	results := make(chan laneRefusal, 2)
	go func() { results <- l.enter(ctx, 100*time.Millisecond) }()
	go func() { results <- l.enter(gone, 10*time.Second) }()
	for deadline := time.Now().Add(5 * time.Second); ; {
		l.mu.Lock()
		waiting := l.waiting
		l.mu.Unlock()
		if waiting == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d waiting, want 2", waiting)
		}
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	if got := l.enter(ctx, 10*time.Second); got != laneFull || time.Since(start) > time.Second {
		t.Fatalf("the queue full: %v after %v, want full at once", got, time.Since(start))
	}
	if got := <-results; got != laneTimeout {
		t.Errorf("no place within the wait: %v, want timeout", got)
	}
	leave()
	if got := <-results; got != laneGone {
		t.Errorf("the client left: %v, want gone", got)
	}
	l.leave()
	done[1]()
	if l.busy != 0 || l.waiting != 0 || l.staff != 0 {
		t.Errorf("after all: busy %d, waiting %d, staff %d", l.busy, l.waiting, l.staff)
	}
}
