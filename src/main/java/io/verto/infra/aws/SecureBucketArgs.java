package io.verto.infra.aws;

import com.pulumi.core.Output;
import io.verto.infra.types.LifecycleRule;
import io.verto.infra.types.ObjectLock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Arguments of {@link SecureBucket}. Required: purpose. */
public final class SecureBucketArgs {
    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{0,20}");

    private final String purpose;
    private final Optional<String> bucketName;
    private final Optional<String> kmsKeyArn;
    private final List<LifecycleRule> lifecycleRules;
    private final Optional<Output<String>> accessLogBucket;
    private final Function<Output<String>, Output<List<Map<String, Object>>>> policyStatements;
    private final boolean policyWrittenByOwner;
    private final boolean aclsForCloudFrontLogs;
    private final boolean retainOnDelete;
    private final Optional<ObjectLock> objectLock;

    private SecureBucketArgs(Builder b) {
        this.purpose = Objects.requireNonNull(b.purpose, "SecureBucketArgs.purpose is required");
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("SecureBucketArgs.purpose '" + purpose + "' must be a short lower-case word such as backup");
        }
        this.bucketName = b.bucketName;
        this.kmsKeyArn = b.kmsKeyArn;
        this.lifecycleRules = List.copyOf(b.lifecycleRules);
        this.accessLogBucket = b.accessLogBucket;
        this.policyStatements = b.policyStatements;
        this.policyWrittenByOwner = b.policyWrittenByOwner;
        this.aclsForCloudFrontLogs = b.aclsForCloudFrontLogs;
        this.retainOnDelete = b.retainOnDelete;
        this.objectLock = b.objectLock;
        if (objectLock.isPresent() && purpose.equals("logs")) {
            throw new IllegalArgumentException("SecureBucket(logs): S3 refuses a bucket with Object Lock as a server access log target");
        }
        if (accessLogBucket.isEmpty() && !purpose.equals("logs")) {
            throw new IllegalArgumentException("SecureBucket(" + purpose + ") needs accessLogBucket: only a log bucket writes no access logs");
        }
        if (policyWrittenByOwner && b.policyStatementsSet) {
            throw new IllegalArgumentException("SecureBucket(" + purpose + "): policyStatements and policyWrittenByOwner exclude each other");
        }
    }

    public static Builder builder() { return new Builder(); }

    public String purpose() { return purpose; }
    public Optional<String> bucketName() { return bucketName; }
    public Optional<String> kmsKeyArn() { return kmsKeyArn; }
    public List<LifecycleRule> lifecycleRules() { return lifecycleRules; }
    public Optional<Output<String>> accessLogBucket() { return accessLogBucket; }
    public Function<Output<String>, Output<List<Map<String, Object>>>> policyStatements() { return policyStatements; }
    public boolean policyWrittenByOwner() { return policyWrittenByOwner; }
    public boolean aclsForCloudFrontLogs() { return aclsForCloudFrontLogs; }
    public boolean retainOnDelete() { return retainOnDelete; }
    public Optional<ObjectLock> objectLock() { return objectLock; }

    public static final class Builder {
        private String purpose;
        private Optional<String> bucketName = Optional.empty();
        private Optional<String> kmsKeyArn = Optional.empty();
        private final List<LifecycleRule> lifecycleRules = new ArrayList<>();
        private Optional<Output<String>> accessLogBucket = Optional.empty();
        private Function<Output<String>, Output<List<Map<String, Object>>>> policyStatements = arn -> Output.of(List.of());
        private boolean policyStatementsSet;
        private boolean policyWrittenByOwner;
        private boolean aclsForCloudFrontLogs;
        private boolean retainOnDelete;
        private Optional<ObjectLock> objectLock = Optional.empty();

        /** What the bucket holds ({@code backup}, {@code assets}, {@code logs}): its {@code purpose} tag and name prefix. Required. */
        public Builder purpose(String purpose) { this.purpose = purpose; return this; }

        /** The bucket's exact name. Default autonamed {@code verto-<purpose>-<random>}. */
        public Builder bucketName(Optional<String> name) { this.bucketName = name; return this; }

        /** Encrypts with this KMS key (SSE-KMS, with an S3 bucket key). Default SSE-S3 (AES256). */
        public Builder kmsKeyArn(Optional<String> key) { this.kmsKeyArn = key; return this; }

        /** Adds a lifecycle rule. Default none: objects and their old versions are kept. */
        public Builder lifecycleRule(LifecycleRule rule) { lifecycleRules.add(rule); return this; }

        /** The bucket that receives this bucket's server access logs. Required unless the purpose is {@code logs}. */
        public Builder accessLogBucket(Output<String> bucket) { this.accessLogBucket = Optional.of(bucket); return this; }

        /**
         * Statements added to the bucket policy after the TLS-only denial, made from the bucket's ARN. Default
         * none.
         */
        public Builder policyStatements(Function<Output<String>, Output<List<Map<String, Object>>>> statements) {
            this.policyStatements = statements;
            this.policyStatementsSet = true;
            return this;
        }

        /**
         * The bucket's owner writes the policy itself with {@link SecureBucket#policyDocument} (which keeps the
         * TLS-only denial), once its principals exist, e.g. a CloudFront distribution that reads the bucket.
         * Default false: the bucket writes its own policy.
         */
        public Builder policyWrittenByOwner(boolean owner) { this.policyWrittenByOwner = owner; return this; }

        /**
         * Keeps ACLs enabled (BucketOwnerPreferred) because CloudFront's standard logs are delivered with an ACL;
         * nothing public is granted. Default false: ACLs disabled (BucketOwnerEnforced).
         */
        public Builder aclsForCloudFrontLogs(boolean acls) { this.aclsForCloudFrontLogs = acls; return this; }

        /**
         * Protects the bucket and its settings (versioning, public access block, policy, lifecycle, lock, ...) and keeps
         * them when the stack is destroyed (production backups). Default false.
         */
        public Builder retainOnDelete(boolean retain) { this.retainOnDelete = retain; return this; }

        /** Locks every new object version for a while (S3 Object Lock default retention). Default none. */
        public Builder objectLock(Optional<ObjectLock> lock) { this.objectLock = lock; return this; }

        public SecureBucketArgs build() { return new SecureBucketArgs(this); }
    }
}
