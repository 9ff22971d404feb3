package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"math"
	mrand "math/rand/v2"
	"net/url"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/dagang/dagang"
	"github.com/dagang/dagang/internal/auth"
	"github.com/dagang/dagang/internal/demo"
	"github.com/dagang/dagang/internal/export"
	"github.com/dagang/dagang/internal/store"
	"github.com/jackc/pgx/v5"
)

// benchNational loads one deployment for the whole country (issue 20): an
// office for each province of the reference data, each with its
// businesses, counterparts in other provinces (spread by a gravity model:
// population over distance), events and deals, all marked sample data;
// then times an office's summary and the national view through the
// store's own functions, each beside its peer (the same figures by GROUP
// BY over the deals), and, with --dagang, the throughput of one and of
// three `dagang serve` instances on the loaded database.
func benchNational(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := newFlagSet("national", "dagang-bench national --db postgres://… [--offices 38] [--deals 100000] [--runs 7] [--keep] [--dagang ./dagang]", stderr)
	dsn := fs.String("db", "", "PostgreSQL server: a database of its own is created there (and dropped at the end unless --keep)")
	offices := fs.Int("offices", 38, "provincial offices (at most the 38 provinces)")
	deals := fs.Int("deals", 100_000, "deals of each office")
	runs := fs.Int("runs", 7, "runs of each timing, for the median")
	keep := fs.Bool("keep", false, "keep the database (its address is printed)")
	seed := fs.Uint64("seed", 2026, "seed of the generated data")
	loadOnly := fs.Bool("load-only", false, "load and keep the database, measure nothing (then --use it)")
	use := fs.String("use", "", "a database this command loaded and kept (--keep): measure it again without loading")
	bin := fs.String("dagang", "", "dagang binary: also measure one against three `dagang serve` instances with `dagang loadtest`")
	users := fs.Int("users", 64, "load test: concurrent users")
	duration := fs.Duration("duration", 30*time.Second, "load test: length of each round")
	rounds := fs.Int("rounds", 3, "load test: rounds of one instance, then three")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *use != "" {
		*dsn = *use
	}
	if !strings.HasPrefix(*dsn, "postgres://") && !strings.HasPrefix(*dsn, "postgresql://") {
		return fmt.Errorf("%w: --db must be a postgres:// address", errUsage)
	}
	if *offices < 2 || *deals < 1 {
		return fmt.Errorf("%w: --offices must be at least 2 and --deals at least 1", errUsage)
	}
	target := *use
	if target == "" {
		t, drop, err := newDatabase(ctx, *dsn)
		if err != nil {
			return err
		}
		target = t
		if *keep || *loadOnly {
			fmt.Fprintf(stdout, "database (kept): %s\n", target)
		} else {
			defer drop()
		}
	}
	quiet := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	t0 := time.Now()
	db, err := store.Open(ctx, target, store.Options{Logger: quiet})
	if err != nil {
		return err
	}
	defer db.Close()
	w := stdout
	fmt.Fprintf(w, "store %s, %d offices × %d deals, %s, nproc %d, %s, %s, load average at the start: %s\n\n",
		db.Dialect(), *offices, *deals, runtime.Version(), runtime.NumCPU(), cpuModel(), time.Now().UTC().Format("2006-01-02 15:04 UTC"), loadAvg())
	var nat *nationalData
	if *use != "" {
		fmt.Fprintf(w, "opened (and migrated) %s in %s\n\n", target, time.Since(t0).Round(time.Millisecond))
		if nat, err = loadedNational(ctx, db); err != nil {
			return err
		}
	} else {
		start := time.Now()
		if nat, err = loadNational(ctx, db, target, *offices, *deals, *seed, stderr); err != nil {
			return err
		}
		fmt.Fprintf(w, "loaded %d offices, %d businesses, %d counterparts, %d events, %d deals (%d linked by the partner office) in %s (deals copied in %s, summary tables rebuilt in %s)\n\n",
			len(nat.offices), nat.businesses, nat.orgs, nat.events, nat.deals, nat.linked, time.Since(start).Round(time.Second), nat.copied.Round(time.Second), nat.rolled.Round(time.Second))
		if *keep || *loadOnly {
			fmt.Fprintf(w, "API token of %s (DAGANG_TOKEN for --use with --dagang): %s\n\n", nat.staff.Email, nat.token)
		}
		if *loadOnly {
			return nil
		}
	}
	if err := timeNational(ctx, w, db, nat, *runs); err != nil {
		return err
	}
	if *bin != "" {
		if err := benchInstances(ctx, w, stderr, *bin, target, nat.token, *users, *duration, *rounds); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nload average at the end: %s\n", loadAvg())
	return nil
}

// loadedNational finds the offices and the staff account of a database
// loadNational made; its API token is only printed when made (pass it in
// DAGANG_TOKEN to measure the instances again).
func loadedNational(ctx context.Context, db *store.DB) (*nationalData, error) {
	offices, err := db.FindOffices(ctx)
	if err != nil {
		return nil, err
	}
	if len(offices) < 2 {
		return nil, fmt.Errorf("the database has %d offices: not one dagang-bench national loaded", len(offices))
	}
	nat := &nationalData{token: os.Getenv("DAGANG_TOKEN")}
	for _, o := range offices {
		nat.offices = append(nat.offices, &nationalOffice{office: o})
	}
	nat.staff, _, err = db.FindCredentials(ctx, "staf@contoh.dagang.test")
	return nat, err
}

// newDatabase creates a database of its own on the server of dsn and
// returns its address and the function that drops it.
func newDatabase(ctx context.Context, dsn string) (string, func(), error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", nil, fmt.Errorf("%w: --db: %v", errUsage, err)
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", nil, err
	}
	var b [4]byte
	rand.Read(b[:])
	name := "dagang_national_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), func() {
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			fmt.Printf("could not drop database %s: %v\n", name, err)
		}
		admin.Close()
	}, nil
}

