// Pins the prometheus-operator release whose CRDs (PrometheusRule, ServiceMonitor) scripts/apply-test
// installs into its throwaway API server, read from the module zip (`go mod download`, checked against
// go.sum). Not built. v0.85.0 is the release the Go module proxy lists. The VerticalPodAutoscaler CRD
// comes from the pin the manifest checker already uses (tools/manifest-check/crds/go.mod), so the VPA
// schema the renders are validated against is the one the API server enforces.
module verto.io/kube-toolchain/crds

go 1.24.0

require github.com/prometheus-operator/prometheus-operator v0.85.0
