// Package schedule solves the business-to-business meeting-scheduling
// problem of a trade forum: requested meetings between participants are
// placed into time slots and tables so that the total weight of the
// scheduled meetings is as large as possible and, after that, the
// participants' days have as few breaks as possible.
//
// The package is pure: it takes values and returns values, reads no clock
// except to honour a time limit, keeps no globals and prints nothing. The
// model and the JSON formats are those of FORMAT.md in the shared benchmark
// folder; docs/scheduling.md explains the algorithm and the bounds.
package schedule

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/dagang/dagang"
)

// Formats of the instance and schedule files.
const (
	InstanceFormat = "dagang-b2b/1"
	ScheduleFormat = "dagang-b2b-schedule/1"
)

// Limits that keep a hostile input from exhausting memory.
const (
	maxSlots     = 1000
	maxTables    = 1 << 20
	maxWeight    = 1 << 20
	maxMeetings  = 1 << 20
	maxCells     = 1 << 26 // participants × slots
	maxFieldErrs = 20
)

// Instance is a meeting-scheduling problem (format "dagang-b2b/1").
type Instance struct {
	Format       string        `json:"format"`
	Name         string        `json:"name,omitempty"`
	ScheduleAll  bool          `json:"schedule_all,omitempty"`
	Slots        int           `json:"slots"`
	Tables       int           `json:"tables"`
	Sessions     []Session     `json:"sessions,omitempty"`
	Participants []Participant `json:"participants"`
	Meetings     []Meeting     `json:"meetings"`
	Precedences  [][]int       `json:"precedences,omitempty"`
}

// Session is a named range of slots, From inclusive, To exclusive.
type Session struct {
	Name string `json:"name"`
	From int    `json:"from"`
	To   int    `json:"to"`
}

// Participant is one company or delegation taking part in the forum.
type Participant struct {
	ID          string `json:"id"`
	Role        string `json:"role,omitempty"`
	MaxMeetings *int   `json:"max_meetings,omitempty"`
	Unavailable []int  `json:"unavailable,omitempty"`
}

// Meeting is one requested meeting between participants A and B. Weight
// defaults to 1 when the JSON leaves it out.
type Meeting struct {
	A         string `json:"a"`
	B         string `json:"b"`
	Session   string `json:"session,omitempty"`
	Weight    int    `json:"weight"`
	FixedSlot *int   `json:"fixed_slot,omitempty"`
}

// UnmarshalJSON decodes a meeting, giving Weight its default of 1.
func (m *Meeting) UnmarshalJSON(b []byte) error {
	type plain Meeting
	p := plain{Weight: 1}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*m = Meeting(p)
	return nil
}

// ReadInstance decodes and validates an instance. Every error is a
// *dagang.Error with code EINVALID; a validation error lists up to twenty
// offending fields, naming the meetings and participants involved.
func ReadInstance(r io.Reader) (*Instance, error) {
	var inst Instance
	dec := json.NewDecoder(r)
	if err := dec.Decode(&inst); err != nil {
		return nil, dagang.Errorf(dagang.EINVALID, "berkas instans bukan JSON yang sah: %v",
			"the instance file is not valid JSON: %v", err)
	}
	if err := inst.Validate(); err != nil {
		return nil, err
	}
	return &inst, nil
}

