package io.verto.infra.backup;

import io.verto.infra.types.CronSchedule;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Arguments of {@link RestoreCheckCronJob}. Required: backup. */
public final class RestoreCheckCronJobArgs {
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    /** Sundays at 05:00: after that night's backup, once a week. */
    public static final CronSchedule WEEKLY = CronSchedule.parse("0 5 * * 0");

    private final MysqlBackupCronJob backup;
    private final CronSchedule schedule;
    private final String database;
    private final int deadlineSeconds;

    private RestoreCheckCronJobArgs(Builder b) {
        this.backup = Objects.requireNonNull(b.backup, "RestoreCheckCronJobArgs.backup is required");
        this.schedule = b.schedule;
        this.database = b.database.orElseGet(() -> scratchDatabase(backup.args().mysql().database()));
        this.deadlineSeconds = b.deadlineSeconds;
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("RestoreCheckCronJobArgs.database '" + database + "' is not a MySQL schema name (at most 64 characters)");
        }
        if (database.equals(backup.args().mysql().database())) {
            throw new IllegalArgumentException("RestoreCheckCronJobArgs.database: the check drops its database, so it cannot be the application's");
        }
        if (deadlineSeconds < 60) {
            throw new IllegalArgumentException("RestoreCheckCronJobArgs.deadlineSeconds must be at least 60, got " + deadlineSeconds);
        }
    }

    /** The scratch database of a database's restore check: {@code <database>_restore_check}. */
    public static String scratchDatabase(String database) {
        return database + "_restore_check";
    }

    public static Builder builder() { return new Builder(); }

    public MysqlBackupCronJob backup() { return backup; }
    public CronSchedule schedule() { return schedule; }
    public String database() { return database; }
    public int deadlineSeconds() { return deadlineSeconds; }

    public static final class Builder {
        private MysqlBackupCronJob backup;
        private CronSchedule schedule = WEEKLY;
        private Optional<String> database = Optional.empty();
        private int deadlineSeconds = 3 * 3600;

        /** The backup whose newest version is checked, with its bucket, reader, scripts and users. Required. */
        public Builder backup(MysqlBackupCronJob backup) { this.backup = backup; return this; }

        /** When it runs. Default {@code 0 5 * * 0}: Sundays at 05:00. */
        public Builder schedule(CronSchedule schedule) { this.schedule = schedule; return this; }

        /** The scratch database it restores into and drops (the restore user's). Default {@code <database>_restore_check}. */
        public Builder database(String database) { this.database = Optional.of(database); return this; }

        /** How late a run may start and how long it may take, in seconds. Default 10800 (3 hours). */
        public Builder deadlineSeconds(int seconds) { this.deadlineSeconds = seconds; return this; }

        public RestoreCheckCronJobArgs build() { return new RestoreCheckCronJobArgs(this); }
    }
}
