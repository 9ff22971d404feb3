package delegation

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dagang/dagang"
)

// explain turns the evaluated applicants (in rank order, the optimum marked
// chosen) into a Proposal with a reason for everyone.
func explain(evs []*eval, dest Destination, p Policy) Proposal {
	prop := Proposal{
		Destination: dest.Name,
		Policy:      p,
		Filled:      map[Role]int{},
	}
	worst := map[Role]*eval{}         // lowest-ranked chosen per role
	inRegency := map[string][]*eval{} // chosen per regency, in rank order
	for _, e := range evs {
		if e.chosen {
			prop.Filled[e.a.Role]++
			prop.TotalScore += e.score
			worst[e.a.Role] = e
			inRegency[e.a.Regency] = append(inRegency[e.a.Regency], e)
		}
	}
	// Decisions are listed by role, then rank: order the pointers once
	// rather than sorting the (large) decisions.
	byRole := slices.Clone(evs)
	slices.SortStableFunc(byRole, func(x, y *eval) int { return roleCompare(x.a.Role, y.a.Role, p.Quota) })
	n := 0
	for _, f := range prop.Filled {
		n += f
	}
	prop.PassedOver = make([]Decision, 0, len(evs)-n)
	for _, e := range byRole {
		d := Decision{
			BusinessID: e.a.BusinessID, Name: e.a.Name, Regency: e.a.Regency,
			RegencyName: e.a.RegencyName, Role: e.a.Role,
			Fit: e.fit, Penalty: e.penalty, Score: e.score,
		}
		for _, j := range e.matched {
			d.Matched = append(d.Matched, dest.Needs[j].Commodity)
		}
		r := e.a.Role
		w := worst[r]
		full := p.MaxPerRegency > 0 && len(inRegency[e.a.Regency]) >= p.MaxPerRegency
		switch {
		case e.chosen:
			d.Why = WhyChosen
			d.Reason, d.ReasonEN = chosenReason(e, dest, p)
		case e.status == ineligible:
			d.Why = WhyIneligible
			d.Reason, d.ReasonEN = "Tidak dipilih: tidak memenuhi syarat.", "Not chosen: not eligible."
			if e.a.IneligibleReason != "" {
				d.Reason = fmt.Sprintf("Tidak dipilih: tidak memenuhi syarat (%s).", e.a.IneligibleReason)
				d.ReasonEN = fmt.Sprintf("Not chosen: not eligible (%s).",
					orElse(e.a.IneligibleReasonEN, e.a.IneligibleReason))
			}
		case e.status == noQuota:
			d.Why = WhyNoQuota
			d.Reason = fmt.Sprintf("Tidak dipilih: tidak ada kuota untuk peran %s.", roleID(r))
			d.ReasonEN = fmt.Sprintf("Not chosen: there is no seat for the role %s.", roleEN(r))
		case e.status == rotated:
			d.Why = WhyRotation
			d.Reason = fmt.Sprintf("Tidak dipilih: sudah ikut pada %s (aturan rotasi %d tahun).",
				years(e.recent), p.RotationYears)
			d.ReasonEN = fmt.Sprintf("Not chosen: took part in %s (rotation rule of %d years).",
				years(e.recent), p.RotationYears)
		case full && (prop.Filled[r] < p.Quota[r] || (w != nil && e.pos < w.pos)):
			d.Why = WhyRegencyCap
			names := make([]string, 0, p.MaxPerRegency)
			for _, c := range inRegency[e.a.Regency] {
				names = append(names, c.a.Name)
			}
			reg := orElse(e.a.RegencyName, e.a.Regency)
			d.Reason = fmt.Sprintf("Tidak dipilih: kuota per kabupaten/kota (%d) untuk %s sudah penuh oleh %s.",
				p.MaxPerRegency, reg, strings.Join(names, ", "))
			d.ReasonEN = fmt.Sprintf("Not chosen: the per-regency limit (%d) for %s is taken by %s.",
				p.MaxPerRegency, reg, strings.Join(names, ", "))
		case w != nil && prop.Filled[r] >= p.Quota[r] && e.pos > w.pos && e.score < w.score:
			d.Why = WhyLowerScore
			d.Reason = fmt.Sprintf("Tidak dipilih: skor kecocokan lebih rendah dari peserta terpilih (%s < %s).",
				score(e.score, ","), score(w.score, ","))
			d.ReasonEN = fmt.Sprintf("Not chosen: lower fit score than the chosen businesses (%s < %s).",
				score(e.score, "."), score(w.score, "."))
		case w != nil && prop.Filled[r] >= p.Quota[r] && e.pos > w.pos:
			d.Why = WhyTieBreak
			if w.never && !e.never {
				d.Reason = fmt.Sprintf("Tidak dipilih: skor kecocokan sama dengan %s (%s), yang didahulukan karena belum pernah ikut.",
					w.a.Name, score(w.score, ","))
				d.ReasonEN = fmt.Sprintf("Not chosen: same fit score as %s (%s), who goes first as it never took part.",
					w.a.Name, score(w.score, "."))
			} else {
				d.Reason = fmt.Sprintf("Tidak dipilih: skor kecocokan sama dengan %s (%s), yang didahulukan karena nomor usahanya lebih kecil (%d < %d).",
					w.a.Name, score(w.score, ","), w.a.BusinessID, e.a.BusinessID)
				d.ReasonEN = fmt.Sprintf("Not chosen: same fit score as %s (%s), who goes first by its lower business number (%d < %d).",
					w.a.Name, score(w.score, "."), w.a.BusinessID, e.a.BusinessID)
			}
		default:
			d.Why = WhyNotOptimal
			d.Reason = "Tidak dipilih: tidak termasuk susunan delegasi dengan skor total tertinggi."
			d.ReasonEN = "Not chosen: not part of the delegation with the highest total score."
		}
		if e.chosen {
			prop.Chosen = append(prop.Chosen, d)
		} else {
			prop.PassedOver = append(prop.PassedOver, d)
		}
	}
	prop.Shortfall = shortfall(p.Quota, prop.Chosen, prop.PassedOver, p.MaxPerRegency)
	return prop
}

