// Command argocd-cmp-server is Argo CD's config management plugin server:
// the command the argocd binary runs when it is called argocd-cmp-server
// (cmd/main.go dispatches by file name), built alone so that the rest of
// Argo CD (controller, API server, UI assets) is not compiled for the
// tests. Built by hack/argocd-cmp.sh.
package main

import (
	"os"

	"github.com/argoproj/argo-cd/v3/cmd/argocd-cmp-server/commands"
)

func main() {
	if err := commands.NewCommand().Execute(); err != nil {
		os.Exit(1)
	}
}
