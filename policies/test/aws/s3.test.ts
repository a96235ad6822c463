import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as aws from "../../src/aws/s3";
import { assertFails, assertPasses, assertUndecided, stackDiagnostics as run } from "../assertions";
import { DENY_INSECURE_POLICY, bucket, bucketSiblings, res } from "../builders";
import { UNKNOWN_STRING } from "../harness";

/** Drops the sibling of the given type prefix from a compliant set. */
function without(resources: ReturnType<typeof bucketSiblings>, typePrefix: string) {
    return resources.filter(r => !r.type.startsWith(typePrefix));
}

describe("S3 sibling matching", () => {
    it("matches a sibling by the bucket's name, its id, or its resource name", () => {
        for (const ref of ["verto-assets-prod", "assets"]) {
            const all = [bucket("assets", "verto-assets-prod"), ...bucketSiblings("assets", ref)];
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
            Statement: { Effect: "Deny", Principal: { AWS: ["*"] }, Action: ["s3:*"], Condition: { Bool: { "aws:SecureTransport": false } } },
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
