// The S3 rules, in the order the pack lists them.

import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { s3AccessLogging, s3OwnerEnforced } from "./ownership";
import { s3DenyInsecureTransport, s3NoPublicAcl, s3NoPublicPolicy } from "./policies";
import { s3BackupLifecycle, s3Encryption, s3PublicAccessBlock, s3Versioning } from "./settings";

export const s3ResourcePolicies: ResourceValidationPolicy[] = [s3NoPublicAcl, s3NoPublicPolicy];

export const s3Policies: StackValidationPolicy[] = [
    s3Encryption,
    s3Versioning,
    s3PublicAccessBlock,
    s3DenyInsecureTransport,
    s3BackupLifecycle,
    s3OwnerEnforced,
    s3AccessLogging,
];

export * from "./buckets";
export * from "./ownership";
export * from "./policies";
export * from "./settings";
