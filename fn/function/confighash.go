package function

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/krm"
)

// configIndex holds the ConfigMaps and Secrets in the resource list, for
// spec.rolloutOnConfigChange; an item's content is read only when a spec
// asks for its hash. Nothing is looked up anywhere else.
type configIndex struct {
	items   map[string]*krm.Item // "Kind/namespace/name"
	content map[string][]byte
}

func newConfigIndex(items []*krm.Item) *configIndex {
	idx := &configIndex{items: map[string]*krm.Item{}, content: map[string][]byte{}}
	for _, it := range items {
		if it.APIVersion == "v1" && (it.Kind == "ConfigMap" || it.Kind == "Secret") {
			idx.items[configKey(it.Kind, it.Namespace, it.Name)] = it
		}
	}
	return idx
}

func configKey(kind, namespace, name string) string { return kind + "/" + namespace + "/" + name }

// lookup is the canonical content of one ConfigMap or Secret: what the pods
// see, not its metadata nor how it was spelled. A Secret's stringData is
// folded into its data and an empty type is Opaque, as the API server
// stores them, so that the hash survives a round trip through a cluster
// (servicespec import reads objects back from one).
func (idx *configIndex) lookup(key string) ([]byte, bool) {
	if c, ok := idx.content[key]; ok {
		return c, c != nil
	}
	it, ok := idx.items[key]
	if !ok {
		return nil, false
	}
	c, err := canonicalConfig(it)
	if err != nil {
		c = nil
	}
	idx.content[key] = c
	return c, c != nil
}

// configContent is what the pods of a ConfigMap or Secret see.
type configContent struct {
	Data       map[string]string `json:"data,omitempty"`
	BinaryData map[string]string `json:"binaryData,omitempty"`
	StringData map[string]string `json:"stringData,omitempty"`
	Type       string            `json:"type,omitempty"`
}

func canonicalConfig(it *krm.Item) ([]byte, error) {
	var c configContent
	if err := it.As(&c); err != nil {
		return nil, err
	}
	if it.Kind == "Secret" {
		if c.Type == "" {
			c.Type = string(corev1.SecretTypeOpaque)
		}
		if len(c.StringData) > 0 && c.Data == nil {
			c.Data = map[string]string{}
		}
		for k, v := range c.StringData {
			c.Data[k] = base64.StdEncoding.EncodeToString([]byte(v))
		}
		c.StringData = nil
	}
	return json.Marshal(c) // map keys sorted: deterministic
}

// hash is the config-hash of a spec and the references not in the list.
func (idx *configIndex) hash(s *api.ServiceSpec) (string, []string) {
	h := sha256.New()
	var missing []string
	for _, ref := range console.ConfigRefs(s) {
		content, ok := idx.lookup(configKey(ref.Kind, s.Namespace, ref.Name))
		if !ok {
			missing = append(missing, ref.Kind+" "+ref.Name)
			continue
		}
		fmt.Fprintf(h, "%s/%s\n%s\n", ref.Kind, ref.Name, content)
	}
	return hex.EncodeToString(h.Sum(nil)), missing
}

// configHashes computes the pod annotation value for a spec that asks for
// it, and for the new version of its release (whose containers may
// reference other objects), warning about references to objects outside
// the list.
func configHashes(s *source, configs *configIndex, r *report) (running, release string) {
	if !s.spec.Spec.RolloutOnConfigChange {
		return "", ""
	}
	specs := []*api.ServiceSpec{s.spec}
	if s.spec.Spec.Release != nil {
		specs = append(specs, console.ReleaseSpec(s.spec))
	}
	var sums, missing []string
	for _, spec := range specs {
		sum, m := configs.hash(spec)
		sums = append(sums, sum)
		missing = append(missing, m...)
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		r.warningAt(s.item, field.NewPath("spec", "rolloutOnConfigChange"),
			"not in the resource list, so not part of the config hash (changing them will not roll the pods): "+strings.Join(slices.Compact(missing), ", "))
	}
	sums = append(sums, "")
	return sums[0], sums[1]
}
