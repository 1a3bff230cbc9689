package console

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// An annotationMapping is one console annotation, or a group written
// together, on one object of a service: the spec field it comes from, the
// keys that field owns, how render writes them and how import reads them
// back. Render, import and validation all take them from here, so an
// annotation is owned exactly where it is written.
type annotationMapping struct {
	// field is the spec field that writes it, as messages name it.
	field string
	// keys are the keys the field owns for a spec: validation refuses them
	// in the user's own annotations of the object, import never reads them
	// into those. nil: the keys write returns.
	keys func(sp *api.ServiceSpecSpec) []string
	// write is what render writes.
	write func(s *service) map[string]string
	// read sets the spec's field from the object's annotations; nil when
	// import takes the field from elsewhere.
	read func(a map[string]string, sp *api.ServiceSpecSpec, r annotationRead) error
	// unread says why import has no read, when it has none.
	unread string
	// why says how the console derives what it writes from the field.
	why string
}

// annotationRead is what a read knows beside the annotations.
type annotationRead struct {
	// member is true for a member of a composed app.
	member bool
	// written are the keys render writes on the object whatever the spec
	// sets: what is left are the user's own annotations.
	written []string
}

// always owns keys whatever the spec.
func always(keys ...string) func(*api.ServiceSpecSpec) []string {
	return func(*api.ServiceSpecSpec) []string { return keys }
}

// ownedWhen owns keys when the spec turns on what writes them.
func ownedWhen(on func(*api.ServiceSpecSpec) bool, keys ...string) func(*api.ServiceSpecSpec) []string {
	return func(sp *api.ServiceSpecSpec) []string {
		if on(sp) {
			return keys
		}
		return nil
	}
}

// serviceAnnotationMappings are the annotations of the Service <name>.
var serviceAnnotationMappings = []annotationMapping{
	{field: "spec.type", keys: always(kubesphere.AnnotationServiceType), write: func(s *service) map[string]string {
		if v, ok := serviceTypeAnnotation[s.Spec.Type]; ok {
			return map[string]string{kubesphere.AnnotationServiceType: v}
		}
		return nil
	}},
	{field: "spec.alias", keys: always(kubesphere.AnnotationAlias), write: func(s *service) map[string]string {
		return unlessEmpty(kubesphere.AnnotationAlias, s.Spec.Alias)
	}, read: func(a map[string]string, sp *api.ServiceSpecSpec, _ annotationRead) error {
		sp.Alias = a[kubesphere.AnnotationAlias]
		return nil
	}},
	{field: "spec.description", keys: always(kubesphere.AnnotationDescription), write: func(s *service) map[string]string {
		return unlessEmpty(kubesphere.AnnotationDescription, s.Spec.Description)
	}, read: func(a map[string]string, sp *api.ServiceSpecSpec, _ annotationRead) error {
		sp.Description = a[kubesphere.AnnotationDescription]
		return nil
	}},
	serviceCreatorMapping,
	meshMapping,
	{field: "spec.placement", keys: ownedWhen(placed, kubesphere.AnnotationWorkloadName, kubesphere.AnnotationWorkloadModule)},
	{field: "spec.serviceAnnotations", write: func(s *service) map[string]string { return s.Spec.ServiceAnnotations }, read: func(a map[string]string, sp *api.ServiceSpecSpec, r annotationRead) error {
		sp.ServiceAnnotations = nonEmpty(without(a, r.written...))
		return nil
	}},
	{field: "spec.externalAccess.annotations", keys: func(sp *api.ServiceSpecSpec) []string {
		if sp.ExternalAccess == nil {
			return nil
		}
		return slices.Collect(maps.Keys(sp.ExternalAccess.Annotations))
	}, write: func(s *service) map[string]string {
		if ea := s.Spec.ExternalAccess; ea != nil {
			return ea.Annotations
		}
		return nil
	}, unread: "they land on the Service with the user's own: import reads them all into spec.serviceAnnotations"},
	openELBMapping,
}

// openELBMapping selects OpenELB for a LoadBalancer Service.
var openELBMapping = annotationMapping{field: "spec.externalAccess.openELB", keys: func(sp *api.ServiceSpecSpec) []string {
	if sp.ExternalAccess == nil {
		return nil
	}
	return slices.Collect(maps.Keys(openELBAnnotations(sp.ExternalAccess.OpenELB)))
}, write: func(s *service) map[string]string {
	if ea := s.Spec.ExternalAccess; ea != nil {
		return openELBAnnotations(ea.OpenELB)
	}
	return nil
}}

// creatorMapping is kubesphere.io/creator, on every object the console
// makes when a creator is set; import reads it from the Service
// (serviceCreatorMapping): a federated pod template carries none.
var creatorMapping = annotationMapping{field: "spec.creator", keys: always(kubesphere.AnnotationCreator),
	write: func(s *service) map[string]string { return creatorAnnotation(s.Spec.Creator) }}

