package apiserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/yaml"
)

// Outcome is what the server said about one object.
type Outcome struct {
	Accepted bool
	Message  string   // the server's message when rejected
	Warnings []string // Warning headers, e.g. from PodSecurity admission
}

// DryRun creates the object with dryRun=All and fieldValidation=Strict, as
// `kubectl apply --dry-run=server --validate=strict` does for a new object.
// Namespaced objects without a namespace go to defaultNamespace.
func (s *Server) DryRun(ctx context.Context, obj *unstructured.Unstructured, defaultNamespace string) (Outcome, error) {
	res, err := s.resourceFor(ctx, obj.GroupVersionKind())
	if err != nil {
		return Outcome{}, err
	}
	path := gvPath(obj.GroupVersionKind().GroupVersion())
	if res.Namespaced {
		ns := obj.GetNamespace()
		if ns == "" {
			ns = defaultNamespace
		}
		path += "/namespaces/" + url.PathEscape(ns)
	}
	body, err := obj.MarshalJSON()
	if err != nil {
		return Outcome{}, err
	}
	code, resp, warnings, err := s.do(ctx, http.MethodPost, path+"/"+res.Name+"?dryRun=All&fieldValidation=Strict", body)
	if err != nil {
		return Outcome{}, err
	}
	out := Outcome{Accepted: code == http.StatusCreated || code == http.StatusOK, Warnings: warnings}
	if !out.Accepted {
		out.Message = statusMessage(code, resp)
	}
	return out, nil
}

// EnsureNamespace creates a namespace (for real) with the given labels,
// unless it exists.
func (s *Server) EnsureNamespace(ctx context.Context, name string, labels map[string]string) error {
	ns := &corev1.Namespace{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels},
	}
	body, err := json.Marshal(ns)
	if err != nil {
		return err
	}
	code, resp, _, err := s.do(ctx, http.MethodPost, "/api/v1/namespaces", body)
	if err != nil {
		return err
	}
	if code != http.StatusCreated && code != http.StatusConflict {
		return fmt.Errorf("creating namespace %s: %s", name, statusMessage(code, resp))
	}
	return nil
}

// CreateFromYAML creates an object for real (a CRD, say) and, for a CRD,
// waits until its kinds are served.
func (s *Server) CreateFromYAML(ctx context.Context, doc []byte) error {
	obj := &unstructured.Unstructured{}
	data, err := yaml.YAMLToJSON(doc)
	if err != nil {
		return err
	}
	if err := obj.UnmarshalJSON(data); err != nil {
		return err
	}
	res, err := s.resourceFor(ctx, obj.GroupVersionKind())
	if err != nil {
		return err
	}
	code, resp, _, err := s.do(ctx, http.MethodPost, gvPath(obj.GroupVersionKind().GroupVersion())+"/"+res.Name, data)
	if err != nil {
		return err
	}
	if code != http.StatusCreated && code != http.StatusConflict {
		return fmt.Errorf("creating %s %s: %s", obj.GetKind(), obj.GetName(), statusMessage(code, resp))
	}
	if obj.GetKind() == "CustomResourceDefinition" {
		return s.waitServed(ctx, obj)
	}
	return nil
}

