//go:build !(js && wasm)

// Command servicespec is the servicespec KRM function and command line.
package main

import (
	"os"

	"github.com/servicespec/servicespec/fn/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
