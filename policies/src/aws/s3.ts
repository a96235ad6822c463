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

import type {
    PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
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

function resourceKind(r: PolicyResource): string {
    return r.type.substring(r.type.lastIndexOf(":") + 1);
}

/**
 * One bucket check over a settings resource kind (`types`, which reference their bucket with `bucket`).
 *
 *  - Each declared bucket needs a good settings resource (or good inline settings, or `global`), and EVERY settings
 *    resource that references it must be good: S3 keeps one such configuration per bucket, so a second, bad one
 *    overwrites the good one. The failure names the bad ones.
 *  - With `ownJudge`, every settings resource that is not definitely one of a declared bucket's (a bucket brought by
 *    name, managed elsewhere) is judged on its own: a bad one fails by itself.
 */
function bucketStackPolicy(opts: {
    name: string; description: string; types: readonly string[];
    sibling: Content; inline: Content; failure: (label: string) => string;
    /** What is wrong with a settings resource on its own (it already judged "no" by `sibling`). */
    why: (s: PolicyResource) => string;
    ownJudge: boolean;
    applies?: (b: PolicyResource) => boolean; global?: (args: StackValidationArgs) => Tri;
}): StackValidationPolicy {
    return {
        name: opts.name,
        description: opts.description,
        enforcementLevel: "mandatory",
        validateStack: (args, report: ReportViolation) => {
            const undecided = new Undecided();
            const siblings = ofTypes(args, opts.types);
            const verdicts = new Map(siblings.map(s => [s.urn, opts.sibling(s)]));
            const global = opts.global ? opts.global(args) : "no";
            const claimed = new Set<string>();
            for (const b of ofTypes(args, BUCKET_TYPES)) {
                const links = siblings.map(s => ({ s, link: refersToBucket(s, b) }));
                links.filter(x => x.link === "yes").forEach(x => claimed.add(x.s.urn));
                if (opts.applies && !opts.applies(b)) {
                    continue;
                }
                const label = bucketLabel(b);
                const bad = links.filter(x => x.link === "yes" && verdicts.get(x.s.urn) === "no").map(x => x.s);
                if (bad.length > 0) {
                    report(`${opts.failure(label)}: ${bad.map(s => `${resourceKind(s)} "${s.name}" ${opts.why(s)}`).join("; ")}`,
                        b.urn);
                    continue;
                }
                const result = or(global, opts.inline(b), ...links.map(x => and(x.link, verdicts.get(x.s.urn)!)));
                settle(result, report, undecided, opts.failure(label), b.urn, `${opts.name} for bucket ${label}`);
            }
            if (opts.ownJudge) {
                for (const s of siblings.filter(x => !claimed.has(x.urn) && verdicts.get(x.urn) === "no")) {
                    const ref = peek(s.props, "bucket");
                    report(`${resourceKind(s)} "${s.name}"${nonEmptyString(ref) ? ` (bucket ${ref})` : ""} ${opts.why(s)}`, s.urn);
                }
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

/** and() over an array-valued prop whose elements are judged by `each`; an empty or missing array is "no". */
function everyOf(v: unknown, each: (x: any) => Tri): Tri {
    if (v === UNKNOWN) {
        return "maybe";
    }
    const list = asArray(v);
    return list.length === 0 ? "no" : and(...list.map(x => (isUnknownValue(x) ? "maybe" : each(x))));
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
    sibling: s => everyOf(peek(s.props, "rules"), r => sseByDefault(r, "applyServerSideEncryptionByDefault")),
    why: () => "has a rule without applyServerSideEncryptionByDefault.sseAlgorithm",
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

// --- versioning -------------------------------------------------------------------------------------------------

export const s3Versioning = bucketStackPolicy({
    name: "s3-bucket-versioning",
    description: describe(
        "S3 buckets must have versioning enabled.",
        "add a BucketVersioningV2 for the bucket with versioningConfiguration.status: Enabled.",
        "CKV_AWS_21"),
    types: VERSIONING_TYPES,
    sibling: s => knownTri(peekPath(s.props, ["versioningConfiguration", "status"]), v => v === "Enabled"),
    why: s => `has versioningConfiguration.status ${peekPath(s.props, ["versioningConfiguration", "status"]) ?? "unset"}`,
    ownJudge: true,
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
    why: s => `has ${PAB_FLAGS.filter(f => peek(s.props, f) !== true && peek(s.props, f) !== UNKNOWN).map(f => `${f} ${peek(s.props, f) ?? "unset"}`).join(", ")}`,
    ownJudge: true,
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
    why: () => "does not deny requests with aws:SecureTransport false (a bucket has one policy: this one replaces any other)",
    ownJudge: true,
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
    why: () => "has no rule of status Enabled",
    ownJudge: false,
    inline: b => {
        const rules = peek(b.props, "lifecycleRules");
        return rules === undefined ? "no" : anyOf(rules, r => knownTri(peek(r, "enabled"), v => v === true));
    },
    failure: l => `Backup S3 bucket "${l}" has no enabled lifecycle configuration (BucketLifecycleConfigurationV2)`,
});

// --- ACLs disabled (object ownership) -----------------------------------------------------------------------------

const OWNERSHIP_TYPES = ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"];

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
    ownJudge: true,
    inline: () => "no" as Tri,
    failure: (l: string) => `S3 bucket "${l}" does not disable ACLs (BucketOwnershipControls with objectOwnership BucketOwnerEnforced)`,
};

const DISTRIBUTION_TYPE = "aws:cloudfront/distribution:Distribution";

/** Buckets a CloudFront distribution of the stack writes standard logs to (loggingConfig.bucket is <name>.s3.amazonaws.com). */
export function isCloudFrontLogTarget(args: StackValidationArgs): (b: PolicyResource) => boolean {
    const names = new Set(ofTypes(args, [DISTRIBUTION_TYPE])
        .map(d => peekPath(d.props, ["loggingConfig", "bucket"]))
        .filter(nonEmptyString)
        .map(domain => domain.replace(/\.s3(\.[a-z0-9-]+)?\.amazonaws\.com$/, "")));
    return b => [peek(b.props, "bucket"), peek(b.props, "id"), b.name].some(k => typeof k === "string" && names.has(k));
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

// --- access logging ---------------------------------------------------------------------------------------------

const LOGGING_TYPES = ["aws:s3/bucketLoggingV2:BucketLoggingV2", "aws:s3/bucketLogging:BucketLogging"];

/** A log bucket (the target of a logging configuration of the stack, or tagged purpose: logs) does not log itself. */
function isLogTarget(args: StackValidationArgs): (b: PolicyResource) => boolean {
    const targets = new Set(ofTypes(args, LOGGING_TYPES).map(s => peek(s.props, "targetBucket")).filter(nonEmptyString));
    return b => {
        const tags = peek(b.props, "tags");
        const tagged = isObject(tags) && Object.keys(tags).some(k => k.toLowerCase() === "purpose"
            && String(peek(tags, k)).toLowerCase() === "logs");
        return tagged || [peek(b.props, "bucket"), peek(b.props, "id"), b.name].some(k => typeof k === "string" && targets.has(k));
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

// --- public ACLs and public bucket policies (resource rules: each resource on its own) --------------------------

const ACL_TYPES = ["aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketAcl:BucketAcl"];
const PUBLIC_CANNED_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GROUPS = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

function publicGrants(grants: unknown, uriKey: string): string[] {
    return asArray(grants).flatMap(g => {
        const grantee = isObject(g) && isObject(g.grantee) ? g.grantee : g;
        const uri = isObject(grantee) ? grantee[uriKey] : undefined;
        return typeof uri === "string" && PUBLIC_GROUPS.includes(uri) ? [`grant to ${uri.substring(uri.lastIndexOf("/") + 1)}`] : [];
    });
}

/** What makes an ACL resource or a bucket's inline ACL public (read raw: unknown values are not judged). */
export function publicAclProblems(type: string, props: unknown): string[] {
    const out: string[] = [];
    const acl = peek(props, "acl");
    if (typeof acl === "string" && PUBLIC_CANNED_ACLS.has(acl)) {
        out.push(`canned ACL ${acl}`);
    }
    if (ACL_TYPES.includes(type)) {
        out.push(...publicGrants(peek(peek(props, "accessControlPolicy"), "grants"), "uri"));
    } else {
        out.push(...publicGrants(peek(props, "grants"), "uri"));
    }
    return out;
}

export const s3NoPublicAcl: ResourceValidationPolicy = {
    name: "s3-bucket-no-public-acl",
    description: describe(
        "S3 buckets must not be public through ACLs.",
        "remove public-read, public-read-write and authenticated-read canned ACLs and grants to AllUsers or "
        + "AuthenticatedUsers (BucketAclV2 or the bucket's inline acl/grants); disable ACLs with BucketOwnerEnforced.",
        "CKV_AWS_20, CKV_AWS_57"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!ACL_TYPES.includes(args.type) && !BUCKET_TYPES.includes(args.type)) {
            return;
        }
        const problems = publicAclProblems(args.type, args.props);
        if (problems.length > 0) {
            const ref = ACL_TYPES.includes(args.type) ? peek(args.props, "bucket") : peek(args.props, "bucket");
            report(`${resourceKind(args as any)} "${args.name}"${nonEmptyString(ref) ? ` (bucket ${ref})` : ""} makes the bucket `
                + `public: ${problems.join(", ")}`);
        }
    },
};

/** Condition keys that tie an Allow for Principal "*" to a specific caller, account, network or source. */
const RESTRICTING_CONDITION_KEYS = ["aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:principalorgid",
    "aws:principalaccount", "aws:principalarn", "aws:sourcevpce", "aws:sourcevpc", "aws:sourceip", "aws:principalorgpaths"];

function conditionRestricts(condition: unknown): boolean {
    const ops = lowerKeys(condition);
    return Object.values(ops).some(block => Object.keys(lowerKeys(block)).some(k => RESTRICTING_CONDITION_KEYS.includes(k)));
}

/** Statements of a policy document that allow anyone (Principal "*" or {AWS: "*"}) without a restricting condition. */
export function publicStatements(doc: unknown): string[] {
    let parsed: unknown = doc;
    if (typeof doc === "string") {
        if (isUnknownValue(doc)) {
            return [];
        }
        try {
            parsed = JSON.parse(doc);
        } catch {
            return [];
        }
    }
    const statements = lowerKeys(parsed).statement;
    const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
    const out: string[] = [];
    list.forEach((stmt, i) => {
        const s = lowerKeys(stmt);
        if (String(s.effect).toLowerCase() !== "allow") {
            return;
        }
        const p = s.principal;
        const anyone = p === "*" || (isObject(p) && includesStar(lowerKeys(p).aws, ["*"]));
        const notPrincipal = s.notprincipal !== undefined;
        if ((anyone || notPrincipal) && !conditionRestricts(s.condition)) {
            out.push(`Statement[${i}]${nonEmptyString(s.sid) ? ` (${s.sid})` : ""} allows ${notPrincipal ? "NotPrincipal (everyone else)" : "Principal \"*\""}`);
        }
    });
    return out;
}

export const s3NoPublicPolicy: ResourceValidationPolicy = {
    name: "s3-bucket-policy-no-public-principal",
    description: describe(
        "S3 bucket policies must not allow anyone (Principal \"*\") without a condition naming the caller.",
        "grant to specific principals (e.g. the CloudFront service with an aws:SourceArn condition for origin access "
        + "control) instead of Principal \"*\"; never NotPrincipal with Allow.",
        "CKV_AWS_70"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!POLICY_TYPES.includes(args.type) && !BUCKET_TYPES.includes(args.type)) {
            return;
        }
        const doc = peek(args.props, "policy");
        if (doc === undefined || doc === UNKNOWN) {
            return;
        }
        const bad = publicStatements(doc);
        if (bad.length > 0) {
            const ref = peek(args.props, "bucket");
            report(`${resourceKind(args as any)} "${args.name}"${nonEmptyString(ref) ? ` (bucket ${ref})` : ""}: ${bad.join("; ")}`);
        }
    },
};

export const s3ResourcePolicies: ResourceValidationPolicy[] = [
    s3NoPublicAcl,
    s3NoPublicPolicy,
];

export const s3Policies: StackValidationPolicy[] = [
    s3Encryption,
    s3Versioning,
    s3PublicAccessBlock,
    s3DenyInsecureTransport,
    s3BackupLifecycle,
    s3OwnerEnforced,
    s3AccessLogging,
];
