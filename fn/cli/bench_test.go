package cli_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/servicespec/servicespec/bench/corpusgen"
	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/function"
)

// Benchmarks of the three stages at N ServiceSpecs plus 4N passthrough
// objects (the generator's mix). make bench runs the whole process against
// helm, kustomize and an identity function.
var benchSizes = []int{1, 100, 1000}

func benchInput(b *testing.B, n int) []byte {
	b.Helper()
	var in bytes.Buffer
	if err := corpusgen.Write(&in, n, 4*n); err != nil {
		b.Fatal(err)
	}
	return in.Bytes()
}

// BenchmarkDecode parses the ResourceList (the SDK's node tree).
func BenchmarkDecode(b *testing.B) {
	for _, n := range benchSizes {
		in := benchInput(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := fn.ParseResourceList(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExpand runs the function on a parsed list.
func BenchmarkExpand(b *testing.B) {
	for _, n := range benchSizes {
		in := benchInput(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				rl, err := fn.ParseResourceList(in)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if ok, _ := (function.Processor{}).Process(rl); !ok {
					b.Fatal("the function failed")
				}
			}
		})
	}
}

// BenchmarkEncode writes the expanded list.
func BenchmarkEncode(b *testing.B) {
	for _, n := range benchSizes {
		rl, err := fn.ParseResourceList(benchInput(b, n))
		if err != nil {
			b.Fatal(err)
		}
		if ok, _ := (function.Processor{}).Process(rl); !ok {
			b.Fatal("the function failed")
		}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := rl.ToYAML(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRun is the whole function: bytes in, bytes out.
func BenchmarkRun(b *testing.B) {
	for _, n := range benchSizes {
		in := benchInput(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if code := cli.Run(nil, bytes.NewReader(in), io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
