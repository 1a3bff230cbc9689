package v1alpha1

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"
)

// Default values. The console writes the same ones (docs/console-compatibility.md).
const (
	DefaultVersion                 = "v1"
	DefaultReplicas          int32 = 1
	DefaultProtocol                = ProtocolHTTP
	DefaultStickyTimeout     int32 = 10800
	DefaultGracePeriod       int64 = 30
	DefaultServiceAccount          = "default"
	DefaultClaimSize               = "10Gi"
	DefaultRollingPercentage       = "25%"
)

// SetDefaults fills in every zero-valued field that has a default, for the
// fields the spec's type accepts only, so that a forbidden field is never
// created by defaulting. It never overwrites a value the user set.
func SetDefaults(s *ServiceSpec) {
	sp := &s.Spec
	switch sp.Type {
	case Stateless, Stateful:
		setWorkloadDefaults(s.Name, sp)
	case Workload:
		if sp.Access == "" {
			sp.Access = VirtualIP
		}
	}
	for i := range sp.Ports {
		setServicePortDefaults(&sp.Ports[i])
	}
	if st := sp.StickySession; st != nil && st.Enabled && st.TimeoutSeconds == nil {
		st.TimeoutSeconds = ptr.To(DefaultStickyTimeout)
	}
}

func setWorkloadDefaults(name string, sp *ServiceSpecSpec) {
	if sp.Version == "" {
		sp.Version = DefaultVersion
	}
	// With an autoscaler the workload carries no replicas, so that a
	// re-apply does not reset what the autoscaler chose.
	if sp.Replicas == nil && sp.Autoscaling == nil {
		sp.Replicas = ptr.To(DefaultReplicas)
	}
	if a := sp.Autoscaling; a != nil && a.MinReplicas == nil {
		a.MinReplicas = ptr.To(DefaultReplicas)
	}
	if sp.Access == "" {
		sp.Access = VirtualIP
		if sp.Type == Stateful {
			sp.Access = Headless // the console's stateful Service is headless
		}
	}
	setContainerDefaults(name, sp.Containers)
	for i := range sp.InitContainers {
		if sp.InitContainers[i].ImagePullPolicy == "" {
			sp.InitContainers[i].ImagePullPolicy = corev1.PullIfNotPresent
		}
	}
	for i := range sp.VolumeClaimTemplates {
		setClaimDefaults(&sp.VolumeClaimTemplates[i])
	}
	if sp.Scheduling == nil {
		sp.Scheduling = &Scheduling{}
	}
	if sp.Scheduling.Strategy == "" {
		sp.Scheduling.Strategy = DefaultScheduling
	}
	if sp.Pod == nil {
		sp.Pod = &PodSettings{}
	}
	if sp.Pod.ServiceAccountName == "" {
		sp.Pod.ServiceAccountName = DefaultServiceAccount
	}
	if sp.Pod.TerminationGracePeriodSeconds == nil {
		sp.Pod.TerminationGracePeriodSeconds = ptr.To(DefaultGracePeriod)
	}
	if sp.Strategy == nil {
		sp.Strategy = &Strategy{}
	}
	setStrategyDefaults(sp.Type, sp.Strategy)
	if sp.Release != nil {
		setReleaseDefaults(name, sp)
	}
	if sp.Placement != nil {
		setOverrideDefaults(name, sp)
	}
}

// setOverrideDefaults names the ports a cluster's container changes give
// and sets their protocol, as the cluster's own containers would be
// defaulted: the running port index counts over the cluster's containers.
func setOverrideDefaults(name string, sp *ServiceSpecSpec) {
	for cluster, o := range sp.Placement.Overrides {
		merged := MergeContainers(sp.Containers, o.Containers)
		setContainerDefaults(name, merged)
		for i := range o.Containers {
			c := &o.Containers[i]
			for _, m := range merged {
				if m.Name == c.Name && c.Ports != nil {
					c.Ports = m.Ports
				}
			}
		}
		sp.Placement.Overrides[cluster] = o
	}
}

// DefaultCanaryWeight is the share of a Canary by traffic the console's
// slider starts at.
const DefaultCanaryWeight int32 = 50

