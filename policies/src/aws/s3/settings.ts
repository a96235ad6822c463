// Bucket settings judged per bucket: default encryption, versioning, public access block, lifecycle of backups.

import type { PolicyResource } from "@pulumi/policy";
import { Tri, and, anyOf, everyOf, knownTri, or } from "../../common/tri";
import { UNKNOWN, describe, isObject, nonEmptyString, peek, peekPath } from "../../common/util";
import { bucketStackPolicy, ofTypes } from "./buckets";

const ENCRYPTION_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
];
const VERSIONING_TYPES = ["aws:s3/bucketVersioningV2:BucketVersioningV2", "aws:s3/bucketVersioning:BucketVersioning"];
const PUBLIC_ACCESS_BLOCK_TYPES = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"];
const ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPES = ["aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"];
const LIFECYCLE_TYPES = [
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
];

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
    sibling: s => everyOf(peek(s.props, "rules"), r => sseByDefault(r, "applyServerSideEncryptionByDefault")),
    why: () => "has a rule without applyServerSideEncryptionByDefault.sseAlgorithm",
    advice: { why: "objects written without a key are stored as the client sent them",
        fix: "configure default encryption (aws:kms or AES256) for the bucket" },
    ownJudge: true,
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

export const s3Versioning = bucketStackPolicy({
    name: "s3-bucket-versioning",
    description: describe(
        "S3 buckets must have versioning enabled.",
        "add a BucketVersioningV2 for the bucket with versioningConfiguration.status: Enabled.",
        "CKV_AWS_21"),
    types: VERSIONING_TYPES,
    sibling: s => knownTri(peekPath(s.props, ["versioningConfiguration", "status"]), v => v === "Enabled"),
    why: s => `has versioningConfiguration.status ${peekPath(s.props, ["versioningConfiguration", "status"]) ?? "unset"}`,
    advice: { why: "an overwrite or delete (by mistake or by ransomware) destroys the only copy",
        fix: "enable versioning (BucketVersioningV2 status Enabled)" },
    ownJudge: true,
    inline: b => b.type === "aws:s3/bucket:Bucket"
        ? knownTri(peekPath(b.props, ["versioning", "enabled"]), v => v === true)
        : anyOf(peek(b.props, "versionings"), v => knownTri(peek(v, "enabled"), x => x === true)),
    failure: l => `S3 bucket "${l}" does not have versioning enabled (BucketVersioningV2 status Enabled)`,
});

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
    why: s => `has ${PAB_FLAGS.filter(f => peek(s.props, f) !== true && peek(s.props, f) !== UNKNOWN).map(f => `${f} ${peek(s.props, f) ?? "unset"}`).join(", ")}`,
    advice: { why: "without it one public ACL or policy statement makes the bucket's objects readable by anyone",
        fix: "add a BucketPublicAccessBlock with all four flags true" },
    ownJudge: true,
    inline: () => "no",
    global: args => or(...ofTypes(args, ACCOUNT_PUBLIC_ACCESS_BLOCK_TYPES).map(allFlags)),
    failure: l => `S3 bucket "${l}" has no BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, `
        + "ignorePublicAcls and restrictPublicBuckets all true",
});

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
    why: () => "has no rule of status Enabled",
    advice: { why: "backups kept forever hold personal data beyond its retention and grow without bound",
        fix: "add an enabled lifecycle rule that expires old backups and versions" },
    ownJudge: false,
    inline: b => {
        const rules = peek(b.props, "lifecycleRules");
        return rules === undefined ? "no" : anyOf(rules, r => knownTri(peek(r, "enabled"), v => v === true));
    },
    failure: l => `Backup S3 bucket "${l}" has no enabled lifecycle configuration (BucketLifecycleConfigurationV2)`,
});
