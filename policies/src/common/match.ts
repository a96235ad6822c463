// Three-valued matching for stack policies (the logic itself is in tri.ts), so that a preview with unknown values
// neither passes a resource wrongly nor fails it wrongly.
//
// A stack policy asks "does subject S (a bucket, a namespace, a Deployment) have a sibling C that does X?".
// Each sibling gives "yes" (linked to S and does X), "no", or "maybe" (a link or a setting is not known yet,
// e.g. `bucket: <id of a bucket being created>` during preview). S passes when some sibling says yes, fails when all
// say no, and is undecided otherwise. Definite failures are reported; if anything stayed undecided the policy then
// throws the SDK's own UnknownValueError, which the SDK reports as an advisory "can't run policy ... during preview"
// (the same thing it does when a resource policy reads an unknown value). During `pulumi up`, AnalyzeStack sees
// final outputs, so everything is decided there.

import type { PolicyResource, ReportViolation } from "@pulumi/policy";
import type { Tri } from "./tri";

/**
 * True when `from` depends on `to` through the engine's dependency data (AnalyzeStack fills `dependencies` and
 * `propertyDependencies` from the program's registrations). With `props` given, only dependencies of those
 * properties count.
 */
export function dependsOn(from: PolicyResource, to: PolicyResource, props?: readonly string[]): boolean {
    const pd = from.propertyDependencies ?? {};
    const keys = props ?? Object.keys(pd);
    for (const k of keys) {
        if ((pd[k] ?? []).some(d => d.urn === to.urn)) {
            return true;
        }
    }
    return props === undefined && (from.dependencies ?? []).some(d => d.urn === to.urn);
}

/**
 * Refines a link with the engine's property dependencies: "yes" when the sibling's referring property depends on the
 * subject; a "maybe" (reference not known yet) becomes "no" when that property depends on other resources only
 * (its unknown value comes from them, not from the subject).
 */
export function linkWithDeps(link: Tri, from: PolicyResource, to: PolicyResource, props: readonly string[]): Tri {
    if (link === "yes" || dependsOn(from, to, props)) {
        return "yes";
    }
    if (link === "maybe") {
        const deps = props.flatMap(k => from.propertyDependencies?.[k] ?? []);
        if (deps.length > 0) {
            return "no";
        }
    }
    return link;
}

/** Collects undecided subjects and, at the end, hands them to the SDK as a preview-time unknown. */
export class Undecided {
    private readonly items: string[] = [];

    add(what: string): void {
        this.items.push(what);
    }

    /** Throws the SDK's UnknownValueError when anything was undecided; call after all definite reports. */
    finish(): void {
        if (this.items.length === 0) {
            return;
        }
        // eslint-disable-next-line @typescript-eslint/no-var-requires
        const { UnknownValueError, unknownStringValue } = require("@pulumi/policy/proxy");
        throw new UnknownValueError(unknownStringValue, [`{${this.items.join("; ")}}`]);
    }
}

/** Reports a definite failure, records an undecided one, and does nothing on success. */
export function settle(result: Tri, report: ReportViolation, undecided: Undecided, message: string, urn: string,
    undecidedLabel: string): void {
    if (result === "no") {
        report(message, urn);
    } else if (result === "maybe") {
        undecided.add(undecidedLabel);
    }
}
