// RBAC by effective permissions: what a Role or ClusterRole lets its subjects do, with wildcards and subresource
// forms expanded the way the RBAC authorizer matches them.

import { asArray, isObject, peek, rawOf } from "../../common/util";
import { K8sObject } from "../model/object";

export const RBAC_GROUP = "rbac.authorization.k8s.io";

export interface PolicyRule {
    index: number;
    apiGroups: string[];
    resources: string[];
    verbs: string[];
    resourceNames: string[];
    nonResourceURLs: string[];
}

const norm = (v: unknown) => String(v).trim().toLowerCase();

/** The rules of a Role or ClusterRole object (raw), normalised to lower case. */
export function rulesOf(o: K8sObject): PolicyRule[] {
    return asArray(peek(rawOf(o.body), "rules")).filter(isObject).map((r, index) => ({
        index,
        apiGroups: asArray(r.apiGroups).map(norm),
        resources: asArray(r.resources).map(norm),
        verbs: asArray(r.verbs).map(norm),
        resourceNames: asArray(r.resourceNames).map(String),
        nonResourceURLs: asArray(r.nonResourceURLs).map(String),
    }));
}

export function isRole(o: K8sObject): boolean {
    return (o.kind === "Role" || o.kind === "ClusterRole") && o.group === RBAC_GROUP;
}

export function isBinding(o: K8sObject): boolean {
    return (o.kind === "RoleBinding" || o.kind === "ClusterRoleBinding") && o.group === RBAC_GROUP;
}

/** Does a rule's resource entry match `resource` (which may be `name/subresource`)? */
function resourceMatches(entry: string, resource: string): boolean {
    if (entry === "*" || entry === resource) {
        return true;
    }
    const [res, sub] = resource.split("/");
    return sub !== undefined && (entry === `*/${sub}` || entry === `${res}/*`);
}

export interface Permission { group: string; resource: string; verb: string }

/**
 * The rule that grants a permission, or undefined. `named` tells whether the grant is limited to named objects
 * (resourceNames; it cannot limit list, watch, create or deletecollection).
 */
export function grantingRule(rules: readonly PolicyRule[], p: Permission): { rule: PolicyRule; named: boolean } | undefined {
    for (const rule of rules) {
        if ((rule.apiGroups.includes("*") || rule.apiGroups.includes(p.group))
            && rule.resources.some(e => resourceMatches(e, p.resource))
            && (rule.verbs.includes("*") || rule.verbs.includes(p.verb))) {
            const named = rule.resourceNames.length > 0 && !["list", "watch", "create", "deletecollection"].includes(p.verb);
            return { rule, named };
        }
    }
    return undefined;
}

/** The verbs every resource has; a rule granting all of them grants everything a wildcard would. */
export const STANDARD_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];