var serviceCreatorMapping = annotationMapping{field: creatorMapping.field, keys: creatorMapping.keys, write: creatorMapping.write,
	read: func(a map[string]string, sp *api.ServiceSpecSpec, _ annotationRead) error {
		sp.Creator = a[kubesphere.AnnotationCreator]
		return nil
	}}

// governingAnnotationMappings are the annotations of the headless
// <name>-headless beside a Stateful service's virtual-IP Service.
var governingAnnotationMappings = []annotationMapping{creatorMapping, meshMapping}

// meshMapping marks a workload or Service as part of the service mesh.
var meshMapping = annotationMapping{field: "spec.serviceMesh", keys: always(kubesphere.AnnotationServiceMesh), write: meshAnnotation}

// workloadAnnotationMappings are the annotations of the workload.
var workloadAnnotationMappings = []annotationMapping{
	creatorMapping,
	{field: "spec.autoscaling", keys: always(kubesphere.AnnotationRelatedHPA), write: func(s *service) map[string]string {
		// KubeSphere shows the related autoscaler and deletes it with the workload.
		if s.Spec.Autoscaling != nil {
			return map[string]string{kubesphere.AnnotationRelatedHPA: s.workloadName()}
		}
		return nil
	}},
	// A member of a composed app takes its mesh setting from the app.
	{field: meshMapping.field, keys: meshMapping.keys, write: meshMapping.write, read: func(a map[string]string, sp *api.ServiceSpecSpec, r annotationRead) error {
		if a[kubesphere.AnnotationServiceMesh] == "true" && !r.member {
			sp.ServiceMesh = &api.ServiceMesh{Enabled: true}
		}
		return nil
	}},
	{field: "spec.annotations", write: func(s *service) map[string]string { return s.Spec.Annotations }, read: func(a map[string]string, sp *api.ServiceSpecSpec, r annotationRead) error {
		sp.Annotations = nonEmpty(without(a, r.written...))
		return nil
	}},
}

// podAnnotationMappings are the annotations of the pod template.
var podAnnotationMappings = []annotationMapping{
	{field: "spec.containers[].imagePullSecret", keys: always(kubesphere.AnnotationImagePullSecrets),
		write: func(s *service) map[string]string {
			// The console writes it always, "{}" when no container has one.
			return map[string]string{kubesphere.AnnotationImagePullSecrets: imagePullSecretsAnnotation(s.Spec.Containers)}
		}, read: readPullSecrets},
	creatorMapping,
	{field: "spec.serviceMesh", keys: ownedWhen(meshOn, kubesphere.AnnotationIstioInject), write: injectAnnotation},
	// The hash of the ConfigMaps and Secrets the pod uses, computed by the
	// function from the resource list (Inputs.ConfigHash).
	{field: "spec.rolloutOnConfigChange", keys: always(api.AnnotationConfigHash), write: func(s *service) map[string]string {
		return unlessEmpty(api.AnnotationConfigHash, s.configHash)
	}, read: func(a map[string]string, sp *api.ServiceSpecSpec, _ annotationRead) error {
		_, sp.RolloutOnConfigChange = a[api.AnnotationConfigHash]
		return nil
	}},
	{field: "spec.containers[].volumeMounts[].logPaths", keys: ownedWhen(hasVolumes, kubesphere.AnnotationLogSidecar),
		write: logSidecarAnnotation, read: readLogPaths},
	{field: "spec.logCollection", keys: ownedWhen(collectsLogs, kubesphere.AnnotationCollectSavedLog), write: func(s *service) map[string]string {
		if collectsLogs(&s.Spec) {
			return map[string]string{kubesphere.AnnotationCollectSavedLog: "true"}
		}
		return nil
	}, read: func(a map[string]string, sp *api.ServiceSpecSpec, _ annotationRead) error {
		if a[kubesphere.AnnotationCollectSavedLog] == "true" {
			sp.LogCollection = &api.LogCollection{Enabled: true}
		}
		return nil
	}},
	{field: "spec.pod.ipPool", keys: ownedWhen(hasIPPool, kubesphere.AnnotationIPv4Pools), write: func(s *service) map[string]string {
		if hasIPPool(&s.Spec) {
			return map[string]string{kubesphere.AnnotationIPv4Pools: jsonString([]string{s.Spec.Pod.IPPool})}
		}
		return nil
	}, read: readIPPool},
	{field: "spec.pod.annotations", write: func(s *service) map[string]string { return s.Spec.Pod.Annotations }},
}

func placed(sp *api.ServiceSpecSpec) bool { return sp.Placement != nil }
func meshOn(sp *api.ServiceSpecSpec) bool { return sp.ServiceMesh != nil && sp.ServiceMesh.Enabled }
func collectsLogs(sp *api.ServiceSpecSpec) bool {
	return sp.LogCollection != nil && sp.LogCollection.Enabled
}
func hasIPPool(sp *api.ServiceSpecSpec) bool { return sp.Pod != nil && sp.Pod.IPPool != "" }

// hasVolumes: the console writes logsidecar-config whenever the pod has a
// volume or a volume claim template.
func hasVolumes(sp *api.ServiceSpecSpec) bool {
	return len(sp.Volumes) > 0 || len(sp.VolumeClaimTemplates) > 0
}

