// Package corpusgen writes large, realistic ResourceLists for the scale test
// and the benchmarks: ServiceSpecs of every type with several containers,
// ports, env, probes and volumes, plus hand-written passthrough objects,
// some with comments. The output depends only on the arguments.
package corpusgen

import (
	"bufio"
	"fmt"
	"io"
)

// Write writes a ResourceList of specs ServiceSpecs (types in turn:
// Stateless, Stateful, Stateless, External, Workload) and passthrough other
// objects (ConfigMaps, Secrets and hand-written Deployments), one file per
// service under apps/<name>/.
func Write(w io.Writer, specs, passthrough int) error {
	b := bufio.NewWriterSize(w, 1<<20) // a write error sticks and is returned by Flush
	fmt.Fprint(b, "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n")
	for i := range specs {
		writeSpec(b, i)
	}
	for i := range passthrough {
		writePassthrough(b, i)
	}
	return b.Flush() // reports the first write error, if any
}

func writeSpec(b *bufio.Writer, i int) {
	name := fmt.Sprintf("svc-%05d", i)
	fmt.Fprintf(b, `- apiVersion: servicespec.dev/v1alpha1
  kind: ServiceSpec
  metadata:
    name: %[1]s
    namespace: team-%[2]d
    annotations:
      internal.config.kubernetes.io/path: apps/%[1]s/servicespec.yaml
      internal.config.kubernetes.io/index: '0'
  spec:
`, name, i%20)
	switch i % 5 {
	case 0, 2:
		fmt.Fprint(b, "    type: Stateless\n    replicas: 2\n    alias: Web-frontend\n    creator: platform\n    labels: {tier: web}\n")
		writeContainers(b, i)
		fmt.Fprint(b, "    volumes: [{name: cache, emptyDir: {}}]\n    syncHostTimezone: true\n")
	case 1:
		fmt.Fprint(b, "    type: Stateful\n    replicas: 3\n    creator: platform\n")
		writeContainers(b, i)
		fmt.Fprint(b, "    volumeClaimTemplates: [{name: data, size: 10Gi, accessModes: [ReadWriteOnce]}]\n    volumes: [{name: cache, emptyDir: {}}]\n")
	case 3:
		fmt.Fprintf(b, "    type: External\n    externalName: db-%d.example.com\n    alias: Database\n", i)
	case 4:
		fmt.Fprintf(b, "    type: Workload\n    selector: {app: legacy-%d}\n    ports: [{name: http, port: 80, targetPort: 8080}, {name: metrics, port: 9090}]\n", i)
	}
}

func writeContainers(b *bufio.Writer, i int) {
	fmt.Fprintf(b, `    containers:
    - image: registry.example.com/app:%[1]d
      ports:
      - {containerPort: 8080, servicePort: 80}
      - {name: grpc-api, protocol: GRPC, containerPort: 9000, servicePort: 9000}
      env:
      - {name: LOG_LEVEL, value: info}
      - {name: REPLICA_INDEX, value: '%[1]d'}
      resources:
        requests: {cpu: 100m, memory: 128Mi}
        limits: {cpu: '1', memory: 512Mi}
      readinessProbe:
        httpGet: {path: /healthz, port: 8080}
        periodSeconds: 10
      volumeMounts: [{name: cache, mountPath: /cache}]
    - name: sidecar
      image: registry.example.com/proxy:1.2
      ports: [{name: admin, containerPort: 15000}]
`, i)
}

// writePassthrough writes hand-written objects in the block layout kpt and
// kustomize write, some with comments.
func writePassthrough(b *bufio.Writer, i int) {
	ns := fmt.Sprintf("team-%d", i%20)
	switch i % 4 {
	case 0:
		fmt.Fprintf(b, `- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: config-%05[1]d # hand-written, comment kept
    namespace: %[2]s
    annotations:
      internal.config.kubernetes.io/path: config/config-%05[1]d.yaml
  data:
    settings.yaml: |
      level: info
      retries: 3
`, i, ns)
	case 1:
		fmt.Fprintf(b, `- apiVersion: v1
  kind: Secret
  metadata:
    name: secret-%05[1]d
    namespace: %[2]s
    annotations:
      internal.config.kubernetes.io/path: config/secret-%05[1]d.yaml
  type: Opaque
  stringData:
    password: changeme
`, i, ns)
	default:
		fmt.Fprintf(b, `- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: legacy-%05[1]d
    namespace: %[2]s
    annotations:
      internal.config.kubernetes.io/path: legacy/legacy-%05[1]d.yaml
  spec:
    selector:
      matchLabels:
        app: legacy-%[1]d
    template:
      metadata:
        labels:
          app: legacy-%[1]d
      spec:
        containers:
        # the main container
        - name: app
          image: registry.example.com/legacy:%[1]d
          ports:
          - containerPort: 8080
`, i, ns)
	}
}

// WriteHelmValues writes the same services and passthrough objects as
// Write, as values for the chart in bench/chart, which prints equivalent
// manifests with text templates (the helm side of make bench).
func WriteHelmValues(w io.Writer, specs, passthrough int) error {
	b := bufio.NewWriter(w)
	fmt.Fprint(b, "services:\n")
	types := []string{"Stateless", "Stateful", "Stateless", "External", "Workload"}
	for i := range specs {
		fmt.Fprintf(b, "- {name: svc-%05d, namespace: team-%d, type: %s, index: %d}\n", i, i%20, types[i%5], i)
	}
	fmt.Fprint(b, "passthrough:\n")
	for i := range passthrough {
		fmt.Fprintf(b, "- {index: %d, id: '%05d', namespace: team-%d}\n", i, i, i%20)
	}
	return b.Flush() // reports the first write error, if any
}
