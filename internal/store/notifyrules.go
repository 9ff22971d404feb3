package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/dagang/dagang"
)

// Who a notification goes to, and when the services send one: each rule
// runs in the transaction of the change that causes it (notify).

// recipient is one person a notification can reach.
type recipient struct {
	name, email, whatsapp, lang string
}

// partyRecipients are the people of a business or an organisation: its
// user accounts (each in its own language), or, without any, its contact
// (in Indonesian). A party nobody can reach gives none.
func partyRecipients(ctx context.Context, t tx, businessID, organisationID int64) ([]recipient, string, error) {
	table, col, id := "businesses", "business_id", businessID
	if businessID == 0 {
		table, col, id = "organisations", "organisation_id", organisationID
	}
	var party, person, email, wa string
	err := t.queryRow(ctx, "SELECT name, contact_name, email, whatsapp FROM "+table+" WHERE id = ?", id).Scan(&party, &person, &email, &wa)
	if err != nil {
		return nil, "", err
	}
	rows, err := t.query(ctx, "SELECT name, email, whatsapp, lang FROM users WHERE "+col+" = ? ORDER BY id", id)
	if err != nil {
		return nil, "", err
	}
	var rs []recipient
	for rows.Next() {
		var r recipient
		if err := rows.Scan(&r.name, &r.email, &r.whatsapp, &r.lang); err != nil {
			rows.Close()
			return nil, "", err
		}
		if r.whatsapp == "" {
			r.whatsapp = wa
		}
		rs = append(rs, r)
	}
	if err := closeRows(rows); err != nil {
		return nil, "", err
	}
	if len(rs) == 0 && (email != "" || wa != "") {
		if person == "" {
			person = party
		}
		rs = append(rs, recipient{name: person, email: email, whatsapp: wa, lang: "id"})
	}
	return rs, party, nil
}

