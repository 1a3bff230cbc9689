package console

import (
	"encoding/json"
	"fmt"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// logSidecarConfig is the console's logging.kubesphere.io/logsidecar-config:
// for each container, the log files to collect on each volume.
type logSidecarConfig struct {
	ContainerLogConfigs map[string]map[string][]string `json:"containerLogConfigs"`
}

// logSidecarAnnotation is logsidecar-config as the console writes it:
// whenever the pod has a volume or a volume claim template, '{}' unless
// mounts carry logPaths.
func logSidecarAnnotation(s *service) map[string]string {
	sp := &s.Spec
	if !hasVolumes(sp) {
		return nil
	}
	configs := map[string]map[string][]string{}
	for _, c := range sp.Containers {
		for _, m := range c.VolumeMounts {
			if len(m.LogPaths) == 0 {
				continue
			}
			if configs[c.Name] == nil {
				configs[c.Name] = map[string][]string{}
			}
			configs[c.Name][m.Name] = append(configs[c.Name][m.Name], m.LogPaths...)
		}
	}
	if len(configs) == 0 {
		return map[string]string{kubesphere.AnnotationLogSidecar: "{}"}
	}
	return map[string]string{kubesphere.AnnotationLogSidecar: jsonString(logSidecarConfig{ContainerLogConfigs: configs})}
}

// readLogPaths gives each container's volume mounts the log paths
// logsidecar-config lists for them.
func readLogPaths(a map[string]string, sp *api.ServiceSpecSpec, _ annotationRead) error {
	v := a[kubesphere.AnnotationLogSidecar]
	if v == "" || v == "{}" {
		return nil
	}
	var c logSidecarConfig
	if err := json.Unmarshal([]byte(v), &c); err != nil {
		return fmt.Errorf("pod annotation %s is not the console's JSON: %v", kubesphere.AnnotationLogSidecar, err)
	}
	for i := range sp.Containers {
		mounts := sp.Containers[i].VolumeMounts
		for j := range mounts {
			mounts[j].LogPaths = c.ContainerLogConfigs[sp.Containers[i].Name][mounts[j].Name]
		}
	}
	return nil
}
