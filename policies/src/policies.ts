// Every verto policy, in the order the pack lists them. index.ts hands this list to the PolicyPack; the tests use
// it directly (index.ts itself starts a gRPC server and is never imported by tests).

import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { awsResourcePolicies, awsStackPolicies } from "./aws";
import { kubernetesResourcePolicies } from "./kubernetes";
import { kubernetesStackPolicies } from "./stack";

export const resourcePolicies: ResourceValidationPolicy[] = [...kubernetesResourcePolicies, ...awsResourcePolicies];
export const stackPolicies: StackValidationPolicy[] = [...kubernetesStackPolicies, ...awsStackPolicies];
export const allPolicies: Policy[] = [...resourcePolicies, ...stackPolicies];

export const PACK_NAME = "verto-policies";
