package io.verto.infra.config;

import io.verto.infra.types.CronSchedule;
import io.verto.infra.types.ObjectLock;
import io.verto.infra.types.Retention;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Nightly MySQL backups to S3 (design 8.1), the weekly restore check and the optional restore (9.2). Each external
 * piece is created, brought by name/ARN, or left out, as in Pulumi's awsx: the bucket ({@code create} or
 * {@code existing}) and the pods' identities (roles through EKS Pod Identity or the cluster's OIDC provider, an
 * existing role, or, where allowed, IAM users whose access keys only ever exist as Pulumi secrets and Kubernetes
 * Secrets). The checks that need more than a parser are in {@link BackupChecks}.
 *
 * @param bucket             the backup bucket: created here, or an existing one by name
 * @param schedule           when the backup CronJob runs
 * @param timeZone           the zone the backup's and the restore check's schedules are meant in
 * @param retention          how many backups are kept (the newest, whatever their age), and how long each is locked
 * @param lockMode           the Object Lock mode of a created bucket
 * @param credentials        how the backup pods authenticate to S3
 * @param kmsKeyArn          the bucket's KMS key ARN (SSE-KMS): a created bucket encrypts with it; empty for SSE-S3
 * @param users              the database users the jobs log in as
 * @param restoreCheck       when the weekly restore check runs
 * @param restore            the backup to restore, when the stack names one
 */
