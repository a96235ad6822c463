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
import io.verto.infra.backup.RestoreCheckCronJob;
import io.verto.infra.backup.RestoreCheckCronJobArgs;
import io.verto.infra.backup.RestoreJob;
import io.verto.infra.backup.RestoreJobArgs;
import io.verto.infra.backup.S3Credentials;
import io.verto.infra.config.BackupSettings;
import io.verto.infra.config.Environment;
import io.verto.infra.config.StackSettings;
import io.verto.infra.types.LifecycleRule;
import io.verto.infra.types.ObjectLock;
import io.verto.infra.types.Retention;

import java.util.List;
import java.util.Optional;

/**
 * Backups and restore of one stack (design 8.1, 9.2), wired from its {@link BackupSettings}: the backup
 * bucket (created versioned, locked, keeping the newest backups, protected and retained with its safeguards in
 * production; or an existing one), the writer's and reader's S3 identities (roles through EKS Pod Identity or
 * IRSA, an existing role, or access keys), the nightly {@link MysqlBackupCronJob}, the weekly
 * {@link RestoreCheckCronJob} and, when the stack names a backup, its {@link RestoreJob}.
 */
final class DataProtection {
    /** Days a replaced backup outlives the retention period: the weekly restore check's period. */
    static final int REPLACED_MARGIN_DAYS = 7;

    private DataProtection() { }

    /** The backup's pieces, or nothing when the stack has no backups. */
    static Optional<MysqlBackupCronJob> wire(Resource parent, StackSettings s, Output<String> namespace, AwsWiring aws,
                                             List<Resource> before) {
        if (s.backup().isEmpty()) {
            return Optional.empty();
        }
        BackupSettings backup = s.backup().get();
        var child = ComponentResourceOptions.builder().parent(parent).build();

        Output<String> bucketName;
        Output<String> bucketArn;
        if (backup.bucket() instanceof BackupSettings.Bucket.Create create) {
            // Every backup is a version of one key: the newest retentionDays stay whatever their age, each is locked as long,
            // and a replaced one stays a week longer than that, so the weekly restore check finds an overwrite before it goes.
            var bucket = new SecureBucket("backups", SecureBucketArgs.builder()
                    .purpose("backup")
                    .bucketName(create.name())
                    .kmsKeyArn(backup.kmsKeyArn())
                    .lifecycleRule(LifecycleRule.keepNewest("keep-newest-mysql-backups", BackupSettings.PREFIX, backup.retention().days(),
                            Retention.days(backup.retention().days() + REPLACED_MARGIN_DAYS)))
                    .objectLock(Optional.of(new ObjectLock(backup.lockMode(), backup.retention())))
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

        S3Credentials writer;
        S3Credentials reader;
        if (backup.credentials() instanceof BackupSettings.Credentials.ExistingRole existing) {
            writer = new S3Credentials.ServiceAccountRole(Output.of(existing.roleArn()));
            reader = writer;
        } else {
            var access = new BackupAccess("backup", BackupAccessArgs.builder()
                    .bucketArn(bucketArn)
                    .prefix(BackupSettings.PREFIX)
                    .kmsKeyArn(backup.kmsKeyArn())
                    .identity(identity(backup.credentials()))
                    .namespace(namespace)
                    .writerServiceAccount(MysqlBackupCronJob.NAME)
                    .readerServiceAccount(MysqlBackupCronJob.RESTORE_ACCOUNT)
                    .build(), child);
            writer = credentials(backup.credentials(), access.writer());
            reader = credentials(backup.credentials(), access.reader());
        }

        var database = s.application().database();
        var users = backup.users();
        var mysql = new MysqlTarget(database.endpoint().host(), database.endpoint().port(), database.name(), database.endpoint().cidrs(),
                new MysqlTarget.User(users.dump(), users.dumpPassword().asOutput()),
                new MysqlTarget.User(users.restore(), users.restorePassword().asOutput()));
        var cronJob = new MysqlBackupCronJob("backup", MysqlBackupCronJobArgs.builder()
                .namespace(namespace)
                .mysql(mysql)
                .bucket(bucketName)
                .region(s.aws().orElseThrow().region())
                .prefix(BackupSettings.PREFIX)
                .writerCredentials(writer)
                .readerCredentials(reader)
                .schedule(backup.schedule())
                .timeZone(backup.timeZone())
                .imagePullSecret(Optional.empty())
                .partOf(VertoApplication.NAME)
                .environment(s.environment().id())
                .build(), ComponentResourceOptions.builder().parent(parent).dependsOn(before).build());

        new RestoreCheckCronJob("restore-check", RestoreCheckCronJobArgs.builder()
                .backup(cronJob)
                .schedule(backup.restoreCheck())
                .build(), ComponentResourceOptions.builder().parent(parent).dependsOn(before).build());
        backup.restore().ifPresent(restore -> new RestoreJob("restore", RestoreJobArgs.builder()
                .backup(cronJob)
                .version(restore.version())
                .database(restore.database())
                .skipAwait(s.kubernetes().skipAwait())
                .build(), ComponentResourceOptions.builder().parent(parent).dependsOn(before).build()));
        return Optional.of(cronJob);
    }

    private static BackupAccessArgs.Identity identity(BackupSettings.Credentials credentials) {
        if (credentials instanceof BackupSettings.Credentials.PodIdentity p) {
            return new BackupAccessArgs.Identity.PodIdentity(p.cluster());
        }
        if (credentials instanceof BackupSettings.Credentials.ServiceAccountRole r) {
            return new BackupAccessArgs.Identity.OidcProvider(r.oidcProviderArn());
        }
        return new BackupAccessArgs.Identity.AccessKeys();
    }

    private static S3Credentials credentials(BackupSettings.Credentials kind, BackupAccess.Access access) {
        if (kind instanceof BackupSettings.Credentials.PodIdentity) {
            return new S3Credentials.PodIdentity();
        }
        return access.roleArn().<S3Credentials>map(S3Credentials.ServiceAccountRole::new)
                .orElseGet(() -> new S3Credentials.AccessKey(access.accessKeyId().orElseThrow(), access.secretAccessKey().orElseThrow()));
    }
}
