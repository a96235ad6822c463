// Vertical and horizontal autoscaling together (validateStack): a VPA that evicts pods must not size a
// workload that an HPA scales on CPU or memory.

import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, asArray, describe, isObject, peek, peekPath, violation } from "../common/util";
import { k8sName, k8sNamespace } from "./model/names";
import { resourcesOf } from "./model/stack";

/** VPA update modes that evict or resize running pods (unset means Auto). */
const ACTIVE_MODES = new Set(["Auto", "Recreate", "InPlaceOrRecreate"]);

/** "kind/namespace/name" of a target reference, or undefined while any part is unknown. */
function targetKey(owner: PolicyResource, ref: unknown): string | undefined {
    const namespace = k8sNamespace(owner.props, owner.provider);
    if (!isObject(ref) || namespace === UNKNOWN) {
        return undefined;
    }
    const kind = peek(ref, "kind");
    const name = peek(ref, "name");
    return typeof kind === "string" && typeof name === "string" ? `${kind}/${namespace}/${name}` : undefined;
}

/** Does the HPA scale on CPU or memory? An HPA without metrics defaults to CPU. */
export function scalesOnCpuOrMemory(hpa: PolicyResource): boolean {
    const metrics = peekPath(hpa.props, ["spec", "metrics"]);
    if (metrics === undefined || (Array.isArray(metrics) && metrics.length === 0)) {
        return true;
    }
    return asArray(metrics).some(m => isObject(m) && ["cpu", "memory"].includes(String(peekPath(m, ["resource", "name"])))
        || isObject(m) && ["cpu", "memory"].includes(String(peekPath(m, ["containerResource", "name"]))));
}

export const vpaNotAutoWithHpa: StackValidationPolicy = {
    name: "k8s-vpa-not-auto-with-hpa",
    description: describe(
        "A VerticalPodAutoscaler that evicts pods (updateMode Auto, Recreate or unset) must not size a workload that a "
        + "HorizontalPodAutoscaler scales on CPU or memory: they fight.",
        "set the VPA's updatePolicy.updateMode to \"Off\" (recommendations only) or \"Initial\", or scale the HPA on "
        + "other metrics (verto: pulumi config set --path verto:monitoring.vpaMode Off).",
        "upstream VPA known limitation; no Checkov/Kyverno id"),
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const hpas = resourcesOf(args, "HorizontalPodAutoscaler", ["autoscaling"]).filter(scalesOnCpuOrMemory);
        const scaled = new Map<string, PolicyResource>();
        for (const h of hpas) {
            const key = targetKey(h, peekPath(h.props, ["spec", "scaleTargetRef"]));
            if (key) {
                scaled.set(key, h);
            }
        }
        for (const vpa of resourcesOf(args, "VerticalPodAutoscaler", ["autoscaling.k8s.io"])) {
            const mode = peekPath(vpa.props, ["spec", "updatePolicy", "updateMode"]);
            if (mode === UNKNOWN || !(mode === undefined || ACTIVE_MODES.has(String(mode)))) {
                continue;
            }
            const key = targetKey(vpa, peekPath(vpa.props, ["spec", "targetRef"]));
            const hpa = key ? scaled.get(key) : undefined;
            if (hpa) {
                report(violation(`VerticalPodAutoscaler "${k8sName(vpa.props, vpa.name)}" has updateMode ${mode ?? "unset (Auto)"} while `
                    + `HorizontalPodAutoscaler "${k8sName(hpa.props, hpa.name)}" scales the same ${key!.split("/")[0]} on CPU or memory`,
                "the VPA resizes and evicts pods while the HPA adds and removes them on the same signal: they chase each other",
                "set the VPA's updatePolicy.updateMode to Off or Initial, or scale the HPA on other metrics"),
                    vpa.urn);
            }
        }
    },
};

export const autoscalingPolicies: StackValidationPolicy[] = [vpaNotAutoWithHpa];
