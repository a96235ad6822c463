#!/usr/bin/env node
// Validates Kubernetes manifests (YAML files, several documents each) against the upstream OpenAPI
// schema shipped by kubernetes-models. Usage: check.mjs DIR|FILE... ; exits 1 naming every invalid
// object, 2 when nothing was checked. Custom resources: prometheus-operator's kinds from
// @kubernetes-models/prometheus-operator, others from the CRD files given with --crd (e.g. the VPA's). Prints one line per file and a summary.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

/** Validators from CRD files (--crd FILE): apiVersion/kind -> a function that throws on an invalid object. */
const crdValidators = new Map();

/** Adds the schema of every version of each CustomResourceDefinition in a YAML file. */
export function loadCrd(file) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    const crd = doc.toJS();
    if (crd?.kind !== "CustomResourceDefinition") continue;
    for (const version of crd.spec.versions) {
      const schema = version.schema?.openAPIV3Schema;
      if (!schema) continue;
      const validate = ajv.compile(withoutKubernetesExtensions(schema));
      crdValidators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, validate);
    }
  }
}

/** Drops the x-kubernetes-* keywords, which JSON Schema does not know. */
function withoutKubernetesExtensions(schema) {
  if (Array.isArray(schema)) return schema.map(withoutKubernetesExtensions);
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !k.startsWith("x-kubernetes-"))
    .map(([k, v]) => [k, k === "properties" ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, withoutKubernetesExtensions(s)])) : withoutKubernetesExtensions(v)]));
}

/**
 * The model for an apiVersion/kind: kubernetes-models for built-in kinds (e.g. apps/v1 Deployment),
 * @kubernetes-models/prometheus-operator for monitoring.coreos.com, else a CRD loaded with --crd.
 */
async function modelFor(apiVersion, kind) {
  for (const path of [`kubernetes-models/${apiVersion}/${kind}`, `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`]) {
    try {
      const mod = await import(path);
      const Model = mod[kind] ?? mod.default;
      if (Model) return Model;
    } catch {
      // not this package
    }
  }
  const validate = crdValidators.get(`${apiVersion}/${kind}`);
  if (!validate) return undefined;
  return class {
    constructor(obj) { this.obj = obj; }
    validate() {
      if (!validate(this.obj)) {
        const e = new Error("does not match its CRD's schema");
        e.errors = validate.errors;
        throw e;
      }
    }
  };
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
  const args = process.argv.slice(2);
  const paths = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--crd") loadCrd(args[++i]);
    else paths.push(args[i]);
  }
  if (paths.length === 0) {
    console.error("usage: check.mjs [--crd CRD.yaml]... DIR|FILE...");
    process.exit(2);
  }
  const r = await check(paths);
  for (const line of r.unknownKinds) console.log(`no schema (custom resource?): ${line}`);
  for (const line of r.invalid) console.log(`INVALID ${line}`);
  console.log(`${r.valid} valid, ${r.invalid.length} invalid manifests`);
  process.exit(r.invalid.length > 0 ? 1 : r.checked === 0 ? 2 : 0);
}
