import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as aws from "../../src/aws/s3";
import { assertFails, assertPasses, assertUndecided, resourceDiagnostics, stackDiagnostics as run } from "../assertions";
import { DENY_INSECURE_POLICY, bucket, bucketSiblings, res } from "../builders";
import { UNKNOWN_STRING } from "../harness";

/** Drops the sibling of the given type prefix from a compliant set. */
function without(resources: ReturnType<typeof bucketSiblings>, typePrefix: string) {
    return resources.filter(r => !r.type.startsWith(typePrefix));
}

describe("S3 sibling matching", () => {
    it("matches a sibling by the bucket's name, its id, or (autonamed buckets in mock dumps) its resource name", () => {
        for (const [physical, ref] of [["verto-assets-prod", "verto-assets-prod"], [undefined, "assets"]]) {
            const all = [bucket("assets", physical), ...bucketSiblings("assets", ref)];
            for (const p of aws.s3Policies) {
                assertPasses(run(p, all));
            }
        }
        const byId = [bucket("assets", undefined, { id: "assets-1a2b3c" }), ...bucketSiblings("assets", "assets-1a2b3c")];
        assertPasses(run(aws.s3Encryption, byId));
    });
    it("does not credit one bucket's siblings to another", () => {
        const all = [bucket("assets", "verto-assets"), bucket("uploads", "verto-uploads"), ...bucketSiblings("assets", "verto-assets")];
        assertFails(run(aws.s3Encryption, all), 'S3 bucket "verto-uploads" has no default encryption', 1);
    });
    it("uses property dependencies when the reference is unknown (preview), else reports it as undecided", () => {
        const b = bucket("assets", "verto-assets");
        const sse = bucketSiblings("assets", UNKNOWN_STRING)[0];
        assertUndecided(run(aws.s3Encryption, [b, sse]));
        assertPasses(run(aws.s3Encryption, [b, { ...sse, propertyDependencies: { bucket: [b.urn!] } }]));
    });
    it("a reference whose dependencies name another bucket is not this bucket's", () => {
        const a = bucket("assets", "verto-assets");
        const logs = bucket("logs", "verto-logs");
        const sse = { ...bucketSiblings("assets", UNKNOWN_STRING)[0], propertyDependencies: { bucket: [a.urn!] } };
        assertFails(run(aws.s3Encryption, [a, logs, sse]), 'S3 bucket "verto-logs" has no default encryption', 1);
    });
    it("reports definite failures and then the advisory for undecided buckets", () => {
        const a = bucket("assets", "verto-assets");
        const other = { ...bucketSiblings("x", UNKNOWN_STRING)[1] }; // unknown versioning reference, no dependency data
        const ds = run(aws.s3Encryption, [a, other, ...bucketSiblings("assets", UNKNOWN_STRING).slice(1, 2)]);
        assertFails(ds, 'S3 bucket "verto-assets" has no default encryption', 1);
        const undecided = run(aws.s3Versioning, [a, other, bucket("b2", "verto-b2"), ...bucketSiblings("b2", "verto-b2").slice(1, 2)]);
        assert.equal(undecided.length, 1);
        assertUndecided(undecided);
    });
    it("ignores providers and components", () => {
        assertPasses(run(aws.s3Encryption, [res("pulumi:providers:aws", "aws", { region: "eu-west-1" }),
            res("verto:aws:StaticSite", "site", {})]));
    });
});

describe("s3-bucket-encryption", () => {
    it("passes with a sibling or the inline forms", () => {
        assertPasses(run(aws.s3Encryption, [bucket("b"), ...bucketSiblings("b", "b")]));
        assertPasses(run(aws.s3Encryption, [res("aws:s3/bucket:Bucket", "old", {
            bucket: "old", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } },
        })]));
        assertPasses(run(aws.s3Encryption, [bucket("v2", "v2", {
            serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }] }] }],
        })]));
    });
    it("fails without encryption or with an empty algorithm", () => {
        assertFails(run(aws.s3Encryption, [bucket("b"), ...without(bucketSiblings("b", "b"), "aws:s3/bucketServerSide")]),
            'S3 bucket "b" has no default encryption', 1);
        const bad = bucketSiblings("b", "b")[0];
        (bad.props as any).rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "" } }];
        assertFails(run(aws.s3Encryption, [bucket("b"), bad]), "has no default encryption", 1);
    });
});

