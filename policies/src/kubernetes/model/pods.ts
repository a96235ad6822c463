// Pod templates wherever they live: the built-in workloads at their fixed paths, and inside custom resources
// (Argo Rollouts, Knative, KEDA ScaledJobs, OpenKruise, operators' CRs ...) wherever an object carries a
// `containers` list, or an Argo Workflow template a single `container`/`script`.

import {
    UNKNOWN, asArray, checked, isObject, isUnknownValue, nonEmptyString, peek, peekPath, rawOf, throwUnknown,
} from "../../common/util";
import { K8sObject, objectsOf } from "./object";

/** Built-in workload kinds, their API groups and where their pod template (an object with metadata and spec) is. */
export const WORKLOAD_KINDS: Readonly<Record<string, { groups: readonly string[]; template: readonly string[] }>> = {
    Pod: { groups: [""], template: [] },
    PodTemplate: { groups: [""], template: ["template"] },
    Deployment: { groups: ["apps", "extensions"], template: ["spec", "template"] },
    StatefulSet: { groups: ["apps"], template: ["spec", "template"] },
    DaemonSet: { groups: ["apps", "extensions"], template: ["spec", "template"] },
    ReplicaSet: { groups: ["apps", "extensions"], template: ["spec", "template"] },
    ReplicationController: { groups: [""], template: ["spec", "template"] },
    Job: { groups: ["batch"], template: ["spec", "template"] },
    CronJob: { groups: ["batch"], template: ["spec", "jobTemplate", "spec", "template"] },
};

/** API groups served by Kubernetes itself: their objects are validated by the API server, so only the workload kinds above hold pods. */
const BUILT_IN_GROUPS = new Set(["", "apps", "batch", "extensions", "networking.k8s.io", "rbac.authorization.k8s.io",
    "policy", "autoscaling", "storage.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io",
    "apiregistration.k8s.io", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
    "flowcontrol.apiserver.k8s.io", "node.k8s.io", "scheduling.k8s.io", "resource.k8s.io", "authentication.k8s.io",
    "authorization.k8s.io", "internal.apiserver.k8s.io", "storagemigration.k8s.io"]);

export function isBuiltInGroup(group: string): boolean {
    return BUILT_IN_GROUPS.has(group);
}

/** True for an object of a built-in workload kind in its own API group. */
export function isWorkload(o: Pick<K8sObject, "kind" | "group">): boolean {
    const w = WORKLOAD_KINDS[o.kind];
    return w !== undefined && w.groups.includes(o.group);
}

export interface PodTemplate {
    object: K8sObject;
    /** The object's kind (e.g. "Deployment" for a DeploymentPatch, "Rollout"). */
    kind: string;
    /** For messages: the object, and for pods inside custom resources where the pod template is. */
    subject: string;
    /** The object is a patch: what it names is merged into an object the pack cannot see. */
    patch: boolean;
    /** The pod spec, behind the SDK's unknown-checking proxy. */
    spec: Record<string, any>;
    /** The pod metadata (annotations, labels), behind the proxy. */
    metadata: Record<string, any>;
    /** Path of the pod spec inside the object. */
    path: string;
}

function template(object: K8sObject, holder: unknown, path: string[], custom: boolean, spec?: unknown): PodTemplate {
    const rawSpec = spec ?? peek(holder, "spec");
    const rawMeta = peek(holder, "metadata");
    const specPath = [...path, ...(spec === undefined ? ["spec"] : [])].join(".");
    if (rawSpec === UNKNOWN) {
        throwUnknown(specPath);
    }
    return {
        object, kind: object.kind, patch: object.patch,
        subject: custom ? `${object.label} (pod template at ${specPath})` : object.label,
        spec: checked(isObject(rawSpec) ? rawSpec : {}), metadata: checked(isObject(rawMeta) ? rawMeta : {}),
        path: specPath || "spec",
    };
}

