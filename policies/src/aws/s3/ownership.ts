// Bucket ownership (ACLs disabled) and server access logging, with the exceptions of log buckets.

import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Tri, anyOf, knownTri } from "../../common/tri";
import { describe, isObject, nonEmptyString, peek, peekPath } from "../../common/util";
import { bucketStackPolicy, ofTypes } from "./buckets";

const OWNERSHIP_TYPES = ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"];
const LOGGING_TYPES = ["aws:s3/bucketLoggingV2:BucketLoggingV2", "aws:s3/bucketLogging:BucketLogging"];
const DISTRIBUTION_TYPE = "aws:cloudfront/distribution:Distribution";

/** The names a bucket answers to: its physical name when the inputs give one, else its id or (mock dumps) resource name. */
function namesOf(b: PolicyResource): unknown[] {
    const physical = peek(b.props, "bucket");
    return nonEmptyString(physical) ? [physical, peek(b.props, "id")] : [peek(b.props, "id"), b.name];
}

const ownerEnforcedBase = {
    name: "s3-bucket-owner-enforced",
    description: describe(
        "S3 buckets must disable ACLs (object ownership BucketOwnerEnforced); a bucket that receives CloudFront "
        + "standard logs may keep ACLs enabled with BucketOwnerPreferred, since CloudFront delivers those logs with an ACL.",
        "add a BucketOwnershipControls for the bucket with rule.objectOwnership: BucketOwnerEnforced and grant access "
        + "with bucket policies only (BucketOwnerPreferred only for a CloudFront log bucket).",
        "CKV2_AWS_65"),
    types: OWNERSHIP_TYPES,
    why: (s: PolicyResource) => `has rule.objectOwnership ${peekPath(s.props, ["rule", "objectOwnership"]) ?? "unset"}`,
    advice: { why: "with ACLs enabled, every object's uploader can grant access to it, past the bucket policy",
        fix: "set rule.objectOwnership: BucketOwnerEnforced" },
    ownJudge: true,
    inline: () => "no" as Tri,
    failure: (l: string) => `S3 bucket "${l}" does not disable ACLs (BucketOwnershipControls with objectOwnership BucketOwnerEnforced)`,
};

/** Buckets a CloudFront distribution of the stack writes standard logs to (loggingConfig.bucket is <name>.s3.amazonaws.com). */
export function isCloudFrontLogTarget(args: StackValidationArgs): (b: PolicyResource) => boolean {
    const names = new Set(ofTypes(args, [DISTRIBUTION_TYPE])
        .map(d => peekPath(d.props, ["loggingConfig", "bucket"]))
        .filter(nonEmptyString)
        .map(domain => domain.replace(/\.s3(\.[a-z0-9-]+)?\.amazonaws\.com$/, "")));
    return b => namesOf(b).some(k => typeof k === "string" && names.has(k));
}

export const s3OwnerEnforced: StackValidationPolicy = {
    ...bucketStackPolicy({ ...ownerEnforcedBase, sibling: () => "no" }),
    validateStack: (args, report) => {
        const cloudFrontLogs = isCloudFrontLogTarget(args);
        const ownership = (s: PolicyResource) => peekPath(s.props, ["rule", "objectOwnership"]);
        bucketStackPolicy({ ...ownerEnforcedBase, applies: b => !cloudFrontLogs(b),
            sibling: s => knownTri(ownership(s), v => v === "BucketOwnerEnforced") }).validateStack(args, report);
        // Separately, CloudFront log buckets: BucketOwnerPreferred is accepted there (never ObjectWriter).
        bucketStackPolicy({ ...ownerEnforcedBase, ownJudge: false, applies: cloudFrontLogs,
            sibling: s => knownTri(ownership(s), v => v === "BucketOwnerEnforced" || v === "BucketOwnerPreferred"),
            failure: l => `CloudFront log bucket "${l}" must set objectOwnership BucketOwnerPreferred (or BucketOwnerEnforced)` })
            .validateStack(args, report);
    },
};

/** A log bucket (the target of a logging configuration of the stack, or tagged purpose: logs) does not log itself. */
function isLogTarget(args: StackValidationArgs): (b: PolicyResource) => boolean {
    const targets = new Set(ofTypes(args, LOGGING_TYPES).map(s => peek(s.props, "targetBucket")).filter(nonEmptyString));
    return b => {
        const tags = peek(b.props, "tags");
        const tagged = isObject(tags) && Object.keys(tags).some(k => k.toLowerCase() === "purpose"
            && String(peek(tags, k)).toLowerCase() === "logs");
        return tagged || namesOf(b).some(k => typeof k === "string" && targets.has(k));
    };
}

const loggingBase = {
    name: "s3-bucket-access-logging",
    description: describe(
        "S3 buckets must write server access logs (log buckets themselves excepted).",
        "add a BucketLoggingV2 for the bucket with targetBucket set to the log bucket (tag the log bucket purpose: logs).",
        "CKV_AWS_18"),
    types: LOGGING_TYPES,
    sibling: (s: PolicyResource) => knownTri(peek(s.props, "targetBucket"), nonEmptyString),
    why: () => "has no targetBucket",
    advice: { why: "without access logs nobody can tell who read or changed which object", fix: "add a BucketLoggingV2 with a targetBucket" },
    ownJudge: true,
    inline: (b: PolicyResource) => (b.type === "aws:s3/bucket:Bucket"
        ? knownTri(peekPath(b.props, ["logging", "targetBucket"]), nonEmptyString)
        : anyOf(peek(b.props, "loggings"), l => knownTri(peek(l, "targetBucket"), nonEmptyString))),
    failure: (l: string) => `S3 bucket "${l}" has no access logging (BucketLoggingV2 with a targetBucket)`,
};

export const s3AccessLogging: StackValidationPolicy = {
    ...bucketStackPolicy(loggingBase),
    validateStack: (args, report) => {
        const isLog = isLogTarget(args);
        return bucketStackPolicy({ ...loggingBase, applies: b => !isLog(b) }).validateStack(args, report);
    },
};
