// Every namespace needs a ResourceQuota, and every ResourceQuota must bound CPU and memory.

import type { StackValidationPolicy } from "@pulumi/policy";
import { Undecided, settle } from "../../common/match";
import { or } from "../../common/tri";
import { UNKNOWN, describe, peek, violation } from "../../common/util";
import { positiveQuantity } from "../../common/quantity";
import { StackObject, objectsOfKind } from "../model/stack";
import { inNamespace, namespacesOf, nsLabel, nsUrn } from "./scope";

/** Hard limits a ResourceQuota must set (either spelling of the requests). */
const QUOTA_KEYS: [string, string[]][] = [
    ["requests.cpu", ["requests.cpu", "cpu"]],
    ["requests.memory", ["requests.memory", "memory"]],
    ["limits.cpu", ["limits.cpu"]],
    ["limits.memory", ["limits.memory"]],
];

/** Why a ResourceQuota bounds nothing useful, or undefined (unknown values are not judged). */
export function quotaProblem(q: Pick<StackObject, "body">): string | undefined {
    const spec = peek(q.body, "spec");
    const hard = peek(spec, "hard");
    if (hard === UNKNOWN || spec === UNKNOWN) {
        return undefined;
    }
    const missing: string[] = [];
    for (const [label, keys] of QUOTA_KEYS) {
        const values = keys.map(k => peek(hard, k)).filter(v => v !== undefined);
        if (values.includes(UNKNOWN)) {
            continue;
        }
        if (!values.some(positiveQuantity)) {
            missing.push(label);
        }
    }
    return missing.length > 0 ? `sets no positive spec.hard ${missing.join(", ")}` : undefined;
}

const WHY = "without a quota bounding CPU and memory, one workload (or one intruder) can take every node's capacity";
const FIX = "add a ResourceQuota with spec.hard requests.cpu, requests.memory, limits.cpu and limits.memory above zero";

export const namespaceResourceQuota: StackValidationPolicy = {
    name: "k8s-namespace-resource-quota",
    description: describe(
        "Every namespace the stack declares or runs workloads in must have a ResourceQuota, and every ResourceQuota "
        + "must bound CPU and memory.",
        "add a ResourceQuota in the namespace with spec.hard requests.cpu, requests.memory, limits.cpu and "
        + "limits.memory above zero (plus pods, services ... as needed).",
        "Kyverno add-ns-quota"),
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const undecided = new Undecided();
        const all = objectsOfKind(args, "ResourceQuota", [""], { patches: true });
        for (const q of all) {
            const why = quotaProblem(q);
            if (why) {
                report(violation(`${q.label} ${why}: it does not bound the namespace`, WHY, FIX),
                    q.resource.urn);
            }
        }
        const quotas = all.filter(q => !q.patch);
        for (const ns of namespacesOf(args)) {
            settle(or(...quotas.map(q => inNamespace(q, ns))), report, undecided,
                violation(`${nsLabel(ns)} has no ResourceQuota`, WHY, FIX), nsUrn(ns), `ResourceQuota of namespace ${ns.name}`);
        }
        undecided.finish();
    },
};
