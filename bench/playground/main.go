// Command playground measures the playground's first render as a new user
// meets it: headless Chromium with the cache off and the network throttled
// (50 Mbit/s down, 20 Mbit/s up, 20 ms latency by default), loading the
// page from the playground's files as make release lays them out
// (hack/playground-files.sh over a release build of the module), until
// the first example is rendered. It prints, for RUNS runs, the time to the
// first rendered output (median, min, max) and the bytes on the wire, for
// the site as released and, as the baseline, for the same site serving the
// module uncompressed (as the playground did before it shipped it gzipped).
//
//	go run ./bench/playground [-runs 5] [-mbit 50] [-chromium PATH]
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

func main() {
	runs := flag.Int("runs", 5, "page loads to measure")
	mbit := flag.Float64("mbit", 50, "download bandwidth, Mbit/s (0: no throttling)")
	chromium := flag.String("chromium", "chromium", "the browser")
	flag.Parse()
	site, err := os.MkdirTemp("", "servicespec-playground")
	check(err)
	defer func() { _ = os.RemoveAll(site) }()
	module := filepath.Join(site, "module.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w -X github.com/servicespec/servicespec/fn/cli.Version=bench", "-o", module, "./cmd/servicespec")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	run(build)
	run(exec.Command("hack/playground-files.sh", site, module))
	measure("gzipped module (as released)", site, *runs, *mbit, *chromium)
	check(os.Rename(module, filepath.Join(site, "servicespec.wasm")))
	check(os.Remove(filepath.Join(site, "servicespec.wasm.gz")))
	measure("uncompressed module (baseline)", site, *runs, *mbit, *chromium)
}

func measure(what, site string, runs int, mbit float64, chromium string) {
	var mu sync.Mutex
	var wire int64
	srv := httptest.NewServer(countingHandler(http.FileServer(http.Dir(site)), &mu, &wire))
	defer srv.Close()
	var times []time.Duration
	var bytesPerLoad int64
	for i := 0; i < runs; i++ {
		mu.Lock()
		wire = 0
		mu.Unlock()
		times = append(times, firstRender(chromium, srv.URL+"/index.html", mbit))
		mu.Lock()
		bytesPerLoad = wire
		mu.Unlock()
	}
	slices.Sort(times)
	fmt.Printf("playground first render, %s: %d runs, %.0f Mbit/s (Chromium's throttling), cache off: median %.2f s (min %.2f, max %.2f); %.1f MB on the wire per load\n",
		what, runs, mbit, times[len(times)/2].Seconds(), times[0].Seconds(), times[len(times)-1].Seconds(), float64(bytesPerLoad)/1e6)
}

// firstRender loads the page in a fresh headless browser and returns the
// time from navigation to the first rendered output.
func firstRender(chromium, url string, mbit float64) time.Duration {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.Headless,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	check(err)
	_, err = chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
	check(err)
	if mbit > 0 {
		_, err = chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Latency: 20, DownloadThroughput: mbit * 1e6 / 8, UploadThroughput: 20e6 / 8}},
		})
		check(err)
	}
	start := time.Now()
	check(chromedp.Do(ctx, chromedp.Navigate(url)))
	for {
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('status').dataset.exitCode === '0'`))
		check(err)
		if done {
			marks, err := chromedp.Run(ctx, chromedp.Evaluate[string](`performance.getEntriesByType('mark').map(m => m.name + ' ' + Math.round(m.startTime)).join(', ')`))
			check(err)
			if os.Getenv("PLAYGROUND_MARKS") != "" {
				fmt.Println(marks)
			}
			return time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// countingHandler counts the response bytes the server writes.
func countingHandler(h http.Handler, mu *sync.Mutex, n *int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&countingWriter{ResponseWriter: w, mu: mu, n: n}, r)
	})
}

type countingWriter struct {
	http.ResponseWriter
	mu *sync.Mutex
	n  *int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	c.mu.Lock()
	*c.n += int64(len(b))
	c.mu.Unlock()
	return c.ResponseWriter.Write(b)
}

func run(cmd *exec.Cmd) {
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n%s", cmd, err, out)
		os.Exit(1)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "playground:", err)
		os.Exit(1)
	}
}
