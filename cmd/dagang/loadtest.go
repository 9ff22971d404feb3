package main

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dagang/dagang/internal/loadtest"
)

// cmdLoadtest drives a running server on 127.0.0.1 with many users and
// prints latency per kind of request; it fails when any request failed.
func cmdLoadtest(ctx context.Context, e env, args []string) error {
	fs := newFlagSet("loadtest", "dagang loadtest --addr 127.0.0.1:8080[,127.0.0.1:8081,…] [--token dgt_…] [--users 200] [--duration 60s] [--think 1s] [--mix mixed|reads|healthz]", e)
	addr := fs.String("addr", addrDefault(e), "alamat server yang diuji, atau beberapa instans dipisah koma (hanya 127.0.0.1/localhost)")
	token := fs.String("token", e.getenv("DAGANG_TOKEN"), "token API admin atau staf (env DAGANG_TOKEN; 'dagang token create')")
	users := fs.Int("users", 200, "pengguna serentak")
	duration := fs.Duration("duration", 60*time.Second, "lama uji (maks. 10m)")
	maxReq := fs.Int("max-requests", 2_000_000, "berhenti setelah sekian permintaan (0: tanpa batas selain --duration)")
	think := fs.Duration("think", time.Second, "jeda rata-rata pengguna antarpermintaan (acak 0,5–1,5×); 0 = tanpa jeda")
	mix := fs.String("mix", "mixed", "campuran permintaan: mixed (baca dan tulis), reads, healthz")
	seed := fs.Uint64("seed", 1, "benih urutan permintaan (sama benih, sama urutan)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var addrs []string
	for _, a := range strings.Split(*addr, ",") {
		if a = strings.TrimSpace(a); a != "" {
			addrs = append(addrs, a)
		}
	}
	cfg := loadtest.Config{Addrs: addrs, Token: *token, Users: *users, Duration: *duration, MaxRequests: *maxReq, Think: *think, Mix: *mix, Seed: *seed}
	res, err := loadtest.Run(ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "uji beban %s: %d pengguna, campuran %s, jeda %s, %s, klien GOMAXPROCS %d\n", *addr, *users, *mix, *think, res.Elapsed.Round(time.Millisecond), runtime.GOMAXPROCS(0))
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "permintaan\tjumlah\tgalat\tp50\tp99\tmaks\t")
	for _, s := range append(res.Ops, res.Total) {
		fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%s\t%s\t\n", s.Name, s.Requests, s.Errors, ms(s.P50), ms(s.P99), ms(s.Max))
	}
	if len(res.Instances) > 1 {
		fmt.Fprintln(w, "\t\t\t\t\t\t")
		fmt.Fprintln(w, "instans\tjumlah\tgalat\tp50\tp99\tmaks\t")
		for _, s := range res.Instances {
			fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%s\t%s\t\n", s.Name, s.Requests, s.Errors, ms(s.P50), ms(s.P99), ms(s.Max))
		}
	}
	w.Flush()
	fmt.Fprintf(e.stdout, "%.0f permintaan/detik, %d galat\n", res.PerSecond(), res.Total.Errors)
	if res.Total.Errors > 0 {
		for _, m := range res.FirstErrors {
			fmt.Fprintln(e.stderr, "  "+m)
		}
		return fmt.Errorf("%d dari %d permintaan gagal (%d of %d requests failed)", res.Total.Errors, res.Total.Requests, res.Total.Errors, res.Total.Requests)
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
