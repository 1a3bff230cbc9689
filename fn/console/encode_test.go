package console_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kptdev/krm-functions-sdk/go/fn"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/kustomize/kyaml/kio"
	sigsyaml "sigs.k8s.io/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/internal/testutil"
	"github.com/servicespec/servicespec/fn/yamlenc"
)

// sdkText is the oracle: the object's node encoded by the kpt SDK, with
// the annotations added as the SDK adds them (after the others) or, when
// Sorted, put in the object's annotations map (which encoding/json sorts).
func sdkText(t testing.TB, obj runtime.Object, extra []yamlenc.Annotation) string {
	t.Helper()
	obj = obj.DeepCopyObject()
	m, err := meta.Accessor(obj)
	if err != nil {
		t.Fatal(err)
	}
	a := maps.Clone(m.GetAnnotations())
	for _, x := range extra {
		if x.Sorted {
			if a == nil {
				a = map[string]string{}
			}
			a[x.Key] = x.Value
		}
	}
	m.SetAnnotations(a)
	rn, err := console.EncodeNode(obj)
	if err != nil {
		t.Fatal(err)
	}
	o := fn.MoveToKubeObject(rn)
	for _, x := range extra {
		if x.Sorted {
			continue
		}
		if err := o.SetAnnotation(x.Key, x.Value); err != nil {
			t.Fatal(err)
		}
	}
	return o.String()
}

// compareWithSDK requires Encode to write what the SDK writes.
func compareWithSDK(t testing.TB, name string, obj runtime.Object, extra []yamlenc.Annotation) {
	t.Helper()
	got, _, err := console.Encode(obj, yamlenc.Options{Annotations: extra})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if diff := cmp.Diff(sdkText(t, obj, extra), string(got)); diff != "" {
		t.Errorf("%s: the typed encoder differs from the SDK (-sdk +typed):\n%s", name, diff)
	}
}

// compareDigest requires the digest annotation to hold the digest of the
// object's JSON and to be written where the SDK would write it.
func compareDigest(t testing.TB, name string, obj runtime.Object) {
	t.Helper()
	d := yamlenc.Digest{Key: "example.com/digest", Of: "spec", Skip: func(k string) bool { return k == "selector" }}
	got, value, err := console.Encode(obj, yamlenc.Options{Digest: d})
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(obj)
	want, err := yamlenc.JSONDigest(js, d)
	if err != nil || value != want || len(value) != 16 {
		t.Fatalf("%s: digest %q, want %q (%v)", name, value, want, err)
	}
	if diff := cmp.Diff(sdkText(t, obj, []yamlenc.Annotation{{Key: d.Key, Value: want, Sorted: true}}), string(got)); diff != "" {
		t.Errorf("%s: the digest annotation is not where the SDK writes it (-sdk +typed):\n%s", name, diff)
	}
}

// compareEntryForm requires the entry form to be the document's lines
// shifted as the SDK writes an entry of a ResourceList's items.
func compareEntryForm(t testing.TB, name string, obj runtime.Object) {
	t.Helper()
	doc, _, err := console.Encode(obj, yamlenc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	entry, _, err := console.Encode(obj, yamlenc.Options{Indent: 2, Dash: true})
	if err != nil {
		t.Fatal(err)
	}
	var want []byte
	for i, line := range strings.SplitAfter(string(doc), "\n") {
		switch {
		case line == "":
		case i == 0:
			want = append(want, "- "+line...)
		case line == "\n":
			want = append(want, line...)
		default:
			want = append(want, "  "+line...)
		}
	}
	if diff := cmp.Diff(string(want), string(entry)); diff != "" {
		t.Errorf("%s: the entry form differs (-shifted document +entry):\n%s", name, diff)
	}
}

// specsIn reads the ServiceSpecs of every YAML file under the goldens and
// the examples, defaulted; the ones that do not validate are skipped.
func specsIn(t *testing.T) map[string]*api.ServiceSpec {
	t.Helper()
	root := testutil.RepoRoot(t)
	specs := map[string]*api.ServiceSpec{}
	for _, dir := range []string{"testdata/golden", "examples"} {
		_ = filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
				return err
			}
			data, _ := os.ReadFile(p)
			nodes, err := (&kio.ByteReader{Reader: bytes.NewReader(data), OmitReaderAnnotations: true}).Read()
			if err != nil {
				return nil
			}
			for i, n := range nodes {
				if n.GetKind() != api.Kind {
					continue
				}
				data, err := n.MarshalJSON()
				if err != nil {
					continue
				}
				s, errs := api.Decode(data)
				if s == nil || len(errs) > 0 {
					continue
				}
				api.SetDefaults(s)
				if len(console.Validate(s)) == 0 {
					rel, _ := filepath.Rel(root, p)
					specs[rel+"#"+strconv.Itoa(i)] = s
				}
			}
			return nil
		})
	}
	if len(specs) < 40 {
		t.Fatalf("found only %d ServiceSpecs", len(specs))
	}
	return specs
}

// anyWorkload answers every workloadRef with the same workload.
type anyWorkload struct{}

func (anyWorkload) Find(string, string, string) []console.Workload {
	return []console.Workload{{
		PodLabels: map[string]string{"app": "legacy", "tier": "on"},
		Ports:     []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}, {ContainerPort: 9090, Protocol: corev1.ProtocolUDP}},
	}}
}

