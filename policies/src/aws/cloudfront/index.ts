// The CloudFront rules, in the order the pack lists them.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { distributionPolicies } from "./distribution";
import { cloudfrontOriginAccess, cloudfrontOriginHttps } from "./origins";

export const cloudfrontPolicies: ResourceValidationPolicy[] = [...distributionPolicies, cloudfrontOriginAccess, cloudfrontOriginHttps];

export * from "./distribution";
export * from "./origins";
