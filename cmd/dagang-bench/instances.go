package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// benchInstances measures the throughput of one `dagang serve` against
// three on the same database, in alternating rounds of the same load:
// `dagang loadtest` with the same users, seed and mix, spread over the
// instances (loopback only). Each round starts its instances afresh.
func benchInstances(ctx context.Context, w, stderr io.Writer, bin, dsn, token string, users int, duration time.Duration, rounds int) error {
	fmt.Fprintf(w, "\nthroughput: `dagang loadtest --users %d --duration %s --think 0 --mix mixed`, staff of the first office, against 1 and 3 `dagang serve` instances\n\n", users, duration)
	fmt.Fprintln(w, "| round | instances | load avg at start | requests/s | requests | errors | p50 | p99 |")
	fmt.Fprintln(w, "|---|---:|---|---:|---:|---:|---:|---:|")
	results := map[int][]loadResult{}
	for round := 1; round <= rounds; round++ {
		for _, n := range []int{1, 3} {
			load := loadAvg()
			res, err := loadRound(ctx, stderr, bin, dsn, token, n, users, duration, uint64(round))
			if err != nil {
				return err
			}
			results[n] = append(results[n], res)
			fmt.Fprintf(w, "| %d | %d | %s | %.0f | %d | %d | %s | %s |\n", round, n, load, res.perSecond, res.requests, res.errors, res.p50, res.p99)
		}
	}
	for _, n := range []int{1, 3} {
		rs := results[n]
		rps := func(r loadResult) float64 { return r.perSecond }
		fmt.Fprintf(w, "| median | %d | | %.0f | | | %s | %s |\n", n, medianF(rs, rps), medianS(rs, func(r loadResult) string { return r.p50 }), medianS(rs, func(r loadResult) string { return r.p99 }))
	}
	return nil
}

// loadResult is what `dagang loadtest` printed of a run.
type loadResult struct {
	perSecond        float64
	requests, errors int
	p50, p99         string
	p50ms, p99ms     float64
}

var (
	servingRe = regexp.MustCompile(`http://(127\.0\.0\.1:\d+)`)
	totalRe   = regexp.MustCompile(`(?m)^\s*total\s+(\d+)\s+(\d+)\s+([\d.]+)ms\s+([\d.]+)ms`)
	rateRe    = regexp.MustCompile(`(\d+) permintaan/detik`)
)

// loadRound starts n instances, runs the load test over them and stops
// them.
func loadRound(ctx context.Context, stderr io.Writer, bin, dsn, token string, n, users int, duration time.Duration, seed uint64) (loadResult, error) {
	var addrs []string
	var cmds []*exec.Cmd
	defer func() {
		for _, c := range cmds {
			c.Process.Signal(os.Interrupt)
			c.Wait()
		}
	}()
	for i := 1; i <= n; i++ {
		cmd := exec.CommandContext(ctx, bin, "serve", "--db", dsn, "--addr", "127.0.0.1:0")
		cmd.Env = append(os.Environ(), fmt.Sprintf("DAGANG_INSTANCE=bench-%d", i))
		out, err := cmd.StdoutPipe()
		if err != nil {
			return loadResult{}, err
		}
		cmd.Stderr = io.Discard // the request log
		if err := cmd.Start(); err != nil {
			return loadResult{}, err
		}
		cmds = append(cmds, cmd)
		found := make(chan string, 1)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if m := servingRe.FindStringSubmatch(sc.Text()); m != nil {
					found <- m[1]
				}
			}
		}()
		select {
		case a := <-found:
			addrs = append(addrs, a)
		case <-time.After(60 * time.Second):
			return loadResult{}, fmt.Errorf("dagang serve did not start")
		}
	}
	var out bytes.Buffer
	lt := exec.CommandContext(ctx, bin, "loadtest", "--addr", strings.Join(addrs, ","), "--users", fmt.Sprint(users), "--duration", duration.String(),
		"--think", "0", "--mix", "mixed", "--seed", fmt.Sprint(seed))
	lt.Env = append(os.Environ(), "DAGANG_TOKEN="+token)
	lt.Stdout, lt.Stderr = &out, stderr
	err := lt.Run()
	fmt.Fprint(stderr, out.String())
	m, r := totalRe.FindStringSubmatch(out.String()), rateRe.FindStringSubmatch(out.String())
	if m == nil || r == nil {
		return loadResult{}, fmt.Errorf("dagang loadtest: %v: %s", err, out.String())
	}
	var res loadResult
	res.requests, _ = strconv.Atoi(m[1])
	res.errors, _ = strconv.Atoi(m[2])
	res.p50ms, _ = strconv.ParseFloat(m[3], 64)
	res.p99ms, _ = strconv.ParseFloat(m[4], 64)
	res.p50, res.p99 = m[3]+" ms", m[4]+" ms"
	res.perSecond, _ = strconv.ParseFloat(r[1], 64)
	return res, nil
}

func medianF(rs []loadResult, f func(loadResult) float64) float64 {
	var xs []float64
	for _, r := range rs {
		xs = append(xs, f(r))
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}

func medianS(rs []loadResult, f func(loadResult) string) string {
	sorted := slices.Clone(rs)
	slices.SortFunc(sorted, func(a, b loadResult) int {
		x, y := strings.TrimSuffix(f(a), " ms"), strings.TrimSuffix(f(b), " ms")
		fx, _ := strconv.ParseFloat(x, 64)
		fy, _ := strconv.ParseFloat(y, 64)
		switch {
		case fx < fy:
			return -1
		case fx > fy:
			return 1
		}
		return 0
	})
	return f(sorted[len(sorted)/2])
}
