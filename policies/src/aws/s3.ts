// S3 policies (types of @pulumi/aws 6.x): bucket hardening.
//
// S3 settings live in sibling resources that reference the bucket (`bucket: <bucket name or id>`). A sibling
// belongs to a bucket when (see match.ts for the three-valued logic):
//   1. its `bucket` value is known and equals the bucket's `bucket` prop (its physical name), its `id`, or its Pulumi
//      resource name (mock-driven dumps often use it as the id); or
//   2. its `bucket` value is not known yet (preview of a new bucket: the id is unknown) and the engine's property
//      dependencies say its `bucket` input depends on that bucket resource.
// A sibling whose reference is unknown and has no dependency data is "maybe": buckets it could belong to are neither
// passed nor failed; the SDK's advisory "can't run during preview" is raised instead.
// The older inline forms are accepted too: `aws:s3/bucket:Bucket` (serverSideEncryptionConfiguration, versioning,
// lifecycleRules, policy) and the deprecated inline inputs of BucketV2 (serverSideEncryptionConfigurations,
// versionings, lifecycleRules, policy).

import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { Tri, Undecided, and, linkWithDeps, or, settle } from "../common/match";
import { UNKNOWN, asArray, describe, isObject, isUnknownValue, nonEmptyString, peek, peekPath } from "../common/util";

export const BUCKET_TYPES = ["aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"];
const ENCRYPTION_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
];
const VERSIONING_TYPES = ["aws:s3/bucketVersioningV2:BucketVersioningV2", "aws:s3/bucketVersioning:BucketVersioning"];
const PUBLIC_ACCESS_BLOCK_TYPES = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"];
const ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPES = ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"];
const POLICY_TYPES = ["aws:s3/bucketPolicy:BucketPolicy"];
const LIFECYCLE_TYPES = [
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
];

function ofTypes(args: StackValidationArgs, types: readonly string[]): PolicyResource[] {
    return args.resources.filter(r => types.includes(r.type));
}

/** The bucket's name for messages: its `bucket` prop when known, else its Pulumi resource name. */
export function bucketLabel(b: PolicyResource): string {
    const n = peek(b.props, "bucket");
    return nonEmptyString(n) ? n : b.name;
}

/** Does sibling `s` (with a `bucket` input) reference bucket `b`? */
export function refersToBucket(s: PolicyResource, b: PolicyResource): Tri {
    const ref = peek(s.props, "bucket");
    if (ref === UNKNOWN) {
        return linkWithDeps("maybe", s, b, ["bucket"]);
    }
    if (!nonEmptyString(ref)) {
        return "no";
    }
    const keys = [peek(b.props, "bucket"), peek(b.props, "id"), b.name];
    if (keys.some(k => k === ref)) {
        return "yes";
    }
    if (linkWithDeps("no", s, b, ["bucket"]) === "yes") {
        return "yes";
    }
    // The bucket's physical name is not known (autonamed, preview): a known reference could still be it.
    return peek(b.props, "bucket") === UNKNOWN ? "maybe" : "no";
}

type Content = (r: PolicyResource) => Tri;

/** One bucket check: inline settings on the bucket, or a sibling of `types` referencing it with good content. */
function bucketStackPolicy(opts: {
    name: string; description: string; types: readonly string[];
    sibling: Content; inline: Content; failure: (label: string) => string;
    applies?: (b: PolicyResource) => boolean; global?: (args: StackValidationArgs) => Tri;
}): StackValidationPolicy {
    return {
        name: opts.name,
        description: opts.description,
        enforcementLevel: "mandatory",
        validateStack: (args, report: ReportViolation) => {
            const undecided = new Undecided();
            const siblings = ofTypes(args, opts.types);
            const global = opts.global ? opts.global(args) : "no";
            for (const b of ofTypes(args, BUCKET_TYPES)) {
                if (opts.applies && !opts.applies(b)) {
                    continue;
                }
                const label = bucketLabel(b);
                const result = or(global, opts.inline(b), ...siblings.map(s => and(refersToBucket(s, b), opts.sibling(s))));
                settle(result, report, undecided, opts.failure(label), b.urn, `${opts.name} for bucket ${label}`);
            }
            undecided.finish();
        },
    };
}

function knownTri(v: unknown, ok: (v: unknown) => boolean): Tri {
    return v === UNKNOWN ? "maybe" : ok(v) ? "yes" : "no";
}

