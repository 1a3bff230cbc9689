package conformance

import (
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/servicespec/servicespec/fn/internal/apiserver"
)

// server is started once for the package and stopped after every test ran.
var server *apiserver.Server

// accepted and rejected count every object sent, for the summary line that
// make apiserver-check ends with.
var accepted, rejected atomic.Int64

func TestMain(m *testing.M) {
	bin := os.Getenv(apiserver.BinDirEnv)
	if bin == "" {
		bin, _ = filepath.Abs("../../.tools/bin")
	}
	var err error
	server, err = apiserver.Start(bin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "starting the API server:", err)
		os.Exit(1)
	}
	if err := installCRDs(); err != nil {
		server.Stop()
		fmt.Fprintln(os.Stderr, "installing the CRDs:", err)
		os.Exit(1)
	}
	code := m.Run()
	server.Stop()
	fmt.Printf("apiserver: %d objects accepted, %d rejected\n", accepted.Load(), rejected.Load())
	os.Exit(code)
}
