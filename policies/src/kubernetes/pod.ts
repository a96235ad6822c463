// Kubernetes pod rules: pod security, resources, probes and images for every workload kind's pod template
// (containers and initContainers).

import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import {
    ContainerRef, PodTemplate, asArray, containersOf, describe, isObject, k8sName,
    nonEmptyString, podTemplateOf,
} from "../common/util";

type PodCheck = (pod: PodTemplate, args: ResourceValidationArgs, report: ReportViolation) => void;

/** A policy over the pod template of every workload kind; other resource types are ignored. */
function podPolicy(name: string, description: string, check: PodCheck): ResourceValidationPolicy {
    return {
        name,
        description,
        enforcementLevel: "mandatory",
        validateResource: (args, report) => {
            const pod = podTemplateOf(args.type, args.props);
            if (pod) {
                check(pod, args, report);
            }
        },
    };
}

/** A policy applied to every container and init container of every workload's pod template. */
function containerPolicy(
    name: string, description: string,
    check: (c: ContainerRef, pod: PodTemplate, args: ResourceValidationArgs) => string | undefined,
): ResourceValidationPolicy {
    return podPolicy(name, description, (pod, args, report) => {
        for (const c of containersOf(pod.spec)) {
            const problem = check(c, pod, args);
            if (problem) {
                report(`${pod.kind} "${k8sName(args.props, args.name)}": ${c.label} ${problem}`);
            }
        }
    });
}

function sc(c: ContainerRef): Record<string, any> {
    return isObject(c.container.securityContext) ? c.container.securityContext : {};
}

function podSc(pod: PodTemplate): Record<string, any> {
    return isObject(pod.spec.securityContext) ? pod.spec.securityContext : {};
}

export const runAsNonRoot = containerPolicy(
    "k8s-run-as-non-root",
    describe(
        "Containers must not run as root.",
        "set securityContext.runAsNonRoot: true (pod or container level) and/or a runAsUser > 0; never runAsUser: 0.",
        "CKV_K8S_23, Kyverno require-run-as-nonroot"),
    (c, pod) => {
        const nonRoot = sc(c).runAsNonRoot ?? podSc(pod).runAsNonRoot;
        const user = sc(c).runAsUser ?? podSc(pod).runAsUser;
        if (user === 0) {
            return "runs as root (runAsUser: 0): set runAsUser > 0 and runAsNonRoot: true";
        }
        if (nonRoot === true || (typeof user === "number" && user > 0)) {
            return undefined;
        }
        return "may run as root: set securityContext.runAsNonRoot: true (pod or container) or runAsUser > 0";
    });

export const noPrivilegeEscalation = containerPolicy(
    "k8s-no-privilege-escalation",
    describe(
        "Containers must not allow privilege escalation.",
        "set securityContext.allowPrivilegeEscalation: false on every container and init container.",
        "CKV_K8S_20, Kyverno disallow-privilege-escalation"),
    c => sc(c).allowPrivilegeEscalation === false
        ? undefined
        : "does not set securityContext.allowPrivilegeEscalation: false");

const ALLOWED_ADDED_CAPABILITIES = new Set(["NET_BIND_SERVICE"]);

export const dropAllCapabilities = containerPolicy(
    "k8s-drop-all-capabilities",
    describe(
        "Containers must drop all Linux capabilities.",
        "set securityContext.capabilities.drop: [\"ALL\"]; add back at most NET_BIND_SERVICE.",
        "CKV_K8S_28/37, Kyverno require-drop-all"),
    c => {
        const caps = isObject(sc(c).capabilities) ? sc(c).capabilities : {};
        const problems: string[] = [];
        const drop = asArray(caps.drop).map(x => String(x).toUpperCase());
        if (!drop.includes("ALL")) {
            problems.push("does not drop ALL capabilities: set securityContext.capabilities.drop: [\"ALL\"]");
        }
        const extra = asArray(caps.add).map(x => String(x).toUpperCase()).filter(x => !ALLOWED_ADDED_CAPABILITIES.has(x));
        if (extra.length > 0) {
            problems.push(`adds capabilities ${extra.join(", ")}: only NET_BIND_SERVICE may be added back`);
        }
        return problems.length > 0 ? problems.join("; ") : undefined;
    });

export const readOnlyRootFilesystem = containerPolicy(
    "k8s-read-only-root-filesystem",
    describe(
        "Containers must run with a read-only root filesystem.",
        "set securityContext.readOnlyRootFilesystem: true and mount an emptyDir for any path the process writes.",
        "CKV_K8S_22, Kyverno require-ro-rootfs"),
    c => sc(c).readOnlyRootFilesystem === true
        ? undefined
        : "does not set securityContext.readOnlyRootFilesystem: true");

const GOOD_SECCOMP = new Set(["RuntimeDefault", "Localhost"]);

export const seccompProfile = containerPolicy(
    "k8s-seccomp-profile",
    describe(
        "Pods must run under a seccomp profile.",
        "set securityContext.seccompProfile.type: RuntimeDefault (or Localhost with localhostProfile) on the pod or "
        + "on every container; never Unconfined.",
        "CKV_K8S_31, Kyverno restrict-seccomp-strict"),
    (c, pod) => {
        const own = isObject(sc(c).seccompProfile) ? sc(c).seccompProfile : undefined;
        const profile = own ?? (isObject(podSc(pod).seccompProfile) ? podSc(pod).seccompProfile : undefined);
        const type = profile?.type;
        if (!nonEmptyString(type)) {
            return "has no seccomp profile: set securityContext.seccompProfile.type: RuntimeDefault (pod or container)";
        }
        if (!GOOD_SECCOMP.has(type)) {
            return `uses seccomp profile ${type}: use RuntimeDefault or Localhost`;
        }
        if (type === "Localhost" && !nonEmptyString(profile.localhostProfile)) {
            return "uses seccomp profile Localhost without localhostProfile";
        }
        return undefined;
    });

