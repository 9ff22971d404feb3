package dagang

import (
	"context"
	"sync/atomic"
	"time"
)

// Idempotency lets a client send a write again without it happening
// twice: a phone that queued a deal while the venue's network was down
// sends it when the network returns, perhaps several times, and a script
// retries after a timeout. The client names the write with a key of its
// own; the first request under the key writes and its answer is stored
// with the write, in the same transaction; every later one with the same
// request gets that answer again and writes nothing. Keys belong to one
// user of one office and are kept for IdempotencyTTL.
type Idempotency struct {
	// Key is the client's name for the write (the Idempotency-Key header).
	Key string
	// Request identifies what was asked (a hash of the method, the path
	// and the body): the same key sent with another request is refused.
	Request string
	// Answer renders what the write did (the service's outcome: the
	// record it stored or changed) as the answer the client gets now and
	// at every repeat. The service calls it inside the write's
	// transaction and stores what it returns there.
	Answer func(outcome any) (Answer, error)

	taken atomic.Bool
}

// IdempotencyTTL is how long an idempotency key is remembered: a phone
// left offline over a long event still sends its queue within it.
const IdempotencyTTL = 7 * 24 * time.Hour

// Answer is the answer to a request as a repeat of it gets it again.
type Answer struct {
	Status      int
	ContentType string
	// Location is where a redirect leads ("" for none).
	Location string
	Body     []byte
}

// Replay is what a write returns instead of writing again: the request
// was made before under the same key, and Answer is what it answered.
type Replay struct{ Answer Answer }

func (r *Replay) Error() string {
	return "dagang: the request was answered before under its idempotency key"
}

// ErrIdempotencyMismatch is the error of a key sent again with another
// request than the one it named first.
func ErrIdempotencyMismatch(key string) *Error {
	return &Error{Code: ECONFLICT,
		Message:   "kunci idempotensi sudah dipakai untuk permintaan lain; buat kunci baru untuk permintaan baru",
		MessageEN: "this idempotency key was used for a different request; make a new key for a new request",
		Fields: []FieldError{{Field: "Idempotency-Key", Message: "kunci " + key + " sudah dipakai untuk permintaan lain",
			MessageEN: "key " + key + " was used for a different request"}}}
}

type idempotencyKey struct{}

// NewContextWithIdempotency returns ctx carrying the idempotency of the
// request it serves.
func NewContextWithIdempotency(ctx context.Context, i *Idempotency) context.Context {
	return context.WithValue(ctx, idempotencyKey{}, i)
}

// TakeIdempotency returns the idempotency of ctx to the write it covers:
// the first write of the request gets it, any later one nil (a request's
// key names one write).
func TakeIdempotency(ctx context.Context) *Idempotency {
	i, _ := ctx.Value(idempotencyKey{}).(*Idempotency)
	if i == nil || !i.taken.CompareAndSwap(false, true) {
		return nil
	}
	return i
}

// IdempotencyFromContext returns the idempotency of the request ctx
// serves, nil when it has none; unlike TakeIdempotency it leaves it for
// the write.
func IdempotencyFromContext(ctx context.Context) *Idempotency {
	i, _ := ctx.Value(idempotencyKey{}).(*Idempotency)
	return i
}
