package io.verto.infra.aws;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketLoggingV2;
import com.pulumi.aws.s3.BucketLoggingV2Args;
import com.pulumi.aws.s3.BucketObjectLockConfigurationV2;
import com.pulumi.aws.s3.BucketObjectLockConfigurationV2Args;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketObjectLockConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketObjectLockConfigurationV2RuleDefaultRetentionArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.verto.infra.serialization.Canonical;
import io.verto.infra.types.LifecycleRule;
import io.verto.infra.types.ObjectLock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A private S3 bucket with nothing to switch on: all four public-access-block flags, ACLs disabled
 * (BucketOwnerEnforced), default encryption (SSE-S3, or SSE-KMS with a key), versioning, a bucket policy
 * that denies every request without TLS, lifecycle rules, optionally S3 Object Lock, and server access logs to a
 * log bucket. One component for static assets, backups and logs; see {@link SecureBucketArgs} for the choices.
 * A retained bucket keeps its safeguards too: every one of its settings resources is protected and retained on
 * delete, so destroying the stack leaves the bucket as private, versioned, locked and expiring as it was.
 */
public class SecureBucket extends ComponentResource {
    public static final String TYPE = "verto:aws:SecureBucket";

    private final Output<String> bucketName;
    private final Output<String> arn;
    private final Output<String> regionalDomainName;
    private final Output<String> domainName;
    private final BucketOwnershipControls ownershipControls;

    public SecureBucket(String name, SecureBucketArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = options(args, List.of());
        var bucketArgs = BucketV2Args.builder()
                .forceDestroy(false)
                .tags(Map.of("purpose", args.purpose(), "managed-by", "pulumi"));
        args.bucketName().ifPresentOrElse(bucketArgs::bucket, () -> bucketArgs.bucketPrefix("verto-" + args.purpose() + "-"));
        var bucket = new BucketV2(name, bucketArgs.build(), child);
        this.bucketName = bucket.bucket();
        this.arn = bucket.arn();
        this.regionalDomainName = bucket.bucketRegionalDomainName();
        this.domainName = bucket.bucketDomainName();

        var publicAccessBlock = new BucketPublicAccessBlock(name, BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true)
                .build(), child);

        this.ownershipControls = new BucketOwnershipControls(name, BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder()
                        .objectOwnership(args.aclsForCloudFrontLogs() ? "BucketOwnerPreferred" : "BucketOwnerEnforced").build())
                .build(), child);

        var byDefault = BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder();
        args.kmsKeyArn().ifPresentOrElse(key -> byDefault.sseAlgorithm("aws:kms").kmsMasterKeyId(key), () -> byDefault.sseAlgorithm("AES256"));
        new BucketServerSideEncryptionConfigurationV2(name, BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(byDefault.build())
                        .bucketKeyEnabled(args.kmsKeyArn().isPresent())
                        .build())
                .build(), child);

        var versioning = new BucketVersioningV2(name, BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), child);

        if (!args.policyWrittenByOwner()) {
            // After the public access block, so S3 judges the policy with the block in place.
            new BucketPolicy(name, BucketPolicyArgs.builder()
                            .bucket(bucket.id())
                            .policy(policyDocument(arn, args.policyStatements().apply(arn)))
                            .build(),
                    options(args, List.of(publicAccessBlock)));
        }

        // Object Lock needs versioning first; it can be switched on for an existing versioned bucket, never off.
        args.objectLock().ifPresent(lock -> new BucketObjectLockConfigurationV2(name, BucketObjectLockConfigurationV2Args.builder()
                .bucket(bucket.id())
                .objectLockEnabled("Enabled")
                .rule(BucketObjectLockConfigurationV2RuleArgs.builder()
                        .defaultRetention(BucketObjectLockConfigurationV2RuleDefaultRetentionArgs.builder()
                                .mode(lock.mode().name()).days(lock.days().days()).build())
                        .build())
                .build(), options(args, List.of(versioning))));

        if (!args.lifecycleRules().isEmpty()) {
            // Lifecycle rules on a versioned bucket need versioning settled first.
            new BucketLifecycleConfigurationV2(name, BucketLifecycleConfigurationV2Args.builder()
                    .bucket(bucket.id())
                    .rules(args.lifecycleRules().stream().map(SecureBucket::rule).toList())
                    .build(), options(args, List.of(versioning)));
        }

        args.accessLogBucket().ifPresent(target -> new BucketLoggingV2(name, BucketLoggingV2Args.builder()
                .bucket(bucket.id())
                .targetBucket(target)
                .targetPrefix("s3/" + name + "/")
                .build(), child));

        registerOutputs(Map.of("bucketName", bucketName, "arn", arn, "regionalDomainName", regionalDomainName));
    }

    /** Every resource of a retained bucket is protected and retained: its safeguards outlive a destroyed stack. */
    private CustomResourceOptions options(SecureBucketArgs args, List<Resource> after) {
        var options = CustomResourceOptions.builder().parent(this).dependsOn(after);
        if (args.retainOnDelete()) {
            options.protect(true).retainOnDelete(true);
        }
        return options.build();
    }

    private static BucketLifecycleConfigurationV2RuleArgs rule(LifecycleRule rule) {
        var noncurrent = BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                .noncurrentDays(rule.noncurrentExpiration().days());
        if (rule.newerNoncurrentVersions() > 0) {
            noncurrent.newerNoncurrentVersions(rule.newerNoncurrentVersions());
        }
        var args = BucketLifecycleConfigurationV2RuleArgs.builder()
                .id(rule.id())
                .status("Enabled")
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix(rule.prefix()).build())
                .noncurrentVersionExpiration(noncurrent.build())
                .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                        .daysAfterInitiation(1).build());
        rule.expiration().ifPresent(r -> args.expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(r.days()).build()));
        return args.build();
    }

    /** The statement every bucket policy starts with: deny any request made without TLS. */
    public static Map<String, Object> denyInsecureTransport(String bucketArn) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Sid", "DenyInsecureTransport");
        statement.put("Effect", "Deny");
        statement.put("Principal", "*");
        statement.put("Action", "s3:*");
        statement.put("Resource", List.of(bucketArn, bucketArn + "/*"));
        statement.put("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
        return statement;
    }

    /**
     * A bucket policy document: the TLS-only denial, then {@code statements}. For an owner that writes the
     * bucket's policy itself ({@link SecureBucketArgs.Builder#policyWrittenByOwner}).
     */
    public static Output<String> policyDocument(Output<String> bucketArn, Output<List<Map<String, Object>>> statements) {
        return Output.tuple(bucketArn, statements).applyValue(t -> {
            List<Object> all = new ArrayList<>();
            all.add(denyInsecureTransport(t.t1));
            all.addAll(t.t2);
            return Canonical.json(Map.of("Version", "2012-10-17", "Statement", all));
        });
    }

    /** The bucket's name (its id). */
    public Output<String> bucketName() { return bucketName; }

    public Output<String> arn() { return arn; }

    /** The regional REST endpoint, e.g. {@code name.s3.eu-central-1.amazonaws.com}: CloudFront's origin. */
    public Output<String> regionalDomainName() { return regionalDomainName; }

    /**
     * The bucket's object-ownership setting: a writer that needs ACLs (CloudFront's logs) must wait for it, not
     * just for the bucket's name.
     */
    public Resource ownershipControls() { return ownershipControls; }

    /** The global endpoint {@code name.s3.amazonaws.com}: what CloudFront's logging names. */
    public Output<String> domainName() { return domainName; }
}
