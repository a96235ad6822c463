#!/usr/bin/env node
// Validates Kubernetes manifests (YAML files, several documents each) against the upstream OpenAPI
// schema shipped by kubernetes-models. Usage: check.mjs DIR|FILE... ; exits 1 naming every invalid
// object, 2 when nothing was checked. Prints one line per file and a summary.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

/** Loads the kubernetes-models class for an apiVersion/kind, e.g. apps/v1 Deployment. */
async function modelFor(apiVersion, kind) {
  const path = `kubernetes-models/${apiVersion}/${kind}`;
  try {
    const mod = await import(path);
    return mod[kind] ?? mod.default;
  } catch {
    return undefined;
  }
}

function filesUnder(path) {
  if (statSync(path).isDirectory()) {
    return readdirSync(path).sort().flatMap((name) => filesUnder(join(path, name)));
  }
  return /\.ya?ml$/.test(path) ? [path] : [];
}

export async function check(paths) {
  const results = { checked: 0, valid: 0, invalid: [], unknownKinds: [] };
  for (const file of paths.flatMap(filesUnder)) {
    for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
      if (doc.errors.length > 0) {
        results.invalid.push(`${file}: not valid YAML: ${doc.errors[0].message}`);
        continue;
      }
      const obj = doc.toJS();
      if (obj == null) continue;
      const where = `${file}: ${obj.kind ?? "?"} ${obj.metadata?.name ?? "?"}`;
      if (!obj.apiVersion || !obj.kind) {
        results.invalid.push(`${where}: apiVersion and kind are required`);
        continue;
      }
      const Model = await modelFor(obj.apiVersion, obj.kind);
      if (!Model) {
        results.unknownKinds.push(`${where} (${obj.apiVersion})`);
        continue;
      }
      results.checked++;
      try {
        new Model(obj).validate();
        results.valid++;
      } catch (e) {
        const details = (e.errors ?? []).map((x) => `${x.instancePath || "/"} ${x.message}`).join("; ");
        results.invalid.push(`${where}: ${details || e.message}`);
      }
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("check.mjs")) {
  const paths = process.argv.slice(2);
  if (paths.length === 0) {
    console.error("usage: check.mjs DIR|FILE...");
    process.exit(2);
  }
  const r = await check(paths);
  for (const line of r.unknownKinds) console.log(`no schema (custom resource?): ${line}`);
  for (const line of r.invalid) console.log(`INVALID ${line}`);
  console.log(`${r.valid} valid, ${r.invalid.length} invalid manifests`);
  process.exit(r.invalid.length > 0 ? 1 : r.checked === 0 ? 2 : 0);
}
