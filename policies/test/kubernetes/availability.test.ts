import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as stack from "../../src/kubernetes/availability";
import { assertFails, assertPasses, stackDiagnostics as run } from "../assertions";
import { APP_LABELS, hpa, pdb, workload } from "../builders";

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

describe("HPA replica bounds (bypass: never checked)", () => {
    const d = workload("Deployment", "backend");
    it("fails minReplicas 1 and maxReplicas not above minReplicas, naming the HPA", () => {
        const h = hpa("backend", "backend");
        (h.props as any).spec.minReplicas = 1;
        (h.props as any).spec.maxReplicas = 1;
        const ds = run(stack.productionHpa, [d, h]);
        assertFails(ds, 'Deployment "backend": HorizontalPodAutoscaler "backend" has minReplicas 1', 1);
        assert.match(ds[0].message, /maxReplicas 1: it must exceed minReplicas/);
    });
    it("a good HPA does not hide a bad one for the same Deployment", () => {
        const bad = hpa("backend-2", "backend");
        delete (bad.props as any).spec.minReplicas;
        assertFails(run(stack.productionHpa, [d, hpa("backend", "backend"), bad]), "minReplicas unset (1)", 1);
    });
});

describe("PDB budgets (bypass: maxUnavailable 100% passed)", () => {
    const d = workload("Deployment", "backend"); // 2 replicas
    const withSpec = (spec: Record<string, unknown>) => {
        const p = pdb("backend", APP_LABELS);
        (p.props as any).spec = { selector: { matchLabels: APP_LABELS }, ...spec };
        return p;
    };
    it("passes maxUnavailable 1 or 50%, minAvailable 1", () => {
        for (const spec of [{ maxUnavailable: 1 }, { maxUnavailable: "50%" }, { minAvailable: 1 }]) {
            assertPasses(run(stack.productionPdb, [d, withSpec(spec)]));
        }
    });
    it("fails budgets that protect nothing or block every drain", () => {
        for (const [spec, text] of [[{ maxUnavailable: "100%" }, "every pod may be evicted"], [{ maxUnavailable: 2 }, "for 2 replicas"],
            [{ maxUnavailable: 0 }, "no pod can ever be evicted"], [{ minAvailable: "0%" }, "protects nothing"],
            [{ minAvailable: 2 }, "no pod can ever be evicted"], [{}, "sets neither"]] as const) {
            assertFails(run(stack.productionPdb, [d, withSpec(spec)]), text, 1);
        }
    });
    it("a good PDB does not hide a bad one, and a bad PDB of no Deployment fails on its own", () => {
        assertFails(run(stack.productionPdb, [d, pdb("backend", APP_LABELS), withSpec({ maxUnavailable: "100%" })]), "maxUnavailable 100%", 1);
        const stray = withSpec({ maxUnavailable: "100%" });
        (stray.props as any).spec.selector.matchLabels = { app: "other" };
        assertFails(run(stack.productionPdb, [d, pdb("backend", APP_LABELS), stray]), 'PodDisruptionBudget "backend" has maxUnavailable 100%', 1);
    });
});