describe("s3-bucket-versioning", () => {
    it("passes with status Enabled or inline versioning", () => {
        assertPasses(run(aws.s3Versioning, [bucket("b"), ...bucketSiblings("b", "b")]));
        assertPasses(run(aws.s3Versioning, [res("aws:s3/bucket:Bucket", "old", { versioning: { enabled: true } })]));
    });
    it("fails when Suspended or missing", () => {
        const sib = bucketSiblings("b", "b")[1];
        (sib.props as any).versioningConfiguration.status = "Suspended";
        assertFails(run(aws.s3Versioning, [bucket("b"), sib]), 'S3 bucket "b" does not have versioning enabled', 1);
        assertFails(run(aws.s3Versioning, [bucket("b")]), "does not have versioning enabled", 1);
    });
});

describe("s3-bucket-public-access-block", () => {
    it("passes with all four flags, or an account-level block", () => {
        assertPasses(run(aws.s3PublicAccessBlock, [bucket("b"), ...bucketSiblings("b", "b")]));
        assertPasses(run(aws.s3PublicAccessBlock, [bucket("b"), res("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "acct", {
            blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        })]));
    });
    it("fails when a flag is false or the block is missing", () => {
        const pab = bucketSiblings("b", "b")[2];
        (pab.props as any).restrictPublicBuckets = false;
        assertFails(run(aws.s3PublicAccessBlock, [bucket("b"), pab]), 'S3 bucket "b" has no BucketPublicAccessBlock', 1);
        assertFails(run(aws.s3PublicAccessBlock, [bucket("b")]), "has no BucketPublicAccessBlock", 1);
    });
});

describe("s3-bucket-deny-insecure-transport", () => {
    it("passes with a Deny on aws:SecureTransport false (string or boolean, object or JSON)", () => {
        assertPasses(run(aws.s3DenyInsecureTransport, [bucket("b"), ...bucketSiblings("b", "b")]));
        assert.equal(aws.policyDeniesInsecure({
            Statement: { Effect: "Deny", Principal: { AWS: ["*"] }, Action: ["s3:*"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
                Condition: { Bool: { "aws:SecureTransport": false } } },
        }), "yes");
    });
    it("fails for an Allow, a narrow action, a missing condition or invalid JSON", () => {
        const stmt = JSON.parse(DENY_INSECURE_POLICY("b")).Statement[0];
        for (const bad of [
            { ...stmt, Effect: "Allow" },
            { ...stmt, Action: "s3:GetObject" },
            { ...stmt, Condition: {} },
            { ...stmt, Principal: { AWS: "arn:aws:iam::123456789012:root" } },
        ]) {
            const p = res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "b", policy: JSON.stringify({ Statement: [bad] }) });
            assertFails(run(aws.s3DenyInsecureTransport, [bucket("b"), p]), 'S3 bucket "b" has no bucket policy denying requests with aws:SecureTransport false', 1);
        }
        const broken = res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "b", policy: "{not json" });
        assertFails(run(aws.s3DenyInsecureTransport, [bucket("b"), broken]), "has no bucket policy denying", 1);
        assertFails(run(aws.s3DenyInsecureTransport, [bucket("b")]), "has no bucket policy denying", 1);
    });
    it("treats a policy document not known yet as undecided", () => {
        const p = res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "b", policy: UNKNOWN_STRING });
        assertUndecided(run(aws.s3DenyInsecureTransport, [bucket("b"), p]));
    });
});

describe("s3-backup-bucket-lifecycle", () => {
    it("passes for a backup bucket with an enabled lifecycle rule, and ignores other buckets", () => {
        assertPasses(run(aws.s3BackupLifecycle, [bucket("db-backups"), ...bucketSiblings("db-backups", "db-backups", { lifecycle: true })]));
        assertPasses(run(aws.s3BackupLifecycle, [bucket("assets")]));
    });
    it("detects backup buckets by tag or name", () => {
        assert.equal(aws.isBackupBucket({ name: "x", props: { tags: { Purpose: "Backup" } } } as any), true);
        assert.equal(aws.isBackupBucket({ name: "x", props: { bucket: "verto-backup-eu" } } as any), true);
        assert.equal(aws.isBackupBucket({ name: "assets", props: { tags: { purpose: "cdn" } } } as any), false);
    });
    it("fails for a backup bucket without a lifecycle or with only disabled rules", () => {
        assertFails(run(aws.s3BackupLifecycle, [bucket("vault", "verto-vault", { tags: { purpose: "backup" } })]),
            'Backup S3 bucket "verto-vault" has no enabled lifecycle configuration', 1);
        const lc = bucketSiblings("db-backups", "db-backups", { lifecycle: true })[4];
        (lc.props as any).rules[0].status = "Disabled";
        assertFails(run(aws.s3BackupLifecycle, [bucket("db-backups"), lc]), "has no enabled lifecycle configuration", 1);
    });
});

