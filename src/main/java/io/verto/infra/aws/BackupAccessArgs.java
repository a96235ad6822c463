package io.verto.infra.aws;

import com.pulumi.core.Output;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Arguments of {@link BackupAccess}. Required: bucketArn, identity, namespace, writerServiceAccount, readerServiceAccount. */
public final class BackupAccessArgs {
    private static final Pattern KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[\\w-]+");

    /** How the pods get their identity. */
    public sealed interface Identity {
        /** IRSA: a role per service account, trusted through the cluster's IAM OIDC provider. */
        record OidcProvider(String arn) implements Identity { }

        /** EKS Pod Identity: a role per service account and its association in the named cluster. */
        record PodIdentity(String clusterName) implements Identity { }

        /** An IAM user per service account and its access key (secret outputs only): for clusters outside EKS. */
        record AccessKeys() implements Identity { }
    }

    private final Output<String> bucketArn;
    private final String prefix;
    private final Optional<String> kmsKeyArn;
    private final Identity identity;
    private final Output<String> namespace;
    private final String writerServiceAccount;
    private final String readerServiceAccount;

    private BackupAccessArgs(Builder b) {
        this.bucketArn = Objects.requireNonNull(b.bucketArn, "BackupAccessArgs.bucketArn is required");
        this.prefix = b.prefix;
        this.kmsKeyArn = b.kmsKeyArn;
        this.identity = Objects.requireNonNull(b.identity, "BackupAccessArgs.identity is required");
        this.namespace = Objects.requireNonNull(b.namespace, "BackupAccessArgs.namespace is required");
        this.writerServiceAccount = Objects.requireNonNull(b.writerServiceAccount, "BackupAccessArgs.writerServiceAccount is required");
        this.readerServiceAccount = Objects.requireNonNull(b.readerServiceAccount, "BackupAccessArgs.readerServiceAccount is required");
        if (prefix.isEmpty() || !prefix.endsWith("/") || prefix.startsWith("/")) {
            throw new IllegalArgumentException("BackupAccessArgs.prefix must be a key prefix such as mysql/, got '" + prefix + "'");
        }
        // IAM matches a key only by its key ARN: an alias in Resource matches nothing, and every call would be denied.
        kmsKeyArn.filter(k -> !KEY_ARN.matcher(k).matches()).ifPresent(k -> {
            throw new IllegalArgumentException("BackupAccessArgs.kmsKeyArn must be a key ARN (arn:aws:kms:<region>:<account>:key/<id>), got '" + k + "'");
        });
        if (writerServiceAccount.equals(readerServiceAccount)) {
            throw new IllegalArgumentException("BackupAccessArgs: the writer and the reader need service accounts of their own");
        }
    }

    public static Builder builder() { return new Builder(); }

    public Output<String> bucketArn() { return bucketArn; }
    public String prefix() { return prefix; }
    public Optional<String> kmsKeyArn() { return kmsKeyArn; }
    public Identity identity() { return identity; }
    public Output<String> namespace() { return namespace; }
    public String writerServiceAccount() { return writerServiceAccount; }
    public String readerServiceAccount() { return readerServiceAccount; }

    public static final class Builder {
        private Output<String> bucketArn;
        private String prefix = "mysql/";
        private Optional<String> kmsKeyArn = Optional.empty();
        private Identity identity;
        private Output<String> namespace;
        private String writerServiceAccount;
        private String readerServiceAccount;

        /** ARN of the backup bucket. Required. */
        public Builder bucketArn(Output<String> arn) { this.bucketArn = arn; return this; }

        /** The only key prefix the pods may write and read. Default {@code mysql/}. */
        public Builder prefix(String prefix) { this.prefix = prefix; return this; }

        /** The bucket's KMS key (its key ARN, never an alias), whose use the pods then need. Default none (SSE-S3). */
        public Builder kmsKeyArn(Optional<String> key) { this.kmsKeyArn = key; return this; }

        /** How the pods get their identity. Required. */
        public Builder identity(Identity identity) { this.identity = identity; return this; }

        /** Namespace of the service accounts the roles trust. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** Service account of the backup CronJob: it may only write. Required. */
        public Builder writerServiceAccount(String name) { this.writerServiceAccount = name; return this; }

        /** Service account of the restore Job and the restore check: they may only read. Required. */
        public Builder readerServiceAccount(String name) { this.readerServiceAccount = name; return this; }

        public BackupAccessArgs build() { return new BackupAccessArgs(this); }
    }
}
