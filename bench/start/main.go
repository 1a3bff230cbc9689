// Command start measures how fast commands start: each command runs RUNS
// times, the commands taking turns, and for each the median (and the
// quartiles) of the time to its first byte of output and to its exit are
// printed, then each command's medians over the second's (the baseline),
// and the first's over the third's.
//
//	start RUNS NAME INPUT COMMAND [ARG...] -- NAME INPUT COMMAND [ARG...]
//
// INPUT is the file given as standard input ("-" for none).
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

type command struct {
	name, input string
	argv        []string
	first, exit []time.Duration
}

func main() {
	cmds, runs, err := parseArgs(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "start:", err)
		fmt.Fprintln(os.Stderr, "usage: start RUNS NAME INPUT COMMAND [ARG...] -- NAME INPUT COMMAND [ARG...]")
		os.Exit(2)
	}
	for range runs {
		for _, c := range cmds {
			if err := c.run(); err != nil {
				fmt.Fprintf(os.Stderr, "start: %s: %v\n", c.name, err)
				os.Exit(1)
			}
		}
	}
	fmt.Printf("%-14s %12s %12s %12s %12s\n", "command", "first output", "exit", "exit p25", "exit p75")
	for _, c := range cmds {
		fmt.Printf("%-14s %12s %12s %12s %12s\n", c.name, ms(quantile(c.first, 0.5)), ms(quantile(c.exit, 0.5)),
			ms(quantile(c.exit, 0.25)), ms(quantile(c.exit, 0.75)))
	}
	// Every command against the second (the baseline), and the first
	// against the third (a floor between them).
	for i, c := range cmds {
		if i != 1 && len(cmds) > 1 {
			printRatio(c, cmds[1])
		}
	}
	if len(cmds) > 2 {
		printRatio(cmds[0], cmds[2])
	}
}

func printRatio(a, b *command) {
	fmt.Printf("%s/%s = %.2f (to exit), %.2f (to first output)\n", a.name, b.name, ratio(a.exit, b.exit), ratio(a.first, b.first))
}

func parseArgs(args []string) ([]*command, int, error) {
	if len(args) < 1 {
		return nil, 0, errors.New("no RUNS")
	}
	runs, err := strconv.Atoi(args[0])
	if err != nil || runs < 1 {
		return nil, 0, fmt.Errorf("RUNS %q is not a positive number", args[0])
	}
	var cmds []*command
	for group := range strings.SplitSeq(strings.Join(args[1:], "\x00"), "\x00--\x00") {
		f := strings.Split(group, "\x00")
		if len(f) < 3 {
			return nil, 0, fmt.Errorf("%q: want NAME INPUT COMMAND", f)
		}
		cmds = append(cmds, &command{name: f[0], input: f[1], argv: f[2:]})
	}
	return cmds, runs, nil
}

// run runs the command once, its output read as it comes.
func (c *command) run() error {
	in, err := c.stdin()
	if err != nil {
		return err
	}
	cmd := exec.Command(c.argv[0], c.argv[1:]...)
	cmd.Stdin = in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	first := time.Duration(-1)
	buf := make([]byte, 64<<10)
	for {
		n, err := out.Read(buf)
		if n > 0 && first < 0 {
			first = time.Since(start)
		}
		if err != nil {
			break
		}
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("%w: %s", err, stderr.String())
	}
	exit := time.Since(start)
	if first < 0 {
		first = exit // no output: its end is when it would have come
	}
	c.first = append(c.first, first)
	c.exit = append(c.exit, exit)
	return nil
}

func (c *command) stdin() (io.Reader, error) {
	if c.input == "-" {
		return nil, nil
	}
	b, err := os.ReadFile(c.input)
	return bytes.NewReader(b), err
}

func quantile(ds []time.Duration, q float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[int(q*float64(len(s)-1)+0.5)]
}

func ratio(a, b []time.Duration) float64 {
	return float64(quantile(a, 0.5)) / float64(quantile(b, 0.5))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