// nationalData is what loadNational made.
type nationalData struct {
	offices                         []*nationalOffice
	businesses, orgs, events, deals int
	linked                          int
	copied, rolled                  time.Duration
	token                           string // API token of the first office's staff
	staff                           *dagang.User
}

// nationalOffice is one office with its records, as the generator draws
// from them.
type nationalOffice struct {
	office     *dagang.Office
	province   *dagang.Province
	partners   []string  // partner provinces, by weight
	weights    []float64 // cumulative gravity weights of partners
	businesses []int64
	bizNames   []string
	orgs       map[string][]int64 // by province
	orgNames   map[int64]string
	events     []*dagang.Event
	commods    []int64 // the office's trade, most traded first
	firstID    int64   // deal ids of this office start here
	mirrors    []mirror
}

// mirror is a deal another office recorded with this office's province,
// which this office records too and links: the same trade, seen from the
// partner's side.
type mirror struct {
	id, partnerOffice int64
	partnerProvince   string
	direction         dagang.Direction
	commodity         int64
	value             int64
	date              dagang.Date
	stage             dagang.DealStage
}

// loadNational creates the offices and their records through the store,
// and the deals with PostgreSQL's COPY into the store's own table, then
// rebuilds each office's summary table with the store's own function.
func loadNational(ctx context.Context, db *store.DB, target string, nOffices, nDeals int, seed uint64, progress io.Writer) (*nationalData, error) {
	commodities, err := demo.LoadReference(ctx, db)
	if err != nil {
		return nil, err
	}
	var commods []int64
	for _, c := range commodities {
		commods = append(commods, c.ID)
	}
	slices.Sort(commods)
	provinces, err := db.FindProvinces(ctx)
	if err != nil {
		return nil, err
	}
	if nOffices > len(provinces) {
		return nil, fmt.Errorf("%w: --offices %d: the reference data has %d provinces", errUsage, nOffices, len(provinces))
	}
	// Kalimantan Selatan first (the seed article's office), then the others
	// in code order.
	slices.SortStableFunc(provinces, func(a, b *dagang.Province) int {
		if (a.Code == "63") != (b.Code == "63") {
			if a.Code == "63" {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Code, b.Code)
	})
	provinces = provinces[:nOffices]
	idx, err := db.NameIndex(ctx, 0)
	if err != nil {
		return nil, err
	}
	r := mrand.New(mrand.NewPCG(seed, 20))
	nat := &nationalData{}
	var firstID int64 = 1
	for i, p := range provinces {
		o := &dagang.Office{Name: "Dinas Perdagangan " + p.Name + " (contoh)", HomeProvince: p.Code}
		if err := db.CreateOffice(ctx, o); err != nil {
			return nil, err
		}
		no := &nationalOffice{office: o, province: p, orgs: map[string][]int64{}, orgNames: map[int64]string{}, firstID: firstID}
		firstID += int64(nDeals)
		// Partners by gravity: population over distance to the power 1.5.
		total := 0.0
		for _, q := range provinces {
			if q.Code == p.Code {
				continue
			}
			d := math.Max(distanceKm(p, q), 100)
			total += float64(max(q.Population, 1)) / math.Pow(d, 1.5)
			no.partners = append(no.partners, q.Code)
			no.weights = append(no.weights, total)
		}
		// The office's trade: twelve commodities of the catalogue, the first
		// traded most (weights 1/k).
		perm := r.Perm(len(commods))
		for _, k := range perm[:min(12, len(commods))] {
			no.commods = append(no.commods, commods[k])
		}
		var regencies []string
		for code := range idx.Regencies {
			if strings.HasPrefix(code, p.Code+".") {
				regencies = append(regencies, code)
			}
		}
		slices.Sort(regencies)
		if len(regencies) == 0 {
			return nil, fmt.Errorf("province %s has no regency in the reference data", p.Code)
		}
		var bs []*dagang.Business
		for j := range 800 {
			bs = append(bs, &dagang.Business{Name: fmt.Sprintf("Usaha Contoh %s %04d", p.ShortName, j), RegencyCode: regencies[j%len(regencies)],
				Size: []dagang.SizeClass{dagang.SizeMicro, dagang.SizeSmall, dagang.SizeMedium}[j%3], Sample: true})
		}
		if err := db.ImportBusinesses(ctx, o.ID, bs, "dagang-bench national", nil); err != nil {
			return nil, err
		}
		for _, b := range bs {
			no.businesses, no.bizNames = append(no.businesses, b.ID), append(no.bizNames, b.Name)
		}
		var os []*dagang.Organisation
		for j := range 300 {
			prov := no.partner(r)
			os = append(os, &dagang.Organisation{Name: fmt.Sprintf("Mitra Contoh %s %03d", p.ShortName, j), ProvinceCode: prov,
				Kind: dagang.OrgBuyer, Sample: true})
		}
		// And one in every other province it has none in, so that every
		// partner office's record of a trade with this province has a
		// counterpart here.
		have := map[string]bool{}
		for _, x := range os {
			have[x.ProvinceCode] = true
		}
		for _, q := range no.partners {
			if !have[q] {
				os = append(os, &dagang.Organisation{Name: fmt.Sprintf("Mitra Contoh %s %03d", p.ShortName, len(os)), ProvinceCode: q, Kind: dagang.OrgBuyer, Sample: true})
			}
		}
		if err := db.ImportOrganisations(ctx, o.ID, os, "dagang-bench national", nil); err != nil {
			return nil, err
		}
		oi, err := db.NameIndex(ctx, o.ID)
		if err != nil {
			return nil, err
		}
		for id, name := range oi.Orgs {
			prov := oi.OrgProvince[id]
			no.orgs[prov] = append(no.orgs[prov], id)
			no.orgNames[id] = name
		}
		for _, ids := range no.orgs {
			slices.Sort(ids)
		}
		// Six events a year over 2015–2024, hosted by partners.
		for j := range 60 {
			day := dagang.MustDate("2015-02-10").AddMonths(j * 2)
			ev := &dagang.Event{OfficeID: o.ID, Kind: dagang.EventTradeMission, Name: fmt.Sprintf("Misi Dagang Contoh %s %02d", p.ShortName, j),
				HostProvince: no.partner(r), StartsOn: day, EndsOn: day, QuotaMatching: dagang.DefaultQuotaMatching,
				QuotaExhibitor: dagang.DefaultQuotaExhibitor, Sample: true}
			if j%3 == 0 {
				ev.Kind = dagang.EventBusinessMeeting
			}
			if err := db.CreateEvent(ctx, ev); err != nil {
				return nil, err
			}
			no.events = append(no.events, ev)
		}
		// Agreements with the four strongest partners, at varied stages.
		for j := range 4 {
			a := &dagang.Agreement{OfficeID: o.ID, PartnerProvince: no.partnerAt(j), Title: "Kerja sama contoh " + p.ShortName,
				Stage: dagang.AgreementStages[(i+j)%len(dagang.AgreementStages)], Sample: true}
			if a.Stage != dagang.AgreementPotential && a.Stage != dagang.AgreementExploring {
				a.SignedOn, a.StartsOn, a.EndsOn = dagang.MustDate("2019-03-01"), dagang.MustDate("2019-04-01"), dagang.MustDate("2024-03-31")
			}
			if err := db.CreateAgreement(ctx, a); err != nil {
				return nil, err
			}
		}
		nat.offices = append(nat.offices, no)
		nat.businesses += len(bs)
		nat.orgs += len(os)
		nat.events += len(no.events)
		fmt.Fprintf(progress, "office %d/%d: %s\n", i+1, len(provinces), o.Name)
	}
	// A staff account of the first office and its API token, for the load
	// test.
	hash, err := auth.HashPassword(hex.EncodeToString(randomBytes(12)), auth.DefaultParams)
	if err != nil {
		return nil, err
	}
	nat.staff = &dagang.User{OfficeID: nat.offices[0].office.ID, Email: "staf@contoh.dagang.test", Name: "Staf contoh", Role: dagang.UserStaff}
	if err := db.CreateUser(ctx, nat.staff, hash); err != nil {
		return nil, err
	}
	nat.token = auth.NewSecret("dgt_")
	if err := db.CreateAPIToken(ctx, &dagang.APIToken{UserID: nat.staff.ID, Name: "dagang-bench national", Hash: auth.HashSecret(nat.token)}); err != nil {
		return nil, err
	}

	t0 := time.Now()
	conn, err := pgx.Connect(ctx, target)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	byProvince := map[string]*nationalOffice{}
	for _, no := range nat.offices {
		byProvince[no.province.Code] = no
	}
	// The deals are generated from the store's own records: COPY them
	// without a foreign-key check and a trigger per row (as a replica
	// applies rows), then rebuild the summary tables from them with the
	// store's own RebuildDealRollup. Where the role may not (no
	// superuser), the checks and triggers run.
	if _, err := conn.Exec(ctx, "SET session_replication_role = replica"); err != nil {
		fmt.Fprintf(progress, "deals copied with foreign-key checks and triggers: %v\n", err)
	}
	now := time.Now().UTC()
	for i, no := range nat.offices {
		rows := nationalDeals(no, byProvince, nDeals, mrand.New(mrand.NewPCG(seed, uint64(i))), now, nat)
		n, err := conn.CopyFrom(ctx, pgx.Identifier{"deals"}, dealCopyCols, rows)
		if err != nil {
			return nil, fmt.Errorf("copy the deals of %s: %w", no.office.Name, err)
		}
		nat.deals += int(n)
		fmt.Fprintf(progress, "deals of office %d/%d: %d\n", i+1, len(nat.offices), n)
	}
	if _, err := conn.Exec(ctx, "RESET session_replication_role"); err != nil {
		return nil, err
	}
	// The identity continues after the ids given.
	if _, err := conn.Exec(ctx, "SELECT setval(pg_get_serial_sequence('deals', 'id'), (SELECT MAX(id) FROM deals))"); err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "ANALYZE"); err != nil {
		return nil, err
	}
	nat.copied = time.Since(t0)
	t0 = time.Now()
	for i, no := range nat.offices {
		if err := db.RebuildDealRollup(ctx, no.office.ID); err != nil {
			return nil, err
		}
		fmt.Fprintf(progress, "summary table of office %d/%d rebuilt\n", i+1, len(nat.offices))
	}
	if _, err := conn.Exec(ctx, "ANALYZE"); err != nil {
		return nil, err
	}
	nat.rolled = time.Since(t0)
	return nat, nil
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// partner draws a partner province by its gravity weight.
func (no *nationalOffice) partner(r *mrand.Rand) string {
	x := r.Float64() * no.weights[len(no.weights)-1]
	i, _ := slices.BinarySearch(no.weights, x)
	return no.partners[min(i, len(no.partners)-1)]
}

// partnerAt is the k-th strongest partner.
func (no *nationalOffice) partnerAt(k int) string {
	type pw struct {
		code string
		w    float64
	}
	var ps []pw
	prev := 0.0
	for i, c := range no.partners {
		ps = append(ps, pw{c, no.weights[i] - prev})
		prev = no.weights[i]
	}
	slices.SortStableFunc(ps, func(a, b pw) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		}
		return 0
	})
	return ps[k%len(ps)].code
}

