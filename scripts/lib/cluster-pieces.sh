# shellcheck shell=bash
# Sourced by scripts/preflight-test and scripts/pipeline-test: the pieces a real cluster has that a stack relies
# on (what scripts/preflight checks), added to a throwaway API server (scripts/lib/kube-cluster.sh). The caller
# defines k (kubectl against that cluster). Stand-ins where no upstream piece runs without nodes:
# cert-manager's ClusterIssuer CRD (a schemaless CRD of the same group and kind) and the metrics API (a CRD in
# metrics.k8s.io, which the API server serves and reports Available, as it does metrics-server's APIService).
#
#   operator_crds            prometheus-operator's CRDs (all of them: Prometheus too) and the VPA's, from the pinned modules
#   stand_in_crds            the ClusterIssuer and metrics API stand-ins, established
#   metrics_api_available    waits until the metrics API reports Available
#   cluster_pieces           IngressClass nginx, its controller's namespace and real-IP settings, a ClusterIssuer
#                            letsencrypt-prod with http01 and dns01 solvers, kube-prometheus-stack's Prometheus
#                            (release kps) and Grafana with its dashboard sidecar in monitoring
#   vpc_cni ARGS             the EKS VPC CNI DaemonSet, its network policy agent started with ARGS
#   complete_cluster         all of the above but the VPC CNI

operator_crds() {
  local dir vpa
  dir=$(cd scripts/kube-toolchain/crds && GOFLAGS=-mod=readonly go mod download -json github.com/prometheus-operator/prometheus-operator | jq -er .Dir)
  vpa=$(cd tools/manifest-check/crds && GOFLAGS=-mod=readonly go mod download -json k8s.io/autoscaler/vertical-pod-autoscaler | jq -er .Dir)
  k apply --server-side -f "$dir/example/prometheus-operator-crd/" -f "$vpa/deploy/vpa-v1-crd-gen.yaml"
}
stand_in_crds() {
  k apply -f - <<'EOF'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: clusterissuers.cert-manager.io}
spec:
  group: cert-manager.io
  scope: Cluster
  names: {kind: ClusterIssuer, plural: clusterissuers, singular: clusterissuer}
  versions:
    - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: nodes.metrics.k8s.io
  annotations: {api-approved.kubernetes.io: "unapproved, a stand-in for metrics-server in a test"}
spec:
  group: metrics.k8s.io
  scope: Cluster
  names: {kind: NodeMetrics, plural: nodes, singular: node}
  versions:
    - {name: v1beta1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}
EOF
  k wait --for condition=Established --timeout 60s crd --all
}
cluster_pieces() {
  k create namespace ingress-nginx
  k create namespace monitoring
  k apply --server-side -f scripts/fixtures/kube-prometheus-stack-prometheus.yaml
  k apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
# TEST-NET ranges stand in for CloudFront's origin-facing prefix list.
data: {use-forwarded-headers: "true", proxy-real-ip-cidr: "192.0.2.0/24,198.51.100.0/24"}
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata: {name: letsencrypt-prod}
spec:
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    privateKeySecretRef: {name: letsencrypt-prod}
    solvers:
      - {http01: {ingress: {ingressClassName: nginx}}}
      - {dns01: {route53: {region: eu-central-1}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: grafana, namespace: monitoring}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: grafana}}
  template:
    metadata: {labels: {app.kubernetes.io/name: grafana}}
    spec:
      containers:
        - name: grafana-sc-dashboard
          image: quay.io/kiwigrid/k8s-sidecar:1.30.3
          env: [{name: LABEL, value: grafana_dashboard}, {name: LABEL_VALUE, value: "1"}, {name: NAMESPACE, value: ALL}]
EOF
}
# vpc_cni ARGS: the EKS VPC CNI DaemonSet, its network policy agent started with ARGS.
vpc_cni() {
  k apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: aws-node, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: aws-node}}
  template:
    metadata: {labels: {k8s-app: aws-node}}
    spec:
      containers:
        - {name: aws-node, image: "602401143452.dkr.ecr.eu-central-1.amazonaws.com/amazon-k8s-cni:v1.19.2"}
        - {name: aws-network-policy-agent, image: "602401143452.dkr.ecr.eu-central-1.amazonaws.com/amazon/aws-network-policy-agent:v1.1.6", args: [$1]}
EOF
}

metrics_api_available() {
  local t0=$SECONDS
  until k get apiservice v1beta1.metrics.k8s.io -o json | jq -e 'any(.status.conditions[]?; .type == "Available" and .status == "True")'; do
    [ $((SECONDS - t0)) -lt 30 ] || return 1; sleep 0.5
  done
}

complete_cluster() {
  operator_crds && stand_in_crds && metrics_api_available && cluster_pieces
}
