# shellcheck shell=bash
# Sourced by scripts/apply-test. A throwaway Kubernetes control plane on this machine: etcd,
# kube-apiserver and kube-controller-manager on free local ports, with generated certificates and a
# kubeconfig whose context is $KUBE_CONTEXT. No scheduler and no kubelet: objects are stored,
# admitted and reconciled by the controllers (ReplicaSets, Pods that stay Pending), never run.
#
#   kube_cluster_start DIR BIN   start it in DIR (certs, data, logs), binaries from BIN
#                                (scripts/bootstrap-kube.sh) and etcd from PATH; sets KUBECONFIG
#   kube_cluster_stop            stop whatever kube_cluster_start started (call it from a trap)
#   (free_port comes from scripts/lib/tap.sh, sourced first)
#   install_crds KUBECTL         the pinned upstream CRDs (VPA, PrometheusRule, ServiceMonitor), established;
#                                needs $repo (scripts/lib/pulumi-env.sh)
#
# The API server runs RBAC and its default admission plugins (Pod Security among them), and allows
# privileged containers as kubeadm and the managed clusters do (the flag's default refuses them before
# admission), so what it refuses here a real cluster refuses too.

KUBE_CONTEXT=verto-apply-test
kube_pids=()

kube_log() { printf '[kube-cluster] %s\n' "$*" >&2; }


# kube_certs DIR: a CA, the API server's serving certificate for 127.0.0.1, an admin client
# certificate (group system:masters) and the service-account signing key.
kube_certs() {
  local d=$1
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=verto-apply-test-ca" \
    -keyout "$d/ca.key" -out "$d/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" -keyout "$d/apiserver.key" -out "$d/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' >"$d/apiserver.ext"
  openssl x509 -req -in "$d/apiserver.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
    -extfile "$d/apiserver.ext" -out "$d/apiserver.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/O=system:masters/CN=verto-apply-admin" -keyout "$d/admin.key" -out "$d/admin.csr" 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' >"$d/admin.ext"
  openssl x509 -req -in "$d/admin.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
    -extfile "$d/admin.ext" -out "$d/admin.crt" 2>/dev/null
  openssl genrsa -out "$d/sa.key" 2048 2>/dev/null
  openssl rsa -in "$d/sa.key" -pubout -out "$d/sa.pub" 2>/dev/null
}

# kube_kubeconfig DIR URL: DIR/kubeconfig with one context, $KUBE_CONTEXT, as the admin.
kube_kubeconfig() {
  local d=$1 url=$2
  cat >"$d/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: $KUBE_CONTEXT
  cluster:
    server: $url
    certificate-authority-data: $(base64 -w0 "$d/ca.crt")
users:
- name: $KUBE_CONTEXT-admin
  user:
    client-certificate-data: $(base64 -w0 "$d/admin.crt")
    client-key-data: $(base64 -w0 "$d/admin.key")
contexts:
- name: $KUBE_CONTEXT
  context:
    cluster: $KUBE_CONTEXT
    user: $KUBE_CONTEXT-admin
current-context: $KUBE_CONTEXT
EOF
}

# kube_spawn NAME LOG CMD...: CMD in the background, in its own process group, remembered for stop.
kube_spawn() {
  local name=$1 log=$2; shift 2
  setsid "$@" >"$log" 2>&1 &
  kube_pids+=("$!")
  kube_log "started $name (pid $!)"
}

# kube_wait NAME SECONDS PID CMD...: until CMD succeeds; fails early if PID died, or after SECONDS.
kube_wait() {
  local name=$1 limit=$2 pid=$3; shift 3
  local t0=$SECONDS
  until "$@" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { kube_log "$name exited"; return 1; }
    [ $((SECONDS - t0)) -lt "$limit" ] || { kube_log "$name not ready after ${limit}s"; return 1; }
    sleep 0.5
  done
  kube_log "$name ready ($((SECONDS - t0))s)"
}

