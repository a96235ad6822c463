// Production availability (validateStack): HPA and PodDisruptionBudget per Deployment.

import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Undecided, linkWithDeps, settle } from "../common/match";
import { Tri, and, eq, or } from "../common/tri";
import { UNKNOWN, describe, isObject, peek, peekPath, stackOfUrn } from "../common/util";
import { k8sName, k8sNamespace } from "./model/names";
import { selectorSelects } from "./model/selector";
import { resourcesOf } from "./model/stack";

// -----------------------------------------------------------------------------------------------------------------
// Production availability

interface StacksConfig {
    stacks?: string[];
}

const DEFAULT_PRODUCTION_STACKS = ["production"];

const stacksSchema = {
    properties: {
        stacks: {
            type: "array" as const,
            items: { type: "string" as const },
            default: DEFAULT_PRODUCTION_STACKS,
            description: "Stacks whose Deployments must satisfy this rule.",
        },
    },
};

/** The stack under analysis, from the URNs (`urn:pulumi:<stack>::<project>::...`). */
export function stackName(resources: readonly PolicyResource[]): string | undefined {
    for (const r of resources) {
        const s = stackOfUrn(r.urn);
        if (s) {
            return s;
        }
    }
    return undefined;
}

function productionDeployments(args: StackValidationArgs, policyName: string): PolicyResource[] {
    const configured = args.getConfig<StacksConfig>().stacks;
    const stacks = Array.isArray(configured) && configured.length > 0 ? configured : DEFAULT_PRODUCTION_STACKS;
    const stack = stackName(args.resources);
    if (stack === undefined || !stacks.includes(stack)) {
        args.notApplicable(`${policyName} applies only to stacks ${stacks.join(", ")}`);
    }
    return resourcesOf(args, "Deployment", ["apps", "extensions"]);
}

function sameNamespace(a: PolicyResource, b: PolicyResource): Tri {
    return eq(k8sNamespace(a.props, a.provider), k8sNamespace(b.props, b.provider));
}

/** Does HPA `hpa` scale Deployment `d`? */
export function hpaTargets(hpa: PolicyResource, d: PolicyResource): Tri {
    const ref = peekPath(hpa.props, ["spec", "scaleTargetRef"]);
    if (ref === UNKNOWN) {
        return linkWithDeps("maybe", hpa, d, ["spec"]);
    }
    if (!isObject(ref)) {
        return "no";
    }
    const kind = peek(ref, "kind");
    const link = and(eq(kind, "Deployment"), eq(peek(ref, "name"), k8sName(d.props, d.name)), sameNamespace(hpa, d));
    return link === "maybe" ? linkWithDeps(link, hpa, d, ["spec", "metadata"]) : link;
}

/** Pod template labels of a Deployment (UNKNOWN when not known yet). */
function templateLabels(d: PolicyResource): Record<string, unknown> | typeof UNKNOWN {
    const labels = peekPath(d.props, ["spec", "template", "metadata", "labels"]);
    if (labels === UNKNOWN) {
        return UNKNOWN;
    }
    return isObject(labels) ? labels : {};
}

/** Does PDB `pdb` cover Deployment `d` (same namespace, selector matchLabels a subset of the pod template labels)? */
export function pdbCovers(pdb: PolicyResource, d: PolicyResource): Tri {
    const selector = peekPath(pdb.props, ["spec", "selector"]);
    const link = and(sameNamespace(pdb, d), selectorSelects(selector, templateLabels(d)));
    return link === "maybe" ? linkWithDeps(link, pdb, d, ["spec", "metadata"]) : link;
}

/**
 * A stack rule requiring every Deployment of the configured stacks to have a companion resource of some kind
 * (an HPA, a PDB) that `covers` it.
 */
function productionCompanion(spec: {
    name: string; description: string; kind: string; groups: string[];
    covers: (companion: PolicyResource, d: PolicyResource) => Tri; missing: (deployment: string) => string; what: string;
    /** Why a companion does not protect (deployment given: relative to it; else on its own), or undefined. */
    problem: (companion: PolicyResource, d?: PolicyResource) => string | undefined;
    /** Why a Deployment without a working companion is unsafe, and the fix. */
    advice: { why: string; fix: string };
}): StackValidationPolicy {
    const tail = `. Why: ${spec.advice.why}. Fix: ${spec.advice.fix}`;
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: "mandatory",
        configSchema: stacksSchema,
        validateStack: (args, report) => {
            const deployments = productionDeployments(args, spec.name);
            const companions = resourcesOf(args, spec.kind, spec.groups);
            const undecided = new Undecided();
            const judged = new Set<string>();
            for (const d of deployments) {
                const name = k8sName(d.props, d.name);
                const covering = companions.filter(c => spec.covers(c, d) === "yes");
                settle(or(...companions.map(c => spec.covers(c, d))), report, undecided, `${spec.missing(name)}${tail}`, d.urn,
                    `${spec.what} of Deployment ${name}`);
                // Every companion that covers the Deployment must protect it; one good one does not hide a bad one.
                for (const c of covering) {
                    const why = spec.problem(c, d);
                    if (why) {
                        judged.add(c.urn);
                        report(`Deployment "${name}": ${spec.kind} "${k8sName(c.props, c.name)}" ${why}${tail}`, c.urn);
                    }
                }
            }
            for (const c of companions.filter(x => !judged.has(x.urn))) {
                const why = spec.problem(c);
                if (why) {
                    report(`${spec.kind} "${k8sName(c.props, c.name)}" ${why}${tail}`, c.urn);
                }
            }
            undecided.finish();
        },
    };
}

function knownNumber(v: unknown): number | undefined | typeof UNKNOWN {
    return v === UNKNOWN ? UNKNOWN : typeof v === "number" ? v : undefined;
}

