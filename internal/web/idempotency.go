package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/dagang/dagang"
)

// The Idempotency-Key header: the writes of the event day (a deal, a
// check-in, a meeting's outcome), from the API and from the pages, may be
// sent again under the key they were first sent with, and are then done
// once. The event-day pages send every write with a key, so what a phone
// queued while the venue's network was down is stored once however often
// it is sent (static/offline.js). The store keeps the key and the answer
// with the write (dagang.Idempotency); here the request is named and a
// stored answer is sent again.

const (
	idempotencyHeader = "Idempotency-Key"
	// replayedHeader marks an answer sent again from a stored one.
	replayedHeader = "Idempotent-Replayed"
	// maxIdempotencyKey bounds a key: a UUID has 36 characters.
	maxIdempotencyKey = 200
)

// idempotent lets the write of h be sent again under an Idempotency-Key:
// the request is named by a hash of its method, path, media type and
// body, and a repeat gets the stored answer (with Idempotent-Replayed:
// true) instead of a second write. Without the header h runs as it is.
func idempotent(h handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		key := r.Header.Get(idempotencyHeader)
		if key == "" {
			return h(w, r)
		}
		if err := checkIdempotencyKey(key); err != nil {
			return err
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			return errBodyTooLarge()
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		sum := sha256.New()
		fmt.Fprintf(sum, "%s %s\n%s\n", r.Method, r.URL.RequestURI(), mt)
		sum.Write(body)
		idem := &dagang.Idempotency{Key: key, Request: hex.EncodeToString(sum.Sum(nil))}
		err = h(w, r.WithContext(dagang.NewContextWithIdempotency(r.Context(), idem)))
		var rp *dagang.Replay
		if !errors.As(err, &rp) {
			return err
		}
		writeAnswer(w, rp.Answer, true)
		return nil
	}
}

// checkIdempotencyKey refuses a key longer than maxIdempotencyKey or with
// anything but visible ASCII.
func checkIdempotencyKey(key string) error {
	ok := len(key) <= maxIdempotencyKey
	for i := 0; ok && i < len(key); i++ {
		ok = key[i] > ' ' && key[i] < 0x7f
	}
	if !ok {
		return invalidField(idempotencyHeader, fmt.Sprintf("kunci idempotensi harus 1–%d karakter ASCII tanpa spasi", maxIdempotencyKey),
			fmt.Sprintf("the idempotency key must be 1–%d ASCII characters without spaces", maxIdempotencyKey))
	}
	return nil
}

// answerWith says how the write of an idempotent request answers: render
// turns the service's outcome (of type T) into the answer that is stored
// with the write. A request without a key needs none.
func answerWith[T any](r *http.Request, render func(T) (dagang.Answer, error)) {
	idem := dagang.IdempotencyFromContext(r.Context())
	if idem == nil {
		return
	}
	idem.Answer = func(outcome any) (dagang.Answer, error) {
		v, ok := outcome.(T)
		if !ok {
			return dagang.Answer{}, fmt.Errorf("web: outcome %T of an idempotent write, want %T", outcome, v)
		}
		return render(v)
	}
}

// jsonAnswer is the answer of status with the JSON of v, byte for byte as
// writeJSON sends it.
func jsonAnswer(status int, v any) (dagang.Answer, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return dagang.Answer{}, err
	}
	return dagang.Answer{Status: status, ContentType: jsonType, Body: append(b, '\n')}, nil
}

// redirectAnswer is the answer of a form: see the page at location.
func redirectAnswer(location string) (dagang.Answer, error) {
	return dagang.Answer{Status: http.StatusSeeOther, Location: location}, nil
}

// writeAnswer sends a; replayed says it was stored before.
func writeAnswer(w http.ResponseWriter, a dagang.Answer, replayed bool) {
	if replayed {
		w.Header().Set(replayedHeader, "true")
	}
	if a.ContentType != "" {
		w.Header().Set("Content-Type", a.ContentType)
	}
	if a.Location != "" {
		w.Header().Set("Location", a.Location)
	}
	w.WriteHeader(a.Status)
	w.Write(a.Body)
}

// documentIdempotency adds the Idempotency-Key header to an operation's
// parameters, and what a repeat answers to its responses.
func documentIdempotency(params []any, ok map[string]any, responses map[string]any) []any {
	headers, _ := ok["headers"].(map[string]any)
	if headers == nil {
		headers = map[string]any{}
		ok["headers"] = headers
	}
	headers[replayedHeader] = map[string]any{"description": "true bila jawaban ini jawaban pertama yang dikirim lagi untuk Idempotency-Key yang sama",
		"schema": map[string]any{"type": "string", "enum": []string{"true"}}}
	responses["409"].(map[string]any)["description"] = "Bentrok dengan data lain, atau Idempotency-Key sudah dipakai untuk permintaan lain"
	return append(params, map[string]any{"name": idempotencyHeader, "in": "header", "required": false,
		"schema": map[string]any{"type": "string", "maxLength": maxIdempotencyKey},
		"description": fmt.Sprintf("Kunci buatan klien (mis. UUID, 1–%d karakter ASCII) untuk mengirim ulang penulisan ini dengan aman: "+
			"permintaan yang sama dengan kunci yang sama dicatat sekali dan menjawab jawaban pertama (header %s: true) selama %d hari; "+
			"kunci yang sama dengan isi lain ditolak (409). Kunci berlaku per pengguna.", maxIdempotencyKey, replayedHeader, int(dagang.IdempotencyTTL.Hours()/24))})
}
