package corpusgen_test

import (
	"bytes"
	"fmt"

	"github.com/servicespec/servicespec/bench/corpusgen"
	"github.com/servicespec/servicespec/fn/krm"
)

// Write makes the benchmark's input: a ResourceList of N ServiceSpecs of
// mixed types and other objects, the same every time.
func ExampleWrite() {
	var in bytes.Buffer
	if err := corpusgen.Write(&in, 3, 12); err != nil {
		panic(err)
	}
	rl, err := krm.ReadResourceList(in.Bytes())
	if err != nil {
		panic(err)
	}
	specs := 0
	for _, it := range rl.Items {
		if it.Kind == "ServiceSpec" {
			specs++
		}
	}
	fmt.Println(specs, len(rl.Items)-specs)
	// Output:
	// 3 12
}
