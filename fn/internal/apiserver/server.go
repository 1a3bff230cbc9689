// Package apiserver runs a real etcd and kube-apiserver on loopback for the
// tests, and sends objects to it with server-side dry run and strict field
// validation. The binaries are built by hack/k8s-tools.sh into .tools/bin.
package apiserver

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// Environment variables that override where the binaries are and which
// loopback ports are used (default: free ports).
const (
	BinDirEnv        = "SERVICESPEC_K8S_BIN"
	EtcdPortEnv      = "SERVICESPEC_ETCD_PORT"
	EtcdPeerPortEnv  = "SERVICESPEC_ETCD_PEER_PORT"
	APIServerPortEnv = "SERVICESPEC_APISERVER_PORT"
)

const token = "servicespec-test-token"

// Server is a running etcd + kube-apiserver pair.
type Server struct {
	URL       string
	dir       string
	etcd, kas *exec.Cmd
	http      *http.Client
}

// Start builds nothing: it runs the binaries found in binDir, in a fresh
// state directory, and waits until /readyz answers.
func Start(binDir string) (*Server, error) {
	for _, b := range []string{"etcd", "kube-apiserver"} {
		if _, err := os.Stat(filepath.Join(binDir, b)); err != nil {
			return nil, fmt.Errorf("%s not found in %s: run make tools (builds it from the Go module proxy, ~5 min cold)", b, binDir)
		}
	}
	dir, err := os.MkdirTemp("", "servicespec-apiserver")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir}
	if err := s.start(binDir); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Server) start(binDir string) error {
	keys, err := writePKI(s.dir)
	if err != nil {
		return err
	}
	ports, err := loopbackPorts(EtcdPortEnv, EtcdPeerPortEnv, APIServerPortEnv)
	if err != nil {
		return err
	}
	etcdURL := "http://127.0.0.1:" + ports[0]
	peerURL := "http://127.0.0.1:" + ports[1]
	s.etcd, err = s.spawn(filepath.Join(binDir, "etcd"), "etcd.log",
		"--name=test", "--data-dir="+filepath.Join(s.dir, "etcd"), "--unsafe-no-fsync", "--log-level=warn",
		"--listen-client-urls="+etcdURL, "--advertise-client-urls="+etcdURL,
		"--listen-peer-urls="+peerURL, "--initial-advertise-peer-urls="+peerURL,
		"--initial-cluster=test="+peerURL)
	if err != nil {
		return err
	}
	tokens := filepath.Join(s.dir, "tokens.csv")
	if err := os.WriteFile(tokens, []byte(token+",admin,admin,system:masters\n"), 0o600); err != nil {
		return err
	}
	s.kas, err = s.spawn(filepath.Join(binDir, "kube-apiserver"), "kube-apiserver.log",
		"--etcd-servers="+etcdURL, "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
		"--secure-port="+ports[2], "--tls-cert-file="+keys.servingCert, "--tls-private-key-file="+keys.servingKey,
		"--token-auth-file="+tokens, "--authorization-mode=AlwaysAllow", "--anonymous-auth=false",
		"--service-account-issuer=https://kubernetes.default.svc", "--service-account-key-file="+keys.saPub,
		"--service-account-signing-key-file="+keys.saKey, "--service-cluster-ip-range=10.96.0.0/16",
		// A loopback advertise address is not valid for endpoints.
		"--endpoint-reconciler-type=none", "--disable-admission-plugins=ServiceAccount",
		"--enable-priority-and-fairness=false",
		// Real clusters allow privileged containers; the default refuses them.
		"--allow-privileged=true")
	if err != nil {
		return err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(keys.caPEM)
	s.URL = "https://127.0.0.1:" + ports[2]
	s.http = &http.Client{Timeout: 30 * time.Second, Transport: &bearer{next: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}}
	return s.waitReady(90 * time.Second)
}

func (s *Server) spawn(bin, logName string, args ...string) (*exec.Cmd, error) {
	log, err := os.Create(filepath.Join(s.dir, logName))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd, nil
}

// waitReady waits for /readyz and then for the built-in namespaces, which
// appear about a second later.
func (s *Server) waitReady(limit time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	for _, path := range []string{"/readyz", "/api/v1/namespaces/default"} {
		if !s.poll(ctx, path) {
			return fmt.Errorf("kube-apiserver: %s not ready after %s; its log:\n%s", path, limit, s.logTail("kube-apiserver.log"))
		}
	}
	return nil
}

// poll asks for path until it answers 200 OK or ctx ends.
func (s *Server) poll(ctx context.Context, path string) bool {
	for {
		if code, _, err := s.get(ctx, path); err == nil && code == http.StatusOK {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (s *Server) logTail(name string) string {
	data, _ := os.ReadFile(filepath.Join(s.dir, name))
	if len(data) > 4000 {
		data = data[len(data)-4000:]
	}
	return string(data)
}

// Stop stops kube-apiserver before etcd (the other order fills the log with
// reconnect warnings) and removes the state directory.
func (s *Server) Stop() {
	for _, c := range []*exec.Cmd{s.kas, s.etcd} {
		if c == nil || c.Process == nil {
			continue
		}
		_ = c.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = c.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			_ = c.Process.Kill()
			<-done
		}
	}
	_ = os.RemoveAll(s.dir)
}

// loopbackPorts returns one port per variable: its value when set, else a
// port that was free a moment ago.
func loopbackPorts(envs ...string) ([]string, error) {
	var out []string
	for _, env := range envs {
		if v := os.Getenv(env); v != "" {
			if _, err := strconv.Atoi(v); err != nil {
				return nil, fmt.Errorf("%s=%q is not a port", env, v)
			}
			out = append(out, v)
			continue
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		out = append(out, strconv.Itoa(l.Addr().(*net.TCPAddr).Port))
		_ = l.Close()
	}
	return out, nil
}

type bearer struct{ next http.RoundTripper }

func (b *bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+token)
	return b.next.RoundTrip(r)
}
