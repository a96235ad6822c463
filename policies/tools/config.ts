// Renders config/<stack>.json from config/stacks.ts: every rule of the pack with its level for the stack and its
// config properties, in the pack's order, so the files stay complete for the CLI and reviewable in diffs.

import type { EnforcementLevel } from "@pulumi/policy";
import { allPolicies } from "../src/policies";
import { BASE_PROPERTIES, STACKS, StackName } from "../config/stacks";

export function configFor(stack: StackName): Record<string, { enforcementLevel: EnforcementLevel; [prop: string]: unknown }> {
    const diff = STACKS[stack];
    const known = new Set(allPolicies.map(p => p.name));
    for (const name of [...Object.keys(diff.levels ?? {}), ...Object.keys(diff.properties ?? {}), ...Object.keys(BASE_PROPERTIES)]) {
        if (!known.has(name)) {
            throw new Error(`config/stacks.ts names ${name}, which is not a rule of the pack`);
        }
    }
    const out: Record<string, { enforcementLevel: EnforcementLevel; [prop: string]: unknown }> = {};
    for (const p of allPolicies) {
        out[p.name] = {
            enforcementLevel: diff.levels?.[p.name] ?? p.enforcementLevel ?? "mandatory",
            ...(BASE_PROPERTIES[p.name] ?? {}),
            ...(diff.properties?.[p.name] ?? {}),
        };
    }
    return out;
}

/** The exact text of config/<stack>.json. */
export function renderConfig(stack: StackName): string {
    return `${JSON.stringify(configFor(stack), null, 2)}\n`;
}
