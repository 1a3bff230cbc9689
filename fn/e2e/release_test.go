package e2e

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// make release's artifacts: the host's binary runs and says its version,
// commit and Go version; another platform's binary is there; every
// checksum matches its file; each artifact has a CycloneDX SBOM of the
// modules it links.
func TestRelease(t *testing.T) {
	dist := t.TempDir()
	host := runtime.GOOS + "/" + runtime.GOARCH
	cmd := exec.Command("hack/release.sh")
	cmd.Dir = testutil.RepoRoot(t)
	cmd.Env = append(os.Environ(), "DIST="+dist, "VERSION=v9.9.9-test", "COMMIT=0123abc", "PLATFORMS="+host+" windows/amd64",
		"RELEASE_IMAGE=skip") // the image and its archive: make image-test (hack/image-test.sh, step 6)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hack/release.sh: %v\n%s", err, out)
	}
	bin := filepath.Join(dist, "servicespec_v9.9.9-test_"+runtime.GOOS+"_"+runtime.GOARCH)
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"v9.9.9-test", "commit 0123abc", runtime.Version()} {
		if !strings.Contains(string(out), want) {
			t.Errorf("version says %q, want %s in it", out, want)
		}
	}
	for _, f := range []string{"servicespec_v9.9.9-test_windows_amd64.exe", "servicespec_v9.9.9-test.wasm"} {
		if _, err := os.Stat(filepath.Join(dist, f)); err != nil {
			t.Error(err)
		}
	}
	sums, err := os.ReadFile(filepath.Join(dist, "checksums.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(sums)), "\n")
	if len(lines) != 7 {
		t.Errorf("checksums.txt has %d lines, want 7 (2 binaries, the wasm module, the playground, an SBOM for each binary and the module)", len(lines))
	}
	for _, l := range lines {
		sum, file, _ := strings.Cut(l, "  ")
		data, err := os.ReadFile(filepath.Join(dist, file))
		if err != nil {
			t.Fatal(err)
		}
		if h := sha256.Sum256(data); hex.EncodeToString(h[:]) != sum {
			t.Errorf("%s: the checksum does not match", file)
		}
	}
	checkSBOMs(t, dist, bin)
	checkPlayground(t, dist)
}

// checkSBOMs: each artifact's SBOM lists the modules it links: for the
// host's binary, exactly what go version -m reports; for the module, k8s.io
// and not a test-only module.
func checkSBOMs(t *testing.T, dist, bin string) {
	t.Helper()
	linked, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, l := range strings.Split(string(linked), "\n") {
		if f := strings.Fields(l); len(f) >= 3 && (f[0] == "dep" || f[0] == "=>") {
			if f[0] == "=>" {
				want = want[:len(want)-1]
			}
			want = append(want, f[1]+"@"+f[2])
		}
	}
	if got := sbomComponents(t, bin+".cdx.json"); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the binary's SBOM lists %d modules, go version -m %d:\n%v\n%v", len(got), len(want), got, want)
	}
	wasm := sbomComponents(t, filepath.Join(dist, "servicespec_v9.9.9-test.wasm.cdx.json"))
	if !slices.Contains(wasm, "k8s.io/api@"+moduleVersion(t, "k8s.io/api")) || slices.Contains(wasm, "github.com/chromedp/chromedp@"+moduleVersion(t, "github.com/chromedp/chromedp")) {
		t.Errorf("the module's SBOM does not list what it links (k8s.io/api) or lists what it does not (chromedp): %v", wasm)
	}
}

// sbomComponents reads a CycloneDX SBOM: its main component must be the
// application; it returns the components as path@version.
func sbomComponents(t *testing.T, file string) []string {
	t.Helper()
	var bom struct {
		BOMFormat string `json:"bomFormat"`
		Metadata  struct {
			Component struct{ Type, Name string } `json:"component"`
		} `json:"metadata"`
		Components []struct{ Name, Version string } `json:"components"`
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &bom); err != nil {
		t.Fatal(err)
	}
	if bom.BOMFormat != "CycloneDX" || bom.Metadata.Component.Type != "application" || bom.Metadata.Component.Name != "github.com/servicespec/servicespec" {
		t.Errorf("%s: %s, main component %+v", file, bom.BOMFormat, bom.Metadata.Component)
	}
	var out []string
	for _, c := range bom.Components {
		out = append(out, c.Name+"@"+c.Version)
	}
	return out
}

func moduleVersion(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// checkPlayground: the playground archive holds the page, its script,
// Go's wasm_exec.js, the examples and the release's own module, gzipped.
func checkPlayground(t *testing.T, dist string) {
	files := readTarGz(t, filepath.Join(dist, "servicespec_v9.9.9-test_playground.tar.gz"))
	module, err := os.ReadFile(filepath.Join(dist, "servicespec_v9.9.9-test.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	const dir = "servicespec_v9.9.9-test_playground/"
	zr, err := gzip.NewReader(bytes.NewReader(files[dir+"servicespec.wasm.gz"]))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(zr); err != nil || !bytes.Equal(got, module) {
		t.Errorf("the playground's servicespec.wasm.gz is not the release's module gzipped (%v)", err)
	}
	for _, f := range []string{"index.html", "playground.js", "wasm_exec.js", "examples/stateless.yaml", "examples/canary.yaml", "examples/import.yaml"} {
		if len(files[dir+f]) == 0 {
			t.Errorf("the playground archive has no %s", f)
		}
	}
}

func readTarGz(t *testing.T, name string) map[string][]byte {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		if out[h.Name], err = io.ReadAll(tr); err != nil {
			t.Fatal(err)
		}
	}
}
