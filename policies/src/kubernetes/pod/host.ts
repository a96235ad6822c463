// Rules that keep pods off the node: host namespaces, host paths (pod volumes, hostPath and `local`
// PersistentVolumes), host ports, Windows HostProcess and the /proc mount.

import * as posix from "path/posix";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, describe, isObject, peek, violation } from "../../common/util";
import { objectsOf } from "../model/object";
import { podTemplatesOfObject } from "../model/pods";
import { containerPolicy, podPolicy, podSc, sc } from "./policy";

export const noHostNamespaces = podPolicy(
    "k8s-no-host-namespaces",
    describe(
        "Pods must not share the host's network, PID or IPC namespace.",
        "remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).",
        "CKV_K8S_17/18/19, Kyverno disallow-host-namespaces"),
    { why: "the pod would see and reach the node's processes, network interfaces and shared memory, bypassing "
        + "NetworkPolicies", fix: "remove hostNetwork, hostPID and hostIPC (or set them to false)" },
    (pod, report) => {
        const on = ["hostNetwork", "hostPID", "hostIPC"].filter(k => pod.spec[k] === true);
        if (on.length > 0) {
            report(`${pod.subject}: ${pod.path} sets ${on.map(k => `${k}: true`).join(", ")}`);
        }
    });

/** Directories of the node's own system: a `local` PersistentVolume there hands the host to whoever claims it. */
const SYSTEM_DIRS = ["/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/opt", "/proc",
    "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var"];

/** Why a `local` volume path is on the node's root filesystem, or undefined (after resolving //, . and ..). */
export function systemPath(path: unknown): string | undefined {
    if (typeof path !== "string" || !path.startsWith("/")) {
        return undefined;
    }
    const p = posix.normalize(path).replace(/\/+$/, "") || "/";
    if (p === "/") {
        return "the node's root directory";
    }
    const dir = SYSTEM_DIRS.find(d => p === d || p.startsWith(`${d}/`));
    return dir ? `the node's system directory ${dir}` : undefined;
}

const HOST_PATH_ADVICE = {
    why: "a host directory in a pod exposes the node's files (credentials, the container runtime's socket, other "
        + "pods' data) and lets it write to them",
    fix: "use emptyDir, configMap, secret, projected or persistentVolumeClaim volumes; back PersistentVolumes with a "
        + "CSI driver, or `local` volumes on dedicated disks (e.g. /mnt/disks/...)",
};

export const noHostPath: ResourceValidationPolicy = {
    name: "k8s-no-host-path",
    description: describe(
        "Pods must not mount hostPath volumes, and PersistentVolumes must not be hostPath volumes or `local` volumes "
        + "on the node's root filesystem.",
        "replace hostPath volumes with emptyDir, configMap, secret, projected or persistentVolumeClaim volumes; back "
        + "PersistentVolumes with a CSI driver or a storage class, or `local` volumes on dedicated disks, never a "
        + "system directory of the host.",
        "CKV_K8S_27, Kyverno disallow-host-path, Pod Security baseline"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const say = (what: string) => report(violation(what, HOST_PATH_ADVICE.why, HOST_PATH_ADVICE.fix));
        for (const o of objectsOf(args.type, args.props, args.name)) {
            if (o.kind === "PersistentVolume" && o.group === "") {
                const spec = o.body?.spec;
                const hp = isObject(spec) ? spec.hostPath : undefined;
                if (hp !== undefined && hp !== null) {
                    say(`${o.label} is a hostPath volume (spec.hostPath ${JSON.stringify(isObject(hp) ? hp.path : hp)})`);
                }
                const local = isObject(spec) && isObject(spec.local) ? spec.local.path : undefined;
                const where = systemPath(local);
                if (where) {
                    say(`${o.label} is a local volume at ${JSON.stringify(local)}, ${where}`);
                }
                continue;
            }
            for (const pod of podTemplatesOfObject(o)) {
                for (const v of asArray(pod.spec.volumes)) {
                    if (isObject(v) && peek(v, "hostPath") !== undefined && peek(v, "hostPath") !== null) {
                        say(`${pod.subject}: volume "${v.name}" is a hostPath volume (${JSON.stringify(peek(peek(v, "hostPath"), "path"))})`);
                    }
                }
            }
        }
    },
};

export const noHostPorts = containerPolicy(
    "k8s-no-host-ports",
    describe(
        "Containers must not bind host ports.",
        "remove ports[].hostPort (or set it to 0) and expose the container through a ClusterIP Service.",
        "CKV_K8S_26, Kyverno disallow-host-ports"),
    { why: "a host port listens on the node's own address, outside every NetworkPolicy and Service",
        fix: "remove ports[].hostPort and expose the container through a ClusterIP Service" },
    c => {
        const bound = asArray(c.container.ports).filter(p => isObject(p) && p.hostPort !== undefined && p.hostPort !== null
            && Number(p.hostPort) !== 0).map(p => String(p.hostPort));
        return bound.length > 0 ? `binds host port(s) ${bound.join(", ")} (ports[].hostPort)` : undefined;
    });

export const noHostProcess = containerPolicy(
    "k8s-no-host-process",
    describe(
        "Windows containers must not run as HostProcess containers.",
        "remove securityContext.windowsOptions.hostProcess (pod and container) or set it to false.",
        "Kyverno disallow-host-process"),
    { why: "a HostProcess container runs directly on the Windows node with its privileges",
        fix: "remove securityContext.windowsOptions.hostProcess (pod and container)" },
    (c, pod) => (sc(c).windowsOptions?.hostProcess === true || podSc(pod).windowsOptions?.hostProcess === true
        ? "runs as a Windows HostProcess container (windowsOptions.hostProcess: true)" : undefined));

export const noProcMount = containerPolicy(
    "k8s-no-proc-mount",
    describe(
        "Containers must use the default /proc mount.",
        "remove securityContext.procMount or set it to Default.",
        "Kyverno disallow-proc-mount"),
    { why: "an unmasked /proc exposes the node's kernel interfaces that the default mount hides",
        fix: "remove securityContext.procMount (or set it to Default)" },
    c => {
        const v = sc(c).procMount;
        return v === undefined || v === null || v === "Default" ? undefined : `sets securityContext.procMount: ${v}`;
    });
