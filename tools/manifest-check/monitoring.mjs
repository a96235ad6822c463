#!/usr/bin/env node
// Checks a stack's monitoring objects with the real Prometheus tools (promtool):
//   node monitoring.mjs export EXPORT.json...     from the program's export under mocks (target/policy-input)
//   node monitoring.mjs rendered NAME DIR          from the real engine's rendered manifests
// For each stack: its rules (every PrometheusRule and the scrape ConfigMap's rules file) pass
// `promtool check rules` and the committed unit tests (monitoring/alerts.test.yml, `promtool test rules`,
// filled in with the namespace and each alert's own threshold, so a stack's custom thresholds are tested);
// a stack with backups (its mysql-backup CronJob) has the four backup alerts too, tested the same way
// (monitoring/backup-alerts.test.yml);
// every dashboard query parses (as a recording rule, `promtool check rules`) and uses only metrics that
// the scrape targets expose (their verto.io/exposed-metrics annotation), `up`, or the rules record.
// Prints ok / not ok lines and "N passed, M failed"; exits 1 on any failure.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments, stringify } from "yaml";

const here = new URL(".", import.meta.url).pathname;
const unitTestsFile = join(here, "monitoring", "alerts.test.yml");
const backupTestsFile = join(here, "monitoring", "backup-alerts.test.yml");
export const BACKUP_ALERTS = ["VertoBackupMissing", "VertoBackupFailed", "VertoRestoreCheckMissing", "VertoRestoreCheckFailed"];
const METRICS_ANNOTATION = "verto.io/exposed-metrics";

/** Kubernetes objects of a stack, from the export (props are the object) or a rendered directory. */
export function objectsFrom(mode, path) {
  if (mode === "export") {
    return JSON.parse(readFileSync(path, "utf8")).resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.props);
  }
  const dir = join(path, "1-manifest");
  return readdirSync(dir).filter((f) => f.endsWith(".yaml")).flatMap((f) =>
    parseAllDocuments(readFileSync(join(dir, f), "utf8")).map((d) => d.toJS()).filter(Boolean));
}

/**
 * What a stack's objects say about monitoring: rule groups (by source), dashboard queries, exposed metrics, namespace,
 * and whether it backs up (its mysql-backup CronJob), so its rules must hold the backup alerts.
 */
export function monitoringOf(objects) {
  const backups = objects.some((o) => o.kind === "CronJob" && o.metadata?.name === "mysql-backup");
  const rules = [];
  const queries = [];
  const exposed = new Set(["up"]);
  let namespace;
  for (const o of objects) {
    const annotations = o.metadata?.annotations ?? {};
    if (annotations[METRICS_ANNOTATION]) annotations[METRICS_ANNOTATION].split(",").forEach((m) => exposed.add(m));
    if (o.kind === "PrometheusRule") {
      rules.push({ source: `PrometheusRule ${o.metadata.name}`, groups: o.spec.groups });
      namespace = o.metadata.namespace;
    }
    if (o.kind === "ConfigMap" && o.data) {
      for (const [file, text] of Object.entries(o.data)) {
        if (file.endsWith("-alerts.yml")) {
          rules.push({ source: `ConfigMap ${o.metadata.name} ${file}`, groups: parseAllDocuments(text)[0].toJS().groups });
          namespace ??= o.metadata.namespace;
        }
        if (o.metadata.labels?.grafana_dashboard === "1" && file.endsWith(".json")) {
          for (const panel of JSON.parse(text).panels) {
            for (const t of panel.targets) queries.push({ panel: panel.title, expr: t.expr });
          }
        }
      }
    }
  }
  return { rules, queries, exposed, namespace, backups };
}

/** Each alert's threshold: the number its expression ends comparing against (`> 0.05`, `< 10`), as written. */
export function thresholdsOf(groups) {
  const thresholds = {};
  for (const r of groups.flatMap((g) => g.rules).filter((r) => r.alert)) {
    const m = /[<>]=?\s*([0-9]+(?:\.[0-9]+)?)\s*$/.exec(r.expr);
    if (m) thresholds[r.alert] = m[1];
  }
  return thresholds;
}

/** A number without float noise (0.1 * 3 is 0.3, not 0.30000000000000004). */
const num = (x) => String(Number(x.toFixed(6)));

/**
 * The values of alerts.test.yml's placeholders for a namespace and the alerts' thresholds: each bad series
 * halfway between the threshold and the far end (100 %, or 3x the latency), each healthy one at half the
 * threshold. Throws naming the alerts whose expression states no threshold.
 */
