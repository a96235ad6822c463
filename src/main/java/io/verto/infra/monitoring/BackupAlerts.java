package io.verto.infra.monitoring;

import io.verto.infra.monitoring.RuleGroup.Alert;
import io.verto.infra.monitoring.RuleGroup.Severity;
import io.verto.infra.types.AlertDuration;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Alerts on the backups, from kube-state-metrics' CronJob and Job series: a backup (or a restore check) that has not
 * succeeded for longer than its threshold, since the CronJob's last success or, if it never succeeded, its creation;
 * and a backup (or restore check) Job that failed after the last success, which resolves once a later run succeeds.
 *
 * @param backupCronJob        the backup CronJob's name
 * @param restoreCheckCronJob  the restore check CronJob's name
 * @param backupAgeHours       hours without a successful backup before VertoBackupMissing (a day and a margin)
 * @param restoreCheckAgeHours hours without a successful restore check before VertoRestoreCheckMissing (a week and a margin)
 */
public record BackupAlerts(String backupCronJob, String restoreCheckCronJob, int backupAgeHours, int restoreCheckAgeHours) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    public BackupAlerts {
        for (String name : List.of(Objects.requireNonNull(backupCronJob, "backupCronJob"), Objects.requireNonNull(restoreCheckCronJob, "restoreCheckCronJob"))) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a CronJob name");
            }
        }
        if (backupAgeHours < 1 || restoreCheckAgeHours < 1) {
            throw new IllegalArgumentException("BackupAlerts: thresholds are at least 1 hour");
        }
    }

    /** The four alerts, scoped to the namespace, each linking {@code <runbookBase>#<alert name in lower case>}. */
    RuleGroup group(String namespace, String runbookBase) {
        return new RuleGroup("verto.backups", List.of(
                missing("VertoBackupMissing", namespace, backupCronJob, backupAgeHours, Severity.critical, runbookBase,
                        "No successful MySQL backup in {{ $labels.namespace }}",
                        "The backup CronJob " + backupCronJob + " in {{ $labels.namespace }} has not completed a backup for more than "
                                + backupAgeHours + " hours ({{ $value | humanizeDuration }} since its last success or creation)."),
                failed("VertoBackupFailed", namespace, backupCronJob, Severity.critical, runbookBase,
                        "MySQL backup {{ $labels.job_name }} failed",
                        "The backup Job {{ $labels.job_name }} in {{ $labels.namespace }} failed after the last successful backup."),
                missing("VertoRestoreCheckMissing", namespace, restoreCheckCronJob, restoreCheckAgeHours, Severity.warning, runbookBase,
                        "No successful restore check in {{ $labels.namespace }}",
                        "The restore check " + restoreCheckCronJob + " in {{ $labels.namespace }} has not passed for more than "
                                + restoreCheckAgeHours + " hours ({{ $value | humanizeDuration }} since its last success or creation)."),
                failed("VertoRestoreCheckFailed", namespace, restoreCheckCronJob, Severity.critical, runbookBase,
                        "The newest MySQL backup did not restore ({{ $labels.job_name }})",
                        "The restore check Job {{ $labels.job_name }} in {{ $labels.namespace }} failed: the newest backup did not "
                                + "restore with the tables and rows it recorded.")));
    }

    /** Seconds since the CronJob's last success (or creation) above the threshold. */
    private static Alert missing(String name, String namespace, String cronJob, int hours, Severity severity, String runbookBase,
                                 String summary, String description) {
        String selector = "{namespace=\"" + namespace + "\",cronjob=\"" + cronJob + "\"}";
        String expr = "time() - (\n  max by (namespace, cronjob) (kube_cronjob_status_last_successful_time" + selector + ")\n"
                + "  or max by (namespace, cronjob) (kube_cronjob_created" + selector + ")\n) > " + hours * 3600;
        return new Alert(name, expr, AlertDuration.minutes(5), severity, summary, description, runbookBase + "#" + name.toLowerCase(Locale.ROOT));
    }

    /** A Job of the CronJob that failed and was created after the CronJob's last success (or ever, if none). */
    private static Alert failed(String name, String namespace, String cronJob, Severity severity, String runbookBase,
                                String summary, String description) {
        String jobs = "{namespace=\"" + namespace + "\",job_name=~\"" + cronJob + "-[0-9]+\"";
        String cron = "{namespace=\"" + namespace + "\",cronjob=\"" + cronJob + "\"}";
        String expr = "max by (namespace, job_name) (kube_job_failed" + jobs + ",condition=\"true\"} == 1)\n"
                + "and on (namespace, job_name)\n"
                + "max by (namespace, job_name) (kube_job_created" + jobs + "})\n"
                + "  > on (namespace) group_left ()\n"
                + "  (max by (namespace) (kube_cronjob_status_last_successful_time" + cron + ")"
                + " or max by (namespace) (kube_cronjob_created" + cron + ") * 0)";
        return new Alert(name, expr, AlertDuration.minutes(1), severity, summary, description, runbookBase + "#" + name.toLowerCase(Locale.ROOT));
    }
}
