package io.verto.infra.backup;

import java.util.Objects;
import java.util.regex.Pattern;

/** Arguments of {@link RestoreJob}. Required: backup, version, database. */
public final class RestoreJobArgs {
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,1024}");

    private final MysqlBackupCronJob backup;
    private final String version;
    private final String database;
    private final int deadlineSeconds;
    private final boolean skipAwait;

    private RestoreJobArgs(Builder b) {
        this.backup = Objects.requireNonNull(b.backup, "RestoreJobArgs.backup is required");
        this.version = Objects.requireNonNull(b.version, "RestoreJobArgs.version is required");
        this.database = Objects.requireNonNull(b.database, "RestoreJobArgs.database is required");
        this.deadlineSeconds = b.deadlineSeconds;
        this.skipAwait = b.skipAwait;
        if (!VERSION.matcher(version).matches() || version.equals("latest")) {
            throw new IllegalArgumentException("RestoreJobArgs.version '" + version + "' is not an S3 version id");
        }
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("RestoreJobArgs.database '" + database + "' is not a MySQL schema name");
        }
        if (database.equals(backup.args().mysql().database())) {
            throw new IllegalArgumentException("RestoreJobArgs.database: a restore never writes into the application's database " + database);
        }
    }

    public static Builder builder() { return new Builder(); }

    public MysqlBackupCronJob backup() { return backup; }
    public String version() { return version; }
    public String database() { return database; }
    public int deadlineSeconds() { return deadlineSeconds; }
    public boolean skipAwait() { return skipAwait; }

    public static final class Builder {
        private MysqlBackupCronJob backup;
        private String version;
        private String database;
        private int deadlineSeconds = 3600;
        private boolean skipAwait;

        /** The backup whose bucket, reader, scripts and users the restore uses. Required. */
        public Builder backup(MysqlBackupCronJob backup) { this.backup = backup; return this; }

        /** The S3 version id of the backup to restore (a version of the backup's key). Required. */
        public Builder version(String version) { this.version = version; return this; }

        /** The empty (or absent) database to restore into. Required. */
        public Builder database(String database) { this.database = database; return this; }

        /** How long the restore may take, in seconds. Default 3600. */
        public Builder deadlineSeconds(int seconds) { this.deadlineSeconds = seconds; return this; }

        /** {@code pulumi up} does not wait for the Job to finish. Default false: it waits, and fails with the Job. */
        public Builder skipAwait(boolean skip) { this.skipAwait = skip; return this; }

        public RestoreJobArgs build() { return new RestoreJobArgs(this); }
    }
}
