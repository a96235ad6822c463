// Every verto policy, in the order the pack lists them. index.ts hands this list to the PolicyPack; the tests use
// it directly (index.ts itself starts a gRPC server and is never imported by tests).

import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { cloudfrontPolicies } from "./aws/cloudfront";
import { iamNoWildcardGrants } from "./aws/iam/rules";
import { kmsKeyRotation } from "./aws/kms";
import { s3Policies, s3ResourcePolicies } from "./aws/s3";
import { availabilityPolicies } from "./kubernetes/availability";
import { autoscalingPolicies } from "./kubernetes/autoscaling";
import { noOpaqueInstallers } from "./kubernetes/installers";
import { namespacePolicies, noDefaultNamespace } from "./kubernetes/namespace";
import { networkResourcePolicies } from "./kubernetes/network";
import { noDeprecatedApi, objectMatchesType } from "./kubernetes/objects";
import { podPolicies } from "./kubernetes/pod";
import { rbacPolicies } from "./kubernetes/rbac/rules";
import { secretNotPlaintext } from "./kubernetes/secret";

export const resourcePolicies: ResourceValidationPolicy[] = [
    ...podPolicies, ...networkResourcePolicies, secretNotPlaintext, ...s3ResourcePolicies, ...cloudfrontPolicies,
    objectMatchesType, noDeprecatedApi, noOpaqueInstallers, noDefaultNamespace, ...rbacPolicies, iamNoWildcardGrants,
    kmsKeyRotation,
];
export const stackPolicies: StackValidationPolicy[] = [...namespacePolicies, ...availabilityPolicies, ...autoscalingPolicies, ...s3Policies];
export const allPolicies: Policy[] = [...resourcePolicies, ...stackPolicies];

export const PACK_NAME = "verto-policies";
