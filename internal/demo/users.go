package demo

import (
	"context"
	"fmt"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
	"github.com/dagang/dagang/internal/store"
)

// Credential is a demo account and its password.
type Credential struct {
	Role     dagang.UserRole
	Email    string
	Name     string
	Password string
}

// DemoBusiness and DemoCounterpart are the story's keys of the business and
// the partner organisation the demo business and counterpart accounts are
// linked to: CV Kemiri Banua and PT Rempah Nusantara Surabaya, who signed a
// contract at the 2016 East Java business meeting.
const (
	DemoBusiness    = "a1"
	DemoCounterpart = "jatim1"
)

// Users are the demo accounts, one per role. Their passwords are public
// (printed by `dagang demo`, written in the README): they exist only in
// demo databases and must never be used on real data.
var Users = []Credential{
	{dagang.UserAdmin, "admin@demo.dagang.test", "Admin Demo", "demo-admin-2019"},
	{dagang.UserStaff, "staf@demo.dagang.test", "Staf Kerja Sama (demo)", "demo-staf-2019"},
	{dagang.UserLeadership, "kadis@demo.dagang.test", "Kepala Dinas (demo)", "demo-kadis-2019"},
	{dagang.UserBusiness, "usaha@demo.dagang.test", "Pemilik CV Kemiri Banua (demo)", "demo-usaha-2019"},
	{dagang.UserCounterpart, "mitra@demo.dagang.test", "PT Rempah Nusantara Surabaya (demo)", "demo-mitra-2019"},
	{dagang.UserNational, "nasional@demo.dagang.test", "Pemantau Nasional (demo)", "demo-nasional-2019"},
}

// CreateUsers creates the demo accounts of Users in the story's office.
func CreateUsers(ctx context.Context, db *store.DB, s *Story) ([]*dagang.User, error) {
	var out []*dagang.User
	for _, c := range Users {
		hash, err := auth.HashPassword(c.Password, auth.DefaultParams)
		if err != nil {
			return nil, err
		}
		u := &dagang.User{OfficeID: s.Office.ID, Email: c.Email, Name: c.Name, Role: c.Role, Lang: "id"}
		switch c.Role {
		case dagang.UserBusiness:
			u.BusinessID = s.Businesses[DemoBusiness].ID
		case dagang.UserCounterpart:
			u.OrganisationID = s.Orgs[DemoCounterpart].ID
		}
		if err := db.CreateUser(ctx, u, hash); err != nil {
			return nil, fmt.Errorf("demo user %s: %w", c.Email, err)
		}
		out = append(out, u)
	}
	return out, nil
}