// Validate checks the instance: known participants, slots in range, known
// sessions, fixed slots inside their session and available to both
// participants, and precedences without cycles.
func (in *Instance) Validate() error {
	var v dagang.Validation
	n := 0
	add := func(field, id, en string, args ...any) {
		if n < maxFieldErrs {
			v.Add(field, fmt.Sprintf(id, args...), fmt.Sprintf(en, args...))
		}
		n++
	}
	if in.Format != InstanceFormat {
		add("format", "format harus %q", "format must be %q", InstanceFormat)
	}
	if in.Slots < 1 || in.Slots > maxSlots {
		add("slots", "jumlah slot harus 1 sampai %d", "slots must be 1 to %d", maxSlots)
	}
	if in.Tables < 1 || in.Tables > maxTables {
		add("tables", "jumlah meja harus 1 sampai %d", "tables must be 1 to %d", maxTables)
	}
	if len(in.Meetings) > maxMeetings {
		add("meetings", "terlalu banyak pertemuan (maks. %d)", "too many meetings (max %d)", maxMeetings)
	}
	if len(in.Participants)*max(in.Slots, 1) > maxCells {
		add("participants", "terlalu banyak peserta untuk %d slot", "too many participants for %d slots", in.Slots)
	}
	if err := v.Err(); err != nil {
		return err
	}
	inRange := func(t int) bool { return t >= 0 && t < in.Slots }

	sessions := make(map[string]Session, len(in.Sessions))
	for i, s := range in.Sessions {
		f := fmt.Sprintf("sessions[%d]", i)
		if s.Name == "" {
			add(f+".name", "nama sesi kosong", "session name is empty")
		} else if _, dup := sessions[s.Name]; dup {
			add(f+".name", "sesi %q ganda", "session %q appears twice", s.Name)
		}
		if s.From < 0 || s.To > in.Slots || s.From >= s.To {
			add(f, "rentang sesi %q [%d, %d) tidak sah", "session %q range [%d, %d) is invalid", s.Name, s.From, s.To)
		}
		sessions[s.Name] = s
	}

	parts := make(map[string]int, len(in.Participants))
	for i, p := range in.Participants {
		f := fmt.Sprintf("participants[%d]", i)
		if p.ID == "" {
			add(f+".id", "id peserta kosong", "participant id is empty")
		} else if _, dup := parts[p.ID]; dup {
			add(f+".id", "peserta %q ganda", "participant %q appears twice", p.ID)
		}
		parts[p.ID] = i
		for _, t := range p.Unavailable {
			if !inRange(t) {
				add(f+".unavailable", "peserta %q: slot %d di luar rentang", "participant %q: slot %d out of range", p.ID, t)
			}
		}
		if p.MaxMeetings != nil && *p.MaxMeetings < 0 {
			add(f+".max_meetings", "peserta %q: batas pertemuan negatif", "participant %q: negative meeting cap", p.ID)
		}
	}

	for i, m := range in.Meetings {
		f := fmt.Sprintf("meetings[%d]", i)
		pa, okA := parts[m.A]
		pb, okB := parts[m.B]
		if !okA {
			add(f+".a", "pertemuan %d: peserta %q tidak dikenal", "meeting %d: unknown participant %q", i, m.A)
		}
		if !okB {
			add(f+".b", "pertemuan %d: peserta %q tidak dikenal", "meeting %d: unknown participant %q", i, m.B)
		}
		if okA && okB && m.A == m.B {
			add(f, "pertemuan %d: peserta %q bertemu dirinya sendiri", "meeting %d: participant %q meets itself", i, m.A)
		}
		if m.Weight < 0 || m.Weight > maxWeight {
			add(f+".weight", "pertemuan %d: bobot %d di luar 0 sampai %d", "meeting %d: weight %d outside 0 to %d", i, m.Weight, maxWeight)
		}
		s, okS := sessions[m.Session]
		if m.Session != "" && !okS {
			add(f+".session", "pertemuan %d: sesi %q tidak dikenal", "meeting %d: unknown session %q", i, m.Session)
		}
		if m.FixedSlot == nil {
			continue
		}
		t := *m.FixedSlot
		switch {
		case !inRange(t):
			add(f+".fixed_slot", "pertemuan %d: slot tetap %d di luar rentang", "meeting %d: fixed slot %d out of range", i, t)
		case okS && (t < s.From || t >= s.To):
			add(f+".fixed_slot", "pertemuan %d: slot tetap %d di luar sesi %q", "meeting %d: fixed slot %d is outside session %q", i, t, m.Session)
		case okA && slices.Contains(in.Participants[pa].Unavailable, t):
			add(f+".fixed_slot", "pertemuan %d: peserta %q tidak tersedia pada slot tetap %d", "meeting %d: participant %q is unavailable in its fixed slot %d", i, m.A, t)
		case okB && slices.Contains(in.Participants[pb].Unavailable, t):
			add(f+".fixed_slot", "pertemuan %d: peserta %q tidak tersedia pada slot tetap %d", "meeting %d: participant %q is unavailable in its fixed slot %d", i, m.B, t)
		}
	}

	nm := len(in.Meetings)
	precOK := true
	for k, pr := range in.Precedences {
		f := fmt.Sprintf("precedences[%d]", k)
		if len(pr) != 2 || pr[0] < 0 || pr[0] >= nm || pr[1] < 0 || pr[1] >= nm || pr[0] == pr[1] {
			add(f, "urutan %v tidak sah: harus dua nomor pertemuan yang berbeda", "precedence %v is invalid: it must name two different meetings", pr)
			precOK = false
		}
	}
	if precOK {
		if cyc := precedenceCycle(nm, in.Precedences); cyc != nil {
			names := make([]string, len(cyc))
			for i, m := range cyc {
				names[i] = fmt.Sprint(m)
			}
			path := strings.Join(names, " → ") + " → " + names[0]
			add("precedences", "pertemuan %s membentuk siklus urutan", "meetings %s form a precedence cycle", path)
		}
	}
	if n > maxFieldErrs {
		v.Add("", fmt.Sprintf("dan %d kesalahan lain", n-maxFieldErrs), fmt.Sprintf("and %d more errors", n-maxFieldErrs))
	}
	return v.Err()
}

// precedenceCycle returns the meetings of one precedence cycle, in order,
// or nil when the precedences form a DAG.
func precedenceCycle(n int, precs [][]int) []int {
	succ := make([][]int, n)
	for _, p := range precs {
		succ[p[0]] = append(succ[p[0]], p[1])
	}
	const (
		white = iota
		grey
		black
	)
	color := make([]byte, n)
	parent := make([]int, n)
	next := make([]int, n) // iterative DFS: index of the next successor to visit
	for s := 0; s < n; s++ {
		if color[s] != white || len(succ[s]) == 0 {
			continue
		}
		stack := []int{s}
		color[s] = grey
		parent[s] = -1
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			if next[u] == len(succ[u]) {
				color[u] = black
				stack = stack[:len(stack)-1]
				continue
			}
			v := succ[u][next[u]]
			next[u]++
			switch color[v] {
			case white:
				color[v] = grey
				parent[v] = u
				stack = append(stack, v)
			case grey: // back edge u → v closes a cycle v … u
				var cyc []int
				for x := u; x != v; x = parent[x] {
					cyc = append(cyc, x)
				}
				cyc = append(cyc, v)
				slices.Reverse(cyc)
				return cyc
			}
		}
	}
	return nil
}
