// The monitoring checker fails on a broken rule, a rule that fires the wrong way round, a rule whose
// description states another threshold, a broken panel query and a panel that reads a metric nothing
// provides; it tests each alert at the threshold its rule states. Runs on the program's own export (target/policy-input,
// written by `mvn verify`) and needs promtool.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { backupTestValues, checkStack, humanizeDuration, metricNames, objectsFrom, thresholdsOf, unitTestValues } from "../monitoring.mjs";

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

test("an alert that compares the wrong way round fails promtool test rules", { skip }, () => {
  const objects = production();
  const cpu = rule(objects, "VertoHighCPUUsage");
  cpu.expr = cpu.expr.replace(/> 80$/, "< 80");
  assert.notEqual(cpu.expr, rule(production(), "VertoHighCPUUsage").expr);
  const r = run(objects);
  assert.match(r.out, /not ok - production: PrometheusRule verto-alerts: promtool test rules/);
  assert.match(r.out, /VertoHighCPUUsage/);
});

test("an alert tested at another threshold than its description states fails", { skip }, () => {
  const objects = production();
  const cpu = rule(objects, "VertoHighCPUUsage");
  cpu.expr = cpu.expr.replace(/> 80$/, "> 60");
  assert.match(cpu.annotations.description, /more than 80 %/);
  const r = run(objects);
  assert.match(r.out, /not ok - production: PrometheusRule verto-alerts: promtool test rules/);
  assert.match(r.out, /more than 60 % of its CPU limit/);
});

test("a rule with its threshold and description moved together passes at the new threshold", { skip }, () => {
  const objects = production();
  const cpu = rule(objects, "VertoHighCPUUsage");
  cpu.expr = cpu.expr.replace(/> 80$/, "> 50");
  cpu.annotations.description = cpu.annotations.description.replace("more than 80 %", "more than 50 %");
  const r = run(objects);
  assert.equal(r.failed, 0, r.out);
});

test("each alert's threshold is read from its expression, and the series sit on either side of it", () => {
  const groups = [{ name: "g", rules: [
    { alert: "VertoHighErrorRate", expr: "(\n  a\n  / b\n) > 0.02" }, { alert: "VertoHighLatency", expr: "histogram_quantile(0.95, x) > 0.3" },
    { alert: "VertoHighCPUUsage", expr: "(100 * c) > 60" }, { alert: "VertoHighMemoryUsage", expr: "(100 * m) > 70" },
    { alert: "VertoDiskSpaceLow", expr: "(100 * d) < 20" }, { alert: "VertoDatabaseConnectionHigh", expr: "100 * max(t) / max(m) > 60" },
    { alert: "VertoServiceDown", expr: "up == 0" }, { record: "r", expr: "sum(x) > 5" }] }];
  const t = thresholdsOf(groups);
  assert.deepEqual(t, { VertoHighErrorRate: "0.02", VertoHighLatency: "0.3", VertoHighCPUUsage: "60", VertoHighMemoryUsage: "70",
    VertoDiskSpaceLow: "20", VertoDatabaseConnectionHigh: "60" });
  const v = unitTestValues("ns", t);
  assert.equal(v.__ERROR_RATE_PERCENT__, "2");
  assert.deepEqual([v.__ERRORS_BAD__, v.__SUCCESSES_BAD__, v.__ERRORS_OK__, v.__SUCCESSES_OK__], ["51", "49", "1", "99"]);
  assert.deepEqual([v.__LATENCY_HALF__, v.__LATENCY__, v.__LATENCY_TRIPLE__], ["0.15", "0.3", "0.9"]);
  assert.deepEqual([v.__CPU_SECONDS_BAD__, v.__CPU_SECONDS_OK__], ["48", "9"]);   // 80 % of 1 core, 30 % of 0.5
  assert.ok(Number(v.__MEMORY_BYTES_BAD__) / (2 * 1024 ** 3) > 0.7 && Number(v.__MEMORY_BYTES_OK__) / 1024 ** 3 < 0.7);
  assert.deepEqual([v.__DISK_FREE_BAD__, v.__DISK_FREE_OK__], ["10", "60"]);
  assert.deepEqual([v.__CONNECTIONS_BAD__, v.__CONNECTIONS_OK__], ["160", "60"]);   // of max_connections 200: 80 %, 30 %
  assert.throws(() => unitTestValues("ns", { ...t, VertoDiskSpaceLow: undefined }), /no threshold at the end of the expression of VertoDiskSpaceLow/);
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

test("a backup alert that compares the wrong way round fails its unit tests", { skip }, () => {
  const objects = production();
  const missing = rule(objects, "VertoBackupMissing");
  missing.expr = missing.expr.replace(/> 93600$/, "< 93600");
  assert.notEqual(missing.expr, rule(production(), "VertoBackupMissing").expr);
  const r = run(objects);
  assert.match(r.out, /not ok - production: PrometheusRule verto-alerts: promtool test rules, backup alerts/);
  assert.match(r.out, /VertoBackupMissing/);
});

test("a failed-backup alert that ignores the last success fires on a resolved failure and fails", { skip }, () => {
  const objects = production();
  const failed = rule(objects, "VertoBackupFailed");
  failed.expr = failed.expr.replace(/\nand on \(namespace, job_name\)[\s\S]*$/, "");
  const r = run(objects);
  assert.match(r.out, /not ok - production: PrometheusRule verto-alerts: promtool test rules, backup alerts/);
  assert.match(r.out, /mysql-backup-100/);
});

test("a stack with backups whose rules lack the backup alerts fails", { skip }, () => {
  const objects = production();
  const prometheusRule = objects.find((o) => o.kind === "PrometheusRule");
  prometheusRule.spec.groups = prometheusRule.spec.groups.filter((g) => g.name !== "verto.backups");
  assert.match(run(objects).out, /not ok - production: PrometheusRule verto-alerts: the four backup alerts \(none\)/);
});

test("the backup alerts' series sit on either side of each threshold", () => {
  const v = backupTestValues("ns", { VertoBackupMissing: "108000", VertoRestoreCheckMissing: "720000" });
  assert.deepEqual([v.__BACKUP_HOURS__, v.__BACKUP_EVAL__, v.__BACKUP_HEALTHY__, v.__BACKUP_SILENCE__],
    ["30", "32h", String(115200 - 54000), "1d 8h 0m 0s"]);
  assert.deepEqual([v.__CHECK_HOURS__, v.__CHECK_EVAL__], ["200", "202h"]);
  assert.ok(Number(v.__BACKUP_SAMPLES__) > 32);
  assert.equal(humanizeDuration(97200), "1d 3h 0m 0s");
  assert.equal(humanizeDuration(3660), "1h 1m 0s");
  assert.throws(() => backupTestValues("ns", { VertoBackupMissing: "93600" }), /VertoRestoreCheckMissing/);
});
