package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
)

// The write API: POST creates (201 with the record), PATCH changes the
// fields present in the body (200 with the record), DELETE removes (204).
// Bodies are JSON (decodeJSON); ids and offices come from the path and the
// server, never from the body. PATCH and DELETE honour If-Match (version.go).

// createAPI serves POST: decode a T, let prepare fill in what the server
// decides (the office, the event of the path), then create it.
func createAPI[T any](prepare func(r *http.Request, v *T) error, create func(context.Context, *T) error) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		v := new(T)
		if err := decodeJSON(w, r, v); err != nil {
			return err
		}
		if err := prepare(r, v); err != nil {
			return err
		}
		if err := create(r.Context(), v); err != nil {
			return err
		}
		writeJSON(w, http.StatusCreated, v)
		return nil
	}
}

// updateAPI serves PATCH: check the record of the path is the office's
// (ENOTFOUND otherwise), decode the body, let fix restore what the body
// may not change, then update the fields the body names, from the version
// of If-Match, and answer with the record as stored.
func updateAPI[T any](load func(context.Context, int64) (*T, error), fix func(r *http.Request, old T, v *T) error, update func(context.Context, *T, dagang.Change) error) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		version, err := ifMatch(r)
		if err != nil {
			return err
		}
		old, err := load(r.Context(), id)
		if err != nil {
			return err
		}
		v := new(T)
		fields, err := decodePatch(w, r, v)
		if err != nil {
			return err
		}
		if err := fix(r, *old, v); err != nil {
			return err
		}
		if err := update(r.Context(), v, dagang.Change{Fields: fields, Version: version}); err != nil {
			return err
		}
		if v, err = load(r.Context(), id); err != nil {
			return err
		}
		writeRecord(w, http.StatusOK, v)
		return nil
	}
}

// deleteAPI serves DELETE: check the record is the office's, then delete
// it at the version of If-Match.
func deleteAPI[T any](load func(context.Context, int64) (T, error), del func(ctx context.Context, id, version int64) error) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		version, err := ifMatch(r)
		if err != nil {
			return err
		}
		if _, err := load(r.Context(), id); err != nil {
			return err
		}
		if err := del(r.Context(), id, version); err != nil {
			return withCurrent(r.Context(), err, load, id)
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
}

// inOffice sets the record's office to the acting user's.
func inOffice[T any](office func(*T) *int64) func(*http.Request, *T) error {
	return func(r *http.Request, v *T) error {
		*office(v) = officeOf(r.Context())
		return nil
	}
}

// keep restores the id and office of a record after the body was decoded
// over it.
func keep[T any](fields func(*T) (id, office *int64)) func(*http.Request, T, *T) error {
	return func(_ *http.Request, old T, v *T) error {
		oldID, oldOffice := fields(&old)
		id, office := fields(v)
		*id, *office = *oldID, *oldOffice
		return nil
	}
}

// participationOfOffice finds a participation of an event of the office.
func (s *Server) participationOfOffice(ctx context.Context, id int64) (*dagang.Participation, error) {
	p, err := s.participations.FindParticipationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.eventOfOffice(ctx, p.EventID); err != nil {
		return nil, dagang.Errorf(dagang.ENOTFOUND, "peserta %d tidak ditemukan", "participation %d not found", id)
	}
	return p, nil
}

// meetingRequestOfOffice finds a meeting request of an event of the office.
func (s *Server) meetingRequestOfOffice(ctx context.Context, id int64) (*dagang.MeetingRequest, error) {
	m, err := s.requests.FindMeetingRequestByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.eventOfOffice(ctx, m.EventID); err != nil {
		return nil, dagang.Errorf(dagang.ENOTFOUND, "permintaan pertemuan %d tidak ditemukan", "meeting request %d not found", id)
	}
	return m, nil
}

// prepareParticipation puts a new participation in the event of the path.
// Staff register participants here; businesses apply through
// /api/v1/events/{id}/applications, which checks their eligibility.
func (s *Server) prepareParticipation(r *http.Request, p *dagang.Participation) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return err
	}
	p.ID, p.EventID = 0, id
	return nil
}

// prepareMeetingRequest puts a new request in the event of the path.
func (s *Server) prepareMeetingRequest(r *http.Request, m *dagang.MeetingRequest) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := s.eventOfOffice(r.Context(), id); err != nil {
		return err
	}
	m.ID, m.EventID = 0, id
	return nil
}

// stageChange is the body of POST /api/v1/agreements/{id}/stage.
type stageChange struct {
	Stage dagang.AgreementStage `json:"stage"`
	On    dagang.Date           `json:"on"`
	Note  string                `json:"note"`
}