// staffRecipients are the office's staff and admins.
func staffRecipients(ctx context.Context, t tx, officeID int64) ([]recipient, error) {
	rows, err := t.query(ctx, "SELECT name, email, whatsapp, lang FROM users WHERE office_id = ? AND role IN ('staff', 'admin') ORDER BY id", officeID)
	if err != nil {
		return nil, err
	}
	var rs []recipient
	for rows.Next() {
		var r recipient
		if err := rows.Scan(&r.name, &r.email, &r.whatsapp, &r.lang); err != nil {
			rows.Close()
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, closeRows(rows)
}

// notifyAll queues one notification per recipient; key, when set, is
// made unique per recipient.
func (d *DB) notifyAll(ctx context.Context, t tx, rs []recipient, officeID int64, kind dagang.NotificationKind, key string, params map[string]string) error {
	for i, r := range rs {
		lang := r.lang
		if lang != "en" {
			lang = "id"
		}
		n := &dagang.Notification{OfficeID: officeID, Kind: kind, Lang: lang, ToName: r.name, ToEmail: r.email, ToWhatsApp: r.whatsapp, Params: params}
		if key != "" {
			n.Key = key + ":" + strconv.Itoa(i)
		}
		if err := d.notify(ctx, t, n); err != nil {
			return err
		}
	}
	return nil
}

// participant names a participation's party and finds its people.
func participant(ctx context.Context, t tx, participationID int64) ([]recipient, string, error) {
	var b, o int64
	if err := t.queryRow(ctx, "SELECT COALESCE(business_id, 0), COALESCE(organisation_id, 0) FROM participations WHERE id = ?", participationID).Scan(&b, &o); err != nil {
		return nil, "", err
	}
	return partyRecipients(ctx, t, b, o)
}

// eventName returns an event's name and office.
func eventName(ctx context.Context, t tx, eventID int64) (string, int64, error) {
	var name string
	var office int64
	err := t.queryRow(ctx, "SELECT name, office_id FROM events WHERE id = ?", eventID).Scan(&name, &office)
	return name, office, err
}

// notifyApplication tells a business that its application was decided.
func (d *DB) notifyApplication(ctx context.Context, t tx, old, p *dagang.Participation) error {
	if p.BusinessID == 0 || p.Status == old.Status || (p.Status != dagang.ParticipationSelected && p.Status != dagang.ParticipationRejected) {
		return nil
	}
	rs, party, err := participant(ctx, t, p.ID)
	if err != nil {
		return err
	}
	event, office, err := eventName(ctx, t, p.EventID)
	if err != nil {
		return err
	}
	return d.notifyAll(ctx, t, rs, office, dagang.NotifyApplicationDecided, "", map[string]string{
		"event": event, "business": party, "decision": string(p.Status), "path": "/events/" + itoa64(p.EventID)})
}

// notifyRequest tells a participant that another one asks to meet it.
func (d *DB) notifyRequest(ctx context.Context, t tx, r *dagang.MeetingRequest) error {
	rs, _, err := participant(ctx, t, r.ToID)
	if err != nil {
		return err
	}
	_, from, err := participant(ctx, t, r.FromID)
	if err != nil {
		return err
	}
	event, office, err := eventName(ctx, t, r.EventID)
	if err != nil {
		return err
	}
	return d.notifyAll(ctx, t, rs, office, dagang.NotifyMeetingRequested, "", map[string]string{
		"event": event, "from": from, "note": r.Note, "path": "/events/" + itoa64(r.EventID)})
}

// notifyAnswer tells the participant who asked for a meeting the answer.
func (d *DB) notifyAnswer(ctx context.Context, t tx, old, r *dagang.MeetingRequest) error {
	if r.Status == old.Status || r.Status == dagang.RequestPending {
		return nil
	}
	rs, _, err := participant(ctx, t, r.FromID)
	if err != nil {
		return err
	}
	_, with, err := participant(ctx, t, r.ToID)
	if err != nil {
		return err
	}
	event, office, err := eventName(ctx, t, r.EventID)
	if err != nil {
		return err
	}
	return d.notifyAll(ctx, t, rs, office, dagang.NotifyMeetingAnswered, "", map[string]string{
		"event": event, "with": with, "answer": string(r.Status), "path": "/events/" + itoa64(r.EventID)})
}

// Confirmation requests: a deal recorded with a counterpart is sent to it
// with a single-use link valid for ConfirmLinkTTL; while it stays pending
// the link is sent again, up to ConfirmResends times, and then staff are
// told.
const (
	ConfirmLinkTTL = 7 * 24 * time.Hour
	ConfirmResends = 3
)

// askConfirmation sends round (0 for the first) of a deal's confirmation
// request, with a new link, and schedules the next round for when the
// link expires. A sample deal, or a counterpart nobody can reach, is not
// asked.
func (d *DB) askConfirmation(ctx context.Context, t tx, x *dagang.Deal, round int) error {
	if x.Sample || x.Confirmation != dagang.ConfirmationPending {
		return nil
	}
	rs, counterpart, err := partyRecipients(ctx, t, 0, x.CounterpartID)
	if err != nil || len(rs) == 0 {
		return err
	}
	business, commodity := "", ""
	if x.BusinessID != 0 {
		if err := t.queryRow(ctx, "SELECT name FROM businesses WHERE id = ?", x.BusinessID).Scan(&business); err != nil {
			return err
		}
	}
	if x.CommodityID != 0 {
		if err := t.queryRow(ctx, "SELECT name FROM commodities WHERE id = ?", x.CommodityID).Scan(&commodity); err != nil {
			return err
		}
	}
	now := d.now().UTC()
	token, tokenID, err := d.confirmToken(ctx, t, x, ConfirmLinkTTL)
	if err != nil {
		return err
	}
	expires, err := d.localTime(ctx, t, x.OfficeID, now.Add(ConfirmLinkTTL))
	if err != nil {
		return err
	}
	key := fmt.Sprintf("deal-confirm:%d:%d", x.ID, tokenID)
	if err := d.notifyAll(ctx, t, rs, x.OfficeID, dagang.NotifyDealConfirm, key, map[string]string{
		"business": business, "counterpart": counterpart, "commodity": commodity, "value_idr": strconv.FormatInt(x.ValueIDR, 10),
		"expires": expires.Format(time.RFC3339), "round": strconv.Itoa(round), "path": "/konfirmasi?token=" + token}); err != nil {
		return err
	}
	payload, _ := json.Marshal(map[string]int64{"deal_id": x.ID, "token_id": tokenID, "round": int64(round + 1)})
	return insertJob(ctx, t, &dagang.Job{OfficeID: x.OfficeID, Kind: dagang.JobConfirmResend, Payload: payload, RunAfter: now.Add(ConfirmLinkTTL), Key: key}, now)
}

// confirmToken stores a new single-use token for a deal (only its hash
// is kept) and returns it with its row's id.
func (d *DB) confirmToken(ctx context.Context, t tx, x *dagang.Deal, ttl time.Duration) (string, int64, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", 0, err
	}
	token := base64.RawURLEncoding.EncodeToString(b[:])
	now := d.now().UTC()
	id, err := t.insert(ctx, "INSERT INTO deal_confirm_tokens (deal_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?)", x.ID, hashToken(token), now.Add(ttl), now)
	if err != nil {
		return "", 0, err
	}
	return token, id, d.audit(ctx, t, x.OfficeID, "deal", x.ID, "confirm_link", nil, map[string]any{"expires_at": now.Add(ttl)})
}

// ResendConfirmation runs round of a confirmation request whose link
// (tokenID) has expired: while the deal is still pending and no newer
// link was made for it (an edit that sent it back, staff's own link), a
// new link goes out, or after ConfirmResends re-sends staff are told.
func (d *DB) ResendConfirmation(ctx context.Context, dealID, tokenID int64, round int) error {
	return d.inTx(ctx, func(t tx) error {
		x, _, err := lockDeal(ctx, t, dealID)
		if dagang.ErrorCode(err) == dagang.ENOTFOUND {
			return nil
		}
		if err != nil {
			return err
		}
		var latest int64
		if err := t.queryRow(ctx, "SELECT COALESCE(MAX(id), 0) FROM deal_confirm_tokens WHERE deal_id = ?", dealID).Scan(&latest); err != nil {
			return err
		}
		if latest != tokenID || x.Confirmation != dagang.ConfirmationPending {
			return nil
		}
		if round <= ConfirmResends {
			return d.askConfirmation(ctx, t, x, round)
		}
		rs, err := staffRecipients(ctx, t, x.OfficeID)
		if err != nil {
			return err
		}
		var business, counterpart string
		if err := t.queryRow(ctx, "SELECT COALESCE(b.name, ''), o.name FROM deals x LEFT JOIN businesses b ON b.id = x.business_id JOIN organisations o ON o.id = x.counterpart_id WHERE x.id = ?", x.ID).Scan(&business, &counterpart); err != nil {
			return err
		}
		return d.notifyAll(ctx, t, rs, x.OfficeID, dagang.NotifyDealUnconfirmed, fmt.Sprintf("deal-unconfirmed:%d:%d", x.ID, tokenID), map[string]string{
			"deal_id": itoa64(x.ID), "business": business, "counterpart": counterpart, "rounds": strconv.Itoa(ConfirmResends), "path": "/deals/" + itoa64(x.ID)})
	})
}

// localTime is t in the zone of the office's home province.
func (d *DB) localTime(ctx context.Context, t tx, officeID int64, at time.Time) (time.Time, error) {
	var home string
	err := t.queryRow(ctx, "SELECT home_province FROM offices WHERE id = ?", officeID).Scan(&home)
	if err != nil {
		return at, err
	}
	return at.In(dagang.ProvinceZone(home)), nil
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// FollowUpNotice is how many days before a follow-up falls due its
// business is reminded; FollowUpLookBack how long after, an overdue one
// still is (older ones are staff's to chase).
const (
	FollowUpNotice   = 7
	FollowUpLookBack = 30
)

// RemindFollowUps tells the businesses whose follow-up reports fall due
// within FollowUpNotice days of the office's day today (or fell due within
// FollowUpLookBack) that they are due, once per deal and month; sample
// deals are left out. It returns how many follow-ups were reminded.
func (d *DB) RemindFollowUps(ctx context.Context, officeID int64, months []int, today dagang.Date) (int, error) {
	fus, err := d.FindFollowUps(ctx, dagang.FollowUpFilter{OfficeID: officeID, Months: months, Today: today,
		DueBefore: dagang.DateOf(today.Time().AddDate(0, 0, FollowUpNotice))})
	if err != nil {
		return 0, err
	}
	from := dagang.DateOf(today.Time().AddDate(0, 0, -FollowUpLookBack))
	n := 0
	err = d.inTx(ctx, func(t tx) error {
		for _, fu := range fus {
			if fu.Due.Before(from) {
				continue
			}
			var business int64
			var sample bool
			if err := t.queryRow(ctx, "SELECT COALESCE(business_id, 0), sample FROM deals WHERE id = ?", fu.DealID).Scan(&business, &sample); err != nil {
				return err
			}
			if sample || business == 0 {
				continue
			}
			rs, _, err := partyRecipients(ctx, t, business, 0)
			if err != nil {
				return err
			}
			n++
			if err := d.notifyAll(ctx, t, rs, officeID, dagang.NotifyFollowUpDue, fmt.Sprintf("followup:%d:%d", fu.DealID, fu.Months), map[string]string{
				"deal_id": itoa64(fu.DealID), "business": fu.BusinessName, "counterpart": fu.CounterpartName, "months": strconv.Itoa(fu.Months),
				"due": fu.Due.String(), "path": "/deals/" + itoa64(fu.DealID)}); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}
