# shellcheck shell=bash
# Sourced by scripts/preflight: one function per check of the stack's cluster. Each reads $req (the stack's
# ClusterRequirements JSON), asks the cluster through k() (kubectl on the stack's context), and reports with
# ok / not_ok (scripts/lib/tap.sh); a failure is followed by the line that fixes it.

r() { jq -r "$1" <<<"${req:?}"; }
fix() { echo "    fix: $*"; }

# expect NAME FIX CMD...: ok NAME when CMD succeeds, else not ok with the fix.
expect() {
  local name=$1 remedy=$2; shift 2
  if "$@" >/dev/null 2>&1; then ok "$name"; else not_ok "$name"; fix "$remedy"; fi
}

preflight_crds() {
  local crd remedy
  for crd in $(r '.crds[]'); do
    case $crd in
      verticalpodautoscalers.*) remedy="install the Vertical Pod Autoscaler (CRD and recommender, kubernetes/autoscaler), or: pulumi config set --path verto:monitoring.vpaMode none --stack $(r .stack)" ;;
      *) remedy="install prometheus-operator's CRDs (kube-prometheus-stack brings them), or use a plain Prometheus: pulumi config set --path verto:monitoring.scrape configMap --stack $(r .stack)" ;;
    esac
    expect "CRD $crd is installed" "$remedy" k get crd "$crd"
  done
}

preflight_ingress() {
  local ns
  ns=$(r .ingressControllerNamespace)
  expect "IngressClass $(r .ingressClass) exists (ingress-nginx)" \
    "install ingress-nginx (helm chart ingress-nginx; it creates the IngressClass nginx)" k get ingressclass "$(r .ingressClass)"
  expect "the ingress controller's namespace $ns exists (the NetworkPolicies let it in)" \
    "install ingress-nginx into $ns, or: pulumi config set verto:ingressControllerNamespace <its namespace> --stack $(r .stack)" \
    k get namespace "$ns"
}

# issuer_solves JSON CHALLENGE: an ACME issuer has a solver of that kind; a non-ACME issuer (CA, self-signed) needs none.
issuer_solves() { jq -e --arg c "$2" '(.spec.acme // null) == null or any(.spec.acme.solvers[]?; has($c))' <<<"$1" >/dev/null; }

preflight_issuer() {
  local name challenge json
  name=$(r .clusterIssuer) challenge=$(r .acmeChallenge)
  if ! json=$(k get clusterissuers.cert-manager.io "$name" -o json 2>/dev/null); then
    not_ok "ClusterIssuer $name exists (cert-manager)"
    fix "install cert-manager and create the ClusterIssuer $name (ACME, Let's Encrypt) with a $challenge solver, or: pulumi config set verto:clusterIssuer <yours> --stack $(r .stack)"
    return
  fi
  ok "ClusterIssuer $name exists (cert-manager)"
  if issuer_solves "$json" "$challenge"; then
    ok "ClusterIssuer $name can solve the stack's $challenge challenge"
  else
    not_ok "ClusterIssuer $name can solve the stack's $challenge challenge"
    if [ "$challenge" = dns01 ]; then
      fix "add a dns01 solver for the domain's zone to $name (cert-manager docs: ACME DNS01, e.g. route53 with the hosted zone of your domain)"
    else
      fix "add an http01 solver with ingress class nginx to $name"
    fi
  fi
}

# Available APIService: what `kubectl top`, the HPA and the VPA read.
metrics_available() {
  k get apiservice v1beta1.metrics.k8s.io -o json | jq -e 'any(.status.conditions[]?; .type == "Available" and .status == "True")'
}

preflight_metrics() {
  [ "$(r .metricsApi)" = true ] || return 0
  expect "the metrics API (metrics.k8s.io) is available: the HPA and the VPA read it" \
    "install metrics-server (EKS: the metrics-server add-on or its release manifest); without it the HPA shows <unknown> and the VPA recommends nothing" \
    metrics_available
}

