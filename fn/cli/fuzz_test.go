package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	k8sruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"sigs.k8s.io/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/internal/testutil"
	"github.com/servicespec/servicespec/fn/yamlenc"
)

// FuzzFunction sends arbitrary bytes to the function. It must not panic or
// hang; whatever it accepts must decode strictly into the k8s.io/api types
// and keep the selector invariants. Seeds: testdata/fuzz/FuzzFunction, the
// golden inputs and the invalid corpus.
func FuzzFunction(f *testing.F) {
	for _, pattern := range []string{"../../testdata/golden/*/input.yaml", "../../testdata/invalid/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			// Megabyte seeds stall Go's mutator; the invalid corpus runs them.
			if data, err := os.ReadFile(file); err == nil && len(data) <= maxSeedBytes {
				f.Add(data)
			}
		}
	}
	decoder := strictDecoder()
	f.Fuzz(func(t *testing.T, in []byte) {
		watchdog := time.AfterFunc(hangLimit, func() { panicWithStacks(len(in)) })
		out, _, code := runFunction(in)
		watchdog.Stop()
		if len(out) == 0 {
			return // not a ResourceList: nothing is written
		}
		rl, err := fn.ParseResourceList(out)
		if err != nil {
			t.Fatalf("the output is not a ResourceList that parses: %v\n%s", err, out)
		}
		if code != 0 {
			return
		}
		if again, _, _ := runFunction(out); testutil.ItemsYAML(t, again) != testutil.ItemsYAML(t, out) {
			t.Errorf("a second run over the output changes its items")
		}
		for _, o := range rl.Items {
			if !isGeneratedOutput(o) {
				continue
			}
			typed, err := decodeStrict(decoder, o)
			if err != nil {
				t.Errorf("generated %s %s does not decode strictly: %v", o.GetKind(), o.GetName(), err)
				continue
			}
			compareEncoders(t, typed)
		}
		if problems, _ := selectorProblems(rl.Items); len(problems) > 0 {
			t.Errorf("selector invariants broken: %v", problems)
		}
	})
}

// isGeneratedOutput: an object of a kind servicespec generates, carrying its
// ownership annotation (other kinds with the annotation pass through).
func isGeneratedOutput(o *fn.KubeObject) bool {
	return console.KindOf(o.GroupVersionKind()) != nil && o.GetAnnotation(api.AnnotationGeneratedFrom) != ""
}

const maxSeedBytes = 64 << 10

// hangLimit is far above any honest run (the largest seed, 1 MB, takes
// well under a second), so that a slow input is recorded as a failure.
const hangLimit = 5 * time.Second

// panicWithStacks ends the process with every goroutine's stack: a hung
// run never returns, so the fuzzer only records the input if the process
// dies.
func panicWithStacks(size int) {
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	_, _ = os.Stderr.Write(buf[:n])
	panic(fmt.Sprintf("one run took more than %s on %d input bytes", hangLimit, size))
}

// strictDecoder decodes the Kubernetes kinds servicespec generates and
// refuses unknown or duplicated fields, with the same messages as the API
// server; the KubeSphere kinds are decoded strictly into their Go types.
func strictDecoder() k8sruntime.Decoder {
	scheme := k8sruntime.NewScheme()
	for _, add := range []func(*k8sruntime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme, autoscalingv2.AddToScheme,
		policyv1.AddToScheme, networkingv1.AddToScheme} {
		if err := add(scheme); err != nil {
			panic(err)
		}
	}
	return serializer.NewCodecFactory(scheme, serializer.EnableStrict).UniversalDeserializer()
}

func decodeStrict(d k8sruntime.Decoder, o *fn.KubeObject) (k8sruntime.Object, error) {
	data, err := yaml.YAMLToJSON([]byte(o.String()))
	if err != nil {
		return nil, err
	}
	obj, _, err := d.Decode(data, nil, nil)
	if k := console.KindOf(o.GroupVersionKind()); k != nil && k8sruntime.IsNotRegisteredError(err) {
		// A KubeSphere kind: no scheme of the API server's; its Go type.
		obj = k.New()
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		err = dec.Decode(obj)
	}
	return obj, err
}

// compareEncoders requires the typed encoder to write what the SDK writes
// for a generated object (the oracle of console.Encode).
func compareEncoders(t *testing.T, obj k8sruntime.Object) {
	t.Helper()
	typed, _, err := console.Encode(obj, yamlenc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rn, err := console.EncodeNode(obj)
	if err != nil {
		t.Fatal(err)
	}
	if sdk := fn.MoveToKubeObject(rn).String(); sdk != string(typed) {
		t.Errorf("the typed encoder and the SDK differ:\n--- sdk\n%s\n--- typed\n%s", sdk, typed)
	}
}
