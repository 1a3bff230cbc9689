package typedjson_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/randfill"

	appv1beta1 "github.com/servicespec/servicespec/fn/api/app/v1beta1"
	kubefedv1beta1 "github.com/servicespec/servicespec/fn/api/kubefed/v1beta1"
	meshv1alpha2 "github.com/servicespec/servicespec/fn/api/servicemesh/v1alpha2"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/internal/typedjson"
)

// oracle checks one type: Marshal against encoding/json on filled values,
// and FromValue against json.Unmarshal on the data of their JSON.
type oracle struct {
	name  string
	check func(t *testing.T, f *randfill.Filler)
}

func typeOracle[T any](name string) oracle {
	return oracle{name, func(t *testing.T, f *randfill.Filler) {
		t.Helper()
		obj := new(T)
		f.Fill(obj)
		want, wantErr := json.Marshal(obj)
		got, err := typedjson.Marshal(obj)
		if !bytes.Equal(got, want) || (err == nil) != (wantErr == nil) {
			t.Fatalf("%s: Marshal differs from encoding/json\n got %s (%v)\nwant %s (%v)", name, got, err, want, wantErr)
		}
		if wantErr != nil {
			return
		}
		for _, useNumber := range []bool{false, true} {
			checkFromValue[T](t, name, want, useNumber)
		}
	}}
}

func checkFromValue[T any](t *testing.T, name string, text []byte, useNumber bool) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(text))
	if useNumber {
		dec.UseNumber()
	}
	var data any
	if err := dec.Decode(&data); err != nil {
		t.Fatal(err)
	}
	// The data's own text: a float64 holds an int64 only to 2^53.
	dataText, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	want := new(T)
	wantErr := json.Unmarshal(dataText, want)
	got, err := typedjson.FromValue[T](data)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("%s: FromValue error %v, encoding/json %v", name, err, wantErr)
	}
	if err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%s (numbers as json.Number: %v): FromValue differs from json.Unmarshal\n got %#v\nwant %#v", name, useNumber, got, want)
	}
}

// tricky holds what the Kubernetes types do not: name conflicts between
// embedded structs, embedded pointers, omitzero with an IsZero method,
// the ",string" option, floats, bytes, integer map keys, interfaces,
// characters that JSON escapes.
type tricky struct {
	Embedded
	*EmbeddedPtr
	Other `json:"other"`
	Name  string `json:"name"`
	Skip  string `json:"-"`
	Dash  string `json:"-,"` //nolint:staticcheck // the name "-", as encoding/json reads it

	Quoted    int               `json:"quoted,string"`
	F32       float32           `json:"f32"`
	F64       float64           `json:"f64,omitempty"`
	Bytes     []byte            `json:"bytes"`
	IntKeys   map[int]string    `json:"intKeys"`
	Any       any               `json:"any"`
	When      time.Time         `json:"when,omitzero"`
	Zeroer    zeroer            `json:"zeroer,omitzero"`
	PtrZeroer *zeroer           `json:"ptrZeroer,omitzero"`
	Named     map[keyName]int64 `json:"named,omitempty"`
	Array     [2]uint8          `json:"array"`
	Untagged  string
	hidden    string // unexported: never written
}

var _ = tricky{hidden: ""}

type keyName string

type Embedded struct {
	Name  string `json:"name"` // hidden by tricky.Name
	Depth int    `json:"depth"`
	Tie   string
}

type EmbeddedPtr struct {
	Tie   string // conflicts with Embedded.Tie at the same depth: dropped
	Extra *int   `json:"extra,omitempty"`
}

type Other struct{ A string }

type zeroer struct{ N int }

func (z zeroer) IsZero() bool { return z.N%2 == 0 }

var oracles = []oracle{
	typeOracle[appsv1.Deployment]("Deployment"),
	typeOracle[appsv1.StatefulSet]("StatefulSet"),
	typeOracle[corev1.Service]("Service"),
	typeOracle[corev1.Pod]("Pod"),
	typeOracle[networkingv1.Ingress]("Ingress"),
	typeOracle[autoscalingv2.HorizontalPodAutoscaler]("HorizontalPodAutoscaler"),
	typeOracle[policyv1.PodDisruptionBudget]("PodDisruptionBudget"),
	typeOracle[kubefedv1beta1.FederatedDeployment]("FederatedDeployment"),
	typeOracle[kubefedv1beta1.FederatedStatefulSet]("FederatedStatefulSet"),
	typeOracle[kubefedv1beta1.FederatedService]("FederatedService"),
	typeOracle[appv1beta1.Application]("Application"),
	typeOracle[meshv1alpha2.Strategy]("Strategy"),
	typeOracle[api.ServiceSpec]("ServiceSpec"),
	typeOracle[api.AppSpec]("AppSpec"),
	typeOracle[tricky]("tricky"),
}

