package typedjson_test

import (
	"encoding/json"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	"sigs.k8s.io/randfill"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/internal/typedjson"
)

// The steady state, against encoding/json on the same values: the tables
// are built once, in the first iteration.
func BenchmarkMarshal(b *testing.B) {
	d := new(appsv1.Deployment)
	filler(randfill.NewWithSeed(7)).Fill(d)
	b.Run("typedjson", func(b *testing.B) {
		for b.Loop() {
			if _, err := typedjson.Marshal(d); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(d); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkFromValue(b *testing.B) {
	s := new(api.ServiceSpec)
	filler(randfill.NewWithSeed(7)).Fill(s)
	text, err := json.Marshal(s)
	if err != nil {
		b.Fatal(err)
	}
	var data any
	if err := json.Unmarshal(text, &data); err != nil {
		b.Fatal(err)
	}
	b.Run("typedjson", func(b *testing.B) {
		for b.Loop() {
			if _, err := typedjson.FromValue[api.ServiceSpec](data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) { // what decodeValue did before
		for b.Loop() {
			text, err := json.Marshal(data)
			if err != nil {
				b.Fatal(err)
			}
			if err := json.Unmarshal(text, new(api.ServiceSpec)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
