package schedule

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

func TestDiag(t *testing.T) {
	path := os.Getenv("DIAG")
	if path == "" {
		t.Skip()
	}
	inst := readTestInstance(t, path)
	md := compile(inst)
	wb, picked := md.bMatching()
	np, pw := 0, 0
	for m, p := range picked {
		if p {
			np++
			pw += md.w[m]
		}
	}
	fmt.Println("bound", wb, "picked", np, pw)
	sc, _ := Solve(context.Background(), inst, Options{TimeLimit: 5 * time.Second, Fairness: -1})
	slot := make([]int, md.nm)
	for i := range slot {
		slot[i] = -1
	}
	for _, a := range sc.Assignments {
		slot[a.Meeting] = a.Slot
	}
	miss, missW, extra, extraW := 0, 0, 0, 0
	for m := range slot {
		if picked[m] && slot[m] < 0 {
			miss++
			missW += md.w[m]
		}
		if !picked[m] && slot[m] >= 0 {
			extra++
			extraW += md.w[m]
		}
	}
	fmt.Println("weight", sc.Objective.Weight, "picked-unscheduled", miss, missW, "unpicked-scheduled", extra, extraW)
	// per participant: scheduled vs capacity
	s := newState(md, slot)
	full, under := 0, 0
	for p := 0; p < md.np; p++ {
		c := 0
		for tt := 0; tt < md.T; tt++ {
			if md.avail[p*md.T+tt] {
				c++
			}
		}
		c = min(c, md.capacity[p])
		if s.nmeet[p] >= c {
			full++
		} else {
			under++
		}
	}
	fmt.Println("participants full", full, "under", under, "loads", s.load)
}