export const noHostNamespaces = podPolicy(
    "k8s-no-host-namespaces",
    describe(
        "Pods must not share the host's network, PID or IPC namespace.",
        "remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).",
        "CKV_K8S_17/18/19, Kyverno disallow-host-namespaces"),
    (pod, args, report) => {
        const on = ["hostNetwork", "hostPID", "hostIPC"].filter(k => pod.spec[k] === true);
        if (on.length > 0) {
            report(`${pod.kind} "${k8sName(args.props, args.name)}": ${pod.path} sets ${on.map(k => `${k}: true`).join(", ")}`);
        }
    });

export const noHostPath = podPolicy(
    "k8s-no-host-path",
    describe(
        "Pods must not mount hostPath volumes.",
        "replace hostPath volumes with emptyDir, configMap, secret, projected or persistentVolumeClaim volumes.",
        "Kyverno disallow-host-path, Pod Security baseline"),
    (pod, args, report) => {
        for (const v of asArray(pod.spec.volumes)) {
            if (isObject(v) && v.hostPath !== undefined && v.hostPath !== null) {
                report(`${pod.kind} "${k8sName(args.props, args.name)}": volume "${v.name}" is a hostPath volume`);
            }
        }
    });

export const noPrivileged = containerPolicy(
    "k8s-no-privileged",
    describe(
        "Containers must not run privileged.",
        "remove securityContext.privileged: true.",
        "CKV_K8S_16, Kyverno disallow-privileged-containers"),
    c => sc(c).privileged === true ? "runs privileged (securityContext.privileged: true)" : undefined);

function quantitySet(v: unknown): boolean {
    return (typeof v === "string" && v.trim() !== "") || (typeof v === "number" && v > 0);
}

export const requestsAndLimits = containerPolicy(
    "k8s-resources-requests-limits",
    describe(
        "Containers must declare CPU and memory requests and limits.",
        "set resources.requests.cpu, resources.requests.memory, resources.limits.cpu and resources.limits.memory.",
        "CKV_K8S_10/11/12/13, Kyverno require-pod-requests-limits"),
    c => {
        const res = isObject(c.container.resources) ? c.container.resources : {};
        const missing: string[] = [];
        for (const kind of ["requests", "limits"]) {
            const q = isObject(res[kind]) ? res[kind] : {};
            for (const r of ["cpu", "memory"]) {
                if (!quantitySet(q[r])) {
                    missing.push(`${kind}.${r}`);
                }
            }
        }
        return missing.length > 0 ? `is missing resources ${missing.join(", ")}` : undefined;
    });

const PROBE_EXEMPT_KINDS = new Set(["Job", "CronJob"]);

export const probes: ResourceValidationPolicy = podPolicy(
    "k8s-liveness-readiness-probes",
    describe(
        "Long-running containers must declare liveness and readiness probes.",
        "set livenessProbe and readinessProbe on every container (Jobs and CronJobs are exempt; init containers "
        + "cannot have probes unless they are restartPolicy: Always sidecars, which need them too).",
        "CKV_K8S_8/9, Kyverno require-pod-probes"),
    (pod, args, report) => {
        if (PROBE_EXEMPT_KINDS.has(pod.kind)) {
            return;
        }
        for (const c of containersOf(pod.spec)) {
            // Kubernetes rejects probes on ordinary init containers; only native sidecars (restartPolicy: Always) run
            // alongside the app and need them.
            if (c.list === "initContainers" && c.container.restartPolicy !== "Always") {
                continue;
            }
            const missing = ["livenessProbe", "readinessProbe"].filter(p => !isObject(c.container[p]));
            if (missing.length > 0) {
                report(`${pod.kind} "${k8sName(args.props, args.name)}": ${c.label} has no ${missing.join(" and ")}`);
            }
        }
    });

/** Why an image reference is not pinned, or undefined when it is (a tag other than latest, or a digest). */
export function imageProblem(image: unknown): string | undefined {
    if (!nonEmptyString(image)) {
        return "has no image";
    }
    if (/@sha256:[0-9a-f]{64}$/i.test(image)) {
        return undefined;
    }
    if (image.includes("@")) {
        return `image "${image}" has a malformed digest: use @sha256:<64 hex>`;
    }
    const lastSlash = image.lastIndexOf("/");
    const lastColon = image.lastIndexOf(":");
    if (lastColon <= lastSlash) {
        return `image "${image}" has no tag: pin a version tag or a @sha256: digest`;
    }
    const tag = image.substring(lastColon + 1);
    if (tag.toLowerCase() === "latest") {
        return `image "${image}" uses the latest tag: pin a version tag or a @sha256: digest`;
    }
    return undefined;
}

export const pinnedImages = containerPolicy(
    "k8s-image-pinned",
    describe(
        "Container images must be pinned.",
        "use an explicit version tag other than latest (e.g. nginx:1.27.3) or a digest (image@sha256:...).",
        "CKV_K8S_14, Kyverno disallow-latest-tag"),
    c => imageProblem(c.container.image));

export const podPolicies: ResourceValidationPolicy[] = [
    runAsNonRoot,
    noPrivilegeEscalation,
    dropAllCapabilities,
    readOnlyRootFilesystem,
    seccompProfile,
    noHostNamespaces,
    noHostPath,
    noPrivileged,
    requestsAndLimits,
    probes,
    pinnedImages,
];
