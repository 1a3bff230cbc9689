package console

import (
	"fmt"

	"k8s.io/apimachinery/pkg/api/equality"
)

// immutableFields collects the messages for fields that change and that
// the API server does not let change in place.
type immutableFields struct {
	kind, name string
	msgs       []string
}

func (f *immutableFields) check(field string, before, after any) {
	if !equality.Semantic.DeepEqual(before, after) {
		f.msgs = append(f.msgs, fmt.Sprintf("%s %s: %s changes, and it is immutable: the API server rejects the update; delete the %s first (its pods are replaced)",
			f.kind, f.name, field, f.kind))
	}
}
