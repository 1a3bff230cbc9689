//go:build js && wasm

// The WebAssembly build: no stdin or argv, but functions registered on the
// JavaScript global object, which its host calls with text and which
// return text.
//
//   - processResourceList(resourceList) and processResourceListErrors
//     (resourceList) are what kpt's WebAssembly runtimes (--allow-alpha-wasm,
//     nodejs or wasmtime) call: the function's output ResourceList, and the
//     errors in a few lines when there is no ResourceList to give.
//   - the playground's: servicespecRender(text[, cluster]) gives what
//     `servicespec render [--cluster NAME] -` prints for a stream of
//     documents, with each line's source as render --explain says it, servicespecImport(text) what `servicespec import -` prints,
//     servicespecClusters(text) the member clusters the stream's specs are
//     placed in (JSON), servicespecVersion() the version.
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
		cluster := ""
		if len(args) == 2 && args[1].Type() == js.TypeString {
			cluster = args[1].String()
		}
		return renderWithSources(args[:1], cluster)
	}))
	js.Global().Set("servicespecImport", js.FuncOf(func(_ js.Value, args []js.Value) any {
		return runCLI(args, "import", "-")
	}))
	js.Global().Set("servicespecClusters", js.FuncOf(func(_ js.Value, args []js.Value) any {
		var clusters []string
		if len(args) == 1 && args[0].Type() == js.TypeString {
			clusters = cli.PlacedClusters([]byte(args[0].String()))
		}
		out, _ := json.Marshal(append([]string{}, clusters...))
		return string(out)
	}))
	js.Global().Set("servicespecVersion", js.FuncOf(func(js.Value, []js.Value) any {
		return cli.Version
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

// runCLI runs a command of the command line over the text in args[0] as
// its stdin, and returns {"output", "messages", "exitCode"} as JSON.
func runCLI(args []js.Value, command ...string) string {
	if len(args) < 1 || args[0].Type() != js.TypeString {
		return `{"exitCode":2,"messages":"servicespec: give the documents as one string"}`
	}
	var stdout, stderr bytes.Buffer
	code := cli.Run(command, bytes.NewReader([]byte(args[0].String())), &stdout, &stderr)
	out, _ := json.Marshal(struct {
		Output   string `json:"output"`
		Messages string `json:"messages"`
		ExitCode int    `json:"exitCode"`
	}{stdout.String(), stderr.String(), code})
	return string(out)
}

// renderWithSources runs render over the text in args[0] and returns
// {"output", "messages", "exitCode", "sources"}: the sources are each
// output line's (render --explain's comment on it).
func renderWithSources(args []js.Value, cluster string) string {
	if len(args) < 1 || args[0].Type() != js.TypeString {
		return `{"exitCode":2,"messages":"servicespec: give the documents as one string"}`
	}
	var stderr bytes.Buffer
	output, sources, code := cli.RenderWithSources([]byte(args[0].String()), cluster, &stderr)
	out, _ := json.Marshal(struct {
		Output   string   `json:"output"`
		Messages string   `json:"messages"`
		ExitCode int      `json:"exitCode"`
		Sources  []string `json:"sources"`
	}{output, stderr.String(), code, sources})
	return string(out)
}
