// Kubernetes pod rules: pod security (Kyverno pod-security baseline and restricted sets), resources, probes and
// images, for the pod template of every workload kind (Deployment, StatefulSet, DaemonSet, ReplicaSet,
// ReplicationController, Job, CronJob, Pod, PodTemplate) and of their `<Kind>Patch` variants; containers, init
// containers and ephemeral containers.
//
// Each rule judges the resource on its own. A Patch only changes what it names, so for Patch kinds a rule reports
// the bad values a patch sets (privileged: true, a floating image, "0" resources ...) and does not require the fields a
// patch leaves out.

import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import {
    ContainerRef, PodTemplate, asArray, containersOf, describe, isK8s, isObject, k8sName,
    nonEmptyString, parseQuantity, podTemplateOf,
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

function subject(pod: PodTemplate, args: ResourceValidationArgs): string {
    return `${pod.resourceKind} "${k8sName(args.props, args.name)}"`;
}

/** A policy applied to every container, init container and ephemeral container of every workload's pod template. */
function containerPolicy(
    name: string, description: string,
    check: (c: ContainerRef, pod: PodTemplate, args: ResourceValidationArgs) => string | undefined,
): ResourceValidationPolicy {
    return podPolicy(name, description, (pod, args, report) => {
        for (const c of containersOf(pod.spec)) {
            const problem = check(c, pod, args);
            if (problem) {
                report(`${subject(pod, args)}: ${c.label} ${problem}`);
            }
        }
    });
}

/** A "required but missing" problem: reported for full objects, not for patches (which leave the field as it is). */
function missing(pod: PodTemplate, problem: string): string | undefined {
    return pod.patch ? undefined : problem;
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
        "set securityContext.runAsNonRoot: true (pod or container level) and/or a runAsUser > 0; never runAsUser: 0 "
        + "or runAsNonRoot: false.",
        "CKV_K8S_23, Kyverno require-run-as-nonroot, require-run-as-non-root-user"),
    (c, pod) => {
        const nonRoot = sc(c).runAsNonRoot ?? podSc(pod).runAsNonRoot;
        const user = sc(c).runAsUser ?? podSc(pod).runAsUser;
        if (user === 0) {
            return "runs as root (runAsUser: 0): set runAsUser > 0 and runAsNonRoot: true";
        }
        if (podSc(pod).runAsUser === 0) {
            return "is in a pod with securityContext.runAsUser: 0: set the pod's runAsUser > 0";
        }
        if (nonRoot === true || (typeof user === "number" && user > 0)) {
            return undefined;
        }
        if (nonRoot === false) {
            return "may run as root (runAsNonRoot: false): set securityContext.runAsNonRoot: true";
        }
        return missing(pod, "may run as root: set securityContext.runAsNonRoot: true (pod or container) or runAsUser > 0");
    });

export const noPrivilegeEscalation = containerPolicy(
    "k8s-no-privilege-escalation",
    describe(
        "Containers must not allow privilege escalation.",
        "set securityContext.allowPrivilegeEscalation: false on every container and init container.",
        "CKV_K8S_20, Kyverno disallow-privilege-escalation"),
    (c, pod) => {
        const v = sc(c).allowPrivilegeEscalation;
        if (v === false) {
            return undefined;
        }
        return v === undefined ? missing(pod, "does not set securityContext.allowPrivilegeEscalation: false")
            : "does not set securityContext.allowPrivilegeEscalation: false";
    });

const ALLOWED_ADDED_CAPABILITIES = new Set(["NET_BIND_SERVICE"]);

