// Every namespace needs a default-deny NetworkPolicy, and nothing in it may open everything again.
//
// Patches are merged first: a NetworkPolicyPatch of the stack's default deny (same namespace and name) changes what
// the default deny will be, so the merged object is judged. Policies add up, so the allow-all check unions the rules
// of every policy that applies to the same pods (same pod selector, or one that selects every pod).

import type { StackValidationPolicy } from "@pulumi/policy";
import { Undecided, settle } from "../../common/match";
import { Tri, and, or } from "../../common/tri";
import { UNKNOWN, asArray, describe, isObject, peek, rawOf, violation } from "../../common/util";
import { mergePatch } from "../model/merge";
import { k8sName } from "../model/names";
import { StackObject, objectsOfKind } from "../model/stack";
import { ALLOW_ALL_ADVICE, NETWORK_POLICY_GROUPS } from "../network/networkPolicy";
import { LabeledRule, PEERS_KEY, allowsAll, rulesOf } from "../network/reachability";
import { inNamespace, namespaceOf, namespacesOf, nsLabel, nsUrn } from "./scope";

function isEmptySelector(sel: unknown): Tri {
    if (sel === UNKNOWN) {
        return "maybe";
    }
    if (sel === undefined || sel === null) {
        return "yes"; // an omitted podSelector is defaulted to {} by the API server
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

/** A NetworkPolicy spec (raw) that selects every pod and allows nothing in either direction. */
export function isDefaultDeny(spec: unknown): Tri {
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

/** A policy's spec as it will be once the stack's patches of it (same namespace and name) are applied. */
function effectiveSpec(np: StackObject, patches: readonly StackObject[]): { spec: unknown; patchedBy: StackObject[] } {
    let spec = peek(rawOf(np.body), "spec");
    const name = k8sName(np.body, np.resource.name);
    const ns = namespaceOf(np);
    const patchedBy = patches.filter(p => k8sName(p.body, p.resource.name) === name && namespaceOf(p) === ns);
    for (const p of patchedBy) {
        spec = mergePatch(spec, peek(rawOf(p.body), "spec"));
    }
    return { spec, patchedBy };
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
        const all = objectsOfKind(args, "NetworkPolicy", NETWORK_POLICY_GROUPS, { patches: true });
        const policies = all.filter(p => !p.patch);
        const patches = all.filter(p => p.patch);
        for (const ns of namespacesOf(args)) {
            const label = nsLabel(ns);
            const effective = policies.map(np => ({ np, ...effectiveSpec(np, patches) }));
            const result = or(...effective.map(e => and(inNamespace(e.np, ns), isDefaultDeny(e.spec))));
            const repointed = effective.filter(e => e.patchedBy.length > 0 && isDefaultDeny(peek(rawOf(e.np.body), "spec")) === "yes"
                && isDefaultDeny(e.spec) !== "yes" && inNamespace(e.np, ns) === "yes");
            const hint = repointed.length > 0 ? ` (${repointed.map(e => `${e.patchedBy.map(p => p.label).join(", ")} changes ${e.np.label}`).join("; ")})` : "";
            settle(result, report, undecided, violation(`${label} has no default-deny NetworkPolicy${hint}`,
                "without one every pod of the namespace accepts connections from, and opens connections to, anything",
                "add a NetworkPolicy with podSelector: {}, policyTypes: [Ingress, Egress] and no rules, and do not patch it"),
            nsUrn(ns), `default-deny NetworkPolicy of namespace ${ns.name}`);
            const merged = new Set(effective.flatMap(e => e.patchedBy));
            const standalone = patches.filter(p => !merged.has(p)).map(p => ({ np: p, spec: peek(rawOf(p.body), "spec"), standalone: true }));
            reportAllowAll([...effective.map(e => ({ ...e, standalone: false })), ...standalone]
                .filter(e => inNamespace(e.np, ns) === "yes"), label, (msg, urn) => report(msg, urn));
        }
        undecided.finish();
    },
};

/** Reports every set of policies that, for the same pods, together open everything. */
function reportAllowAll(effective: { np: StackObject; spec: unknown; standalone: boolean }[], nsText: string,
    report: (m: string, urn: string) => void): void {
    const seen = new Set<string>();
    const selectorKey = (spec: unknown) => JSON.stringify(peek(spec, "podSelector") ?? {});
    const selectsAll = (spec: unknown) => isEmptySelector(peek(spec, "podSelector")) === "yes";
    for (const e of effective) {
        // A patch of a policy the stack does not declare has no pod selector of its own to group by.
        const peers = e.standalone ? [e] : effective.filter(q => q === e
            || (!q.standalone && (selectsAll(q.spec) || selectorKey(q.spec) === selectorKey(e.spec))));
        for (const direction of ["ingress", "egress"] as const) {
            const rules: LabeledRule[] = peers.flatMap(q => rulesOf(q.spec, direction, `NetworkPolicy "${k8sName(q.np.body, q.np.resource.name)}" `));
            const v = allowsAll(rules, PEERS_KEY[direction]);
            if (v.verdict === "yes" && !seen.has(v.reason!)) {
                seen.add(v.reason!);
                report(violation(`${nsText}: ${v.reason}, which cancels the default-deny`, ALLOW_ALL_ADVICE.why,
                    ALLOW_ALL_ADVICE.fix), e.np.resource.urn);
            }
        }
    }
}
