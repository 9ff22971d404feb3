package demo

import (
	"fmt"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/mission"
)

// ApplyBy2019 is the last day of applications of the 2019 mission's open
// call (sample: a month before the mission).
var ApplyBy2019 = dagang.MustDate("2019-06-10")

// StoryDay is the office's day the demo re-enacts (sample): a week before
// the 2019 mission's call closes, while businesses still apply. The demo
// server decides its business on it (web.Config.Today): the mission is
// open on /terbuka and a visitor can apply. Sessions, cookies and the
// links of e-mails keep the real clock.
var StoryDay = dagang.MustDate("2019-06-03")

// selfRegistrations are businesses that found the 2019 mission on
// /terbuka and registered themselves (all sample data): one confirmed its
// e-mail address, one waits for staff to call it, and one is a business
// the office already knows (UD Telur Tanah Laut), registered again by
// its owner: the queue flags it as a duplicate.
var selfRegistrations = []struct {
	name, regency, commodity string
	size                     dagang.SizeClass
	capacity                 float64
	unit, person, email, wa  string
	verified                 dagang.Verification
}{
	{"UD Telur Puyuh Barito Kuala (contoh)", "63.04", "telur", dagang.SizeMicro, 3, "ton", "Ibu Mariana (contoh)", "mariana@contoh.dagang.test", "081251001001", dagang.VerifiedByEmail},
	{"CV Beras Hulu Sungai Selatan (contoh)", "63.06", "beras", dagang.SizeSmall, 40, "ton", "Bapak Fahmi (contoh)", "fahmi@contoh.dagang.test", "081251001002", ""},
	{"UD Telur Tanah Laut", "63.01", "telur", dagang.SizeMicro, 45, "ton", "Bapak Rusdi (contoh)", "rusdi@contoh.dagang.test", "081251001003", dagang.VerifiedByPhone},
}

// openCall sets the call's deadline and registers the sample businesses
// through it on the story's day, as /daftar does (eligibility, the e-mail
// to confirm).
func (l *loader) openCall() error {
	e := l.s.Mission2019
	e.ApplyBy = ApplyBy2019
	if err := l.db.UpdateEvent(l.ctx, e, dagang.Change{Fields: []string{"apply_by"}}); err != nil {
		return err
	}
	call, err := mission.OpenCall(l.ctx, l.db, e)
	if err != nil {
		return fmt.Errorf("open call: %w", err)
	}
	key, err := l.db.ServerSecret(l.ctx, mission.VerifySecret)
	if err != nil {
		return err
	}
	for _, x := range selfRegistrations {
		r := &dagang.Registration{Role: dagang.RoleMatching, Name: x.name, RegencyCode: x.regency, Size: x.size,
			Products: []dagang.Product{{CommodityID: l.s.Commodities[x.commodity].ID, MonthlyCapacity: x.capacity, Unit: x.unit}},
			Contact:  dagang.Contact{Person: x.person, Email: x.email, WhatsApp: x.wa}, Lang: "id", Sample: true}
		// The link's expiry is the wall clock's, like every signed link.
		link := func(id int64) (string, time.Time) { return mission.VerifyLink(key, id, time.Now()) }
		if err := mission.Register(l.ctx, l.db, call, r, StoryDay, link); err != nil {
			return fmt.Errorf("self-registration %s: %w", x.name, err)
		}
		if x.verified != "" {
			if r, err = l.db.VerifyRegistration(l.ctx, r.ID, x.verified); err != nil {
				return err
			}
		}
		l.s.Registrations = append(l.s.Registrations, r)
	}
	return nil
}