// --- bypasses closed: any-good-sibling, buckets brought by name, ACLs, public policies ----------------------------

describe("S3: one good settings resource no longer hides a bad one (bypass)", () => {
    it("a second, Suspended BucketVersioningV2 for the same bucket fails, naming it", () => {
        const bad = { ...bucketSiblings("b", "b")[1], name: "b-versioning-2", urn: "urn:pulumi:production::verto::aws:s3/bucketVersioningV2:BucketVersioningV2::b-versioning-2" };
        (bad.props as any) = { bucket: "b", versioningConfiguration: { status: "Suspended" } };
        assertFails(run(aws.s3Versioning, [bucket("b"), ...bucketSiblings("b", "b"), bad]),
            'S3 bucket "b" does not have versioning enabled (BucketVersioningV2 status Enabled): BucketVersioningV2 "b-versioning-2" has versioningConfiguration.status Suspended', 1);
    });
    it("a second PublicAccessBlock with a false flag fails, naming the flag", () => {
        const bad = res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "b-pab-2", {
            bucket: "b", blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true,
        });
        assertFails(run(aws.s3PublicAccessBlock, [bucket("b"), ...bucketSiblings("b", "b"), bad]), 'BucketPublicAccessBlock "b-pab-2" has blockPublicPolicy false', 1);
    });
});

describe("S3: settings resources of a bucket the stack does not declare are judged on their own (bypass)", () => {
    it("each bad settings resource fails by itself; good ones pass", () => {
        const pab = res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "ext-pab", {
            bucket: "managed-elsewhere", blockPublicAcls: false, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
        });
        assertFails(run(aws.s3PublicAccessBlock, [pab]), 'BucketPublicAccessBlock "ext-pab" (bucket managed-elsewhere) has blockPublicAcls false', 1);
        const ver = res("aws:s3/bucketVersioningV2:BucketVersioningV2", "ext-ver", { bucket: "managed-elsewhere", versioningConfiguration: { status: "Suspended" } });
        assertFails(run(aws.s3Versioning, [ver]), "has versioningConfiguration.status Suspended", 1);
        const sse = res("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "ext-sse", { bucket: "managed-elsewhere", rules: [] });
        assertFails(run(aws.s3Encryption, [sse]), "has a rule without applyServerSideEncryptionByDefault.sseAlgorithm", 1);
        const pol = res("aws:s3/bucketPolicy:BucketPolicy", "ext-pol", { bucket: "managed-elsewhere", policy: JSON.stringify({ Statement: [] }) });
        assertFails(run(aws.s3DenyInsecureTransport, [pol]), "does not deny requests with aws:SecureTransport false", 1);
        for (const p of aws.s3Policies) {
            assertPasses(run(p, bucketSiblings("ext", "managed-elsewhere")));
        }
    });
});

