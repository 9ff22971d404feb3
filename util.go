package dagang

import "strconv"

// indexed names the element i of a list field for field errors: "products[2].".
func indexed(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]." }
