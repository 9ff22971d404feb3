package schedule

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteLP writes the time-indexed MIP of inst in CPLEX LP format, for
// running a MIP solver (CBC) as a peer. Variables: x_m_t = 1 when meeting m
// takes slot t; y_p_t = 1 when participant p meets in slot t; s_p_t = 1
// when a run of p's meetings starts in slot t (breaks = Σ s − 1 for a
// participant with meetings). The objective maximises weight, then
// minimises run starts; fairness ≥ 0 bounds the spread of run starts among
// participants with meetings (exact when schedule_all holds). weightOnly
// drops the run starts from the objective: the weight problem alone, the
// fairest comparison on weight.
func WriteLP(w io.Writer, inst *Instance, fairness int, weightOnly bool) error {
	md := compile(inst)
	bw := bufio.NewWriter(w)
	big := md.np*md.T + 1
	if weightOnly {
		big = 1
	}
	fmt.Fprintln(bw, "Minimize\n obj:")
	for m := range md.nm {
		for _, t := range md.dom[m] {
			if !inst.ScheduleAll && md.w[m] > 0 {
				fmt.Fprintf(bw, " - %d x_%d_%d\n", big*md.w[m], m, t)
			}
		}
	}
	for p := range md.np {
		for t := range md.T {
			if md.avail[p*md.T+t] && len(md.pm[p]) > 0 && !weightOnly {
				fmt.Fprintf(bw, " + s_%d_%d\n", p, t)
			}
		}
	}
	fmt.Fprintln(bw, "Subject To")
	for m := range md.nm {
		if len(md.dom[m]) == 0 {
			if inst.ScheduleAll {
				fmt.Fprintf(bw, " empty_%d: zero_var >= 1\n", m)
			}
			continue
		}
		op := "<="
		if inst.ScheduleAll {
			op = "="
		}
		fmt.Fprintf(bw, " once_%d:", m)
		for _, t := range md.dom[m] {
			fmt.Fprintf(bw, " + x_%d_%d", m, t)
		}
		fmt.Fprintf(bw, " %s 1\n", op)
	}
	for t := range md.T {
		fmt.Fprintf(bw, " tables_%d: 0 zero_var", t)
		for m := range md.nm {
			if md.canSlot[m*md.T+t] {
				fmt.Fprintf(bw, " + x_%d_%d", m, t)
			}
		}
		fmt.Fprintf(bw, " <= %d\n", md.tables)
	}
	for p := range md.np {
		if len(md.pm[p]) == 0 {
			continue
		}
		for t := range md.T {
			if !md.avail[p*md.T+t] {
				continue
			}
			fmt.Fprintf(bw, " busy_%d_%d: y_%d_%d", p, t, p, t)
			for _, m := range md.pm[p] {
				if md.canSlot[m*md.T+t] {
					fmt.Fprintf(bw, " - x_%d_%d", m, t)
				}
			}
			fmt.Fprintln(bw, " = 0")
			if t > 0 && md.avail[p*md.T+t-1] {
				fmt.Fprintf(bw, " start_%d_%d: s_%d_%d - y_%d_%d + y_%d_%d >= 0\n", p, t, p, t, p, t, p, t-1)
			} else {
				fmt.Fprintf(bw, " start_%d_%d: s_%d_%d - y_%d_%d >= 0\n", p, t, p, t, p, t)
			}
		}
		if c := inst.Participants[p].MaxMeetings; c != nil {
			fmt.Fprintf(bw, " cap_%d: 0 zero_var", p)
			for _, m := range md.pm[p] {
				for _, t := range md.dom[m] {
					fmt.Fprintf(bw, " + x_%d_%d", m, t)
				}
			}
			fmt.Fprintf(bw, " <= %d\n", *c)
		}
		if fairness >= 0 && inst.ScheduleAll {
			fmt.Fprintf(bw, " fairhi_%d: hi", p)
			writeStarts(bw, md, p)
			fmt.Fprintln(bw, " >= 0")
			fmt.Fprintf(bw, " fairlo_%d: lo", p)
			writeStarts(bw, md, p)
			fmt.Fprintln(bw, " <= 0")
		}
	}
	if fairness >= 0 && inst.ScheduleAll {
		fmt.Fprintf(bw, " spread: hi - lo <= %d\n", fairness)
	}
	for k, pr := range inst.Precedences {
		i, j := pr[0], pr[1]
		// Σ t·x_j − Σ t·x_i ≥ 1 when both are scheduled (schedule_all); in
		// general also x_j ≤ x_i, with big-M T on the order.
		fmt.Fprintf(bw, " prec_%d: 0 zero_var", k)
		for _, t := range md.dom[j] {
			fmt.Fprintf(bw, " + %d x_%d_%d", t+md.T, j, t)
		}
		for _, t := range md.dom[i] {
			fmt.Fprintf(bw, " - %d x_%d_%d", t, i, t)
		}
		fmt.Fprintf(bw, " >= %d\n", md.T+1)
		if !inst.ScheduleAll {
			fmt.Fprintf(bw, " precs_%d: 0 zero_var", k)
			for _, t := range md.dom[j] {
				fmt.Fprintf(bw, " + x_%d_%d", j, t)
			}
			for _, t := range md.dom[i] {
				fmt.Fprintf(bw, " - x_%d_%d", i, t)
			}
			fmt.Fprintln(bw, " <= 0")
		}
	}
	fmt.Fprintln(bw, "Bounds\n zero_var = 0")
	for p := range md.np {
		for t := range md.T {
			if md.avail[p*md.T+t] && len(md.pm[p]) > 0 {
				fmt.Fprintf(bw, " 0 <= s_%d_%d <= 1\n 0 <= y_%d_%d <= 1\n", p, t, p, t)
			}
		}
	}
	fmt.Fprintln(bw, "Binaries")
	for m := range md.nm {
		for _, t := range md.dom[m] {
			fmt.Fprintf(bw, " x_%d_%d\n", m, t)
		}
	}
	fmt.Fprintln(bw, "End")
	return bw.Flush()
}

