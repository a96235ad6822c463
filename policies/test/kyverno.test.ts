// Cases shaped like the good and bad test resources of the Kyverno policies whose concerns the pack adopted
// (best-practices disallow-default-namespace, disallow-empty-ingress-host, restrict-image-registries,
// check-deprecated-apis; pod-security restrict-seccomp-strict, disallow-capabilities-strict): written here, not
// copied. Each good case must pass the corresponding rule and each bad one fail it.

import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { allowedRegistries, dropAllCapabilities, seccompProfile } from "../src/kubernetes/pod";
import { ingressHostRequired } from "../src/kubernetes/network";
import { noDefaultNamespace } from "../src/kubernetes/namespace";
import { noDeprecatedApi } from "../src/kubernetes/objects";
import { resourceDiagnostics } from "./assertions";
import { goodPodSpec, res } from "./builders";
import type { DumpResource } from "./harness";

const TOKENS: Record<string, string> = {
    Pod: "kubernetes:core/v1:Pod", Deployment: "kubernetes:apps/v1:Deployment", DaemonSet: "kubernetes:apps/v1:DaemonSet",
    StatefulSet: "kubernetes:apps/v1:StatefulSet", Job: "kubernetes:batch/v1:Job", CronJob: "kubernetes:batch/v1:CronJob",
};

/** A workload as Kyverno's test resources write them: plain containers, the namespace given or left out. */
function plain(kind: string, name: string, containers: Record<string, unknown>[], namespace?: string,
    initContainers: Record<string, unknown>[] = []): DumpResource {
    const spec = { containers, ...(initContainers.length > 0 ? { initContainers } : {}) };
    const template = { metadata: { labels: { app: name } }, spec };
    const apiVersion = TOKENS[kind].split(":")[1].replace(/^core\//, "");
    const metadata = { name, ...(namespace ? { namespace } : {}) };
    const body = kind === "Pod" ? { spec } : kind === "CronJob" ? { spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template } } } }
        : { spec: { selector: { matchLabels: { app: name } }, template } };
    return res(TOKENS[kind], name, { apiVersion, kind, metadata, ...body });
}

const box = (image = "busybox:1.36.1") => ({ name: "box", image, command: ["sleep", "3600"] });

interface Case { policy: ResourceValidationPolicy; name: string; good: boolean; resource: DumpResource; config?: Record<string, unknown> }

function ingress(name: string, rules: unknown[]): DumpResource {
    return res("kubernetes:networking.k8s.io/v1:Ingress", name, { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name, namespace: "web" }, spec: { rules } });
}

const path = (svc: string) => ({ paths: [{ pathType: "Prefix", path: `/${svc}`, backend: { service: { name: svc, port: { number: 80 } } } }] });
const REGISTRIES = { allowedRegistries: ["eu.registry.example", "bar.example"] };