function hasContainerList(node: Record<string, unknown>): boolean {
    return asArray(peek(node, "containers")).some(c => isObject(c));
}

/** An Argo Workflow template with a single container (or script) and optional sidecars and init containers. */
function argoTemplateSpec(node: Record<string, any>, root: Record<string, any>): Record<string, unknown> | undefined {
    const main = isObject(node.container) ? node.container : isObject(node.script) ? node.script : undefined;
    if (!main || (main.image === undefined && !nonEmptyString(main.name))) {
        return undefined;
    }
    const rootSpec = isObject(root.spec) ? root.spec : {};
    return {
        securityContext: node.securityContext ?? rootSpec.securityContext,
        hostNetwork: node.hostNetwork ?? rootSpec.hostNetwork,
        volumes: node.volumes ?? rootSpec.volumes,
        containers: [main, ...asArray(node.sidecars)],
        initContainers: node.initContainers,
    };
}

function scan(object: K8sObject, root: Record<string, any>, node: unknown, parent: unknown, path: string[],
    out: PodTemplate[], depth: number): void {
    if (depth > 12 || node === UNKNOWN || isUnknownValue(node)) {
        return;
    }
    if (Array.isArray(node)) {
        node.forEach((x, i) => scan(object, root, x, node, [...path, String(i)], out, depth + 1));
        return;
    }
    if (!isObject(node)) {
        return;
    }
    if (hasContainerList(node)) {
        const inTemplate = path[path.length - 1] === "spec" && isObject(parent);
        out.push(template(object, inTemplate ? parent : {}, inTemplate ? path.slice(0, -1) : path, true,
            inTemplate ? undefined : node));
        return;
    }
    const argo = argoTemplateSpec(node, root);
    if (argo) {
        out.push(template(object, node, path, true, argo));
        return;
    }
    for (const key of Object.keys(node)) {
        if (depth === 0 && (key === "metadata" || key === "status" || key === "apiVersion" || key === "kind")) {
            continue;
        }
        scan(object, root, peek(node, key), node, [...path, key], out, depth + 1);
    }
}

/** The pod templates of one object: none for built-in non-workload kinds. */
export function podTemplatesOfObject(object: K8sObject): PodTemplate[] {
    if (isWorkload(object)) {
        const path = WORKLOAD_KINDS[object.kind].template;
        const holder = path.length === 0 ? object.body : peekPath(object.body, path);
        if (holder === UNKNOWN) {
            throwUnknown(path.join("."));
        }
        return [template(object, holder, [...path], false)];
    }
    if (isBuiltInGroup(object.group)) {
        return [];
    }
    const out: PodTemplate[] = [];
    const root = rawOf(object.body) as Record<string, any>;
    scan(object, root, root, undefined, [], out, 0);
    return out;
}

/** Every pod template of a resource's objects. */
export function podTemplatesOf(type: string, props: any, resourceName: string): PodTemplate[] {
    return objectsOf(type, props, resourceName).flatMap(podTemplatesOfObject);
}

export interface ContainerRef {
    container: Record<string, any>;
    list: "containers" | "initContainers" | "ephemeralContainers";
    /** e.g. `container "app"`, `initContainer "migrate"`, `ephemeralContainer "debug"`. */
    label: string;
}

const LIST_LABELS = { containers: "container", initContainers: "initContainer", ephemeralContainers: "ephemeralContainer" };

/** Every container, init container and ephemeral container of a pod spec. */
export function containersOf(spec: Record<string, any>): ContainerRef[] {
    const out: ContainerRef[] = [];
    for (const list of ["containers", "initContainers", "ephemeralContainers"] as const) {
        asArray(spec[list]).forEach((c: any, i: number) => {
            if (isObject(c)) {
                const name = nonEmptyString(c.name) ? c.name : `#${i}`;
                out.push({ container: c, list, label: `${LIST_LABELS[list]} "${name}"` });
            }
        });
    }
    return out;
}
