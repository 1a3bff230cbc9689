// Command setmeta stands in, in the kpt pipeline test, for the catalog
// functions set-namespace and set-labels (container images this machine
// cannot pull): its functionConfig's data sets metadata.namespace
// ("namespace") and adds metadata labels (every other key) on every item,
// the ServiceSpecs included, as those functions do.
package main

import (
	"os"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

func main() {
	if err := fn.AsMain(fn.ResourceListProcessorFunc(process)); err != nil {
		os.Exit(1)
	}
}

func process(rl *fn.ResourceList) (bool, error) {
	data, _, err := rl.FunctionConfig.NestedStringMap("data")
	if err != nil {
		return false, err
	}
	for _, it := range rl.Items {
		if it.GetKind() == "Kptfile" {
			continue
		}
		for k, v := range data {
			if k == "namespace" {
				err = it.SetNamespace(v)
			} else {
				err = it.SetLabel(k, v)
			}
			if err != nil {
				return false, err
			}
		}
	}
	return true, nil
}