export const dropAllCapabilities = containerPolicy(
    "k8s-drop-all-capabilities",
    describe(
        "Containers must drop all Linux capabilities.",
        "set securityContext.capabilities.drop: [\"ALL\"]; add back at most NET_BIND_SERVICE.",
        "CKV_K8S_25/28/37/39, Kyverno require-drop-all, disallow-capabilities, disallow-capabilities-strict"),
    (c, pod) => {
        const caps = isObject(sc(c).capabilities) ? sc(c).capabilities : {};
        const problems: string[] = [];
        const drop = asArray(caps.drop).map(x => String(x).toUpperCase());
        if (!drop.includes("ALL") && (!pod.patch || caps.drop !== undefined)) {
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
    (c, pod) => {
        const v = sc(c).readOnlyRootFilesystem;
        if (v === true) {
            return undefined;
        }
        return v === undefined ? missing(pod, "does not set securityContext.readOnlyRootFilesystem: true")
            : "does not set securityContext.readOnlyRootFilesystem: true";
    });

const GOOD_SECCOMP = new Set(["RuntimeDefault", "Localhost"]);

export const seccompProfile = containerPolicy(
    "k8s-seccomp-profile",
    describe(
        "Pods must run under a seccomp profile.",
        "set securityContext.seccompProfile.type: RuntimeDefault (or Localhost with localhostProfile) on the pod or "
        + "on every container; never Unconfined.",
        "CKV_K8S_31, Kyverno restrict-seccomp, restrict-seccomp-strict"),
    (c, pod) => {
        const own = isObject(sc(c).seccompProfile) ? sc(c).seccompProfile : undefined;
        const podProfile = isObject(podSc(pod).seccompProfile) ? podSc(pod).seccompProfile : undefined;
        if (own && podProfile && nonEmptyString(podProfile.type) && !GOOD_SECCOMP.has(podProfile.type)) {
            return `is in a pod with seccomp profile ${podProfile.type}: use RuntimeDefault or Localhost on the pod`;
        }
        const profile = own ?? podProfile;
        const type = profile?.type;
        if (!nonEmptyString(type)) {
            return missing(pod, "has no seccomp profile: set securityContext.seccompProfile.type: RuntimeDefault (pod or container)");
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
            report(`${subject(pod, args)}: ${pod.path} sets ${on.map(k => `${k}: true`).join(", ")}`);
        }
    });

export const noHostPath: ResourceValidationPolicy = {
    name: "k8s-no-host-path",
    description: describe(
        "Pods must not mount hostPath volumes, and PersistentVolumes must not be hostPath volumes.",
        "replace hostPath volumes with emptyDir, configMap, secret, projected or persistentVolumeClaim volumes; back "
        + "PersistentVolumes with a CSI driver or a storage class, never a host directory.",
        "CKV_K8S_27, Kyverno disallow-host-path, Pod Security baseline"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (isK8s(args.type, "PersistentVolume", [""]) || isK8s(args.type, "PersistentVolumePatch", [""])) {
            const hp = args.props?.spec?.hostPath;
            if (hp !== undefined && hp !== null) {
                report(`PersistentVolume "${k8sName(args.props, args.name)}" is a hostPath volume (spec.hostPath `
                    + `${JSON.stringify(isObject(hp) ? hp.path : hp)}): it exposes the node's filesystem`);
            }
            return;
        }
        const pod = podTemplateOf(args.type, args.props);
        if (!pod) {
            return;
        }
        for (const v of asArray(pod.spec.volumes)) {
            if (isObject(v) && v.hostPath !== undefined && v.hostPath !== null) {
                report(`${subject(pod, args)}: volume "${v.name}" is a hostPath volume`);
            }
        }
    },
};

export const noPrivileged = containerPolicy(
    "k8s-no-privileged",
    describe(
        "Containers must not run privileged.",
        "remove securityContext.privileged: true.",
        "CKV_K8S_16, Kyverno disallow-privileged-containers"),
    c => sc(c).privileged === true ? "runs privileged (securityContext.privileged: true)" : undefined);

export const noHostPorts = containerPolicy(
    "k8s-no-host-ports",
    describe(
        "Containers must not bind host ports.",
        "remove ports[].hostPort (or set it to 0) and expose the container through a ClusterIP Service.",
        "CKV_K8S_26, Kyverno disallow-host-ports"),
    c => {
        const bound = asArray(c.container.ports).filter(p => isObject(p) && p.hostPort !== undefined && p.hostPort !== null
            && p.hostPort !== 0).map(p => String(p.hostPort));
        return bound.length > 0 ? `binds host port(s) ${bound.join(", ")} (ports[].hostPort)` : undefined;
    });

export const noHostProcess = containerPolicy(
    "k8s-no-host-process",
    describe(
        "Windows containers must not run as HostProcess containers.",
        "remove securityContext.windowsOptions.hostProcess (pod and container) or set it to false.",
        "Kyverno disallow-host-process"),
    (c, pod) => sc(c).windowsOptions?.hostProcess === true || podSc(pod).windowsOptions?.hostProcess === true
        ? "runs as a Windows HostProcess container (windowsOptions.hostProcess: true)" : undefined);

export const noProcMount = containerPolicy(
    "k8s-no-proc-mount",
    describe(
        "Containers must use the default /proc mount.",
        "remove securityContext.procMount or set it to Default.",
        "Kyverno disallow-proc-mount"),
    c => {
        const v = sc(c).procMount;
        return v === undefined || v === null || v === "Default" ? undefined : `sets securityContext.procMount: ${v}`;
    });

const ALLOWED_SELINUX_TYPES = new Set(["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"]);

function seLinuxProblem(opts: unknown, where: string): string | undefined {
    if (!isObject(opts)) {
        return undefined;
    }
    const problems: string[] = [];
    if (opts.type !== undefined && opts.type !== null && !ALLOWED_SELINUX_TYPES.has(String(opts.type))) {
        problems.push(`type ${opts.type}`);
    }
    for (const k of ["user", "role"]) {
        if (nonEmptyString(opts[k])) {
            problems.push(`${k} ${opts[k]}`);
        }
    }
    return problems.length > 0 ? `sets ${where}seLinuxOptions ${problems.join(", ")}: only the container_t types, no user or role`
        : undefined;
}

export const restrictSeLinux = containerPolicy(
    "k8s-restrict-selinux",
    describe(
        "Pods must not set custom SELinux users, roles or types.",
        "remove securityContext.seLinuxOptions user and role; use type container_t, container_init_t or container_kvm_t "
        + "if a type is needed.",
        "Kyverno disallow-selinux"),
    (c, pod) => seLinuxProblem(sc(c).seLinuxOptions, "") ?? seLinuxProblem(podSc(pod).seLinuxOptions, "the pod's "));

const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";
const GOOD_APPARMOR_TYPES = new Set(["RuntimeDefault", "Localhost"]);

function appArmorAnnotationOk(v: unknown): boolean {
    return typeof v === "string" && (v === "runtime/default" || v.startsWith("localhost/"));
}

export const restrictAppArmor = podPolicy(
    "k8s-restrict-apparmor",
    describe(
        "Pods must not disable or override the default AppArmor profile.",
        "use securityContext.appArmorProfile.type RuntimeDefault or Localhost (or the annotation "
        + "container.apparmor.security.beta.kubernetes.io/<container>: runtime/default or localhost/<profile>); "
        + "never Unconfined.",
        "Kyverno restrict-apparmor-profiles"),
    (pod, args, report) => {
        const annotations = isObject(pod.metadata.annotations) ? pod.metadata.annotations : {};
        for (const [k, v] of Object.entries(annotations)) {
            if (k.startsWith(APPARMOR_ANNOTATION) && !appArmorAnnotationOk(v)) {
                report(`${subject(pod, args)}: annotation ${k} is ${JSON.stringify(v)}; use runtime/default or localhost/<profile>`);
            }
        }
        const profiles: [string, unknown][] = [["the pod", podSc(pod).appArmorProfile]];
        for (const c of containersOf(pod.spec)) {
            profiles.push([c.label, sc(c).appArmorProfile]);
        }
        for (const [who, p] of profiles) {
            if (isObject(p) && !GOOD_APPARMOR_TYPES.has(String(p.type))) {
                report(`${subject(pod, args)}: ${who} uses AppArmor profile ${p.type}; use RuntimeDefault or Localhost`);
            }
        }
    });

/** The sysctls Pod Security baseline allows (Kubernetes 1.29+ list). */
export const SAFE_SYSCTLS = new Set([
    "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
]);

export const restrictSysctls = podPolicy(
    "k8s-restrict-sysctls",
    describe(
        "Pods may set only the safe sysctls.",
        "remove securityContext.sysctls other than kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, "
        + "net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range and the other "
        + "Pod Security baseline ones.",
        "Kyverno restrict-sysctls"),
    (pod, args, report) => {
        const bad = asArray(podSc(pod).sysctls).map(s => (isObject(s) ? String(s.name) : String(s)))
            .filter(n => !SAFE_SYSCTLS.has(n));
        if (bad.length > 0) {
            report(`${subject(pod, args)}: sets unsafe sysctl(s) ${bad.join(", ")}`);
        }
    });

/** The volume types Pod Security restricted allows. */
export const ALLOWED_VOLUME_TYPES = new Set([
    "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
]);

export const restrictVolumeTypes = podPolicy(
    "k8s-restrict-volume-types",
    describe(
        "Pods may use only the volume types of Pod Security restricted.",
        "use configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret volumes.",
        "Kyverno restrict-volume-types"),
    (pod, args, report) => {
        for (const v of asArray(pod.spec.volumes)) {
            if (!isObject(v)) {
                continue;
            }
            const types = Object.keys(v).filter(k => k !== "name" && v[k] !== undefined && v[k] !== null);
            const bad = types.filter(t => !ALLOWED_VOLUME_TYPES.has(t));
            if (bad.length > 0) {
                report(`${subject(pod, args)}: volume "${v.name}" has type ${bad.join(", ")}; allowed: `
                    + [...ALLOWED_VOLUME_TYPES].join(", "));
            }
        }
    });

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
        if (absent.length > 0 && !pod.patch) {
            problems.push(`is missing resources ${absent.join(", ")}`);
        }
        if (bad.length > 0) {
            problems.push(`has resources ${bad.join(", ")}`);
        }
        return problems.length > 0 ? problems.join("; ") : undefined;
    });

