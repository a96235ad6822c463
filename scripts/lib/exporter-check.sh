# shellcheck shell=bash
# Sourced by scripts/backup-test while its MariaDB runs: the mysqld-exporter the program deploys, for real.
# Debian's prometheus-mysqld-exporter (0.14.0, the release the program's image pins) scrapes that MariaDB as
# the least-privilege user README asks for (PROCESS, REPLICATION CLIENT), and:
#   - every metric the program says the exporter exposes (the mysqld-exporter ServiceMonitor's
#     verto.io/exposed-metrics annotation in target/policy-input/production.json), and every mysql_* metric
#     VertoDatabaseConnectionHigh reads, is in its output; max_connections reads 200 (design 10.2);
#   - the program's own rules (production's PrometheusRule) run through `promtool test rules` on the series it
#     really scraped: silent at the server's real load, firing once the connections held open pass the
#     threshold's share of max_connections.
# Needs ok/not_ok/check/free_port (scripts/lib/tap.sh), promtool, jq, curl.
#
#   exporter_check ROOT_CMD DB_PORT WORK   ROOT_CMD: a command that runs SQL as root (e.g. a function name);
#                                          files go to WORK/exporter (no local here is named `work`: ROOT_CMD may read
#                                          the caller's)

EXPORTER_BIN=${EXPORTER_BIN:-/usr/bin/prometheus-mysqld-exporter}
EXPORTER_NAMESPACE=verto-production   # the production rules' namespace
exporter_pid="" exporter_url=""

# exporter_start ROOT_CMD DB_PORT WORK: the exporter user, and the exporter on a free port (exporter_url).
exporter_start() {
  local root=$1 db_port=$2 wd=$3 port
  "$root" -e "CREATE USER 'verto_exporter'@'127.0.0.1' IDENTIFIED BY 'exp0rter-test-pw' WITH MAX_USER_CONNECTIONS 3;
    GRANT PROCESS, REPLICATION CLIENT ON *.* TO 'verto_exporter'@'127.0.0.1'; SET GLOBAL max_connections = 200;"
  port=$(free_port)
  DATA_SOURCE_NAME="verto_exporter:exp0rter-test-pw@(127.0.0.1:$db_port)/" \
    "$EXPORTER_BIN" --web.listen-address "127.0.0.1:$port" >"$wd/exporter.log" 2>&1 &
  exporter_pid=$!
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/metrics" >/dev/null 2>&1 && break; sleep 0.2; done
  exporter_url="http://127.0.0.1:$port/metrics"
}

exporter_stop() { [ -z "$exporter_pid" ] || { kill "$exporter_pid" 2>/dev/null; wait "$exporter_pid" 2>/dev/null || true; }; }

# metric_value FILE NAME: the value of an unlabelled sample NAME in a scrape.
metric_value() { awk -v n="$2" '$1 == n { print $2 }' "$1"; }