const CASES: Case[] = [
    ...["Pod", "Deployment", "DaemonSet", "Job", "StatefulSet"].flatMap(kind => [
        { policy: noDefaultNamespace, name: `disallow-default-namespace: ${kind} in its own namespace`, good: true, resource: plain(kind, "ok", [box()], "team-a") },
        { policy: noDefaultNamespace, name: `disallow-default-namespace: ${kind} in default`, good: false, resource: plain(kind, "bad", [box()], "default") },
    ]),
    { policy: noDefaultNamespace, name: "disallow-default-namespace: Pod without a namespace", good: false, resource: plain("Pod", "bad", [box()]) },
    { policy: ingressHostRequired, name: "disallow-empty-ingress-host: every rule has a host, one a wildcard", good: true,
        resource: ingress("hosts", [{ host: "shop.example.org", http: path("a") }, { host: "*.example.org", http: path("b") }]) },
    { policy: ingressHostRequired, name: "disallow-empty-ingress-host: first rule has a host, second none", good: false,
        resource: ingress("nohost", [{ host: "shop.example.org", http: path("a") }, { http: path("b") }]) },
    { policy: ingressHostRequired, name: "disallow-empty-ingress-host: a single rule without a host", good: false, resource: ingress("nohost", [{ http: path("a") }]) },
    { policy: allowedRegistries, name: "restrict-image-registries: Deployment pulling only from the allowed registries", good: true, config: REGISTRIES,
        resource: plain("Deployment", "ok", [box("eu.registry.example/nginx"), box("bar.example/nginx")], "team-a", [box("bar.example/nginx"), box("eu.registry.example/busybox")]) },
    { policy: allowedRegistries, name: "restrict-image-registries: CronJob pulling only from the allowed registries", good: true, config: REGISTRIES,
        resource: plain("CronJob", "ok", [box("eu.registry.example/nginx"), box("bar.example/nginx")], "team-a", [box("bar.example/nginx")]) },
    { policy: allowedRegistries, name: "restrict-image-registries: one init container from Docker Hub", good: false, config: REGISTRIES,
        resource: plain("Deployment", "bad", [box("bar.example/nginx")], "team-a", [box("busybox")]) },
    { policy: allowedRegistries, name: "restrict-image-registries: one container from registry.k8s.io", good: false, config: REGISTRIES,
        resource: plain("Pod", "bad", [box("registry.k8s.io/nginx:1.7.9"), box("bar.example/busybox")], "team-a") },
    { policy: allowedRegistries, name: "restrict-image-registries: CronJob container from Docker Hub", good: false, config: REGISTRIES,
        resource: plain("CronJob", "bad", [box("busybox:1.35"), box("bar.example/nginx")], "team-a") },
    { policy: noDeprecatedApi, name: "check-deprecated-apis: batch/v1 CronJob", good: true, resource: plain("CronJob", "ok", [box()], "team-a") },
    { policy: noDeprecatedApi, name: "check-deprecated-apis: batch/v1beta1 CronJob", good: false,
        resource: { ...plain("CronJob", "old", [box()], "team-a"), props: { ...plain("CronJob", "old", [box()], "team-a").props, apiVersion: "batch/v1beta1" } } },
    ...["v1beta2", "v1beta3"].map(v => ({ policy: noDeprecatedApi, name: `check-deprecated-apis: FlowSchema ${v}`, good: false,
        resource: res(`kubernetes:flowcontrol.apiserver.k8s.io/${v}:FlowSchema`, "fs", { apiVersion: `flowcontrol.apiserver.k8s.io/${v}`, kind: "FlowSchema",
            metadata: { name: "fs" }, spec: { matchingPrecedence: 1000, priorityLevelConfiguration: { name: "exempt" } } }) })),
    { policy: noDeprecatedApi, name: "check-deprecated-apis: FlowSchema v1", good: true,
        resource: res("kubernetes:flowcontrol.apiserver.k8s.io/v1:FlowSchema", "fs", { apiVersion: "flowcontrol.apiserver.k8s.io/v1", kind: "FlowSchema", metadata: { name: "fs" }, spec: {} }) },
    { policy: noDeprecatedApi, name: "check-deprecated-apis: autoscaling/v2beta2 HorizontalPodAutoscaler", good: false,
        resource: res("kubernetes:autoscaling/v2beta2:HorizontalPodAutoscaler", "h", { apiVersion: "autoscaling/v2beta2", kind: "HorizontalPodAutoscaler", metadata: { name: "h" }, spec: {} }) },
    { policy: seccompProfile, name: "restrict-seccomp-strict: RuntimeDefault at pod level", good: true, resource: plain("Pod", "ok", [box()], "team-a") },
    { policy: dropAllCapabilities, name: "disallow-capabilities-strict: drop ALL, add NET_BIND_SERVICE", good: true, resource: plain("Pod", "ok", [{ ...box(),
        securityContext: { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } } }], "team-a") },
    { policy: dropAllCapabilities, name: "disallow-capabilities-strict: drop ALL, add NET_RAW", good: false, resource: plain("Pod", "bad", [{ ...box(),
        securityContext: { capabilities: { drop: ["ALL"], add: ["NET_RAW"] } } }], "team-a") },
];

// The pod-security cases need the restricted pod-level context that Kyverno's good pods carry.
for (const c of CASES.filter(x => x.policy === seccompProfile)) {
    (c.resource.props as any).spec.securityContext = goodPodSpec().securityContext;
}

describe("Kyverno-shaped cases", () => {
    for (const c of CASES) {
        it(`${c.good ? "passes" : "refuses"} ${c.name}`, () => {
            const ds = resourceDiagnostics(c.policy, c.resource, c.config).filter(d => d.level === "mandatory");
            if (c.good) {
                assert.deepEqual(ds.map(d => d.message), []);
            } else {
                assert.ok(ds.length > 0, `${c.policy.name} passed a bad case`);
            }
        });
    }
});
