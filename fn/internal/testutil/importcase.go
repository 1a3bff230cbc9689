package testutil

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// ImportCase is one file of testdata/import. Its leading comment says what
// the import must make of it:
//
//	# want-specs: N       ServiceSpecs written
//	# want-raw: N         other objects written
//	# want-warning: TEXT  a warning line contains TEXT (one per line)
//	# want-stderr: TEXT   stderr contains TEXT (one per line)
type ImportCase struct {
	Specs, Raw int
	Warnings   []string
	Stderr     []string
}

// ReadImportCase reads what a case of testdata/import wants.
func ReadImportCase(t *testing.T, data []byte) ImportCase {
	t.Helper()
	c := ImportCase{Specs: -1, Raw: -1}
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		key, value, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ": ")
		switch key {
		case "want-specs":
			c.Specs, _ = strconv.Atoi(value)
		case "want-raw":
			c.Raw, _ = strconv.Atoi(value)
		case "want-warning":
			c.Warnings = append(c.Warnings, value)
		case "want-stderr":
			c.Stderr = append(c.Stderr, value)
		}
	}
	if c.Specs < 0 || c.Raw < 0 {
		t.Fatal("the case says neither want-specs nor want-raw")
	}
	return c
}

// ImportCases are the files of testdata/import: each one's path, data and
// what it wants.
func ImportCases(t *testing.T) []ImportFile {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(RepoRoot(t), "testdata", "import", "*.yaml"))
	if len(files) < 5 {
		t.Fatalf("found %d import cases", len(files))
	}
	out := make([]ImportFile, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ImportFile{Path: f, Data: data, Want: ReadImportCase(t, data)})
	}
	return out
}

// ImportFile is one case of testdata/import.
type ImportFile struct {
	Path string
	Data []byte
	Want ImportCase
}
