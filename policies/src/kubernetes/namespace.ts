// Kubernetes namespace rules (validateStack over all resources of the stack): namespace isolation, quotas and
// Pod Security admission.
//
// The namespaces judged are the Namespace resources of the stack AND every namespace a workload of the stack runs
// in, declared or not: a workload in a namespace managed elsewhere still needs a default-deny NetworkPolicy and a
// ResourceQuota from this stack, and cannot show its Pod Security level, so it is reported.
// Every related resource must be compliant: an allow-all NetworkPolicy or an empty ResourceQuota in a namespace fails
// the namespace (and is named), whatever other policies or quotas it has.
//
// Matching: a namespaced object belongs to namespace N when its metadata.namespace (else its provider's namespace,
// else "default") equals N's metadata.name (else N's Pulumi resource name, for autonamed namespaces). When a value
// is not known during preview, the engine's property dependencies decide (see ../common/match.ts).

import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Tri, Undecided, and, eq, linkWithDeps, or, settle } from "../common/match";
import {
    UNKNOWN, WORKLOAD_KINDS, asArray, describe, isK8s, isK8sOrPatch, isObject, isPulumiInternal, k8sName, k8sNamespace, peek,
    positiveQuantity,
} from "../common/util";
import { allowAllReason } from "./network";

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


/** A namespace the stack touches: its name, and the Namespace resource when the stack declares it. */
interface NamespaceRef {
    name: string;
    resource?: PolicyResource;
    /** A workload in it (the resource to report on when the namespace is not declared). */
    user?: PolicyResource;
}

/** Declared Namespaces plus every namespace a (non-patch) workload of the stack runs in. */
export function namespacesOf(args: StackValidationArgs): NamespaceRef[] {
    const out = new Map<string, NamespaceRef>();
    for (const ns of resourcesOf(args, "Namespace", [""])) {
        out.set(k8sName(ns.props, ns.name), { name: k8sName(ns.props, ns.name), resource: ns });
    }
    const declared = [...out.values()].map(n => n.resource!);
    for (const r of args.resources) {
        if (isPulumiInternal(r) || !Object.entries(WORKLOAD_KINDS).some(([k, g]) => isK8s(r.type, k, g))) {
            continue;
        }
        const ns = k8sNamespace(r.props, r.provider);
        if (ns === UNKNOWN || out.has(ns)) {
            continue; // unknown during preview: linked to a declared namespace by dependencies, if at all
        }
        if (declared.some(d => inNamespace(r, d) !== "no")) {
            continue;
        }
        out.set(ns, { name: ns, user: r });
    }
    return [...out.values()];
}

/** Does namespaced resource `r` live in namespace `ns` (declared or not)? */
function inNamespaceRef(r: PolicyResource, ns: NamespaceRef): Tri {
    return ns.resource ? inNamespace(r, ns.resource) : eq(k8sNamespace(r.props, r.provider), ns.name);
}

function nsLabel(ns: NamespaceRef): string {
    return ns.resource ? `Namespace "${ns.name}"` : `Namespace "${ns.name}" (not declared in this stack, used by ${ns.user!.name})`;
}

function nsUrn(ns: NamespaceRef): string {
    return (ns.resource ?? ns.user!).urn;
}

export const namespaceDefaultDeny: StackValidationPolicy = {
    name: "k8s-namespace-default-deny",
    description: describe(
        "Every namespace the stack declares or runs workloads in must have a default-deny NetworkPolicy, and no "
        + "NetworkPolicy there may allow all traffic (policies add up).",
        "add a NetworkPolicy in the namespace with podSelector: {}, policyTypes: [Ingress, Egress] and no ingress/egress "
        + "rules; then allow the needed flows with additional NetworkPolicies that name their peers or ports.",
        "CKV2_K8S_6, Polaris missingNetworkPolicy, Kyverno add-network-policy"),
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const undecided = new Undecided();
        const policies = args.resources.filter(r => !isPulumiInternal(r) && isK8sOrPatch(r.type, "NetworkPolicy", NETWORK_POLICY_GROUPS));
        for (const ns of namespacesOf(args)) {
            const label = nsLabel(ns);
            const mine = policies.filter(np => !np.type.endsWith("Patch"));
            const result = or(...mine.map(np => and(inNamespaceRef(np, ns), isDefaultDeny(np))));
            settle(result, report, undecided,
                `${label} has no default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress], `
                + "no ingress/egress rules)", nsUrn(ns), `default-deny NetworkPolicy of namespace ${ns.name}`);
            for (const np of policies) {
                const why = allowsAll(np);
                if (why && inNamespaceRef(np, ns) === "yes") {
                    report(`${label}: NetworkPolicy "${k8sName(np.props, np.name)}" ${why}, which cancels the default-deny`, np.urn);
                }
            }
        }
        undecided.finish();
    },
};

