package io.verto.infra.backup;

import com.pulumi.core.Output;
import io.verto.infra.types.CronSchedule;
import io.verto.infra.types.ImageRef;

import java.util.Objects;
import java.util.Optional;

/**
 * Arguments of {@link MysqlBackupCronJob}. Required: namespace, mysql, bucket, region, writerCredentials,
 * readerCredentials, partOf, environment.
 */
public final class MysqlBackupCronJobArgs {
    private final Output<String> namespace;
    private final MysqlTarget mysql;
    private final Output<String> bucket;
    private final String region;
    private final String prefix;
    private final S3Credentials writerCredentials;
    private final S3Credentials readerCredentials;
    private final CronSchedule schedule;
    private final java.time.ZoneId timeZone;
    private final int deadlineSeconds;
    private final Optional<String> imagePullSecret;
    private final String partOf;
    private final String environment;
    private final ImageRef clientImage;
    private final ImageRef awsCliImage;

    private MysqlBackupCronJobArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "MysqlBackupCronJobArgs.namespace is required");
        this.mysql = Objects.requireNonNull(b.mysql, "MysqlBackupCronJobArgs.mysql is required");
        this.bucket = Objects.requireNonNull(b.bucket, "MysqlBackupCronJobArgs.bucket is required");
        this.region = Objects.requireNonNull(b.region, "MysqlBackupCronJobArgs.region is required");
        this.prefix = b.prefix;
        this.writerCredentials = Objects.requireNonNull(b.writerCredentials, "MysqlBackupCronJobArgs.writerCredentials is required");
        this.readerCredentials = Objects.requireNonNull(b.readerCredentials, "MysqlBackupCronJobArgs.readerCredentials is required");
        this.schedule = b.schedule;
        this.timeZone = java.util.Objects.requireNonNull(b.timeZone, "MysqlBackupCronJobArgs.timeZone");
        this.deadlineSeconds = b.deadlineSeconds;
        this.imagePullSecret = b.imagePullSecret;
        this.partOf = Objects.requireNonNull(b.partOf, "MysqlBackupCronJobArgs.partOf is required");
        this.environment = Objects.requireNonNull(b.environment, "MysqlBackupCronJobArgs.environment is required");
        this.clientImage = BackupImages.requireDigest("the MySQL client", b.clientImage);
        this.awsCliImage = BackupImages.requireDigest("the AWS CLI", b.awsCliImage);
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
    public S3Credentials writerCredentials() { return writerCredentials; }
    public S3Credentials readerCredentials() { return readerCredentials; }
    public CronSchedule schedule() { return schedule; }
    public java.time.ZoneId timeZone() { return timeZone; }
    public int deadlineSeconds() { return deadlineSeconds; }
    public Optional<String> imagePullSecret() { return imagePullSecret; }
    public String partOf() { return partOf; }
    public String environment() { return environment; }
    public ImageRef clientImage() { return clientImage; }
    public ImageRef awsCliImage() { return awsCliImage; }

    /** The object key every backup of the database is a version of. */
    public String key() { return prefix + mysql.database() + ".sql.gz"; }

    public static final class Builder {
        private Output<String> namespace;
        private MysqlTarget mysql;
        private Output<String> bucket;
        private String region;
        private String prefix = "mysql/";
        private S3Credentials writerCredentials;
        private S3Credentials readerCredentials;
        private CronSchedule schedule = CronSchedule.NIGHTLY_AT_TWO;
        private java.time.ZoneId timeZone = java.time.ZoneId.of("Etc/UTC");
        private int deadlineSeconds = 3600;
        private Optional<String> imagePullSecret = Optional.empty();
        private String partOf;
        private String environment;
        private ImageRef clientImage = BackupImages.MYSQL_CLIENT;
        private ImageRef awsCliImage = BackupImages.AWS_CLI;

        /** The namespace. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** The database backed up, and its dump and restore users. Required. */
        public Builder mysql(MysqlTarget mysql) { this.mysql = mysql; return this; }

        /** Name of the backup bucket. Required. */
        public Builder bucket(Output<String> bucket) { this.bucket = bucket; return this; }

        /** The bucket's AWS region. Required. */
        public Builder region(String region) { this.region = region; return this; }

        /** Key prefix of the backups. Default {@code mysql/}. */
        public Builder prefix(String prefix) { this.prefix = prefix; return this; }

        /** How the backup pods (which may only write) reach S3. Required. */
        public Builder writerCredentials(S3Credentials credentials) { this.writerCredentials = credentials; return this; }

        /** How the restore and restore-check pods (which may only read) reach S3. Required. */
        public Builder readerCredentials(S3Credentials credentials) { this.readerCredentials = credentials; return this; }

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

        /** The MySQL client image (dump, restore), pinned by digest. Default {@link BackupImages#MYSQL_CLIENT}. */
        public Builder clientImage(ImageRef image) { this.clientImage = image; return this; }

        /** The AWS CLI image (upload, download), pinned by digest. Default {@link BackupImages#AWS_CLI}. */
        public Builder awsCliImage(ImageRef image) { this.awsCliImage = image; return this; }

        public MysqlBackupCronJobArgs build() { return new MysqlBackupCronJobArgs(this); }
    }
}
