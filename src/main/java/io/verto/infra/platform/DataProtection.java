package io.verto.infra.platform;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.verto.infra.aws.BackupAccess;
import io.verto.infra.aws.BackupAccessArgs;
import io.verto.infra.aws.SecureBucket;
import io.verto.infra.aws.SecureBucketArgs;
import io.verto.infra.backup.MysqlBackupCronJob;
import io.verto.infra.backup.MysqlBackupCronJobArgs;
import io.verto.infra.backup.MysqlTarget;
import io.verto.infra.backup.RestoreJob;
import io.verto.infra.backup.RestoreJobArgs;
import io.verto.infra.backup.S3Credentials;
import io.verto.infra.config.BackupSettings;
import io.verto.infra.config.Environment;
import io.verto.infra.config.StackSettings;
import io.verto.infra.types.LifecycleRule;

import java.util.List;
import java.util.Optional;

/**
 * Backups and restore of one stack (design 8.1, 9.2), wired from its {@link BackupSettings}: the backup
 * bucket (created with a lifecycle rule for the retention, protected and retained in production, or an
 * existing one), the S3 credentials (a role for the service account, an existing role, or an access key),
 * the nightly {@link MysqlBackupCronJob} and, when the stack names a backup, its {@link RestoreJob}.
 */
final class DataProtection {
    private DataProtection() { }

    /** The backup's pieces, or nothing when the stack has no backups. */
    static Optional<MysqlBackupCronJob> wire(Resource parent, StackSettings s, Output<String> namespace, AwsWiring aws,
                                             List<Resource> before) {
        if (s.backup().isEmpty()) {
            return Optional.empty();
        }
        BackupSettings backup = s.backup().get();
        var child = ComponentResourceOptions.builder().parent(parent).build();
        String region = s.aws().orElseThrow().region();

        Output<String> bucketName;
        Output<String> bucketArn;
        // The bucket's KMS key: a created bucket encrypts with it; the credentials may use it either way.
        Optional<String> kmsKey = backup.kmsKeyArn();
        if (backup.bucket() instanceof BackupSettings.Bucket.Create create) {
            var bucket = new SecureBucket("backups", SecureBucketArgs.builder()
                    .purpose("backup")
                    .bucketName(create.name())
                    .kmsKeyArn(backup.kmsKeyArn())
                    .lifecycleRule(LifecycleRule.expire("expire-mysql-backups", BackupSettings.PREFIX, backup.retention()))
                    .accessLogBucket(aws.logBucket().bucketName())
                    .retainOnDelete(s.environment() == Environment.PRODUCTION)
                    .build(), child);
            bucketName = bucket.bucketName();
            bucketArn = bucket.arn();
        } else {
            String name = ((BackupSettings.Bucket.Existing) backup.bucket()).name();
            bucketName = Output.of(name);
            bucketArn = Output.of("arn:aws:s3:::" + name);
        }

        S3Credentials credentials;
        if (backup.credentials() instanceof BackupSettings.Credentials.ExistingRole existing) {
            credentials = new S3Credentials.ServiceAccountRole(Output.of(existing.roleArn()));
        } else {
            Optional<String> oidc = backup.credentials() instanceof BackupSettings.Credentials.ServiceAccountRole role
                    ? Optional.of(role.oidcProviderArn()) : Optional.empty();
            var access = new BackupAccess("backup", BackupAccessArgs.builder()
                    .bucketArn(bucketArn)
                    .prefix(BackupSettings.PREFIX)
                    .kmsKeyArn(kmsKey)
                    .oidcProviderArn(oidc)
                    .namespace(namespace)
                    .serviceAccountName(MysqlBackupCronJob.NAME)
                    .build(), child);
            credentials = access.roleArn().<S3Credentials>map(S3Credentials.ServiceAccountRole::new)
                    .orElseGet(() -> new S3Credentials.AccessKey(access.accessKeyId().orElseThrow(), access.secretAccessKey().orElseThrow()));
        }

        var database = s.application().database();
        var mysql = new MysqlTarget(database.endpoint().host(), database.endpoint().port(), database.name(), database.user(),
                VertoApplication.SECRET, "DATABASE_PASSWORD", database.endpoint().cidrs());
        var cronJob = new MysqlBackupCronJob("backup", MysqlBackupCronJobArgs.builder()
                .namespace(namespace)
                .mysql(mysql)
                .bucket(bucketName)
                .region(region)
                .prefix(BackupSettings.PREFIX)
                .credentials(credentials)
                .schedule(backup.schedule())
                .timeZone(backup.timeZone())
                .imagePullSecret(Optional.empty())
                .partOf(VertoApplication.NAME)
                .environment(s.environment().id())
                .build(), ComponentResourceOptions.builder().parent(parent).dependsOn(before).build());

        backup.restore().ifPresent(restore -> new RestoreJob("restore", RestoreJobArgs.builder()
                .backup(cronJob)
                .key(restore.key())
                .database(restore.database())
                .skipAwait(s.kubernetes().skipAwait())
                .build(), ComponentResourceOptions.builder().parent(parent).dependsOn(before).build()));
        return Optional.of(cronJob);
    }
}