/** Why a NetworkPolicy allows all traffic (read raw: unknown rules are not judged here), or undefined. */
function allowsAll(np: PolicyResource): string | undefined {
    const spec = peek(np.props, "spec");
    if (!isObject(spec)) {
        return undefined;
    }
    for (const [key, peers] of [["ingress", "from"], ["egress", "to"]] as const) {
        const rules = peek(spec, key);
        if (rules === UNKNOWN) {
            continue;
        }
        for (const [i, rule] of asArray(rules).entries()) {
            const why = allowAllReason(rule, peers);
            if (why) {
                return `has spec.${key}[${i}] = ${why}`;
            }
        }
    }
    return undefined;
}

/** Hard limits a ResourceQuota must set (either spelling of the requests). */
const QUOTA_KEYS: [string, string[]][] = [
    ["requests.cpu", ["requests.cpu", "cpu"]],
    ["requests.memory", ["requests.memory", "memory"]],
    ["limits.cpu", ["limits.cpu"]],
    ["limits.memory", ["limits.memory"]],
];

/** Why a ResourceQuota bounds nothing useful, or undefined (unknown values are not judged). */
export function quotaProblem(q: PolicyResource): string | undefined {
    const hard = peek(peek(q.props, "spec"), "hard");
    if (hard === UNKNOWN || peek(q.props, "spec") === UNKNOWN) {
        return undefined;
    }
    const missing: string[] = [];
    for (const [label, keys] of QUOTA_KEYS) {
        const values = keys.map(k => peek(hard, k)).filter(v => v !== undefined);
        if (values.includes(UNKNOWN)) {
            continue;
        }
        if (!values.some(positiveQuantity)) {
            missing.push(label);
        }
    }
    return missing.length > 0 ? `sets no positive spec.hard ${missing.join(", ")}` : undefined;
}

export const namespaceResourceQuota: StackValidationPolicy = {
    name: "k8s-namespace-resource-quota",
    description: describe(
        "Every namespace the stack declares or runs workloads in must have a ResourceQuota, and every ResourceQuota "
        + "must bound CPU and memory.",
        "add a ResourceQuota in the namespace with spec.hard requests.cpu, requests.memory, limits.cpu and "
        + "limits.memory above zero (plus pods, services ... as needed).",
        "Kyverno add-ns-quota"),
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const undecided = new Undecided();
        const quotas = resourcesOf(args, "ResourceQuota", [""]);
        for (const q of args.resources.filter(r => !isPulumiInternal(r) && isK8sOrPatch(r.type, "ResourceQuota", [""]))) {
            const why = quotaProblem(q);
            if (why) {
                report(`ResourceQuota "${k8sName(q.props, q.name)}" ${why}: it does not bound the namespace`, q.urn);
            }
        }
        for (const ns of namespacesOf(args)) {
            const result = or(...quotas.map(q => inNamespaceRef(q, ns)));
            settle(result, report, undecided, `${nsLabel(ns)} has no ResourceQuota`, nsUrn(ns),
                `ResourceQuota of namespace ${ns.name}`);
        }
        undecided.finish();
    },
};

const PSA_ENFORCE = "pod-security.kubernetes.io/enforce";

export const namespacePodSecurity: StackValidationPolicy = {
    name: "k8s-namespace-pod-security",
    description: describe(
        "Every namespace the stack declares must enforce Pod Security restricted, and every namespace its workloads "
        + "run in must be declared by the stack (so that level can be seen); a NamespacePatch must not lower it.",
        "label the Namespace pod-security.kubernetes.io/enforce: restricted; declare the namespaces your workloads "
        + "run in.",
        "Pod Security Admission restricted level, Kyverno add-psa-labels"),
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const undecided = new Undecided();
        for (const r of args.resources.filter(x => !isPulumiInternal(x) && isK8sOrPatch(x.type, "Namespace", [""]))) {
            const patch = r.type.endsWith("Patch");
            const labels = peek(peek(r.props, "metadata"), "labels");
            const level = labels === UNKNOWN ? UNKNOWN : peek(labels, PSA_ENFORCE);
            if (level === UNKNOWN) {
                undecided.add(`Pod Security label of namespace ${k8sName(r.props, r.name)}`);
            } else if (level !== "restricted" && !(patch && level === undefined)) {
                report(`${patch ? "NamespacePatch" : "Namespace"} "${k8sName(r.props, r.name)}" has ${PSA_ENFORCE}: `
                    + `${level ?? "(unset)"}; set it to restricted`, r.urn);
            }
        }
        for (const ns of namespacesOf(args).filter(n => !n.resource)) {
            report(`${nsLabel(ns)}: the namespace's Pod Security level cannot be checked; declare the Namespace `
                + `with ${PSA_ENFORCE}: restricted in this stack`, nsUrn(ns));
        }
        undecided.finish();
    },
};

export const namespacePolicies: StackValidationPolicy[] = [
    namespaceDefaultDeny,
    namespaceResourceQuota,
    namespacePodSecurity,
];
