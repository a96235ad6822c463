// Container security context rules (Pod Security restricted; Kyverno pod-security library).

import { asArray, describe, isObject, nonEmptyString } from "../../common/util";
import { containerPolicy, missing, podSc, sc } from "./policy";

export const runAsNonRoot = containerPolicy(
    "k8s-run-as-non-root",
    describe(
        "Containers must not run as root.",
        "set securityContext.runAsNonRoot: true (pod or container level) and/or a runAsUser > 0; never runAsUser: 0 "
        + "or runAsNonRoot: false.",
        "CKV_K8S_23, Kyverno require-run-as-nonroot, require-run-as-non-root-user"),
    { why: "root in a container is root on the node's files and kernel interfaces the container can reach, and one "
        + "escape away from the node", fix: "set securityContext.runAsNonRoot: true and a runAsUser above 0" },
    (c, pod) => {
        const nonRoot = sc(c).runAsNonRoot ?? podSc(pod).runAsNonRoot;
        const user = sc(c).runAsUser ?? podSc(pod).runAsUser;
        if (user === 0) {
            return "runs as root (runAsUser: 0)";
        }
        if (podSc(pod).runAsUser === 0) {
            return "is in a pod with securityContext.runAsUser: 0 (root)";
        }
        if (nonRoot === true || (typeof user === "number" && user > 0)) {
            return undefined;
        }
        if (nonRoot === false) {
            return "may run as root (runAsNonRoot: false)";
        }
        return missing(pod, "may run as root: nothing sets runAsNonRoot: true or a runAsUser > 0");
    });

export const noPrivilegeEscalation = containerPolicy(
    "k8s-no-privilege-escalation",
    describe(
        "Containers must not allow privilege escalation.",
        "set securityContext.allowPrivilegeEscalation: false on every container and init container.",
        "CKV_K8S_20, Kyverno disallow-privilege-escalation"),
    { why: "setuid binaries and file capabilities can then raise the process above the privileges it started with",
        fix: "set securityContext.allowPrivilegeEscalation: false" },
    (c, pod) => {
        const v = sc(c).allowPrivilegeEscalation;
        if (v === false) {
            return undefined;
        }
        return v === undefined ? missing(pod, "does not set securityContext.allowPrivilegeEscalation: false")
            : `does not set securityContext.allowPrivilegeEscalation: false (it is ${JSON.stringify(v)})`;
    });

/** A capability name as the runtime reads it: upper case, without the CAP_ prefix. */
export function capabilityName(v: unknown): string {
    return String(v).trim().toUpperCase().replace(/^CAP_/, "");
}

const ALLOWED_ADDED_CAPABILITIES = new Set(["NET_BIND_SERVICE"]);

export const dropAllCapabilities = containerPolicy(
    "k8s-drop-all-capabilities",
    describe(
        "Containers must drop all Linux capabilities.",
        "set securityContext.capabilities.drop: [\"ALL\"]; add back at most NET_BIND_SERVICE.",
        "CKV_K8S_25/28/37/39, Kyverno require-drop-all, disallow-capabilities, disallow-capabilities-strict"),
    { why: "capabilities such as NET_RAW, SYS_ADMIN or SYS_PTRACE give the process root's powers piecemeal",
        fix: "set securityContext.capabilities.drop: [\"ALL\"] and add back at most NET_BIND_SERVICE" },
    (c, pod) => {
        const caps = isObject(sc(c).capabilities) ? sc(c).capabilities : {};
        const problems: string[] = [];
        if (!asArray(caps.drop).map(capabilityName).includes("ALL")) {
            problems.push(missing(pod, "does not drop ALL capabilities"));
        }
        const extra = asArray(caps.add).filter(x => !ALLOWED_ADDED_CAPABILITIES.has(capabilityName(x)));
        if (extra.length > 0) {
            problems.push(`adds capabilities ${extra.map(capabilityName).join(", ")} (only NET_BIND_SERVICE may be added back)`);
        }
        return problems.length > 0 ? problems.join("; ") : undefined;
    });

export const readOnlyRootFilesystem = containerPolicy(
    "k8s-read-only-root-filesystem",
    describe(
        "Containers must run with a read-only root filesystem.",
        "set securityContext.readOnlyRootFilesystem: true and mount an emptyDir for any path the process writes.",
        "CKV_K8S_22, Kyverno require-ro-rootfs"),
    { why: "a writable image lets an intruder replace binaries and persist in the container",
        fix: "set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the process writes" },
    (c, pod) => {
        const v = sc(c).readOnlyRootFilesystem;
        if (v === true) {
            return undefined;
        }
        return v === undefined ? missing(pod, "does not set securityContext.readOnlyRootFilesystem: true")
            : `will have a writable root filesystem (readOnlyRootFilesystem: ${JSON.stringify(v)}); set securityContext.readOnlyRootFilesystem: true`;
    });

const GOOD_SECCOMP = new Set(["RuntimeDefault", "Localhost"]);
const SECCOMP_ANNOTATIONS = /^(seccomp\.security\.alpha\.kubernetes\.io\/pod|container\.seccomp\.security\.alpha\.kubernetes\.io\/.+)$/;

export const seccompProfile = containerPolicy(
    "k8s-seccomp-profile",
    describe(
        "Pods must run under a seccomp profile.",
        "set securityContext.seccompProfile.type: RuntimeDefault (or Localhost with localhostProfile) on the pod or "
        + "on every container; never Unconfined.",
        "CKV_K8S_31, Kyverno restrict-seccomp, restrict-seccomp-strict"),
    { why: "without a seccomp filter every system call of the kernel is open to the process, including the rarely "
        + "used ones most kernel exploits go through",
    fix: "set securityContext.seccompProfile.type: RuntimeDefault (pod or container)" },
    (c, pod) => {
        const annotations = isObject(pod.metadata.annotations) ? pod.metadata.annotations : {};
        const unconfined = Object.keys(annotations).filter(k => SECCOMP_ANNOTATIONS.test(k)
            && String(annotations[k]).trim().toLowerCase() === "unconfined");
        if (unconfined.length > 0) {
            return `is in a pod annotated ${unconfined.join(", ")}: unconfined`;
        }
        const own = isObject(sc(c).seccompProfile) ? sc(c).seccompProfile : undefined;
        const podProfile = isObject(podSc(pod).seccompProfile) ? podSc(pod).seccompProfile : undefined;
        if (own && podProfile && nonEmptyString(podProfile.type) && !GOOD_SECCOMP.has(podProfile.type)) {
            return `is in a pod with seccomp profile ${podProfile.type}`;
        }
        const profile = own ?? podProfile;
        const type = profile?.type;
        if (!nonEmptyString(type)) {
            return missing(pod, "has no seccomp profile");
        }
        if (!GOOD_SECCOMP.has(type)) {
            return `uses seccomp profile ${type}`;
        }
        if (type === "Localhost" && !nonEmptyString(profile.localhostProfile)) {
            return "uses seccomp profile Localhost without localhostProfile";
        }
        return undefined;
    });

export const noPrivileged = containerPolicy(
    "k8s-no-privileged",
    describe(
        "Containers must not run privileged.",
        "remove securityContext.privileged: true.",
        "CKV_K8S_16, Kyverno disallow-privileged-containers"),
    { why: "a privileged container has every capability and the node's devices: whoever runs code in it owns the node",
        fix: "remove securityContext.privileged (or set it to false)" },
    c => (sc(c).privileged === true ? "runs privileged (securityContext.privileged: true)" : undefined));