kube_cluster_start() {
  local d=$1 bin=$2
  command -v etcd >/dev/null || { kube_log "etcd is not on PATH (Debian: apt-get install etcd-server)"; return 1; }
  mkdir -p "$d/etcd" "$d/logs"
  kube_certs "$d"

  local etcd_port etcd_peer api_port kcm_port
  etcd_port=$(free_port); etcd_peer=$(free_port); api_port=$(free_port); kcm_port=$(free_port)

  kube_spawn etcd "$d/logs/etcd.log" etcd --name apply-test --data-dir "$d/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "apply-test=http://127.0.0.1:$etcd_peer" --unsafe-no-fsync
  kube_wait etcd 30 "${kube_pids[-1]}" curl -sf "http://127.0.0.1:$etcd_port/health" || { kube_dump "$d" etcd; return 1; }

  kube_spawn kube-apiserver "$d/logs/kube-apiserver.log" "$bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --cert-dir "$d/apiserver-certs" --tls-cert-file "$d/apiserver.crt" --tls-private-key-file "$d/apiserver.key" \
    --client-ca-file "$d/ca.crt" --authorization-mode Node,RBAC --allow-privileged=true \
    --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$d/sa.pub" \
    --service-account-signing-key-file "$d/sa.key" --service-cluster-ip-range 10.96.0.0/16
  kube_wait kube-apiserver 90 "${kube_pids[-1]}" \
    curl -sf --cacert "$d/ca.crt" --cert "$d/admin.crt" --key "$d/admin.key" "https://127.0.0.1:$api_port/readyz" \
    || { kube_dump "$d" kube-apiserver; return 1; }

  kube_kubeconfig "$d" "https://127.0.0.1:$api_port"
  export KUBECONFIG="$d/kubeconfig"

  kube_spawn kube-controller-manager "$d/logs/kube-controller-manager.log" "$bin/kube-controller-manager" \
    --kubeconfig "$d/kubeconfig" --bind-address 127.0.0.1 --secure-port "$kcm_port" --leader-elect=false \
    --service-account-private-key-file "$d/sa.key" --root-ca-file "$d/ca.crt" --use-service-account-credentials
  # Its ServiceAccount controller is running once the `default` namespace has its `default` account.
  kube_wait kube-controller-manager 60 "${kube_pids[-1]}" "$bin/kubectl" get serviceaccount default -n default \
    || { kube_dump "$d" kube-controller-manager; return 1; }
}

# kube_dump DIR NAME: the tail of NAME's log, for a start that failed.
kube_dump() { tail -20 "$1/logs/$2.log" | sed 's/^/    /' >&2; }

# kube_cluster_stop: TERM to each process group started, newest first; KILL what is left after 10 s.
kube_cluster_stop() {
  local i pid
  for ((i = ${#kube_pids[@]} - 1; i >= 0; i--)); do
    kill -TERM -- "-${kube_pids[i]}" 2>/dev/null || true
  done
  for pid in "${kube_pids[@]}"; do
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  kube_pids=()
}

# install_crds KUBECTL: the CRDs the program's custom resources need, read from pinned module zips
# (checked against go.sum by the go command): the VerticalPodAutoscaler CRD at the version the manifest
# checker pins (tools/manifest-check/crds/go.mod), PrometheusRule and ServiceMonitor at the
# prometheus-operator release of scripts/kube-toolchain/crds/go.mod. Applied server-side and waited for.
install_crds() {
  local kubectl=$1 vpa prom
  vpa=$(cd "${repo:?}/tools/manifest-check/crds" && GOFLAGS=-mod=readonly go mod download -json k8s.io/autoscaler/vertical-pod-autoscaler | jq -er .Dir)
  prom=$(cd "$repo/scripts/kube-toolchain/crds" && GOFLAGS=-mod=readonly go mod download -json github.com/prometheus-operator/prometheus-operator | jq -er .Dir)
  "$kubectl" apply --server-side --field-manager verto-apply-test \
    -f "$vpa/deploy/vpa-v1-crd-gen.yaml" \
    -f "$prom/example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml" \
    -f "$prom/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml" >&2
  "$kubectl" wait --for condition=Established --timeout 60s \
    crd/verticalpodautoscalers.autoscaling.k8s.io crd/prometheusrules.monitoring.coreos.com \
    crd/servicemonitors.monitoring.coreos.com >&2
}