export function unitTestValues(namespace, thresholds) {
  const needed = ["VertoHighErrorRate", "VertoHighLatency", "VertoHighCPUUsage", "VertoHighMemoryUsage", "VertoDiskSpaceLow",
    "VertoDatabaseConnectionHigh"];
  const missing = needed.filter((a) => thresholds[a] === undefined);
  if (missing.length > 0) throw new Error(`no threshold at the end of the expression of ${missing.join(", ")}`);
  const t = Object.fromEntries(needed.map((a) => [a, Number(thresholds[a])]));
  const above = (percent) => percent + (100 - percent) / 2;
  const errorPercent = t.VertoHighErrorRate * 100;   // the rule compares a ratio; 100 requests a minute
  const gi = 1024 ** 3;
  return {
    __NAMESPACE__: namespace,
    __ERROR_RATE_PERCENT__: num(errorPercent),
    __ERRORS_BAD__: num(above(errorPercent)), __SUCCESSES_BAD__: num(100 - above(errorPercent)),
    __ERRORS_OK__: num(errorPercent / 2), __SUCCESSES_OK__: num(100 - errorPercent / 2),
    __LATENCY__: thresholds.VertoHighLatency,
    __LATENCY_HALF__: num(t.VertoHighLatency / 2), __LATENCY_TRIPLE__: num(t.VertoHighLatency * 3),
    __CPU_PERCENT__: thresholds.VertoHighCPUUsage,   // CPU seconds a minute: of a 1-core limit, of a 0.5-core limit
    __CPU_SECONDS_BAD__: num(60 * above(t.VertoHighCPUUsage) / 100), __CPU_SECONDS_OK__: num(60 * 0.5 * t.VertoHighCPUUsage / 200),
    __MEMORY_PERCENT__: thresholds.VertoHighMemoryUsage,   // of a 2Gi limit, of a 1Gi limit
    __MEMORY_BYTES_BAD__: String(Math.round(2 * gi * above(t.VertoHighMemoryUsage) / 100)),
    __MEMORY_BYTES_OK__: String(Math.round(gi * t.VertoHighMemoryUsage / 200)),
    __DISK_FREE_PERCENT__: thresholds.VertoDiskSpaceLow,   // of a 100-byte filesystem
    __DISK_FREE_BAD__: num(t.VertoDiskSpaceLow / 2), __DISK_FREE_OK__: num(above(t.VertoDiskSpaceLow)),
    __CONNECTIONS__: thresholds.VertoDatabaseConnectionHigh,   // percent of max_connections 200 (design 10.2)
    __CONNECTIONS_BAD__: num(200 * above(t.VertoDatabaseConnectionHigh) / 100), __CONNECTIONS_OK__: num(200 * t.VertoDatabaseConnectionHigh / 200),
  };
}

/** Prometheus's humanizeDuration of a whole number of seconds of at least a minute: `1d 3h 0m 0s`. */
export function humanizeDuration(seconds) {
  const [d, h, m, s] = [Math.floor(seconds / 86400), Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60, seconds % 60];
  if (d) return `${d}d ${h}h ${m}m ${s}s`;
  return h ? `${h}h ${m}m ${s}s` : `${m}m ${s}s`;
}

/**
 * The values of backup-alerts.test.yml's placeholders for a namespace and the two "missing" alerts' thresholds (in
 * seconds): each is evaluated two hours past its threshold (rules and samples hourly), against a last success at 0
 * (fires) or half a threshold before (silent). Throws naming an alert whose expression states no threshold.
 */
export function backupTestValues(namespace, thresholds) {
  const values = { __NAMESPACE__: namespace };
  for (const [prefix, alert] of [["BACKUP", "VertoBackupMissing"], ["CHECK", "VertoRestoreCheckMissing"]]) {
    if (thresholds[alert] === undefined) throw new Error(`no threshold at the end of the expression of ${alert}`);
    const age = Number(thresholds[alert]);
    const evalSeconds = age + 2 * 3600;   // hourly evaluations: pending an hour past the threshold, firing the next
    Object.assign(values, {
      [`__${prefix}_HOURS__`]: num(age / 3600), [`__${prefix}_EVAL__`]: `${evalSeconds / 3600}h`,
      [`__${prefix}_SAMPLES__`]: String(evalSeconds / 3600 + 3), [`__${prefix}_HEALTHY__`]: num(evalSeconds - age / 2),
      [`__${prefix}_RECENT__`]: String(evalSeconds - 3600), [`__${prefix}_SILENCE__`]: humanizeDuration(evalSeconds),
    });
  }
  return values;
}

function filledIn(file, values) {
  let text = readFileSync(file, "utf8");
  for (const [placeholder, value] of Object.entries(values)) text = text.replaceAll(placeholder, value);
  const left = text.match(/__[A-Z_]+__/g);
  if (left) throw new Error(`${file.replace(/^.*\//, "")}: no value for ${[...new Set(left)].join(", ")}`);
  return text;
}

/** alerts.test.yml with every placeholder filled in; throws on one left over. */
export function unitTests(namespace, thresholds) {
  return filledIn(unitTestsFile, unitTestValues(namespace, thresholds));
}

/** backup-alerts.test.yml with every placeholder filled in; throws on one left over. */
export function backupUnitTests(namespace, thresholds) {
  return filledIn(backupTestsFile, backupTestValues(namespace, thresholds));
}

const KEYWORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan"]);