func (s *Server) waitServed(ctx context.Context, crd *unstructured.Unstructured) error {
	group, _, _ := unstructured.NestedString(crd.Object, "spec", "group")
	kind, _, _ := unstructured.NestedString(crd.Object, "spec", "names", "kind")
	versions, _, _ := unstructured.NestedSlice(crd.Object, "spec", "versions")
	for _, v := range versions {
		name, _, _ := unstructured.NestedString(v.(map[string]any), "name")
		gvk := schema.GroupVersionKind{Group: group, Version: name, Kind: kind}
		deadline := time.Now().Add(30 * time.Second)
		for {
			if _, err := s.resourceFor(ctx, gvk); err == nil {
				break
			} else if time.Now().After(deadline) {
				return err
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	return nil
}

// ErrNotServed is returned for an object of a kind the server does not
// serve (a custom resource without its CRD).
var ErrNotServed = errors.New("the server does not serve this kind")

// resourceFor finds the REST resource of a kind through discovery.
func (s *Server) resourceFor(ctx context.Context, gvk schema.GroupVersionKind) (metav1.APIResource, error) {
	code, body, _, err := s.do(ctx, http.MethodGet, gvPath(gvk.GroupVersion()), nil)
	if err != nil {
		return metav1.APIResource{}, err
	}
	if code != http.StatusOK {
		return metav1.APIResource{}, fmt.Errorf("%w: %s (HTTP %d)", ErrNotServed, gvk.GroupVersion(), code)
	}
	var list metav1.APIResourceList
	if err := json.Unmarshal(body, &list); err != nil {
		return metav1.APIResource{}, err
	}
	for _, r := range list.APIResources {
		if r.Kind == gvk.Kind && !strings.Contains(r.Name, "/") {
			return r, nil
		}
	}
	return metav1.APIResource{}, fmt.Errorf("%w: no kind %s in %s", ErrNotServed, gvk.Kind, gvk.GroupVersion())
}

func gvPath(gv schema.GroupVersion) string {
	if gv.Group == "" {
		return "/api/" + gv.Version
	}
	return "/apis/" + gv.Group + "/" + gv.Version
}

func (s *Server) get(ctx context.Context, path string) (int, []byte, error) {
	code, body, _, err := s.do(ctx, http.MethodGet, path, nil)
	return code, body, err
}

func (s *Server) do(ctx context.Context, method, path string, body []byte) (int, []byte, []string, error) {
	req, err := http.NewRequestWithContext(ctx, method, s.URL+path, bytes.NewReader(body))
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := s.http.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, warnings(resp.Header), err
}

// warnings reads RFC 7234 Warning headers (`299 - "text"`).
func warnings(h http.Header) []string {
	var out []string
	for _, w := range h.Values("Warning") {
		text := strings.TrimPrefix(w, "299 - ")
		if unq, err := strconv.Unquote(text); err == nil {
			text = unq
		}
		out = append(out, text)
	}
	return out
}

func statusMessage(code int, body []byte) string {
	var st metav1.Status
	if err := json.Unmarshal(body, &st); err == nil && st.Message != "" {
		return st.Message
	}
	return fmt.Sprintf("HTTP %d: %s", code, bytes.TrimSpace(body))
}

// CreateAndGet creates the object for real in its namespace and reads it
// back, as `kubectl apply` of a new object and `kubectl get -o yaml` do: the
// result carries everything the server adds.
func (s *Server) CreateAndGet(ctx context.Context, obj *unstructured.Unstructured) (*unstructured.Unstructured, error) {
	res, err := s.resourceFor(ctx, obj.GroupVersionKind())
	if err != nil {
		return nil, err
	}
	path := gvPath(obj.GroupVersionKind().GroupVersion())
	if res.Namespaced {
		path += "/namespaces/" + url.PathEscape(obj.GetNamespace())
	}
	path += "/" + res.Name
	body, err := obj.MarshalJSON()
	if err != nil {
		return nil, err
	}
	code, resp, _, err := s.do(ctx, http.MethodPost, path+"?fieldValidation=Strict", body)
	if err != nil {
		return nil, err
	}
	if code != http.StatusCreated {
		return nil, fmt.Errorf("creating %s %s: %s", obj.GetKind(), obj.GetName(), statusMessage(code, resp))
	}
	code, resp, _, err = s.do(ctx, http.MethodGet, path+"/"+url.PathEscape(obj.GetName()), nil)
	if err != nil {
		return nil, err
	}
	if code != http.StatusOK {
		return nil, fmt.Errorf("reading %s %s back: %s", obj.GetKind(), obj.GetName(), statusMessage(code, resp))
	}
	out := &unstructured.Unstructured{}
	return out, out.UnmarshalJSON(resp)
}

// Delete deletes an object created for real (it frees what the object
// held, a Service's node ports say, for the tests that follow).
func (s *Server) Delete(ctx context.Context, obj *unstructured.Unstructured) error {
	res, err := s.resourceFor(ctx, obj.GroupVersionKind())
	if err != nil {
		return err
	}
	path := gvPath(obj.GroupVersionKind().GroupVersion())
	if res.Namespaced {
		path += "/namespaces/" + url.PathEscape(obj.GetNamespace())
	}
	code, resp, _, err := s.do(ctx, http.MethodDelete, path+"/"+res.Name+"/"+url.PathEscape(obj.GetName()), nil)
	if err != nil {
		return err
	}
	if code != http.StatusOK && code != http.StatusAccepted && code != http.StatusNotFound {
		return fmt.Errorf("deleting %s %s: %s", obj.GetKind(), obj.GetName(), statusMessage(code, resp))
	}
	return nil
}
