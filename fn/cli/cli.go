// Package cli is the servicespec command line: the KRM function on stdin,
// render, import, schema and version.
package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/function"
	"github.com/servicespec/servicespec/fn/krm"
	"github.com/servicespec/servicespec/schemas"
)

// Version and Commit are set at build time with -ldflags
// "-X .../fn/cli.Version=v1.2.3 -X .../fn/cli.Commit=<sha>"; without them
// the commit is the one Go recorded in the build, if any.
var (
	Version = "dev"
	Commit  = ""
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // invalid input: results and a summary were printed
	ExitUsage = 2
)

const usage = `servicespec expands ServiceSpec and AppSpec resources into the manifests the
KubeSphere console creates (Deployments, StatefulSets, Services, composed apps and their
grayscale releases, federated services of multi-cluster projects), as a KRM function.

Usage:
  servicespec                  run as a KRM function: a ResourceList on stdin, one on stdout
  servicespec render [--cluster NAME] [--explain[=json]] PATH...
                               render YAML files and directories (- for stdin) to a manifest stream on stdout;
                               --cluster: the plain objects that member cluster receives of placed services;
                               --explain: every line servicespec wrote ends in a comment saying where it comes
                               from (--explain=json: one record per field instead)
  servicespec import [--out DIR] PATH...
                               the reverse of render: read manifests (kubectl get -o yaml; - for stdin)
                               and write the ServiceSpecs of the console-made services, plus the rest
  servicespec schema [AppSpec] print the JSON Schema of ServiceSpec (or of AppSpec)
  servicespec discover [DIR]   print "servicespec" when DIR (default .) or the kustomization there holds
                               a ServiceSpec or AppSpec (an Argo CD plugin's discovery; always exits 0)
  servicespec version          print the version
  servicespec help             print this help

Exit status: 0 on success, 1 when the input has errors (each is printed on stderr), 2 on misuse.
`

// Run runs the command line with the given arguments and streams and
// returns the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		if isTerminal(stdin) {
			fmt.Fprint(stderr, usage)
			return ExitUsage
		}
		return runFunction(stdin, stdout, stderr)
	}
	switch args[0] {
	case "render":
		return runRender(args[1:], stdin, stdout, stderr)
	case "import":
		return runImport(args[1:], stdin, stdout, stderr)
	case "schema":
		return runSchema(args[1:], stdout, stderr)
	case "discover":
		return runDiscover(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, versionLine())
		return ExitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "servicespec: unknown command %q\n\n%s", args[0], usage)
	return ExitUsage
}

// runSchema prints the JSON Schema of a kind of the API.
func runSchema(args []string, stdout, stderr io.Writer) int {
	kind := api.Kind
	if len(args) > 0 {
		kind = args[0]
	}
	switch {
	case len(args) > 1:
	case kind == api.Kind:
		_, _ = stdout.Write(schemas.JSONSchema)
		return ExitOK
	case kind == api.AppKind:
		_, _ = stdout.Write(schemas.AppJSONSchema)
		return ExitOK
	}
	fmt.Fprintf(stderr, "servicespec schema: give no kind (ServiceSpec) or %s\n", api.AppKind)
	return ExitUsage
}

// runFunction is the KRM function: ResourceList in, ResourceList out. On
// errors the output still carries the results and the unchanged items.
func runFunction(stdin io.Reader, stdout, stderr io.Writer) int {
	in, err := readAll(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "servicespec: reading stdin: %v\n", err)
		return ExitError
	}
	if len(in) == 0 {
		fmt.Fprintln(stderr, "servicespec: stdin is empty; the function reads a ResourceList (kind: ResourceList, apiVersion: config.kubernetes.io/v1)")
		return ExitError
	}
	rl, err := krm.ReadResourceList(in)
	if err != nil {
		fmt.Fprintf(stderr, "servicespec: %v\n", err)
		return ExitError
	}
	res := function.Run(rl.Items, rl.FunctionConfig, function.Options{ResourceList: true})
	summary := res.Results
	if showsResults(rl.Items) {
		summary = errorsOnly(summary)
	}
	function.Summarize(stderr, summary)
	if err := krm.WriteResourceList(stdout, res.Items, rl.FunctionConfig, res.Results); err != nil {
		fmt.Fprintf(stderr, "servicespec: writing the ResourceList: %v\n", err)
		return ExitError
	}
	if !res.OK {
		fmt.Fprintln(stderr, "servicespec: the ServiceSpecs have errors; nothing was rendered")
		return ExitError
	}
	return ExitOK
}

// showsResults tells an orchestrator that prints the function's results
// to its user: kpt, which sends every item with the path of its file, and
// prints stderr too. Its users get no warning on stderr, which would show
// each warning twice; errors are summarized on stderr everywhere, as a
// failed function must say why in its own words. kustomize sends no paths
// and shows only stderr, and so gets every result there.
func showsResults(items []*krm.Item) bool {
	for _, it := range items {
		if it.File() != "" {
			return true
		}
	}
	return false
}

// errorsOnly keeps the error results.
func errorsOnly(results fn.Results) fn.Results {
	var out fn.Results
	for _, r := range results {
		if r.Severity == fn.Error {
			out = append(out, r)
		}
	}
	return out
}

// readAll reads all of r, into a buffer of the right size when r is a
// file (a doubling buffer would leave up to twice the input as garbage).
func readAll(r io.Reader) ([]byte, error) {
	f, ok := r.(*os.File)
	if !ok {
		return io.ReadAll(r)
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return io.ReadAll(r)
	}
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+bytes.MinRead))
	_, err = buf.ReadFrom(f)
	return buf.Bytes(), err
}

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// versionLine is what servicespec version prints: the version, the commit
// it was built from, the Go version and the platform.
func versionLine() string {
	commit := Commit
	if info, ok := debug.ReadBuildInfo(); ok && commit == "" {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				commit = s.Value
			}
		}
	}
	if commit == "" {
		commit = "unknown"
	}
	return fmt.Sprintf("servicespec %s (commit %s, %s, %s/%s)", Version, commit, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// parseInterspersed parses flags given before, between or after the paths
// (servicespec render app --cluster west), as users write them; after
// "--" everything is a path.
func parseInterspersed(flags *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := flags.Parse(args); err != nil {
			return nil, err
		}
		rest := flags.Args()
		if len(rest) == 0 {
			return paths, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(paths, rest...), nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}
