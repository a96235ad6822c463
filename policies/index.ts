// The verto policy pack. This file only assembles the PolicyPack; the rules live in src/.
// Constructing a PolicyPack starts the analyzer's gRPC server, so tests never import this module.
//
// Run: pulumi preview --policy-pack policies --policy-pack-config policies/config/<stack>.json
// (the Pulumi CLI runs this file through @pulumi/pulumi/cmd/run-policy-pack, which registers ts-node).

import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, allPolicies } from "./src/policies";
import { installSecretTracking } from "./src/common/secrets";

// Must run before the first Analyze request: lets k8s-secret-not-plaintext see which inputs were Pulumi secrets
// (the SDK unwraps them otherwise; see src/secrets.ts).
installSecretTracking();

new PolicyPack(PACK_NAME, {
    description: "Verto guardrails for Kubernetes and AWS (Checkov/Kyverno-aligned).",
    enforcementLevel: "mandatory",
    policies: allPolicies,
});