# exposes_claimed SCRAPE EXPORT: the names the program claims, and the alert's mysql_* names, are all in the scrape.
exposes_claimed() {
  local scrape=$1 export=$2 claimed alert_names name missing=()
  claimed=$(jq -r '.resources[] | select(.type | endswith(":ServiceMonitor")) | select(.props.metadata.name == "mysqld-exporter")
    | .props.metadata.annotations["verto.io/exposed-metrics"]' "$export" | tr ',' ' ')
  alert_names=$(jq -r '.resources[] | select(.type | endswith(":PrometheusRule")) | .props.spec.groups[].rules[]
    | select(.alert == "VertoDatabaseConnectionHigh") | .expr' "$export" | grep -o 'mysql_[a-z_]*' | sort -u)
  if [ -z "$claimed" ] || [ -z "$alert_names" ]; then echo "no claim or no alert in $export"; return 1; fi
  for name in $claimed $alert_names; do grep -q "^$name " "$scrape" || missing+=("$name"); done
  [ ${#missing[@]} -eq 0 ] || { echo "not exposed: ${missing[*]}"; return 1; }
  echo "$claimed $alert_names" | tr ' ' '\n' | sort -u | tr '\n' ' '
}

# alert_test EXPORT SCRAPE WORK FIRES: promtool test of the production rules with the scraped connection
# numbers as series; FIRES is true or false.
alert_test() {
  local export=$1 scrape=$2 wd=$3 fires=$4 threads max labels expected description
  threads=$(metric_value "$scrape" mysql_global_status_threads_connected)
  max=$(metric_value "$scrape" mysql_global_variables_max_connections)
  labels="namespace=\"$EXPORTER_NAMESPACE\",job=\"mysqld-exporter\",instance=\"127.0.0.1:9104\""
  jq '{groups: [.resources[] | select(.type | endswith(":PrometheusRule")) | .props.spec.groups[]]}' "$export" >"$wd/rules.json"
  description=$(jq -r '.groups[].rules[] | select(.alert == "VertoDatabaseConnectionHigh") | .annotations.description' "$wd/rules.json" \
    | sed "s/{{ \$labels.namespace }}/$EXPORTER_NAMESPACE/; s/{{ \$labels.job }}/mysqld-exporter/")
  expected="[]"
  [ "$fires" = false ] || expected="[{exp_labels: {severity: warning, namespace: $EXPORTER_NAMESPACE, job: mysqld-exporter}, exp_annotations: {summary: High database connections, description: \"$description\", runbook_url: README.md#vertodatabaseconnectionhigh}}]"
  cat >"$wd/connections.test.yml" <<EOF
rule_files: [rules.json]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - {series: 'mysql_global_status_threads_connected{$labels}', values: '${threads}x10'}
      - {series: 'mysql_global_variables_max_connections{$labels}', values: '${max}x10'}
    alert_rule_test:
      - {eval_time: 8m, alertname: VertoDatabaseConnectionHigh, exp_alerts: $expected}
EOF
  local out
  out=$(cd "$wd" && promtool test rules connections.test.yml 2>&1) || { echo "$out"; return 1; }
  echo "threads_connected $threads of max_connections $max"
}

exporter_check() {
  local root=$1 db_port=$2 wd=$3/exporter export=target/policy-input/production.json url names sleepers=() i out
  [ -f "$export" ] || { not_ok "exporter: $export is missing (run mvn verify first)"; return; }
  mkdir -p "$wd"
  exporter_start "$root" "$db_port" "$wd"
  url=$exporter_url
  curl -fs "$url" >"$wd/idle.prom" || { not_ok "exporter: no metrics from $url"; tail -5 "$wd/exporter.log"; exporter_stop; return; }
  if [ "$(metric_value "$wd/idle.prom" mysql_up)" = 1 ]; then
    ok "exporter: Debian's mysqld-exporter $("$EXPORTER_BIN" --version 2>&1 | awk 'NR == 1 { print $3 }') logs in with PROCESS and REPLICATION CLIENT only (mysql_up 1)"
  else
    not_ok "exporter: mysql_up is not 1"; tail -5 "$wd/exporter.log" | sed 's/^/    /'
  fi
  if names=$(exposes_claimed "$wd/idle.prom" "$export" 2>&1); then
    ok "exporter: exposes every metric the program claims and the connections alert reads: $names"
  else
    not_ok "exporter: $names"
  fi
  if [ "$(metric_value "$wd/idle.prom" mysql_global_variables_max_connections)" = 200 ]; then
    ok "exporter: max_connections reads 200 (design 10.2)"
  else
    not_ok "exporter: max_connections is not 200"
  fi
  if out=$(alert_test "$export" "$wd/idle.prom" "$wd" false 2>&1); then
    ok "exporter: the production rules stay silent on the scraped idle load ($out; promtool, real series)"
  else
    not_ok "exporter: the connections alert fired on the idle load"; echo "$out" | tail -15 | sed 's/^/    /'
  fi
  # Past the threshold's share for real: a lower max_connections and connections held open.
  "$root" -e "SET GLOBAL max_connections = 10"
  for i in $(seq 9); do "$root" -e "SELECT SLEEP(30)" >/dev/null 2>&1 & sleepers+=($!); done
  for _ in $(seq 50); do
    curl -fs "$url" >"$wd/busy.prom" || break
    [ "$(metric_value "$wd/busy.prom" mysql_global_status_threads_connected)" -ge 9 ] && break
    sleep 0.2
  done
  if out=$(alert_test "$export" "$wd/busy.prom" "$wd" true 2>&1); then
    ok "exporter: the production rules fire on the scraped busy load ($out; promtool, real series)"
  else
    not_ok "exporter: the connections alert did not fire on the busy load"; echo "$out" | tail -15 | sed 's/^/    /'
  fi
  for i in "${sleepers[@]}"; do kill "$i" 2>/dev/null || true; done
  for i in "${sleepers[@]}"; do wait "$i" 2>/dev/null || true; done
  "$root" -e "SET GLOBAL max_connections = 200" || true
  exporter_stop
}
