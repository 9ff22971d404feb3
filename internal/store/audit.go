package store

import (
	"context"
	"encoding/json"

	"github.com/dagang/dagang"
)

var _ dagang.AuditService = (*DB)(nil)

// audit appends an audit entry in the same transaction as the change, so a
// change and its record stand or fall together. old and new are encoded as
// JSON; nil leaves the side empty.
func (d *DB) audit(ctx context.Context, t tx, officeID int64, entity string, id int64, action string, old, new any) error {
	enc := func(v any) (string, error) {
		if v == nil {
			return "", nil
		}
		b, err := json.Marshal(v)
		return string(b), err
	}
	o, err := enc(old)
	if err != nil {
		return err
	}
	n, err := enc(new)
	if err != nil {
		return err
	}
	actor, uid := "sistem", int64(0)
	if u := dagang.UserFromContext(ctx); u != nil {
		actor, uid = u.Name+" <"+u.Email+">", u.ID
	}
	aid, err := t.insert(ctx, "INSERT INTO audit_entries (office_id, at, user_id, actor, entity, entity_id, action, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		officeID, d.now().UTC(), nullID(uid), actor, entity, id, action, o, n)
	if err != nil {
		return err
	}
	return d.reindex(ctx, t, "audit_entries", aid)
}

const auditCols = `id, office_id, at, user_id, actor, entity, entity_id, action, old_value, new_value`

var auditSort = sortSpec{def: "id DESC", columns: map[string]string{"at": "at", "entity": "entity", "id": "id"}}

func scanAudit(s scanner) (*dagang.AuditEntry, error) {
	var a dagang.AuditEntry
	err := s.Scan(&a.ID, &a.OfficeID, &a.At, idOf{&a.UserID}, &a.Actor, &a.Entity, &a.EntityID, &a.Action, &a.Old, &a.New)
	return &a, err
}

// FindAuditEntries lists the audit trail, newest first.
func (d *DB) FindAuditEntries(ctx context.Context, f dagang.AuditFilter) ([]*dagang.AuditEntry, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("entity", f.Entity)
	w.eq("entity_id", f.EntityID)
	w.match("audit_entries", f.Query)
	as, n, err := list(ctx, d.read(), "SELECT "+auditCols+" FROM audit_entries", "SELECT COUNT(*) FROM audit_entries", w, auditSort, f.ListOptions, scanAudit)
	return as, n, d.mapError(err)
}
