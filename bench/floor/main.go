// Command floor reads all of stdin and writes the file named by its
// argument to stdout: the cost of reading a function's input and writing
// its output with no work in between, the floor make bench shows.
//
//	floor OUTPUT < INPUT
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: floor OUTPUT < INPUT")
		os.Exit(2)
	}
	if _, err := io.ReadAll(os.Stdin); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	out, err := os.ReadFile(os.Args[1])
	if err == nil {
		_, err = os.Stdout.Write(out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}
