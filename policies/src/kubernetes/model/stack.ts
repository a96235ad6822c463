// The Kubernetes objects of a whole stack (for stack rules), normalised once per stack validation.

import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { isPulumiInternal } from "../../common/util";
import { K8sObject, objectsOf } from "./object";

export interface StackObject extends K8sObject {
    resource: PolicyResource;
}

const cache = new WeakMap<readonly PolicyResource[], StackObject[]>();

/** Every object the stack's resources make the provider send (List items expanded, patches included). */
export function stackObjects(args: Pick<StackValidationArgs, "resources">): StackObject[] {
    let objects = cache.get(args.resources);
    if (!objects) {
        objects = args.resources.filter(r => !isPulumiInternal(r))
            .flatMap(r => objectsOf(r.type, r.props, r.name, "skip").map(o => ({ ...o, resource: r })));
        cache.set(args.resources, objects);
    }
    return objects;
}

/** The stack's objects of a kind in one of `groups`; patches only with `patches: true`. */
export function objectsOfKind(args: Pick<StackValidationArgs, "resources">, kind: string, groups: readonly string[],
    opts: { patches?: boolean } = {}): StackObject[] {
    return stackObjects(args).filter(o => o.kind === kind && groups.includes(o.group) && (opts.patches || !o.patch));
}

/**
 * The stack's objects of a kind as PolicyResources (props = the object's inputs), for stack rules written against
 * resources: a Deployment registered under another token, or inside a List, is found by what it is.
 */
export function resourcesOf(args: Pick<StackValidationArgs, "resources">, kind: string, groups: readonly string[]): PolicyResource[] {
    return objectsOfKind(args, kind, groups).map(o => ({ ...o.resource, props: o.body }));
}
