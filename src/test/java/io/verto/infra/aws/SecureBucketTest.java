package io.verto.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.types.LifecycleRule;
import io.verto.infra.types.ObjectLock;
import io.verto.infra.types.Retention;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.verto.infra.testing.ProgramRun.at;
import static io.verto.infra.testing.SortedKeys.assertSortedJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SecureBucket under Pulumi's mocks. */
class SecureBucketTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();

    private static ProgramRun bucket(SecureBucketArgs.Builder args) {
        var run = ProgramRun.run("test", ctx -> new SecureBucket("b", args.build(), NONE));
        run.result().throwOnError();
        return run;
    }

    private static SecureBucketArgs.Builder backup() {
        return SecureBucketArgs.builder().purpose("backup").accessLogBucket(Output.of("logs-bucket"))
                .lifecycleRule(LifecycleRule.expire("expire-mysql", "mysql/", Retention.WEEK));
    }

    @Test
    void privateEncryptedVersionedTlsOnlyAndLogged() throws Exception {
        var run = bucket(backup());
        var bucket = run.one("aws:s3/bucketV2:BucketV2", "b").inputs();
        assertEquals("verto-backup-", bucket.get("bucketPrefix"));
        assertEquals(false, bucket.get("forceDestroy"));
        assertEquals("backup", at(bucket, "tags.purpose"));
        var pab = run.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "b").inputs();
        for (String flag : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertEquals(true, pab.get(flag), flag);
        }
        assertEquals("BucketOwnerEnforced", at(run.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "b").inputs(), "rule.objectOwnership"));
        var sse = run.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "b").inputs();
        assertEquals("AES256", at(sse, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm"));
        assertEquals("Enabled", at(run.one("aws:s3/bucketVersioningV2:BucketVersioningV2", "b").inputs(), "versioningConfiguration.status"));
        String policyText = (String) run.one("aws:s3/bucketPolicy:BucketPolicy", "b").inputs().get("policy");
        assertSortedJson(policyText);
        JsonNode policy = new ObjectMapper().readTree(policyText);
        JsonNode deny = policy.get("Statement").get(0);
        assertEquals("Deny", deny.get("Effect").asText());
        assertEquals("*", deny.get("Principal").asText());
        assertEquals("false", deny.at("/Condition/Bool/aws:SecureTransport").asText());
        assertTrue(deny.get("Resource").toString().contains("/*"));
        var lifecycle = run.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "b").inputs();
        assertEquals("mysql/", at(lifecycle, "rules[0].filter.prefix"));
        assertEquals(7.0, ((Number) at(lifecycle, "rules[0].expiration.days")).doubleValue());
        assertEquals(1.0, ((Number) at(lifecycle, "rules[0].noncurrentVersionExpiration.noncurrentDays")).doubleValue());
        assertEquals("Enabled", at(lifecycle, "rules[0].status"));
        assertEquals("logs-bucket", run.one("aws:s3/bucketLoggingV2:BucketLoggingV2", "b").inputs().get("targetBucket"));
        assertFalse(run.one("aws:s3/bucketV2:BucketV2", "b").protect());
        run.registered().stream().filter(r -> r.type().startsWith("aws:"))
                .forEach(r -> assertTrue(r.parentUrn().endsWith("verto:aws:SecureBucket::b"), r.name()));
    }

    @Test
    void kmsNamedRetainedAndExtraStatements() throws Exception {
        var run = bucket(backup().bucketName(Optional.of("verto-backups"))
                .kmsKeyArn(Optional.of("arn:aws:kms:eu-central-1:123456789012:key/abc")).retainOnDelete(true)
                .policyStatements(arn -> arn.applyValue(a -> List.of(Map.of("Sid", "Extra", "Effect", "Allow", "Resource", a)))));
        var bucket = run.one("aws:s3/bucketV2:BucketV2", "b");
        assertEquals("verto-backups", bucket.inputs().get("bucket"));
        assertTrue(bucket.protect());
        var sse = run.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "b").inputs();
        assertEquals("aws:kms", at(sse, "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm"));
        assertEquals(true, at(sse, "rules[0].bucketKeyEnabled"));
        JsonNode policy = new ObjectMapper().readTree((String) run.one("aws:s3/bucketPolicy:BucketPolicy", "b").inputs().get("policy"));
        assertEquals("DenyInsecureTransport", policy.get("Statement").get(0).get("Sid").asText());
        assertEquals("arn:aws:s3:::verto-backups", policy.get("Statement").get(1).get("Resource").asText());
    }

    @Test
    void onlyALogBucketGoesWithoutAccessLogs() {
        assertThrows(IllegalArgumentException.class, () -> SecureBucketArgs.builder().purpose("assets").build());
        var run = bucket(SecureBucketArgs.builder().purpose("logs").aclsForCloudFrontLogs(true));
        assertTrue(run.ofType("aws:s3/bucketLoggingV2:BucketLoggingV2").isEmpty());
        assertEquals("BucketOwnerPreferred", at(run.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "b").inputs(), "rule.objectOwnership"));
        var owner = bucket(backup().policyWrittenByOwner(true));
        assertTrue(owner.ofType("aws:s3/bucketPolicy:BucketPolicy").isEmpty());
    }

    /** A retained, locked backup bucket: destroying the stack keeps every safeguard, and versions stay by count. */
    @Test
    void lockedNewestVersionsAndARetainedBucketKeepsItsSafeguards() {
        var run = bucket(SecureBucketArgs.builder().purpose("backup").accessLogBucket(Output.of("logs-bucket"))
                .lifecycleRule(LifecycleRule.keepNewest("keep-newest", "mysql/", 7, Retention.days(14)))
                .objectLock(Optional.of(new ObjectLock(ObjectLock.Mode.COMPLIANCE, Retention.WEEK))).retainOnDelete(true));
        var lock = run.one("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "b").inputs();
        assertEquals("Enabled", lock.get("objectLockEnabled"));
        assertEquals("COMPLIANCE", at(lock, "rule.defaultRetention.mode"));
        assertEquals(7L, at(lock, "rule.defaultRetention.days"));
        var lifecycle = run.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "b").inputs();
        assertEquals(null, at(lifecycle, "rules[0].expiration"), "the current backup never expires");
        assertEquals(6L, at(lifecycle, "rules[0].noncurrentVersionExpiration.newerNoncurrentVersions"));
        assertEquals(14L, at(lifecycle, "rules[0].noncurrentVersionExpiration.noncurrentDays"));
        var aws = run.registered().stream().filter(r -> r.type().startsWith("aws:s3/")).toList();
        assertEquals(9, aws.size(), aws.toString());
        aws.forEach(r -> assertTrue(r.protect() && r.retainOnDelete(), r.type() + " is deleted with the stack"));
        var plain = bucket(backup());
        plain.registered().stream().filter(r -> r.type().startsWith("aws:s3/"))
                .forEach(r -> assertFalse(r.protect() || r.retainOnDelete(), r.type()));
        assertTrue(plain.ofType("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> SecureBucketArgs.builder().purpose("logs")
                .objectLock(Optional.of(new ObjectLock(ObjectLock.Mode.GOVERNANCE, Retention.WEEK))).build(), "S3 refuses a locked log target");
        assertThrows(IllegalArgumentException.class, () -> LifecycleRule.keepNewest("k", "mysql/", 102, Retention.WEEK));
    }
}