// chosenReason says why e was chosen: what it offers and its history.
func chosenReason(e *eval, dest Destination, p Policy) (id, en string) {
	if len(e.matched) == 0 {
		id = fmt.Sprintf("Dipilih untuk mengisi kuota: tidak ada produk yang sesuai kebutuhan %s (skor 0)", dest.Name)
		en = fmt.Sprintf("Chosen to fill the quota: no product meets %s's needs (score 0)", dest.Name)
	} else {
		names := make([]string, len(e.matched))
		for i, j := range e.matched {
			names[i] = orElse(dest.Needs[j].Name, dest.Needs[j].Commodity)
		}
		list := strings.Join(names, ", ")
		id = fmt.Sprintf("Dipilih: produk %s sesuai kebutuhan %s (skor %s)", list, dest.Name, score(e.fit, ","))
		en = fmt.Sprintf("Chosen: products %s meet %s's needs (score %s)", list, dest.Name, score(e.fit, "."))
	}
	switch {
	case e.never:
		id += "; belum pernah ikut misi dagang."
		en += "; never took part in a trade mission."
	case len(e.recent) > 0 && p.RotationMode == RotationPenalty:
		id += fmt.Sprintf("; sudah ikut pada %s, skor dikurangi penalti rotasi %s menjadi %s.",
			years(e.recent), score(e.penalty, ","), score(e.score, ","))
		en += fmt.Sprintf("; took part in %s, score reduced by the rotation penalty %s to %s.",
			years(e.recent), score(e.penalty, "."), score(e.score, "."))
	case p.RotationYears == 0:
		id += fmt.Sprintf("; terakhir ikut %d (tanpa aturan rotasi).", e.last)
		en += fmt.Sprintf("; last took part in %d (no rotation rule).", e.last)
	default:
		id += fmt.Sprintf("; terakhir ikut %d, di luar masa rotasi %d tahun.", e.last, p.RotationYears)
		en += fmt.Sprintf("; last took part in %d, outside the %d-year rotation period.", e.last, p.RotationYears)
	}
	return id, en
}

