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
// page says what it is and which version, loads the compressed module and
// renders its first example; picking another example renders that one, an
// edit changes the output, an error shows its field path and its line is
// marked in the editor while nothing is rendered; a multi-cluster spec can
// be seen as what one member cluster receives; a link opened in the tab
// shows its spec (the picker says custom), a broken one leaves the editor
// as it was and says so; an empty editor says there is nothing to render;
// and the Import tab gives, for examples/import, the bytes the command
// line writes.
func TestPlayground(t *testing.T) {
	chrome := browser(t)
	module, _ := buildWasm(t)
	site := playgroundSite(t, module)
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.Headless)
	alloc, cancel := chromedp.NewExecAllocator(t.Context(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	page := &playgroundPage{t: t, ctx: ctx}

	// Load: the first example (a Stateless service) is rendered, from the
	// compressed module; the page says what it is.
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	page.waitFor(`document.getElementById('status').dataset.exitCode === '0'`)
	if out := page.eval(`document.getElementById('output').textContent`); !strings.Contains(out, "kind: Deployment") || !strings.Contains(out, "name: nginx-v1") {
		t.Fatalf("the first example does not render a Deployment:\n%s", out)
	}
	intro := page.eval(`document.querySelector('header p').textContent + ' ' + [...document.querySelectorAll('header a')].map(a => a.href).join(' ') + ' version ' + document.getElementById('version').textContent`)
	for _, want := range []string{"KubeSphere", "ServiceSpec", "README", "docs/reference.md", "docs/console-compatibility.md", "version dev"} {
		if !strings.Contains(intro, want) {
			t.Errorf("the page does not say %q: %s", want, intro)
		}
	}
	checkLineSources(t, page)
	// Pick the Stateful example.
	page.pick("1")
	page.waitFor(`document.getElementById('output').textContent.includes('kind: StatefulSet')`)
	// Edit: another version renames the workload.
	page.edit(`s.value.replace('spec:\n', 'spec:\n  version: v7\n')`)
	page.waitFor(`document.getElementById('output').textContent.includes('-v7')`)
	if got := page.eval(`document.getElementById('example').value`); got != "custom" {
		t.Errorf("after an edit the picker says %q, want custom", got)
	}
	// An error: its field path and line are shown, the line is marked in
	// the editor, and nothing is rendered.
	page.edit(`s.value.replace(/replicas: \d+/, 'replicas: -3')`)
	page.waitFor(`document.getElementById('status').dataset.exitCode === '1'`)
	messages := page.eval(`[...document.querySelectorAll('#messages li')].map(li => li.textContent).join('\n')`)
	line := page.eval(`String(document.getElementById('spec').value.split('\n').findIndex(l => l.includes('replicas: -3')) + 1)`)
	if out := page.eval(`document.getElementById('output').textContent`); !strings.Contains(messages, "<stdin>:"+line+": ") || !strings.Contains(messages, "spec.replicas") || out != "" {
		t.Fatalf("an invalid spec (line %s): messages %q, output %q", line, messages, out)
	}
	if marked := page.eval(`[...document.querySelectorAll('#gutter span.error')].map(s => s.textContent).join(',')`); marked != line {
		t.Errorf("the editor marks lines %q, want %s", marked, line)
	}
	// Multi-cluster: the federated objects, or what west receives.
	page.pick("4")
	page.waitFor(`document.getElementById('output').textContent.includes('kind: FederatedDeployment')`)
	if clusters := page.eval(`[...document.getElementById('cluster').options].map(o => o.value).join(',')`); clusters != ",east,west" {
		t.Fatalf("the cluster choice offers %q", clusters)
	}
	page.eval(`(() => { const c = document.getElementById('cluster'); c.value = 'west'; c.dispatchEvent(new Event('change')); return ''; })()`)
	page.waitFor(`document.getElementById('status').textContent === 'rendered for member cluster west'`)
	west, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "examples", "multicluster", ".expected", "clusters", "west.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if out := page.eval(`document.getElementById('output').textContent`); out != string(west) {
		t.Errorf("west's view differs from servicespec render --cluster west:\n%s", out)
	}
	// A link opened in the tab shows its spec; a broken one changes nothing.
	const linked = "apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata: {name: linked}\nspec: {type: External, externalName: db.example.com}\n"
	page.eval(`(() => { location.hash = 'spec=' + btoa(` + "`" + linked + "`" + `); return ''; })()`)
	page.waitFor(`document.getElementById('output').textContent.includes('name: linked')`)
	if got := page.eval(`document.getElementById('example').value`); got != "custom" {
		t.Errorf("a linked spec: the picker says %q, want custom", got)
	}
	page.eval(`(() => { location.hash = 'spec=' + btoa(` + "`" + linked + "`" + `).slice(0, -7) + '%%'; return ''; })()`)
	page.waitFor(`document.getElementById('status').textContent.includes('does not hold a spec')`)
	if got := page.eval(`document.getElementById('spec').value`); got != linked {
		t.Errorf("a broken link changed the editor to %q", got)
	}
	// An empty editor.
	page.edit("''")
	page.waitFor(`document.getElementById('status').textContent.startsWith('nothing to render')`)
	// Import: the same bytes as the command line.
	page.eval(`(() => { document.getElementById('tab-import').click(); return ''; })()`)
	page.waitFor(`document.getElementById('import-view').dataset.exitCode === '0'`)
	in := filepath.Join(testutil.RepoRoot(t), "examples", "import", "kubectl-get.yaml")
	want, stderr, ok := runWithTools(t, t.TempDir(), binary, "import", in)
	if !ok {
		t.Fatalf("servicespec import: %s", stderr)
	}
	if got := page.eval(`document.getElementById('imported').textContent`); got != want {
		t.Errorf("the Import tab differs from servicespec import:\n%s", got)
	}
	if summary := page.eval(`document.getElementById('import-messages').textContent`); !strings.Contains(summary, "services imported as ServiceSpecs") {
		t.Errorf("the Import tab shows no summary: %q", summary)
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

// pick chooses an example, as the picker does.
func (p *playgroundPage) pick(value string) {
	p.t.Helper()
	p.eval(`(() => { const p = document.getElementById('example'); p.value = '` + value + `'; p.dispatchEvent(new Event('change')); return ''; })()`)
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

// playgroundSite lays out the playground as make wasm and make release
// do (hack/playground-files.sh), with the module built for the test.
func playgroundSite(t *testing.T, module string) string {
	t.Helper()
	site := t.TempDir()
	cmd := exec.Command("hack/playground-files.sh", site, module)
	cmd.Dir = testutil.RepoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hack/playground-files.sh: %v\n%s", err, out)
	}
	return site
}

// checkLineSources: a click on an output line says where it comes from,
// and selects the spec's line it names; a default says it is one.
func checkLineSources(t *testing.T, page *playgroundPage) {
	t.Helper()
	clickLine := func(text string) string {
		return page.eval(`(() => { const o = document.getElementById('output'); const t = o.firstChild;
			const r = document.createRange(); r.setStart(t, t.textContent.indexOf(` + "`" + text + "`" + `)); r.collapse(true);
			const s = getSelection(); s.removeAllRanges(); s.addRange(r);
			o.dispatchEvent(new MouseEvent('click', {bubbles: true}));
			return document.getElementById('source').textContent; })()`)
	}
	if hint := page.eval(`document.getElementById('source').textContent`); !strings.Contains(hint, "where it comes from") {
		t.Errorf("the page does not say how to see where a line comes from: %q", hint)
	}
	if src := clickLine("image: nginx"); !strings.Contains(src, "spec.containers[0].image  <stdin>:") {
		t.Errorf("the image line's source: %q", src)
	}
	if sel := page.eval(`(() => { const s = document.getElementById('spec'); return s.value.slice(s.selectionStart, s.selectionEnd); })()`); !strings.Contains(sel, "image: nginx") {
		t.Errorf("the spec's image line is not selected: %q", sel)
	}
	if src := clickLine("imagePullPolicy: IfNotPresent"); !strings.Contains(src, "default: spec.containers[0].imagePullPolicy") {
		t.Errorf("the pull policy's source: %q", src)
	}
}
