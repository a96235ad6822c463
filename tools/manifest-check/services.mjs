// The rendered Deployments are exactly the services the program reports (its `services` stack output):
// one per service, with the reported name, image and port (the program's own monitoring workloads, labelled
// app.kubernetes.io/component: monitoring, aside). Scripts check a stack this way instead of naming its services.
//   node tools/manifest-check/services.mjs SERVICES_JSON RENDERED_DIR
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** The component label of the program's own monitoring workloads (the mysqld-exporter): not application services. */
export const MONITORING_COMPONENT = "monitoring";

export function compareServices(services, deployments) {
  const wrong = [];
  const byName = new Map(deployments
    .filter(d => d.metadata.labels?.["app.kubernetes.io/component"] !== MONITORING_COMPONENT)
    .map(d => [d.metadata.name, d]));
  for (const [component, s] of Object.entries(services)) {
    const d = byName.get(s.deployment);
    if (!d) { wrong.push(`${component}: no Deployment ${s.deployment}`); continue; }
    byName.delete(s.deployment);
    const c = d.spec.template.spec.containers.find(x => x.name === component);
    if (!c) { wrong.push(`${s.deployment}: no container ${component}`); continue; }
    if (c.image !== s.image) wrong.push(`${s.deployment}: image ${c.image}, reported ${s.image}`);
    if (!(c.ports || []).some(p => p.containerPort === s.port)) wrong.push(`${s.deployment}: no containerPort ${s.port}`);
  }
  for (const name of byName.keys()) wrong.push(`Deployment ${name} is not a reported service`);
  return wrong;
}

if (process.argv[1]?.endsWith("services.mjs")) {
  const [servicesFile, dir] = process.argv.slice(2);
  if (!servicesFile || !dir) {
    console.error("usage: services.mjs SERVICES_JSON RENDERED_DIR");
    process.exit(2);
  }
  const services = JSON.parse(readFileSync(servicesFile, "utf8"));
  const manifests = join(dir, "1-manifest");
  const deployments = readdirSync(manifests).filter(f => f.startsWith("apps_v1-deployment-"))
    .map(f => parse(readFileSync(join(manifests, f), "utf8")));
  const wrong = Object.keys(services).length === 0 ? ["the program reports no service"] : compareServices(services, deployments);
  if (wrong.length) {
    console.error(wrong.join("\n"));
    process.exit(1);
  }
  console.log(`${deployments.length} Deployments, as reported: ${Object.keys(services).join(", ")}`);
}
