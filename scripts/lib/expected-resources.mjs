// What the real engine must produce for a stack, taken from the program's own export under Pulumi's
// mocks (target/policy-input/<stack>.json, written by `mvn verify`), so no count is written by hand.
//   node expected-resources.mjs preview EXPORT PREVIEW_JSON   the preview creates each Kubernetes type as often
//   node expected-resources.mjs rendered EXPORT DIR           DIR/1-manifest holds one file per Kubernetes object
//   node expected-resources.mjs aws-note EXPORT               the note engine-test prints: the AWS resources it leaves out
// Only the Kubernetes part is compared: the engine runs the stack's engine variant (EXPORT is
// target/policy-input/<stack>.engine.json), which registers no aws: resource, since the AWS provider cannot be
// built here; the stack's own AWS resources (<stack>.json) are proven under mocks and by the policy pack.
import { readFileSync, readdirSync } from "node:fs";

const [mode, exportFile, actual] = process.argv.slice(2);
const exported = JSON.parse(readFileSync(exportFile, "utf8")).resources;
const kubernetes = exported.filter(r => r.type.startsWith("kubernetes:"));

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) || 0) + 1);
  return counts;
}

function compare(want, got) {
  const wrong = [];
  for (const k of new Set([...want.keys(), ...got.keys()])) {
    if ((want.get(k) || 0) !== (got.get(k) || 0)) wrong.push(`${k}: ${got.get(k) || 0}, expected ${want.get(k) || 0}`);
  }
  return wrong;
}

let wrong;
if (mode === "aws-note") {
  const aws = exported.filter(r => r.type.startsWith("aws:"));
  const kinds = [...countBy(aws, r => r.type.split(":")[2])].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${n} ${k}`).join(", ");
  console.log(aws.length === 0
    ? "no AWS resources"
    : `AWS resources (${aws.length}: ${kinds}) are proven under mocks and by the policy pack; the AWS provider cannot be built here`);
  process.exit(0);
} else if (mode === "preview") {
  const steps = JSON.parse(readFileSync(actual, "utf8")).steps.filter(s => s.op === "create");
  const created = steps.map(s => (s.newState || {}).type).filter(t => t && t.startsWith("kubernetes:"));
  wrong = compare(countBy(kubernetes, r => r.type), countBy(created, t => t));
} else if (mode === "rendered") {
  // Rendered files are named <group_version>-<kind>-<namespace>-<name>.yaml, kind in lower case; the
  // group/version part has no '-'.
  const files = readdirSync(`${actual}/1-manifest`);
  const want = countBy(kubernetes, r => r.type.split(":")[2].toLowerCase());
  wrong = compare(want, countBy(files, f => f.split("-")[1]));
} else {
  console.error("usage: expected-resources.mjs preview|rendered EXPORT ACTUAL");
  process.exit(2);
}
if (wrong.length) {
  console.error(wrong.join("\n"));
  process.exit(1);
}
console.log(`${kubernetes.length} Kubernetes objects as exported`);
