package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/pgtest"
	"github.com/dagang/dagang/internal/store"
)

// `dagang demo --national` tells the story from three offices on one
// database: every office with its accounts, each sale recorded once by the
// office that made it, the flows of the article in the national view.
func TestNationalDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the demo with three offices: not in -short")
	}
	for _, backend := range []string{"postgres", "sqlite"} {
		t.Run(backend, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "nasional.db")
			if backend == "postgres" {
				dsn = pgtest.Database(t)
			}
			ctx := context.Background()
			out, err := runCmd(t, ctx, nil, "demo", "--national", "--no-serve", "--db", dsn)
			if err != nil {
				t.Fatalf("demo --national: %v\n%s", err, out)
			}
			for _, c := range demo.NationalUsers {
				if !strings.Contains(out, c.Email) || !strings.Contains(out, c.Password) {
					t.Errorf("the printout lacks the account %s", c.Email)
				}
			}
			if !strings.Contains(out, "nasional@demo.dagang.test") || !strings.Contains(out, "/nasional") {
				t.Errorf("the printout does not say how to open the national view:\n%s", out)
			}
			db, err := store.Open(ctx, dsn, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			offices, err := db.FindOffices(ctx)
			if err != nil || len(offices) != 3 {
				t.Fatalf("offices: %d, %v; want Kalsel, Kaltim and Jatim", len(offices), err)
			}
			for _, c := range demo.NationalUsers {
				u, _, err := db.FindCredentials(ctx, c.Email)
				if err != nil || u.Role != c.Role {
					t.Errorf("account %s: %+v %v", c.Email, u, err)
				}
			}
			v, err := db.National(dagang.NewContextForDeployment(ctx, "national demo test"), 2019)
			if err != nil {
				t.Fatal(err)
			}
			if v.Offices != 3 || !v.SampleData {
				t.Errorf("national view: %d offices, sample data %v; want 3 and marked contoh", v.Offices, v.SampleData)
			}
			flows, confirmed := map[string]int64{}, map[string]int64{}
			for _, f := range v.Flows {
				flows[f.From+">"+f.To] += f.ValueIDR
				confirmed[f.From+">"+f.To] += f.ConfirmedIDR
			}
			for _, pair := range []string{"63>64", "64>63", "35>63"} {
				if flows[pair] == 0 {
					t.Errorf("no flow %s in 2019: %v", pair, flows)
				}
			}
			// Kaltim's office confirmed Kalsel's rice, chicken and eggs;
			// Kalsel's office one of the two corn sales; Jatim's sale
			// waits for Kalsel's review.
			if confirmed["63>64"] < 5_510_000_000 || confirmed["64>63"] != 2_700_000_000 || confirmed["35>63"] != 0 {
				t.Errorf("confirmed by both sides: %v of %v", confirmed, flows)
			}
			// Kalsel's agreements with Kaltim and Jatim are each one record
			// both offices keep; the one with Kaltim is signed by both.
			var both, signed int
			for _, a := range v.Agreements {
				both += a.BothSides
				signed += a.SignedByBoth
				if a.Stage == dagang.AgreementSigned && a.SignedByBoth != 1 {
					t.Errorf("signed agreements: %+v, want the Kalsel–Kaltim one signed by both", a)
				}
			}
			if both != 2 || signed != 1 {
				t.Errorf("%d agreements both provinces record, %d signed by both; want 2 (Kalsel–Kaltim, Kalsel–Jatim) and 1: %+v", both, signed, v.Agreements)
			}
			var kaltim *dagang.Office
			for _, o := range offices {
				if o.HomeProvince == "64" {
					kaltim = o
				}
			}
			as, _, err := db.FindAgreements(ctx, dagang.AgreementFilter{OfficeID: kaltim.ID})
			if err != nil || len(as) != 1 {
				t.Fatalf("Kaltim's agreements: %d, %v; want Kalsel's, shared", len(as), err)
			}
			a, err := db.FindAgreementByID(ctx, as[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			// Each step names its office: Kalsel recorded it, Kaltim opened
			// the talks and its signature, the second, made it signed.
			steps := map[dagang.AgreementStage]string{}
			for _, h := range a.History {
				steps[h.ToStage] = h.Office
			}
			want := map[dagang.AgreementStage]string{dagang.AgreementPotential: a.Office, dagang.AgreementExploring: kaltim.Name, dagang.AgreementSigned: kaltim.Name}
			if a.Other(kaltim.ID) != "63" || a.Stage != dagang.AgreementSigned || !a.SignedByBoth() || !strings.Contains(a.Signatures[1].Signatory, "contoh") || fmt.Sprint(steps) != fmt.Sprint(want) {
				t.Errorf("the Kalsel–Kaltim agreement: stage %s, signatures %+v, steps %v, want %v", a.Stage, a.Signatures, steps, want)
			}
		})
	}
}
