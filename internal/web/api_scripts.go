package web

import (
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
)

// What a script needs beyond the records: API tokens of the logged-in
// user, and the counterpart's answer through a confirmation link.

// tokenBody names a new token.
type tokenBody struct {
	Name string `json:"name"`
}

// tokenCreated is a new token with its secret, shown this once.
type tokenCreated struct {
	*dagang.APIToken
	Token string `json:"token"`
}

// maxTokenName bounds a token's name: a label, not a text.
const maxTokenName = 100

func (s *Server) handleTokensAPI(w http.ResponseWriter, r *http.Request) error {
	u := dagang.UserFromContext(r.Context())
	ts, err := s.tokens.FindAPITokens(r.Context(), u.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page[*dagang.APIToken]{Items: ts, Total: len(ts), Limit: len(ts)})
	return nil
}

// handleTokenCreateAPI makes a token for the user who asks; its secret is
// answered once and only its hash is kept.
func (s *Server) handleTokenCreateAPI(w http.ResponseWriter, r *http.Request) error {
	var b tokenBody
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	b.Name = strings.TrimSpace(b.Name)
	if b.Name == "" || utf8.RuneCountInString(b.Name) > maxTokenName {
		return invalidField("name", "nama token wajib diisi, maks. 100 karakter", "the token name is required, at most 100 characters")
	}
	u := dagang.UserFromContext(r.Context())
	secret := auth.NewSecret("dgt_")
	t := &dagang.APIToken{UserID: u.ID, Name: b.Name, Hash: auth.HashSecret(secret)}
	if err := s.tokens.CreateAPIToken(r.Context(), t); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, tokenCreated{APIToken: t, Token: secret})
	return nil
}

// handleTokenRevokeAPI revokes one of the user's own tokens; another
// user's token is not found.
func (s *Server) handleTokenRevokeAPI(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u := dagang.UserFromContext(r.Context())
	ts, err := s.tokens.FindAPITokens(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(ts, func(t *dagang.APIToken) bool { return t.ID == id }) {
		return dagang.Errorf(dagang.ENOTFOUND, "token %d tidak ditemukan", "token %d not found", id)
	}
	if err := s.tokens.DeleteAPIToken(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// confirmation is what a confirmation link shows the counterpart: the deal
// as announced, without the office's notes.
type confirmation struct {
	DealID       int64               `json:"deal_id"`
	Direction    dagang.Direction    `json:"direction"`
	Business     string              `json:"business"`
	Organisation string              `json:"organisation"`
	Commodity    string              `json:"commodity"`
	Volume       float64             `json:"volume,omitempty"`
	Unit         string              `json:"unit,omitempty"`
	ValueIDR     int64               `json:"value_idr"`
	DealDate     dagang.Date         `json:"deal_date"`
	Confirmation dagang.Confirmation `json:"confirmation"`
}

func confirmationOf(k konfirmasiPage) confirmation {
	d := k.Deal
	return confirmation{DealID: d.ID, Direction: d.Direction, Business: k.Business, Organisation: k.Org, Commodity: k.Product,
		Volume: d.Volume, Unit: d.Unit, ValueIDR: d.ValueIDR, DealDate: d.DealDate, Confirmation: d.Confirmation}
}

// handleConfirmationAPI shows the deal of a confirmation link.
func (s *Server) handleConfirmationAPI(w http.ResponseWriter, r *http.Request) error {
	k, err := s.konfirmasiData(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, confirmationOf(k))
	return nil
}

// handleConfirmationAnswerAPI records the counterpart's answer given
// through a confirmation link (the link is used up).
func (s *Server) handleConfirmationAnswerAPI(w http.ResponseWriter, r *http.Request) error {
	var b answerBody
	if err := decodeJSON(w, r, &b); err != nil {
		return err
	}
	token := r.PathValue("token")
	k, err := s.konfirmasiData(r.Context(), token)
	if err != nil {
		return err
	}
	d, err := s.confirmations.AnswerDealByToken(r.Context(), token, b.Answer, b.Note)
	if err != nil {
		return err
	}
	k.Deal = d
	writeJSON(w, http.StatusOK, confirmationOf(k))
	return nil
}
