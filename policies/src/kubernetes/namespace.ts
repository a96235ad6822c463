// Kubernetes namespace rules (validateStack over all resources of the stack): namespace isolation and quotas.
//
// Matching: a namespaced object belongs to namespace N when its metadata.namespace (else its provider's namespace,
// else "default") equals N's metadata.name (else N's Pulumi resource name, for autonamed namespaces). When a value
// is not known during preview, the engine's property dependencies decide (see ../common/match.ts).

import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Tri, Undecided, and, eq, linkWithDeps, or, settle } from "../common/match";
import { UNKNOWN, asArray, describe, isK8s, isObject, isPulumiInternal, k8sName, k8sNamespace, peek } from "../common/util";

export function resourcesOf(args: StackValidationArgs, kind: string, groups: readonly string[]): PolicyResource[] {
    return args.resources.filter(r => !isPulumiInternal(r) && isK8s(r.type, kind, groups));
}

const NETWORK_POLICY_GROUPS = ["networking.k8s.io", "extensions"];

/** Does namespaced resource `r` live in namespace resource `ns`? */
function inNamespace(r: PolicyResource, ns: PolicyResource): Tri {
    const nsName = k8sName(ns.props, ns.name);
    return linkWithDeps(eq(k8sNamespace(r.props, r.provider), nsName), r, ns, ["metadata"]);
}

function isEmptySelector(sel: unknown): Tri {
    if (sel === UNKNOWN) {
        return "maybe";
    }
    if (sel === undefined || sel === null) {
        return "yes"; // omitted podSelector is defaulted to {} by the API server
    }
    if (!isObject(sel)) {
        return "no";
    }
    const labels = peek(sel, "matchLabels");
    const exprs = peek(sel, "matchExpressions");
    if (labels === UNKNOWN || exprs === UNKNOWN) {
        return "maybe";
    }
    const noLabels = labels === undefined || labels === null || (isObject(labels) && Object.keys(labels).length === 0);
    const noExprs = exprs === undefined || exprs === null || (Array.isArray(exprs) && exprs.length === 0);
    return noLabels && noExprs ? "yes" : "no";
}

/** A NetworkPolicy that selects every pod and allows nothing in either direction. */
export function isDefaultDeny(np: PolicyResource): Tri {
    const spec = peek(np.props, "spec");
    if (spec === UNKNOWN) {
        return "maybe";
    }
    if (!isObject(spec)) {
        return "no";
    }
    const types = peek(spec, "policyTypes");
    const ingress = peek(spec, "ingress");
    const egress = peek(spec, "egress");
    if (types === UNKNOWN || ingress === UNKNOWN || egress === UNKNOWN) {
        return "maybe";
    }
    const typeList = asArray(types);
    const bothTypes = typeList.includes("Ingress") && typeList.includes("Egress");
    const noRules = asArray(ingress).length === 0 && asArray(egress).length === 0;
    return and(isEmptySelector(peek(spec, "podSelector")), bothTypes && noRules ? "yes" : "no");
}

export const namespaceDefaultDeny: StackValidationPolicy = {
    name: "k8s-namespace-default-deny",
    description: describe(
        "Every Namespace must have a default-deny NetworkPolicy.",
        "add a NetworkPolicy in the namespace with podSelector: {}, policyTypes: [Ingress, Egress] and no ingress/egress "
        + "rules; then allow the needed flows with additional NetworkPolicies.",
        "CKV2_K8S_6, Polaris missingNetworkPolicy, Kyverno add-network-policy"),
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const undecided = new Undecided();
        const policies = resourcesOf(args, "NetworkPolicy", NETWORK_POLICY_GROUPS);
        for (const ns of resourcesOf(args, "Namespace", [""])) {
            const name = k8sName(ns.props, ns.name);
            const result = or(...policies.map(np => and(inNamespace(np, ns), isDefaultDeny(np))));
            settle(result, report, undecided,
                `Namespace "${name}" has no default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress], `
                + "no ingress/egress rules)", ns.urn, `default-deny NetworkPolicy of namespace ${name}`);
        }
        undecided.finish();
    },
};

export const namespaceResourceQuota: StackValidationPolicy = {
    name: "k8s-namespace-resource-quota",
    description: describe(
        "Every Namespace must have a ResourceQuota.",
        "add a ResourceQuota in the namespace (hard limits for requests/limits of cpu and memory, pods).",
        "Kyverno add-ns-quota"),
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const undecided = new Undecided();
        const quotas = resourcesOf(args, "ResourceQuota", [""]);
        for (const ns of resourcesOf(args, "Namespace", [""])) {
            const name = k8sName(ns.props, ns.name);
            const result = or(...quotas.map(q => inNamespace(q, ns)));
            settle(result, report, undecided, `Namespace "${name}" has no ResourceQuota`, ns.urn,
                `ResourceQuota of namespace ${name}`);
        }
        undecided.finish();
    },
};

export const namespacePolicies: StackValidationPolicy[] = [
    namespaceDefaultDeny,
    namespaceResourceQuota,
];
