package cli_test

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/google/go-cmp/cmp"
	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// A second run over the output changes no item. (Its results may differ:
// a warning about a change, what the cluster will do, is given once, for
// the run that makes the change.)
func TestIdempotent(t *testing.T) {
	for _, c := range goldenCases(t) {
		out, _, code := runFunction(c.input)
		if code != 0 {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			again, errOut, code := runFunction(out)
			if code != 0 {
				t.Fatalf("second run failed (%d): %s", code, errOut)
			}
			if diff := cmp.Diff(testutil.ItemsYAML(t, out), testutil.ItemsYAML(t, again)); diff != "" {
				t.Errorf("second run changed the items (-first +second):\n%s", diff)
			}
		})
	}
}

// The order of the input items does not change the output bytes (unless two
// items share an identity, which the SDK's sort cannot order).
func TestInputOrderIndependent(t *testing.T) {
	for _, c := range goldenCases(t) {
		rl, err := fn.ParseResourceList(c.input)
		if err != nil || fn.CheckResourceDuplication(rl) != nil {
			continue
		}
		reversed := reverseItems(t, c.input)
		if _, err := fn.ParseResourceList(reversed); err != nil {
			continue // an alias now before its anchor: the reversed list is not YAML
		}
		t.Run(c.name, func(t *testing.T) {
			want, _, _ := runFunction(c.input)
			got, _, _ := runFunction(reversed)
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("reversing the input items changed the output (-in order +reversed):\n%s", diff)
			}
		})
	}
}

func reverseItems(t *testing.T, in []byte) []byte {
	t.Helper()
	rl, err := yaml.Parse(string(in))
	if err != nil {
		t.Fatal(err)
	}
	if items := rl.Field("items"); items != nil {
		slices.Reverse(items.Value.YNode().Content)
	}
	return []byte(rl.MustString())
}

// On any error the items come back exactly as they went in (in the SDK's
// order), and nothing generated is added.
func TestErrorsLeaveItemsUnchanged(t *testing.T) {
	for _, c := range goldenCases(t) {
		out, _, code := runFunction(c.input)
		if code == 0 {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(testutil.ItemsYAML(t, c.input), testutil.ItemsYAML(t, out)); diff != "" {
				t.Errorf("items changed on error (-input +output):\n%s", diff)
			}
			if !bytes.Contains(out, []byte("severity: error")) {
				t.Error("the output carries no error result")
			}
		})
	}
}

// Every generated Service selects the pods of the workload generated with
// it, and every workload's selector matches its own pod template.
func TestSelectorsMatchPodLabels(t *testing.T) {
	checked := 0
	for _, c := range goldenCases(t) {
		out, _, code := runFunction(c.input)
		if code != 0 {
			continue
		}
		rl, err := fn.ParseResourceList(out)
		if err != nil {
			t.Fatal(err)
		}
		problems, n := selectorProblems(rl.Items)
		for _, p := range problems {
			t.Errorf("%s: %s", c.name, p)
		}
		checked += n
	}
	if checked == 0 {
		t.Fatal("no generated Service was checked")
	}
}

// selectorProblems checks the selector invariants of an output (Services
// select the pods of every workload generated with them, a release's
// second version included; disruption budgets select generated pods;
// autoscalers scale a generated workload) and returns what is wrong and how
// many generated Services it checked.
func selectorProblems(items fn.KubeObjects) (problems []string, checked int) {
	podLabels := map[string][]map[string]string{}
	workloads := map[string][]string{} // owner → "Kind/name"
	for _, o := range items {
		owner := o.GetAnnotation(api.AnnotationGeneratedFrom)
		if o.GetAPIVersion() != "apps/v1" || owner == "" {
			continue // hand-written workloads pass through as they are
		}
		workloads[owner] = append(workloads[owner], o.GetKind()+"/"+o.GetName())
		labels, _, _ := o.NestedStringMap("spec", "template", "metadata", "labels")
		match, _, _ := o.NestedStringMap("spec", "selector", "matchLabels")
		if len(match) == 0 || !subset(match, labels) {
			problems = append(problems, fmt.Sprintf("%s %s: selector %v does not match its pod labels %v", o.GetKind(), o.GetName(), match, labels))
		}
		podLabels[owner] = append(podLabels[owner], labels)
	}
	for _, o := range items.Where(fn.IsGroupVersionKind(serviceGVK)) {
		owner := o.GetAnnotation(api.AnnotationGeneratedFrom)
		pods, ok := podLabels[owner]
		if !ok {
			continue // ExternalName and Workload services front no generated workload
		}
		selector, _, _ := o.NestedStringMap("spec", "selector")
		for _, labels := range pods {
			if len(selector) == 0 || !subset(selector, labels) {
				problems = append(problems, fmt.Sprintf("Service %s: selector %v does not select the pod labels %v", o.GetName(), selector, labels))
			}
		}
		checked++
	}
	for _, o := range items {
		owner := o.GetAnnotation(api.AnnotationGeneratedFrom)
		switch {
		case owner == "":
		case o.GetKind() == "PodDisruptionBudget":
			match, _, _ := o.NestedStringMap("spec", "selector", "matchLabels")
			if len(match) == 0 || !slices.ContainsFunc(podLabels[owner], func(l map[string]string) bool { return subset(match, l) }) {
				problems = append(problems, fmt.Sprintf("PodDisruptionBudget %s: selector %v selects none of the pod labels %v", o.GetName(), match, podLabels[owner]))
			}
		case o.GetKind() == "HorizontalPodAutoscaler":
			kind, _, _ := o.NestedString("spec", "scaleTargetRef", "kind")
			name, _, _ := o.NestedString("spec", "scaleTargetRef", "name")
			if !slices.Contains(workloads[owner], kind+"/"+name) {
				problems = append(problems, fmt.Sprintf("HorizontalPodAutoscaler %s scales %s/%s, none of the generated %v", o.GetName(), kind, name, workloads[owner]))
			}
		}
	}
	return problems, checked
}

func subset(small, big map[string]string) bool {
	for k, v := range small {
		if big[k] != v {
			return false
		}
	}
	return true
}

var serviceGVK = schema.GroupVersionKind{Version: "v1", Kind: "Service"}
