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
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// make release's artifacts: the host's binary runs and says its version,
// commit and Go version; another platform's binary is there; every
// checksum matches its file; the SBOM is CycloneDX and names the k8s.io
// modules servicespec is built from.
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
	if len(lines) != 5 {
		t.Errorf("checksums.txt has %d lines, want 5 (2 binaries, the wasm module, the playground, the SBOM)", len(lines))
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
	var bom struct {
		BOMFormat   string `json:"bomFormat"`
		SpecVersion string `json:"specVersion"`
		Components  []struct {
			Name, Version, PURL string
		} `json:"components"`
	}
	data, err := os.ReadFile(filepath.Join(dist, "servicespec_v9.9.9-test.cdx.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &bom); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, c := range bom.Components {
		names[c.Name] = true
	}
	if bom.BOMFormat != "CycloneDX" || !names["k8s.io/api"] || !names["k8s.io/apimachinery"] || !names["sigs.k8s.io/kustomize/kyaml"] {
		t.Errorf("the SBOM (%s %s, %d components) does not name the k8s.io modules", bom.BOMFormat, bom.SpecVersion, len(bom.Components))
	}
	checkPlayground(t, dist)
}

// checkPlayground: the playground archive holds the page, its script,
// Go's wasm_exec.js, the examples and the release's own module.
func checkPlayground(t *testing.T, dist string) {
	files := readTarGz(t, filepath.Join(dist, "servicespec_v9.9.9-test_playground.tar.gz"))
	module, err := os.ReadFile(filepath.Join(dist, "servicespec_v9.9.9-test.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	const dir = "servicespec_v9.9.9-test_playground/"
	if !bytes.Equal(files[dir+"servicespec.wasm"], module) {
		t.Error("the playground's servicespec.wasm is not the release's module")
	}
	for _, f := range []string{"index.html", "playground.js", "wasm_exec.js", "examples/stateless.yaml", "examples/canary.yaml"} {
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