const PROBE_EXEMPT_KINDS = new Set(["Job", "CronJob", "PodTemplate"]);

export const probes: ResourceValidationPolicy = podPolicy(
    "k8s-liveness-readiness-probes",
    describe(
        "Long-running containers must declare liveness and readiness probes.",
        "set livenessProbe and readinessProbe on every container (Jobs and CronJobs are exempt; init containers "
        + "cannot have probes unless they are restartPolicy: Always sidecars, which need them too).",
        "CKV_K8S_8/9, Kyverno require-pod-probes"),
    (pod, args, report) => {
        if (PROBE_EXEMPT_KINDS.has(pod.kind) || pod.patch) {
            return; // a patch keeps the probes of the object it patches
        }
        for (const c of containersOf(pod.spec)) {
            // Kubernetes rejects probes on ordinary init containers and ephemeral containers; only native sidecars
            // (restartPolicy: Always) run alongside the app and need them.
            if (c.list === "ephemeralContainers" || (c.list === "initContainers" && c.container.restartPolicy !== "Always")) {
                continue;
            }
            const absent = ["livenessProbe", "readinessProbe"].filter(p => !isObject(c.container[p]));
            if (absent.length > 0) {
                report(`${subject(pod, args)}: ${c.label} has no ${absent.join(" and ")}`);
            }
        }
    });

