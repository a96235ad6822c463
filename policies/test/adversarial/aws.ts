// Attempts against the AWS rules: bucket policies that look restricted, settings credited to the wrong bucket,
// CloudFront origins that bypass access control, IAM grants spelled so no single statement looks like "*".

import * as cf from "../../src/aws/cloudfront";
import { iamNoWildcardGrants } from "../../src/aws/iam/rules";
import { kmsKeyRotation } from "../../src/aws/kms";
import * as s3 from "../../src/aws/s3";
import { DENY_INSECURE_POLICY, bucket, bucketSiblings, distribution, res } from "../builders";
import { Attempt, against, againstStack } from "./attempt";

const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const policy = (...statements: unknown[]) => res(POLICY, "p", { bucket: "verto-assets", policy: doc(...statements) });
const read = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::verto-assets/*" };
const denyHttp = JSON.parse(DENY_INSECURE_POLICY("verto-assets")).Statement[0];

/** The compliant siblings of a bucket whose physical name is known, but referenced by its Pulumi resource name. */
const byResourceName = (type: string) => [bucket("assets", "verto-assets"), ...bucketSiblings("assets", "assets").filter(s => s.type.includes(type))];

const origin = (o: Record<string, unknown>) => distribution("cdn", { origins: [{ originId: "assets", ...o }] });
const iam = (name: string, ...statements: unknown[]) => res("aws:iam/rolePolicy:RolePolicy", name, { role: "backup", policy: doc(...statements) });

