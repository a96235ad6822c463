// Pins the upstream CRDs whose schemas tools/manifest-check validates custom resources against
// (fetched with `go mod download`, checked against go.sum). Not built.
module verto.io/infra/crds

go 1.22

require k8s.io/autoscaler/vertical-pod-autoscaler v1.5.1