// writeStarts writes "- s_p_t" for every available slot t of p.
func writeStarts(w io.Writer, md *model, p int) {
	for t := 0; t < md.T; t++ {
		if md.avail[p*md.T+t] {
			fmt.Fprintf(w, " - s_%d_%d", p, t)
		}
	}
}

// ReadCBCSolution reads a CBC solution file ("solu" output) for the model
// WriteLP wrote and returns the schedule it describes. status is CBC's
// first line ("Optimal", "Stopped on time", "Infeasible", …); the schedule
// is nil when the file holds no assignment.
func ReadCBCSolution(r io.Reader, inst *Instance) (sc *Schedule, status string, err error) {
	md := compile(inst)
	slot := make([]int, md.nm)
	for m := range slot {
		slot[m] = -1
	}
	sc2 := bufio.NewScanner(r)
	sc2.Buffer(make([]byte, 1<<20), 1<<20)
	any := false
	for first := true; sc2.Scan(); first = false {
		line := sc2.Text()
		if first {
			status = strings.TrimSpace(line)
			continue
		}
		f := strings.Fields(line)
		if len(f) < 3 || !strings.HasPrefix(f[1], "x_") {
			continue
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil || v < 0.5 {
			continue
		}
		parts := strings.Split(f[1], "_")
		if len(parts) != 3 {
			continue
		}
		m, err1 := strconv.Atoi(parts[1])
		t, err2 := strconv.Atoi(parts[2])
		if err1 != nil || err2 != nil || m < 0 || m >= md.nm || t < 0 || t >= md.T {
			continue
		}
		slot[m] = t
		any = true
	}
	if err := sc2.Err(); err != nil {
		return nil, status, err
	}
	if !any {
		return nil, status, nil
	}
	return md.build(slot), status, nil
}