/** Tags that move by convention, whatever their spelling. */
const FLOATING_TAGS = new Set(["latest", "stable", "main", "master", "edge", "dev", "develop", "nightly", "current",
    "lts", "release", "mainline", "head", "canary", "beta", "alpha", "rc", "next", "snapshot", "test"]);

/** A full version: major.minor.patch, optional leading v, optional suffix (1.27.3, v2.0.1, 1.27.3-alpine). */
const FULL_VERSION = /^v?\d+\.\d+\.\d+(?:[-+_.][0-9A-Za-z][0-9A-Za-z._+-]*)?$/;

/**
 * Why an image reference is not pinned, or undefined when it is: a @sha256: digest, or a tag that is a full
 * version (major.minor.patch). Floating tags (latest, stable, main, ...), a bare major or major.minor and an
 * empty tag are not pinned.
 */
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
    const fix = "pin a full version (major.minor.patch) or a @sha256: digest";
    if (tag === "") {
        return `image "${image}" has an empty tag: ${fix}`;
    }
    if (tag.toLowerCase() === "latest") {
        return `image "${image}" uses the latest tag: ${fix}`;
    }
    if (FULL_VERSION.test(tag)) {
        return undefined;
    }
    if (/^v?\d+(?:[-_].*)?$/.test(tag)) {
        return `image "${image}" uses the floating tag "${tag}" (a bare major version): ${fix}`;
    }
    if (/^v?\d+\.\d+(?:[-_].*)?$/.test(tag)) {
        return `image "${image}" uses the floating tag "${tag}" (major.minor only): ${fix}`;
    }
    const word = FLOATING_TAGS.has(tag.toLowerCase()) ? "floating" : "unversioned";
    return `image "${image}" uses the ${word} tag "${tag}": ${fix}`;
}

export const pinnedImages = containerPolicy(
    "k8s-image-pinned",
    describe(
        "Container images must be pinned to a full version or a digest.",
        "use a full version tag (e.g. nginx:1.27.3) or a digest (image@sha256:...); latest, stable, main, a bare major "
        + "(nginx:1) or major.minor (nginx:1.27) and an empty tag (nginx:) float.",
        "CKV_K8S_14, Kyverno disallow-latest-tag"),
    (c, pod) => (c.container.image === undefined && pod.patch ? undefined : imageProblem(c.container.image)));

export const podPolicies: ResourceValidationPolicy[] = [
    runAsNonRoot,
    noPrivilegeEscalation,
    dropAllCapabilities,
    readOnlyRootFilesystem,
    seccompProfile,
    noHostNamespaces,
    noHostPath,
    noPrivileged,
    noHostPorts,
    noHostProcess,
    noProcMount,
    restrictSeLinux,
    restrictAppArmor,
    restrictSysctls,
    restrictVolumeTypes,
    requestsAndLimits,
    probes,
    pinnedImages,
];
