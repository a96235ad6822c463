// The namespace rules, in the order the pack lists them.

import type { StackValidationPolicy } from "@pulumi/policy";
import { namespaceDefaultDeny } from "./defaultDeny";
import { namespacePodSecurity } from "./podSecurity";
import { namespaceResourceQuota } from "./quota";

export const namespacePolicies: StackValidationPolicy[] = [
    namespaceDefaultDeny,
    namespaceResourceQuota,
    namespacePodSecurity,
];

export { noDefaultNamespace } from "./defaultNamespace";
export * from "./defaultDeny";
export * from "./podSecurity";
export * from "./quota";
export * from "./scope";
