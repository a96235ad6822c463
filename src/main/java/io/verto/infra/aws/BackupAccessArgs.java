package io.verto.infra.aws;

import com.pulumi.core.Output;

import java.util.Objects;
import java.util.Optional;

/** Arguments of {@link BackupAccess}. Required: bucketArn, namespace, serviceAccountName. */
public final class BackupAccessArgs {
    private final Output<String> bucketArn;
    private final String prefix;
    private final Optional<String> kmsKeyArn;
    private final Optional<String> oidcProviderArn;
    private final Output<String> namespace;
    private final String serviceAccountName;

    private BackupAccessArgs(Builder b) {
        this.bucketArn = Objects.requireNonNull(b.bucketArn, "BackupAccessArgs.bucketArn is required");
        this.prefix = b.prefix;
        this.kmsKeyArn = b.kmsKeyArn;
        this.oidcProviderArn = b.oidcProviderArn;
        this.namespace = Objects.requireNonNull(b.namespace, "BackupAccessArgs.namespace is required");
        this.serviceAccountName = Objects.requireNonNull(b.serviceAccountName, "BackupAccessArgs.serviceAccountName is required");
        if (prefix.isEmpty() || !prefix.endsWith("/") || prefix.startsWith("/")) {
            throw new IllegalArgumentException("BackupAccessArgs.prefix must be a key prefix such as mysql/, got '" + prefix + "'");
        }
    }

    public static Builder builder() { return new Builder(); }

    public Output<String> bucketArn() { return bucketArn; }
    public String prefix() { return prefix; }
    public Optional<String> kmsKeyArn() { return kmsKeyArn; }
    public Optional<String> oidcProviderArn() { return oidcProviderArn; }
    public Output<String> namespace() { return namespace; }
    public String serviceAccountName() { return serviceAccountName; }

    public static final class Builder {
        private Output<String> bucketArn;
        private String prefix = "mysql/";
        private Optional<String> kmsKeyArn = Optional.empty();
        private Optional<String> oidcProviderArn = Optional.empty();
        private Output<String> namespace;
        private String serviceAccountName;

        /** ARN of the backup bucket. Required. */
        public Builder bucketArn(Output<String> arn) { this.bucketArn = arn; return this; }

        /** The only key prefix the pods may write and read. Default {@code mysql/}. */
        public Builder prefix(String prefix) { this.prefix = prefix; return this; }

        /** The bucket's KMS key, whose use the pods then need. Default none (SSE-S3). */
        public Builder kmsKeyArn(Optional<String> key) { this.kmsKeyArn = key; return this; }

        /**
         * The cluster's IAM OIDC provider: an IAM role for the service account is created. Default none: an IAM
         * user and its access key (secret outputs only).
         */
        public Builder oidcProviderArn(Optional<String> arn) { this.oidcProviderArn = arn; return this; }

        /** Namespace of the service account the role trusts. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** Name of the service account the role trusts. Required. */
        public Builder serviceAccountName(String name) { this.serviceAccountName = name; return this; }

        public BackupAccessArgs build() { return new BackupAccessArgs(this); }
    }
}
