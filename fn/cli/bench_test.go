package cli_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/servicespec/servicespec/bench/corpusgen"
	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/function"
	"github.com/servicespec/servicespec/fn/krm"
)

// Benchmarks of the stages at N ServiceSpecs plus 4N passthrough objects
// (the generator's mix), for a first render and for a re-render (the first
// render's output fed back in, as every kpt fn render after the first).
// make bench runs the whole process against helm, kustomize and the SDK.
var benchSizes = []int{1, 100, 1000}

func benchInput(b *testing.B, n int) []byte {
	b.Helper()
	var in bytes.Buffer
	if err := corpusgen.Write(&in, n, 4*n); err != nil {
		b.Fatal(err)
	}
	return in.Bytes()
}

// benchInputs are the first-render input and the re-render input.
func benchInputs(b *testing.B, n int) map[string][]byte {
	b.Helper()
	first := benchInput(b, n)
	var out bytes.Buffer
	if code := cli.Run(nil, bytes.NewReader(first), &out, io.Discard); code != 0 {
		b.Fatalf("exit %d", code)
	}
	return map[string][]byte{"first": first, "rerender": out.Bytes()}
}

// BenchmarkRead splits the ResourceList into items.
func BenchmarkRead(b *testing.B) {
	for _, n := range benchSizes {
		for name, in := range benchInputs(b, n) {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					if _, err := krm.ReadResourceList(in); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkExpand runs the function on the items.
func BenchmarkExpand(b *testing.B) {
	for _, n := range benchSizes {
		for name, in := range benchInputs(b, n) {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					rl, err := krm.ReadResourceList(in)
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					if res := function.Run(rl.Items, rl.FunctionConfig, function.Options{ResourceList: true}); !res.OK {
						b.Fatal("the function failed")
					}
				}
			})
		}
	}
}

// BenchmarkRun is the whole function: bytes in, bytes out.
func BenchmarkRun(b *testing.B) {
	for _, n := range benchSizes {
		for name, in := range benchInputs(b, n) {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					if code := cli.Run(nil, bytes.NewReader(in), io.Discard, io.Discard); code != 0 {
						b.Fatalf("exit %d", code)
					}
				}
			})
		}
	}
}