// filler fills the types randfill cannot (a quantity's cached text, raw
// JSON) and strings with the characters JSON escapes.
func filler(f *randfill.Filler) *randfill.Filler {
	strs := []string{"", "a", "<b>&amp;", "line\nbreak\ttab", "\u2028\u2029", "\x00\x1f\x7f", "bad \xff utf8", "quote\" back\\", "日本", "🙂", "1e3", "null"}
	return f.NilChance(0.3).NumElements(0, 2).MaxDepth(12).Funcs(
		func(q *resource.Quantity, c randfill.Continue) {
			*q = *resource.NewMilliQuantity(c.Int63n(1e6), resource.DecimalSI)
		},
		func(r *runtime.RawExtension, c randfill.Continue) {
			if c.Bool() {
				r.Raw = []byte(fmt.Sprintf(`{"n": %d, "s": "x<y"}`, c.Intn(9)))
			}
		},
		func(fv *metav1.FieldsV1, c randfill.Continue) { fv.SetRawString(`{"f:a":{}}`) },
		func(s *string, c randfill.Continue) { *s = strs[c.Intn(len(strs))] },
		func(x *float64, c randfill.Continue) {
			*x = []float64{0, 1, -2.5, 1e-7, 1e21, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64}[c.Intn(8)]
		},
		func(x *any, c randfill.Continue) {
			*x = []any{nil, "s", 1.5, true, map[string]any{"k": []any{"v", 2.0}}}[c.Intn(5)]
		},
		func(t *time.Time, c randfill.Continue) {
			*t = time.Unix(c.Int63n(2e9), 0).UTC()
		},
	)
}

// TestMatchesEncodingJSON fills every type servicespec writes or reads
// hundreds of times and compares both directions with encoding/json.
func TestMatchesEncodingJSON(t *testing.T) {
	for _, o := range oracles {
		t.Run(o.name, func(t *testing.T) {
			f := filler(randfill.NewWithSeed(1))
			for range 300 {
				o.check(t, f)
			}
		})
	}
}

// FuzzMatchesEncodingJSON is the same check with the fuzzer choosing the
// values.
func FuzzMatchesEncodingJSON(f *testing.F) {
	f.Add(uint8(0), []byte("seed"))
	f.Add(uint8(14), []byte("tricky"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		oracles[int(which)%len(oracles)].check(t, filler(randfill.NewFromGoFuzz(data)))
	})
}

func TestHandsOverWhatItDoesNotWrite(t *testing.T) {
	for _, v := range []any{math.NaN(), map[int]string{1: "a"}, make(chan int), struct {
		N int `json:"n,string"`
	}{5}} {
		want, wantErr := json.Marshal(v)
		got, err := typedjson.Marshal(v)
		if !bytes.Equal(got, want) || fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("Marshal(%#v) = %s, %v; encoding/json: %s, %v", v, got, err, want, wantErr)
		}
	}
}

func TestFromValueReadsYAMLNumbers(t *testing.T) {
	data := map[string]any{"spec": map[string]any{"replicas": int64(3), "minReadySeconds": uint64(5), "progressDeadlineSeconds": 7.0,
		"strategy": map[string]any{"rollingUpdate": map[string]any{"maxSurge": "25%", "maxUnavailable": int64(1)}}}}
	got, err := typedjson.FromValue[appsv1.Deployment](data)
	if err != nil {
		t.Fatal(err)
	}
	if *got.Spec.Replicas != 3 || got.Spec.MinReadySeconds != 5 || *got.Spec.ProgressDeadlineSeconds != 7 ||
		got.Spec.Strategy.RollingUpdate.MaxSurge.StrVal != "25%" || got.Spec.Strategy.RollingUpdate.MaxUnavailable.IntVal != 1 {
		t.Errorf("got %+v", got.Spec)
	}
	// Out of range for int32: encoding/json's error, not a wrapped value.
	if _, err := typedjson.FromValue[appsv1.Deployment](map[string]any{"spec": map[string]any{"replicas": int64(1) << 40}}); err == nil {
		t.Error("replicas 2^40 decoded without an error")
	}
}
