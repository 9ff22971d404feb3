package dagang

// ListOptions pages and sorts a list. Limit 0 means DefaultLimit; limits
// above MaxLimit are capped.
type ListOptions struct {
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
	Sort   string `json:"sort,omitempty"` // a field name, "-field" for descending
	Query  string `json:"q,omitempty"`    // free-text search where the list supports it
}

// Paging limits.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// Normalize returns o with its limits in range.
func (o ListOptions) Normalize() ListOptions {
	if o.Offset < 0 {
		o.Offset = 0
	}
	if o.Limit <= 0 {
		o.Limit = DefaultLimit
	}
	if o.Limit > MaxLimit {
		o.Limit = MaxLimit
	}
	return o
}
