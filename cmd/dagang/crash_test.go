package main

import (
	"bufio"
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dagang/dagang"
)

// The crash-safety test (issue 8): the real binary, killed with SIGKILL
// while 16 clients write deals and again in the middle of a large import,
// on SQLite and (with DAGANG_TEST_POSTGRES) PostgreSQL.

// buildDagang builds the binary of this package into a temporary directory.
func buildDagang(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dagang")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runBin runs the binary to completion and returns its standard output.
func runBin(t *testing.T, bin string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("dagang %v: %v\n%s%s", args, err, out.String(), errOut.String())
	}
	return out.String()
}

var servingRe = regexp.MustCompile(`http://(127\.0\.0\.1:\d+)`)

// startServer starts `dagang serve` on a free port of 127.0.0.1 and
// returns its address once it answers.
func startServer(t *testing.T, bin, dsn string) (string, *exec.Cmd) {
	t.Helper()
	return startServerEnv(t, bin, dsn, nil)
}

// startServerEnv is startServer with more environment variables.
func startServerEnv(t *testing.T, bin, dsn string, env []string) (string, *exec.Cmd) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--db", dsn, "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errOut syncBuffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servingRe.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case addr := <-found:
		return addr, cmd
	case <-time.After(20 * time.Second):
		t.Fatalf("dagang serve did not start: %s", errOut.String())
	}
	return "", nil
}

// apiCall sends one request with the bearer token and JSON body.
func apiCall(c *http.Client, method, url, token string, body any) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, b, err
}

var tokenRe = regexp.MustCompile(`dgt_[A-Za-z0-9_-]{43}`)

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it: not in -short")
	}
	bin := buildDagang(t)
	t.Run("sqlite", func(t *testing.T) { crashScenario(t, bin, newDemoDBOn(t, "sqlite")) })
	t.Run("postgres", func(t *testing.T) { crashScenario(t, bin, newDemoDBOn(t, "postgres")) })
}

type ackedDeal struct {
	id    int64
	note  string
	value int64
}

func crashScenario(t *testing.T, bin, dsn string) {
	token := tokenRe.FindString(runBin(t, bin, "token", "create", "--db", dsn, "--email", "staf@demo.dagang.test"))
	if token == "" {
		t.Fatal("no token")
	}
	addr, server := startServer(t, bin, dsn)
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 32}}

	// The template of every written deal: a demo sale.
	status, body, err := apiCall(client, "GET", "http://"+addr+"/api/v1/deals?limit=100", token, nil)
	if err != nil || status != 200 {
		t.Fatalf("list deals: %d %v %s", status, err, body)
	}
	var page struct{ Items []dagang.Deal }
	json.Unmarshal(body, &page)
	var tmpl dagang.Deal
	for _, d := range page.Items {
		if d.Direction == dagang.DirectionSell && d.BusinessID > 0 && d.CommodityID > 0 {
			tmpl = d
			break
		}
	}
	if tmpl.ID == 0 {
		t.Fatal("no demo sale to copy")
	}

	// 16 clients write deals until the server dies; every 201 is recorded.
	var (
		mu     sync.Mutex
		acked  []ackedDeal
		wg     sync.WaitGroup
		killed = make(chan struct{})
	)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				note := fmt.Sprintf("crash-%02d-%05d", g, i)
				value := int64(g*100_000+i+1) * 1_000_000
				d := map[string]any{"direction": "sell", "event_id": tmpl.EventID, "business_id": tmpl.BusinessID, "counterpart_id": tmpl.CounterpartID,
					"commodity_id": tmpl.CommodityID, "value_idr": value, "stage": "contract", "deal_date": "2019-07-15", "note": note, "force": true}
				status, body, err := apiCall(client, "POST", "http://"+addr+"/api/v1/deals", token, d)
				if err != nil {
					select {
					case <-killed:
						return
					default:
						t.Errorf("write before the kill: %v", err)
						return
					}
				}
				if status != http.StatusCreated {
					t.Errorf("POST /api/v1/deals = %d %s", status, body)
					return
				}
				var got dagang.Deal
				if err := json.Unmarshal(body, &got); err != nil || got.ID == 0 {
					t.Errorf("201 without an id: %s", body)
					return
				}
				mu.Lock()
				acked = append(acked, ackedDeal{got.ID, note, value})
				mu.Unlock()
			}
		}()
	}
	deadline := time.Now().Add(10 * time.Second)
	var backup string
	var beforeBackup []ackedDeal
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 300 || time.Now().After(deadline) {
			break
		}
		if n >= 100 && backup == "" && !isPostgresDSN(dsn) {
			// An online backup in the middle of the writes.
			mu.Lock()
			beforeBackup = append([]ackedDeal(nil), acked...)
			mu.Unlock()
			backup = filepath.Join(t.TempDir(), "online.bak")
			runBin(t, bin, "backup", "--db", dsn, "--out", backup)
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(killed)
	if err := server.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	server.Wait()
	wg.Wait()
	if len(acked) < 50 {
		t.Fatalf("only %d writes acknowledged before the kill", len(acked))
	}

	if backup != "" {
		// The backup taken while clients wrote holds every deal acknowledged
		// before it began, each complete with its audit entry.
		checkDeals(t, backup, tmpl, beforeBackup)
		t.Logf("online backup during the writes holds all %d deals acknowledged before it", len(beforeBackup))
	}
	// Restarted, the server has every acknowledged deal, and nothing half written.
	addr, _ = startServer(t, bin, dsn)
	checkDeals(t, dsn, tmpl, acked)
	last := acked[len(acked)-1]
	status, body, err = apiCall(client, "GET", fmt.Sprintf("http://%s/api/v1/deals/%d", addr, last.id), token, nil)
	if err != nil || status != 200 || !bytes.Contains(body, []byte(last.note)) {
		t.Errorf("after the restart GET deal %d: %d %v %s", last.id, status, err, body)
	}
	t.Logf("%d acknowledged writes survived SIGKILL", len(acked))

	interruptedImport(t, bin, dsn)
	status, _, err = apiCall(client, "GET", "http://"+addr+"/api/v1/reports/summary", token, nil)
	if err != nil || status != 200 {
		t.Errorf("summary after the interrupted import: %d %v", status, err)
	}
}

