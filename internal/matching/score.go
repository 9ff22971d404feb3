package matching

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/dagang/dagang"
)

// Commodity part of the score by how much of the HS code two commodities
// share; an implied need (an input of the buyer's product) counts at
// impliedFactor of that.
const (
	hsSame        = 1.0 // same 6-digit subheading (or the same commodity)
	hsHeading     = 0.6 // same 4-digit heading
	hsChapter     = 0.3 // same 2-digit chapter
	impliedFactor = 0.7
	unknownVolume = 0.5 // a volume not stated on either side
)

// hsLevel returns the commodity part and the number of HS digits shared.
func hsLevel(a, b *Commodity) (float64, int) {
	switch {
	case a.ID == b.ID || (len(a.HSCode) == 6 && a.HSCode == b.HSCode):
		return hsSame, 6
	case len(a.HSCode) >= 4 && len(b.HSCode) >= 4 && a.HSCode[:4] == b.HSCode[:4]:
		return hsHeading, 4
	case len(a.HSCode) >= 2 && len(b.HSCode) >= 2 && a.HSCode[:2] == b.HSCode[:2]:
		return hsChapter, 2
	}
	return 0, 0
}

// stageIndex places a stage in processing order, -1 when unknown.
func stageIndex(s dagang.Stage) int { return slices.Index(dagang.Stages, s) }

// parts rates the seller's offer against one of the buyer's needs, without
// writing reasons. ok is false when the commodities do not share an HS
// chapter; digits is the number of HS digits they share.
func (m *matcher) parts(seller, buyer *Participant, o *offer, n *need) (p Parts, digits int, ok bool) {
	co, cn := m.com[o.item.CommodityID], m.com[n.item.CommodityID]
	if co == nil || cn == nil {
		return p, 0, false
	}
	p.Commodity, digits = hsLevel(co, cn)
	if digits == 0 {
		return p, 0, false
	}
	if n.implied {
		p.Commodity *= impliedFactor
	}
	so, sn := stageIndex(co.Stage), stageIndex(cn.Stage)
	switch {
	case so < 0 || sn < 0:
	case so == sn:
		p.Stage = 1
	case so-sn == 1 || sn-so == 1:
		p.Stage = 0.5
	}
	p.Volume = volumePart(o.item, n.item)
	p.Text = cosine(o.vec, n.vec)
	p.Complement = -1
	if c, ok := m.in.Complementarity[partnerOf(seller, buyer).Province]; ok {
		p.Complement = math.Max(0, math.Min(1, c))
	}
	return p, digits, true
}

func partnerOf(seller, buyer *Participant) *Participant {
	if buyer.Side == Partner {
		return buyer
	}
	return seller
}

// explain writes the seller's suggestion for a pick, with its reasons.
func (m *matcher) explain(pk pick) Suggestion {
	seller, buyer := &m.in.Participants[pk.seller], &m.in.Participants[pk.buyer]
	o, n := &m.offers[pk.seller][pk.offerIx], &m.needs[pk.buyer][pk.needIx]
	p, digits, _ := m.parts(seller, buyer, o, n)
	co, cn := m.com[o.item.CommodityID], m.com[n.item.CommodityID]
	oID, oEN := m.label(co.ID)
	nID, nEN := m.label(cn.ID)
	rs := []Reason{m.headline(Sells, co.ID, buyer)}
	switch digits {
	case 6:
		rs = append(rs, Reason{fmt.Sprintf("Komoditas sama: %s (HS %s)", oID, co.HSCode), fmt.Sprintf("Same commodity: %s (HS %s)", oEN, co.HSCode)})
	case 4:
		rs = append(rs, Reason{fmt.Sprintf("Pos HS sama (%s): %s dan %s", co.HSCode[:4], oID, nID), fmt.Sprintf("Same HS heading (%s): %s and %s", co.HSCode[:4], oEN, nEN)})
	case 2:
		rs = append(rs, Reason{fmt.Sprintf("Bab HS sama (%s): %s dan %s", co.HSCode[:2], oID, nID), fmt.Sprintf("Same HS chapter (%s): %s and %s", co.HSCode[:2], oEN, nEN)})
	}
	if n.implied {
		rs = append(rs, Reason{fmt.Sprintf("%s adalah bahan baku produk %s", nID, buyer.Name), fmt.Sprintf("%s is an input of %s's products", nEN, buyer.Name)})
	}
	if p.Stage == 1 {
		rs = append(rs, Reason{"Tahap pengolahan sama: " + co.Stage.Label(), "Same processing stage: " + string(co.Stage)})
	}
	rs = volumeReason(o.item, n.item, p.Volume, rs)
	if p.Text >= 0.2 {
		shared := sharedWords(o.vec, n.vec)
		rs = append(rs, Reason{fmt.Sprintf("Deskripsi mirip (%.0f%%; kata sama: %s)", p.Text*100, shared), fmt.Sprintf("Similar descriptions (%.0f%%; shared words: %s)", p.Text*100, shared)})
	}
	if p.Complement >= 0 {
		partner := partnerOf(seller, buyer)
		name := cmp.Or(partner.ProvinceName, partner.Province)
		rs = append(rs, Reason{fmt.Sprintf("Kesalingmelengkapan dengan %s: %s (1 = mitra terbaik)", name, strings.Replace(fmt.Sprintf("%.2f", p.Complement), ".", ",", 1)),
			fmt.Sprintf("Complementarity with %s: %.2f (1 = best partner)", name, p.Complement)})
	}
	return Suggestion{Participant: seller.ID, Counterpart: buyer.ID, Direction: Sells, Offer: co.ID, Need: cn.ID, Parts: p,
		Implied: n.implied, Score: total(p), Reasons: rs}
}