/** Why an HPA does not keep a Deployment available and scalable (minReplicas >= 2, maxReplicas > minReplicas). */
export function hpaProblem(hpa: PolicyResource): string | undefined {
    const spec = peek(hpa.props, "spec");
    if (!isObject(spec)) {
        return undefined;
    }
    const rawMin = peek(spec, "minReplicas");
    const min = rawMin === undefined ? 1 : knownNumber(rawMin);
    const max = knownNumber(peek(spec, "maxReplicas"));
    if (min === UNKNOWN || max === UNKNOWN) {
        return undefined;
    }
    const problems: string[] = [];
    if (min === undefined || min < 2) {
        problems.push(`has minReplicas ${rawMin === undefined ? "unset (1)" : min ?? JSON.stringify(rawMin)}: keep at least 2 replicas`);
    }
    if (max === undefined || (min !== undefined && max <= min)) {
        problems.push(`has maxReplicas ${max ?? "unset"}: it must exceed minReplicas ${min ?? 1} or nothing scales`);
    }
    return problems.length > 0 ? problems.join("; ") : undefined;
}

function parseBudget(v: unknown): { value: number; percent: boolean } | undefined | typeof UNKNOWN {
    if (v === UNKNOWN) {
        return UNKNOWN;
    }
    if (typeof v === "number") {
        return { value: v, percent: false };
    }
    if (typeof v === "string") {
        const m = /^(\d+)%$/.exec(v.trim());
        if (m) {
            return { value: Number(m[1]), percent: true };
        }
        if (/^\d+$/.test(v.trim())) {
            return { value: Number(v), percent: false };
        }
    }
    return undefined;
}

/**
 * Why a PDB does not protect (maxUnavailable 100% / >= replicas or 0; minAvailable 0 / 0% or >= replicas, which
 * blocks every drain), or undefined. With a Deployment, integer budgets are compared with its replicas.
 */
export function pdbProblem(pdb: PolicyResource, d?: PolicyResource): string | undefined {
    const spec = peek(pdb.props, "spec");
    if (!isObject(spec)) {
        return undefined;
    }
    const rawReplicas = d ? peekPath(d.props, ["spec", "replicas"]) : undefined;
    const replicas = typeof rawReplicas === "number" ? rawReplicas : undefined;
    const maxU = parseBudget(peek(spec, "maxUnavailable"));
    const minA = parseBudget(peek(spec, "minAvailable"));
    if (maxU === UNKNOWN || minA === UNKNOWN) {
        return undefined;
    }
    if (maxU) {
        if (maxU.percent ? maxU.value >= 100 : replicas !== undefined && maxU.value >= replicas) {
            return `has maxUnavailable ${peek(spec, "maxUnavailable")}${replicas !== undefined ? ` for ${replicas} replicas` : ""}: `
                + "every pod may be evicted at once";
        }
        if (maxU.value === 0) {
            return "has maxUnavailable 0: no pod can ever be evicted, node drains block";
        }
        return undefined;
    }
    if (minA) {
        if (minA.value === 0) {
            return `has minAvailable ${peek(spec, "minAvailable")}: it protects nothing`;
        }
        if (minA.percent ? minA.value >= 100 : replicas !== undefined && minA.value >= replicas) {
            return `has minAvailable ${peek(spec, "minAvailable")}${replicas !== undefined ? ` for ${replicas} replicas` : ""}: `
                + "no pod can ever be evicted, node drains block";
        }
        return undefined;
    }
    return "sets neither minAvailable nor maxUnavailable (or an invalid one)";
}

export const productionHpa = productionCompanion({
    name: "k8s-production-hpa",
    description: describe(
        "Production Deployments must be autoscaled by a HorizontalPodAutoscaler with minReplicas >= 2 and maxReplicas above it.",
        "add an autoscaling/v2 HorizontalPodAutoscaler in the Deployment's namespace with scaleTargetRef "
        + "{kind: Deployment, name: <deployment name>}. Applies to the stacks in the policy config `stacks` "
        + "(default: production).",
        "availability rule; no Checkov/Kyverno id"),
    kind: "HorizontalPodAutoscaler",
    groups: ["autoscaling"],
    covers: hpaTargets,
    missing: name => `Deployment "${name}" has no HorizontalPodAutoscaler (scaleTargetRef kind Deployment, name ${name}, `
        + "same namespace)",
    what: "HPA",
    problem: hpaProblem,
    advice: { why: "a fixed replica count cannot absorb a load peak, and one replica is an outage away from none",
        fix: "add an HPA with minReplicas >= 2 and maxReplicas above it" },
});

export const productionPdb = productionCompanion({
    name: "k8s-production-pdb",
    description: describe(
        "Production Deployments must be protected by a PodDisruptionBudget that allows some, not all, evictions.",
        "add a policy/v1 PodDisruptionBudget in the Deployment's namespace whose spec.selector.matchLabels are a "
        + "non-empty subset of the Deployment's spec.template.metadata.labels. Applies to the stacks in the policy "
        + "config `stacks` (default: production).",
        "Kyverno require-pdb"),
    kind: "PodDisruptionBudget",
    groups: ["policy"],
    covers: pdbCovers,
    missing: name => `Deployment "${name}" has no PodDisruptionBudget whose selector matches its pod template labels`,
    what: "PDB",
    problem: pdbProblem,
    advice: { why: "a node drain or cluster upgrade may evict every pod at once (or, with a budget of zero, never finish)",
        fix: "add a PodDisruptionBudget that allows some, not all, evictions" },
});

export const availabilityPolicies: StackValidationPolicy[] = [
    productionHpa,
    productionPdb,
];