describe("s3-bucket-owner-enforced", () => {
    it("passes with BucketOwnerEnforced", () => {
        assertPasses(run(aws.s3OwnerEnforced, [bucket("b"), ...bucketSiblings("b", "b")]));
    });
    it("fails without ownership controls or with ObjectWriter", () => {
        assertFails(run(aws.s3OwnerEnforced, [bucket("b")]), 'S3 bucket "b" does not disable ACLs', 1);
        const oc = res("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "oc", { bucket: "b", rule: { objectOwnership: "ObjectWriter" } });
        assertFails(run(aws.s3OwnerEnforced, [bucket("b"), oc]), 'BucketOwnershipControls "oc" has rule.objectOwnership ObjectWriter', 1);
    });
    it("accepts BucketOwnerPreferred only on a bucket CloudFront writes standard logs to (CloudFront needs ACLs there)", () => {
        const preferred = res("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "oc", { bucket: "logs", rule: { objectOwnership: "BucketOwnerPreferred" } });
        const cdn = res("aws:cloudfront/distribution:Distribution", "cdn", { loggingConfig: { bucket: "logs.s3.amazonaws.com", prefix: "cloudfront/" } });
        assertPasses(run(aws.s3OwnerEnforced, [bucket("logs"), preferred, cdn]));
        assertFails(run(aws.s3OwnerEnforced, [bucket("logs"), preferred]), 'has rule.objectOwnership BucketOwnerPreferred', 1);
        const writer = res("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "oc", { bucket: "logs", rule: { objectOwnership: "ObjectWriter" } });
        assertFails(run(aws.s3OwnerEnforced, [bucket("logs"), writer, cdn]), 'CloudFront log bucket "logs" must set objectOwnership BucketOwnerPreferred', 1);
        const other = res("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "oc2", { bucket: "assets", rule: { objectOwnership: "BucketOwnerPreferred" } });
        assertFails(run(aws.s3OwnerEnforced, [bucket("logs"), preferred, cdn, bucket("assets"), other]), 'S3 bucket "assets" does not disable ACLs', 1);
    });
});

describe("s3-bucket-access-logging", () => {
    it("passes with a BucketLoggingV2, and exempts the log bucket itself", () => {
        assertPasses(run(aws.s3AccessLogging, [bucket("b"), ...bucketSiblings("b", "b"), bucket("logs", "verto-access-logs")]));
        assertPasses(run(aws.s3AccessLogging, [bucket("logs", "verto-logs", { tags: { purpose: "logs" } })]));
    });
    it("fails without logging or with an empty target", () => {
        assertFails(run(aws.s3AccessLogging, [bucket("b")]), 'S3 bucket "b" has no access logging', 1);
        const l = res("aws:s3/bucketLoggingV2:BucketLoggingV2", "l", { bucket: "b", targetBucket: "" });
        assertFails(run(aws.s3AccessLogging, [bucket("b"), l]), 'BucketLoggingV2 "l" has no targetBucket', 1);
    });
});

describe("s3-bucket-no-public-acl", () => {
    const acl = (props: Record<string, unknown>) => res("aws:s3/bucketAclV2:BucketAclV2", "acl", { bucket: "b", ...props });
    it("passes private ACLs and buckets without inline acl", () => {
        assertPasses(resourceDiagnostics(aws.s3NoPublicAcl, acl({ acl: "private" })));
        assertPasses(resourceDiagnostics(aws.s3NoPublicAcl, bucket("b")));
    });
    it("fails public canned ACLs, AllUsers grants and inline acl on the bucket", () => {
        assertFails(resourceDiagnostics(aws.s3NoPublicAcl, acl({ acl: "public-read-write" })), 'BucketAclV2 "acl" (bucket b) makes the bucket public: canned ACL public-read-write', 1);
        assertFails(resourceDiagnostics(aws.s3NoPublicAcl, acl({
            accessControlPolicy: { grants: [{ grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" }], owner: { id: "x" } },
        })), "grant to AllUsers", 1);
        assertFails(resourceDiagnostics(aws.s3NoPublicAcl, bucket("b", "b", { acl: "public-read" })), 'BucketV2 "b" (bucket b) makes the bucket public: canned ACL public-read', 1);
    });
});

describe("s3-bucket-policy-no-public-principal", () => {
    const pol = (stmt: Record<string, unknown>) => res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "b", policy: JSON.stringify({ Statement: [stmt] }) });
    it("passes the deny-insecure policy, named principals and Principal * tied to a source ARN", () => {
        assertPasses(resourceDiagnostics(aws.s3NoPublicPolicy, bucketSiblings("b", "b")[3]));
        assertPasses(resourceDiagnostics(aws.s3NoPublicPolicy, pol({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/reader" }, Action: "s3:GetObject" })));
        assertPasses(resourceDiagnostics(aws.s3NoPublicPolicy, pol({ Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject",
            Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/E1" } } })));
        assertPasses(resourceDiagnostics(aws.s3NoPublicPolicy, pol({
            Effect: "Allow", Principal: "*", Action: "s3:GetObject", Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::1:distribution/X" } },
        })));
    });
    it("fails Allow for Principal * or {AWS: *}, NotPrincipal, and the inline bucket policy", () => {
        assertFails(resourceDiagnostics(aws.s3NoPublicPolicy, pol({ Effect: "Allow", Principal: "*", Action: "s3:GetObject" })), 'allows Principal "*"', 1);
        assertFails(resourceDiagnostics(aws.s3NoPublicPolicy, pol({ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "s3:*" })), 'allows Principal "*"', 1);
        assertFails(resourceDiagnostics(aws.s3NoPublicPolicy, pol({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:*" })), "NotPrincipal", 1);
        assertFails(resourceDiagnostics(aws.s3NoPublicPolicy, bucket("b", "b", {
            policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] }),
        })), 'BucketV2 "b"', 1);
    });
});
