package function

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/render"
)

// configIndex holds the content of the ConfigMaps and Secrets in the
// resource list, for spec.rolloutOnConfigChange. Nothing is looked up
// anywhere else.
type configIndex map[string][]byte // "Kind/namespace/name" → canonical content

func newConfigIndex(items fn.KubeObjects) configIndex {
	idx := configIndex{}
	for _, it := range items {
		if it.GetAPIVersion() != "v1" || (it.GetKind() != "ConfigMap" && it.GetKind() != "Secret") {
			continue
		}
		// Only what the pods see: data (and binaryData, stringData, type), not metadata.
		var content struct {
			Data       map[string]string `json:"data,omitempty"`
			BinaryData map[string]string `json:"binaryData,omitempty"`
			StringData map[string]string `json:"stringData,omitempty"`
			Type       string            `json:"type,omitempty"`
		}
		if err := it.As(&content); err != nil {
			continue
		}
		b, err := json.Marshal(content) // map keys sorted: deterministic
		if err != nil {
			continue
		}
		idx[configKey(it.GetKind(), it.GetNamespace(), it.GetName())] = b
	}
	return idx
}

func configKey(kind, namespace, name string) string { return kind + "/" + namespace + "/" + name }

// hash is the config-hash of a spec and the references not in the list.
func (idx configIndex) hash(s *api.ServiceSpec) (string, []string) {
	h := sha256.New()
	var missing []string
	for _, ref := range render.ConfigRefs(s) {
		content, ok := idx[configKey(ref.Kind, s.Namespace, ref.Name)]
		if !ok {
			missing = append(missing, ref.Kind+" "+ref.Name)
			continue
		}
		fmt.Fprintf(h, "%s/%s\n%s\n", ref.Kind, ref.Name, content)
	}
	return hex.EncodeToString(h.Sum(nil)), missing
}

// lazyConfigIndex builds the index on first use: decoding every ConfigMap
// and Secret is wasted work for the many lists that never ask for a hash.
type lazyConfigIndex struct {
	items fn.KubeObjects
	idx   configIndex
}

func (l *lazyConfigIndex) get() configIndex {
	if l.idx == nil {
		l.idx = newConfigIndex(l.items)
	}
	return l.idx
}

// configHash computes the pod annotation value for a spec that asks for
// it, reporting references to objects outside the list as info.
func configHash(s *source, configs *lazyConfigIndex, r *report) string {
	if !s.spec.Spec.RolloutOnConfigChange {
		return ""
	}
	sum, missing := configs.get().hash(s.spec)
	if len(missing) > 0 {
		r.add(s.obj, fn.Info, field.NewPath("spec", "rolloutOnConfigChange").String(),
			"not in the resource list, so not part of the config hash (changing them will not roll the pods): "+strings.Join(missing, ", "))
	}
	return sum
}
