package delegation

import (
	"fmt"
	"slices"

	"github.com/dagang/dagang"
)

// Action is what staff do to a proposal.
type Action string

// Override actions.
const (
	ActionAdd    Action = "add"    // take a passed-over applicant
	ActionRemove Action = "remove" // drop a chosen applicant
)

// Override is a staff decision that changes the proposal. Reason and By
// are required: the override is shown with them.
type Override struct {
	BusinessID int64  `json:"business_id"`
	Action     Action `json:"action"`
	Reason     string `json:"reason"`
	By         string `json:"by"`
}

// ApplyOverrides applies overrides in order to a copy of p and records
// them: the decision moves between Chosen and PassedOver, its reason
// becomes the staff's (the algorithm's reason is kept in Proposed), and
// Filled and Shortfall are recomputed. Staff may exceed a quota or the
// per-regency limit; Filled shows it. It fails with EINVALID for an
// incomplete override, ENOTFOUND for a business not in the proposal and
// ECONFLICT for adding a chosen or removing a passed-over business; p is
// never changed.
func ApplyOverrides(p Proposal, overrides []Override) (Proposal, error) {
	out := p
	out.Chosen = slices.Clone(p.Chosen)
	out.PassedOver = slices.Clone(p.PassedOver)
	out.Overrides = slices.Clone(p.Overrides)
	for i, o := range overrides {
		var v dagang.Validation
		f := fmt.Sprintf("overrides[%d].", i)
		v.Check(o.Action == ActionAdd || o.Action == ActionRemove, f+"action",
			"tindakan harus add atau remove", "action must be add or remove")
		v.Check(o.Reason != "", f+"reason", "alasan wajib diisi", "a reason is required")
		v.Check(o.By != "", f+"by", "nama petugas wajib diisi", "the staff member is required")
		if err := v.Err(); err != nil {
			return Proposal{}, err
		}
		from, to := &out.PassedOver, &out.Chosen
		if o.Action == ActionRemove {
			from, to = to, from
		}
		at := slices.IndexFunc(*from, func(d Decision) bool { return d.BusinessID == o.BusinessID })
		if at < 0 {
			// The refusal names the business and the field to change, so
			// that a form can show it beside the action.
			if there := slices.IndexFunc(*to, func(d Decision) bool { return d.BusinessID == o.BusinessID }); there >= 0 {
				name := (*to)[there].Name
				if o.Action == ActionAdd {
					return Proposal{}, conflict(f+"action", name+" sudah terpilih: untuk mengeluarkannya pilih Keluarkan", name+" is already chosen: choose Remove to take it out")
				}
				return Proposal{}, conflict(f+"action", name+" tidak terpilih: untuk memasukkannya pilih Tambahkan", name+" is not chosen: choose Add to bring it in")
			}
			return Proposal{}, &dagang.Error{Code: dagang.ENOTFOUND, Message: "pelaku usaha ini tidak ada dalam usulan", MessageEN: "this business is not in the proposal",
				Fields: []dagang.FieldError{{Field: f + "business_id", Message: "pelaku usaha ini tidak mendaftar ke kegiatan ini", MessageEN: "this business has not applied to this event"}}}
		}
		d := (*from)[at]
		*from = slices.Delete(*from, at, at+1)
		if d.Override == nil {
			d.Proposed, d.ProposedEN = d.Reason, d.ReasonEN
		}
		ov := o
		d.Override = &ov
		if o.Action == ActionAdd {
			d.Why = WhyAddedByUser
			d.Reason = fmt.Sprintf("Ditambahkan oleh %s: %s", o.By, o.Reason)
			d.ReasonEN = fmt.Sprintf("Added by %s: %s", o.By, o.Reason)
		} else {
			d.Why = WhyRemovedBy
			d.Reason = fmt.Sprintf("Dikeluarkan oleh %s: %s", o.By, o.Reason)
			d.ReasonEN = fmt.Sprintf("Removed by %s: %s", o.By, o.Reason)
		}
		*to = append(*to, d)
		out.Overrides = append(out.Overrides, o)
	}
	sortDecisions(out.Chosen, out.Policy.Quota)
	sortDecisions(out.PassedOver, out.Policy.Quota)
	out.Filled = map[Role]int{}
	for _, d := range out.Chosen {
		out.Filled[d.Role]++
	}
	out.Shortfall = shortfall(out.Policy.Quota, out.Chosen, out.PassedOver, out.Policy.MaxPerRegency)
	return out, nil
}

// conflict is an override that contradicts the proposal, with the reason
// on field.
func conflict(field, id, en string) error {
	return &dagang.Error{Code: dagang.ECONFLICT, Message: id, MessageEN: en, Fields: []dagang.FieldError{{Field: field, Message: id, MessageEN: en}}}
}