# A jq function: does label selector $sel (null: nothing, {}: everything) select labels $l?
# shellcheck disable=SC2016  # jq program, not shell
JQ_SELECTS='def selects($sel; $l): if $sel == null then false else
  ([($sel.matchLabels // {}) | to_entries[] | $l[.key] == .value] | all)
  and ([($sel.matchExpressions // [])[] | . as $e | ($l | has($e.key)) as $has
    | if $e.operator == "In" then $has and ($e.values | index($l[$e.key]) != null)
      elif $e.operator == "NotIn" then ($has | not) or ($e.values | index($l[$e.key]) == null)
      elif $e.operator == "Exists" then $has else ($has | not) end] | all) end;
  def ns_selects($p; $sel; $ns; $nsl): if $sel == null then $p.metadata.namespace == $ns else selects($sel; $nsl) end;
  def picks($p): selects($p.spec.serviceMonitorSelector; $want.labels)
    and ns_selects($p; $p.spec.serviceMonitorNamespaceSelector; $want.ns; $want.namespaceLabels)
    and selects($p.spec.ruleSelector; $want.labels)
    and ns_selects($p; $p.spec.ruleNamespaceSelector; $want.ns; $want.namespaceLabels);'

# labels_text: the labels the stack's monitoring objects carry, as name=value,...
labels_text() { r '.prometheus.labels | to_entries | map("\(.key)=\(.value)") | join(",")'; }

preflight_prometheus() {
  local prom want picking labels
  [ "$(r '.prometheus | length')" -gt 0 ] || return 0
  if ! prom=$(k get prometheuses.monitoring.coreos.com -A -o json 2>/dev/null) || [ "$(jq '.items | length' <<<"$prom")" = 0 ]; then
    not_ok "a Prometheus (prometheus-operator) runs to select the stack's ServiceMonitors and PrometheusRule"
    fix "install kube-prometheus-stack into $(r .prometheus.namespace) (helm chart prometheus-community/kube-prometheus-stack)"
    return
  fi
  want=$(jq '{labels: .prometheus.labels, namespaceLabels: .prometheus.namespaceLabels, ns: .namespace}' <<<"$req")
  picking=$(jq -r --argjson want "$want" "$JQ_SELECTS"' [.items[] | select(picks(.)) | "\(.metadata.namespace)/\(.metadata.name)"] | join(" ")' <<<"$prom")
  if [ -n "$picking" ]; then
    ok "Prometheus $picking selects the stack's ServiceMonitors and PrometheusRule (labels $(labels_text))"
  else
    not_ok "a Prometheus selects the stack's ServiceMonitors and PrometheusRule (they carry $(labels_text))"
    labels=$(jq -r '[.items[0].spec.serviceMonitorSelector.matchLabels // {}, .items[0].spec.ruleSelector.matchLabels // {}] | add
      | to_entries | map("\(.key)=\(.value)") | join(",")' <<<"$prom")
    if [ -n "$labels" ]; then
      fix "label them as $(jq -r '.items[0].metadata.namespace + "/" + .items[0].metadata.name' <<<"$prom") selects: pulumi config set --path verto:monitoring.labels $labels --stack $(r .stack)"
    else
      fix "the Prometheus selects by expressions or by nothing: set its serviceMonitorSelector and ruleSelector to {} (kube-prometheus-stack: *SelectorNilUsesHelmValues=false)"
    fi
    return
  fi
  if jq -e --arg ns "$(r .prometheus.namespace)" --argjson want "$want" "$JQ_SELECTS"' any(.items[]; picks(.) and .metadata.namespace == $ns)' <<<"$prom" >/dev/null; then
    ok "it runs in $(r .prometheus.namespace), the namespace the NetworkPolicies let scrape the metrics ports"
  else
    not_ok "the selecting Prometheus runs in $(r .prometheus.namespace), the namespace the NetworkPolicies let scrape"
    fix "pulumi config set --path verto:monitoring.namespace ${picking%%/*} --stack $(r .stack)"
  fi
}

preflight_dashboard() {
  local ns label value sidecar
  ns=$(r .dashboard.namespace) label=$(r .dashboard.label) value=$(r .dashboard.value)
  if ! k get namespace "$ns" >/dev/null 2>&1; then
    not_ok "Grafana's namespace $ns exists (the dashboard ConfigMap goes there)"
    fix "pulumi config set --path verto:monitoring.dashboardNamespace <Grafana's namespace> --stack $(r .stack) (kubectl get pods -A -l app.kubernetes.io/name=grafana shows it)"
    return
  fi
  ok "Grafana's namespace $ns exists (the dashboard ConfigMap goes there)"
  # The Grafana chart's dashboard sidecar reads LABEL and LABEL_VALUE from its environment.
  sidecar=$(k get deployments -n "$ns" -o json | jq -c '[.items[].spec.template.spec.containers[]
    | ((.env // []) | map({(.name): (.value // "")}) | add // {}) | select(.LABEL != null)] | first // empty' 2>/dev/null || true)
  [ -n "$sidecar" ] || return 0
  if jq -e --arg l "$label" --arg v "$value" '.LABEL == $l and ((.LABEL_VALUE // "") == $v or .LABEL_VALUE == null)' <<<"$sidecar" >/dev/null; then
    ok "Grafana's dashboard sidecar in $ns loads ConfigMaps labelled $label=$value"
  else
    not_ok "Grafana's dashboard sidecar in $ns loads ConfigMaps labelled $label=$value"
    fix "pulumi config set --path verto:monitoring.dashboardLabel $(jq -r '"\(.LABEL)=\(.LABEL_VALUE // "1")"' <<<"$sidecar") --stack $(r .stack)"
  fi
}

preflight_network_policies() {
  local daemonsets
  daemonsets=$(k get daemonsets -A -o json 2>/dev/null || echo '{"items": []}')
  if jq -e 'any(.items[]; .metadata.name == "aws-node")' <<<"$daemonsets" >/dev/null; then
    if jq -e 'any(.items[] | select(.metadata.name == "aws-node") | .spec.template.spec.containers[];
        .name == "aws-network-policy-agent" and any((.args // [])[]; . == "--enable-network-policy=true"))' <<<"$daemonsets" >/dev/null; then
      ok "NetworkPolicies are enforced: the VPC CNI's network policy agent is enabled"
    else
      not_ok "NetworkPolicies are enforced: the EKS VPC CNI ignores them unless network policy is enabled"
      fix "aws eks update-addon --cluster-name <cluster> --addon-name vpc-cni --configuration-values '{\"enableNetworkPolicy\":\"true\"}' (VPC CNI 1.14 or later)"
    fi
  elif jq -e 'any(.items[]; .metadata.name == "calico-node" or .metadata.name == "cilium" or .metadata.name == "kube-router")' <<<"$daemonsets" >/dev/null; then
    ok "NetworkPolicies are enforced: $(jq -r '[.items[].metadata.name | select(. == "calico-node" or . == "cilium" or . == "kube-router")] | first' <<<"$daemonsets") runs"
  else
    echo "ok - NetworkPolicy enforcement: cannot tell (no VPC CNI, Calico, Cilium or kube-router DaemonSet); check that your CNI enforces them # SKIP"
  fi
}

# The controller's ConfigMap: the one its --configmap flag names, else the chart's default name.
controller_config() {
  local ns=$1 name
  name=$(k get deployments -n "$ns" -o json | jq -r '[.items[].spec.template.spec.containers[].args[]? | select(startswith("--configmap="))
    | sub("^--configmap=[^/]*/"; "")] | first // "ingress-nginx-controller"')
  k get configmap -n "$ns" "$name" -o json
}

preflight_real_ip() {
  local ns config
  [ "$(r .cdn)" = true ] || return 0
  ns=$(r .ingressControllerNamespace)
  config=$(controller_config "$ns" 2>/dev/null || echo '{}')
  if jq -e '.data["use-forwarded-headers"] == "true" and ((.data["proxy-real-ip-cidr"] // "0.0.0.0/0") | split(",") | map(gsub(" "; "")) | index("0.0.0.0/0") == null)' <<<"$config" >/dev/null; then
    ok "behind CloudFront the controller takes the client's address from X-Forwarded-For, trusting only $(jq -r '.data["proxy-real-ip-cidr"]' <<<"$config") (limit-rpm counts viewers)"
  else
    not_ok "behind CloudFront the controller takes the client's address from X-Forwarded-For of CloudFront only (else limit-rpm counts CloudFront's edges)"
    fix "helm upgrade ingress-nginx ... --set-string controller.config.use-forwarded-headers=true --set-string controller.config.proxy-real-ip-cidr=<CloudFront's origin-facing ranges, comma-separated: the AWS-managed prefix list com.amazonaws.global.cloudfront.origin-facing (aws ec2 get-managed-prefix-list-entries), never 0.0.0.0/0>"
  fi
}

preflight_all() {
  preflight_crds
  preflight_ingress
  preflight_issuer
  preflight_metrics
  preflight_prometheus
  preflight_dashboard
  preflight_network_policies
  preflight_real_ip
}
