import { describe, it } from "node:test";
import { vpaNotAutoWithHpa } from "../../src/kubernetes/autoscaling";
import { assertFails, assertPasses, stackDiagnostics as run } from "../assertions";
import { hpa, res } from "../builders";

function vpa(name: string, target: string, mode: string | undefined, namespaceName = "verto") {
    return res("kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler", name, {
        metadata: { name, namespace: namespaceName },
        spec: { targetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target }, ...(mode ? { updatePolicy: { updateMode: mode } } : {}) },
    });
}

describe("k8s-vpa-not-auto-with-hpa", () => {
    it("passes for a VPA that only recommends or sizes new pods beside an HPA", () => {
        assertPasses(run(vpaNotAutoWithHpa, [hpa("backend", "backend"), vpa("backend-vpa", "backend", "Off")]));
        assertPasses(run(vpaNotAutoWithHpa, [hpa("backend", "backend"), vpa("backend-vpa", "backend", "Initial")]));
    });
    it("passes for an evicting VPA without an HPA, or with one for another workload or namespace", () => {
        assertPasses(run(vpaNotAutoWithHpa, [vpa("backend-vpa", "backend", "Auto")]));
        assertPasses(run(vpaNotAutoWithHpa, [hpa("frontend", "frontend"), vpa("backend-vpa", "backend", "Auto")]));
        assertPasses(run(vpaNotAutoWithHpa, [hpa("backend", "backend", "other"), vpa("backend-vpa", "backend", "Auto")]));
    });
    it("passes when the HPA scales on other metrics only", () => {
        const h = hpa("backend", "backend");
        (h.props as any).spec.metrics = [{ type: "Pods", pods: { metric: { name: "queue_depth" }, target: { type: "AverageValue", averageValue: "10" } } }];
        assertPasses(run(vpaNotAutoWithHpa, [h, vpa("backend-vpa", "backend", "Auto")]));
    });
    it("fails for Auto, Recreate or an unset mode beside an HPA on CPU or memory (or default metrics)", () => {
        assertFails(run(vpaNotAutoWithHpa, [hpa("backend", "backend"), vpa("backend-vpa", "backend", "Auto")]),
            'VerticalPodAutoscaler "backend-vpa" has updateMode Auto while HorizontalPodAutoscaler "backend"', 1);
        assertFails(run(vpaNotAutoWithHpa, [hpa("backend", "backend"), vpa("backend-vpa", "backend", "Recreate")]), "updateMode Recreate", 1);
        assertFails(run(vpaNotAutoWithHpa, [hpa("backend", "backend"), vpa("backend-vpa", "backend", undefined)]), "unset (Auto)", 1);
        const h = hpa("backend", "backend");
        (h.props as any).spec.metrics = [{ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 80 } } }];
        assertFails(run(vpaNotAutoWithHpa, [h, vpa("backend-vpa", "backend", "Auto")]), "on CPU or memory", 1);
    });
});