// setReleaseDefaults fills in the release from the running version: the
// Strategy's name, the policy, the weight of a Canary by traffic, the
// governor of a BlueGreen release and the new workload's replicas.
func setReleaseDefaults(name string, sp *ServiceSpecSpec) {
	r := sp.Release
	if r.Name == "" {
		r.Name = name
	}
	if r.Policy == "" {
		r.Policy = WaitForWorkloadReady
	}
	switch r.Strategy {
	case Canary:
		if r.Weight == nil && r.Match == nil {
			r.Weight = ptr.To(DefaultCanaryWeight)
		}
	case BlueGreen:
		if r.Governor == "" {
			r.Governor = sp.Version
		}
	}
	if r.Replicas == nil {
		r.Replicas = ptr.To(RunningReplicas(sp))
	}
	for i := range r.Containers {
		c := &r.Containers[i]
		if p := c.Ports; p != nil {
			for j := range p {
				if p[j].Protocol == "" {
					p[j].Protocol = DefaultProtocol
				}
			}
		}
	}
}

// RunningReplicas is the replicas of the running workload as the console
// reads them when it derives a release: spec.replicas, or under an
// autoscaler its lower bound.
func RunningReplicas(sp *ServiceSpecSpec) int32 {
	switch {
	case sp.Replicas != nil:
		return *sp.Replicas
	case sp.Autoscaling != nil && sp.Autoscaling.MinReplicas != nil:
		return *sp.Autoscaling.MinReplicas
	}
	return DefaultReplicas
}

// SetAppDefaults fills in the zero-valued fields of an AppSpec that have a
// default.
func SetAppDefaults(a *AppSpec) {
	sp := &a.Spec
	if sp.Version == "" {
		sp.Version = DefaultVersion
	}
	if r := sp.Routes; r != nil {
		if r.Name == "" {
			r.Name = a.Name + "-ingress"
		}
		for i := range r.Rules {
			rule := &r.Rules[i]
			if rule.Protocol == "" {
				rule.Protocol = RouteHTTP
			}
			for j := range rule.Paths {
				if rule.Paths[j].Path == "" {
					rule.Paths[j].Path = "/"
				}
			}
		}
	}
}

// setContainerDefaults names containers and their ports. Port names use one
// running index over the ports of all worker containers, so that two
// containers' default names never collide (the console counts per container).
func setContainerDefaults(name string, containers []Container) {
	portIndex := 0
	for i := range containers {
		c := &containers[i]
		if c.Name == "" {
			c.Name = DefaultContainerName(name, i)
		}
		if c.ImagePullPolicy == "" {
			c.ImagePullPolicy = corev1.PullIfNotPresent
		}
		for j := range c.Ports {
			p := &c.Ports[j]
			if p.Protocol == "" {
				p.Protocol = DefaultProtocol
			}
			if p.Name == "" {
				p.Name = fmt.Sprintf("%s-%d", strings.ToLower(string(p.Protocol)), portIndex)
			}
			portIndex++
		}
	}
}

// DefaultContainerName is the name of the i-th worker container when the user
// gives none: <name> for the first, <name>-<i> for the others.
func DefaultContainerName(name string, i int) string {
	if i == 0 {
		return name
	}
	return fmt.Sprintf("%s-%d", name, i)
}

func setServicePortDefaults(p *ServicePort) {
	if p.Protocol == "" {
		p.Protocol = DefaultProtocol
	}
	if p.Name == "" {
		p.Name = DefaultServicePortName(p.Protocol, p.Port)
	}
	if p.TargetPort == nil {
		p.TargetPort = ptr.To(intstr.FromInt32(p.Port))
	}
}

// DefaultServicePortName is <lower(protocol)>-<port>.
func DefaultServicePortName(protocol Protocol, port int32) string {
	return fmt.Sprintf("%s-%d", strings.ToLower(string(protocol)), port)
}

func setClaimDefaults(c *VolumeClaimTemplate) {
	if len(c.AccessModes) == 0 {
		c.AccessModes = []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce}
	}
	if c.Size == "" {
		c.Size = DefaultClaimSize
	}
}

func setStrategyDefaults(t ServiceType, st *Strategy) {
	if st.Type == "" {
		st.Type = RollingUpdate
	}
	if st.Type != RollingUpdate {
		return
	}
	switch t {
	case Stateless:
		if st.MaxSurge == nil {
			st.MaxSurge = ptr.To(intstr.FromString(DefaultRollingPercentage))
		}
		if st.MaxUnavailable == nil {
			st.MaxUnavailable = ptr.To(intstr.FromString(DefaultRollingPercentage))
		}
	case Stateful:
		if st.Partition == nil {
			st.Partition = ptr.To(int32(0))
		}
	}
}