/** or() over an array-valued prop whose elements are judged by `each`. */
function anyOf(v: unknown, each: (x: any) => Tri): Tri {
    if (v === UNKNOWN) {
        return "maybe";
    }
    // Elements are read raw; an unknown element is one of the SDK's sentinel strings.
    return or(...asArray(v).map(x => (isUnknownValue(x) ? "maybe" : each(x))));
}

// --- encryption -------------------------------------------------------------------------------------------------

function sseByDefault(rule: any, key: string): Tri {
    const d = peek(rule, key);
    if (d === UNKNOWN) {
        return "maybe";
    }
    // BucketV2's deprecated inline form nests a list; the V2 sibling and the old Bucket use an object.
    const list = Array.isArray(d) ? d : [d];
    return or(...list.map(x => (isObject(x) ? knownTri(peek(x, "sseAlgorithm"), nonEmptyString) : "no")));
}

export const s3Encryption = bucketStackPolicy({
    name: "s3-bucket-encryption",
    description: describe(
        "S3 buckets must have default server-side encryption configured.",
        "add a BucketServerSideEncryptionConfigurationV2 for the bucket with rules[].applyServerSideEncryptionByDefault"
        + ".sseAlgorithm aws:kms (or AES256).",
        "CKV_AWS_19"),
    types: ENCRYPTION_TYPES,
    sibling: s => anyOf(peek(s.props, "rules"), r => sseByDefault(r, "applyServerSideEncryptionByDefault")),
    inline: b => {
        if (b.type === "aws:s3/bucket:Bucket") {
            const rule = peekPath(b.props, ["serverSideEncryptionConfiguration", "rule"]);
            return rule === undefined ? "no" : rule === UNKNOWN ? "maybe" : sseByDefault(rule, "applyServerSideEncryptionByDefault");
        }
        return anyOf(peek(b.props, "serverSideEncryptionConfigurations"),
            c => anyOf(peek(c, "rules"), r => sseByDefault(r, "applyServerSideEncryptionByDefaults")));
    },
    failure: l => `S3 bucket "${l}" has no default encryption (BucketServerSideEncryptionConfigurationV2)`,
});

// --- versioning -------------------------------------------------------------------------------------------------

export const s3Versioning = bucketStackPolicy({
    name: "s3-bucket-versioning",
    description: describe(
        "S3 buckets must have versioning enabled.",
        "add a BucketVersioningV2 for the bucket with versioningConfiguration.status: Enabled.",
        "CKV_AWS_21"),
    types: VERSIONING_TYPES,
    sibling: s => knownTri(peekPath(s.props, ["versioningConfiguration", "status"]), v => v === "Enabled"),
    inline: b => b.type === "aws:s3/bucket:Bucket"
        ? knownTri(peekPath(b.props, ["versioning", "enabled"]), v => v === true)
        : anyOf(peek(b.props, "versionings"), v => knownTri(peek(v, "enabled"), x => x === true)),
    failure: l => `S3 bucket "${l}" does not have versioning enabled (BucketVersioningV2 status Enabled)`,
});

// --- public access block ----------------------------------------------------------------------------------------

const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

function allFlags(r: PolicyResource): Tri {
    return and(...PAB_FLAGS.map(f => knownTri(peek(r.props, f), v => v === true)));
}

export const s3PublicAccessBlock = bucketStackPolicy({
    name: "s3-bucket-public-access-block",
    description: describe(
        "S3 buckets must block all public access.",
        "add a BucketPublicAccessBlock for the bucket with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and "
        + "restrictPublicBuckets all true (or an AccountPublicAccessBlock with all four true).",
        "CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56"),
    types: PUBLIC_ACCESS_BLOCK_TYPES,
    sibling: allFlags,
    inline: () => "no",
    global: args => or(...ofTypes(args, ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPES).map(allFlags)),
    failure: l => `S3 bucket "${l}" has no BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, `
        + "ignorePublicAcls and restrictPublicBuckets all true",
});

// --- deny non-TLS -----------------------------------------------------------------------------------------------

function lowerKeys(o: unknown): Record<string, any> {
    const out: Record<string, any> = {};
    if (isObject(o)) {
        for (const k of Object.keys(o)) {
            out[k.toLowerCase()] = o[k];
        }
    }
    return out;
}

