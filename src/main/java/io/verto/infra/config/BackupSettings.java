package io.verto.infra.config;

import io.verto.infra.types.CronSchedule;
import io.verto.infra.types.Retention;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Nightly MySQL backups to S3 (design 8.1) and the optional restore (9.2). Each external piece is created,
 * brought by name/ARN, or left out, as in Pulumi's awsx: the bucket ({@code create} or {@code existing}) and
 * the credentials (an IAM role for the service account through the cluster's OIDC provider, an existing role,
 * or an IAM user whose access key only ever exists as a Pulumi secret and a Kubernetes Secret).
 *
 * @param bucket      the backup bucket: created here, or an existing one by name
 * @param schedule    when the backup CronJob runs
 * @param timeZone    the zone the schedule is meant in
 * @param retention   how long backups are kept (the bucket's lifecycle rule, when the bucket is created here)
 * @param credentials how the backup pods authenticate to S3
 * @param kmsKeyArn   the bucket's KMS key (SSE-KMS): a created bucket encrypts with it; empty for SSE-S3
 * @param restore     the backup to restore, when the stack names one
 */
public record BackupSettings(Bucket bucket, CronSchedule schedule, java.time.ZoneId timeZone, Retention retention, Credentials credentials,
                             Optional<String> kmsKeyArn, Optional<Restore> restore) {

    /** The key prefix every backup is written under; the lifecycle rule and the IAM policy cover only it. */
    public static final String PREFIX = "mysql/";

    /** The backup bucket. */
    public sealed interface Bucket {
        /** A bucket this program creates (named {@code name}, or autonamed). */
        record Create(Optional<String> name) implements Bucket { }

        /** A bucket that exists already, managed elsewhere: nothing is created or changed in it. */
        record Existing(String name) implements Bucket { }
    }

    /** How the backup and restore pods get S3 credentials. */
    public sealed interface Credentials {
        /** An IAM role created here, assumed by the pods' service account through the cluster's OIDC provider (IRSA). */
        record ServiceAccountRole(String oidcProviderArn) implements Credentials { }

        /** An IAM role that exists already, annotated on the service account; nothing is created in IAM. */
        record ExistingRole(String roleArn) implements Credentials { }

        /** An IAM user created here; its access key reaches the pods only as a Kubernetes Secret from Pulumi secrets. */
        record AccessKey() implements Credentials { }
    }

    /**
     * A restore of one backup.
     *
     * @param key      the object key of the backup, e.g. {@code mysql/verto_prod-20260101T020000Z.sql.gz}
     * @param database the database it is restored into (must be empty or absent)
     */
    public record Restore(String key, String database) { }

    static final Pattern ARN_IAM_ROLE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    static final Pattern ARN_OIDC = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:oidc-provider/[\\w./-]+");
    static final Pattern ARN_KMS = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key|alias)/[\\w/-]+");
    static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final Pattern BACKUP_KEY = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_$-]+-\\d{8}T\\d{6}Z\\.sql\\.gz");

    static final Setting ENABLED = Setting.optional("backup.enabled", "true", "true when `backup` is given",
            "nightly MySQL backups to S3 (design 8.1); `false` leaves them out");
    static final Setting BUCKET = Setting.defaulting("backup.bucket", "create",
            "`create`: this stack creates the backup bucket; `existing`: use the bucket `backup.bucketName`, managed elsewhere");
    static final Setting BUCKET_NAME_SETTING = Setting.optional("backup.bucketName", "verto-{stack}-backups",
            "autonamed `verto-backups-…` when created; required when `existing`", "name of the backup bucket");
    static final Setting SCHEDULE = Setting.defaulting("backup.schedule", CronSchedule.NIGHTLY_AT_TWO.expression(),
            "when the backup CronJob runs: 5 cron fields, in `backup.timeZone`");
    /** The design's team works in UTC+8 (its 02:00 is their night, 18:00 UTC); the cluster's clock is UTC on EKS. */
    static final Setting TIME_ZONE = Setting.defaulting("backup.timeZone", "Asia/Shanghai",
            "IANA time zone `backup.schedule` is meant in (the CronJob's `timeZone`): the operators' zone, UTC+8 for the "
                    + "design's team; e.g. `Etc/UTC` for the cluster's clock");
    static final Setting RETENTION_DAYS = Setting.defaulting("backup.retentionDays", String.valueOf(Retention.WEEK.days()),
            "days a backup is kept (the bucket's lifecycle rule expires `mysql/` objects, old versions a day later)");
    static final Setting OIDC_PROVIDER = Setting.optional("backup.oidcProvider",
            "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLE", "none",
            "ARN of the cluster's IAM OIDC provider: the pods assume a role created for their service account (no keys)");
    static final Setting ROLE_ARN = Setting.optional("backup.roleArn", "arn:aws:iam::123456789012:role/verto-{stack}-backup", "none",
            "ARN of an existing IAM role for the backup service account (nothing is created in IAM); without this or "
                    + "`backup.oidcProvider`, an IAM user's access key is kept as a Pulumi secret and a Kubernetes Secret");
    static final Setting KMS_KEY_ARN = Setting.optional("backup.kmsKeyArn", "arn:aws:kms:eu-central-1:123456789012:key/replace-me", "none: SSE-S3",
            "KMS key of the backup bucket (SSE-KMS): a created bucket encrypts with it, and the backup credentials may use it");
    static final Setting RESTORE_KEY = Setting.optional("backup.restoreKey", "mysql/verto_prod-20260101T020000Z.sql.gz", "none: no restore Job",
            "the backup to restore (design 9.2): a key under `mysql/`; its restore Job runs once per key");
    static final Setting RESTORE_DATABASE = Setting.optional("backup.restoreDatabase", "verto_restored", "required with `backup.restoreKey`",
            "the empty database the backup is restored into");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(ENABLED, BUCKET, BUCKET_NAME_SETTING, SCHEDULE, TIME_ZONE, RETENTION_DAYS, OIDC_PROVIDER,
            ROLE_ARN, KMS_KEY_ARN, RESTORE_KEY, RESTORE_DATABASE);

    /** True when this stack creates AWS resources for its backups. */
    public boolean createsAwsResources() {
        return bucket instanceof Bucket.Create || !(credentials instanceof Credentials.ExistingRole);
    }

    static Optional<BackupSettings> read(ConfigReader r, Optional<Environment> environment) {
        boolean given = r.present("backup");
        boolean enabled = r.read(ENABLED, Checks::bool).orElse(given);
        if (!enabled) {
            return Optional.empty();
        }
        if (environment.isPresent() && environment.get() == Environment.DEVELOPMENT) {
            r.problem(ENABLED, "development needs no cloud: backups to S3 are for cluster stacks",
                    "pulumi config rm verto:backup --stack " + r.stack());
            return Optional.empty();
        }
        String bucketMode = r.readOrDefault(BUCKET, v -> Checks.oneOf(v.toLowerCase(Locale.ROOT), Set.of("create", "existing")));
        Optional<String> bucketName = r.read(BUCKET_NAME_SETTING, v -> Checks.matching(v, BUCKET_NAME, "an S3 bucket name (3-63 lower-case letters, digits, '.', '-')"));
        Optional<Bucket> bucket = Optional.empty();
        if (bucketMode.equals("existing")) {
            if (bucketName.isEmpty() && r.text(BUCKET_NAME_SETTING).isEmpty()) {
                r.problem(BUCKET_NAME_SETTING, "is required: backup.bucket is `existing` but names no bucket",
                        r.setCommand(BUCKET_NAME_SETTING, BUCKET_NAME_SETTING.exampleFor(r.stack()))
                                + ", or let the stack create it: " + r.setCommand(BUCKET, "create"));
            } else {
                bucket = bucketName.map(Bucket.Existing::new);
            }
        } else {
            bucket = Optional.of(new Bucket.Create(bucketName));
        }
        CronSchedule schedule = r.readOrDefault(SCHEDULE, CronSchedule::parse);
        java.time.ZoneId timeZone = r.readOrDefault(TIME_ZONE, BackupSettings::zone);
        Retention retention = r.readOrDefault(RETENTION_DAYS, Retention::parse);
        Optional<String> oidc = r.read(OIDC_PROVIDER, v -> Checks.matching(v, ARN_OIDC, "an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/...)"));
        Optional<String> role = r.read(ROLE_ARN, v -> Checks.matching(v, ARN_IAM_ROLE, "an IAM role ARN (arn:aws:iam::<account>:role/...)"));
        Optional<String> kms = r.read(KMS_KEY_ARN, v -> Checks.matching(v, ARN_KMS, "a KMS key ARN (arn:aws:kms:<region>:<account>:key/...)"));
        if (oidc.isPresent() && role.isPresent()) {
            r.problem(ROLE_ARN, "names an existing role, but backup.oidcProvider asks for a new one",
                    "pulumi config rm --path " + r.key(OIDC_PROVIDER) + " --stack " + r.stack() + " (or remove backup.roleArn)");
        }
        Credentials credentials = role.<Credentials>map(Credentials.ExistingRole::new)
                .or(() -> oidc.map(Credentials.ServiceAccountRole::new))
                .orElseGet(Credentials.AccessKey::new);

        Optional<String> restoreKey = r.read(RESTORE_KEY, v -> Checks.matching(v, BACKUP_KEY,
                "a backup key such as mysql/verto_prod-20260101T020000Z.sql.gz (as `aws s3 ls s3://<bucket>/mysql/` lists them)"));
        Optional<String> restoreDatabase = r.read(RESTORE_DATABASE, v -> Checks.matching(v, Checks.MYSQL_NAME, "a MySQL schema name"));
        if (restoreKey.isPresent() && restoreDatabase.isEmpty() && r.text(RESTORE_DATABASE).isEmpty()) {
            r.problem(RESTORE_DATABASE, "is required with backup.restoreKey: the restore never writes into a database that has tables",
                    r.setCommand(RESTORE_DATABASE, RESTORE_DATABASE.example()));
        }
        Optional<Restore> restore = restoreKey.flatMap(k -> restoreDatabase.map(d -> new Restore(k, d)));
        return bucket.map(b -> new BackupSettings(b, schedule, timeZone, retention, credentials, kms, restore));
    }

    /** An IANA zone name as the tz database spells it (what Kubernetes accepts); offsets like {@code +08:00} are not. */
    private static java.time.ZoneId zone(String v) {
        if (!java.time.ZoneId.getAvailableZoneIds().contains(v)) {
            throw new IllegalArgumentException("'" + v + "' is not an IANA time zone name such as Asia/Shanghai, Europe/Berlin or Etc/UTC "
                    + "(`timedatectl list-timezones` lists them)");
        }
        return java.time.ZoneId.of(v);
    }
}
