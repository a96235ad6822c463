// Which namespaces the stack touches, and which objects live in them.
//
// The namespaces judged are the Namespace objects of the stack AND every namespace a workload of the stack runs in
// (built-in workloads and custom resources holding pod templates), declared or not: a workload in a namespace
// managed elsewhere still needs a default-deny NetworkPolicy and a ResourceQuota from this stack, and cannot show
// its Pod Security level, so it is reported.
//
// Matching: a namespaced object belongs to namespace N when its metadata.namespace (else its provider's namespace,
// else "default") equals N's metadata.name (else N's Pulumi resource name, for autonamed namespaces). When a value
// is not known during preview, the engine's property dependencies decide (see ../../common/match.ts).

import type { StackValidationArgs } from "@pulumi/policy";
import { linkWithDeps } from "../../common/match";
import { Tri, eq } from "../../common/tri";
import { UNKNOWN, isUnknownValueError } from "../../common/util";
import { k8sName, k8sNamespace } from "../model/names";
import { isBuiltInGroup, isWorkload, podTemplatesOfObject } from "../model/pods";
import { StackObject, objectsOfKind, stackObjects } from "../model/stack";

/** A namespace the stack touches: its name, and the Namespace object when the stack declares it. */
export interface NamespaceRef {
    name: string;
    declared?: StackObject;
    /** A workload in it (the object to report on when the namespace is not declared). */
    user?: StackObject;
}

export function namespaceOf(o: StackObject): string | typeof UNKNOWN {
    return k8sNamespace(o.body, o.resource.provider);
}

/** Does namespaced object `o` live in the declared Namespace `ns`? */
function inDeclared(o: StackObject, ns: StackObject): Tri {
    return linkWithDeps(eq(namespaceOf(o), k8sName(ns.body, ns.resource.name)), o.resource, ns.resource, ["metadata"]);
}

/** Does namespaced object `o` live in namespace `ns` (declared or not)? */
export function inNamespace(o: StackObject, ns: NamespaceRef): Tri {
    return ns.declared ? inDeclared(o, ns.declared) : eq(namespaceOf(o), ns.name);
}

/** Objects that run pods: built-in workloads, and custom resources that hold pod templates. */
export function runsPods(o: StackObject): boolean {
    if (o.patch) {
        return false;
    }
    if (isWorkload(o)) {
        return true;
    }
    if (isBuiltInGroup(o.group)) {
        return false;
    }
    try {
        return podTemplatesOfObject(o).length > 0;
    } catch (e) {
        if (isUnknownValueError(e)) {
            return false;
        }
        throw e;
    }
}

/** Declared Namespaces plus every namespace a workload of the stack runs in. */
export function namespacesOf(args: StackValidationArgs): NamespaceRef[] {
    const out = new Map<string, NamespaceRef>();
    const declared = objectsOfKind(args, "Namespace", [""]);
    for (const ns of declared) {
        const name = k8sName(ns.body, ns.resource.name);
        out.set(name, { name, declared: ns });
    }
    for (const o of stackObjects(args).filter(runsPods)) {
        const ns = namespaceOf(o);
        if (ns === UNKNOWN || out.has(ns)) {
            continue; // unknown during preview: linked to a declared namespace by dependencies, if at all
        }
        if (declared.some(d => inDeclared(o, d) !== "no")) {
            continue;
        }
        out.set(ns, { name: ns, user: o });
    }
    return [...out.values()];
}

export function nsLabel(ns: NamespaceRef): string {
    return ns.declared ? `Namespace "${ns.name}"` : `Namespace "${ns.name}" (not declared in this stack, used by ${ns.user!.label})`;
}

export function nsUrn(ns: NamespaceRef): string {
    return (ns.declared ?? ns.user!).resource.urn;
}