func openRaw(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	driver, source := "sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)"
	if isPostgresDSN(dsn) {
		driver, source = "pgx", dsn
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// checkDeals finds every acknowledged deal intact, every written deal
// complete with its audit entry, and the summary table equal to the deals.
func checkDeals(t *testing.T, dsn string, tmpl dagang.Deal, acked []ackedDeal) {
	t.Helper()
	db := openRaw(t, dsn)
	type row struct {
		note                                        string
		value, office, business, counterpart, commo int64
		direction, stage, date, confirmation        string
	}
	rows, err := db.Query("SELECT id, note, value_idr, office_id, business_id, counterpart_id, commodity_id, direction, stage, deal_date, confirmation FROM deals WHERE note LIKE 'crash-%'")
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int64]row{}
	for rows.Next() {
		var id int64
		var r row
		var business, commo sql.NullInt64
		if err := rows.Scan(&id, &r.note, &r.value, &r.office, &business, &r.counterpart, &commo, &r.direction, &r.stage, &r.date, &r.confirmation); err != nil {
			t.Fatal(err)
		}
		r.business, r.commo = business.Int64, commo.Int64
		stored[id] = r
	}
	rows.Close()
	for _, a := range acked {
		r, ok := stored[a.id]
		if !ok {
			t.Errorf("acknowledged deal %d (%s) lost", a.id, a.note)
			continue
		}
		if r.note != a.note || r.value != a.value {
			t.Errorf("deal %d = %q %d, want %q %d", a.id, r.note, r.value, a.note, a.value)
		}
	}
	audited := map[int64]bool{}
	rows, err = db.Query("SELECT entity_id FROM audit_entries WHERE entity = 'deal' AND action = 'create'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		audited[id] = true
	}
	rows.Close()
	for id, r := range stored {
		want := row{note: r.note, value: r.value, office: tmpl.OfficeID, business: tmpl.BusinessID, counterpart: tmpl.CounterpartID, commo: tmpl.CommodityID,
			direction: "sell", stage: "contract", date: "2019-07-15", confirmation: string(dagang.ConfirmationPending)}
		if r != want {
			t.Errorf("deal %d incomplete: %+v, want %+v", id, r, want)
		}
		if !audited[id] {
			t.Errorf("deal %d has no audit entry", id)
		}
	}
	if len(stored) < len(acked) {
		t.Errorf("%d crash deals stored, %d acknowledged", len(stored), len(acked))
	}
	var deals, rolled, value, rolledValue int64
	if err := db.QueryRow("SELECT COUNT(*), COALESCE(SUM(value_idr), 0) FROM deals").Scan(&deals, &value); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("SELECT COALESCE(SUM(deals), 0), COALESCE(SUM(value_idr), 0) FROM deal_rollup WHERE kind = 'e' AND year <> 0").Scan(&rolled, &rolledValue); err != nil {
		t.Fatal(err)
	}
	if deals != rolled || value != rolledValue {
		t.Errorf("summary table: %d deals worth %d, deals table: %d worth %d", rolled, rolledValue, deals, value)
	}
}

// counts returns the number of deals, audit entries and the summed
// summary table.
func counts(t *testing.T, db *sql.DB) [3]int64 {
	t.Helper()
	var c [3]int64
	if err := db.QueryRow("SELECT (SELECT COUNT(*) FROM deals), (SELECT COUNT(*) FROM audit_entries), (SELECT COALESCE(SUM(deals), 0) FROM deal_rollup)").Scan(&c[0], &c[1], &c[2]); err != nil {
		t.Fatal(err)
	}
	return c
}

var storingRe = regexp.MustCompile(`menyimpan\s+\[[#.]*\]\s+\d+% (\d+)/(\d+)`)

// interruptedImport kills `dagang import deals` a third of the way
// through storing 60,000 rows and finds the database as it was.
func interruptedImport(t *testing.T, bin, dsn string) {
	t.Helper()
	db := openRaw(t, dsn)
	var org string
	if err := db.QueryRow("SELECT o.name FROM organisations o JOIN deals d ON d.counterpart_id = o.id WHERE d.business_id = (SELECT id FROM businesses WHERE name = 'CV Kemiri Banua') LIMIT 1").Scan(&org); err != nil {
		t.Fatalf("demo counterpart: %v", err)
	}
	var csv bytes.Buffer
	csv.WriteString("tanggal,arah,kegiatan,pelaku_usaha,mitra,komoditas,volume,satuan,nilai,tahap,konfirmasi\n")
	const n = 60_000
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&csv, "2019-08-%02d,penjualan,,CV Kemiri Banua,%q,kemiri,%d,,Rp%d,kontrak,menunggu\n", 1+i%28, org, 1+i%50, 100_000_000+1000*i)
	}
	file := filepath.Join(t.TempDir(), "besar.csv")
	if err := os.WriteFile(file, csv.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	before := counts(t, db)
	// --force: the demo's deals with the same parties look alike.
	cmd := exec.Command(bin, "import", "deals", "--force", "--db", dsn, file)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	sc.Split(splitCR)
	killedAt := 0
	var last string
	for sc.Scan() {
		last = sc.Text()
		if m := storingRe.FindStringSubmatch(last); m != nil {
			done, _ := strconv.Atoi(m[1])
			if done >= n/3 {
				cmd.Process.Signal(syscall.SIGKILL)
				killedAt = done
				break
			}
		}
	}
	go io.Copy(io.Discard, stderr)
	err = cmd.Wait()
	if killedAt == 0 {
		t.Fatalf("the import was not caught storing (exit %v): %s %s", err, last, out.String())
	}
	if after := counts(t, db); after != before {
		t.Errorf("import killed at %d/%d rows left something: deals, audit, summary %v → %v", killedAt, n, before, after)
	}
	if !isPostgresDSN(dsn) {
		var check string
		if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Errorf("integrity_check after the killed import: %q %v", check, err)
		}
	}
	t.Logf("import killed at %d/%d stored rows left nothing behind", killedAt, n)
}

// splitCR splits at '\r' or '\n': the progress bar redraws with '\r'.
func splitCR(data []byte, atEOF bool) (int, []byte, error) {
	for i, b := range data {
		if b == '\r' || b == '\n' {
			return i + 1, data[:i], nil
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}
