package complement

import (
	"math"
	"slices"
)

// Quality weights of evidence (see docs/complementarity.md, "Confidence").
const (
	qualityDeclared  = 0.5 // a staff declaration, or a need inferred from an input link
	convertedPenalty = 0.9 // a figure converted by a documented factor
)

func statusWeight(s Status) float64 {
	switch s {
	case StatusFinal:
		return 1
	case StatusPublished:
		return 0.9
	case StatusPreliminary:
		return 0.8
	case StatusEstimate:
		return 0.7
	}
	return 0.5
}

// outputLink is one product made from a commodity.
type outputLink struct {
	output int // index into world.commodities
	link   InputLink
}

// world holds the catalogue, the provinces and a way to reach the evidence
// of one province and commodity. lookup is the only part that differs
// between the indexed analysis and the naive reference in the benchmark.
type world struct {
	opt         Options
	provinces   []Province
	commodities []Commodity
	provIdx     map[string]int
	comIdx      map[string]int
	outputs     [][]outputLink // by input commodity index
	evidence    []Evidence
	// stale marks evidence that never decides a position: a pre-2022
	// territory or a superseded series (read once, not at every lookup).
	stale  []bool
	lookup func(p, c int) []int32 // indices into evidence
}

func newWorld(provinces []Province, commodities []Commodity, evidence []Evidence, opt Options) *world {
	w := &world{
		opt:         opt,
		provinces:   provinces,
		commodities: commodities,
		provIdx:     make(map[string]int, len(provinces)),
		comIdx:      make(map[string]int, len(commodities)),
		outputs:     make([][]outputLink, len(commodities)),
		evidence:    evidence,
		stale:       make([]bool, len(evidence)),
	}
	for i := range evidence {
		w.stale[i] = IsOldTerritory(evidence[i]) || IsSuperseded(evidence[i])
	}
	for i, p := range provinces {
		w.provIdx[p.Code] = i
	}
	for i, c := range commodities {
		w.comIdx[c.ID] = i
	}
	for i, c := range commodities {
		for _, l := range c.Inputs {
			if in, ok := w.comIdx[l.Input]; ok {
				w.outputs[in] = append(w.outputs[in], outputLink{output: i, link: l})
			}
		}
	}
	return w
}

