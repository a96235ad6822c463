// Resource requests/limits and probes.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, isObject } from "../../common/util";
import { parseQuantity } from "../../common/quantity";
import { containersOf, isBuiltInGroup } from "../model/pods";
import { containerPolicy, missing, podPolicy } from "./policy";

/** Why a quantity is not a usable request or limit, or undefined when it is. */
function quantityProblem(v: unknown): string | undefined {
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
        return "missing";
    }
    const q = parseQuantity(v);
    if (q === undefined) {
        return `not a quantity (${JSON.stringify(v)})`;
    }
    return q > 0 ? undefined : `zero (${JSON.stringify(v)})`;
}

export const requestsAndLimits = containerPolicy(
    "k8s-resources-requests-limits",
    describe(
        "Containers must declare CPU and memory requests and limits greater than zero, limits not below requests.",
        "set resources.requests.cpu, resources.requests.memory, resources.limits.cpu and resources.limits.memory to "
        + "quantities above zero (e.g. 100m, 128Mi), each limit at least its request.",
        "CKV_K8S_10/11/12/13, Kyverno require-pod-requests-limits"),
    { why: "a container without limits can starve its neighbours on the node and without requests is scheduled "
        + "blindly and evicted first", fix: "set cpu and memory requests and limits above zero, each limit at least its request" },
    (c, pod) => {
        if (c.list === "ephemeralContainers") {
            return undefined; // Kubernetes does not allow resources on ephemeral containers
        }
        const res = isObject(c.container.resources) ? c.container.resources : {};
        const absent: string[] = [];
        const bad: string[] = [];
        for (const kind of ["requests", "limits"]) {
            const q = isObject(res[kind]) ? res[kind] : {};
            for (const r of ["cpu", "memory"]) {
                const problem = quantityProblem(q[r]);
                if (problem === "missing") {
                    absent.push(`${kind}.${r}`);
                } else if (problem) {
                    bad.push(`${kind}.${r} is ${problem}`);
                }
            }
        }
        for (const r of ["cpu", "memory"]) {
            const req = parseQuantity(res.requests?.[r]);
            const lim = parseQuantity(res.limits?.[r]);
            if (req !== undefined && lim !== undefined && req > 0 && lim > 0 && lim < req) {
                bad.push(`limits.${r} ${res.limits[r]} is below requests.${r} ${res.requests[r]}`);
            }
        }
        const problems: string[] = [];
        if (absent.length > 0) {
            problems.push(missing(pod, `is missing resources ${absent.join(", ")}`));
        }
        if (bad.length > 0) {
            problems.push(`has resources ${bad.join(", ")}`);
        }
        return problems.length > 0 ? problems.join("; ") : undefined;
    });

/** Built-in kinds whose pods run to completion or are only templates. */
const PROBE_EXEMPT_KINDS = new Set(["Job", "CronJob", "PodTemplate"]);
/** Custom resources known to run long-lived pods (others, such as workflow or job CRs, are exempt). */
const LONG_RUNNING_CUSTOM_KINDS = new Set(["Rollout", "CloneSet", "Service", "Configuration", "Revision", "StatefulSet",
    "DaemonSet", "Deployment"]);

export const probes: ResourceValidationPolicy = podPolicy(
    "k8s-liveness-readiness-probes",
    describe(
        "Long-running containers must declare liveness and readiness probes.",
        "set livenessProbe and readinessProbe on every container (Jobs and CronJobs are exempt; init containers "
        + "cannot have probes unless they are restartPolicy: Always sidecars, which need them too).",
        "CKV_K8S_8/9, Kyverno require-pod-probes"),
    { why: "without probes a hung container keeps receiving traffic and is never restarted",
        fix: "set livenessProbe and readinessProbe on every long-running container" },
    (pod, report) => {
        const custom = !isBuiltInGroup(pod.object.group);
        if (custom ? !LONG_RUNNING_CUSTOM_KINDS.has(pod.kind) : PROBE_EXEMPT_KINDS.has(pod.kind)) {
            return;
        }
        for (const c of containersOf(pod.spec)) {
            // Kubernetes rejects probes on ordinary init containers and ephemeral containers; only native sidecars
            // (restartPolicy: Always) run alongside the app and need them.
            if (c.list === "ephemeralContainers" || (c.list === "initContainers" && c.container.restartPolicy !== "Always")) {
                continue;
            }
            const absent = ["livenessProbe", "readinessProbe"].filter(p => !isObject(c.container[p]));
            if (absent.length > 0) {
                report(`${pod.subject}: ${c.label} has no ${absent.join(" and ")}${pod.patch ? missing(pod, "") : ""}`);
            }
        }
    });
