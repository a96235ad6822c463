package io.verto.infra.aws;

import com.pulumi.aws.iam.AccessKey;
import com.pulumi.aws.iam.AccessKeyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.User;
import com.pulumi.aws.iam.UserArgs;
import com.pulumi.aws.iam.UserPolicy;
import com.pulumi.aws.iam.UserPolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.serialization.Canonical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Least-privilege S3 access for the backup and restore pods: {@code s3:PutObject} and {@code s3:GetObject}
 * on {@code <bucket>/<prefix>*} only (no list, no delete; with a KMS key, only the key use those calls
 * need). Either an IAM role that the pods' Kubernetes service account assumes through the cluster's OIDC
 * provider (IRSA, no keys), or an IAM user whose access key exists only as secret outputs.
 */
public class BackupAccess extends ComponentResource {
    public static final String TYPE = "verto:aws:BackupAccess";

    private final Optional<Output<String>> roleArn;
    private final Optional<Output<String>> accessKeyId;
    private final Optional<Output<String>> secretAccessKey;

    public BackupAccess(String name, BackupAccessArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        Output<String> policy = args.bucketArn().applyValue(arn -> objectPolicy(arn, args.prefix(), args.kmsKeyArn()));
        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        if (args.oidcProviderArn().isPresent()) {
            String provider = args.oidcProviderArn().get();
            String issuer = provider.substring(provider.indexOf(":oidc-provider/") + ":oidc-provider/".length());
            Output<String> trust = args.namespace().applyValue(ns -> Canonical.json(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                    "Effect", "Allow",
                    "Principal", Map.of("Federated", provider),
                    "Action", "sts:AssumeRoleWithWebIdentity",
                    "Condition", Map.of("StringEquals", Map.of(
                            issuer + ":sub", "system:serviceaccount:" + ns + ":" + args.serviceAccountName(),
                            issuer + ":aud", "sts.amazonaws.com")))))));
            var role = new Role(name, RoleArgs.builder()
                    .assumeRolePolicy(trust)
                    .description("MySQL backup and restore pods of " + name + ": objects under " + args.prefix() + " only")
                    .maxSessionDuration(3600)
                    .build(), child);
            new RolePolicy(name, RolePolicyArgs.builder().role(role.name()).policy(policy).build(), child);
            this.roleArn = Optional.of(role.arn());
            this.accessKeyId = Optional.empty();
            this.secretAccessKey = Optional.empty();
            outputs.put("roleArn", role.arn());
        } else {
            var user = new User(name, UserArgs.builder().path("/verto/").forceDestroy(true).build(), child);
            new UserPolicy(name, UserPolicyArgs.builder().user(user.name()).policy(policy).build(), child);
            var key = new AccessKey(name, AccessKeyArgs.builder().user(user.name()).build(),
                    CustomResourceOptions.builder().parent(this).additionalSecretOutputs("secret").build());
            this.roleArn = Optional.empty();
            this.accessKeyId = Optional.of(key.id().asSecret());
            this.secretAccessKey = Optional.of(key.secret().asSecret());
        }
        registerOutputs(outputs);
    }

    /** The IAM policy: put and get objects under the prefix, nothing else. */
    static String objectPolicy(String bucketArn, String prefix, Optional<String> kmsKeyArn) {
        List<Object> statements = new ArrayList<>();
        statements.add(Map.of("Sid", "BackupObjects", "Effect", "Allow",
                "Action", List.of("s3:PutObject", "s3:GetObject"),
                "Resource", bucketArn + "/" + prefix + "*"));
        kmsKeyArn.ifPresent(key -> statements.add(Map.of("Sid", "BackupEncryption", "Effect", "Allow",
                "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"), "Resource", key)));
        return Canonical.json(Map.of("Version", "2012-10-17", "Statement", statements));
    }

    /** The role the service account assumes, when the access is a role. */
    public Optional<Output<String>> roleArn() { return roleArn; }

    /** The access key id (a secret output), when the access is an IAM user. */
    public Optional<Output<String>> accessKeyId() { return accessKeyId; }

    /** The secret access key (a secret output), when the access is an IAM user. */
    public Optional<Output<String>> secretAccessKey() { return secretAccessKey; }
}
