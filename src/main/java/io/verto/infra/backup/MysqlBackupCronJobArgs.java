package io.verto.infra.backup;

import com.pulumi.core.Output;
import io.verto.infra.types.CronSchedule;

import java.util.Objects;
import java.util.Optional;

/** Arguments of {@link MysqlBackupCronJob}. Required: namespace, mysql, bucket, region, credentials, partOf, environment. */
public final class MysqlBackupCronJobArgs {
    private final Output<String> namespace;
    private final MysqlTarget mysql;
    private final Output<String> bucket;
    private final String region;
    private final String prefix;
    private final S3Credentials credentials;
    private final CronSchedule schedule;
    private final java.time.ZoneId timeZone;
    private final int deadlineSeconds;
    private final Optional<String> imagePullSecret;
    private final String partOf;
    private final String environment;

    private MysqlBackupCronJobArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "MysqlBackupCronJobArgs.namespace is required");
        this.mysql = Objects.requireNonNull(b.mysql, "MysqlBackupCronJobArgs.mysql is required");
        this.bucket = Objects.requireNonNull(b.bucket, "MysqlBackupCronJobArgs.bucket is required");
        this.region = Objects.requireNonNull(b.region, "MysqlBackupCronJobArgs.region is required");
        this.prefix = b.prefix;
        this.credentials = Objects.requireNonNull(b.credentials, "MysqlBackupCronJobArgs.credentials is required");
        this.schedule = b.schedule;
        this.timeZone = java.util.Objects.requireNonNull(b.timeZone, "MysqlBackupCronJobArgs.timeZone");
        this.deadlineSeconds = b.deadlineSeconds;
        this.imagePullSecret = b.imagePullSecret;
        this.partOf = Objects.requireNonNull(b.partOf, "MysqlBackupCronJobArgs.partOf is required");
        this.environment = Objects.requireNonNull(b.environment, "MysqlBackupCronJobArgs.environment is required");
        if (deadlineSeconds < 60) {
            throw new IllegalArgumentException("MysqlBackupCronJobArgs.deadlineSeconds must be at least 60, got " + deadlineSeconds);
        }
        if (!prefix.endsWith("/") || prefix.startsWith("/")) {
            throw new IllegalArgumentException("MysqlBackupCronJobArgs.prefix must be a key prefix such as mysql/, got '" + prefix + "'");
        }
    }

    public static Builder builder() { return new Builder(); }

    public Output<String> namespace() { return namespace; }
    public MysqlTarget mysql() { return mysql; }
    public Output<String> bucket() { return bucket; }
    public String region() { return region; }
    public String prefix() { return prefix; }
    public S3Credentials credentials() { return credentials; }
    public CronSchedule schedule() { return schedule; }
    public java.time.ZoneId timeZone() { return timeZone; }
    public int deadlineSeconds() { return deadlineSeconds; }
    public Optional<String> imagePullSecret() { return imagePullSecret; }
    public String partOf() { return partOf; }
    public String environment() { return environment; }

    public static final class Builder {
        private Output<String> namespace;
        private MysqlTarget mysql;
        private Output<String> bucket;
        private String region;
        private String prefix = "mysql/";
        private S3Credentials credentials;
        private CronSchedule schedule = CronSchedule.NIGHTLY_AT_TWO;
        private java.time.ZoneId timeZone = java.time.ZoneId.of("Etc/UTC");
        private int deadlineSeconds = 3600;
        private Optional<String> imagePullSecret = Optional.empty();
        private String partOf;
        private String environment;

        /** The namespace. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** The database backed up. Required. */
        public Builder mysql(MysqlTarget mysql) { this.mysql = mysql; return this; }

        /** Name of the backup bucket. Required. */
        public Builder bucket(Output<String> bucket) { this.bucket = bucket; return this; }

        /** The bucket's AWS region. Required. */
        public Builder region(String region) { this.region = region; return this; }

        /** Key prefix of the backups. Default {@code mysql/}. */
        public Builder prefix(String prefix) { this.prefix = prefix; return this; }

        /** How the pods reach S3. Required. */
        public Builder credentials(S3Credentials credentials) { this.credentials = credentials; return this; }

        /** When it runs. Default {@code 0 2 * * *}: 02:00 every day (design 8.1). */
        public Builder schedule(CronSchedule schedule) { this.schedule = schedule; return this; }

        /**
         * The zone the schedule is read in (the CronJob's {@code timeZone}, an IANA name). Default {@code Etc/UTC}, stated
         * rather than left to the controller's clock.
         */
        public Builder timeZone(java.time.ZoneId zone) { this.timeZone = zone; return this; }

        /** How late a run may start and how long it may take, in seconds. Default 3600. */
        public Builder deadlineSeconds(int seconds) { this.deadlineSeconds = seconds; return this; }

        /** Pull secret for the images, when the registry needs one. Default none (public images). */
        public Builder imagePullSecret(Optional<String> secret) { this.imagePullSecret = secret; return this; }

        /** The application it belongs to ({@code app.kubernetes.io/part-of}). Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** The environment label. Required. */
        public Builder environment(String environment) { this.environment = environment; return this; }

        public MysqlBackupCronJobArgs build() { return new MysqlBackupCronJobArgs(this); }
    }
}
