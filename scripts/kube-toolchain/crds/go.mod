module verto.io/kube-toolchain/crds

go 1.24.0

require (
	github.com/prometheus-operator/prometheus-operator v0.85.0
	k8s.io/autoscaler/vertical-pod-autoscaler v1.8.1
)