// moveAgreement moves an agreement as POST /api/v1/agreements/{id}/stage
// asks, dated today when the body names no date.
func (s *Server) moveAgreement(ctx context.Context, id, version int64, c stageChange) (*dagang.Agreement, error) {
	if c.On.IsZero() {
		c.On = s.today()
	}
	return s.agreements.MoveAgreement(ctx, id, version, c.Stage, c.On, strings.TrimSpace(c.Note))
}

// meetingRequestStatus is the body of PATCH /api/v1/meeting-requests/{id}:
// approved (accept) or declined, with an optional reply to the requester.
type meetingRequestStatus struct {
	Status dagang.RequestStatus `json:"status"`
	Reply  string               `json:"reply,omitempty"`
}

// answerMeetingRequest answers a meeting request as PATCH
// /api/v1/meeting-requests/{id} asks.
func (s *Server) answerMeetingRequest(ctx context.Context, id, version int64, b meetingRequestStatus) (*dagang.MeetingRequest, error) {
	return s.requests.AnswerMeetingRequest(ctx, id, version, b.Status, b.Reply)
}

// versionedAction is a change of the JSON API on the path's record at the
// version of If-Match: find reads the record as the request's office may
// (another office's answers 404), the body is decoded into B, and act's
// record is the answer.
func versionedAction[T, B, R any](find func(context.Context, int64) (T, error), act func(ctx context.Context, id, version int64, b B) (R, error)) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		version, err := ifMatch(r)
		if err != nil {
			return err
		}
		if _, err := find(r.Context(), id); err != nil {
			return err
		}
		var b B
		if err := decodeJSON(w, r, &b); err != nil {
			return err
		}
		v, err := act(r.Context(), id, version, b)
		if err != nil {
			return err
		}
		writeRecord(w, http.StatusOK, v)
		return nil
	}
}

// userBody is a user account as the API receives it: the record plus an
// optional password (required at creation).
type userBody struct {
	dagang.User
	Password string `json:"password,omitempty"`
}

func checkPassword(p string) error {
	if len([]rune(p)) < auth.MinPasswordLen {
		return invalidField("password", "kata sandi minimal 8 karakter", "password must have at least 8 characters")
	}
	if len(p) > 1000 {
		return invalidField("password", "kata sandi terlalu panjang", "password is too long")
	}
	return nil
}

func (s *Server) handleUserCreate(w http.ResponseWriter, r *http.Request) error {
	var b userBody
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	if err := checkPassword(b.Password); err != nil {
		return err
	}
	hash, err := auth.HashPassword(b.Password, auth.DefaultParams)
	if err != nil {
		return err
	}
	u := b.User
	u.ID, u.OfficeID = 0, officeOf(r.Context())
	if err := s.users.CreateUser(r.Context(), &u, hash); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, &u)
	return nil
}

func (s *Server) handleUserUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	old, err := s.userOfOffice(r.Context(), id)
	if err != nil {
		return err
	}
	var b userBody
	fields, err := decodePatch(w, r, &b)
	if err != nil {
		return err
	}
	fields = slices.DeleteFunc(fields, func(f string) bool { return f == "password" })
	u := b.User
	u.ID, u.OfficeID = old.ID, old.OfficeID
	if me := dagang.UserFromContext(r.Context()); me != nil && me.ID == id && slices.Contains(fields, "role") && u.Role != old.Role {
		return invalidField("role", "admin tidak dapat mengubah perannya sendiri", "an admin cannot change their own role")
	}
	if b.Password != "" {
		if err := checkPassword(b.Password); err != nil {
			return err
		}
	}
	if err := s.users.UpdateUser(r.Context(), &u, dagang.Change{Fields: fields, Version: version}); err != nil {
		return err
	}
	if b.Password != "" {
		hash, err := auth.HashPassword(b.Password, auth.DefaultParams)
		if err != nil {
			return err
		}
		if err := s.users.SetPassword(r.Context(), id, hash); err != nil {
			return err
		}
	}
	writeRecord(w, http.StatusOK, &u)
	return nil
}

func (s *Server) handleUserDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	if _, err := s.userOfOffice(r.Context(), id); err != nil {
		return err
	}
	if me := dagang.UserFromContext(r.Context()); me != nil && me.ID == id {
		return dagang.Errorf(dagang.ECONFLICT, "admin tidak dapat menghapus akunnya sendiri", "an admin cannot delete their own account")
	}
	if err := s.users.DeleteUser(r.Context(), id, version); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) userOfOffice(ctx context.Context, id int64) (*dagang.User, error) {
	return officeRecord(s.users.FindUserByID, func(u *dagang.User) int64 { return u.OfficeID })(ctx, id)
}
