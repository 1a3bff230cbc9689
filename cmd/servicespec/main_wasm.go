//go:build js && wasm

// The WebAssembly build: no stdin or argv, but functions registered on the
// JavaScript global object, which its host calls with text and which
// return text.
//
//   - processResourceList(resourceList) and processResourceListErrors
//     (resourceList) are what kpt's WebAssembly runtimes (--allow-alpha-wasm,
//     nodejs or wasmtime) call: the function's output ResourceList, and the
//     errors in a few lines when there is no ResourceList to give.
//   - servicespecRender(text) is the playground's: the manifests `servicespec
//     render -` prints for a stream of documents, and its results.
package main

import (
	"bytes"
	"encoding/json"
	"syscall/js"

	"github.com/servicespec/servicespec/fn/cli"
)

func main() {
	js.Global().Set("processResourceList", js.FuncOf(func(_ js.Value, args []js.Value) any {
		out, _ := runFunction(args)
		return out
	}))
	js.Global().Set("processResourceListErrors", js.FuncOf(func(_ js.Value, args []js.Value) any {
		_, errs := runFunction(args)
		return errs
	}))
	js.Global().Set("servicespecRender", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return render(args)
	}))
	select {} // the host calls the functions as long as the page or process lives
}

// runFunction runs the KRM function over the ResourceList text in args[0].
func runFunction(args []js.Value) (out, errs string) {
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return "", "servicespec: give the ResourceList as one string"
	}
	var stdout, stderr bytes.Buffer
	cli.Run(nil, bytes.NewReader([]byte(args[0].String())), &stdout, &stderr)
	return stdout.String(), stderr.String()
}

// render renders a stream of documents as servicespec render - does, and
// returns {"output", "messages", "exitCode"} as JSON.
func render(args []js.Value) string {
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return `{"exitCode":2,"messages":"servicespec: give the documents as one string"}`
	}
	var stdout, stderr bytes.Buffer
	code := cli.Run([]string{"render", "-"}, bytes.NewReader([]byte(args[0].String())), &stdout, &stderr)
	out, _ := json.Marshal(struct {
		Output   string `json:"output"`
		Messages string `json:"messages"`
		ExitCode int    `json:"exitCode"`
	}{stdout.String(), stderr.String(), code})
	return string(out)
}
