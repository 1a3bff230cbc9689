package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// The config hash follows what the pods read: it changes with a referenced
// ConfigMap's data and not with its labels, and it does not depend on the
// order of the items.
func TestConfigHashFollowsReferencedData(t *testing.T) {
	in, err := os.ReadFile(filepath.Join(testutil.RepoRoot(t), "testdata", "golden", "beyond-rollout-config", "input.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	base := configHashOf(t, in)
	if base == "" {
		t.Fatal("the golden input renders no config hash")
	}
	dataChanged := bytes.Replace(in, []byte("{LOG_LEVEL: info}"), []byte("{LOG_LEVEL: debug}"), 1)
	labelsChanged := bytes.Replace(in, []byte("    name: web-env\n"), []byte("    name: web-env\n    labels: {team: web}\n"), 1)
	for name, c := range map[string]struct {
		in   []byte
		same bool
	}{
		"data changed":        {dataChanged, false},
		"labels changed":      {labelsChanged, true},
		"items reversed":      {reverseItems(t, in), true},
		"secret data changed": {bytes.Replace(in, []byte("{token: s3cr3t}"), []byte("{token: other}"), 1), false},
	} {
		if bytes.Equal(c.in, in) {
			t.Fatalf("%s: the edit did not apply", name)
		}
		if got := configHashOf(t, c.in); (got == base) != c.same {
			t.Errorf("%s: hash %s, base %s, want same=%v", name, got, base, c.same)
		}
	}
}

func configHashOf(t *testing.T, in []byte) string {
	t.Helper()
	out, errOut, code := runFunction(in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rl, err := fn.ParseResourceList(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range rl.Items {
		if o.GetKind() == "Deployment" {
			v, _, _ := o.NestedString("spec", "template", "metadata", "annotations", api.AnnotationConfigHash)
			return v
		}
	}
	return ""
}
