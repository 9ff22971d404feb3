package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/dagang/dagang"
)

var _ dagang.RegistrationService = (*DB)(nil)

const registrationCols = `id, version, office_id, event_id, role, name, nib, regency_code, size_class, products, contact_name, email, whatsapp, lang,
	verified_by, verified_at, status, reason, business_id, decided_at, eligibility, sample, created_at`

var registrationSort = sortSpec{def: "id DESC", columns: map[string]string{"id": "id", "name": "name", "status": "status", "created_at": "created_at"}}

func scanRegistration(s scanner) (*dagang.Registration, error) {
	var r dagang.Registration
	var products string
	var verified, decided sql.NullTime
	err := s.Scan(&r.ID, &r.Version, &r.OfficeID, &r.EventID, &r.Role, &r.Name, &r.NIB, &r.RegencyCode, &r.Size, &products, &r.Person, &r.Email, &r.WhatsApp, &r.Lang,
		&r.VerifiedBy, &verified, &r.Status, &r.Reason, idOf{&r.BusinessID}, &decided, &r.Eligibility, &r.Sample, &r.CreatedAt)
	if err != nil {
		return nil, err
	}
	r.VerifiedAt, r.DecidedAt = verified.Time, decided.Time
	if err := json.Unmarshal([]byte(products), &r.Products); err != nil {
		return nil, err
	}
	return &r, nil
}

// FindRegistrationByID returns one registration with its likely
// duplicates among the office's businesses.
func (d *DB) FindRegistrationByID(ctx context.Context, id int64) (*dagang.Registration, error) {
	r, err := get(ctx, d.read(), "SELECT "+registrationCols+" FROM registrations WHERE id = ?", "pendaftaran", "registration", id, scanRegistration)
	if err == nil {
		err = duplicates(ctx, d.read(), r)
	}
	return r, d.mapError(err)
}

// FindRegistrations lists registrations, newest first by default, each
// with its likely duplicates.
func (d *DB) FindRegistrations(ctx context.Context, f dagang.RegistrationFilter) ([]*dagang.Registration, int, error) {
	var w where
	w.eq("office_id", f.OfficeID)
	w.eq("event_id", f.EventID)
	w.eq("status", string(f.Status))
	w.search(f.Query, "name", "email", "contact_name", "nib")
	rs, n, err := list(ctx, d.read(), "SELECT "+registrationCols+" FROM registrations", "SELECT COUNT(*) FROM registrations", w, registrationSort, f.ListOptions, scanRegistration)
	for _, r := range rs {
		if err == nil {
			err = duplicates(ctx, d.read(), r)
		}
	}
	return rs, n, d.mapError(err)
}

// duplicates sets r.DuplicateOf: the office's businesses with r's NIB, or
// with its name (ignoring case and surrounding spaces) in its regency.
func duplicates(ctx context.Context, t tx, r *dagang.Registration) error {
	rows, err := t.query(ctx, `SELECT id FROM businesses WHERE office_id = ? AND ((nib <> '' AND nib = ?) OR (LOWER(TRIM(name)) = ? AND regency_code = ?)) ORDER BY id`,
		r.OfficeID, r.NIB, strings.ToLower(strings.TrimSpace(r.Name)), r.RegencyCode)
	if err != nil {
		return err
	}
	defer rows.Close()
	r.DuplicateOf = nil
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		r.DuplicateOf = append(r.DuplicateOf, id)
	}
	return rows.Err()
}

