import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { check } from "../check.mjs";

const fixture = (name) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));

test("a valid Deployment passes the upstream schema", async () => {
  const r = await check([fixture("valid.yaml")]);
  assert.equal(r.valid, 1);
  assert.deepEqual(r.invalid, []);
});

test("broken manifests fail, each named with the offending field", async () => {
  const r = await check([fixture("broken.yaml")]);
  assert.equal(r.valid, 0);
  assert.equal(r.invalid.length, 2);
  assert.match(r.invalid[0], /Deployment x: .*containers\/0 must have required property name/);
  assert.match(r.invalid[1], /Service s: .*ports\/0\/port must be integer/);
});

test("custom resources: VPAs against the pinned VPA CRD, prometheus-operator kinds against their models", async () => {
  const { execFileSync } = await import("node:child_process");
  const { loadCrd } = await import("../check.mjs");
  loadCrd(execFileSync(fileURLToPath(new URL("../crds/fetch.sh", import.meta.url)), { encoding: "utf8" }).trim());
  const r = await check([fixture("custom.yaml")]);
  assert.deepEqual(r.unknownKinds, []);
  assert.equal(r.valid, 2);
  assert.equal(r.invalid.length, 2, r.invalid.join("\n"));
  assert.match(r.invalid[0], /VerticalPodAutoscaler bad-vpa: .*(targetRef|updateMode)/);
  assert.match(r.invalid[1], /ServiceMonitor bad-monitor: .*port/);
});
