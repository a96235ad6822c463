// The monitoring checker fails on a broken rule, a rule that never fires, a broken panel query and a
// panel that reads a metric nothing provides. Runs on the program's own export (target/policy-input,
// written by `mvn verify`) and needs promtool.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkStack, metricNames, objectsFrom } from "../monitoring.mjs";

const exportFile = fileURLToPath(new URL("../../../target/policy-input/production.json", import.meta.url));
const skip = existsSync(exportFile) ? false : "run mvn verify first (target/policy-input)";

function production() {
  return objectsFrom("export", exportFile);
}

function run(objects) {
  const lines = [];
  const [passed, failed] = checkStack("production", objects, (l) => lines.push(l));
  return { passed, failed, out: lines.join("\n") };
}

function rule(objects, alert) {
  return objects.find((o) => o.kind === "PrometheusRule").spec.groups.flatMap((g) => g.rules).find((r) => r.alert === alert);
}

function dashboard(objects) {
  const cm = objects.find((o) => o.metadata?.labels?.grafana_dashboard === "1");
  const file = Object.keys(cm.data)[0];
  return { json: JSON.parse(cm.data[file]), save: (json) => { cm.data[file] = JSON.stringify(json); } };
}

test("the stack's own rules and dashboard pass", { skip }, () => {
  const r = run(production());
  assert.equal(r.failed, 0, r.out);
});

test("a rule that does not parse fails promtool check rules", { skip }, () => {
  const objects = production();
  rule(objects, "VertoHighErrorRate").expr = "sum(rate(http_requests_total[5m]) > 0.05";
  const r = run(objects);
  assert.match(r.out, /not ok - production: PrometheusRule verto-alerts: promtool check rules/);
});

test("an alert that never fires on its bad series fails promtool test rules", { skip }, () => {
  const objects = production();
  rule(objects, "VertoHighCPUUsage").expr = rule(objects, "VertoHighCPUUsage").expr.replace(/> 80$/, "> 800");
  const r = run(objects);
  assert.match(r.out, /not ok - production: PrometheusRule verto-alerts: promtool test rules/);
  assert.match(r.out, /VertoHighCPUUsage/);
});

test("a dashboard query that does not parse fails", { skip }, () => {
  const objects = production();
  const d = dashboard(objects);
  d.json.panels[1].targets[0].expr = "sum by (job (rate(http_requests_total[5m]))";
  d.save(d.json);
  assert.match(run(objects).out, /not ok - production: every dashboard query parses/);
});

test("a panel reading a metric nothing scrapes or records fails", { skip }, () => {
  const objects = production();
  const d = dashboard(objects);
  d.json.panels[4].targets[0].expr = "rate(container_cpu_usage_seconds_total{pod=~\"verto-.*\"}[5m]) * 100";
  d.save(d.json);
  const r = run(objects);
  assert.match(r.out, /not ok - production: dashboard queries use only scraped or recorded metrics\n.*Resource Usage: container_cpu_usage_seconds_total/);
});

test("metric names are read from PromQL, not functions, labels or keywords", () => {
  assert.deepEqual(metricNames('histogram_quantile(0.95, sum by (le, job) (rate(http_request_duration_seconds_bucket{job=~"a|b"}[5m]))) > 1').sort(),
    ["http_request_duration_seconds_bucket"]);
  assert.deepEqual(metricNames("a:b:c{x=\"y\"} / on (pod) group_left kube_pod_info").sort(), ["a:b:c", "kube_pod_info"]);
});
