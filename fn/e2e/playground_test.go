package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// browser finds a Chromium to drive; the test is skipped, saying how to
// get one, where none is installed.
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium to drive the playground: apt-get install chromium (make test installs it)")
	return ""
}

// The playground in a real headless browser, as a new user meets it: the
// page loads and renders its first example, picking another example
// renders that one, an edit changes the output, and an error shows its
// field path while nothing is rendered.
func TestPlayground(t *testing.T) {
	chrome := browser(t)
	module, support := buildWasm(t)
	site := playgroundSite(t, module, support)
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.Headless)
	alloc, cancel := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	page := &playgroundPage{t: t, ctx: ctx}

	// Load: the first example (a Stateless service) is rendered.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	page.waitFor(`document.getElementById('status').dataset.exitCode === '0'`)
	if out := page.eval(`document.getElementById('output').textContent`); !strings.Contains(out, "kind: Deployment") || !strings.Contains(out, "name: nginx-v1") {
		t.Fatalf("the first example does not render a Deployment:\n%s", out)
	}
	// Pick the Stateful example.
	page.eval(`(() => { const p = document.getElementById('example'); p.value = '1'; p.dispatchEvent(new Event('change')); return ''; })()`)
	page.waitFor(`document.getElementById('output').textContent.includes('kind: StatefulSet')`)
	// Edit: another version renames the workload.
	page.edit(`s.value.replace('spec:\n', 'spec:\n  version: v7\n')`)
	page.waitFor(`document.getElementById('output').textContent.includes('-v7')`)
	// An error: its field path is shown, and nothing is rendered.
	page.edit(`s.value.replace('spec:\n', 'spec:\n  replicas: -3\n')`)
	page.waitFor(`document.getElementById('status').dataset.exitCode === '1'`)
	messages := page.eval(`[...document.querySelectorAll('#messages li')].map(li => li.textContent).join('\n')`)
	if out := page.eval(`document.getElementById('output').textContent`); !strings.Contains(messages, "spec.replicas") || out != "" {
		t.Fatalf("an invalid spec: messages %q, output %q", messages, out)
	}
}

// playgroundPage drives the page through JavaScript, as a user's typing
// and picking would change it.
type playgroundPage struct {
	t   *testing.T
	ctx context.Context
}

func (p *playgroundPage) eval(js string) string {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[any](js))
	if err != nil {
		p.t.Fatalf("%s: %v", js, err)
	}
	s, _ := v.(string)
	if b, ok := v.(bool); ok && b {
		s = "true"
	}
	return s
}

// edit sets the editor's text (s is the editor in js) as typing does.
func (p *playgroundPage) edit(js string) {
	p.t.Helper()
	p.eval(`(() => { const s = document.getElementById('spec'); s.value = ` + js + `; s.dispatchEvent(new Event('input')); return ''; })()`)
}

// waitFor polls a condition for up to 30 seconds.
func (p *playgroundPage) waitFor(cond string) {
	p.t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if p.eval(cond) == "true" {
			return
		}
	}
	p.t.Fatalf("the page never showed %s; status: %q", cond, p.eval(`document.getElementById('status').textContent`))
}

// playgroundSite lays out web/ as make wasm does, with the module built
// for the test.
func playgroundSite(t *testing.T, module, support string) string {
	t.Helper()
	root := testutil.RepoRoot(t)
	site := t.TempDir()
	files := map[string]string{
		"index.html": filepath.Join(root, "web", "index.html"), "playground.js": filepath.Join(root, "web", "playground.js"),
		"servicespec.wasm": module, "wasm_exec.js": support,
		"examples/stateless.yaml":    filepath.Join(root, "examples", "stateless", "servicespec.yaml"),
		"examples/stateful.yaml":     filepath.Join(root, "examples", "stateful", "servicespec.yaml"),
		"examples/external.yaml":     filepath.Join(root, "examples", "external", "servicespec.yaml"),
		"examples/workload.yaml":     filepath.Join(root, "examples", "workload", "servicespec.yaml"),
		"examples/multicluster.yaml": filepath.Join(root, "examples", "multicluster", "app", "storefront.yaml"),
		"examples/canary.yaml":       filepath.Join(root, "examples", "canary", "2-canary-10", "bookinfo.yaml"),
	}
	for name, from := range files {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(site, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}
