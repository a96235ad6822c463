// The per-stack policy configuration, stated as differences from a base. The base is every rule at its own level
// (the `enforcementLevel` in its source: mandatory, except the advisory cloudfront-waf) plus the properties below;
// each stack lists only what it changes, and why. `npm run config` writes config/<stack>.json from this file (the
// CLI takes one complete file per stack: --policy-pack-config policies/config/<stack>.json); test/config.test.ts
// fails when a committed file differs from what this file generates.

import type { EnforcementLevel } from "@pulumi/policy";
import { DEFAULT_ALLOWED_REGISTRIES } from "../src/kubernetes/pod/images";

export const STACK_NAMES = ["development", "testing", "staging", "production"] as const;
export type StackName = typeof STACK_NAMES[number];

export interface StackDifferences {
    /** Rule name -> level, where the stack departs from the rule's own level. */
    levels?: Record<string, EnforcementLevel>;
    /** Rule name -> config properties added to (or replacing) the base properties. */
    properties?: Record<string, Record<string, unknown>>;
}

/** Config properties every stack starts from. */
export const BASE_PROPERTIES: Record<string, Record<string, unknown>> = {
    // The registries of the program's own images (its CI registry and the backup images); a stack that pulls from
    // elsewhere lists its registries under its own properties.
    "k8s-image-registry-allowed": { allowedRegistries: DEFAULT_ALLOWED_REGISTRIES },
};

/** Production-only availability rules: development and testing run single replicas on purpose. */
const NO_PRODUCTION_AVAILABILITY: Record<string, EnforcementLevel> = {
    "k8s-production-hpa": "disabled",
    "k8s-production-pdb": "disabled",
};

/** Installers the pack cannot see are refused where it matters; earlier stacks only warn while charts are rendered. */
const INSTALLERS_ADVISORY: Record<string, EnforcementLevel> = { "k8s-no-opaque-installers": "advisory" };

export const STACKS: Record<StackName, StackDifferences> = {
    development: {
        levels: {
            ...NO_PRODUCTION_AVAILABILITY,
            ...INSTALLERS_ADVISORY,
            // Costly or certificate-bound settings a developer stack may skip: reported, not refused.
            "s3-bucket-versioning": "advisory",
            "cloudfront-tls-1-2": "advisory",
            "cloudfront-access-logging": "advisory",
        },
    },
    testing: { levels: { ...NO_PRODUCTION_AVAILABILITY, ...INSTALLERS_ADVISORY } },
    staging: {},
    production: {},
};
