package web

import (
	"context"
	"testing"
	"time"
)

// The lane of anonymous posts: one place and two waiting on a machine of
// two processors. A post is admitted while the signed-in requests leave a
// processor idle, waits while they keep both busy or the place is taken,
// is refused at once when the queue is full and after its wait otherwise;
// a waiter whose client leaves stops waiting.
func TestLaneOfAnonymousPosts(t *testing.T) {
	ctx := context.Background()
	l := newLane(1, 2, 2, 0)
	got, leave := l.enter(ctx, time.Millisecond)
	if got != laneAdmitted {
		t.Fatalf("an idle server: %v, want admitted", got)
	}
	leave()

	// Two signed-in requests keep both processors busy: the post waits,
	// and gets the place as soon as one of them ends.
	done := []func(){l.staffIn(), l.staffIn()}
	type entered struct {
		got   laneRefusal
		leave func()
	}
	admitted := make(chan entered)
	go func() {
		got, leave := l.enter(ctx, 10*time.Second)
		admitted <- entered{got, leave}
	}()
	select {
	case e := <-admitted:
		t.Fatalf("with both processors busy with staff: %v, want a wait", e.got)
	case <-time.After(50 * time.Millisecond):
	}
	done[0]()
	var first entered
	select {
	case first = <-admitted:
		if first.got != laneAdmitted {
			t.Fatalf("a processor freed: %v, want admitted", first.got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a processor freed, and the post still waits")
	}

	// The place taken: two more wait (the queue), a third is refused at
	// once; the waiters time out, or stop when their client leaves.
	gone, cancel := context.WithCancel(ctx)
	results := make(chan laneRefusal, 2)
	go func() { got, _ := l.enter(ctx, 100*time.Millisecond); results <- got }()
	go func() { got, _ := l.enter(gone, 10*time.Second); results <- got }()
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
	if got, _ := l.enter(ctx, 10*time.Second); got != laneFull || time.Since(start) > time.Second {
		t.Fatalf("the queue full: %v after %v, want full at once", got, time.Since(start))
	}
	if got := <-results; got != laneTimeout {
		t.Errorf("no place within the wait: %v, want timeout", got)
	}
	cancel()
	if got := <-results; got != laneGone {
		t.Errorf("the client left: %v, want gone", got)
	}
	first.leave()
	done[1]()
	if len(l.idle) != 1 || l.waiting != 0 || l.staff != 0 {
		t.Errorf("after all: %d places idle, %d waiting, staff %d", len(l.idle), l.waiting, l.staff)
	}
}

// A place rests after each post for three times as long as the post took,
// at most maxRest: a post of 40 ms keeps the next one out for 120 ms more,
// and the next one, waiting, gets the place when the rest ends.
func TestLaneRestsAfterEachPost(t *testing.T) {
	ctx := context.Background()
	l := newLane(1, 4, 2, 3)
	got, leave := l.enter(ctx, time.Second)
	if got != laneAdmitted {
		t.Fatalf("first post: %v", got)
	}
	time.Sleep(40 * time.Millisecond)
	leave()
	left := time.Now()
	got, leave = l.enter(ctx, 5*time.Second)
	waited := time.Since(left)
	if got != laneAdmitted || waited < 110*time.Millisecond || waited > 3*time.Second {
		t.Fatalf("the next post: %v after %v, want admitted after the 120 ms rest", got, waited)
	}
	leave()

	// A slow post (here 20 ms, to rest 1000 times as long) rests the
	// place maxRest at most: the next post is admitted before its
	// deadline.
	l = newLane(1, 4, 2, 1000)
	_, leave = l.enter(ctx, time.Second)
	time.Sleep(20 * time.Millisecond)
	leave()
	left = time.Now()
	got, leave = l.enter(ctx, 5*time.Second)
	if waited := time.Since(left); got != laneAdmitted || waited < maxRest-50*time.Millisecond || waited > maxRest+2*time.Second {
		t.Fatalf("after a slow post: %v after %v, want admitted after %v", got, waited, maxRest)
	}
	leave()
}

// A waiting post is never left without a wake-up: whenever no place can be
// taken at an instant while the staff leave a processor idle, a place
// rests past that instant and rested fires when it is done. (Reading the
// clock twice, once to take and once to wait, lost the wake-up when the
// rest ended in between, and the post waited out its whole deadline.)
func TestLaneNeverSleepsPastARestedPlace(t *testing.T) {
	now := time.Now()
	for _, until := range []time.Duration{-time.Millisecond, -1, 0, 1, time.Millisecond} {
		l := newLane(1, 4, 2, 3)
		l.idle[0] = now.Add(until)
		l.mu.Lock()
		leave := l.take(now)
		rested := l.rested(now)
		l.mu.Unlock()
		if (leave == nil) == (rested == nil) {
			t.Errorf("place resting until now%+v: took %v, rested channel %v; want exactly one", until, leave != nil, rested != nil)
		}
	}
	// A post that arrives while the place rests gets it once rested.
	l := newLane(1, 4, 2, 3)
	l.idle[0] = time.Now().Add(20 * time.Millisecond)
	start := time.Now()
	got, leave := l.enter(context.Background(), 5*time.Second)
	if got != laneAdmitted {
		t.Fatalf("a post behind a resting place: %v, want admitted", got)
	}
	leave()
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("admitted after %v, want soon after the 20 ms rest", waited)
	}
}
