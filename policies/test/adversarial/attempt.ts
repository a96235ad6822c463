// Adversarial attempts: insecure resources a real program could write while trying to get past a rule. Each attempt
// names the rule it targets; test/adversarial.test.ts runs them all and requires every rule to have at least two.

import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { resourceDiagnostics, stackDiagnostics } from "../assertions";
import type { Diagnostic, DumpResource } from "../harness";

export interface Attempt {
    rule: string;
    /** How the attempt tries to get past the rule. */
    how: string;
    run: () => Diagnostic[];
    /** A substring the rule's violation must contain. */
    expect: string;
    /** What the attempt registers (for comparing with other versions of the pack). */
    resources: DumpResource[];
    stack: boolean;
    config?: Record<string, unknown>;
}

export function against(policy: ResourceValidationPolicy, how: string, r: DumpResource, expect: string,
    config?: Record<string, unknown>): Attempt {
    return { rule: policy.name, how, run: () => resourceDiagnostics(policy, r, config), expect, resources: [r], stack: false, config };
}

export function againstStack(policy: StackValidationPolicy, how: string, resources: DumpResource[], expect: string): Attempt {
    return { rule: policy.name, how, run: () => stackDiagnostics(policy, resources), expect, resources, stack: true };
}
