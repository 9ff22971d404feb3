package web

import (
	"github.com/dagang/dagang"
)

// stageBody, answerDoc, linkBody and realisationBody are the documented
// shapes of the small request bodies.
type stageBody struct {
	Stage dagang.DealStage `json:"stage"`
	Note  string           `json:"note"`
}

type linkBody struct {
	Days int `json:"days"`
}

type linkAnswer struct {
	DealID    int64  `json:"deal_id"`
	Path      string `json:"path"`
	Token     string `json:"token"`
	ExpiresAt string `json:"expires_at"`
}

type realisationBody struct {
	dagang.Realisation
	PaidText string `json:"paid_text,omitempty"`
}
