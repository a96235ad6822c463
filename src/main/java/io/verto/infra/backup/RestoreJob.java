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
 * A restore of one backup (design 9.2): a Job that downloads the key from the backup bucket and restores it
 * into the named database, which must be empty or absent, then checks that every table of the backup is
 * there (script {@code backup/mysql-restore.sh}). It fails loudly (no retry, the Job and {@code pulumi up}
 * fail) when the key does not exist, the backup is damaged or incomplete, or the database has tables. One
 * Job per key: naming another key runs another restore. Uses the service account, scripts, credentials and
 * NetworkPolicy of the {@link MysqlBackupCronJob}.
 */
public class RestoreJob extends ComponentResource {
    public static final String TYPE = "verto:backup:RestoreJob";

    private final Output<String> jobName;

    public RestoreJob(String name, RestoreJobArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        MysqlBackupCronJob backup = args.backup();
        MysqlBackupCronJobArgs b = backup.args();
        String objectName = "mysql-restore-" + shortHash(args.key() + "\n" + args.database());
        Map<String, String> labels = MysqlBackupCronJob.labels("mysql-restore", b.partOf(), b.environment());

        var env = new ArrayList<EnvVarArgs>(BackupPods.mysqlEnv(b.mysql()));
        env.add(EnvVarArgs.builder().name("RESTORE_DATABASE").value(args.database()).build());
        env.add(EnvVarArgs.builder().name("RESTORE_KEY").value(args.key()).build());
        var s3 = new ArrayList<EnvVarArgs>(BackupPods.s3Env(b.bucket(), b.region(), b.prefix(), backup.credentialsSecret()));
        s3.add(EnvVarArgs.builder().name("RESTORE_KEY").value(args.key()).build());
        var download = BackupPods.step("download", BackupImages.AWS_CLI, "mysql-restore.sh", "download", s3);
        var restore = BackupPods.step("restore", BackupImages.MARIADB_CLIENT, "mysql-restore.sh", "restore", env);

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
                                .spec(BackupPods.pod(backup.serviceAccountName(), MysqlBackupCronJob.SCRIPTS, b.imagePullSecret(), download, restore))
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(backup.prerequisites()).build());
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
