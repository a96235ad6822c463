// What the Kubernetes provider will send: each resource is judged as the object(s) its inputs describe, not by its
// Pulumi type token. The provider creates whatever `apiVersion`/`kind` the inputs carry (a token that disagrees is
// reported by k8s-object-matches-type); `<Kind>Patch` tokens change an existing object; `<Kind>List` tokens carry
// several objects in `items`; installer tokens (Helm Release, YAML/kustomize components) are not objects at all.

import { UNKNOWN, checked, isObject, isUnknownValue, nonEmptyString, peek, throwUnknown } from "../../common/util";

/** Tokens of the Kubernetes package that are installers or components, not objects the provider sends as such. */
export const INSTALLER_TOKENS = new Set([
    "kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v3:Chart", "kubernetes:helm.sh/v4:Chart",
    "kubernetes:yaml:ConfigFile", "kubernetes:yaml:ConfigGroup", "kubernetes:yaml/v2:ConfigFile",
    "kubernetes:yaml/v2:ConfigGroup", "kubernetes:kustomize:Directory", "kubernetes:kustomize/v2:Directory",
]);

export interface GroupVersion { group: string; version: string }

/** "apps/v1" -> {apps, v1}; "v1" and "core/v1" -> {"", v1}. */
export function parseApiVersion(apiVersion: string): GroupVersion {
    const slash = apiVersion.lastIndexOf("/");
    const group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return { group: group === "core" ? "" : group, version: apiVersion.substring(slash + 1) };
}

export function apiVersionOf(gv: GroupVersion): string {
    return gv.group === "" ? gv.version : `${gv.group}/${gv.version}`;
}

/** The group, version and kind a `kubernetes:<group/version>:<Kind>` token names, or undefined for other tokens. */
export function parseToken(type: string): (GroupVersion & { kind: string }) | undefined {
    const m = /^kubernetes:([^:]+):([A-Za-z0-9]+)$/.exec(type);
    return m ? { ...parseApiVersion(m[1]), kind: m[2] } : undefined;
}

export interface K8sObject {
    kind: string;
    group: string;
    version: string;
    apiVersion: string;
    /** A `<Kind>Patch`: server-side apply of the fields it names onto an object managed elsewhere. */
    patch: boolean;
    /** The object's inputs, still behind the SDK's unknown-checking proxy (the props, or one item of a List). */
    body: any;
    /** metadata.name, else the Pulumi resource name. */
    name: string;
    /** `<Kind> "<name>"` (`<Kind>Patch` for patches), with the List it comes from; for messages. */
    label: string;
    resourceType: string;
    resourceName: string;
    /** Where the object sits in the resource's inputs: [] for the resource itself, ["items", "<i>"] for a List item. */
    path: string[];
    /** Why the type token disagrees with what the inputs make the provider send, if it does. */
    mismatch?: string;
}

function describeObject(kind: string, patch: boolean, name: string, listOf?: string): string {
    const base = `${kind}${patch ? "Patch" : ""} "${name}"`;
    return listOf ? `${base} (in ${listOf})` : base;
}

function objectFrom(body: any, token: GroupVersion & { kind: string }, type: string, resourceName: string,
    opts: { patch: boolean; fallbackName: string; listOf?: string; path: string[] }): K8sObject {
    const inputKind = peek(body, "kind");
    const inputApiVersion = peek(body, "apiVersion");
    const tokenApiVersion = apiVersionOf(token);
    const kind = nonEmptyString(inputKind) ? inputKind : token.kind;
    const apiVersion = nonEmptyString(inputApiVersion) ? inputApiVersion : tokenApiVersion;
    const gv = parseApiVersion(apiVersion);
    const disagreements: string[] = [];
    if (kind !== token.kind) {
        disagreements.push(`kind ${kind}`);
    }
    if (apiVersionOf(gv) !== tokenApiVersion) {
        disagreements.push(`apiVersion ${apiVersion}`);
    }
    const metaName = peek(peek(body, "metadata"), "name");
    const name = nonEmptyString(metaName) ? metaName : opts.fallbackName;
    return {
        kind, group: gv.group, version: gv.version, apiVersion: apiVersionOf(gv), patch: opts.patch, body, name,
        label: describeObject(kind, opts.patch, name, opts.listOf), resourceType: type, resourceName, path: opts.path,
        mismatch: disagreements.length > 0
            ? `its inputs say ${disagreements.join(" and ")} while its type token ${type} says ${tokenApiVersion} ${token.kind}`
            : undefined,
    };
}

/**
 * The objects a resource makes the provider send (none for non-Kubernetes types and installers). Items of a List that
 * are not known yet make this throw the SDK's unknown error with `onUnknown: "throw"` (resource rules: the SDK then
 * reports "can't run during preview"), or are left out with "skip" (stack rules).
 */
export function objectsOf(type: string, props: any, resourceName: string,
    onUnknown: "throw" | "skip" = "throw"): K8sObject[] {
    const token = parseToken(type);
    if (!token || INSTALLER_TOKENS.has(type)) {
        return [];
    }
    const inputKind = peek(props, "kind");
    const k = token.kind;
    const items = peek(props, "items");
    // A List by its token or by its inputs (kind List, DeploymentList ... under any token): each item is an object.
    const listKind = nonEmptyString(inputKind) && inputKind.endsWith("List") ? inputKind : k;
    if (listKind.endsWith("List") && items !== undefined) {
        if (items === UNKNOWN) {
            return onUnknown === "throw" ? throwUnknown("items") : [];
        }
        const itemToken = { ...token, kind: listKind.slice(0, -4) || token.kind };
        const listOf = `${listKind} "${resourceName}"`;
        const out: K8sObject[] = [];
        (Array.isArray(items) ? items : []).forEach((raw, i) => {
            if (isUnknownValue(raw)) {
                if (onUnknown === "throw") {
                    throwUnknown(`items.${i}`);
                }
            } else if (isObject(raw)) {
                out.push(objectFrom(checked(raw), itemToken, type, resourceName,
                    { patch: false, fallbackName: `${resourceName}[${i}]`, listOf, path: ["items", String(i)] }));
            }
        });
        return out;
    }
    const patch = k.endsWith("Patch") && k.length > 5 && inputKind !== k;
    const objectToken = patch ? { ...token, kind: k.slice(0, -5) } : token;
    return [objectFrom(props, objectToken, type, resourceName, { patch, fallbackName: resourceName, path: [] })];
}
