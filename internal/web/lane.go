package web

import (
	"context"
	"sync"
	"time"
)

// The office's own requests come first. Anonymous posts (login, the
// public forms, a partner's answer on a confirmation link) go through a
// lane of their own:
//
//   - a few places, each serving one post at a time; a place rests after
//     each post for restFactor times as long as the post took (at most
//     maxRest), so the lane's posts hold a place at most 1/(1+restFactor)
//     of the time however hard it is flooded, and less when the machine
//     is slow;
//   - a place is only given while the signed-in requests under way leave
//     a processor idle;
//   - a bounded number of posts wait for a place, up to a deadline.
//
// A flood of anonymous posts therefore queues behind the staff instead of
// beside them: the staff's pages never wait for it, and it takes little of
// the processors they use. What does not fit is answered at once (a full
// queue) or after the wait, 503 with Retry-After, without reading the
// form.
type lane struct {
	mu sync.Mutex
	// staff counts the signed-in requests under way; waiting the posts
	// waiting for a place.
	staff, waiting int
	// idle holds the places not serving a post, each with the time it has
	// rested until.
	idle []time.Time
	// queue bounds waiting; cpus is how many signed-in requests keep every
	// processor busy (no place is given from then on).
	queue, cpus int
	// restFactor is how long a place rests after a post, in multiples of
	// the time the post took.
	restFactor float64
	// free is closed, and replaced, whenever a place may have freed.
	free chan struct{}
}

func newLane(slots, queue, cpus int, restFactor float64) *lane {
	l := &lane{queue: queue, cpus: max(1, cpus), restFactor: restFactor, free: make(chan struct{})}
	for range max(1, slots) {
		l.idle = append(l.idle, time.Time{})
	}
	return l
}

// maxRest bounds a place's rest: a post slowed by a stall of the machine
// does not keep the next one waiting past its deadline.
const maxRest = time.Second

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

// laneRefusal says whether an anonymous post got a place, and why not.
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
// admitted, the returned leave must be called once the post is answered.
func (l *lane) enter(ctx context.Context, wait time.Duration) (laneRefusal, func()) {
	l.mu.Lock()
	now := time.Now()
	if leave := l.take(now); leave != nil {
		l.mu.Unlock()
		return laneAdmitted, leave
	}
	if l.waiting >= l.queue {
		l.mu.Unlock()
		return laneFull, nil
	}
	l.waiting++
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		// take failed at this same instant, so either the staff keep
		// the processors busy (their leaving wakes us) or a place rests
		// past now and rested fires when it is done: no wake-up is lost
		// to a place that finished resting between two readings of the
		// clock.
		free, rested := l.free, l.rested(now)
		l.mu.Unlock()
		select {
		case <-free:
		case <-rested:
		case <-timer.C:
			l.mu.Lock()
			l.waiting--
			l.mu.Unlock()
			return laneTimeout, nil
		case <-ctx.Done():
			l.mu.Lock()
			l.waiting--
			l.mu.Unlock()
			return laneGone, nil
		}
		l.mu.Lock()
		now = time.Now()
		if leave := l.take(now); leave != nil {
			l.waiting--
			l.mu.Unlock()
			return laneAdmitted, leave
		}
	}
}

// take takes a rested place when the staff leave a processor idle (mu
// held), and returns the func that gives it back; nil when none is free.
func (l *lane) take(now time.Time) func() {
	if l.staff >= l.cpus {
		return nil
	}
	for i, rested := range l.idle {
		if rested.After(now) {
			continue
		}
		l.idle = append(l.idle[:i], l.idle[i+1:]...)
		return func() { l.leave(now) }
	}
	return nil
}

// rested fires when the first resting place has rested (mu held); nil
// when none rests or the staff keep the processors busy (their leaving
// wakes the waiters).
func (l *lane) rested(now time.Time) <-chan time.Time {
	if len(l.idle) == 0 || l.staff >= l.cpus {
		return nil
	}
	first := l.idle[0]
	for _, t := range l.idle[1:] {
		if t.Before(first) {
			first = t
		}
	}
	if wait := first.Sub(now); wait > 0 {
		return time.After(wait)
	}
	return nil
}

// leave gives back a place taken at start, to rest after the post.
func (l *lane) leave(start time.Time) {
	now := time.Now()
	rest := min(time.Duration(float64(now.Sub(start))*l.restFactor), maxRest)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.idle = append(l.idle, now.Add(rest))
	if l.waiting > 0 {
		l.wake()
	}
}
