// The network exposure rules (resource rules), in the order the pack lists them.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ingressHostRequired, ingressSafeAnnotations, ingressTls } from "./ingress";
import { networkPolicyNoAllowAll } from "./networkPolicy";
import { noExposedServices, noExternalName } from "./service";

export const networkResourcePolicies: ResourceValidationPolicy[] = [
    noExposedServices,
    ingressTls,
    networkPolicyNoAllowAll,
    noExternalName,
    ingressHostRequired,
    ingressSafeAnnotations,
];

export * from "./ingress";
export * from "./networkPolicy";
export * from "./reachability";
export * from "./service";
