package io.verto.infra.backup;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.CronJob;
import com.pulumi.kubernetes.batch.v1.CronJobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.CronJobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.kubernetes.network.NetworkPeer;
import io.verto.infra.kubernetes.network.NetworkRule;
import io.verto.infra.types.Port;
import io.verto.infra.types.Resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nightly MySQL backup (design 8.1): a CronJob whose pod dumps the database consistently
 * ({@code --single-transaction}), compressed, then uploads it under a timestamped key below the prefix
 * (scripts {@code backup/mysql-backup.sh}, shipped in a ConfigMap and mounted read-only). Never two at
 * once (Forbid), with a deadline and short histories; the restricted pod of {@code SecurePodSpec} with
 * pinned images; credentials only from Secrets (the database password from the application's Secret, S3
 * through the service account's IAM role or an access-key Secret made from Pulumi secrets); a NetworkPolicy
 * that lets the backup and restore pods reach only DNS, MySQL and HTTPS (S3), and nothing reach them.
 * Retention is the bucket's lifecycle rule, not a delete loop. The service account, scripts and
 * credentials are shared with {@link RestoreJob}.
 */
public class MysqlBackupCronJob extends ComponentResource {
    public static final String TYPE = "verto:backup:MysqlBackupCronJob";
    public static final String NAME = "mysql-backup";
    public static final String SCRIPTS = "mysql-backup-scripts";
    public static final String CREDENTIALS_SECRET = "mysql-backup-aws";
    public static final String COMPONENT = "backup";
    static final String ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";
    /** Requests and limits of each container of a backup or restore pod (the pod's own: its steps run one after the other). */
    public static final Resources POD_RESOURCES = BackupPods.RESOURCES;

    private final Output<String> serviceAccountName;
    private final Output<String> cronJobName;
    private final Optional<String> credentialsSecret;
    private final List<Resource> prerequisites = new ArrayList<>();
    private final MysqlBackupCronJobArgs args;

    public MysqlBackupCronJob(String name, MysqlBackupCronJobArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.args = args;
        var child = CustomResourceOptions.builder().parent(this).build();
        Map<String, String> labels = labels(NAME, args.partOf(), args.environment());

        var serviceAccountMeta = ObjectMetaArgs.builder().name(NAME).namespace(args.namespace()).labels(labels);
        if (args.credentials() instanceof S3Credentials.ServiceAccountRole role) {
            serviceAccountMeta.annotations(role.roleArn().applyValue(arn -> Map.of(ROLE_ANNOTATION, arn)));
        }
        var serviceAccount = new ServiceAccount(name, ServiceAccountArgs.builder()
                .metadata(serviceAccountMeta.build())
                .automountServiceAccountToken(false)
                .build(), child);
        this.serviceAccountName = serviceAccount.metadata().applyValue(m -> m.name().orElseThrow());
        prerequisites.add(serviceAccount);

        prerequisites.add(new ConfigMap(name + "-scripts", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(SCRIPTS).namespace(args.namespace()).labels(labels).build())
                .data(Map.of("mysql-backup.sh", script("mysql-backup.sh"), "mysql-restore.sh", script("mysql-restore.sh")))
                .build(), child));

        if (args.credentials() instanceof S3Credentials.AccessKey key) {
            Output<Map<String, String>> data = Output.tuple(key.accessKeyId(), key.secretAccessKey())
                    .applyValue(t -> Map.of(BackupPods.ACCESS_KEY_ID, t.t1, BackupPods.SECRET_ACCESS_KEY, t.t2));
            prerequisites.add(new Secret(name + "-aws", SecretArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name(CREDENTIALS_SECRET).namespace(args.namespace()).labels(labels).build())
                    .type("Opaque")
                    .stringData(data.asSecret())
                    .build(), CustomResourceOptions.builder().parent(this).additionalSecretOutputs("data", "stringData").build()));
            this.credentialsSecret = Optional.of(CREDENTIALS_SECRET);
        } else {
            this.credentialsSecret = Optional.empty();
        }

        // Backup and restore pods (component "backup"): DNS, MySQL on its port and range, HTTPS for S3; no ingress.
        var mysql = args.mysql();
        List<NetworkRule> egress = List.of(
                NetworkRule.clusterDns(),
                NetworkRule.toCidrs(mysql.cidrs(), mysql.port()),
                NetworkRule.of(NetworkPeer.anywhere(), Port.tcp(443)));
        prerequisites.add(new NetworkPolicy(name, NetworkPolicyArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAME).namespace(args.namespace()).labels(labels).build())
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().matchLabels(componentSelector(args.partOf())).build())
                        .policyTypes("Ingress", "Egress")
                        .egress(egress.stream().map(NetworkRule::toEgress).toList())
                        .build())
                .build(), child));

        var env = new ArrayList<>(BackupPods.mysqlEnv(mysql));
        env.add(com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs.builder().name("MYSQL_DATABASE").value(mysql.database()).build());
        var dump = BackupPods.step("dump", BackupImages.MARIADB_CLIENT, "mysql-backup.sh", "dump", env);
        var upload = BackupPods.step("upload", BackupImages.AWS_CLI, "mysql-backup.sh", "upload",
                BackupPods.s3Env(args.bucket(), args.region(), args.prefix(), credentialsSecret));

        var cronJob = new CronJob(name, CronJobArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAME).namespace(args.namespace()).labels(labels).build())
                .spec(CronJobSpecArgs.builder()
                        .schedule(args.schedule().expression())
                        .timeZone(args.timeZone().getId())
                        .concurrencyPolicy("Forbid")
                        .startingDeadlineSeconds(args.deadlineSeconds())
                        .successfulJobsHistoryLimit(3)
                        .failedJobsHistoryLimit(3)
                        .jobTemplate(JobTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                .spec(JobSpecArgs.builder()
                                        .backoffLimit(2)
                                        .activeDeadlineSeconds(args.deadlineSeconds())
                                        .template(PodTemplateSpecArgs.builder()
                                                .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                                .spec(BackupPods.pod(serviceAccountName, SCRIPTS, args.imagePullSecret(), dump, upload))
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(prerequisites).build());
        this.cronJobName = cronJob.metadata().applyValue(m -> m.name().orElseThrow());

        registerOutputs(Map.of("cronJobName", cronJobName, "serviceAccountName", serviceAccountName));
    }

    static Map<String, String> labels(String name, String partOf, String environment) {
        return Labels.of(name, partOf, COMPONENT, BackupImages.MARIADB_CLIENT.version(), environment);
    }

    static Map<String, String> componentSelector(String partOf) {
        return Map.of(Labels.PART_OF, partOf, Labels.COMPONENT, COMPONENT);
    }

    /** A script shipped in this jar under {@code backup/}. */
    static String script(String file) {
        try (InputStream in = MysqlBackupCronJob.class.getResourceAsStream("/backup/" + file)) {
            if (in == null) {
                throw new IllegalStateException("backup/" + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Output<String> cronJobName() { return cronJobName; }

    public Output<String> serviceAccountName() { return serviceAccountName; }

    /** The access-key Secret's name, when the credentials are an access key. */
    public Optional<String> credentialsSecret() { return credentialsSecret; }

    /** The objects a restore Job needs first: service account, scripts, credentials, NetworkPolicy. */
    public List<Resource> prerequisites() { return List.copyOf(prerequisites); }

    /** The arguments it was made with (a restore reaches the same bucket and database server). */
    public MysqlBackupCronJobArgs args() { return args; }
}
