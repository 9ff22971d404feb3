package dagang

import "context"

// Writer holds the updates and deletions the write API offers beyond the
// services' own methods. Updates keep the record's office; each runs the
// record's Validate and the store's reference checks.
type Writer interface {
	UpdateListing(ctx context.Context, l *Listing) error
	UpdateDeclaration(ctx context.Context, d *Declaration) error
	DeleteDeclaration(ctx context.Context, id int64) error
	// UpdateAgreement changes the fields, not the stage (MoveAgreement).
	UpdateAgreement(ctx context.Context, a *Agreement) error
	UpdateTarget(ctx context.Context, t *Target) error
	DeleteTarget(ctx context.Context, id int64) error
	// DeleteEvent refuses (ECONFLICT) an event with participants or deals.
	DeleteEvent(ctx context.Context, id int64) error
	// UpdateParticipation changes role, status and note.
	UpdateParticipation(ctx context.Context, p *Participation) error
	// DeleteParticipation refuses (ECONFLICT) one with scheduled meetings.
	DeleteParticipation(ctx context.Context, id int64) error
	DeleteMeetingRequest(ctx context.Context, id int64) error
}
