// Kernel isolation rules: SELinux, AppArmor, sysctls and volume types (Pod Security baseline and restricted).

import { asArray, describe, isObject, nonEmptyString } from "../../common/util";
import { containersOf } from "../model/pods";
import { containerPolicy, podPolicy, podSc, sc } from "./policy";

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
    return problems.length > 0 ? `sets ${where}seLinuxOptions ${problems.join(", ")}` : undefined;
}

export const restrictSeLinux = containerPolicy(
    "k8s-restrict-selinux",
    describe(
        "Pods must not set custom SELinux users, roles or types.",
        "remove securityContext.seLinuxOptions user and role; use type container_t, container_init_t or container_kvm_t "
        + "if a type is needed.",
        "Kyverno disallow-selinux"),
    { why: "a custom SELinux type, user or role (spc_t, unconfined_t ...) lifts the confinement SELinux puts on containers",
        fix: "remove seLinuxOptions user and role; use only the container_t types" },
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
    { why: "an unconfined AppArmor profile removes the mandatory access control that limits what the process may touch",
        fix: "use RuntimeDefault or Localhost (annotation runtime/default or localhost/<profile>)" },
    (pod, report) => {
        const annotations = isObject(pod.metadata.annotations) ? pod.metadata.annotations : {};
        for (const [k, v] of Object.entries(annotations)) {
            if (k.startsWith(APPARMOR_ANNOTATION) && !appArmorAnnotationOk(v)) {
                report(`${pod.subject}: annotation ${k} is ${JSON.stringify(v)}`);
            }
        }
        const profiles: [string, unknown][] = [["the pod", podSc(pod).appArmorProfile]];
        for (const c of containersOf(pod.spec)) {
            profiles.push([c.label, sc(c).appArmorProfile]);
        }
        for (const [who, p] of profiles) {
            if (isObject(p) && !GOOD_APPARMOR_TYPES.has(String(p.type))) {
                report(`${pod.subject}: ${who} uses AppArmor profile ${p.type}`);
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

/** A sysctl name in its dotted form (Kubernetes also accepts `/` as the separator). */
export function sysctlName(v: unknown): string {
    return String(v).trim().replace(/\//g, ".");
}

export const restrictSysctls = podPolicy(
    "k8s-restrict-sysctls",
    describe(
        "Pods may set only the safe sysctls.",
        "remove securityContext.sysctls other than kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, "
        + "net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range and the other "
        + "Pod Security baseline ones.",
        "Kyverno restrict-sysctls"),
    { why: "other sysctls change kernel settings shared with every pod on the node",
        fix: "keep only the Pod Security baseline sysctls" },
    (pod, report) => {
        const bad = asArray(podSc(pod).sysctls).map(s => sysctlName(isObject(s) ? s.name : s)).filter(n => !SAFE_SYSCTLS.has(n));
        if (bad.length > 0) {
            report(`${pod.subject}: sets unsafe sysctl(s) ${bad.join(", ")}`);
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
    { why: "other volume types mount node paths or network storage outside the cluster's access control",
        fix: `use only ${[...ALLOWED_VOLUME_TYPES].join(", ")} volumes` },
    (pod, report) => {
        for (const v of asArray(pod.spec.volumes)) {
            if (!isObject(v)) {
                continue;
            }
            const types = Object.keys(v).filter(k => k !== "name" && v[k] !== undefined && v[k] !== null);
            const bad = types.filter(t => !ALLOWED_VOLUME_TYPES.has(t));
            if (bad.length > 0) {
                report(`${pod.subject}: volume "${v.name}" has type ${bad.join(", ")}`);
            }
        }
    });
