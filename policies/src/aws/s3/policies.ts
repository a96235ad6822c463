// Bucket policies evaluated the way S3 evaluates them (../iam/evaluate.ts): the bucket must refuse every request
// without TLS, and must not let a stranger in. Also public ACLs.

import type { PolicyResource, ResourceValidationPolicy } from "@pulumi/policy";
import { Tri } from "../../common/tri";
import { UNKNOWN, asArray, describe, isObject, nonEmptyString, peek, typeKind, violation } from "../../common/util";
import { Statement, parsePolicy } from "../iam/document";
import { actionMatches, allowedBy, describePersona, personasOf, resourceMatches } from "../iam/evaluate";
import { BUCKET_TYPES, bucketStackPolicy } from "./buckets";

const POLICY_TYPES = ["aws:s3/bucketPolicy:BucketPolicy"];

/** Actions tried against a policy: the common object and bucket operations, and one no policy names. */
const SAMPLE_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetObjectVersion",
    "s3:PutObjectAcl", "s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucket", "s3:ListBucketVersions",
    "s3:RestoreObject", "s3:ZzUnlistedAction"];

/** The resources tried: the bucket, an object in it, and every resource the policy names (wildcards filled in). */
function sampleResources(statements: readonly Statement[], bucket: string | undefined): string[] {
    const named = statements.flatMap(s => s.resource.list).map(r => r.replace(/\*/g, "zz-any").replace(/\?/g, "z"));
    const own = bucket ? [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/zz-any-key`] : [];
    return [...new Set([...own, ...named])];
}

function sampleActions(statements: readonly Statement[]): string[] {
    const literal = statements.flatMap(s => (s.action.not ? [] : s.action.list)).filter(a => !/[*?]/.test(a));
    return [...new Set([...SAMPLE_ACTIONS, ...literal])];
}

/** Does a deny statement stop every request that is not over TLS (any principal, no other condition narrowing it)? */
function deniesInsecure(s: Statement): boolean {
    if (s.effect !== "Deny" || s.notPrincipal || !s.principal?.any || s.conditions.length === 0) {
        return false;
    }
    return s.conditions.every(c => c.key === "aws:securetransport" && !c.set
        && /^(Bool|StringEquals|StringEqualsIgnoreCase)$/i.test(c.base) && c.values.some(v => v.toLowerCase() === "false"));
}

/**
 * Does a bucket policy refuse every request without TLS, for every action on the bucket and its objects? `bucket` is
 * the name the policy is attached to (undefined when not known: the policy's own bucket resources are used).
 */
export function policyDeniesInsecure(doc: unknown, bucket?: string): Tri {
    const statements = parsePolicy(doc);
    if (statements === "unknown") {
        return "maybe";
    }
    if (statements === "invalid") {
        return "no";
    }
    const denies = statements.filter(deniesInsecure);
    const name = bucket ?? denies.flatMap(s => s.resource.list).map(r => /^arn:aws[a-z-]*:s3:::([^/*?]+)$/.exec(r)?.[1]).find(n => n);
    const resources = name ? [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/zz-any-key`] : ["arn:aws:s3:::zz-unknown-bucket"];
    const actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:PutBucketPolicy", "s3:ZzUnlistedAction"];
    return resources.every(r => actions.every(a => denies.some(s => actionMatches(s, a) && resourceMatches(s, r)))) ? "yes" : "no";
}

function refOf(r: PolicyResource): string | undefined {
    const ref = peek(r.props, "bucket");
    return nonEmptyString(ref) ? ref : undefined;
}

export const s3DenyInsecureTransport = bucketStackPolicy({
    name: "s3-bucket-deny-insecure-transport",
    description: describe(
        "S3 buckets must refuse requests that do not use TLS.",
        "add a BucketPolicy for the bucket with a statement {Effect: Deny, Principal: \"*\", Action: \"s3:*\", "
        + "Resource: [bucket ARN, bucket ARN/*], Condition: {Bool: {\"aws:SecureTransport\": \"false\"}}} and no other "
        + "condition.",
        "CKV_AWS_379"),
    types: POLICY_TYPES,
    sibling: s => policyDeniesInsecure(peek(s.props, "policy"), refOf(s)),
    why: () => "does not deny requests with aws:SecureTransport false for every caller and every action on the bucket and "
        + "its objects (a bucket has one policy: this one replaces any other)",
    advice: { why: "requests over plain HTTP expose objects and credentials to anyone on the path",
        fix: "deny s3:* on the bucket and bucket/* to Principal \"*\" with only the condition Bool aws:SecureTransport false" },
    ownJudge: true,
    inline: b => {
        const p = peek(b.props, "policy");
        const name = peek(b.props, "bucket");
        return p === undefined ? "no" : policyDeniesInsecure(p, nonEmptyString(name) ? name : undefined);
    },
    failure: l => `S3 bucket "${l}" has no bucket policy denying requests with aws:SecureTransport false`,
});

