package yamlenc_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/yamlenc"
)

// sdkEncoding is the oracle: the node tree of the JSON, in block style,
// written by kyaml's encoder (yaml.v3, indent 2, compact sequences), as the
// SDK writes an object.
func sdkEncoding(t *testing.T, js string) string {
	t.Helper()
	n, err := yamlenc.ToNode([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	s, err := yaml.String(n)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Encode writes what the SDK's encoder writes, byte for byte: every scalar
// style (plain, quoted because a reader would misread it, literal blocks,
// escapes), nesting, empty collections, and key order as given.
func TestEncodeMatchesSDK(t *testing.T) {
	docs := []string{
		`{"a":"plain","b":"yes","c":"12","d":"1.5","e":"null","f":"","g":"2024-01-02","h":"~","i":"true"}`,
		`{"n":1,"f":1.5,"t":true,"z":null,"big":18446744073709551615,"neg":-3}`,
		`{"multi":"line one\nline two\n","strip":"no newline\nat end","lead":"  leading spaces\nx"}`,
		`{"esc":"tab\there","ctl":"\u0007bell","uni":"数据库 ü","quote":"it's \"quoted\"","colon":"a: b","hash":"a #b","dash":"- x"}`,
		`{"empty":{},"list":[],"nested":{"deep":{"deeper":[{"k":"v","n":[1,2]},["x",{"y":{}}]]}}}`,
		`{"metadata":{"name":"web","labels":{"app":"web","a.b/c-d_e":"x"},"annotations":{"kubesphere.io/alias-name":"Web"}}}`,
		`{"items":[{"name":"a","value":"1"},{"name":"b"}],"strings":["on","off","1:20","x"]}`,
	}
	for _, js := range docs {
		got, _, err := yamlenc.Encode([]byte(js), yamlenc.Options{})
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		if d := cmp.Diff(sdkEncoding(t, js), string(got)); d != "" {
			t.Errorf("%s (-sdk +yamlenc):\n%s", js, d)
		}
	}
}

// A key longer than 128 bytes is written by yaml.v3 as a complex "? key"
// entry, which this package does not write: the caller uses the SDK.
func TestEncodeUnsupported(t *testing.T) {
	js := fmt.Sprintf(`{"%s":"v"}`, strings.Repeat("k", 129))
	if _, _, err := yamlenc.Encode([]byte(js), yamlenc.Options{}); !errors.Is(err, yamlenc.ErrUnsupported) {
		t.Errorf("err = %v, want ErrUnsupported", err)
	}
	if _, _, err := yamlenc.Encode([]byte(`["not", "an object"]`), yamlenc.Options{}); err == nil {
		t.Error("a JSON array is not a document")
	}
}

// The options beyond yaml.v3's own: entries dropped, strings quoted,
// apiVersion before kind, annotations added (in key order when Sorted),
// a digest, and the entry form.
func TestEncodeOptions(t *testing.T) {
	js := []byte(`{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","annotations":{"b.example.com/kept":"x"}},"data":{"k":"v","drop":"x"},"status":{}}`)
	opts := yamlenc.Options{
		Drop:          func(key string, v yamlenc.Value) bool { return key == "drop" || key == "status" && v.IsEmptyObject() },
		Quote:         func(s string) bool { return s == "v" },
		TypeMetaFirst: true,
		Annotations:   []yamlenc.Annotation{{Key: "z.example.com/last", Value: "1"}, {Key: "a.example.com/first", Value: "2", Sorted: true}},
		Digest:        yamlenc.Digest{Key: "m.example.com/digest", Of: "data"},
		Indent:        2,
		Dash:          true,
	}
	got, digest, err := yamlenc.Encode(js, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := `- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: a
    annotations:
      a.example.com/first: "2"
      b.example.com/kept: x
      m.example.com/digest: ` + digest + `
      z.example.com/last: "1"
  data:
    k: "v"
`
	if d := cmp.Diff(want, string(got)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	again, err := yamlenc.JSONDigest(js, opts.Digest)
	if err != nil || again != digest || len(digest) != 16 {
		t.Errorf("JSONDigest = %q, %v; Encode's digest %q", again, err, digest)
	}
}

// digester computes a Digest's value of JSON text, failing the test on an
// error.
func digester(t *testing.T, d yamlenc.Digest) func(js string) string {
	return func(js string) string {
		t.Helper()
		s, err := yamlenc.JSONDigest([]byte(js), d)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
}

// The digest covers only its member, without the skipped keys, and
// changes with any other content.
func TestJSONDigest(t *testing.T) {
	d := yamlenc.Digest{Key: "x", Of: "spec", Skip: func(k string) bool { return k == "ignored" }}
	digest := digester(t, d)
	base := digest(`{"metadata":{"name":"a"},"spec":{"a":1,"ignored":2}}`)
	if digest(`{"metadata":{"name":"b"},"spec":{"a":1,"ignored":3}}`) != base {
		t.Error("metadata and skipped keys changed the digest")
	}
	if digest(`{"spec":{"a":2,"ignored":2}}`) == base {
		t.Error("a changed value kept the digest")
	}
}

// An Unordered value gives one digest whatever the order of its members,
// the same as without the option when it is in key order; its content
// still counts, and so does the order of everything else.
func TestJSONDigestUnordered(t *testing.T) {
	d := yamlenc.Digest{Key: "x", Of: "spec", Unordered: func(k string) bool { return k == "raw" }}
	digest := digester(t, d)
	base := digest(`{"spec":{"raw":[{"b":"<x>","a":{"d":1,"c":[2,3]}}],"o":{"p":1,"q":2}}}`)
	sorted := `{"spec":{"raw":[{"a":{"c":[2,3],"d":1},"b":"<x>"}],"o":{"p":1,"q":2}}}`
	if got := digest(sorted); got != base {
		t.Errorf("reordered raw members: digest %s, want %s", got, base)
	}
	if plain, err := yamlenc.JSONDigest([]byte(sorted), yamlenc.Digest{Key: "x", Of: "spec"}); err != nil || plain != base {
		t.Errorf("raw members in key order: digest %s (%v) without the option, %s with it", plain, err, base)
	}
	for _, changed := range []string{
		`{"spec":{"raw":[{"b":"<x>","a":{"d":1,"c":[3,2]}}],"o":{"p":1,"q":2}}}`,
		`{"spec":{"raw":[{"b":"<y>","a":{"d":1,"c":[2,3]}}],"o":{"p":1,"q":2}}}`,
		`{"spec":{"raw":[{"b":"<x>","a":{"d":1,"c":[2,3]}}],"o":{"q":2,"p":1}}}`,
		`{"spec":{"raw":[{"b":"<x>","a":{"d":1,"c":[2,3]},"e":null}],"o":{"p":1,"q":2}}}`,
	} {
		if digest(changed) == base {
			t.Errorf("%s kept the digest", changed)
		}
	}
}

// The resolver and style decisions that the reader of canonical text
// relies on.
func TestScalarRules(t *testing.T) {
	for s, want := range map[string]string{"": "!!null", "~": "!!null", "True": "!!bool", "0x1F": "!!int", "1_000": "!!int",
		"1e3": "!!float", ".inf": "!!float", "2024-01-02": "!!timestamp", "yes": "!!str", "1:20": "!!str", "v1": "!!str"} {
		if got := yamlenc.PlainTag(s); got != want {
			t.Errorf("PlainTag(%q) = %s, want %s", s, got, want)
		}
	}
	for s, want := range map[string]bool{"web": true, "a b": true, "- x": false, "a: b": false, "a #b": false, " lead": false, "true": true} {
		if got := yamlenc.WritesPlain(s); got != want {
			t.Errorf("WritesPlain(%q) = %v, want %v", s, got, want)
		}
	}
	for s, want := range map[string]string{"web": "web", "true": `"true"`, "a: b": "'a: b'", "tab\t": `"tab\t"`} {
		got, ok := yamlenc.AppendValue(nil, s)
		if !ok || string(got) != want {
			t.Errorf("AppendValue(%q) = %s, %v; want %s", s, got, ok, want)
		}
	}
	if _, ok := yamlenc.AppendValue(nil, "two\nlines\n"); ok {
		t.Error("a multi-line value needs a literal block")
	}
	if !yamlenc.QuotedAsGoString("on") || !yamlenc.QuotedAsGoString("1:20") || yamlenc.QuotedAsGoString("web") {
		t.Error("QuotedAsGoString")
	}
}

// Encode writes a JSON object as the SDK would write it; the options add
// what servicespec needs, such as the annotations of a generated object.
func ExampleEncode() {
	js := []byte(`{"kind":"Service","apiVersion":"v1","metadata":{"name":"web","labels":{"app":"web"},"annotations":{"kubesphere.io/creator":"admin"}},"spec":{"ports":[{"port":80}],"type":"ClusterIP"}}`)
	text, _, err := yamlenc.Encode(js, yamlenc.Options{
		TypeMetaFirst: true,
		Annotations:   []yamlenc.Annotation{{Key: "servicespec.dev/generated-from", Value: "shop/web", Sorted: true}},
	})
	if err != nil {
		panic(err)
	}
	os.Stdout.Write(text)
	// Output:
	// apiVersion: v1
	// kind: Service
	// metadata:
	//   name: web
	//   labels:
	//     app: web
	//   annotations:
	//     kubesphere.io/creator: admin
	//     servicespec.dev/generated-from: shop/web
	// spec:
	//   ports:
	//   - port: 80
	//   type: ClusterIP
}