// writeAnnotations is what the mappings write, in their order.
func writeAnnotations(s *service, ms []annotationMapping) map[string]string {
	a := map[string]string{}
	for _, m := range ms {
		if m.write != nil {
			maps.Copy(a, m.write(s))
		}
	}
	return a
}

// owners maps each key the mappings own for a spec to its field.
func owners(ms []annotationMapping, sp *api.ServiceSpecSpec) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		if m.keys == nil {
			continue
		}
		for _, k := range m.keys(sp) {
			out[k] = m.field
		}
	}
	return out
}

// annotationOwners is what validation refuses in the user's annotations.
var annotationOwners = api.AnnotationOwners{
	Service: func(sp *api.ServiceSpecSpec) map[string]string { return owners(serviceAnnotationMappings, sp) },
	ExternalAccess: func(sp *api.ServiceSpecSpec) map[string]string {
		return owners([]annotationMapping{openELBMapping}, sp)
	},
	Workload: func(sp *api.ServiceSpecSpec) map[string]string { return owners(workloadAnnotationMappings, sp) },
	Pod:      func(sp *api.ServiceSpecSpec) map[string]string { return owners(podAnnotationMappings, sp) },
}

// Validate checks a defaulted ServiceSpec: the API's rules, with the
// annotations render writes refused in the user's own.
func Validate(s *api.ServiceSpec) field.ErrorList { return api.Validate(s, annotationOwners) }

// writtenPodAnnotations are the pod template annotations render writes from
// fields of the spec, with every option that writes one on; the sidecar
// injection only when the mesh is on (otherwise a user may set "false" as an
// annotation of their own).
func writtenPodAnnotations(mesh bool) []string {
	sp := &api.ServiceSpecSpec{Volumes: make([]corev1.Volume, 1), LogCollection: &api.LogCollection{Enabled: true}, Pod: &api.PodSettings{IPPool: "all"}}
	if mesh {
		sp.ServiceMesh = &api.ServiceMesh{Enabled: true}
	}
	return ownedKeys(podAnnotationMappings, sp)
}

func ownedKeys(ms []annotationMapping, sp *api.ServiceSpecSpec) []string {
	keys := []string{api.AnnotationGeneratedFrom, api.AnnotationDigest}
	for k := range owners(ms, sp) {
		keys = append(keys, k)
	}
	return keys
}

// readWorkloadAnnotations reads the workload's annotations (member: the
// service is a member of a composed app).
func readWorkloadAnnotations(a map[string]string, sp *api.ServiceSpecSpec, member bool) error {
	return readAnnotations(workloadAnnotationMappings, a, sp, member)
}

// ReadPodAnnotations sets the spec fields the pod template's console
// annotations hold. The spec's containers must be read first.
func ReadPodAnnotations(a map[string]string, sp *api.ServiceSpecSpec) error {
	return readAnnotations(podAnnotationMappings, a, sp, false)
}

// ReadServiceAnnotations sets the spec fields the Service's console
// annotations hold.
func ReadServiceAnnotations(a map[string]string, sp *api.ServiceSpecSpec) error {
	return readAnnotations(serviceAnnotationMappings, a, sp, false)
}

func readAnnotations(ms []annotationMapping, a map[string]string, sp *api.ServiceSpecSpec, member bool) error {
	r := annotationRead{member: member, written: ownedKeys(ms, &api.ServiceSpecSpec{})}
	for _, m := range ms {
		if m.read != nil {
			if err := m.read(a, sp, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// readPullSecrets gives each container the pull secret the console's
// kubesphere.io/imagepullsecrets names for it.
func readPullSecrets(a map[string]string, sp *api.ServiceSpecSpec, _ annotationRead) error {
	v, ok := a[kubesphere.AnnotationImagePullSecrets]
	if !ok {
		return nil
	}
	secrets := map[string]string{}
	if err := json.Unmarshal([]byte(v), &secrets); err != nil {
		return fmt.Errorf("pod annotation %s is not the console's JSON object: %v", kubesphere.AnnotationImagePullSecrets, err)
	}
	for i := range sp.Containers {
		sp.Containers[i].ImagePullSecret = secrets[sp.Containers[i].Name]
	}
	return nil
}

func unlessEmpty(key, value string) map[string]string {
	if value == "" {
		return nil
	}
	return map[string]string{key: value}
}

// readIPPool reads cni.projectcalico.org/ipv4pools: one pool, as the
// console writes it. The pod settings must be read first.
func readIPPool(a map[string]string, sp *api.ServiceSpecSpec, _ annotationRead) error {
	v := a[kubesphere.AnnotationIPv4Pools]
	if v == "" {
		return nil
	}
	var pools []string
	if err := json.Unmarshal([]byte(v), &pools); err != nil || len(pools) != 1 {
		return fmt.Errorf("pod annotation %s is not one pool as the console writes it: %s", kubesphere.AnnotationIPv4Pools, v)
	}
	sp.Pod.IPPool = pools[0]
	return nil
}
