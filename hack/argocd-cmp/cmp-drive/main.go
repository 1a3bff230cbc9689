// Command cmp-drive drives a real argocd-cmp-server as Argo CD's
// repo-server does, with the repo-server's own code paths: it finds the
// plugin (the named one, or by discovery over every socket), then streams
// the application's directory to its generate command and prints the
// manifests. It is built with argocd-cmp-server by hack/argocd-cmp.sh, in a
// module of its own (Argo CD's dependencies never enter servicespec's).
//
//	cmp-drive -repo DIR -app APPLICATION.yaml   generate, as for that Application: one manifest (JSON) a line
//	cmp-drive -repo DIR -path SUBDIR -discover  print the plugin that claims SUBDIR, if any
//
// The Application is Argo CD's (argoproj.io/v1alpha1) or KubeSphere
// DevOps's (gitops.kubesphere.io/v1alpha1), whose spec.argoApp.spec is the
// Argo CD Application spec the DevOps controller creates. The plugin
// sockets are in $ARGOCD_PLUGINSOCKFILEPATH.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/argoproj/argo-cd/v3/cmpserver/apiclient"
	"github.com/argoproj/argo-cd/v3/pkg/apis/application/v1alpha1"
	"github.com/argoproj/argo-cd/v3/util/app/discovery"
	"github.com/argoproj/argo-cd/v3/util/cmp"
	"google.golang.org/protobuf/types/known/emptypb"
	"sigs.k8s.io/yaml"
)

// revision stands for the commit the repo-server checked out.
const revision = "0123456789abcdef0123456789abcdef01234567"

func main() {
	repo := flag.String("repo", "", "the repository's root directory")
	appFile := flag.String("app", "", "the Application to generate for")
	path := flag.String("path", "", "with -discover: the directory (relative to -repo) to discover a plugin for")
	discoverOnly := flag.Bool("discover", false, "print the name of the plugin socket that claims -path, or nothing")
	kubeVersion := flag.String("kube-version", "1.37.2", "KUBE_VERSION the repo-server sets")
	flag.Parse()
	ctx := context.Background()
	root, err := filepath.Abs(*repo)
	check(err)
	if *discoverOnly {
		conn, _, err := discovery.DetectConfigManagementPlugin(ctx, filepath.Join(root, *path), root, "", nil, nil)
		if err != nil {
			return // no plugin claims it
		}
		defer conn.Close()
		fmt.Println("claimed")
		return
	}
	name, spec := readApplication(*appFile)
	src := spec.GetSource()
	appPath := filepath.Join(root, src.Path)
	env := (&v1alpha1.Env{
		{Name: "ARGOCD_APP_NAME", Value: name},
		{Name: "ARGOCD_APP_NAMESPACE", Value: spec.Destination.Namespace},
		{Name: "ARGOCD_APP_PROJECT_NAME", Value: spec.Project},
		{Name: "ARGOCD_APP_REVISION", Value: revision},
		{Name: "ARGOCD_APP_REVISION_SHORT", Value: revision[:7]},
		{Name: "ARGOCD_APP_REVISION_SHORT_8", Value: revision[:8]},
		{Name: "ARGOCD_APP_SOURCE_REPO_URL", Value: src.RepoURL},
		{Name: "ARGOCD_APP_SOURCE_PATH", Value: src.Path},
		{Name: "ARGOCD_APP_SOURCE_TARGET_REVISION", Value: src.TargetRevision},
	}).Environ()
	env = append(env, "KUBE_VERSION="+*kubeVersion, "KUBE_API_VERSIONS=v1,apps/v1")
	env, err = pluginEnv(env, src.Plugin)
	check(err)
	pluginName := ""
	if src.Plugin != nil {
		pluginName = src.Plugin.Name
	}
	conn, client, err := discovery.DetectConfigManagementPlugin(ctx, appPath, root, pluginName, env, nil)
	check(err)
	defer conn.Close()
	if _, err := client.CheckPluginConfiguration(ctx, &emptypb.Empty{}); err != nil {
		check(fmt.Errorf("error calling cmp-server checkPluginConfiguration: %w", err))
	}
	stream, err := client.GenerateManifest(ctx)
	check(err)
	check(cmp.SendRepoStream(stream.Context(), appPath, root, stream, env, nil))
	res, err := stream.CloseAndRecv()
	check(err)
	printManifests(res)
}

// pluginEnv adds the plugin's env (ARGOCD_ENV_<name>, expanded against the
// build environment) and its parameters, as the repo-server does.
func pluginEnv(env []string, plugin *v1alpha1.ApplicationSourcePlugin) ([]string, error) {
	if plugin == nil {
		return env, nil
	}
	parsed := make(v1alpha1.Env, len(env))
	for i, v := range env {
		e, err := v1alpha1.NewEnvEntry(v)
		if err != nil {
			return nil, err
		}
		parsed[i] = e
	}
	for _, e := range plugin.Env {
		env = append(env, fmt.Sprintf("ARGOCD_ENV_%s=%s", e.Name, parsed.Envsubst(e.Value)))
	}
	params, err := plugin.Parameters.Environ()
	if err != nil {
		return nil, err
	}
	return append(env, params...), nil
}

// readApplication reads an Argo CD Application, or KubeSphere DevOps's
// gitops Application that carries one.
func readApplication(file string) (string, *v1alpha1.ApplicationSpec) {
	data, err := os.ReadFile(file)
	check(err)
	var head struct {
		APIVersion string `json:"apiVersion"`
		Metadata   struct {
			Name string `json:"name"`
		} `json:"metadata"`
		Spec struct {
			ArgoApp *struct {
				Spec v1alpha1.ApplicationSpec `json:"spec"`
			} `json:"argoApp"`
		} `json:"spec"`
	}
	check(yaml.Unmarshal(data, &head))
	if strings.HasPrefix(head.APIVersion, "gitops.kubesphere.io/") {
		if head.Spec.ArgoApp == nil {
			check(fmt.Errorf("%s: a gitops.kubesphere.io Application without spec.argoApp", file))
		}
		return head.Metadata.Name, &head.Spec.ArgoApp.Spec
	}
	var app v1alpha1.Application
	check(yaml.Unmarshal(data, &app))
	return app.Name, &app.Spec
}

// printManifests prints each manifest the cmp-server returned (JSON, as
// Argo CD receives them) on a line of its own.
func printManifests(res *apiclient.ManifestResponse) {
	for _, m := range res.Manifests {
		var line bytes.Buffer
		check(json.Compact(&line, []byte(m)))
		fmt.Println(line.String())
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "cmp-drive:", err)
		os.Exit(1)
	}
}
