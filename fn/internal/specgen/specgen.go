// Package specgen generates many varied ServiceSpecs from a seed, for the
// property that a render that succeeds gives objects the API server
// accepts: every type and option, each set to a valid value most of the
// time and to a near-valid one (what the API server refuses: negative
// periods, probes without a handler, requests above limits, unknown
// operators...) otherwise. The same seed gives the same specs.
package specgen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"sigs.k8s.io/yaml"
)

// Case is one generated input: a ResourceList holding the ServiceSpec (and
// the workload a workloadRef names). A Valid case was generated with valid
// values only, and must render.
type Case struct {
	Name  string
	Input []byte
	Valid bool
}

// Items are the case's items: the ServiceSpec first, then the workload a
// workloadRef names, if any.
func (c Case) Items() []map[string]any {
	var list struct{ Items []map[string]any }
	if err := yaml.Unmarshal(c.Input, &list); err != nil {
		panic(err) // Generate wrote it with yaml
	}
	return list.Items
}

// Generate returns n cases for a seed: every other one valid, the rest
// near-valid.
func Generate(seed uint64, n int) []Case {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	out := make([]Case, n)
	for i := range out {
		name := fmt.Sprintf("s%d", i)
		g.nearValid = i%2 == 1
		spec, extra := g.spec(name)
		if spec["app"] == nil && g.chance(0.2) {
			g.place(name, spec)
		}
		items := append([]any{map[string]any{
			"apiVersion": "servicespec.dev/v1alpha1", "kind": "ServiceSpec",
			"metadata": map[string]any{"name": name, "namespace": "gen"}, "spec": spec,
		}}, extra...)
		data, err := yaml.Marshal(map[string]any{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": items})
		if err != nil {
			panic(err) // the generator builds only data yaml can write
		}
		out[i] = Case{Name: name, Input: data, Valid: !g.nearValid}
	}
	return out
}

type gen struct {
	r         *rand.Rand
	nearValid bool // whether this spec may hold near-valid values
}

// chance is true with probability p.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// slip is true with probability p for a near-valid spec, never for a valid one.
func (g *gen) slip(p float64) bool { return g.nearValid && g.chance(p) }

// choose returns one of the first valid alternatives for a valid spec, one
// of all n for a near-valid one (the invalid alternatives come last).
func (g *gen) choose(valid, n int) int {
	if g.nearValid {
		return g.r.IntN(n)
	}
	return g.r.IntN(valid)
}

// pick returns one of the values.
func pick[T any](g *gen, values ...T) T { return values[g.r.IntN(len(values))] }

// nearly returns a valid value most of the time and a near-valid one
// (which the API server refuses, and servicespec must refuse too) otherwise.
func nearly[T any](g *gen, valid []T, invalid []T) T {
	if g.slip(0.15) {
		return pick(g, invalid...)
	}
	return pick(g, valid...)
}

func (g *gen) spec(name string) (map[string]any, []any) {
	switch g.r.IntN(10) {
	case 0:
		return map[string]any{"type": "External", "externalName": nearly(g, []any{"db.example.com", "db.example.com."}, []any{"Db_Bad", "-x.example.com"})}, nil
	case 1, 2:
		return g.workloadService(name)
	}
	spec := map[string]any{"type": pick(g, "Stateless", "Stateless", "Stateful")}
	spec["containers"] = g.containers()
	g.maybe(spec, 0.3, "initContainers", func() any { return []any{g.initContainer()} })
	g.maybe(spec, 0.4, "volumes", g.volumes)
	g.maybe(spec, 0.15, "logCollection", func() any { return map[string]any{"enabled": true} })
	if spec["volumes"] != nil && g.chance(0.7) {
		first := spec["containers"].([]any)[0].(map[string]any)
		first["volumeMounts"] = g.mounts(first)
		if spec["logCollection"] != nil || g.slip(0.2) {
			mount := first["volumeMounts"].([]any)[0].(map[string]any)
			g.maybe(mount, 0.7, "logPaths", func() any { return nearly(g, []any{[]any{"*.log"}, []any{"app/*.log", "audit.log"}}, []any{[]any{""}}) })
		}
	}
	g.maybe(spec, 0.3, "scheduling", g.scheduling)
	g.maybe(spec, 0.4, "pod", g.pod)
	g.maybe(spec, 0.2, "replicas", func() any { return nearly(g, []any{0, 1, 3}, []any{-1}) })
	g.maybe(spec, 0.2, "strategy", func() any { return g.strategy(spec["type"] == "Stateful") })
	g.maybe(spec, 0.2, "labels", func() any {
		return map[string]any{"tier": nearly(g, []any{"web", "a.b-c_d"}, []any{"-bad", strings.Repeat("x", 64)})}
	})
	g.maybe(spec, 0.2, "annotations", func() any { return map[string]any{"example.com/note": "x"} })
	g.maybe(spec, 0.15, "syncHostTimezone", func() any { return true })
	g.maybe(spec, 0.2, "stickySession", func() any {
		return map[string]any{"enabled": true, "timeoutSeconds": nearly(g, []any{1, 10800}, []any{0, 86401})}
	})
	g.maybe(spec, 0.15, "autoscaling", g.autoscaling)
	g.maybe(spec, 0.15, "disruptionBudget", g.disruptionBudget)
	g.maybe(spec, 0.1, "serviceMesh", func() any { return map[string]any{"enabled": true} })
	// The Restricted profile constrains most other fields: only near-valid
	// specs ask for it.
	if g.nearValid {
		g.maybe(spec, 0.3, "securityProfile", func() any { return "Restricted" })
	}
	g.maybe(spec, 0.1, "rolloutOnConfigChange", func() any { return true })
	if spec["type"] == "Stateful" {
		g.maybe(spec, 0.4, "volumeClaimTemplates", g.claims)
		g.maybe(spec, 0.3, "access", func() any { return "VirtualIP" })
	} else {
		g.maybe(spec, 0.2, "access", func() any { return "Headless" })
	}
	if spec["access"] != "Headless" && (spec["type"] == "Stateless" || spec["access"] == "VirtualIP") {
		g.maybe(spec, 0.25, "externalAccess", g.externalAccess)
	}
	if g.chance(0.25) {
		return spec, g.member(name, spec)
	}
	return spec, nil
}

// member makes the service a member of a composed app (the AppSpec is
// returned as an extra item), often with a grayscale release.
func (g *gen) member(name string, spec map[string]any) []any {
	app := "app-" + name
	spec["app"] = app
	if !g.slip(0.2) {
		delete(spec, "serviceMesh") // the app governs its members
	}
	appSpec := map[string]any{}
	governed := !g.slip(0.2)
	if governed {
		appSpec["serviceMesh"] = map[string]any{"enabled": true}
	}
	g.maybe(appSpec, 0.3, "version", func() any { return nearly(g, []any{"v2", "2024"}, []any{"V2", ""}) })
	g.maybe(appSpec, 0.3, "icon", func() any { return "/assets/app.svg" })
	g.maybe(appSpec, 0.3, "routes", func() any {
		rule := map[string]any{"host": nearly(g, []any{"shop.example.com", "*.example.com"}, []any{"Bad Host"}),
			"paths": []any{map[string]any{"service": name, "port": nearly(g, []any{80}, []any{81})}}}
		if g.chance(0.3) {
			rule["protocol"], rule["secretName"] = "HTTPS", "shop-tls"
		}
		return map[string]any{"rules": []any{rule}}
	})
	// A grayscale release runs on Deployments only: only near-valid specs
	// ask for one on a Stateful service.
	if g.chance(0.6) && (spec["type"] == "Stateless" || g.slip(0.3)) {
		spec["release"] = g.release(name, spec)
	}
	return []any{map[string]any{"apiVersion": "servicespec.dev/v1alpha1", "kind": "AppSpec",
		"metadata": map[string]any{"name": app, "namespace": "gen"}, "spec": appSpec}}
}

// release is a grayscale release of every strategy, with container changes.
func (g *gen) release(name string, spec map[string]any) map[string]any {
	r := map[string]any{"version": nearly(g, []any{"v2", "canary"}, []any{"v1", "V2"})}
	switch pick(g, "Canary", "Canary", "BlueGreen", "Mirror") {
	case "Canary":
		r["strategy"] = "Canary"
		// A Canary by content cannot be applied to KubeSphere (its
		// Strategy CRD has no schema for the match): near-valid only.
		if g.slip(0.3) {
			r["match"] = g.match()
		} else {
			g.maybe(r, 0.8, "weight", func() any { return nearly(g, []any{0, 10, 50, 100}, []any{-1, 101}) })
		}
	case "BlueGreen":
		r["strategy"] = "BlueGreen"
		g.maybe(r, 0.5, "governor", func() any { return nearly(g, []any{r["version"]}, []any{"v9"}) })
	default:
		r["strategy"] = "Mirror"
	}
	g.maybe(r, 0.3, "policy", func() any { return nearly(g, []any{"Immediately", "Paused", "WaitForWorkloadReady"}, []any{"Later"}) })
	g.maybe(r, 0.3, "replicas", func() any { return nearly(g, []any{0, 2}, []any{-1}) })
	first := spec["containers"].([]any)[0].(map[string]any)
	if g.chance(0.7) {
		change := map[string]any{"name": nearly(g, []any{name}, []any{"nope"}), "image": "nginx:1.28"}
		g.maybe(change, 0.3, "env", g.env)
		g.maybe(change, 0.3, "resources", g.resources)
		if first["name"] != nil {
			change["name"] = first["name"]
		}
		r["containers"] = []any{change}
	}
	return r
}

// match is a Canary by content, as the console's form offers it.
func (g *gen) match() map[string]any {
	m := map[string]any{}
	g.maybe(m, 0.5, "cookie", func() any {
		return map[string]any{pick(g, "exact", "regex"): nearly(g, []any{"user=a", "user=.*"}, []any{""})}
	})
	g.maybe(m, 0.5, "headers", func() any {
		return []any{map[string]any{"name": nearly(g, []any{"x-canary", "X-Team"}, []any{"User-Agent", "bad header"}), "exact": "yes"}}
	})
	g.maybe(m, 0.5, "uri", func() any {
		return map[string]any{pick(g, "prefix", "regex"): nearly(g, []any{"/api", "^/v2/.*"}, []any{"("})}
	})
	g.maybe(m, 0.4, "os", func() any {
		return nearly(g, []any{[]any{"Android", "iOS"}, []any{"Windows"}}, []any{[]any{"Solaris"}})
	})
	if len(m) == 0 {
		m["uri"] = map[string]any{"prefix": "/"}
	}
	return m
}

// maybe sets key to value() with probability p.
func (g *gen) maybe(m map[string]any, p float64, key string, value func() any) {
	if g.chance(p) {
		m[key] = value()
	}
}

func (g *gen) workloadService(name string) (map[string]any, []any) {
	spec := map[string]any{"type": "Workload"}
	var extra []any
	if g.chance(0.5) {
		spec["selector"] = map[string]any{"app": "legacy"}
		spec["ports"] = []any{g.servicePort()}
	} else {
		spec["workloadRef"] = map[string]any{"kind": "Deployment", "name": "legacy-" + name}
		extra = append(extra, map[string]any{
			"apiVersion": "apps/v1", "kind": "Deployment",
			"metadata": map[string]any{"name": "legacy-" + name, "namespace": "gen"},
			"spec": map[string]any{
				"selector": map[string]any{"matchLabels": map[string]any{"app": "legacy"}},
				"template": map[string]any{
					"metadata": map[string]any{"labels": map[string]any{"app": "legacy"}},
					"spec": map[string]any{"containers": []any{map[string]any{"name": "app", "image": "legacy:1",
						"ports": []any{map[string]any{"containerPort": 8080}}}}},
				},
			},
		})
		g.maybe(spec, 0.3, "ports", func() any { return []any{g.servicePort()} })
	}
	g.maybe(spec, 0.2, "access", func() any { return "Headless" })
	g.maybe(spec, 0.2, "stickySession", func() any { return map[string]any{"enabled": true} })
	if spec["access"] != "Headless" {
		g.maybe(spec, 0.3, "externalAccess", g.externalAccess)
	}
	return spec, extra
}

func (g *gen) servicePort() any {
	p := map[string]any{"port": nearly(g, []any{80, 8080, 65535}, []any{0, 70000})}
	g.maybe(p, 0.5, "targetPort", func() any { return nearly(g, []any{8080, "http"}, []any{0, "Bad_Name", "toolongportname1"}) })
	g.maybe(p, 0.3, "protocol", func() any { return pick(g, "TCP", "UDP", "GRPC") })
	return p
}

func (g *gen) containers() []any {
	n := 1 + g.r.IntN(2)
	out := make([]any, n)
	for i := range out {
		c := map[string]any{"image": nearly(g, []any{"nginx:1.27", "registry.example.com/app@sha256:" + strings.Repeat("a", 64)}, []any{" nginx", "nginx "})}
		if i == 0 {
			c["ports"] = []any{map[string]any{"containerPort": nearly(g, []any{80, 8080}, []any{0, 65536}), "servicePort": 80}}
		}
		g.containerFields(c)
		out[i] = c
	}
	return out
}

func (g *gen) initContainer() any {
	c := map[string]any{"name": "init", "image": "busybox:1"}
	g.maybe(c, 0.3, "command", func() any { return []any{"sh", "-c", "true"} })
	g.maybe(c, 0.2, "restartPolicy", func() any { return nearly(g, []any{"Always"}, []any{"OnFailure", "Never"}) })
	g.maybe(c, 0.2, "resources", g.resources)
	if c["restartPolicy"] == "Always" || g.nearValid {
		g.maybe(c, 0.3, "readinessProbe", g.readinessProbe)
	}
	return c
}

func (g *gen) containerFields(c map[string]any) {
	g.maybe(c, 0.3, "env", g.env)
	g.maybe(c, 0.15, "envFrom", g.envFrom)
	g.maybe(c, 0.4, "resources", g.resources)
	g.maybe(c, 0.3, "readinessProbe", g.readinessProbe)
	g.maybe(c, 0.3, "livenessProbe", g.probe)
	g.maybe(c, 0.15, "startupProbe", g.probe)
	g.maybe(c, 0.15, "lifecycle", g.lifecycle)
	g.maybe(c, 0.25, "securityContext", g.securityContext)
	g.maybe(c, 0.1, "terminationMessagePolicy", func() any { return nearly(g, []any{"File", "FallbackToLogsOnError"}, []any{"Always"}) })
	g.maybe(c, 0.1, "terminationMessagePath", func() any { return nearly(g, []any{"/dev/termination-log"}, []any{strings.Repeat("p", 4097)}) })
	g.maybe(c, 0.1, "workingDir", func() any { return "/srv" })
	g.maybe(c, 0.1, "args", func() any { return []any{"--port", "80", "yes"} })
	g.maybe(c, 0.1, "resizePolicy", func() any {
		return []any{map[string]any{"resourceName": nearly(g, []any{"cpu", "memory"}, []any{"gpu"}), "restartPolicy": nearly(g, []any{"NotRequired", "RestartContainer"}, []any{"Always"})}}
	})
	g.maybe(c, 0.1, "stdin", func() any { return true })
	g.maybe(c, 0.1, "tty", func() any { return true })
}

func (g *gen) env() any {
	var out []any
	out = append(out, map[string]any{"name": nearly(g, []any{"LOG_LEVEL", "a.b-c"}, []any{"1BAD", "has space"}), "value": "info"})
	if g.chance(0.5) {
		out = append(out, map[string]any{"name": "FROM", "valueFrom": g.envSource()})
	}
	if g.slip(0.1) {
		out = append(out, map[string]any{"name": "BOTH", "value": "x", "valueFrom": g.envSource()})
	}
	return out
}

func (g *gen) envSource() any {
	switch g.choose(4, 6) {
	case 0:
		return map[string]any{"fieldRef": map[string]any{"fieldPath": nearly(g, []any{"metadata.name", "status.podIP", "metadata.labels['app']", "metadata.annotations['example.com/x']", "spec.nodeName"}, []any{"spec.bogus", "metadata", "metadata.labels['bad key!']", "metadata.name['x']"})}}
	case 1:
		return map[string]any{"resourceFieldRef": map[string]any{"resource": nearly(g, []any{"limits.cpu", "requests.memory"}, []any{"limits.gpu", "cpu"})}}
	case 2:
		return map[string]any{"configMapKeyRef": map[string]any{"name": "settings", "key": nearly(g, []any{"level", "a.b_c-d"}, []any{"bad key", "../x"})}}
	case 3:
		return map[string]any{"secretKeyRef": map[string]any{"name": nearly(g, []any{"db"}, []any{"Bad_Name"}), "key": "password"}}
	case 4:
		return map[string]any{} // no source at all
	}
	return map[string]any{"configMapKeyRef": map[string]any{"name": "a", "key": "k"}, "secretKeyRef": map[string]any{"name": "b", "key": "k"}}
}

func (g *gen) envFrom() any {
	e := map[string]any{}
	switch g.choose(2, 4) {
	case 0:
		e["configMapRef"] = map[string]any{"name": nearly(g, []any{"settings"}, []any{"Bad_Name"})}
	case 1:
		e["secretRef"] = map[string]any{"name": "db"}
	case 2:
		e["configMapRef"] = map[string]any{"name": "a"}
		e["secretRef"] = map[string]any{"name": "b"}
	}
	g.maybe(e, 0.3, "prefix", func() any { return nearly(g, []any{"APP_"}, []any{"1-", "a b"}) })
	return []any{e}
}

func (g *gen) resources() any {
	r := map[string]any{}
	cpu := nearly(g, []any{"100m", "0.5", "1", 2}, []any{"-1", "-100m"})
	mem := nearly(g, []any{"128Mi", "1Gi", "512M"}, []any{"-1Mi"})
	if g.chance(0.6) {
		r["requests"] = map[string]any{"cpu": cpu, "memory": mem}
	}
	if g.chance(0.6) {
		// Limits at or above every valid request, unless near-valid.
		limits := map[string]any{"cpu": nearly(g, []any{"2", "4"}, []any{"1", "200m"}), "memory": nearly(g, []any{"2Gi"}, []any{"256Mi", "64Mi"})}
		if g.chance(0.1) {
			extra := []any{map[string]any{"example.com/gpu": 1}, map[string]any{"nvidia.com/gpu": "2"}, map[string]any{"hugepages-2Mi": "4Mi"}}
			if g.nearValid {
				extra = append(extra, map[string]any{"bogus": 1}, map[string]any{"example.com/gpu": "1.5"}, map[string]any{"hugepages-2Mi": "1"})
			}
			for k, v := range pick(g, extra...).(map[string]any) {
				limits[k] = v
			}
		}
		r["limits"] = limits
	}
	if g.slip(0.05) {
		r["requests"] = map[string]any{"BadName!": "1"}
	}
	return r
}

// readinessProbe is a probe without terminationGracePeriodSeconds, which
// readiness probes may not have, unless near-valid.
func (g *gen) readinessProbe() any {
	p := g.probe().(map[string]any)
	if !g.nearValid {
		delete(p, "terminationGracePeriodSeconds")
	}
	return p
}

// mounts mounts the first volume, v0, into a container.
func (g *gen) mounts(c map[string]any) any {
	m := map[string]any{"name": nearly(g, []any{"v0"}, []any{"missing"}), "mountPath": nearly(g, []any{"/data", "/srv/data"}, []any{""})}
	g.maybe(m, 0.3, "subPath", func() any { return nearly(g, []any{"sub", "a/b"}, []any{"../up", "/abs"}) })
	g.maybe(m, 0.2, "mountPropagation", func() any { return nearly(g, []any{"None", "HostToContainer"}, []any{"Sideways", "Bidirectional"}) })
	if g.chance(0.2) {
		m["readOnly"] = true
		if m["mountPropagation"] == nil || m["mountPropagation"] == "None" || g.nearValid {
			m["recursiveReadOnly"] = nearly(g, []any{"IfPossible", "Disabled"}, []any{"Always"})
		}
	}
	out := []any{m}
	if g.slip(0.1) {
		out = append(out, map[string]any{"name": "v0", "mountPath": m["mountPath"]}) // the same path twice
	}
	if sc, ok := c["securityContext"].(map[string]any); ok && sc["privileged"] == true {
		return out
	}
	if m["mountPropagation"] == "Bidirectional" && !g.nearValid {
		m["mountPropagation"] = "None"
	}
	return out
}

func (g *gen) probe() any {
	p := map[string]any{}
	switch g.choose(4, 6) {
	case 0:
		p["httpGet"] = map[string]any{"path": "/healthz", "port": nearly(g, []any{80, "http-0"}, []any{0, 70000, "Bad_Port"}),
			"scheme": nearly(g, []any{"HTTP", "HTTPS"}, []any{"FTP"})}
		if g.chance(0.2) {
			p["httpGet"].(map[string]any)["httpHeaders"] = []any{map[string]any{"name": nearly(g, []any{"X-Token"}, []any{"bad header", ""}), "value": "v"}}
		}
	case 1:
		p["tcpSocket"] = map[string]any{"port": nearly(g, []any{80}, []any{0, -1})}
	case 2:
		p["exec"] = map[string]any{"command": nearly(g, []any{[]any{"true"}}, []any{[]any{}})}
	case 3:
		p["grpc"] = map[string]any{"port": nearly(g, []any{9000}, []any{0, 70000})}
	case 4:
		p["httpGet"] = map[string]any{"port": 80}
		p["tcpSocket"] = map[string]any{"port": 80} // two handlers
	} // 5: no handler at all
	for _, k := range []string{"initialDelaySeconds", "timeoutSeconds", "periodSeconds", "failureThreshold"} {
		g.maybe(p, 0.3, k, func() any { return nearly(g, []any{1, 5, 10}, []any{-1}) })
	}
	g.maybe(p, 0.2, "successThreshold", func() any { return nearly(g, []any{1}, []any{-1, 2}) })
	g.maybe(p, 0.1, "terminationGracePeriodSeconds", func() any { return nearly(g, []any{10}, []any{0, -5}) })
	return p
}

func (g *gen) lifecycle() any {
	h := func() any {
		switch g.choose(4, 5) {
		case 0:
			return map[string]any{"exec": map[string]any{"command": []any{"sleep", "1"}}}
		case 1:
			return map[string]any{"httpGet": map[string]any{"path": "/stop", "port": nearly(g, []any{80}, []any{0})}}
		case 2:
			return map[string]any{"sleep": map[string]any{"seconds": nearly(g, []any{1, 5}, []any{-1})}}
		case 3:
			return map[string]any{"tcpSocket": map[string]any{"port": 80}}
		}
		return map[string]any{}
	}
	l := map[string]any{}
	g.maybe(l, 0.6, "preStop", h)
	g.maybe(l, 0.5, "postStart", h)
	if g.slip(0.1) {
		l["stopSignal"] = "SIGTERM" // needs spec.os.name, which a ServiceSpec does not set
	}
	return l
}

func (g *gen) securityContext() any {
	sc := map[string]any{}
	g.maybe(sc, 0.3, "runAsUser", func() any { return nearly(g, []any{1000, 0}, []any{-1}) })
	g.maybe(sc, 0.3, "runAsNonRoot", func() any { return pick(g, true, false) })
	g.maybe(sc, 0.3, "allowPrivilegeEscalation", func() any { return pick(g, true, false) })
	g.maybe(sc, 0.2, "privileged", func() any { return pick(g, true, false) })
	if sc["privileged"] == true && sc["allowPrivilegeEscalation"] == false && !g.nearValid {
		sc["allowPrivilegeEscalation"] = true // a privileged container always may escalate
	}
	g.maybe(sc, 0.2, "readOnlyRootFilesystem", func() any { return true })
	g.maybe(sc, 0.2, "capabilities", func() any {
		return map[string]any{"add": []any{pick(g, "NET_BIND_SERVICE", "SYS_ADMIN", "NET_ADMIN")}, "drop": []any{"ALL"}}
	})
	g.maybe(sc, 0.1, "appArmorProfile", func() any {
		return nearly(g, []any{map[string]any{"type": "RuntimeDefault"}, map[string]any{"type": "Localhost", "localhostProfile": "k8s-nginx"}},
			[]any{map[string]any{"type": "Localhost"}, map[string]any{"type": "Bogus"}, map[string]any{"type": "Unconfined", "localhostProfile": "x"}})
	})
	g.maybe(sc, 0.2, "seccompProfile", func() any {
		return nearly(g, []any{map[string]any{"type": "RuntimeDefault"}, map[string]any{"type": "Localhost", "localhostProfile": "p.json"}},
			[]any{map[string]any{"type": "Localhost"}, map[string]any{"type": "Bogus"}, map[string]any{"type": "RuntimeDefault", "localhostProfile": "p.json"}})
	})
	g.maybe(sc, 0.1, "procMount", func() any { return nearly(g, []any{"Default"}, []any{"Weird"}) })
	return sc
}

func (g *gen) volumes() any {
	var out []any
	sources := []map[string]any{
		{"emptyDir": map[string]any{}},
		{"emptyDir": map[string]any{"medium": nearly(g, []any{"Memory", ""}, []any{"Disk"}), "sizeLimit": nearly(g, []any{"1Gi"}, []any{"-1Gi"})}},
		{"configMap": map[string]any{"name": nearly(g, []any{"settings"}, []any{"Bad_Name"}), "defaultMode": nearly(g, []any{0o644, 420}, []any{0o1000, -1})}},
		{"secret": map[string]any{"secretName": "db", "items": []any{map[string]any{"key": "k", "path": nearly(g, []any{"k.txt", "a/b"}, []any{"../k", "/abs", ""})}}}},
		{"persistentVolumeClaim": map[string]any{"claimName": nearly(g, []any{"data"}, []any{"", "Bad_Claim"})}},
		{"hostPath": map[string]any{"path": nearly(g, []any{"/var/log", "/data"}, []any{"", "relative/path"}), "type": nearly(g, []any{"Directory", ""}, []any{"Folder"})}},
		{"downwardAPI": map[string]any{"items": []any{map[string]any{"path": "labels", "fieldRef": map[string]any{"fieldPath": nearly(g, []any{"metadata.labels"}, []any{"spec.nodeName"})}}}}},
		{"projected": map[string]any{"sources": []any{map[string]any{"configMap": map[string]any{"name": "settings"}}, map[string]any{"serviceAccountToken": map[string]any{"path": "token", "expirationSeconds": nearly(g, []any{3600}, []any{60})}}}}},
		{"nfs": map[string]any{"server": nearly(g, []any{"nfs.example.com"}, []any{""}), "path": nearly(g, []any{"/exports"}, []any{"exports"})}},
		{}, // no source
		{"emptyDir": map[string]any{}, "configMap": map[string]any{"name": "x"}}, // two sources
	}
	for i, n := 0, 1+g.r.IntN(2); i < n; i++ {
		v := map[string]any{"name": fmt.Sprintf("v%d", i)}
		for k, s := range sources[g.choose(len(sources)-2, len(sources))] {
			v[k] = s
		}
		out = append(out, v)
	}
	return out
}

func (g *gen) scheduling() any {
	s := map[string]any{}
	g.maybe(s, 0.4, "strategy", func() any { return pick(g, "Default", "Decentralized", "Centralized") })
	g.maybe(s, 0.3, "nodeSelector", func() any { return map[string]any{"kubernetes.io/os": "linux"} })
	g.maybe(s, 0.4, "tolerations", func() any {
		t := map[string]any{"key": nearly(g, []any{"dedicated", "example.com/gpu"}, []any{"bad key!"}),
			"operator": nearly(g, []any{"Equal", "Exists"}, []any{"Bogus"}), "effect": nearly(g, []any{"NoSchedule", "NoExecute", ""}, []any{"Never"})}
		if t["operator"] == "Equal" || g.slip(0.1) {
			t["value"] = "web"
		}
		if t["effect"] == "NoExecute" || g.slip(0.05) {
			t["tolerationSeconds"] = 60
		}
		return []any{t}
	})
	g.maybe(s, 0.3, "topologySpreadConstraints", func() any {
		c := map[string]any{"maxSkew": nearly(g, []any{1, 2}, []any{0, -1}), "topologyKey": nearly(g, []any{"kubernetes.io/hostname"}, []any{""}),
			"whenUnsatisfiable": nearly(g, []any{"DoNotSchedule", "ScheduleAnyway"}, []any{"Ignore"}),
			"labelSelector":     map[string]any{"matchLabels": map[string]any{"app": "x"}}}
		g.maybe(c, 0.2, "matchLabelKeys", func() any {
			return nearly(g, []any{[]any{"pod-template-hash"}}, []any{[]any{"app"}, []any{"bad key!"}})
		})
		g.maybe(c, 0.1, "nodeTaintsPolicy", func() any { return nearly(g, []any{"Honor", "Ignore"}, []any{"Sometimes"}) })
		if c["whenUnsatisfiable"] == "DoNotSchedule" || g.nearValid {
			g.maybe(c, 0.2, "minDomains", func() any { return nearly(g, []any{1, 2}, []any{0}) })
		}
		return []any{c}
	})
	if s["strategy"] == nil || s["strategy"] == "Default" {
		g.maybe(s, 0.4, "affinity", g.affinity)
	}
	return s
}

func (g *gen) affinity() any {
	expr := map[string]any{"key": "zone", "operator": nearly(g, []any{"In", "NotIn", "Exists"}, []any{"Like", "Gt"})}
	if expr["operator"] != "Exists" {
		expr["values"] = nearly(g, []any{[]any{"a", "b"}}, []any{[]any{}, []any{"x"}})
	}
	switch g.r.IntN(3) {
	case 0:
		return map[string]any{"nodeAffinity": map[string]any{"requiredDuringSchedulingIgnoredDuringExecution": map[string]any{
			"nodeSelectorTerms": nearly(g, []any{[]any{map[string]any{"matchExpressions": []any{expr}}}}, []any{[]any{}})}}}
	case 1:
		return map[string]any{"nodeAffinity": map[string]any{"preferredDuringSchedulingIgnoredDuringExecution": []any{
			map[string]any{"weight": nearly(g, []any{1, 100}, []any{0, 101}), "preference": map[string]any{"matchExpressions": []any{expr}}}}}}
	}
	term := map[string]any{"topologyKey": nearly(g, []any{"kubernetes.io/hostname", "topology.kubernetes.io/zone"}, []any{"", "bad key!"}),
		"labelSelector": map[string]any{"matchExpressions": []any{expr}}}
	g.maybe(term, 0.3, "namespaces", func() any { return []any{nearly(g, []any{"default", "gen"}, []any{"Bad_NS"})} })
	kind := pick(g, "podAffinity", "podAntiAffinity")
	if g.chance(0.5) {
		return map[string]any{kind: map[string]any{"requiredDuringSchedulingIgnoredDuringExecution": []any{term}}}
	}
	return map[string]any{kind: map[string]any{"preferredDuringSchedulingIgnoredDuringExecution": []any{
		map[string]any{"weight": nearly(g, []any{50}, []any{0}), "podAffinityTerm": term}}}}
}

func (g *gen) pod() any {
	p := map[string]any{}
	g.maybe(p, 0.3, "securityContext", func() any {
		sc := map[string]any{"runAsUser": nearly(g, []any{1000}, []any{-1}), "fsGroup": nearly(g, []any{2000}, []any{-2})}
		g.maybe(sc, 0.2, "sysctls", func() any {
			return []any{map[string]any{"name": nearly(g, []any{"net.ipv4.ip_local_port_range", "kernel.shm_rmid_forced"}, []any{"Bad Name", ""}), "value": "1"}}
		})
		g.maybe(sc, 0.2, "supplementalGroups", func() any { return nearly(g, []any{[]any{1000}}, []any{[]any{-1}}) })
		return sc
	})
	g.maybe(p, 0.2, "hostAliases", func() any {
		return []any{map[string]any{"ip": nearly(g, []any{"10.0.0.1", "fd00::1"}, []any{"not-an-ip", ""}), "hostnames": []any{nearly(g, []any{"db.local"}, []any{"Bad_Host"})}}}
	})
	g.maybe(p, 0.2, "dnsPolicy", func() any { return pick(g, "ClusterFirst", "Default", "None") })
	if p["dnsPolicy"] == "None" || g.chance(0.2) {
		p["dnsConfig"] = map[string]any{"nameservers": nearly(g, []any{[]any{"1.1.1.1"}}, []any{[]any{}, []any{"x"}, []any{"1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4"}}),
			"searches": []any{"svc.cluster.local"}, "options": []any{map[string]any{"name": nearly(g, []any{"ndots"}, []any{""}), "value": "2"}}}
	}
	g.maybe(p, 0.1, "imagePullSecrets", func() any { return []any{map[string]any{"name": "registry"}} })
	g.maybe(p, 0.1, "terminationGracePeriodSeconds", func() any { return nearly(g, []any{30, 60}, []any{-1}) })
	g.maybe(p, 0.1, "labels", func() any { return map[string]any{"role": "api"} })
	g.maybe(p, 0.1, "ipPool", func() any { return nearly(g, []any{"default-ipv4-ippool", "pool-a"}, []any{"Pool_A"}) })
	return p
}

func (g *gen) strategy(stateful bool) any {
	if stateful {
		return nearly(g, []any{map[string]any{"type": "OnDelete"}, map[string]any{"partition": 1}}, []any{map[string]any{"partition": -1}})
	}
	return nearly(g, []any{map[string]any{"type": "Recreate"}, map[string]any{"maxSurge": 1, "maxUnavailable": "50%"}},
		[]any{map[string]any{"maxSurge": 0, "maxUnavailable": 0}, map[string]any{"maxSurge": "120%"}})
}

func (g *gen) autoscaling() any {
	return map[string]any{"minReplicas": nearly(g, []any{1, 2}, []any{0}), "maxReplicas": nearly(g, []any{5, 10}, []any{0}),
		"targetCPUUtilizationPercentage": nearly(g, []any{50, 80}, []any{0, -5})}
}

func (g *gen) disruptionBudget() any {
	if g.chance(0.5) {
		return map[string]any{"minAvailable": nearly(g, []any{1, "50%"}, []any{-1, "150%"})}
	}
	return map[string]any{"maxUnavailable": nearly(g, []any{1, "25%"}, []any{-1})}
}

func (g *gen) claims() any {
	return []any{map[string]any{"name": "data", "size": nearly(g, []any{"1Gi", "500Mi"}, []any{"0", "-1Gi"}),
		"accessModes": []any{nearly(g, []any{"ReadWriteOnce", "ReadWriteMany"}, []any{"ReadWriteSometimes"})}}}
}

func (g *gen) externalAccess() any {
	ea := map[string]any{"type": pick(g, "NodePort", "LoadBalancer")}
	g.maybe(ea, 0.3, "externalTrafficPolicy", func() any { return pick(g, "Cluster", "Local") })
	if ea["type"] == "LoadBalancer" {
		g.maybe(ea, 0.3, "loadBalancerSourceRanges", func() any { return []any{nearly(g, []any{"10.0.0.0/8"}, []any{"10.0.0.1"})} })
		g.maybe(ea, 0.2, "loadBalancerClass", func() any { return nearly(g, []any{"example.com/lb"}, []any{"bad class"}) })
	}
	return ea
}

// place places the service in one to three member clusters, often with
// overrides: replicas, the first container's image, env, resources and
// ports, a claim template's size.
// A placed service has no autoscaler or disruption budget.
func (g *gen) place(name string, spec map[string]any) {
	if !g.slip(0.2) {
		delete(spec, "autoscaling")
		delete(spec, "disruptionBudget")
	}
	clusters := []any{"east", "west", "north"}[:1+g.r.IntN(3)]
	p := map[string]any{"clusters": clusters}
	if g.slip(0.1) {
		p["clusters"] = append(clusters, pick[any](g, "east", "Bad_Cluster"))
	}
	overrides := map[string]any{}
	workload := spec["type"] == "Stateless" || spec["type"] == "Stateful"
	for _, c := range clusters {
		if (workload || g.slip(0.3)) && g.chance(0.6) {
			overrides[c.(string)] = g.clusterOverride(name, spec)
		}
	}
	if g.slip(0.1) {
		overrides["south"] = map[string]any{"replicas": 1}
	}
	if len(overrides) > 0 {
		p["overrides"] = overrides
	}
	spec["placement"] = p
}

func (g *gen) clusterOverride(name string, spec map[string]any) map[string]any {
	o := map[string]any{}
	g.maybe(o, 0.5, "replicas", func() any { return nearly(g, []any{0, 2, 5}, []any{-1}) })
	containers, _ := spec["containers"].([]any)
	if len(containers) > 0 && g.chance(0.7) {
		c := map[string]any{"name": name}
		g.maybe(c, 0.6, "image", func() any { return "nginx:1.28" })
		// kubefed's JSON patch replace also sets a field the template's
		// container lacks, so env and resources are overridden with or
		// without them in the template.
		g.maybe(c, 0.4, "env", func() any { return []any{map[string]any{"name": "REGION", "value": "here"}} })
		g.maybe(c, 0.4, "resources", func() any { return map[string]any{"limits": map[string]any{"cpu": "2"}} })
		g.maybe(c, 0.3, "ports", func() any {
			return []any{map[string]any{"containerPort": nearly(g, []any{8081}, []any{0}), "servicePort": 81}}
		})
		o["containers"] = []any{c}
	}
	if spec["volumeClaimTemplates"] != nil && g.chance(0.5) {
		o["volumeClaimTemplates"] = []any{map[string]any{"name": "data", "size": nearly(g, []any{"2Gi"}, []any{"-2Gi"})}}
	}
	return o
}
