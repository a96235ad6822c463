package io.verto.infra.backup;

import java.util.Objects;
import java.util.regex.Pattern;

/** Arguments of {@link RestoreJob}. Required: backup, key, database. */
public final class RestoreJobArgs {
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$]{1,64}");

    private final MysqlBackupCronJob backup;
    private final String key;
    private final String database;
    private final int deadlineSeconds;
    private final boolean skipAwait;

    private RestoreJobArgs(Builder b) {
        this.backup = Objects.requireNonNull(b.backup, "RestoreJobArgs.backup is required");
        this.key = Objects.requireNonNull(b.key, "RestoreJobArgs.key is required");
        this.database = Objects.requireNonNull(b.database, "RestoreJobArgs.database is required");
        this.deadlineSeconds = b.deadlineSeconds;
        this.skipAwait = b.skipAwait;
        if (!key.startsWith(backup.args().prefix())) {
            throw new IllegalArgumentException("RestoreJobArgs.key '" + key + "' is not under the backup prefix " + backup.args().prefix());
        }
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("RestoreJobArgs.database '" + database + "' is not a MySQL schema name");
        }
    }

    public static Builder builder() { return new Builder(); }

    public MysqlBackupCronJob backup() { return backup; }
    public String key() { return key; }
    public String database() { return database; }
    public int deadlineSeconds() { return deadlineSeconds; }
    public boolean skipAwait() { return skipAwait; }

    public static final class Builder {
        private MysqlBackupCronJob backup;
        private String key;
        private String database;
        private int deadlineSeconds = 3600;
        private boolean skipAwait;

        /** The backup whose bucket, credentials and scripts the restore uses. Required. */
        public Builder backup(MysqlBackupCronJob backup) { this.backup = backup; return this; }

        /** The backup's object key, under the backup's prefix. Required. */
        public Builder key(String key) { this.key = key; return this; }

        /** The empty (or absent) database to restore into. Required. */
        public Builder database(String database) { this.database = database; return this; }

        /** How long the restore may take, in seconds. Default 3600. */
        public Builder deadlineSeconds(int seconds) { this.deadlineSeconds = seconds; return this; }

        /** {@code pulumi up} does not wait for the Job to finish. Default false: it waits, and fails with the Job. */
        public Builder skipAwait(boolean skip) { this.skipAwait = skip; return this; }

        public RestoreJobArgs build() { return new RestoreJobArgs(this); }
    }
}
