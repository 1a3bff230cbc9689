// Command identity is a KRM function on the same SDK as servicespec that
// changes nothing: the cost of the SDK's parse-and-encode round trip, the
// floor servicespec is compared with in make bench.
package main

import (
	"os"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

func main() {
	if err := fn.AsMain(fn.ResourceListProcessorFunc(func(*fn.ResourceList) (bool, error) { return true, nil })); err != nil {
		os.Exit(1)
	}
}