function includesStar(v: unknown, values: readonly string[]): boolean {
    const list = Array.isArray(v) ? v : [v];
    return list.some(x => typeof x === "string" && values.includes(x.toLowerCase()));
}

/** Is this IAM statement `Deny * s3:* when aws:SecureTransport is false`? */
export function deniesInsecureTransport(stmt: unknown): boolean {
    const s = lowerKeys(stmt);
    if (String(s.effect).toLowerCase() !== "deny") {
        return false;
    }
    const principal = s.principal;
    const anyone = principal === "*" || (isObject(principal) && includesStar(lowerKeys(principal).aws, ["*"]));
    if (!anyone || !includesStar(s.action, ["s3:*", "*"])) {
        return false;
    }
    const bool = lowerKeys(lowerKeys(s.condition).bool);
    const v = bool["aws:securetransport"];
    const list = Array.isArray(v) ? v : [v];
    return list.some(x => x === false || (typeof x === "string" && x.toLowerCase() === "false"));
}

/** Does a bucket policy document (JSON string or object) deny requests without TLS? */
export function policyDeniesInsecure(doc: unknown): Tri {
    if (doc === UNKNOWN) {
        return "maybe";
    }
    let parsed: unknown = doc;
    if (typeof doc === "string") {
        if (isUnknownValue(doc)) {
            return "maybe";
        }
        try {
            parsed = JSON.parse(doc);
        } catch {
            return "no";
        }
    }
    const statements = lowerKeys(parsed).statement;
    const list = Array.isArray(statements) ? statements : [statements];
    return list.some(deniesInsecureTransport) ? "yes" : "no";
}

export const s3DenyInsecureTransport = bucketStackPolicy({
    name: "s3-bucket-deny-insecure-transport",
    description: describe(
        "S3 buckets must refuse requests that do not use TLS.",
        "add a BucketPolicy for the bucket with a statement {Effect: Deny, Principal: \"*\", Action: \"s3:*\", "
        + "Resource: [bucket ARN, bucket ARN/*], Condition: {Bool: {\"aws:SecureTransport\": \"false\"}}}.",
        "CKV_AWS_379"),
    types: POLICY_TYPES,
    sibling: s => policyDeniesInsecure(peek(s.props, "policy")),
    inline: b => {
        const p = peek(b.props, "policy");
        return p === undefined ? "no" : policyDeniesInsecure(p);
    },
    failure: l => `S3 bucket "${l}" has no bucket policy denying requests with aws:SecureTransport false`,
});

// --- lifecycle on backup buckets --------------------------------------------------------------------------------

/** A bucket is a backup bucket when tagged `purpose: backup` or when its name contains "backup". */
export function isBackupBucket(b: PolicyResource): boolean {
    const tags = peek(b.props, "tags");
    if (isObject(tags)) {
        for (const k of Object.keys(tags)) {
            const v = peek(tags, k);
            if (k.toLowerCase() === "purpose" && typeof v === "string" && v.trim().toLowerCase() === "backup") {
                return true;
            }
        }
    }
    return [b.name, peek(b.props, "bucket"), peek(b.props, "bucketPrefix")]
        .some(n => typeof n === "string" && n.toLowerCase().includes("backup"));
}

export const s3BackupLifecycle = bucketStackPolicy({
    name: "s3-backup-bucket-lifecycle",
    description: describe(
        "Backup buckets (tag purpose: backup, or a name containing \"backup\") must have a lifecycle configuration.",
        "add a BucketLifecycleConfigurationV2 for the bucket with at least one rule of status Enabled (expiration "
        + "and/or transition of old versions).",
        "CKV2_AWS_61"),
    types: LIFECYCLE_TYPES,
    applies: isBackupBucket,
    sibling: s => anyOf(peek(s.props, "rules"), r => knownTri(peek(r, "status"), v => v === "Enabled")),
    inline: b => {
        const rules = peek(b.props, "lifecycleRules");
        return rules === undefined ? "no" : anyOf(rules, r => knownTri(peek(r, "enabled"), v => v === true));
    },
    failure: l => `Backup S3 bucket "${l}" has no enabled lifecycle configuration (BucketLifecycleConfigurationV2)`,
});

export const s3Policies: StackValidationPolicy[] = [
    s3Encryption,
    s3Versioning,
    s3PublicAccessBlock,
    s3DenyInsecureTransport,
    s3BackupLifecycle,
];
