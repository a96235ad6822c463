import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as stack from "../src/stack";
import { assertFails, assertPasses, assertUndecided, stackDiagnostics as run } from "./assertions";
import { APP_LABELS, defaultDeny, hpa, namespace, pdb, quota, res, workload } from "./builders";
import { UNKNOWN_STRING } from "./harness";

describe("k8s-namespace-default-deny", () => {
    it("passes with a default-deny policy in the namespace (explicit ingress/egress: [] accepted)", () => {
        assertPasses(run(stack.namespaceDefaultDeny, [namespace("verto"), defaultDeny("verto")]));
        assertPasses(run(stack.namespaceDefaultDeny, [namespace("verto"), defaultDeny("verto", { ingress: [], egress: [] })]));
    });
    it("fails without any NetworkPolicy", () => {
        assertFails(run(stack.namespaceDefaultDeny, [namespace("verto")]), 'Namespace "verto" has no default-deny NetworkPolicy', 1);
    });
    it("fails when the policy is in another namespace", () => {
        assertFails(run(stack.namespaceDefaultDeny, [namespace("verto"), namespace("monitoring"), defaultDeny("verto")]),
            'Namespace "monitoring"', 1);
    });
    it("fails when the policy selects some pods, misses Egress, or allows traffic", () => {
        for (const spec of [
            { podSelector: { matchLabels: { app: "web" } } },
            { policyTypes: ["Ingress"] },
            { ingress: [{ from: [{ podSelector: {} }] }] },
            { egress: [{}] },
        ]) {
            assertFails(run(stack.namespaceDefaultDeny, [namespace("verto"), defaultDeny("verto", spec)]), "default-deny", 1);
        }
    });
    it("uses the resource name for autonamed namespaces", () => {
        assertPasses(run(stack.namespaceDefaultDeny, [namespace("apps", undefined), defaultDeny("apps")]));
        assertFails(run(stack.namespaceDefaultDeny, [namespace("apps", undefined)]), 'Namespace "apps"', 1);
    });
    it("uses the provider's namespace, else default, for objects without metadata.namespace", () => {
        const np = defaultDeny("x");
        delete (np.props as any).metadata.namespace;
        assertPasses(run(stack.namespaceDefaultDeny, [namespace("default"), np]));
        const provider = res("pulumi:providers:kubernetes", "k8s", { namespace: "verto" });
        assertPasses(run(stack.namespaceDefaultDeny, [provider, namespace("verto"), { ...np, provider: provider.urn }]));
    });
    it("links by property dependencies when the namespace is unknown (preview), else stays undecided", () => {
        const ns = namespace("verto");
        const np = defaultDeny("verto");
        (np.props as any).metadata.namespace = UNKNOWN_STRING;
        assertUndecided(run(stack.namespaceDefaultDeny, [ns, np]));
        assertPasses(run(stack.namespaceDefaultDeny, [ns, { ...np, propertyDependencies: { metadata: [ns.urn!] } }]));
    });
});

describe("k8s-namespace-resource-quota", () => {
    it("passes with a quota in each namespace", () => {
        assertPasses(run(stack.namespaceResourceQuota, [namespace("verto"), quota("verto"), namespace("ops"), quota("ops")]));
    });
    it("fails for a namespace without a quota", () => {
        assertFails(run(stack.namespaceResourceQuota, [namespace("verto"), quota("verto"), namespace("ops")]),
            'Namespace "ops" has no ResourceQuota', 1);
    });
});

describe("k8s-production-hpa", () => {
    const d = workload("Deployment", "backend");
    it("passes with a matching HPA", () => {
        assertPasses(run(stack.productionHpa, [d, hpa("backend", "backend")]));
    });
    it("fails without an HPA, or with one for another name, kind or namespace", () => {
        assertFails(run(stack.productionHpa, [d]), 'Deployment "backend" has no HorizontalPodAutoscaler', 1);
        assertFails(run(stack.productionHpa, [d, hpa("x", "frontend")]), "has no HorizontalPodAutoscaler", 1);
        assertFails(run(stack.productionHpa, [d, hpa("x", "backend", "verto", "StatefulSet")]), "has no HorizontalPodAutoscaler", 1);
        assertFails(run(stack.productionHpa, [d, hpa("x", "backend", "other")]), "has no HorizontalPodAutoscaler", 1);
    });
    it("applies only to the configured stacks (default production)", () => {
        assertPasses(run(stack.productionHpa, [d], { stack: "staging" }));
        assertFails(run(stack.productionHpa, [d], { stack: "staging", config: { stacks: ["staging"] } }), "has no HorizontalPodAutoscaler", 1);
        assert.equal(stack.stackName([{ urn: "urn:pulumi:production::verto::kubernetes:apps/v1:Deployment::b" } as any]), "production");
    });
});

describe("k8s-production-pdb", () => {
    const d = workload("Deployment", "backend");
    it("passes when the PDB selector is a subset of the pod template labels", () => {
        assertPasses(run(stack.productionPdb, [d, pdb("backend", { "app.kubernetes.io/name": "backend" })]));
        assertPasses(run(stack.productionPdb, [d, pdb("backend", APP_LABELS)]));
    });
    it("evaluates matchExpressions too", () => {
        const p = pdb("backend", { "app.kubernetes.io/name": "backend" });
        (p.props as any).spec.selector.matchExpressions = [{ key: "app.kubernetes.io/instance", operator: "In", values: ["verto"] }];
        assertPasses(run(stack.productionPdb, [d, p]));
        (p.props as any).spec.selector.matchExpressions = [{ key: "tier", operator: "Exists" }];
        assertFails(run(stack.productionPdb, [d, p]), "has no PodDisruptionBudget", 1);
    });
    it("fails without a PDB, with a non-matching or empty selector, or in another namespace", () => {
        assertFails(run(stack.productionPdb, [d]), 'Deployment "backend" has no PodDisruptionBudget', 1);
        assertFails(run(stack.productionPdb, [d, pdb("x", { "app.kubernetes.io/name": "frontend" })]), "has no PodDisruptionBudget", 1);
        assertFails(run(stack.productionPdb, [d, pdb("x", { ...APP_LABELS, extra: "label" })]), "has no PodDisruptionBudget", 1);
        assertFails(run(stack.productionPdb, [d, pdb("x", {})]), "has no PodDisruptionBudget", 1);
        assertFails(run(stack.productionPdb, [d, pdb("x", APP_LABELS, "other")]), "has no PodDisruptionBudget", 1);
    });
    it("is not applicable outside production by default", () => {
        assertPasses(run(stack.productionPdb, [d], { stack: "development" }));
    });
});
