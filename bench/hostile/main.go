// Command hostile writes the hostile corpus (corpusgen.HostileInputs) into
// a directory, one NAME.yaml per input and NAME.exit with its exit code,
// for make hostile.
//
//	go run ./bench/hostile DIR
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/servicespec/servicespec/bench/corpusgen"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: hostile DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "hostile:", err)
		os.Exit(1)
	}
	for _, h := range corpusgen.HostileInputs() {
		for name, data := range map[string][]byte{h.Name + ".yaml": h.Input, h.Name + ".exit": []byte(strconv.Itoa(h.Exit) + "\n")} {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				fmt.Fprintln(os.Stderr, "hostile:", err)
				os.Exit(1)
			}
		}
	}
}
