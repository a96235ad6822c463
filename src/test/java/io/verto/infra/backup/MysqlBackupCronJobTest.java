package io.verto.infra.backup;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.types.CronSchedule;
import io.verto.infra.types.Port;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MysqlBackupCronJob (and RestoreJob, which builds on it) under Pulumi's mocks. */
class MysqlBackupCronJobTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();
    static final MysqlTarget MYSQL = new MysqlTarget("mysql-prod.internal", Port.tcp(3306), "verto_prod", "verto", "verto-secret",
            "DATABASE_PASSWORD", List.of("10.30.1.0/24"));

    static MysqlBackupCronJobArgs.Builder args(S3Credentials credentials) {
        return MysqlBackupCronJobArgs.builder().namespace(Output.of("verto-production")).mysql(MYSQL)
                .bucket(Output.of("verto-backups")).region("eu-central-1").credentials(credentials)
                .partOf("verto").environment("production");
    }

    @Test
    void nightlyForbidConcurrentDeadlineHistoriesRestrictedPinned() throws IOException {
        var run = ProgramRun.run("test", ctx -> new MysqlBackupCronJob("backup",
                args(new S3Credentials.ServiceAccountRole(Output.of("arn:aws:iam::123456789012:role/backup"))).build(), NONE));
        run.result().throwOnError();
        var cron = run.one("kubernetes:batch/v1:CronJob", "backup").inputs();
        assertEquals("0 2 * * *", at(cron, "spec.schedule"));
        assertEquals("Etc/UTC", at(cron, "spec.timeZone"), "the component states its zone");
        assertEquals("Forbid", at(cron, "spec.concurrencyPolicy"));
        assertEquals(3600.0, ((Number) at(cron, "spec.startingDeadlineSeconds")).doubleValue());
        assertEquals(3600.0, ((Number) at(cron, "spec.jobTemplate.spec.activeDeadlineSeconds")).doubleValue());
        assertEquals(3.0, ((Number) at(cron, "spec.successfulJobsHistoryLimit")).doubleValue());
        assertEquals(3.0, ((Number) at(cron, "spec.failedJobsHistoryLimit")).doubleValue());
        String pod = "spec.jobTemplate.spec.template.spec.";
        assertEquals("Never", at(cron, pod + "restartPolicy"));
        assertEquals(true, at(cron, pod + "securityContext.runAsNonRoot"));
        assertEquals(false, at(cron, pod + "automountServiceAccountToken"));
        for (String c : List.of("initContainers[0]", "containers[0]")) {
            assertEquals(true, at(cron, pod + c + ".securityContext.readOnlyRootFilesystem"), c);
            assertEquals(false, at(cron, pod + c + ".securityContext.allowPrivilegeEscalation"), c);
            assertEquals(List.of("ALL"), at(cron, pod + c + ".securityContext.capabilities.drop"), c);
            assertTrue(((String) at(cron, pod + c + ".image")).matches(".+:\\d+\\.\\d+\\.\\d+"), c);
            assertTrue(at(cron, pod + c + ".resources.limits") != null, c);
        }
        assertEquals(List.of("/bin/bash", "/scripts/mysql-backup.sh", "dump"), at(cron, pod + "initContainers[0].command"));
        assertEquals(List.of("/bin/bash", "/scripts/mysql-backup.sh", "upload"), at(cron, pod + "containers[0].command"));
        // The password only from the application's Secret; no AWS key at all with a role.
        String env = String.valueOf(at(cron, pod + "initContainers[0].env"));
        assertTrue(env.contains("name=MYSQL_PWD, valueFrom={secretKeyRef={key=DATABASE_PASSWORD, name=verto-secret}}"), env);
        assertFalse(String.valueOf(at(cron, pod + "containers[0].env")).contains("AWS_SECRET_ACCESS_KEY"));
        assertEquals("arn:aws:iam::123456789012:role/backup",
                at(run.one("kubernetes:core/v1:ServiceAccount", "backup").inputs(), "metadata.annotations.eks\\.amazonaws\\.com/role-arn".replace("\\.", ".")) == null
                        ? ((Map<?, ?>) at(run.one("kubernetes:core/v1:ServiceAccount", "backup").inputs(), "metadata.annotations")).get("eks.amazonaws.com/role-arn")
                        : null);
        // The scripts are the ones scripts/backup-test runs, mounted read-only.
        var scripts = run.one("kubernetes:core/v1:ConfigMap", "backup-scripts").inputs();
        assertEquals(Files.readString(Path.of("src/main/resources/backup/mysql-backup.sh")), at(scripts, "data.mysql-backup\\.sh".replace("\\.", ".")) == null
                ? ((Map<?, ?>) at(scripts, "data")).get("mysql-backup.sh") : null);
        assertEquals(true, at(cron, pod + "containers[0].volumeMounts[1].readOnly"));
        // Only DNS, MySQL's range on its port, and HTTPS for S3; nothing may reach the pods.
        var policy = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "backup").inputs();
        assertEquals(List.of("Ingress", "Egress"), at(policy, "spec.policyTypes"));
        assertEquals(null, at(policy, "spec.ingress"));
        assertEquals("10.30.1.0/24", at(policy, "spec.egress[1].to[0].ipBlock.cidr"));
        assertEquals(3306.0, ((Number) at(policy, "spec.egress[1].ports[0].port")).doubleValue());
        assertEquals(443.0, ((Number) at(policy, "spec.egress[2].ports[0].port")).doubleValue());
        assertEquals(3, ((List<?>) at(policy, "spec.egress")).size());
        assertTrue(run.ofType("kubernetes:core/v1:Secret").isEmpty());
    }

    @Test
    void accessKeyOnlyThroughASecretMadeFromSecretOutputs() {
        var run = ProgramRun.run("test", ctx -> new MysqlBackupCronJob("backup",
                args(new S3Credentials.AccessKey(Output.ofSecret("AKIAEXAMPLE"), Output.ofSecret("key-do-not-leak")))
                        .schedule(CronSchedule.parse("30 3 * * *")).timeZone(java.time.ZoneId.of("Europe/Berlin")).build(), NONE));
        run.result().throwOnError();
        var secret = run.one("kubernetes:core/v1:Secret", "backup-aws").inputs();
        // The key reaches the engine only inside a secret-wrapped stringData, never in another input.
        assertEquals(io.verto.infra.testing.CapturingMonitor.SECRET_SIG,
                ((Map<?, ?>) secret.get("stringData")).get(io.verto.infra.testing.CapturingMonitor.SIG_KEY));
        run.registered().stream().filter(r -> !r.name().equals("backup-aws"))
                .forEach(r -> assertFalse(r.inputs().toString().contains("key-do-not-leak"), r.name()));
        assertEquals("mysql-backup-aws", at(secret, "metadata.name"));
        var cron = run.one("kubernetes:batch/v1:CronJob", "backup").inputs();
        assertEquals("30 3 * * *", at(cron, "spec.schedule"));
        assertEquals("Europe/Berlin", at(cron, "spec.timeZone"));
        String env = String.valueOf(at(cron, "spec.jobTemplate.spec.template.spec.containers[0].env"));
        assertTrue(env.contains("name=AWS_SECRET_ACCESS_KEY, valueFrom={secretKeyRef={key=AWS_SECRET_ACCESS_KEY, name=mysql-backup-aws}}"), env);
    }

    @Test
    void restoreJobRunsOncePerKeyAndFailsWithoutRetry() {
        var run = ProgramRun.run("test", ctx -> {
            var backup = new MysqlBackupCronJob("backup", args(new S3Credentials.ServiceAccountRole(Output.of("arn:aws:iam::1:role/r"))).build(), NONE);
            new RestoreJob("restore", RestoreJobArgs.builder().backup(backup)
                    .key("mysql/verto_prod-20260101T020000Z.sql.gz").database("verto_restored").build(), NONE);
        });
        run.result().throwOnError();
        var job = run.one("kubernetes:batch/v1:Job", "restore").inputs();
        assertEquals("mysql-restore-" + RestoreJob.shortHash("mysql/verto_prod-20260101T020000Z.sql.gz\nverto_restored"), at(job, "metadata.name"));
        assertEquals(0.0, ((Number) at(job, "spec.backoffLimit")).doubleValue());
        assertEquals("Never", at(job, "spec.template.spec.restartPolicy"));
        assertEquals(List.of("/bin/bash", "/scripts/mysql-restore.sh", "download"), at(job, "spec.template.spec.initContainers[0].command"));
        assertEquals(List.of("/bin/bash", "/scripts/mysql-restore.sh", "restore"), at(job, "spec.template.spec.containers[0].command"));
        String env = String.valueOf(at(job, "spec.template.spec.containers[0].env"));
        assertTrue(env.contains("name=RESTORE_DATABASE, value=verto_restored") && env.contains("name=RESTORE_KEY"), env);
        assertEquals("backup", ((Map<?, ?>) at(job, "spec.template.metadata.labels")).get("app.kubernetes.io/component"));
        assertThrows(NullPointerException.class, () -> RestoreJobArgs.builder().key("mysql/x.sql.gz").database("d").build());
    }
}