export const awsAttempts: Attempt[] = [
    against(s3.s3NoPublicPolicy, "CloudFront principal pinned only by a wildcard distribution ARN", policy({ ...read, Principal: { Service: "cloudfront.amazonaws.com" },
        Condition: { StringLike: { "AWS:SourceArn": "arn:aws:cloudfront::*:distribution/*" } } }), "service principal cloudfront.amazonaws.com"),
    against(s3.s3NoPublicPolicy, "Principal * behind a Referer the caller sets", policy({ ...read, Principal: "*", Condition: { StringLike: { "aws:Referer": "https://verto.example.com/*" } } }), "anonymous callers"),
    against(s3.s3NoPublicPolicy, "Principal * for everyone but one account (StringNotEquals)", policy({ ...read, Principal: "*", Condition: { StringNotEquals: { "aws:PrincipalAccount": "123456789012" } } }), "can s3:GetObject"),
    against(s3.s3NoPublicPolicy, "VPC endpoint condition made optional with IfExists", policy({ ...read, Principal: { AWS: "*" }, Condition: { StringEqualsIfExists: { "aws:SourceVpce": "vpce-1a2b3c" } } }), "anonymous callers"),
    against(s3.s3NoPublicPolicy, "source IP range that is half the Internet", policy({ ...read, Principal: "*", Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/1" } } }), "anonymous callers"),
    against(s3.s3NoPublicPolicy, "Allow with NotPrincipal", policy({ ...read, NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }), "NotPrincipal (everyone else)"),
    against(s3.s3NoPublicAcl, "grant to AllUsers with an https URI", res("aws:s3/bucketAclV2:BucketAclV2", "acl", { bucket: "verto-assets", accessControlPolicy: {
        owner: { id: "o" }, grants: [{ permission: "READ", grantee: { type: "Group", uri: "https://acs.amazonaws.com/groups/global/AllUsers" } }] } }), "grant to AllUsers"),
    against(s3.s3NoPublicAcl, "authenticated-read: every AWS account", res("aws:s3/bucketAclV2:BucketAclV2", "acl", { bucket: "verto-assets", acl: "authenticated-read" }), "canned ACL authenticated-read"),
    againstStack(s3.s3DenyInsecureTransport, "deny that covers the objects but not the bucket", [bucket("assets", "verto-assets"),
        res(POLICY, "p", { bucket: "verto-assets", policy: doc({ ...denyHttp, Resource: "arn:aws:s3:::verto-assets/*" }) })], "has no bucket policy denying"),
    againstStack(s3.s3DenyInsecureTransport, "deny narrowed by an extra condition to one account", [bucket("assets", "verto-assets"),
        res(POLICY, "p", { bucket: "verto-assets", policy: doc({ ...denyHttp, Condition: { ...denyHttp.Condition, StringEquals: { "aws:PrincipalAccount": "123456789012" } } }) })], "has no bucket policy denying"),
    againstStack(s3.s3DenyInsecureTransport, "deny for another bucket's ARN", [bucket("assets", "verto-assets"),
        res(POLICY, "p", { bucket: "verto-assets", policy: DENY_INSECURE_POLICY("verto-other") })], "has no bucket policy denying"),
    againstStack(s3.s3Encryption, "encryption credited by resource name to a bucket with another physical name", byResourceName("Encryption"), 'S3 bucket "verto-assets" has no default encryption'),
    againstStack(s3.s3Encryption, "second configuration without an algorithm", [bucket("b"), ...bucketSiblings("b", "b").slice(0, 1),
        res("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "b-sse-2", { bucket: "b", rules: [{ bucketKeyEnabled: true }] })], "b-sse-2"),
    againstStack(s3.s3Versioning, "versioning credited by resource name", byResourceName("Versioning"), "does not have versioning enabled"),
    againstStack(s3.s3Versioning, "versioning status Disabled", [bucket("b"), res("aws:s3/bucketVersioningV2:BucketVersioningV2", "v", { bucket: "b", versioningConfiguration: { status: "Disabled" } })], "status Disabled"),
    againstStack(s3.s3PublicAccessBlock, "public access block credited by resource name", byResourceName("PublicAccessBlock"), "has no BucketPublicAccessBlock"),
    againstStack(s3.s3PublicAccessBlock, "account-level block with one flag off and no bucket block", [bucket("b"), res("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "acct", {
        blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: false })], "has no BucketPublicAccessBlock"),
    againstStack(s3.s3BackupLifecycle, "lifecycle credited by resource name to a backup bucket", [bucket("backups", "verto-db-backups"),
        ...bucketSiblings("backups", "backups", { lifecycle: true }).filter(s => s.type.includes("Lifecycle"))], "has no enabled lifecycle"),
    againstStack(s3.s3BackupLifecycle, "every lifecycle rule disabled", [bucket("backups", "verto-backups"), res("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "lc", {
        bucket: "verto-backups", rules: [{ id: "expire", status: "Disabled", expiration: { days: 7 } }] })], "has no enabled lifecycle"),
    againstStack(s3.s3OwnerEnforced, "ACLs kept on a bucket whose resource name matches the CloudFront log bucket", [bucket("logs", "verto-uploads"),
        res("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "oc", { bucket: "verto-uploads", rule: { objectOwnership: "BucketOwnerPreferred" } }),
        res("aws:cloudfront/distribution:Distribution", "cdn", { loggingConfig: { bucket: "logs.s3.amazonaws.com" } })], "BucketOwnerPreferred"),
    againstStack(s3.s3OwnerEnforced, "ObjectWriter ownership", [bucket("b"), res("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "oc", { bucket: "b", rule: { objectOwnership: "ObjectWriter" } })], "ObjectWriter"),
    againstStack(s3.s3AccessLogging, "bucket passed off as a log target through its resource name", [bucket("logs", "verto-uploads"),
        res("aws:s3/bucketLoggingV2:BucketLoggingV2", "l", { bucket: "verto-assets", targetBucket: "logs" }), bucket("assets", "verto-assets")], 'S3 bucket "verto-uploads" has no access logging'),
    againstStack(s3.s3AccessLogging, "logging with an empty target", [bucket("b"), res("aws:s3/bucketLoggingV2:BucketLoggingV2", "l", { bucket: "b", targetBucket: " " })], "has no targetBucket"),
    against(cf.cloudfrontOriginAccess, "S3 website endpoint as the origin", origin({ domainName: "verto-assets.s3-website-eu-west-1.amazonaws.com", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "http-only", originSslProtocols: ["TLSv1.2"] } }), "S3 website endpoint"),
    against(cf.cloudfrontOriginAccess, "S3 REST host configured as a custom origin", origin({ domainName: "verto-assets.s3.eu-west-1.amazonaws.com", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }), "configured as a custom origin"),
    against(cf.cloudfrontOriginAccess, "upper-case dual-stack host with a trailing dot", origin({ domainName: "Verto-Assets.S3.Dualstack.eu-west-1.AmazonAWS.com." }), "without origin access control"),
    against(cf.cloudfrontOriginHttps, "match-viewer behind a behaviour that allows HTTP", distribution("cdn", {
        origins: [{ originId: "app", domainName: "origin.verto.example", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "match-viewer", originSslProtocols: ["TLSv1.2"] } }],
        defaultCacheBehavior: { targetOriginId: "app", viewerProtocolPolicy: "allow-all" }, orderedCacheBehaviors: [] }), "originProtocolPolicy match-viewer"),
    against(cf.cloudfrontOriginHttps, "TLSv1 left in the origin protocols", distribution("cdn", {
        origins: [{ originId: "app", domainName: "origin.verto.example", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1", "TLSv1.2"] } }] }), "allows TLSv1"),
    against(cf.cloudfrontHttps, "one ordered behaviour left on allow-all", distribution("cdn", { orderedCacheBehaviors: [{ pathPattern: "/legacy/*", targetOriginId: "assets", viewerProtocolPolicy: "allow-all" }] }), "orderedCacheBehaviors[0].viewerProtocolPolicy is allow-all"),
    against(cf.cloudfrontHttps, "behaviour without a viewer protocol policy", distribution("cdn", { defaultCacheBehavior: { targetOriginId: "assets" } }), "is unset"),
    against(cf.cloudfrontTls, "TLS 1.1 security policy", distribution("cdn", { viewerCertificate: { acmCertificateArn: "arn:x", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.1_2016" } }), "TLSv1.1_2016"),
    against(cf.cloudfrontTls, "default certificate with a modern protocol version written beside it", distribution("cdn", { viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: "TLSv1.2_2021" } }), "default CloudFront certificate"),
    against(cf.cloudfrontLogging, "logging block without a bucket", distribution("cdn", { loggingConfig: { prefix: "cdn/" } }), "has no access logging"),
    against(cf.cloudfrontLogging, "blank log bucket", distribution("cdn", { loggingConfig: { bucket: "  " } }), "has no access logging"),
    against(cf.cloudfrontWaf, "blank web ACL id", distribution("cdn", { webAclId: " " }), "has no WAF web ACL"),
    against(cf.cloudfrontWaf, "web ACL left out", distribution("cdn", { webAclId: undefined }), "has no WAF web ACL"),
    against(iamNoWildcardGrants, "everything but IAM through NotAction", iam("poweruser", { Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }), "every s3 action on every resource"),
    against(iamNoWildcardGrants, "administrator split over statements by service initial", iam("split", ...["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"]
        .map(c => ({ Effect: "Allow", Action: `${c}*`, Resource: "*" }))), "every action of every service on every resource"),
    against(iamNoWildcardGrants, "backup identity widened to every bucket", iam("backup", { Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: "arn:aws:s3:::*/*" }), "s3:GetObject, s3:PutObject on every resource"),
    against(iamNoWildcardGrants, "PassRole on every role hidden in an action wildcard", iam("deployer", { Effect: "Allow", Action: ["ec2:RunInstances", "iam:Pass*"], Resource: "*" }), "iam:PassRole"),
    against(iamNoWildcardGrants, "role anyone can assume", res("aws:iam/role:Role", "r", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }) }), "lets anonymous callers sts:AssumeRole"),
    against(iamNoWildcardGrants, "GitHub OIDC trust without a subject", res("aws:iam/role:Role", "ci", { assumeRolePolicy: doc({ Effect: "Allow",
        Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }, Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } }) }), "without pinning the token's subject"),
    against(iamNoWildcardGrants, "AdministratorAccess attached to the backup user", res("aws:iam/userPolicyAttachment:UserPolicyAttachment", "a", { user: "backup", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }), "AdministratorAccess"),
    against(kmsKeyRotation, "rotation switched off", res("aws:kms/key:Key", "k", { enableKeyRotation: false }), "will never rotate"),
    against(kmsKeyRotation, "rotation on, but once every seven years", res("aws:kms/key:Key", "k", { enableKeyRotation: true, rotationPeriodInDays: 2560 }), "every 2560 days"),
];
