package io.verto.infra.backup;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.batch.v1.JobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.verto.infra.kubernetes.Annotations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Map;

/**
 * A restore of one backup (design 9.2): a Job that downloads one version of the database's key as the reader,
 * checks it against S3's SHA-256, and restores it as the restore user into the named database, which must be
 * empty or absent, refusing client commands; then checks every table and its row count against the backup's
 * manifest (script {@code backup/mysql-restore.sh}). It fails loudly (no retry, the Job and {@code pulumi up}
 * fail) when the version does not exist, its checksum is missing or wrong, the backup is damaged, incomplete or
 * tampered with, or the database has tables. One Job per version and database: naming another runs another
 * restore. Uses the reader's service account, the scripts, Secrets and NetworkPolicy of the {@link MysqlBackupCronJob}.
 */
public class RestoreJob extends ComponentResource {
    public static final String TYPE = "verto:backup:RestoreJob";

    private final Output<String> jobName;

    public RestoreJob(String name, RestoreJobArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        MysqlBackupCronJob backup = args.backup();
        MysqlBackupCronJobArgs b = backup.args();
        String objectName = "mysql-restore-" + shortHash(args.version() + "\n" + args.database());
        Map<String, String> labels = MysqlBackupCronJob.labels("mysql-restore", b);

        var env = new ArrayList<EnvVarArgs>(BackupPods.mysqlEnv(b.mysql(), MysqlBackupCronJob.DATABASE_SECRET, true));
        env.add(EnvVarArgs.builder().name("RESTORE_DATABASE").value(args.database()).build());
        var download = BackupPods.step("download", b.awsCliImage(), "mysql-restore.sh", "download", backup.readerS3Env(args.version()));
        var restore = BackupPods.step("restore", b.clientImage(), "mysql-restore.sh", "restore", env);

        var meta = ObjectMetaArgs.builder().name(objectName).namespace(b.namespace()).labels(labels);
        if (args.skipAwait()) {
            meta.annotations(Annotations.skipAwait(true));
        }
        var job = new Job(name, JobArgs.builder()
                .metadata(meta.build())
                .spec(JobSpecArgs.builder()
                        .backoffLimit(0)
                        .activeDeadlineSeconds(args.deadlineSeconds())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                .spec(BackupPods.pod(backup.restoreServiceAccountName(), MysqlBackupCronJob.SCRIPTS, b.imagePullSecret(), download, restore))
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(backup.restorePrerequisites()).build());
        this.jobName = job.metadata().applyValue(m -> m.name().orElseThrow());
        registerOutputs(Map.of("jobName", jobName));
    }

    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Output<String> jobName() { return jobName; }
}