// shortfall reports the roles whose seats are not all filled, or nil.
func shortfall(quota map[Role]int, chosen, passed []Decision, maxPerRegency int) *dagang.Error {
	var v dagang.Validation
	for _, r := range roleOrder(quota) {
		filled, avail, rot, inel := 0, 0, 0, 0
		for _, d := range chosen {
			if d.Role == r {
				filled++
				avail++
			}
		}
		if filled >= quota[r] {
			continue
		}
		for _, d := range passed {
			switch {
			case d.Role != r:
			case d.Why == WhyRotation:
				rot++
			case d.Why == WhyIneligible:
				inel++
			default:
				avail++
			}
		}
		id := fmt.Sprintf("hanya %d dari %d kursi %s terisi", filled, quota[r], roleID(r))
		en := fmt.Sprintf("only %d of %d %s seats filled", filled, quota[r], roleEN(r))
		if avail < quota[r] {
			id += fmt.Sprintf("; pelamar yang memenuhi syarat hanya %d (%d dikecualikan aturan rotasi, %d tidak memenuhi syarat)",
				avail, rot, inel)
			en += fmt.Sprintf("; only %d eligible applicants (%d excluded by rotation, %d not eligible)",
				avail, rot, inel)
		} else if maxPerRegency > 0 {
			id += fmt.Sprintf("; batas %d per kabupaten/kota membatasi pilihan", maxPerRegency)
			en += fmt.Sprintf("; the limit of %d per regency restricts the choice", maxPerRegency)
		}
		v.Add("quota."+string(r), id, en)
	}
	err := v.Err()
	if err == nil {
		return nil
	}
	e := err.(*dagang.Error)
	e.Message = "Kuota delegasi tidak terpenuhi; ini susunan terbaik yang mungkin"
	e.MessageEN = "The delegation quota cannot be filled; this is the best possible delegation"
	return e
}

// roleID names a role in Indonesian.
func roleID(r Role) string {
	switch r {
	case RoleMatching:
		return "pencari mitra (temu bisnis)"
	case RoleExhibitor:
		return "peserta pameran"
	}
	return string(r)
}

// roleEN names a role in English.
func roleEN(r Role) string {
	switch r {
	case RoleMatching:
		return "business matching"
	case RoleExhibitor:
		return "exhibitor"
	}
	return string(r)
}

// score formats a scaled score with the given decimal separator: 2500 is
// "2,5" in Indonesian.
func score(m int64, sep string) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	s := sign + strconv.FormatInt(m/ScoreScale, 10)
	if f := m % ScoreScale; f != 0 {
		s += sep + strings.TrimRight(fmt.Sprintf("%03d", f), "0")
	}
	return s
}

// years lists years: "2017, 2018".
func years(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// orElse returns the first non-empty string.
func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// roleCompare orders roles as roleOrder does, roles without a quota last.
func roleCompare(a, b Role, quota map[Role]int) int {
	idx := func(r Role) int {
		switch _, ok := quota[r]; {
		case !ok:
			return 3
		case r == RoleMatching:
			return 0
		case r == RoleExhibitor:
			return 1
		}
		return 2
	}
	if d := idx(a) - idx(b); d != 0 {
		return d
	}
	return strings.Compare(string(a), string(b))
}

// sortDecisions orders decisions by role (as roleCompare), keeping the
// order within a role.
func sortDecisions(ds []Decision, quota map[Role]int) {
	slices.SortStableFunc(ds, func(a, b Decision) int { return roleCompare(a.Role, b.Role, quota) })
}