// CreateRegistration stores a self-registration of an open call, sent on
// the office's day on, with the message that asks its contact to confirm
// the e-mail address.
func (d *DB) CreateRegistration(ctx context.Context, r *dagang.Registration, on dagang.Date, verify func(id int64) (string, time.Time)) error {
	if on.IsZero() {
		return errors.New("store: a registration needs the office's day it is sent on")
	}
	r.Name = strings.TrimSpace(r.Name)
	r.Email = strings.ToLower(strings.TrimSpace(r.Email))
	if r.Lang == "" {
		r.Lang = "id"
	}
	if err := r.Validate(); err != nil {
		return err
	}
	r.ID, r.Version, r.Status, r.VerifiedBy, r.VerifiedAt, r.BusinessID, r.Reason = 0, 1, dagang.RegistrationPending, "", time.Time{}, 0, ""
	r.CreatedAt = d.now().UTC()
	return d.inTx(ctx, func(t tx) error {
		e, err := scanEvent(t.queryRow(ctx, "SELECT "+eventCols+" FROM events WHERE id = ?", r.EventID))
		if err == sql.ErrNoRows || (err == nil && e.OfficeID != r.OfficeID) {
			return fieldError("event_id", "kegiatan tidak ditemukan", "event not found")
		}
		if err != nil {
			return err
		}
		if !e.AcceptsApplications(on) {
			return fieldError("event_id", "pendaftaran kegiatan ini sudah ditutup", "applications to this event are closed")
		}
		if err := businessRefs(ctx, t, r.Business()); err != nil {
			return err
		}
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM registrations WHERE event_id = ? AND email = ? AND status <> ?", r.EventID, r.Email, dagang.RegistrationRejected).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &dagang.Error{Code: dagang.ECONFLICT, Message: "Sudah terdaftar", MessageEN: "Already registered",
				Fields: []dagang.FieldError{{Field: "email", Message: "alamat e-mail ini sudah mendaftar ke kegiatan ini; buka tautan di e-mail yang kami kirim",
					MessageEN: "this e-mail address has already applied to this event; open the link in the e-mail we sent"}}}
		}
		products, err := json.Marshal(r.Products)
		if err != nil {
			return err
		}
		id, err := t.insert(ctx, `INSERT INTO registrations (office_id, event_id, role, name, nib, regency_code, size_class, products, contact_name, email, whatsapp, lang, status, eligibility, sample, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.OfficeID, r.EventID, r.Role, r.Name, r.NIB, r.RegencyCode, r.Size, string(products), r.Person, r.Email, r.WhatsApp, r.Lang, r.Status, r.Eligibility, r.Sample, r.CreatedAt)
		if err != nil {
			return err
		}
		r.ID = id
		if err := d.audit(ctx, t, r.OfficeID, "registration", id, "create", nil, r); err != nil {
			return err
		}
		path, expires := verify(id)
		return d.notify(ctx, t, &dagang.Notification{OfficeID: r.OfficeID, Kind: dagang.NotifyEmailVerify, Lang: r.Lang, ToName: r.Person, ToEmail: r.Email,
			Key:    "registration-verify:" + itoa64(id),
			Params: map[string]string{"name": r.Person, "expires": expires.Format(time.RFC3339), "path": path}})
	})
}

// lockRegistration reads a registration of the scoped office for change.
func lockRegistration(ctx context.Context, t tx, id int64) (*dagang.Registration, error) {
	return get(ctx, t, "SELECT "+registrationCols+" FROM registrations WHERE id = ?"+lockRow(t), "pendaftaran", "registration", id, scanRegistration)
}

// VerifyRegistration marks a registration's contact confirmed, by the
// link sent to its e-mail address or by staff on the phone.
func (d *DB) VerifyRegistration(ctx context.Context, id int64, by dagang.Verification) (*dagang.Registration, error) {
	if by != dagang.VerifiedByEmail && by != dagang.VerifiedByPhone {
		return nil, fieldError("verified_by", "verifikasi harus email atau phone", "verification must be email or phone")
	}
	var out *dagang.Registration
	err := d.inTx(ctx, func(t tx) error {
		r, err := lockRegistration(ctx, t, id)
		if err != nil {
			return err
		}
		out = r
		if r.VerifiedBy != "" {
			return nil
		}
		old := *r
		r.VerifiedBy, r.VerifiedAt = by, d.now().UTC()
		if _, err := t.exec(ctx, "UPDATE registrations SET verified_by = ?, verified_at = ?, version = version + 1 WHERE id = ?", r.VerifiedBy, r.VerifiedAt, id); err != nil {
			return err
		}
		r.Version++
		return d.audit(ctx, t, r.OfficeID, "registration", id, "verify", &old, r)
	})
	if err != nil {
		return nil, err
	}
	return out, duplicates(ctx, d.read(), out)
}

// DecideRegistration approves, merges or rejects a pending, verified
// registration with its application and its message, all at once.
func (d *DB) DecideRegistration(ctx context.Context, dec dagang.RegistrationDecision, passwordHash string) (*dagang.Registration, error) {
	if err := dec.Validate(); err != nil {
		return nil, err
	}
	var out *dagang.Registration
	err := d.inTx(ctx, func(t tx) error {
		var link map[string]string // the new account's link to set its password
		r, err := lockRegistration(ctx, t, dec.ID)
		if err != nil {
			return err
		}
		if dec.Version != 0 && dec.Version != r.Version {
			return dagang.Stale(r, r.Version)
		}
		if r.Status != dagang.RegistrationPending {
			// Another decision came first (two staff at once without a
			// version, or a form sent again): it stands, this one is told.
			return &dagang.Error{Code: dagang.ECONFLICT, Message: "Pendaftaran ini sudah diputuskan", MessageEN: "This registration was already decided",
				Fields: []dagang.FieldError{{Field: "action", Message: "pendaftaran ini sudah diputuskan (" + r.Status.Label() + ")",
					MessageEN: "this registration was already decided (" + r.Status.LabelEN() + ")"}}}
		}
		if r.VerifiedBy == "" && dec.Action != dagang.RegistrationReject {
			return fieldError("action", "kontak pendaftar belum terverifikasi: tunggu ia membuka tautan e-mail, atau telepon dan tandai terverifikasi",
				"the applicant's contact is not verified yet: wait for the e-mail link to be opened, or call and mark it verified")
		}
		old := *r
		r.DecidedAt = d.now().UTC()
		switch dec.Action {
		case dagang.RegistrationApprove:
			b := r.Business()
			if err := d.createBusiness(ctx, t, b); err != nil {
				return err
			}
			r.BusinessID, r.Status = b.ID, dagang.RegistrationApproved
			u, err := d.registrationAccount(ctx, t, r, passwordHash)
			if err != nil {
				return err
			}
			if u != nil {
				// The contact sets the account's password through the
				// message's link; nobody else ever knows it.
				secret, expires, err := d.passwordLink(ctx, t, u)
				if err != nil {
					return err
				}
				link = map[string]string{"path": "/kata-sandi?token=" + secret, "expires": expires.Format(time.RFC3339), "email": u.Email}
			}
		case dagang.RegistrationMerge:
			var office int64
			err := t.queryRow(ctx, "SELECT office_id FROM businesses WHERE id = ?", dec.BusinessID).Scan(&office)
			if err == sql.ErrNoRows || (err == nil && office != r.OfficeID) {
				return fieldError("business_id", "pelaku usaha "+itoa64(dec.BusinessID)+" tidak tercatat di dinas ini", "business "+itoa64(dec.BusinessID)+" is not recorded by this office")
			}
			if err != nil {
				return err
			}
			r.BusinessID, r.Status = dec.BusinessID, dagang.RegistrationMerged
		default:
			r.Status, r.Reason = dagang.RegistrationRejected, strings.TrimSpace(dec.Reason)
		}
		if r.BusinessID != 0 {
			if err := applyRegistered(ctx, t, r); err != nil {
				return err
			}
		}
		if _, err := t.exec(ctx, "UPDATE registrations SET status = ?, reason = ?, business_id = ?, decided_at = ?, version = version + 1 WHERE id = ?",
			r.Status, r.Reason, nullID(r.BusinessID), r.DecidedAt, r.ID); err != nil {
			return err
		}
		r.Version++
		if err := d.audit(ctx, t, r.OfficeID, "registration", r.ID, string(dec.Action), &old, r); err != nil {
			return err
		}
		out = r
		return d.notifyRegistration(ctx, t, r, link)
	})
	if err != nil {
		return nil, err
	}
	return out, duplicates(ctx, d.read(), out)
}

// applyRegistered records the application the registration made, unless
// the business already takes part in the event, and while the event is
// still open (a registration decided after the delegation was set keeps
// its business, without an application).
func applyRegistered(ctx context.Context, t tx, r *dagang.Registration) error {
	var status dagang.EventStatus
	if err := t.queryRow(ctx, "SELECT status FROM events WHERE id = ?", r.EventID).Scan(&status); err != nil {
		return err
	}
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM participations WHERE event_id = ? AND business_id = ?", r.EventID, r.BusinessID).Scan(&n); err != nil {
		return err
	}
	if n > 0 || status != dagang.EventOpen {
		return nil
	}
	p := &dagang.Participation{EventID: r.EventID, Role: r.Role, BusinessID: r.BusinessID, Status: dagang.ParticipationApplied,
		Note: "mendaftar sendiri lewat panggilan terbuka (pendaftaran #" + itoa64(r.ID) + ")"}
	if err := p.Validate(); err != nil {
		return err
	}
	return createParticipation(ctx, t, p)
}

// registrationAccount gives an approved business the account of its
// contact person, as staff give every business one, unless the address
// already names an account (then nil). Its password hash is of a random
// password nobody is told: the contact sets their own through the link of
// the decision's message.
func (d *DB) registrationAccount(ctx context.Context, t tx, r *dagang.Registration, passwordHash string) (*dagang.User, error) {
	var n int
	if err := t.queryRow(ctx, "SELECT COUNT(*) FROM users WHERE email = ?", r.Email).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, nil
	}
	u := &dagang.User{OfficeID: r.OfficeID, Email: r.Email, Name: r.Person, Role: dagang.UserBusiness, BusinessID: r.BusinessID, Lang: r.Lang}
	if err := d.prepareUser(u, passwordHash); err != nil {
		return nil, err
	}
	return u, d.createUser(ctx, t, u, passwordHash)
}

// notifyRegistration tells the applicant what staff decided, with the
// reason of a rejection, or the link that sets the password of the
// account an approval made (link: its path, expires and email).
func (d *DB) notifyRegistration(ctx context.Context, t tx, r *dagang.Registration, link map[string]string) error {
	var event string
	if err := t.queryRow(ctx, "SELECT name FROM events WHERE id = ?", r.EventID).Scan(&event); err != nil {
		return err
	}
	params := map[string]string{"event": event, "business": r.Name, "decision": string(r.Status), "reason": r.Reason,
		"path": "/terbuka/" + itoa64(r.EventID)}
	for k, v := range link {
		params[k] = v
	}
	return d.notify(ctx, t, &dagang.Notification{OfficeID: r.OfficeID, Kind: dagang.NotifyRegistrationDecided, Lang: r.Lang, ToName: r.Person, ToEmail: r.Email, ToWhatsApp: r.WhatsApp,
		Key: "registration-decided:" + itoa64(r.ID), Params: params})
}
