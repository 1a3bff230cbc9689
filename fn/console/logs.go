package console

import (
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// logSidecarConfig is the console's logging.kubesphere.io/logsidecar-config:
// for each container, the log files to collect on each volume.
type logSidecarConfig struct {
	ContainerLogConfigs map[string]map[string][]string `json:"containerLogConfigs"`
}

// logAnnotations are the pod annotations of disk log collection, as the
// console writes them: logsidecar-config whenever the pod has a volume or a
// volume claim template ('{}' unless mounts carry logPaths), and
// collectSavedLog when collection is on.
func logAnnotations(sp *api.ServiceSpecSpec) map[string]string {
	out := map[string]string{}
	if sp.LogCollection != nil && sp.LogCollection.Enabled {
		out[kubesphere.AnnotationCollectSavedLog] = "true"
	}
	if len(sp.Volumes) == 0 && len(sp.VolumeClaimTemplates) == 0 {
		return out
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
	out[kubesphere.AnnotationLogSidecar] = "{}"
	if len(configs) > 0 {
		out[kubesphere.AnnotationLogSidecar] = jsonString(logSidecarConfig{ContainerLogConfigs: configs})
	}
	return out
}