public record BackupSettings(Bucket bucket, CronSchedule schedule, java.time.ZoneId timeZone, Retention retention, ObjectLock.Mode lockMode,
                             Credentials credentials, Optional<String> kmsKeyArn, Users users, CronSchedule restoreCheck,
                             Optional<Restore> restore) {

    /** The key prefix every backup is written under; the lifecycle rule and the IAM policies cover only it. */
    public static final String PREFIX = "mysql/";

    /** The backup bucket. */
    public sealed interface Bucket {
        /** A bucket this program creates (named {@code name}, or autonamed). */
        record Create(Optional<String> name) implements Bucket { }

        /** A bucket that exists already, managed elsewhere: nothing is created or changed in it. */
        record Existing(String name) implements Bucket { }
    }

    /** How the backup pods get S3 credentials (one identity that may only write, one that may only read). */
    public sealed interface Credentials {
        /** Roles created here, handed to the service accounts by EKS Pod Identity in the named cluster. */
        record PodIdentity(String cluster) implements Credentials { }

        /** Roles created here, assumed by the service accounts through the cluster's OIDC provider (IRSA). */
        record ServiceAccountRole(String oidcProviderArn) implements Credentials { }

        /** A role that exists already, annotated on both service accounts; nothing is created in IAM. */
        record ExistingRole(String roleArn) implements Credentials { }

        /** IAM users created here; their access keys reach the pods only as Kubernetes Secrets from Pulumi secrets. */
        record AccessKey() implements Credentials { }
    }

    /**
     * The database users (README's runbook creates them).
     *
     * @param dump            the read-only user the backup dumps as
     * @param dumpPassword    its password
     * @param restore         the user restores and the restore check write as, with rights on their databases only
     * @param restorePassword its password
     */
    public record Users(String dump, SecretValue dumpPassword, String restore, SecretValue restorePassword) { }

    /**
     * A restore of one backup.
     *
     * @param version  the S3 version id of the backup (a version of {@code mysql/<database>.sql.gz})
     * @param database the database it is restored into (must be empty or absent)
     */
    public record Restore(String version, String database) { }

    static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final Pattern MYSQL_USER = Pattern.compile("[A-Za-z0-9_.$-]{1,32}");
    private static final String IAM_ROLES = "the IAM console, or aws iam list-roles --query 'Roles[].Arn'";

    static final Setting ENABLED = Setting.of("backup.enabled", Kind.BOOL).defaultsTo("`true` when `backup` is given", c -> "true")
            .example("true").describe("nightly MySQL backups to S3 (design 8.1); `false` leaves them out");
    static final Setting BUCKET = Setting.of("backup.bucket", Kind.CHOICE).defaultsTo("create")
            .describe("`create`: this stack creates the backup bucket; `existing`: use the bucket `backup.bucketName`, managed elsewhere");
    static final Setting BUCKET_NAME_SETTING = Setting.of("backup.bucketName", Kind.BUCKET).noneMeans("autonamed `verto-backups-…` when created")
            .find("the backup bucket's name", "aws s3api list-buckets --query 'Buckets[].Name'")
            .describe("name of the backup bucket; required when `backup.bucket` is `existing`");
    static final Setting SCHEDULE = Setting.of("backup.schedule", Kind.CRON).defaultsTo(CronSchedule.NIGHTLY_AT_TWO.expression())
            .describe("when the backup CronJob runs, as a Kubernetes CronJob takes it (5 fields, names, or @daily), in `backup.timeZone`");
    /** The design's team works in UTC+8 (its 02:00 is their night, 18:00 UTC); the cluster's clock is UTC on EKS. */
    static final Setting TIME_ZONE = Setting.of("backup.timeZone", Kind.CHOICE).defaultsTo("Asia/Shanghai")
            .describe("IANA time zone `backup.schedule` and `backup.restoreCheckSchedule` are meant in (the CronJobs' `timeZone`): the "
                    + "operators' zone, UTC+8 for the design's team; e.g. `Etc/UTC` for the cluster's clock");
    static final Setting RETENTION_DAYS = Setting.of("backup.retentionDays", Kind.DAYS).defaultsTo(String.valueOf(Retention.WEEK.days()))
            .describe("how many backups are kept (1..100): the newest N stay whatever their age, so failed backups delete none; each is "
                    + "locked N days (Object Lock), and an older one stays N + 7 days after a newer one replaced it");
    static final Setting LOCK_MODE = Setting.of("backup.lockMode", Kind.CHOICE)
            .defaultsTo("`COMPLIANCE` in production, else `GOVERNANCE`",
                    c -> c.environment().orElse(Environment.PRODUCTION) == Environment.PRODUCTION ? "COMPLIANCE" : "GOVERNANCE")
            .example("COMPLIANCE")
            .describe("Object Lock mode of a created bucket: `COMPLIANCE` (no one can delete a backup or shorten its lock, not even the "
                    + "account's root user) or `GOVERNANCE` (a principal with s3:BypassGovernanceRetention can)");
    static final Setting EKS_CLUSTER = Setting.of("backup.eksCluster", Kind.CLUSTER)
            .requiredWhen("in staging and production, unless `oidcProvider` or `roleArn` names another identity (or `allowAccessKey`)")
            .find("the stack's EKS cluster name", "aws eks list-clusters, or the EKS console (the cluster of the stack's kube context)")
            .describe("name of the stack's EKS cluster: the backup pods get roles through EKS Pod Identity (no keys; the cluster needs the "
                    + "eks-pod-identity-agent add-on)");
    static final Setting OIDC_PROVIDER = Setting.of("backup.oidcProvider", Kind.ARN).noneMeans("")
            .find("the ARN of the cluster's IAM OIDC provider", "aws iam list-open-id-connect-providers (the one whose URL is "
                    + "aws eks describe-cluster --name <cluster> --query cluster.identity.oidc.issuer)")
            .describe("ARN of the cluster's IAM OIDC provider: the pods assume roles created for their service accounts (IRSA, no keys)");
    static final Setting ROLE_ARN = Setting.of("backup.roleArn", Kind.ARN).noneMeans("")
            .find("the ARN of the backup service accounts' IAM role", IAM_ROLES)
            .describe("ARN of an existing IAM role for both backup service accounts (nothing is created in IAM; its policy is yours to "
                    + "keep least-privilege)");
    static final Setting ALLOW_ACCESS_KEY = Setting.of("backup.allowAccessKey", Kind.BOOL)
            .defaultsTo("`true` in testing, else `false`", c -> String.valueOf(c.environment().orElse(null) == Environment.TESTING))
            .example("false")
            .describe("`true`: without `eksCluster`, `oidcProvider` or `roleArn`, the pods use IAM users' long-lived access keys (Pulumi "
                    + "secrets and Kubernetes Secrets); refused where `false`");
    static final Setting KMS_KEY_ARN = Setting.of("backup.kmsKeyArn", Kind.ARN).noneMeans("SSE-S3")
            .find("the ARN of the bucket's KMS key (not an alias)", "aws kms describe-key --key-id alias/<name> --query KeyMetadata.Arn")
            .describe("KMS key of the backup bucket (SSE-KMS), by key ARN in the stack's region (an alias is refused: IAM cannot match "
                    + "it): a created bucket encrypts with it, and the backup identities may use it");
    static final Setting DUMP_USER = Setting.of("backup.dumpUser", Kind.USER).defaultsTo("verto_backup")
            .find("the read-only MySQL user the backup dumps as", "README's runbook creates it: SELECT user FROM mysql.user")
            .describe("MySQL user the backup dumps as: read-only (README's runbook creates it); its password is `databaseBackupPassword`");
    static final Setting RESTORE_USER = Setting.of("backup.restoreUser", Kind.USER).defaultsTo("verto_restore")
            .find("the MySQL user restores write as", "README's runbook creates it: SELECT user FROM mysql.user")
            .describe("MySQL user restores and the restore check write as, with rights on their own databases only; its password is "
                    + "`databaseRestorePassword`");
    static final Setting DUMP_PASSWORD = Setting.of("databaseBackupPassword", Kind.SECRET).optionalSecret().noneMeans("required with `backup`")
            .describe("password of `backup.dumpUser`");
    static final Setting RESTORE_PASSWORD = Setting.of("databaseRestorePassword", Kind.SECRET).optionalSecret().noneMeans("required with `backup`")
            .describe("password of `backup.restoreUser`");
    static final Setting RESTORE_CHECK_SCHEDULE = Setting.of("backup.restoreCheckSchedule", Kind.CRON).defaultsTo("0 5 * * 0")
            .describe("when the restore check runs: it restores the newest backup into `<database.name>_restore_check`, checks every "
                    + "table and row count against the backup's record, and drops it");
    static final Setting RESTORE_VERSION = Setting.of("backup.restoreVersion", Kind.OBJECT_KEY).noneMeans("no restore Job")
            .find("the version of the backup to restore", "aws s3api list-object-versions --bucket <backup bucket> --prefix "
                    + "mysql/<database.name>.sql.gz")
            .describe("the backup to restore (design 9.2): an S3 version id of `mysql/<database.name>.sql.gz`; its restore Job runs once "
                    + "per version");
    static final Setting RESTORE_DATABASE = Setting.of("backup.restoreDatabase", Kind.NAME).noneMeans("required with `backup.restoreVersion`")
            .example("verto_restored").describe("the empty database the backup is restored into; never the live `database.name`");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(ENABLED, BUCKET, BUCKET_NAME_SETTING, SCHEDULE, TIME_ZONE, RETENTION_DAYS, LOCK_MODE,
            EKS_CLUSTER, OIDC_PROVIDER, ROLE_ARN, ALLOW_ACCESS_KEY, KMS_KEY_ARN, DUMP_USER, RESTORE_USER, DUMP_PASSWORD, RESTORE_PASSWORD,
            RESTORE_CHECK_SCHEDULE, RESTORE_VERSION, RESTORE_DATABASE);

    /** True when this stack creates AWS resources for its backups. */
    public boolean createsAwsResources() {
        return bucket instanceof Bucket.Create || !(credentials instanceof Credentials.ExistingRole);
    }

    static Optional<BackupSettings> read(ConfigReader r, Optional<Environment> environment, Optional<String> liveDatabase) {
        boolean enabled = r.present("backup") && r.readOrDefault(ENABLED, Checks::bool);
        if (!enabled) {
            return Optional.empty();
        }
        if (environment.isPresent() && environment.get() == Environment.DEVELOPMENT) {
            r.problem(ENABLED, "development needs no cloud: backups to S3 are for cluster stacks", r.set(ENABLED, "false"));
            return Optional.empty();
        }
        String bucketMode = r.readOrDefault(BUCKET, v -> Checks.oneOf(v, Set.of("create", "existing")));
        Optional<String> bucketName = r.read(BUCKET_NAME_SETTING, v -> Checks.matching(v, BUCKET_NAME, "an S3 bucket name (3-63 lower-case letters, digits, '.', '-')"));
        Optional<Bucket> bucket = Optional.empty();
        if (bucketMode.equals("existing")) {
            if (bucketName.isEmpty() && r.text(BUCKET_NAME_SETTING).isEmpty()) {
                r.problem(BUCKET_NAME_SETTING, "is required: backup.bucket is `existing` but names no bucket",
                        r.propose(BUCKET_NAME_SETTING).or(r.set(BUCKET, "create")));
            } else {
                bucket = bucketName.map(Bucket.Existing::new);
            }
        } else {
            bucket = Optional.of(new Bucket.Create(bucketName));
        }
        CronSchedule schedule = r.readOrDefault(SCHEDULE, CronSchedule::parse);
        java.time.ZoneId timeZone = r.readOrDefault(TIME_ZONE, BackupChecks::zone);
        Retention retention = r.readOrDefault(RETENTION_DAYS, BackupChecks::retention);
        ObjectLock.Mode lockMode = r.readOrDefault(LOCK_MODE, v -> ObjectLock.parseMode(Checks.oneOf(v, Set.of("COMPLIANCE", "GOVERNANCE"))));
        Optional<Credentials> credentials = BackupChecks.credentials(r, environment);
        Optional<String> kms = r.read(KMS_KEY_ARN, v -> Arn.kmsKey(v).toString());
        Optional<Users> users = BackupChecks.users(r);
        CronSchedule restoreCheck = r.readOrDefault(RESTORE_CHECK_SCHEDULE, CronSchedule::parse);
        Optional<Restore> restore = BackupChecks.restore(r, liveDatabase);
        if (bucket.isEmpty() || credentials.isEmpty() || users.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BackupSettings(bucket.get(), schedule, timeZone, retention, lockMode, credentials.get(), kms, users.get(),
                restoreCheck, restore));
    }
}