/** Who outside the account a policy lets in, statement by statement: "Statement[0] (Sid) allows ... to ...". */
export function publicStatements(doc: unknown, bucket?: string): string[] {
    const statements = parsePolicy(doc);
    if (!Array.isArray(statements)) {
        return [];
    }
    const out = new Map<Statement, string>();
    const resources = sampleResources(statements, bucket);
    for (const persona of personasOf(statements)) {
        for (const action of sampleActions(statements)) {
            for (const resource of resources) {
                const s = allowedBy(statements, persona, action, resource);
                if (s && !out.has(s)) {
                    const who = s.notPrincipal ? "NotPrincipal (everyone else)" : s.principal?.any ? "Principal \"*\"" : "its principal";
                    out.set(s, `${s.label} allows ${who}: ${describePersona(persona)} can ${action} on ${resource.replace(/zz-any(-key)?/g, "*")}`);
                }
            }
        }
    }
    return [...out.values()];
}

export const s3NoPublicPolicy: ResourceValidationPolicy = {
    name: "s3-bucket-policy-no-public-principal",
    description: describe(
        "S3 bucket policies must not let anonymous callers, other accounts or other accounts' resources in.",
        "grant to specific principals (e.g. the CloudFront service principal with StringEquals aws:SourceArn set to "
        + "this account's distribution) instead of Principal \"*\"; never NotPrincipal with Allow; conditions must pin "
        + "the caller with fixed values, not wildcards, negations or IfExists.",
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
        const ref = peek(args.props, "bucket");
        for (const bad of publicStatements(doc, nonEmptyString(ref) ? ref : undefined)) {
            report(violation(`${typeKind(args.type)} "${args.name}"${nonEmptyString(ref) ? ` (bucket ${ref})` : ""}: ${bad}`,
                "the objects become readable (or writable) by callers outside the account; conditions on keys the caller "
                + "sets (aws:Referer, aws:UserAgent), wildcards and negations do not keep strangers out",
                "grant to named principals, and pin service principals with StringEquals aws:SourceArn/aws:SourceAccount"));
        }
    },
};

const ACL_TYPES = ["aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketAcl:BucketAcl"];
const PUBLIC_CANNED_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GROUPS = ["acs.amazonaws.com/groups/global/allusers", "acs.amazonaws.com/groups/global/authenticatedusers"];

function publicGrants(grants: unknown): string[] {
    return asArray(grants).flatMap(g => {
        const grantee = isObject(g) && isObject(g.grantee) ? g.grantee : g;
        const uri = isObject(grantee) ? grantee.uri : undefined;
        const norm = typeof uri === "string" ? uri.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/+$/, "") : "";
        return PUBLIC_GROUPS.includes(norm) ? [`grant to ${norm.substring(norm.lastIndexOf("/") + 1) === "allusers" ? "AllUsers" : "AuthenticatedUsers"}`] : [];
    });
}

/** What makes an ACL resource or a bucket's inline ACL public (read raw: unknown values are not judged). */
export function publicAclProblems(type: string, props: unknown): string[] {
    const out: string[] = [];
    const acl = peek(props, "acl");
    if (typeof acl === "string" && PUBLIC_CANNED_ACLS.has(acl.trim().toLowerCase())) {
        out.push(`canned ACL ${acl}`);
    }
    out.push(...publicGrants(ACL_TYPES.includes(type) ? peek(peek(props, "accessControlPolicy"), "grants") : peek(props, "grants")));
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
            const ref = peek(args.props, "bucket");
            report(violation(`${typeKind(args.type)} "${args.name}"${nonEmptyString(ref) ? ` (bucket ${ref})` : ""} makes the bucket `
                + `public: ${problems.join(", ")}`, "AllUsers and AuthenticatedUsers are everyone on the Internet and every AWS account",
            "remove the public ACL and grants; disable ACLs with BucketOwnerEnforced"));
        }
    },
};