// distanceKm is the great-circle distance between two provinces'
// centroids.
func distanceKm(a, b *dagang.Province) float64 {
	const rad = math.Pi / 180
	la1, la2 := a.Lat*rad, b.Lat*rad
	dla, dlo := la2-la1, (b.Lon-a.Lon)*rad
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * 6371 * math.Asin(math.Min(1, math.Sqrt(h)))
}

// dealCopyCols are the columns of the copied deals; the others keep the
// schema's defaults.
var dealCopyCols = []string{"id", "office_id", "event_id", "direction", "business_id", "counterpart_id", "commodity_id", "volume", "unit", "value_idr",
	"stage", "deal_date", "confirmation", "note", "sample", "created_at", "updated_at", "paid_idr",
	"partner_office_id", "partner_state", "partner_by", "partner_at", "partner_deal_id", "shared_business", "shared_counterpart"}

// nationalDeals generates the deals of one office as COPY rows: first the
// office's own records of trades partner offices recorded earlier
// (mirrors, which those offices' deals link), then its own deals. Sales
// 55 %, purchases 35 %, investment 10 %; two in three at one of the
// office's events (on its date), the rest on any day of 2015–2024; values
// log-normal around Rp250 juta; the counterpart's confirmation pending,
// confirmed or rejected (45/45/10 %), and, the partner province's office
// being on the deployment, its review pending, confirmed or disputed
// (50/42/8 %); a fifth of the partner's confirmations of a later office
// come with that office's own record of the trade, linked.
func nationalDeals(no *nationalOffice, byProvince map[string]*nationalOffice, n int, r *mrand.Rand, now time.Time, nat *nationalData) pgx.CopyFromSource {
	i := 0
	id := no.firstID
	span := dagang.MustDate("2015-01-01")
	row := make([]any, len(dealCopyCols))
	next := func() ([]any, error) {
		var (
			dir       dagang.Direction
			counter   int64
			commodity int64
			value     int64
			date      dagang.Date
			stage     dagang.DealStage
			event     any
			partner   *nationalOffice
		)
		biz := r.IntN(len(no.businesses))
		if i < len(no.mirrors) {
			m := no.mirrors[i]
			dir, commodity, value, date, stage = m.direction, m.commodity, m.value, m.date, m.stage
			orgs := no.orgs[m.partnerProvince]
			counter = orgs[r.IntN(len(orgs))]
			partner = byProvince[m.partnerProvince]
			if m.id != id {
				panic("mirror id out of step")
			}
		} else {
			switch x := r.IntN(100); {
			case x < 55:
				dir = dagang.DirectionSell
			case x < 90:
				dir = dagang.DirectionBuy
			default:
				dir = dagang.DirectionInvest
			}
			prov := no.partner(r)
			for len(no.orgs[prov]) == 0 {
				prov = no.partner(r)
			}
			counter = no.orgs[prov][r.IntN(len(no.orgs[prov]))]
			// Commodities by 1/k: the office's first traded most.
			k := int(math.Floor(math.Pow(float64(len(no.commods)+1), r.Float64()))) - 1
			commodity = no.commods[min(max(k, 0), len(no.commods)-1)]
			value = int64(math.Exp(math.Log(250e6)+1.2*r.NormFloat64())/1e6) * 1_000_000
			value = min(max(value, 1_000_000), 50_000_000_000)
			stage = dagang.DealStages[[]int{0, 0, 0, 1, 1, 2, 2, 2, 3, 3}[r.IntN(10)]]
			if r.IntN(3) < 2 {
				ev := no.events[r.IntN(len(no.events))]
				event, date = ev.ID, ev.StartsOn
			} else {
				date = dagang.DateOf(span.Time().AddDate(0, 0, r.IntN(3652)))
			}
			if dir != dagang.DirectionInvest {
				partner = byProvince[prov]
			}
		}
		var bizID any = no.businesses[biz]
		bizName := no.bizNames[biz]
		if dir == dagang.DirectionInvest {
			bizID, bizName = nil, ""
		}
		conf := []dagang.Confirmation{dagang.ConfirmationPending, dagang.ConfirmationConfirmed, dagang.ConfirmationRejected}[[]int{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2}[r.IntN(20)]]
		var paid int64
		if stage == dagang.DealRealised {
			paid = value
		}
		var partnerOffice, partnerAt, partnerDeal any
		var pstate dagang.PartnerState
		var partnerBy, sharedBiz, sharedCounter string
		if partner != nil && partner != no {
			partnerOffice, pstate = partner.office.ID, dagang.PartnerPending
			sharedBiz, sharedCounter = bizName, no.orgNames[counter]
			switch x := r.IntN(100); {
			case x < 42:
				pstate, partnerBy, partnerAt = dagang.PartnerConfirmed, "Staf contoh", now
				// A later office records the same trade itself and links it.
				if i >= len(no.mirrors) && partner.firstID > no.firstID && r.IntN(5) == 0 {
					mid := partner.firstID + int64(len(partner.mirrors))
					if len(partner.mirrors) < n/2 {
						back := dagang.DirectionBuy
						if dir == dagang.DirectionBuy {
							back = dagang.DirectionSell
						}
						partner.mirrors = append(partner.mirrors, mirror{id: mid, partnerOffice: no.office.ID, partnerProvince: no.province.Code,
							direction: back, commodity: commodity, value: value, date: date, stage: stage})
						partnerDeal = mid
						nat.linked++
					}
				}
			case x < 50:
				pstate, partnerBy, partnerAt = dagang.PartnerDisputed, "Staf contoh", now
			}
		}
		row[0], row[1], row[2], row[3], row[4], row[5], row[6] = id, no.office.ID, event, string(dir), bizID, counter, commodity
		row[7], row[8], row[9], row[10], row[11] = float64(1+r.IntN(500)), "ton", value, string(stage), date.String()
		row[12], row[13], row[14], row[15], row[16], row[17] = string(conf), "", true, now, now, paid
		row[18], row[19], row[20], row[21], row[22], row[23], row[24] = partnerOffice, string(pstate), partnerBy, partnerAt, partnerDeal, sharedBiz, sharedCounter
		i++
		id++
		return row, nil
	}
	return &copySource{n: n, next: next}
}

