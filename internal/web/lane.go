package web

import (
	"context"
	"sync"
	"time"
)

// The office's own requests come first. Anonymous posts (login, the
// public forms, a partner's answer on a confirmation link) go through a
// lane of their own: a few are worked on at once, a bounded number wait
// for a place, and a place is only given while the signed-in requests
// under way leave a processor idle. A flood of anonymous posts therefore
// queues behind the staff instead of beside them: the staff's pages never
// wait for it, and it takes no processor the staff need. What does not fit
// is answered at once (a full queue) or after a bounded wait, 503 with
// Retry-After, without reading the form.
type lane struct {
	mu sync.Mutex
	// staff counts the signed-in requests under way; busy the anonymous
	// posts being worked on, waiting those waiting for a place.
	staff, busy, waiting int
	// slots bounds busy, queue bounds waiting; cpus is how many signed-in
	// requests keep every processor busy (no place is given from then on).
	slots, queue, cpus int
	// free is closed, and replaced, whenever a place may have freed.
	free chan struct{}
}

func newLane(slots, queue, cpus int) *lane {
	return &lane{slots: max(1, slots), queue: queue, cpus: max(1, cpus), free: make(chan struct{})}
}

// wake tells the waiters that a place may have freed (mu held).
func (l *lane) wake() {
	close(l.free)
	l.free = make(chan struct{})
}

// staffIn counts a signed-in request under way until the returned func
// is called.
func (l *lane) staffIn() func() {
	l.mu.Lock()
	l.staff++
	l.mu.Unlock()
	return func() {
		l.mu.Lock()
		l.staff--
		if l.staff < l.cpus && l.waiting > 0 {
			l.wake()
		}
		l.mu.Unlock()
	}
}

// laneRefusal says why an anonymous post got no place.
type laneRefusal int

const (
	laneAdmitted laneRefusal = iota
	// laneFull: the queue was full; refused at once.
	laneFull
	// laneTimeout: no place freed within the wait.
	laneTimeout
	// laneGone: the client left while waiting.
	laneGone
)

// enter waits up to wait for a place for an anonymous post. When it is
// admitted, leave must be called once the post is answered.
func (l *lane) enter(ctx context.Context, wait time.Duration) laneRefusal {
	l.mu.Lock()
	if l.open() {
		l.busy++
		l.mu.Unlock()
		return laneAdmitted
	}
	if l.waiting >= l.queue {
		l.mu.Unlock()
		return laneFull
	}
	l.waiting++
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		free := l.free
		l.mu.Unlock()
		select {
		case <-free:
		case <-timer.C:
			l.mu.Lock()
			l.waiting--
			l.mu.Unlock()
			return laneTimeout
		case <-ctx.Done():
			l.mu.Lock()
			l.waiting--
			l.mu.Unlock()
			return laneGone
		}
		l.mu.Lock()
		if l.open() {
			l.waiting--
			l.busy++
			l.mu.Unlock()
			return laneAdmitted
		}
	}
}

// open says whether a place is free now (mu held).
func (l *lane) open() bool { return l.busy < l.slots && l.staff < l.cpus }

// leave gives back the place of an admitted post.
func (l *lane) leave() {
	l.mu.Lock()
	l.busy--
	if l.waiting > 0 {
		l.wake()
	}
	l.mu.Unlock()
}
