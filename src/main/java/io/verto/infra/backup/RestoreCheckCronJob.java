package io.verto.infra.backup;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.CronJob;
import com.pulumi.kubernetes.batch.v1.CronJobArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.Map;

/**
 * The weekly restore check: a CronJob that downloads the newest backup as the reader, checks its SHA-256, restores it
 * as the restore user into a scratch database, checks every table and row count against what the backup recorded,
 * and drops the scratch database, also when the check fails (script {@code backup/mysql-restore.sh}, steps
 * {@code download} and {@code check}). A failed check fails its Job, which alerts (VertoRestoreCheckFailed); no
 * retry, so a backup that no longer restores is reported the first time. Uses the reader's service account, the
 * scripts, Secrets and NetworkPolicy of the {@link MysqlBackupCronJob}.
 */
public class RestoreCheckCronJob extends ComponentResource {
    public static final String TYPE = "verto:backup:RestoreCheckCronJob";
    public static final String NAME = "mysql-restore-check";

    private final Output<String> cronJobName;

    public RestoreCheckCronJob(String name, RestoreCheckCronJobArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        MysqlBackupCronJob backup = args.backup();
        MysqlBackupCronJobArgs b = backup.args();
        Map<String, String> labels = MysqlBackupCronJob.labels(NAME, b);

        var env = new ArrayList<EnvVarArgs>(BackupPods.mysqlEnv(b.mysql(), MysqlBackupCronJob.DATABASE_SECRET, true));
        env.add(EnvVarArgs.builder().name("RESTORE_DATABASE").value(args.database()).build());
        var download = BackupPods.step("download", b.awsCliImage(), "mysql-restore.sh", "download", backup.readerS3Env("latest"));
        var check = BackupPods.step("check", b.clientImage(), "mysql-restore.sh", "check", env);

        var cronJob = new CronJob(name, CronJobArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAME).namespace(b.namespace()).labels(labels).build())
                // In the backup's zone: the check's schedule is read like the backup's.
                .spec(MysqlBackupCronJob.cronJobSpec(args.schedule().expression(), b.timeZone(), args.deadlineSeconds(), labels,
                        BackupPods.pod(backup.restoreServiceAccountName(), MysqlBackupCronJob.SCRIPTS, b.imagePullSecret(), download, check), 0))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(backup.restorePrerequisites()).build());
        this.cronJobName = cronJob.metadata().applyValue(m -> m.name().orElseThrow());
        registerOutputs(Map.of("cronJobName", cronJobName));
    }

    public Output<String> cronJobName() { return cronJobName; }
}
