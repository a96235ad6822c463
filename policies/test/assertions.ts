// Small assertion helpers shared by the rule tests.

import * as assert from "node:assert/strict";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Diagnostic, DumpResource, runResourcePolicy, runStackPolicy, stackResources } from "./harness";
import { STACK } from "./builders";

export function resourceDiagnostics(policy: ResourceValidationPolicy, r: DumpResource, config?: Record<string, unknown>): Diagnostic[] {
    return runResourcePolicy(policy, r, { stack: STACK, config });
}

export function stackDiagnostics(policy: StackValidationPolicy, resources: DumpResource[],
    opts: { stack?: string; config?: Record<string, unknown> } = {}): Diagnostic[] {
    const stack = opts.stack ?? STACK;
    const withStack = resources.map(r => ({ ...r, urn: r.urn?.replace(/^urn:pulumi:[^:]+::/, `urn:pulumi:${stack}::`) }));
    // Dependency URNs follow the stack too.
    for (const r of withStack) {
        if (r.propertyDependencies) {
            r.propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies)
                .map(([k, v]) => [k, v.map(u => u.replace(/^urn:pulumi:[^:]+::/, `urn:pulumi:${stack}::`))]));
        }
    }
    return runStackPolicy(policy, stackResources({ stack, resources: withStack }), { config: opts.config });
}

export function assertPasses(ds: Diagnostic[]): void {
    assert.deepEqual(ds.map(d => d.message), [], "expected no violation");
}

/** Exactly the given number of violations (default: at least one), each containing `substring`. */
export function assertFails(ds: Diagnostic[], substring: string, count?: number): void {
    assert.ok(ds.length > 0, `expected a violation containing ${JSON.stringify(substring)}, got none`);
    for (const d of ds) {
        assert.ok(d.message.includes(substring), `violation ${JSON.stringify(d.message)} lacks ${JSON.stringify(substring)}`);
    }
    if (count !== undefined) {
        assert.equal(ds.length, count, `expected ${count} violation(s): ${ds.map(d => d.message).join(" | ")}`);
    }
}

/** The SDK's advisory "can't run during preview" diagnostic. */
export function assertUndecided(ds: Diagnostic[]): void {
    assert.ok(ds.length > 0 && ds.every(d => d.level === "advisory" && d.message.includes("can't run policy")),
        `expected only the advisory preview diagnostic, got ${JSON.stringify(ds)}`);
}