/** Metric names a PromQL expression reads: identifiers that are not functions, keywords, label names or strings. */
export function metricNames(expr) {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
  const names = new Set();
  for (const m of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*(?=\s*(\(?))/g)) {
    if (m[1] === "(" || KEYWORDS.has(m[0].toLowerCase())) continue;
    names.add(m[0]);
  }
  return [...names];
}

function promtool(args) {
  try {
    return { ok: true, out: execFileSync("promtool", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
  } catch (e) {
    return { ok: false, out: `${e.stdout ?? ""}${e.stderr ?? ""}` || e.message };
  }
}

/** Runs every check on one stack; returns [passed, failed]. */
export function checkStack(name, objects, log = console.log) {
  let passed = 0, failed = 0;
  const report = (ok, what, detail) => {
    if (ok) { passed++; log(`ok - ${name}: ${what}`); } else { failed++; log(`not ok - ${name}: ${what}`); if (detail) log(detail.trim().split("\n").map((l) => `    ${l}`).join("\n")); }
  };
  const { rules, queries, exposed, namespace, backups } = monitoringOf(objects);
  report(rules.length > 0 && namespace, `has alert rules (${rules.map((r) => r.source).join(", ") || "none"})`);
  const work = mkdtempSync(join(tmpdir(), "verto-monitoring-"));
  try {
    const recorded = new Set();
    for (const { source, groups } of rules) {
      groups.flatMap((g) => g.rules).forEach((r) => r.record && recorded.add(r.record));
      writeFileSync(join(work, "rules.yml"), stringify({ groups }));
      const check = promtool(["check", "rules", join(work, "rules.yml")]);
      report(check.ok, `${source}: promtool check rules`, check.ok ? "" : check.out);
      const alertNames = groups.flatMap((g) => g.rules).filter((r) => r.alert).map((r) => r.alert);
      const backupAlerts = alertNames.filter((a) => BACKUP_ALERTS.includes(a));
      report(alertNames.length - backupAlerts.length === 7, `${source}: the design's seven alerts (${alertNames.length - backupAlerts.length})`);
      report(backupAlerts.length === (backups ? 4 : 0), backups ? `${source}: the four backup alerts (${backupAlerts.join(", ") || "none"})`
        : `${source}: no backup alerts without backups (${backupAlerts.join(", ") || "none"})`);
      let tests;
      try {
        tests = unitTests(namespace, thresholdsOf(groups));
      } catch (e) {
        report(false, `${source}: promtool test rules`, e.message);
        continue;
      }
      writeFileSync(join(work, "alerts.test.yml"), tests);
      const test = promtool(["test", "rules", join(work, "alerts.test.yml")]);
      report(test.ok, `${source}: promtool test rules (each alert fires on a bad series, silent on a healthy one, at its threshold)`,
        test.ok ? "" : test.out);
      if (backups) {
        let backupTests;
        try {
          backupTests = backupUnitTests(namespace, thresholdsOf(groups));
        } catch (e) {
          report(false, `${source}: promtool test rules, backup alerts`, e.message);
          continue;
        }
        writeFileSync(join(work, "backup-alerts.test.yml"), backupTests);
        const backupTest = promtool(["test", "rules", join(work, "backup-alerts.test.yml")]);
        report(backupTest.ok, `${source}: promtool test rules, backup alerts (missing at its threshold, failed after the last success)`,
          backupTest.ok ? "" : backupTest.out);
      }
    }
    report(queries.length > 0, `dashboard has queries (${queries.length})`);
    if (queries.length > 0) {
      const groups = [{ name: "dashboard", rules: queries.map((q, i) => ({ record: `dashboard:query_${i}`, expr: q.expr })) }];
      writeFileSync(join(work, "dashboard.yml"), stringify({ groups }));
      const parse = promtool(["check", "rules", join(work, "dashboard.yml")]);
      report(parse.ok, "every dashboard query parses (promtool)", parse.ok ? "" : parse.out);
      const unknown = queries.flatMap((q) => metricNames(q.expr).filter((m) => !exposed.has(m) && !recorded.has(m)).map((m) => `${q.panel}: ${m}`));
      report(unknown.length === 0, "dashboard queries use only scraped or recorded metrics", unknown.join("\n"));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return [passed, failed];
}

if (process.argv[1]?.endsWith("monitoring.mjs")) {
  const [mode, ...rest] = process.argv.slice(2);
  const stacks = mode === "export" ? rest.map((f) => [f.replace(/^.*\//, "").replace(/\.json$/, ""), f])
    : mode === "rendered" && rest.length === 2 ? [[rest[0], rest[1]]] : null;
  if (!stacks) {
    console.error("usage: monitoring.mjs export EXPORT.json... | monitoring.mjs rendered NAME DIR");
    process.exit(2);
  }
  let passed = 0, failed = 0;
  for (const [name, path] of stacks) {
    const [p, f] = checkStack(name, objectsFrom(mode, path));
    passed += p; failed += f;
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
