package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/delegation"
	"github.com/dagang/dagang/internal/mission"
	"github.com/dagang/dagang/internal/store"
)

func cmdDelegation(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(e.stdout, e.say("cli.help.delegation"))
		return nil
	}
	switch args[0] {
	case "propose":
		return delegationPropose(ctx, e, args[1:])
	case "simulate":
		return delegationSimulate(ctx, e, args[1:])
	}
	return e.usage("cli.unknown_sub", args[0])
}

// openOffice opens an existing database and picks the office.
func openOffice(ctx context.Context, e env, dsn string, officeID int64) (*store.DB, int64, error) {
	db, err := openExisting(ctx, dsn, newLogger(e))
	if err != nil {
		return nil, 0, err
	}
	office, err := pickOffice(ctx, db, officeID)
	if err != nil {
		db.Close()
		return nil, 0, err
	}
	return db, office.ID, nil
}

func writeJSONTo(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// rulesFlags adds the policy flags to fs; the returned function gives the
// rules of the flags that were set (the others keep the office's default:
// rotation 1 year, exclude, at most 2 per regency).
func rulesFlags(fs *flagSet) func() mission.Rules {
	years := fs.Int("rotation-years", 1, "rotasi: yang ikut dalam N tahun terakhir (0 = tanpa rotasi)")
	mode := fs.String("rotation-mode", "exclude", "rotasi: exclude (dikecualikan) atau penalty (skor dikurangi)")
	penalty := fs.Float64("penalty", 0, "bobot penalti untuk --rotation-mode penalty")
	perRegency := fs.Int("max-per-regency", 2, "paling banyak per kabupaten/kota (0 = tanpa batas)")
	return func() mission.Rules {
		var r mission.Rules
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "rotation-years":
				r.RotationYears = years
			case "rotation-mode":
				r.RotationMode = *mode
			case "penalty":
				r.PenaltyWeight = *penalty
			case "max-per-regency":
				r.MaxPerRegency = perRegency
			}
		})
		return r
	}
}

func delegationPropose(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("delegation propose", "dagang delegation propose --event ID [--db dagang.db] [--json] [--rotation-years N] [--rotation-mode exclude|penalty] [--penalty W] [--max-per-regency M]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	eventID := fs.Int64("event", 0, "id kegiatan (wajib)")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	officeID := fs.Int64("office", 0, "id dinas (bawaan: dinas pertama)")
	rules := rulesFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *eventID <= 0 {
		return e.usage("cli.err.event_required")
	}
	db, oid, err := openOffice(ctx, e, *dsn, *officeID)
	if err != nil {
		return err
	}
	ctx = dagang.NewContextWithOffice(ctx, oid) // the command acts for this one office
	defer db.Close()
	plan, err := mission.ProposeWith(ctx, db, oid, *eventID, rules())
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONTo(e.stdout, plan)
	}
	return writePlan(e.stdout, plan)
}

// writePlan prints a delegation plan: the destination's needs, the chosen
// and the passed-over applicants with their reasons, and any shortfall.
func writePlan(out io.Writer, plan *mission.Plan) error {
	p := plan.Proposal
	fmt.Fprintf(out, "Usulan delegasi: %s (%d)\n", plan.Event.Name, plan.Event.Year())
	if plan.Reason != "" {
		fmt.Fprintf(out, "Analisis mitra: %s\n", plan.Reason)
	}
	var needs []string
	for _, n := range plan.Destination.Needs {
		needs = append(needs, fmt.Sprintf("%s (bobot %.1f)", n.Name, n.Weight))
	}
	fmt.Fprintf(out, "Kebutuhan %s: %s\n", plan.Destination.Name, orDash(needs))
	fmt.Fprintf(out, "Aturan: kuota %d temu bisnis + %d pameran; rotasi %d tahun (%s); maks. %d per kabupaten/kota\n\n",
		p.Policy.Quota[delegation.RoleMatching], p.Policy.Quota[delegation.RoleExhibitor], p.Policy.RotationYears, p.Policy.RotationMode, p.Policy.MaxPerRegency)
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	for _, part := range []struct {
		title string
		ds    []delegation.Decision
	}{{"Dipilih", p.Chosen}, {"Tidak dipilih", p.PassedOver}} {
		fmt.Fprintf(w, "%s (%d)\n", part.title, len(part.ds))
		for _, d := range part.ds {
			fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", roleLabel(d.Role), d.Name, d.RegencyName, d.Reason)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if p.Shortfall != nil {
		fmt.Fprintf(out, "\nKuota belum terpenuhi: %s\n", p.Shortfall.Error())
	}
	return nil
}

func roleLabel(r delegation.Role) string {
	switch r {
	case delegation.RoleMatching:
		return "temu bisnis"
	case delegation.RoleExhibitor:
		return "pameran"
	}
	return string(r)
}

func orDash(s []string) string {
	if len(s) == 0 {
		return "–"
	}
	return strings.Join(s, ", ")
}

func delegationSimulate(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("delegation simulate", "dagang delegation simulate [--years 5] [--event ID] [--db dagang.db] [--json] [--rotation-years N] [--rotation-mode exclude|penalty] [--penalty W] [--max-per-regency M]", e)
	dsn := dbFlag(fs, e, "dagang.db")
	years := fs.Int("years", 5, "jumlah tahun yang disimulasikan (1–100)")
	eventID := fs.Int64("event", 0, "id kegiatan yang pelamarnya menjadi kelompok simulasi (bawaan: kegiatan terbaru)")
	asJSON := fs.Bool("json", false, "keluaran JSON")
	officeID := fs.Int64("office", 0, "id dinas (bawaan: dinas pertama)")
	rules := rulesFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *years < 1 || *years > 100 {
		return e.usage("cli.err.years")
	}
	db, oid, err := openOffice(ctx, e, *dsn, *officeID)
	if err != nil {
		return err
	}
	ctx = dagang.NewContextWithOffice(ctx, oid) // the command acts for this one office
	defer db.Close()
	sim, err := mission.Simulate(ctx, db, oid, *eventID, *years, rules())
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSONTo(e.stdout, sim)
	}
	fmt.Fprintf(e.stdout, "Simulasi %d tahun dengan %d pelamar yang memenuhi syarat dari %s, tujuan %s\n", *years, sim.Pool, sim.Event.Name, sim.Destination.Name)
	fmt.Fprintf(e.stdout, "Jumlah pelaku usaha berbeda yang terjangkau (kumulatif):\n\n")
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "Tahun\tDengan rotasi\tTanpa rotasi")
	for i, y := range sim.Years {
		fmt.Fprintf(w, "%d\t%d\t%d\n", y, sim.WithPolicy[i], sim.NoRotation[i])
	}
	return w.Flush()
}
