package complement

import "strings"

// reason writes the Indonesian and English sentences that explain a
// candidate, e.g. "Kalsel dapat menjual beras, daging ayam dan telur ke
// Kaltim; Kaltim dapat memasok jagung untuk pakan ternak ayam di Kalsel."
func reason(home, partner Province, sell, buy []Flow) (id, en string) {
	h, p := home.label(), partner.label()
	switch {
	case len(sell) > 0 && len(buy) > 0:
		return clauseID(h, p, "menjual", sell) + "; " + clauseID(p, h, "memasok", buy) + ".",
			clauseEN(h, p, "sell", sell) + "; " + clauseEN(p, h, "supply", buy) + "."
	case len(sell) > 0:
		return clauseID(h, p, "menjual", sell) + "; belum terlihat produk " + p + " yang dibutuhkan " + h + ".",
			clauseEN(h, p, "sell", sell) + "; no product of " + p + " needed in " + h + " is on record yet."
	case len(buy) > 0:
		return clauseID(p, h, "memasok", buy) + "; belum terlihat produk " + h + " yang dibutuhkan " + p + ".",
			clauseEN(p, h, "supply", buy) + "; no product of " + h + " needed in " + p + " is on record yet."
	}
	return "Belum terlihat peluang dagang antara " + h + " dan " + p + " dari data yang ada.",
		"No trade opportunity between " + h + " and " + p + " is visible in the data yet."
}

// group is the flows that share one purpose: none (direct consumption) or
// the same input use.
type group struct {
	use, useEN string
	names      []string
	namesEN    []string
}

// groups splits flows into direct ones first, then one group per distinct
// input use, in the order the flows come.
func groups(flows []Flow) []group {
	out := []group{{}}
	for _, f := range flows {
		var use, useEN []string
		for _, v := range f.Via {
			use = appendNew(use, v.Use)
			useEN = appendNew(useEN, firstNonEmpty(v.UseEN, v.Use))
		}
		g := group{use: join(use, "dan"), useEN: join(useEN, "and")}
		i := 0
		for i = range out {
			if out[i].use == g.use {
				break
			}
		}
		if out[i].use != g.use {
			out = append(out, g)
			i = len(out) - 1
		}
		out[i].names = append(out[i].names, f.Name)
		out[i].namesEN = append(out[i].namesEN, firstNonEmpty(f.NameEN, f.Name))
	}
	if len(out[0].names) == 0 {
		out = out[1:]
	}
	return out
}

func clauseID(from, to, verb string, flows []Flow) string {
	var parts []string
	for _, g := range groups(flows) {
		if g.use == "" {
			parts = append(parts, join(g.names, "dan")+" ke "+to)
		} else {
			parts = append(parts, join(g.names, "dan")+" untuk "+g.use+" di "+to)
		}
	}
	return from + " dapat " + verb + " " + strings.Join(parts, " serta ")
}

func clauseEN(from, to, verb string, flows []Flow) string {
	var parts []string
	for _, g := range groups(flows) {
		if g.use == "" {
			parts = append(parts, join(g.namesEN, "and")+" to "+to)
		} else {
			parts = append(parts, join(g.namesEN, "and")+" as "+g.useEN+" in "+to)
		}
	}
	return from + " can " + verb + " " + strings.Join(parts, " as well as ")
}

// join lists words as "a, b dan c".
func join(words []string, and string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
