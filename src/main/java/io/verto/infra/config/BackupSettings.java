package io.verto.infra.config;

import io.verto.infra.types.CronSchedule;
import io.verto.infra.types.Retention;

import java.util.List;
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
 * @param retention   how long backups are kept (the bucket's lifecycle rule, when the bucket is created here)
 * @param credentials how the backup pods authenticate to S3
 * @param kmsKeyArn   the bucket's KMS key (SSE-KMS): a created bucket encrypts with it; empty for SSE-S3
 * @param restore     the backup to restore, when the stack names one
 */
public record BackupSettings(Bucket bucket, CronSchedule schedule, Retention retention, Credentials credentials,
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

    static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final Pattern BACKUP_KEY = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_$-]+-\\d{8}T\\d{6}Z\\.sql\\.gz");
    private static final String IAM_CONSOLE = "the IAM console, or aws iam list-roles --query 'Roles[].Arn'";

    static final Setting ENABLED = Setting.of("backup.enabled", Kind.BOOL).defaultsTo("`true` when `backup` is given", c -> "true")
            .example("true").describe("nightly MySQL backups to S3 (design 8.1); `false` leaves them out");
    static final Setting BUCKET = Setting.of("backup.bucket", Kind.CHOICE).defaultsTo("create")
            .describe("`create`: this stack creates the backup bucket; `existing`: use the bucket `backup.bucketName`, managed elsewhere");
    static final Setting BUCKET_NAME_SETTING = Setting.of("backup.bucketName", Kind.BUCKET).noneMeans("autonamed `verto-backups-…` when created")
            .find("the backup bucket's name", "aws s3api list-buckets --query 'Buckets[].Name'")
            .describe("name of the backup bucket; required when `backup.bucket` is `existing`");
    static final Setting SCHEDULE = Setting.of("backup.schedule", Kind.CRON).defaultsTo(CronSchedule.NIGHTLY_AT_TWO.expression())
            .describe("when the backup CronJob runs, as a Kubernetes CronJob takes it (5 fields, names, or @daily): cluster time (UTC on EKS)");
    static final Setting RETENTION_DAYS = Setting.of("backup.retentionDays", Kind.DAYS).defaultsTo(String.valueOf(Retention.WEEK.days()))
            .describe("days a backup is kept (the bucket's lifecycle rule expires `mysql/` objects, old versions a day later)");
    static final Setting OIDC_PROVIDER = Setting.of("backup.oidcProvider", Kind.ARN).noneMeans("")
            .find("the ARN of the cluster's IAM OIDC provider", "aws iam list-open-id-connect-providers (the one whose URL is "
                    + "aws eks describe-cluster --name <cluster> --query cluster.identity.oidc.issuer)")
            .describe("ARN of the cluster's IAM OIDC provider: the pods assume a role created for their service account (no keys)");
    static final Setting ROLE_ARN = Setting.of("backup.roleArn", Kind.ARN).noneMeans("")
            .find("the ARN of the backup service account's IAM role", IAM_CONSOLE)
            .describe("ARN of an existing IAM role for the backup service account (nothing is created in IAM); without this or "
                    + "`backup.oidcProvider`, an IAM user's access key is kept as a Pulumi secret and a Kubernetes Secret");
    static final Setting KMS_KEY_ARN = Setting.of("backup.kmsKeyArn", Kind.ARN).noneMeans("SSE-S3")
            .find("the ARN of the bucket's KMS key (not an alias)", "aws kms describe-key --key-id alias/<name> --query KeyMetadata.Arn")
            .describe("KMS key of the backup bucket (SSE-KMS), by key ARN in the stack's region (an alias is refused: IAM cannot match it): "
                    + "a created bucket encrypts with it, and the backup credentials may use it");
    static final Setting RESTORE_KEY = Setting.of("backup.restoreKey", Kind.OBJECT_KEY).noneMeans("no restore Job")
            .find("the backup to restore", "aws s3 ls s3://<backup bucket>/mysql/")
            .describe("the backup to restore (design 9.2): a key under `mysql/`; its restore Job runs once per key");
    static final Setting RESTORE_DATABASE = Setting.of("backup.restoreDatabase", Kind.NAME).noneMeans("required with `backup.restoreKey`")
            .example("verto_restored")
            .describe("the empty database the backup is restored into; never the live `database.name`");

    /** The settings this section reads, in the order the reference lists them. */
    public static final List<Setting> SETTINGS = List.of(ENABLED, BUCKET, BUCKET_NAME_SETTING, SCHEDULE, RETENTION_DAYS, OIDC_PROVIDER,
            ROLE_ARN, KMS_KEY_ARN, RESTORE_KEY, RESTORE_DATABASE);

    /** True when this stack creates AWS resources for its backups. */
    public boolean createsAwsResources() {
        return bucket instanceof Bucket.Create || !(credentials instanceof Credentials.ExistingRole);
    }

    static Optional<BackupSettings> read(ConfigReader r, Optional<Environment> environment, Optional<String> liveDatabase) {
        boolean given = r.present("backup");
        boolean enabled = given && r.readOrDefault(ENABLED, Checks::bool);
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
        Retention retention = r.readOrDefault(RETENTION_DAYS, Retention::parse);
        Optional<String> oidc = r.read(OIDC_PROVIDER, v -> Arn.oidcProvider(v).toString());
        Optional<String> role = r.read(ROLE_ARN, v -> Arn.iamRole(v).toString());
        Optional<String> kms = r.read(KMS_KEY_ARN, v -> Arn.kmsKey(v).toString());
        if (oidc.isPresent() && role.isPresent()) {
            r.problem(ROLE_ARN, "names an existing role, but backup.oidcProvider asks for a new one: keep one", r.rm(OIDC_PROVIDER).or(r.rm(ROLE_ARN)));
        }
        Credentials credentials = role.<Credentials>map(Credentials.ExistingRole::new)
                .or(() -> oidc.map(Credentials.ServiceAccountRole::new))
                .orElseGet(Credentials.AccessKey::new);
        return bucket.map(b -> new BackupSettings(b, schedule, retention, credentials, kms, restore(r, liveDatabase)));
    }

    /**
     * The restore, when a backup is named: into a database of its own, never the live one (the restore refuses a
     * database with tables, but only once it runs); a target without a backup is a mistake, not a no-op.
     */
    private static Optional<Restore> restore(ConfigReader r, Optional<String> liveDatabase) {
        Optional<String> key = r.read(RESTORE_KEY, v -> Checks.matching(v, BACKUP_KEY,
                "a backup key such as mysql/verto_prod-20260101T020000Z.sql.gz (as `aws s3 ls s3://<bucket>/mysql/` lists them)"));
        Optional<String> database = r.read(RESTORE_DATABASE, v -> Checks.matching(v, Checks.MYSQL_NAME, "a MySQL schema name"));
        boolean keyGiven = r.text(RESTORE_KEY).isPresent() || r.misspelt(RESTORE_KEY);   // a typo of the key still names a backup
        String restored = liveDatabase.orElse("verto") + "_restored";
        if (keyGiven && r.text(RESTORE_DATABASE).isEmpty()) {
            r.problem(RESTORE_DATABASE, "is required with backup.restoreKey: the restore never writes into the live database",
                    r.set(RESTORE_DATABASE, restored));
        } else if (!keyGiven && r.text(RESTORE_DATABASE).isPresent()) {
            r.problem(RESTORE_DATABASE, "does nothing without backup.restoreKey (no restore runs)", r.rm(RESTORE_DATABASE));
            return Optional.empty();
        }
        if (database.isPresent() && database.equals(liveDatabase)) {
            r.problem(RESTORE_DATABASE, "'" + database.get() + "' is the live database (database.name): a restore goes into a database "
                    + "of its own, which you check before pointing the application at it", r.set(RESTORE_DATABASE, restored));
            return Optional.empty();
        }
        return key.flatMap(k -> database.map(d -> new Restore(k, d)));
    }
}
