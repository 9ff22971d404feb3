package mission

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/delegation"
	"github.com/dagang/dagang/internal/locale"
)

// Call is an open call as anyone may read it: the event, what its
// destination needs, who may apply and how the delegation is chosen. It
// holds nothing private: no business, no contact.
type Call struct {
	Event       *dagang.Event
	Office      *dagang.Office
	Destination delegation.Destination
	Policy      delegation.Policy
	// Regencies of the home province: a business of one of them may apply.
	Regencies []*dagang.Regency
	// Needed are the commodities the destination needs, in the order of
	// Destination.Needs, with their catalogue ids (for the form's choice).
	Needed []NeededCommodity
	w      *world
}

// NeededCommodity is one commodity the destination needs.
type NeededCommodity struct {
	ID   int64
	Slug string
	Name string
}

// OpenCall reads what the public page of event says, from the event's
// office (ctx must act for it).
func OpenCall(ctx context.Context, st Store, e *dagang.Event) (*Call, error) {
	w, err := loadBase(ctx, st, e.OfficeID)
	if err != nil {
		return nil, err
	}
	dest, err := w.destination(ctx, st, e.HostProvince, e.Year())
	if err != nil {
		return nil, err
	}
	c := &Call{Event: e, Office: w.office, Destination: dest, Policy: PolicyFor(e), Regencies: w.regList, w: w}
	idOf := map[string]int64{}
	for id, slug := range w.slugOf {
		idOf[slug] = id
	}
	for _, n := range dest.Needs {
		c.Needed = append(c.Needed, NeededCommodity{ID: idOf[n.Commodity], Slug: n.Commodity, Name: n.Name})
	}
	sort.SliceStable(c.Needed, func(i, j int) bool { return c.Needed[i].Name < c.Needed[j].Name })
	return c, nil
}

// CommodityID returns the catalogue id of the commodity with slug.
func (c *Call) CommodityID(slug string) (int64, bool) {
	for id, s := range c.w.slugOf {
		if s == slug {
			return id, true
		}
	}
	return 0, false
}

// Catalogue lists every commodity of the catalogue by name.
func (c *Call) Catalogue() []NeededCommodity {
	var out []NeededCommodity
	for id, slug := range c.w.slugOf {
		out = append(out, NeededCommodity{ID: id, Slug: slug, Name: c.w.names[slug]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Judge applies the rules of an application (Check) to the business a
// registration describes, and says why in the applicant's words: what is
// missing, or which of its products the destination needs.
func (c *Call) Judge(r *dagang.Registration) Verdict {
	b := r.Business()
	ok, id, en := Check(b, c.Destination, c.w.slugOf)
	if !ok {
		return Verdict{Reason: id, ReasonEN: en}
	}
	need := map[string]bool{}
	for _, n := range c.Destination.Needs {
		need[n.Commodity] = true
	}
	var ids, ens []string
	for _, p := range b.Products {
		slug := c.w.slugOf[p.CommodityID]
		if !need[slug] || p.MonthlyCapacity <= 0 {
			continue
		}
		name := c.w.names[slug]
		ids = append(ids, name+" ("+locale.Volume(locale.ID, p.MonthlyCapacity, p.Unit)+" per bulan)")
		ens = append(ens, name+" ("+locale.Volume(locale.EN, p.MonthlyCapacity, p.Unit)+" a month)")
	}
	return Verdict{OK: true,
		Reason:   c.Destination.Name + " membutuhkan " + strings.Join(ids, ", "),
		ReasonEN: c.Destination.Name + " needs " + strings.Join(ens, ", ")}
}

// Registrar is what Register writes through.
type Registrar interface {
	CreateRegistration(ctx context.Context, r *dagang.Registration, on dagang.Date, verify func(id int64) (string, time.Time)) error
}

// Register records a business's self-registration and its application to
// the call's event on the office's day today, after checking its fields,
// that the event still takes applications that day and that the business
// meets the rules of the event's destination: a refusal is EINVALID
// naming the fields, or "products" with the reason it is not eligible.
func Register(ctx context.Context, st Registrar, c *Call, r *dagang.Registration, today dagang.Date, verify func(id int64) (string, time.Time)) error {
	r.OfficeID, r.EventID = c.Event.OfficeID, c.Event.ID
	if err := r.Validate(); err != nil {
		return err
	}
	v := c.Judge(r)
	if !v.OK {
		var val dagang.Validation
		val.Add("products", "tidak memenuhi syarat: "+v.Reason, "not eligible: "+v.ReasonEN)
		return val.Err()
	}
	r.Eligibility = v.Reason
	return st.CreateRegistration(ctx, r, today, verify)
}

// VerifySecret names the server secret (store.ServerSecret) that signs
// the e-mail links of registrations; VerifyTTL is how long a link stays
// valid.
const (
	VerifySecret = "registration-verify"
	VerifyTTL    = 7 * 24 * time.Hour
)

// verifySignature signs the link of registration id valid until unix.
func verifySignature(key []byte, id, until int64) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("registration:" + strconv.FormatInt(id, 10) + ":" + strconv.FormatInt(until, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// VerifyLink returns the path of the signed link that confirms the e-mail
// address of registration id (/daftar/verifikasi?r=…&until=…&sig=…), and
// when it expires.
func VerifyLink(key []byte, id int64, now time.Time) (string, time.Time) {
	until := now.Add(VerifyTTL).Truncate(time.Second)
	q := url.Values{"r": {strconv.FormatInt(id, 10)}, "until": {strconv.FormatInt(until.Unix(), 10)}, "sig": {verifySignature(key, id, until.Unix())}}
	return "/daftar/verifikasi?" + q.Encode(), until
}

// VerifiedID reads the query of a verification link: the registration's
// id, and false when the link was not signed with key or has expired.
func VerifiedID(key []byte, q url.Values, now time.Time) (int64, bool) {
	id, err1 := strconv.ParseInt(q.Get("r"), 10, 64)
	until, err2 := strconv.ParseInt(q.Get("until"), 10, 64)
	if err1 != nil || err2 != nil || id <= 0 || now.Unix() > until {
		return 0, false
	}
	return id, hmac.Equal([]byte(verifySignature(key, id, until)), []byte(q.Get("sig")))
}
