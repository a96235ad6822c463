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