// volumePart compares the seller's monthly capacity with the buyer's need.
func volumePart(offer, need *Item) float64 {
	if offer.Volume <= 0 || need.Volume <= 0 || !strings.EqualFold(strings.TrimSpace(offer.Unit), strings.TrimSpace(need.Unit)) {
		return unknownVolume
	}
	return math.Min(1, offer.Volume/need.Volume)
}

// volumeReason says how much of the need the capacity covers, when both
// are stated in the same unit.
func volumeReason(offer, need *Item, part float64, rs []Reason) []Reason {
	if offer.Volume <= 0 || need.Volume <= 0 || !strings.EqualFold(strings.TrimSpace(offer.Unit), strings.TrimSpace(need.Unit)) {
		return rs
	}
	u := strings.TrimSpace(offer.Unit)
	if part >= 1 {
		return append(rs, Reason{
			fmt.Sprintf("Kapasitas %s %s/bulan mencukupi kebutuhan %s %s/bulan", num(offer.Volume), u, num(need.Volume), u),
			fmt.Sprintf("Capacity of %s %s/month covers the need of %s %s/month", num(offer.Volume), u, num(need.Volume), u)})
	}
	return append(rs, Reason{
		fmt.Sprintf("Kapasitas %s %s/bulan memenuhi %.0f%% kebutuhan %s %s/bulan", num(offer.Volume), u, part*100, num(need.Volume), u),
		fmt.Sprintf("Capacity of %s %s/month covers %.0f%% of the need of %s %s/month", num(offer.Volume), u, part*100, num(need.Volume), u)})
}

// num writes a volume without needless decimals, Indonesian style.
func num(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return strings.Replace(s, ".", ",", 1)
}

// sharedWords lists up to five words two texts share, alphabetically.
func sharedWords(a, b vector) string {
	var ws []string
	for i, j := 0, 0; i < len(a.terms) && j < len(b.terms); {
		switch x, y := a.terms[i].id, b.terms[j].id; {
		case x < y:
			i++
		case x > y:
			j++
		default:
			ws = append(ws, a.words[x])
			i++
			j++
		}
	}
	slices.Sort(ws)
	if len(ws) > 5 {
		ws = ws[:5]
	}
	return strings.Join(ws, ", ")
}

// total combines the parts into a score from 0 to 100, leaving out an
// unknown complementarity.
func total(p Parts) float64 {
	sum := weightCommodity*p.Commodity + weightStage*p.Stage + weightVolume*p.Volume + weightText*p.Text
	w := float64(weightCommodity + weightStage + weightVolume + weightText)
	if p.Complement >= 0 {
		sum += weightComplement * p.Complement
		w += weightComplement
	}
	return math.Round(sum/w*1000) / 10
}
