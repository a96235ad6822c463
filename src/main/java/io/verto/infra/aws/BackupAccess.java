package io.verto.infra.aws;

import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Least-privilege S3 access for the backup pods, one identity per job kind ({@link BackupPolicies}): the writer
 * (backup CronJob) may only put new objects under the prefix; the reader (restore Job, restore check) may only get
 * and list them. Each is an IAM role for its Kubernetes service account, through EKS Pod Identity (role and
 * association) or the cluster's OIDC provider (IRSA), so no key exists anywhere; or, for clusters outside EKS, an
 * IAM user whose access key exists only as secret outputs.
 */
public class BackupAccess extends ComponentResource {
    public static final String TYPE = "verto:aws:BackupAccess";

    /**
     * One identity's credentials: the role its service account uses, or the access key (secret outputs).
     *
     * @param roleArn         the role, for IRSA and Pod Identity
     * @param accessKeyId     the key id (a secret output), for an IAM user
     * @param secretAccessKey the secret key (a secret output), for an IAM user
     */
    public record Access(Optional<Output<String>> roleArn, Optional<Output<String>> accessKeyId, Optional<Output<String>> secretAccessKey) { }

    private final Access writer;
    private final Access reader;

    public BackupAccess(String name, BackupAccessArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        Output<String> writerPolicy = args.bucketArn().applyValue(arn -> BackupPolicies.writer(arn, args.prefix(), args.kmsKeyArn()));
        Output<String> readerPolicy = args.bucketArn().applyValue(arn -> BackupPolicies.reader(arn, args.prefix(), args.kmsKeyArn()));
        this.writer = identity(name + "-writer", args, args.writerServiceAccount(), writerPolicy, "writes new backups");
        this.reader = identity(name + "-reader", args, args.readerServiceAccount(), readerPolicy, "reads backups");
        writer.roleArn().ifPresent(arn -> outputs.put("writerRoleArn", arn));
        reader.roleArn().ifPresent(arn -> outputs.put("readerRoleArn", arn));
        registerOutputs(outputs);
    }

    private Access identity(String name, BackupAccessArgs args, String serviceAccount, Output<String> policy, String purpose) {
        var child = CustomResourceOptions.builder().parent(this).build();
        if (args.identity() instanceof BackupAccessArgs.Identity.AccessKeys) {
            var user = new User(name, UserArgs.builder().path("/verto/").forceDestroy(true).build(), child);
            new UserPolicy(name, UserPolicyArgs.builder().user(user.name()).policy(policy).build(), child);
            var key = new AccessKey(name, AccessKeyArgs.builder().user(user.name()).build(),
                    CustomResourceOptions.builder().parent(this).additionalSecretOutputs("secret").build());
            return new Access(Optional.empty(), Optional.of(key.id().asSecret()), Optional.of(key.secret().asSecret()));
        }
        Output<String> trust = args.namespace().applyValue(ns -> args.identity() instanceof BackupAccessArgs.Identity.OidcProvider p
                ? BackupPolicies.irsaTrust(p.arn(), ns, serviceAccount)
                : BackupPolicies.podIdentityTrust(((BackupAccessArgs.Identity.PodIdentity) args.identity()).clusterName(), ns, serviceAccount));
        var role = new Role(name, RoleArgs.builder()
                .assumeRolePolicy(trust)
                .description("MySQL backup pods (service account " + serviceAccount + "): " + purpose + " under " + args.prefix() + " only")
                .maxSessionDuration(3600)
                .build(), child);
        new RolePolicy(name, RolePolicyArgs.builder().role(role.name()).policy(policy).build(), child);
        if (args.identity() instanceof BackupAccessArgs.Identity.PodIdentity p) {
            new PodIdentityAssociation(name, PodIdentityAssociationArgs.builder()
                    .clusterName(p.clusterName())
                    .namespace(args.namespace())
                    .serviceAccount(serviceAccount)
                    .roleArn(role.arn())
                    .build(), child);
        }
        return new Access(Optional.of(role.arn()), Optional.empty(), Optional.empty());
    }

    /** The backup CronJob's identity: may only write new backups. */
    public Access writer() { return writer; }

    /** The restore Job's and restore check's identity: may only read backups. */
    public Access reader() { return reader; }
}