// copySource feeds generated rows to CopyFrom.
type copySource struct {
	n, i int
	row  []any
	err  error
	next func() ([]any, error)
}

func (s *copySource) Next() bool {
	if s.i >= s.n || s.err != nil {
		return false
	}
	s.row, s.err = s.next()
	s.i++
	return s.err == nil
}

func (s *copySource) Values() ([]any, error) { return s.row, s.err }
func (s *copySource) Err() error             { return s.err }

// timeNational times, through the store functions the pages and the API
// call, an office's summary (the dashboard `/` and GET
// /api/v1/reports/summary: Summary; and the report /laporan:
// export.Report) and the national view (/nasional and GET
// /api/v1/reports/national: National), each beside its peer computed by
// GROUP BY over the deals. Cold is the first call of a fresh connection
// pool for that office or view; warm the median of runs after it.
func timeNational(ctx context.Context, w io.Writer, db *store.DB, nat *nationalData, runs int) error {
	first := nat.offices[0].office
	asStaff := dagang.NewContextWithUser(ctx, nat.staff)
	national := dagang.NewContextForDeployment(ctx, "dagang-bench national")
	timed := func(fn func() error) (time.Duration, error) {
		t0 := time.Now()
		err := fn()
		return time.Since(t0), err
	}
	median := func(fn func() error, runs int) (time.Duration, error) {
		var ds []time.Duration
		for range max(runs, 1) {
			d, err := timed(fn)
			if err != nil {
				return 0, err
			}
			ds = append(ds, d)
		}
		slices.Sort(ds)
		return ds[len(ds)/2], nil
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	fmt.Fprintf(w, "| measurement | cold (first call) | warm (median of %d; peers of %d) |\n|---|---:|---:|\n", runs, min(runs, 3))
	row := func(name string, fn func() error, runs int) error {
		cold, err := timed(fn)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		warm, err := median(fn, runs)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", name, ms(cold), ms(warm))
		return nil
	}
	var sum *dagang.Summary
	if err := row(fmt.Sprintf("office summary (Summary: dashboard `/`, /api/v1/reports/summary), %s, all years", first.Name), func() (err error) {
		sum, err = db.Summary(asStaff, first.ID, 0)
		return err
	}, runs); err != nil {
		return err
	}
	if err := row("office summary, year 2022", func() error { _, err := db.Summary(asStaff, first.ID, 2022); return err }, runs); err != nil {
		return err
	}
	// Cold: the first summary of every other office.
	var colds []time.Duration
	for _, no := range nat.offices[1:] {
		d, err := timed(func() error {
			_, err := db.Summary(dagang.NewContextWithOffice(ctx, no.office.ID), no.office.ID, 0)
			return err
		})
		if err != nil {
			return err
		}
		colds = append(colds, d)
	}
	slices.Sort(colds)
	fmt.Fprintf(w, "| office summary, first call of each of the other %d offices (median, max) | %s, %s | – |\n", len(colds), ms(colds[len(colds)/2]), ms(colds[len(colds)-1]))
	if err := row("office report (export.Report: /laporan), all years", func() error { _, err := export.Report(asStaff, db, first.ID, 0); return err }, runs); err != nil {
		return err
	}
	if err := row("peer: the office's summary rows by GROUP BY over its deals (DealRollupScan), all years", func() error {
		_, err := db.DealRollupScan(asStaff, first.ID, 0)
		return err
	}, min(runs, 3)); err != nil {
		return err
	}
	var view *dagang.NationalView
	if err := row("national flow matrix (National: /nasional, /api/v1/reports/national), all years", func() (err error) {
		view, err = db.National(national, 0)
		return err
	}, runs); err != nil {
		return err
	}
	if err := row("national flow matrix, year 2022", func() error { _, err := db.National(national, 2022); return err }, runs); err != nil {
		return err
	}
	var scan *dagang.NationalView
	if err := row("peer: the national view by GROUP BY over the deals (NationalScan), all years", func() (err error) {
		scan, err = db.NationalScan(national, 0)
		return err
	}, min(runs, 2)); err != nil {
		return err
	}
	if !reflect.DeepEqual(view, scan) {
		return fmt.Errorf("the national view from the summary table differs from the one by GROUP BY over the deals")
	}
	fmt.Fprintf(w, "\nthe office's summary: Rp%d in %d events; the national view: %d offices, %d flows, Rp%d of which Rp%d (%d %%) confirmed by both sides, %d events\n",
		sum.TransactionsIDR, sum.Events, view.Offices, len(view.Flows), view.ValueIDR, view.ConfirmedIDR, dagang.ConfirmedShare(view.ConfirmedIDR, view.ValueIDR), len(view.Events))
	return nil
}