// index groups the evidence by province and commodity once (a counting
// sort into one flat array), so that each lookup is a slice access.
func (w *world) index() {
	nc := len(w.commodities)
	cell := make([]int32, len(w.evidence))
	start := make([]int32, len(w.provinces)*nc+1)
	for i := range w.evidence {
		e := &w.evidence[i]
		p, ok1 := w.provIdx[e.Province]
		c, ok2 := w.comIdx[e.Commodity]
		cell[i] = -1
		if ok1 && ok2 {
			cell[i] = int32(p*nc + c)
			start[p*nc+c+1]++
		}
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	flat := make([]int32, start[len(start)-1])
	next := append([]int32(nil), start[:len(start)-1]...)
	for i, k := range cell {
		if k >= 0 {
			flat[next[k]] = int32(i)
			next[k]++
		}
	}
	w.lookup = func(p, c int) []int32 {
		k := p*nc + c
		return flat[start[k]:start[k+1]:start[k+1]]
	}
}

// scan is the naive lookup: it reads all the evidence every time.
func (w *world) scan() {
	w.lookup = func(p, c int) []int32 {
		var out []int32
		code, id := w.provinces[p].Code, w.commodities[c].ID
		for i := range w.evidence {
			if w.evidence[i].Province == code && w.evidence[i].Commodity == id {
				out = append(out, int32(i))
			}
		}
		return out
	}
}

// usable says whether evidence falls within the chosen year.
func (w *world) usable(e *Evidence) bool {
	return w.opt.Year == 0 || e.Year <= w.opt.Year
}

// figure is one normalised statistic.
type figure struct {
	id        string
	year      int
	value     float64
	unit      string
	quality   float64
	converted bool
}

// better orders figures: later year, then unconverted, then higher
// quality, then ID for determinism.
func (f figure) better(g figure) bool {
	if f.year != g.year {
		return f.year > g.year
	}
	if f.converted != g.converted {
		return !f.converted
	}
	if f.quality != g.quality {
		return f.quality > g.quality
	}
	return f.id < g.id
}

// bestFigures returns the best figure of the given kind for each unit.
// A province has few units per commodity, so a slice beats a map.
func (w *world) bestFigures(idx []int32, kind Kind) []figure {
	var best []figure
	for _, i := range idx {
		e := &w.evidence[i]
		if e.Kind != kind || !w.usable(e) || w.stale[i] {
			continue
		}
		q, ok := Normalize(*e)
		if !ok {
			continue
		}
		f := figure{id: e.ID, year: e.Year, value: q.Value, unit: q.Unit,
			quality: statusWeight(e.Status), converted: q.Conversion != ""}
		if f.converted {
			f.quality *= convertedPenalty
		}
		j := slices.IndexFunc(best, func(g figure) bool { return g.unit == f.unit })
		switch {
		case j < 0:
			best = append(best, f)
		case f.better(best[j]):
			best[j] = f
		}
	}
	return best
}

// unitFigure returns the figure in the given unit.
func unitFigure(figs []figure, unit string) (figure, bool) {
	for _, f := range figs {
		if f.unit == unit {
			return f, true
		}
	}
	return figure{}, false
}

// position decides the state of province p in commodity c: statistics
// first, declarations otherwise, then a need inferred from input links.
func (w *world) position(p, c int) Position {
	pos := Position{Province: w.provinces[p].Code, Commodity: w.commodities[c].ID, State: Unknown}
	idx := w.lookup(p, c)
	if !w.fromStatistics(&pos, p, c, idx) {
		w.fromDeclarations(&pos, idx)
		if pos.State == Unknown && pos.Note == "" && w.oldTerritoryOnly(idx) {
			pos.Note = "data hanya mencakup wilayah sebelum pemekaran Papua 2022"
		}
	}
	if pos.State != Unknown && pos.State != Deficit {
		return pos
	}
	via, ids := w.inputUses(p, c)
	if len(via) == 0 {
		return pos
	}
	if pos.State == Unknown {
		if pos.Note != "" { // conflicting declarations: do not decide
			return pos
		}
		if w.producesItself(idx) {
			// The need exists, but so does local supply of unknown size:
			// whether it falls short cannot be told.
			pos.Note = "dibutuhkan sebagai bahan baku, tetapi produksi sendiri tidak dapat dibandingkan"
			pos.Via = via
			return pos
		}
		pos.State, pos.Basis, pos.Quality = Deficit, BasisInputNeed, qualityDeclared
	}
	pos.Via = via
	pos.Evidence = mergeIDs(pos.Evidence, ids)
	return pos
}

// oldTerritoryOnly says whether the production figures of a cell all cover
// a pre-2022 territory.
func (w *world) oldTerritoryOnly(idx []int32) bool {
	n := 0
	for _, i := range idx {
		if e := &w.evidence[i]; e.Kind == Production {
			if !IsOldTerritory(*e) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// producesItself says whether the evidence records any production.
func (w *world) producesItself(idx []int32) bool {
	for _, i := range idx {
		if e := &w.evidence[i]; e.Kind == Production && w.usable(e) {
			return true
		}
	}
	return false
}

// fromStatistics sets pos from production and consumption in one unit.
func (w *world) fromStatistics(pos *Position, p, c int, idx []int32) bool {
	prod := w.bestFigures(idx, Production)
	cons := w.bestFigures(idx, Consumption)
	var pf, cf figure
	found := false
	for _, c := range cons {
		p, ok := unitFigure(prod, c.unit)
		if !ok {
			continue
		}
		y, best := min(p.year, c.year), min(pf.year, cf.year)
		if !found || y > best || y == best && c.unit < cf.unit {
			pf, cf, found = p, c, true
		}
	}
	if !found {
		return false
	}
	unit := cf.unit
	pos.Basis, pos.Unit = BasisStatistics, unit
	pos.Production, pos.Consumption = pf.value, cf.value
	pos.Quality = min(pf.quality, cf.quality)
	pos.Evidence = []string{pf.id, cf.id}
	if unit == commodityMassUnit(w.commodities[c].ID) {
		for _, o := range w.outputs[c] {
			if o.link.Ratio == nil {
				continue
			}
			op := w.bestFigures(w.lookup(p, o.output), Production)
			f, ok := unitFigure(op, commodityMassUnit(w.commodities[o.output].ID))
			if !ok {
				// Without the product's production the input need is
				// unknown, not zero: the position is not decided.
				pos.State, pos.Quality = Unknown, 0
				pos.Note = "kebutuhan sebagai bahan baku " + w.commodities[o.output].ID + " tidak dapat dihitung: produksinya belum ada"
				slices.Sort(pos.Evidence)
				return true
			}
			pos.InputDemand += *o.link.Ratio * f.value
			pos.Evidence = append(pos.Evidence, f.id)
		}
	}
	pos.Net = pos.Production - pos.Consumption - pos.InputDemand
	tol := w.opt.Tolerance * math.Max(pos.Production, pos.Consumption+pos.InputDemand)
	switch {
	case pos.Net > tol:
		pos.State = Surplus
	case pos.Net < -tol:
		pos.State = Deficit
	default:
		pos.State = Balanced
	}
	slices.Sort(pos.Evidence)
	pos.Evidence = slices.Compact(pos.Evidence)
	return true
}

// fromDeclarations sets pos from the latest year's declarations. When that
// year holds both a surplus and a need, the position stays unknown.
func (w *world) fromDeclarations(pos *Position, idx []int32) {
	year := -1
	var surplus, need []string
	for _, i := range idx {
		e := &w.evidence[i]
		if e.Kind != SurplusDeclared && e.Kind != NeedDeclared || !w.usable(e) {
			continue
		}
		if e.Year > year {
			year, surplus, need = e.Year, nil, nil
		}
		if e.Year == year {
			if e.Kind == SurplusDeclared {
				surplus = append(surplus, e.ID)
			} else {
				need = append(need, e.ID)
			}
		}
	}
	switch {
	case len(surplus) > 0 && len(need) > 0:
		pos.Note = "pernyataan surplus dan kebutuhan bertentangan pada tahun yang sama"
		pos.Evidence = mergeIDs(surplus, need)
		return
	case len(surplus) > 0:
		pos.State, pos.Evidence = Surplus, mergeIDs(nil, surplus)
	case len(need) > 0:
		pos.State, pos.Evidence = Deficit, mergeIDs(nil, need)
	default:
		return
	}
	pos.Basis, pos.Quality = BasisDeclaration, qualityDeclared
}

// inputUses lists the products of province p that use commodity c as an
// input, with the evidence that p makes them: a production figure above
// zero or a declared surplus.
func (w *world) inputUses(p, c int) ([]InputUse, []string) {
	var via []InputUse
	var ids []string
	for _, o := range w.outputs[c] {
		// A production figure shows that the province makes the product;
		// a declared surplus is cited only where no figure does.
		var produced, declared []string
		for _, i := range w.lookup(p, o.output) {
			e := &w.evidence[i]
			if !w.usable(e) {
				continue
			}
			switch {
			case e.Kind == Production && e.Value != nil && *e.Value > 0:
				produced = append(produced, e.ID)
			case e.Kind == SurplusDeclared:
				declared = append(declared, e.ID)
			}
		}
		if len(produced) == 0 {
			produced = declared
		}
		ids = append(ids, produced...)
		if len(produced) > 0 {
			via = append(via, InputUse{Output: w.commodities[o.output].ID, Use: o.link.Use, UseEN: o.link.UseEN})
		}
	}
	return via, ids
}

// mergeIDs returns the sorted union of two ID lists.
func mergeIDs(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	out = append(append(out, a...), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// Positions returns the supply-and-need position of every province in
// every commodity of the catalogue, unknown ones included, in province
// then catalogue order. It is what Analyze compares; a page can show it
// as the table behind the ranking. The options are used as given (only
// Year and Tolerance matter here); Analyze validates them.
func Positions(provinces []Province, commodities []Commodity, evidence []Evidence, opt Options) []Position {
	w := newWorld(provinces, commodities, evidence, opt)
	w.index()
	out := make([]Position, 0, len(provinces)*len(commodities))
	for p := range provinces {
		for c := range commodities {
			out = append(out, w.position(p, c))
		}
	}
	return out
}
