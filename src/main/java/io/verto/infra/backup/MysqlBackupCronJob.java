package io.verto.infra.backup;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.CronJob;
import com.pulumi.kubernetes.batch.v1.CronJobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.CronJobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.verto.infra.kubernetes.Labels;
import io.verto.infra.types.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nightly MySQL backup (design 8.1): a CronJob whose pod dumps the database consistently
 * ({@code --single-transaction}) as the read-only dump user, compressed, then uploads it as a new version of the
 * database's key with S3's SHA-256 (scripts {@code backup/mysql-backup.sh}, shipped in a ConfigMap and mounted
 * read-only). Never two at once (Forbid), with a deadline and short histories; the restricted pod of
 * {@code SecurePodSpec} with images pinned by digest; credentials only from Secrets made from Pulumi secrets (the
 * dump and restore users' passwords, S3 access keys when there are keys) or a role for the service account. The
 * backup pods write with one identity ({@value #NAME}, may only put) and restore with another
 * ({@value #RESTORE_ACCOUNT}, may only read); a NetworkPolicy lets them reach only DNS, MySQL and HTTPS (S3), and
 * nothing reach them. Retention is the bucket's (lifecycle and Object Lock), not a delete loop. The reader's service
 * account, the scripts and the Secrets are shared with {@link RestoreJob} and {@link RestoreCheckCronJob}.
 */
public class MysqlBackupCronJob extends ComponentResource {
    public static final String TYPE = "verto:backup:MysqlBackupCronJob";
    public static final String NAME = "mysql-backup";
    public static final String RESTORE_ACCOUNT = "mysql-restore";
    public static final String SCRIPTS = "mysql-backup-scripts";
    public static final String CREDENTIALS_SECRET = "mysql-backup-aws";
    public static final String RESTORE_CREDENTIALS_SECRET = "mysql-restore-aws";
    public static final String DATABASE_SECRET = "mysql-backup-db";
    public static final String COMPONENT = "backup";
    /** Requests and limits of each container of a backup pod (the pod's own: its steps run one after the other). */
    public static final Resources POD_RESOURCES = BackupPods.RESOURCES;

    private final Output<String> cronJobName;
    private final Output<String> readerAccount;
    private final Optional<String> readerCredentialsSecret;
    private final List<Resource> readerPrerequisites = new ArrayList<>();
    private final MysqlBackupCronJobArgs args;

    public MysqlBackupCronJob(String name, MysqlBackupCronJobArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.args = args;
        var ns = args.namespace();
        Map<String, String> labels = labels(NAME, args);
        var writer = BackupObjects.serviceAccount(this, name, NAME, ns, labels, args.writerCredentials());
        var reader = BackupObjects.serviceAccount(this, name + "-restore", RESTORE_ACCOUNT, ns, labels, args.readerCredentials());
        this.readerAccount = reader.metadata().applyValue(m -> m.name().orElseThrow());
        var scripts = BackupObjects.scripts(this, name + "-scripts", SCRIPTS, ns, labels);
        var database = BackupObjects.databaseSecret(this, name + "-db", DATABASE_SECRET, ns, labels, args.mysql());
        var policy = BackupObjects.networkPolicy(this, name, NAME, ns, labels, componentSelector(args.partOf()), args.mysql());
        var writerKey = BackupObjects.awsSecret(this, name + "-aws", CREDENTIALS_SECRET, ns, labels, args.writerCredentials());
        var readerKey = BackupObjects.awsSecret(this, name + "-restore-aws", RESTORE_CREDENTIALS_SECRET, ns, labels, args.readerCredentials());
        this.readerCredentialsSecret = readerKey.map(s -> RESTORE_CREDENTIALS_SECRET);
        readerPrerequisites.addAll(List.of(reader, scripts, database, policy));
        readerKey.ifPresent(readerPrerequisites::add);

        List<Resource> before = new ArrayList<>(List.of(writer, scripts, database, policy));
        writerKey.ifPresent(before::add);
        var dump = BackupPods.step("dump", args.clientImage(), "mysql-backup.sh", "dump",
                BackupPods.mysqlEnv(args.mysql(), DATABASE_SECRET, false));
        var upload = BackupPods.step("upload", args.awsCliImage(), "mysql-backup.sh", "upload",
                BackupPods.s3Env(args, writerKey.map(s -> CREDENTIALS_SECRET)));
        Output<String> writerAccount = writer.metadata().applyValue(m -> m.name().orElseThrow());
        var cronJob = new CronJob(name, CronJobArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAME).namespace(ns).labels(labels).build())
                .spec(cronJobSpec(args.schedule().expression(), args.timeZone(), args.deadlineSeconds(), labels,
                        BackupPods.pod(writerAccount, SCRIPTS, args.imagePullSecret(), dump, upload), 2))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(before).build());
        this.cronJobName = cronJob.metadata().applyValue(m -> m.name().orElseThrow());

        registerOutputs(Map.of("cronJobName", cronJobName, "serviceAccountName", writerAccount, "restoreServiceAccountName", readerAccount));
    }

    /**
     * A CronJob spec: the schedule read in {@code zone}, never two runs at once, a deadline for starting and for
     * running, short histories, {@code retries} retries of a failed pod.
     */
    static CronJobSpecArgs cronJobSpec(String schedule, java.time.ZoneId zone, int deadlineSeconds, Map<String, String> labels, PodSpecArgs pod,
                                       int retries) {
        return CronJobSpecArgs.builder()
                .schedule(schedule)
                .timeZone(zone.getId())
                .concurrencyPolicy("Forbid")
                .startingDeadlineSeconds(deadlineSeconds)
                .successfulJobsHistoryLimit(3)
                .failedJobsHistoryLimit(3)
                .jobTemplate(JobTemplateSpecArgs.builder()
                        .metadata(ObjectMetaArgs.builder().labels(labels).build())
                        .spec(JobSpecArgs.builder()
                                .backoffLimit(retries)
                                .activeDeadlineSeconds(deadlineSeconds)
                                .template(PodTemplateSpecArgs.builder()
                                        .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                        .spec(pod)
                                        .build())
                                .build())
                        .build())
                .build();
    }

    static Map<String, String> labels(String name, MysqlBackupCronJobArgs args) {
        return Labels.of(name, args.partOf(), COMPONENT, args.clientImage().version(), args.environment());
    }

    static Map<String, String> componentSelector(String partOf) {
        return Map.of(Labels.PART_OF, partOf, Labels.COMPONENT, COMPONENT);
    }

    /** Variables of a restore's or restore check's S3 step: the reader's, and which version to fetch. */
    List<EnvVarArgs> readerS3Env(String version) {
        var env = new ArrayList<>(BackupPods.s3Env(args, readerCredentialsSecret));
        env.add(EnvVarArgs.builder().name("RESTORE_VERSION").value(version).build());
        return env;
    }

    public Output<String> cronJobName() { return cronJobName; }

    /** The service account restores and restore checks run as: the reader's. */
    public Output<String> restoreServiceAccountName() { return readerAccount; }

    /** The reader's access-key Secret's name, when the reader's credentials are an access key. */
    public Optional<String> restoreCredentialsSecret() { return readerCredentialsSecret; }

    /** The objects a restore or restore check needs first: the reader's account and key, scripts, Secrets, NetworkPolicy. */
    public List<Resource> restorePrerequisites() { return List.copyOf(readerPrerequisites); }

    /** The arguments it was made with (a restore reaches the same bucket and database server). */
    public MysqlBackupCronJobArgs args() { return args; }
}