// Every object rendered from every ServiceSpec of the goldens and examples
// is written by the typed encoder exactly as the SDK writes it, with the
// path annotations a kpt render adds.
func TestEncodeMatchesSDK(t *testing.T) {
	extra := []yamlenc.Annotation{
		{Key: "servicespec.dev/digest", Value: "0123456789abcdef", Sorted: true},
		{Key: "config.kubernetes.io/path", Value: "dir/web.generated.yaml"},
		{Key: "config.kubernetes.io/index", Value: "1"},
	}
	objects := 0
	for name, s := range specsIn(t) {
		objs, errs := console.Objects(s, console.Inputs{Workloads: anyWorkload{}, ConfigHash: "abc"})
		if len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs)
		}
		for _, o := range objs {
			compareWithSDK(t, name, o, nil)
			compareWithSDK(t, name+" with annotations", o, extra)
			compareDigest(t, name, o)
			compareEntryForm(t, name, o)
			objects++
		}
	}
	t.Logf("%d objects compared", objects)
}

// FuzzEncodeString puts one string in every place a user's text reaches
// in a generated object (a key, a value, a sequence item, a nested
// mapping) and requires the typed encoder to write what the SDK writes,
// or to say it cannot (ErrUnsupported, which Encode answers through the SDK).
func FuzzEncodeString(f *testing.F) {
	for _, s := range []string{"", "plain", "yes", "on", "0777", "1:20", "12", "1.5", "1e3", "0x1F", "null", "~", "2024-01-02",
		"a: b", "a #b", "#x", "- x", "-x", "? x", ":x", "x:", "'q'", `"dq"`, "tab\there", " lead", "trail ", "multi\nline",
		"multi\nline\n", "\nlead", "two\n\n", "a \nb", "a\n b", "\x00\x01", "é中文", "😀", "\u0085", "\u2028", "\ufeffbom",
		"---", "...x", "x...", "%x", "@x", "`x", "!x", "&x", "*x", "|x", ">x", "[x", "{x", "a,b", strings.Repeat("k", 129)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, obj := range stringPlacements(s) {
			js, err := json.Marshal(obj)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := yamlenc.Encode(js, console.EncodingRules(nil))
			if errors.Is(err, yamlenc.ErrUnsupported) {
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if diff := cmp.Diff(sdkText(t, obj, nil), string(got)); diff != "" {
				t.Errorf("%s, string %q (-sdk +typed):\n%s", name, s, diff)
			}
		}
	})
}

// stringPlacements builds objects that hold s in each kind of place.
func stringPlacements(s string) map[string]runtime.Object {
	cm := func(labels, annotations map[string]string) *corev1.Service {
		return &corev1.Service{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Service"},
			ObjectMeta: metav1.ObjectMeta{Name: "x", Labels: labels, Annotations: annotations},
		}
	}
	pod := &corev1.Pod{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: "x"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "c", Args: []string{s, "after"}, Command: []string{s},
			Env: []corev1.EnvVar{{Name: "A", Value: s}},
		}}},
	}
	return map[string]runtime.Object{
		"value":            cm(map[string]string{"k": s}, nil),
		"key":              cm(map[string]string{s: "v"}, nil),
		"key and value":    cm(nil, map[string]string{s: s, "z": "last"}),
		"sequence entries": pod,
	}
}

// readsAsNonStringByParsing is the oracle of the YAML 1.1 rule: read the
// plain scalar with sigs.k8s.io/yaml (YAML 1.1) and see if the same string
// comes back. Only strings made of what YAML 1.1 numbers, booleans and
// nulls are made of are asked (other strings are written plain or quoted by
// yaml.v3's own rules).
func readsAsNonStringByParsing(s string) bool {
	const numberChars = "0123456789+-._:eExXoObBaAcCdDfFiInN"
	words := map[string]bool{"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true, "true": true, "false": true, "null": true, "~": true}
	if s == "" || len(s) > 64 || !strings.ContainsRune("0123456789+-.~yYnNoOtTfF", rune(s[0])) ||
		!words[strings.ToLower(s)] && strings.Trim(s, numberChars) != "" {
		return false
	}
	j, err := sigsyaml.YAMLToJSON([]byte(s))
	if err != nil {
		return true
	}
	var back string
	return json.Unmarshal(j, &back) != nil || back != s
}

// The YAML 1.1 rule written out agrees with a YAML 1.1 parse on every
// string of up to three characters made of number characters, on the
// boolean and null words, and on longer samples.
func TestReadsAsNonStringMatchesYAML11(t *testing.T) {
	const alphabet = "0123456789+-._:eExXoObBaAcCdDfFiInNyYtT~ "
	var samples []string
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		samples = append(samples, prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			gen(prefix+string(c), n-1)
		}
	}
	gen("", 3)
	samples = append(samples, "yes", "Yes", "YES", "yEs", "on", "On", "off", "OFF", "null", "Null", "true", "False", "~", "0777",
		"0x1F", "0o17", "0b101", "-0b101", "1_000", "1e3", "1.5e-3", ".inf", "-.Inf", ".NaN", "2024-01-02", "2024-1-2T10:20:30Z",
		"99999999999999999999", "1:20", "1:2:", "-:", "----", "...1", "12345678901234567890123456789012345678901234567890123456789012345")
	for _, s := range samples {
		if got, want := console.ReadsAsNonString(s), readsAsNonStringByParsing(s); got != want {
			t.Errorf("%q: readsAsNonString = %v, a YAML 1.1 parse says %v", s, got, want)
		}
	}
}
