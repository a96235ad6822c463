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
