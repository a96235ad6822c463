// Shared helpers for the verto policies: safe property access that copes with preview-time unknowns,
// Kubernetes type matching and pod-template extraction, resource naming.

import type { PolicyResource } from "@pulumi/policy";

/**
 * The sentinel strings that the policy SDK (`@pulumi/policy/proxy.js`) and the engine use for values
 * that are not known yet during `pulumi preview` (one per value kind). Reading such a value through the
 * props proxy that the SDK hands to a policy throws an `UnknownValueError`, which the SDK turns into an
 * advisory "can't run policy during preview" diagnostic. Stack policies need to look at many resources at
 * once, so they read raw values with {@link peek} and decide per value instead.
 */
const UNKNOWN_SENTINELS = new Set<string>([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "030794c1-ac77-496b-92df-f27374a8bd58", // asset
    "e48ece36-62e2-4504-bad9-02848725956a", // archive
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

/** A value that is not known during preview. */
export const UNKNOWN: unique symbol = Symbol("unknown");

export function isUnknownValue(v: unknown): boolean {
    return typeof v === "string" && UNKNOWN_SENTINELS.has(v);
}

/** True for the SDK's UnknownValueError (thrown when a policy reads an unknown value through the props proxy). */
export function isUnknownValueError(e: unknown): boolean {
    return e instanceof Error && e.constructor !== undefined && e.constructor.name === "UnknownValueError";
}

/**
 * Reads `obj[key]` without triggering the SDK's unknown-checking proxy: the proxy only traps `get`, so the
 * property descriptor comes straight from the underlying object. Returns {@link UNKNOWN} for a value that is
 * not known yet, `undefined` for a missing one.
 */
export function peek(obj: unknown, key: string): unknown {
    if (obj === null || obj === undefined || typeof obj !== "object") {
        return undefined;
    }
    const desc = Object.getOwnPropertyDescriptor(obj, key);
    if (!desc) {
        return undefined;
    }
    const v = desc.value;
    return isUnknownValue(v) ? UNKNOWN : v;
}

/** {@link peek} along a path; stops at the first missing or unknown value. */
export function peekPath(obj: unknown, path: readonly string[]): unknown {
    let cur: unknown = obj;
    for (const key of path) {
        if (cur === UNKNOWN) {
            return UNKNOWN;
        }
        cur = peek(cur, key);
        if (cur === undefined) {
            return undefined;
        }
    }
    return cur;
}

export function isObject(v: unknown): v is Record<string, any> {
    return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function asArray(v: unknown): any[] {
    return Array.isArray(v) ? v : [];
}

export function nonEmptyString(v: unknown): v is string {
    return typeof v === "string" && v.trim() !== "";
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes

/** `kubernetes:<group/version>:<Kind>`; e.g. kindOf("kubernetes:apps/v1:Deployment") === "Deployment". */
export function k8sKind(type: string): string | undefined {
    const m = /^kubernetes:([^:]+):([A-Za-z0-9]+)$/.exec(type);
    return m ? m[2] : undefined;
}

/** The API group of a Kubernetes type token ("" for the core group). */
export function k8sGroup(type: string): string | undefined {
    const m = /^kubernetes:([^:]+):([A-Za-z0-9]+)$/.exec(type);
    if (!m) {
        return undefined;
    }
    const gv = m[1];
    const slash = gv.lastIndexOf("/");
    const group = slash < 0 ? "" : gv.substring(0, slash);
    return group === "core" ? "" : group;
}

/** True when `type` is the Kubernetes kind `kind` in one of the API groups `groups` (any version). */
export function isK8s(type: string, kind: string, groups: readonly string[]): boolean {
    return k8sKind(type) === kind && groups.includes(k8sGroup(type) ?? "\u0000");
}

/**
 * The workload kinds whose pod template the pod policies check, with the API groups they live in. Each kind's
 * `<Kind>Patch` variant (server-side apply patches of objects managed elsewhere) is checked too.
 */
export const WORKLOAD_KINDS: Readonly<Record<string, readonly string[]>> = {
    Deployment: ["apps", "extensions"],
    StatefulSet: ["apps"],
    DaemonSet: ["apps", "extensions"],
    ReplicaSet: ["apps", "extensions"],
    ReplicationController: [""],
    Job: ["batch"],
    CronJob: ["batch"],
    Pod: [""],
    PodTemplate: [""],
};

export interface PodTemplate {
    /** The workload kind without any `Patch` suffix (e.g. "Deployment" for a DeploymentPatch). */
    kind: string;
    /** The resource's own kind, for messages (e.g. "DeploymentPatch"). */
    resourceKind: string;
    /**
     * True for `<Kind>Patch` resources: a patch only changes the fields it names, so rules judge what it sets and
     * do not require what it leaves out (the patched object keeps its own values).
     */
    patch: boolean;
    /** The pod spec (Pod: `spec`; controllers: `spec.template.spec`; CronJob: `spec.jobTemplate.spec.template.spec`). */
    spec: Record<string, any>;
    /** The pod metadata (annotations), same places with `metadata` instead of `spec`. */
    metadata: Record<string, any>;
    /** Path of the pod spec inside the resource, for messages. */
    path: string;
}

/** Splits a Kubernetes type token into its base kind and whether it is a `<Kind>Patch` variant. */
export function k8sBaseKind(type: string): { kind: string; patch: boolean } | undefined {
    const kind = k8sKind(type);
    if (!kind) {
        return undefined;
    }
    return kind.endsWith("Patch") && kind.length > 5 ? { kind: kind.slice(0, -5), patch: true } : { kind, patch: false };
}

/** True when `type` is the Kubernetes kind `kind` or its `<kind>Patch` variant, in one of `groups`. */
export function isK8sOrPatch(type: string, kind: string, groups: readonly string[]): boolean {
    const base = k8sBaseKind(type);
    return base !== undefined && base.kind === kind && groups.includes(k8sGroup(type) ?? "\u0000");
}

/**
 * Returns the pod template of a workload resource (or of its Patch variant), or undefined if `type` is not one of
 * {@link WORKLOAD_KINDS}. Reads go through the SDK proxy, so an unknown pod spec throws the SDK's UnknownValueError
 * (reported by the SDK as an advisory "can't run during preview").
 */
export function podTemplateOf(type: string, props: any): PodTemplate | undefined {
    const base = k8sBaseKind(type);
    if (!base || !(base.kind in WORKLOAD_KINDS) || !WORKLOAD_KINDS[base.kind].includes(k8sGroup(type) ?? "\u0000")) {
        return undefined;
    }
    const kind = base.kind;
    let holder: any;
    let path: string;
    if (kind === "Pod") {
        holder = props;
        path = "spec";
    } else if (kind === "PodTemplate") {
        holder = props?.template;
        path = "template.spec";
    } else if (kind === "CronJob") {
        holder = props?.spec?.jobTemplate?.spec?.template;
        path = "spec.jobTemplate.spec.template.spec";
    } else {
        holder = props?.spec?.template;
        path = "spec.template.spec";
    }
    const spec = holder?.spec;
    const metadata = holder?.metadata;
    return {
        kind, resourceKind: base.patch ? `${kind}Patch` : kind, patch: base.patch,
        spec: isObject(spec) ? spec : {}, metadata: isObject(metadata) ? metadata : {}, path,
    };
}

export interface ContainerRef {
    container: Record<string, any>;
    /** "containers", "initContainers" or "ephemeralContainers". */
    list: "containers" | "initContainers" | "ephemeralContainers";
    /** Human label, e.g. `container "app"`, `initContainer "migrate"`, `ephemeralContainer "debug"`. */
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

/**
 * A Kubernetes object's name: `metadata.name` when set and known, else the Pulumi resource name (autonamed
 * objects get `<resource name>-<suffix>` from the provider, which the program cannot know at preview time).
 */
export function k8sName(props: any, resourceName: string): string {
    const n = peekPath(props, ["metadata", "name"]);
    return nonEmptyString(n) ? n : resourceName;
}

/**
 * A namespaced Kubernetes object's namespace: `metadata.namespace`, else the namespace configured on its
 * provider, else "default". Returns {@link UNKNOWN} when the namespace is not known yet (preview).
 */
export function k8sNamespace(props: any, provider?: { props: any }): string | typeof UNKNOWN {
    const ns = peekPath(props, ["metadata", "namespace"]);
    if (ns === UNKNOWN) {
        return UNKNOWN;
    }
    if (nonEmptyString(ns)) {
        return ns;
    }
    const providerNs = provider ? peek(provider.props, "namespace") : undefined;
    if (providerNs === UNKNOWN) {
        return UNKNOWN;
    }
    return nonEmptyString(providerNs) ? providerNs : "default";
}

/** The stack name from a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOfUrn(urn: string): string | undefined {
    const m = /^urn:pulumi:([^:]+)::/.exec(urn);
    return m ? m[1] : undefined;
}

/** True for resources that no rule should look at: providers (`pulumi:providers:*`) and the stack itself. */
export function isPulumiInternal(r: Pick<PolicyResource, "type">): boolean {
    return r.type.startsWith("pulumi:");
}

// ---------------------------------------------------------------------------------------------------------------
// Policy metadata

/** Description text used for every policy: what to do, then the matching rule ids. */
export function describe(what: string, fix: string, ids: string): string {
    return `${what} Fix: ${fix} (${ids})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Kubernetes quantities

const QUANTITY_SUFFIXES: Record<string, number> = {
    "": 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/**
 * The value of a Kubernetes quantity ("500m", "1Gi", "2", 0.5, "1e3"), or undefined when it is not a valid
 * quantity. Numbers are taken as they are.
 */
export function parseQuantity(v: unknown): number | undefined {
    if (typeof v === "number") {
        return Number.isFinite(v) ? v : undefined;
    }
    if (typeof v !== "string") {
        return undefined;
    }
    const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(v.trim());
    if (!m) {
        return undefined;
    }
    const base = Number(m[1] + (m[2] ?? ""));
    return base * QUANTITY_SUFFIXES[m[3] ?? ""];
}

/** True for a valid quantity greater than zero. */
export function positiveQuantity(v: unknown): boolean {
    const q = parseQuantity(v);
    return q !== undefined && q > 0;
}
