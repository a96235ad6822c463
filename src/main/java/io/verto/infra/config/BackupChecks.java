package io.verto.infra.config;

import io.verto.infra.types.LifecycleRule;
import io.verto.infra.types.Retention;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of {@link BackupSettings} that need more than a parser: which identity the pods get, the database
 * users and the restore. Fixes follow {@link Fix}: an ARN, a cluster or a version is looked up, never made up.
 */
final class BackupChecks {
    private static final Pattern EKS_CLUSTER = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,1024}");

    private BackupChecks() { }

    /** Retention days: S3 keeps at most 100 newer noncurrent versions, so at most 100 backups. */
    static Retention retention(String text) {
        Retention retention = Retention.parse(text);
        if (retention.days() > LifecycleRule.MAX_NEWER_NONCURRENT_VERSIONS) {
            throw new IllegalArgumentException("S3 keeps at most " + LifecycleRule.MAX_NEWER_NONCURRENT_VERSIONS
                    + " versions of a key beyond age; " + retention.days() + " backups cannot be guaranteed");
        }
        return retention;
    }

    /** An IANA zone name as the tz database spells it (what Kubernetes accepts); offsets like {@code +08:00} are not. */
    static java.time.ZoneId zone(String v) {
        if (java.time.ZoneId.getAvailableZoneIds().contains(v)) {
            return java.time.ZoneId.of(v);
        }
        java.util.Optional<String> meant = java.time.ZoneId.getAvailableZoneIds().stream().filter(z -> z.equalsIgnoreCase(v)).findFirst();
        throw new InvalidValue("'" + v + "' is not an IANA time zone name such as Asia/Shanghai, Europe/Berlin or Etc/UTC "
                + "(`timedatectl list-timezones` lists them)", meant);
    }

    private static String cluster(String v) {
        return Checks.matching(v, EKS_CLUSTER, "an EKS cluster name (letters, digits, '-', '_')");
    }

    /**
     * The pods' identity: at most one of eksCluster, oidcProvider and roleArn; with none, access keys, which staging
     * and production refuse unless {@code allowAccessKey} is true.
     */
    static Optional<BackupSettings.Credentials> credentials(ConfigReader r, Optional<Environment> environment) {
        // No suggestion from a near miss ('yes'): a fix never turns long-lived keys on.
        boolean allowKeys = r.readOrDefault(BackupSettings.ALLOW_ACCESS_KEY, Checks::strictBool);
        Optional<String> cluster = r.read(BackupSettings.EKS_CLUSTER, BackupChecks::cluster);
        Optional<String> oidc = r.read(BackupSettings.OIDC_PROVIDER, v -> Arn.oidcProvider(v).toString());
        Optional<String> role = r.read(BackupSettings.ROLE_ARN, v -> Arn.iamRole(v).toString());
        List<Setting> given = new ArrayList<>();
        for (Setting s : List.of(BackupSettings.EKS_CLUSTER, BackupSettings.OIDC_PROVIDER, BackupSettings.ROLE_ARN)) {
            if (r.text(s).isPresent() || r.misspelt(s)) {
                given.add(s);
            }
        }
        if (given.size() > 1) {
            // Keep the first (Pod Identity, then IRSA, then an existing role); the problem sits on the next one.
            Fix fix = r.rm(given.get(1));
            for (Setting extra : given.subList(2, given.size())) {
                fix = fix.then(r.rm(extra));
            }
            r.problem(given.get(1), "names more than one identity for the backup pods (" + given.stream().map(Setting::key).toList()
                    + "): keep one (the fix keeps " + given.get(0).key() + ")", fix);
            return Optional.empty();
        }
        if (!given.isEmpty()) {
            return cluster.<BackupSettings.Credentials>map(BackupSettings.Credentials.PodIdentity::new)
                    .or(() -> role.map(BackupSettings.Credentials.ExistingRole::new))
                    .or(() -> oidc.map(BackupSettings.Credentials.ServiceAccountRole::new));
        }
        if (!allowKeys) {
            String env = environment.orElse(Environment.PRODUCTION).id();
            r.problem(BackupSettings.EKS_CLUSTER, "is not set, and neither is backup.oidcProvider or backup.roleArn: the backup pods would "
                    + "get long-lived IAM access keys, which " + env + " refuses; give them roles through EKS Pod Identity",
                    r.propose(BackupSettings.EKS_CLUSTER).or(r.set(BackupSettings.ALLOW_ACCESS_KEY, "true")));
            return Optional.empty();
        }
        return Optional.of(new BackupSettings.Credentials.AccessKey());
    }

    /** The dump and restore users: two users, neither the application's, each with its password as a secret. */
    static Optional<BackupSettings.Users> users(ConfigReader r) {
        String dump = r.readOrDefault(BackupSettings.DUMP_USER, v -> Checks.matching(v, BackupSettings.MYSQL_USER, "a MySQL user name"));
        String restore = r.readOrDefault(BackupSettings.RESTORE_USER, v -> Checks.matching(v, BackupSettings.MYSQL_USER, "a MySQL user name"));
        String application = r.text(ApplicationSettings.DATABASE_USER).map(String::strip).orElse("verto");
        boolean ok = true;
        for (Setting s : List.of(BackupSettings.DUMP_USER, BackupSettings.RESTORE_USER)) {
            if ((s == BackupSettings.DUMP_USER ? dump : restore).equals(application)) {
                r.problem(s, "is the application's user " + application + ": the backup users have rights of their own (README, runbook)",
                        r.rm(s));
                ok = false;
            }
        }
        if (ok && dump.equals(restore)) {
            r.problem(BackupSettings.RESTORE_USER, "is the dump user too: the dump user must stay read-only", r.rm(BackupSettings.RESTORE_USER));
            ok = false;
        }
        Optional<SecretValue> dumpPassword = requiredSecret(r, BackupSettings.DUMP_PASSWORD, dump);
        Optional<SecretValue> restorePassword = requiredSecret(r, BackupSettings.RESTORE_PASSWORD, restore);
        if (!ok || dumpPassword.isEmpty() || restorePassword.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BackupSettings.Users(dump, dumpPassword.get(), restore, restorePassword.get()));
    }

    private static Optional<SecretValue> requiredSecret(ConfigReader r, Setting setting, String user) {
        Optional<SecretValue> value = r.secret(setting);
        if (value.isEmpty() && !r.given(setting)) {
            r.problem(setting, "is required with backups: the password of the database user " + user + " (README, runbook)", r.propose(setting));
        }
        return value;
    }

    /**
     * The restore: a version id (never {@code latest}: a restore names what it restores) into an empty database of its
     * own, never the live one; a target without a version is a mistake, not a no-op.
     */
    static Optional<BackupSettings.Restore> restore(ConfigReader r, Optional<String> liveDatabase) {
        Optional<String> version = r.read(BackupSettings.RESTORE_VERSION, v -> {
            if (v.equals("latest") || !VERSION.matcher(v).matches()) {
                throw new IllegalArgumentException("'" + v + "' is not an S3 version id");
            }
            return v;
        });
        Optional<String> database = r.read(BackupSettings.RESTORE_DATABASE, v -> Checks.matching(v, Checks.MYSQL_NAME, "a MySQL schema name"));
        boolean versionGiven = r.text(BackupSettings.RESTORE_VERSION).isPresent() || r.misspelt(BackupSettings.RESTORE_VERSION);
        String restored = liveDatabase.orElse("verto") + "_restored";
        if (versionGiven && r.text(BackupSettings.RESTORE_DATABASE).isEmpty() && !r.misspelt(BackupSettings.RESTORE_DATABASE)) {
            r.problem(BackupSettings.RESTORE_DATABASE, "is required with backup.restoreVersion: the restore never writes into the live database",
                    r.set(BackupSettings.RESTORE_DATABASE, restored));
        } else if (!versionGiven && r.text(BackupSettings.RESTORE_DATABASE).isPresent()) {
            r.problem(BackupSettings.RESTORE_DATABASE, "does nothing without backup.restoreVersion (no restore runs)", r.rm(BackupSettings.RESTORE_DATABASE));
            return Optional.empty();
        }
        if (database.isPresent() && database.equals(liveDatabase)) {
            r.problem(BackupSettings.RESTORE_DATABASE, "'" + database.get() + "' is the live database (database.name): a restore goes into a "
                    + "database of its own, which you check before pointing the application at it", r.set(BackupSettings.RESTORE_DATABASE, restored));
            return Optional.empty();
        }
        return version.flatMap(v -> database.map(d -> new BackupSettings.Restore(v, d)));
    }
}
