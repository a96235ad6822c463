package io.verto.infra.backup;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.CapturingMonitor;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.types.CronSchedule;
import io.verto.infra.types.ImageRef;
import io.verto.infra.types.Port;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MysqlBackupCronJob, and the RestoreJob and RestoreCheckCronJob that build on it, under Pulumi's mocks. */
class MysqlBackupCronJobTest {
    private static final ComponentResourceOptions NONE = ComponentResourceOptions.builder().build();
    private static final String POD = "spec.jobTemplate.spec.template.spec.";
    static final MysqlTarget MYSQL = new MysqlTarget("mysql-prod.internal", Port.tcp(3306), "verto_prod", List.of("10.30.1.0/24"),
            new MysqlTarget.User("verto_backup", Output.ofSecret("dump-pw-do-not-leak")),
            new MysqlTarget.User("verto_restore", Output.ofSecret("restore-pw-do-not-leak")));

    static MysqlBackupCronJobArgs.Builder args(S3Credentials writer, S3Credentials reader) {
        return MysqlBackupCronJobArgs.builder().namespace(Output.of("verto-production")).mysql(MYSQL)
                .bucket(Output.of("verto-backups")).region("eu-central-1").writerCredentials(writer).readerCredentials(reader)
                .partOf("verto").environment("production");
    }

    private static String env(Map<String, Object> inputs, String container) {
        return String.valueOf(at(inputs, container + ".env"));
    }

    @Test
    void nightlyForbidConcurrentDeadlineHistoriesRestrictedPinnedByDigest() throws IOException {
        var run = ProgramRun.run("test", ctx -> new MysqlBackupCronJob("backup", args(
                new S3Credentials.ServiceAccountRole(Output.of("arn:aws:iam::123456789012:role/writer")),
                new S3Credentials.ServiceAccountRole(Output.of("arn:aws:iam::123456789012:role/reader"))).build(), NONE));
        run.result().throwOnError();
        var cron = run.one("kubernetes:batch/v1:CronJob", "backup").inputs();
        assertEquals("0 2 * * *", at(cron, "spec.schedule"));
        assertEquals("Etc/UTC", at(cron, "spec.timeZone"), "the component states its zone");
        assertEquals("Forbid", at(cron, "spec.concurrencyPolicy"));
        assertEquals(3600L, at(cron, "spec.startingDeadlineSeconds"));
        assertEquals(3600L, at(cron, "spec.jobTemplate.spec.activeDeadlineSeconds"));
        assertEquals(3L, at(cron, "spec.successfulJobsHistoryLimit"));
        assertEquals(3L, at(cron, "spec.failedJobsHistoryLimit"));
        assertEquals("Never", at(cron, POD + "restartPolicy"));
        assertEquals(true, at(cron, POD + "securityContext.runAsNonRoot"));
        assertEquals(false, at(cron, POD + "automountServiceAccountToken"));
        assertEquals("mysql-backup", at(cron, POD + "serviceAccountName"));
        for (String c : List.of("initContainers[0]", "containers[0]")) {
            assertEquals(true, at(cron, POD + c + ".securityContext.readOnlyRootFilesystem"), c);
            assertEquals(false, at(cron, POD + c + ".securityContext.allowPrivilegeEscalation"), c);
            assertEquals(List.of("ALL"), at(cron, POD + c + ".securityContext.capabilities.drop"), c);
            assertTrue(((String) at(cron, POD + c + ".image")).matches(".+:\\d+\\.\\d+\\.\\d+@sha256:[0-9a-f]{64}"), c);
            assertTrue(at(cron, POD + c + ".resources.limits") != null, c);
        }
        assertEquals("docker.io/library/mysql:8.4.11@sha256:85b9bf2e29cf836ecb8c2a15a935d4ba0c606631dff1dd79531a11983c638f2a",
                at(cron, POD + "initContainers[0].image"), "the MySQL 8 client for the design's MySQL 8 server");
        assertEquals(List.of("/bin/bash", "/scripts/mysql-backup.sh", "dump"), at(cron, POD + "initContainers[0].command"));
        assertEquals(List.of("/bin/bash", "/scripts/mysql-backup.sh", "upload"), at(cron, POD + "containers[0].command"));
        // The read-only dump user, its password from the backup's own Secret (not the application's); no AWS key with a role.
        String dump = env(cron, POD + "initContainers[0]");
        assertTrue(dump.contains("name=MYSQL_USER, value=verto_backup"), dump);
        assertTrue(dump.contains("name=MYSQL_PWD, valueFrom={secretKeyRef={key=DUMP_PASSWORD, name=mysql-backup-db}}"), dump);
        assertFalse(env(cron, POD + "containers[0]").contains("AWS_SECRET_ACCESS_KEY"));
        assertEquals("arn:aws:iam::123456789012:role/writer",
                ((Map<?, ?>) at(run.one("kubernetes:core/v1:ServiceAccount", "backup").inputs(), "metadata.annotations")).get("eks.amazonaws.com/role-arn"));
        assertEquals("arn:aws:iam::123456789012:role/reader",
                ((Map<?, ?>) at(run.one("kubernetes:core/v1:ServiceAccount", "backup-restore").inputs(), "metadata.annotations")).get("eks.amazonaws.com/role-arn"));
        // The scripts are the ones scripts/backup-test runs, mounted read-only.
        var scripts = run.one("kubernetes:core/v1:ConfigMap", "backup-scripts").inputs();
        assertEquals(Files.readString(Path.of("src/main/resources/backup/mysql-backup.sh")), ((Map<?, ?>) at(scripts, "data")).get("mysql-backup.sh"));
        assertEquals(true, at(cron, POD + "containers[0].volumeMounts[1].readOnly"));
        // Only DNS, MySQL's range on its port, and HTTPS for S3; nothing may reach the pods.
        var policy = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "backup").inputs();
        assertEquals(List.of("Ingress", "Egress"), at(policy, "spec.policyTypes"));
        assertNull(at(policy, "spec.ingress"));
        assertEquals("10.30.1.0/24", at(policy, "spec.egress[1].to[0].ipBlock.cidr"));
        assertEquals(3306L, at(policy, "spec.egress[1].ports[0].port"));
        assertEquals(443L, at(policy, "spec.egress[2].ports[0].port"));
        assertEquals(3, ((List<?>) at(policy, "spec.egress")).size());
        // The one Secret holds the database users' passwords, secret-wrapped.
        var secrets = run.ofType("kubernetes:core/v1:Secret");
        assertEquals(List.of("backup-db"), secrets.stream().map(CapturingMonitor.Registration::name).toList());
        assertEquals(CapturingMonitor.SECRET_SIG, ((Map<?, ?>) secrets.get(0).inputs().get("stringData")).get(CapturingMonitor.SIG_KEY));
        // The passwords reach the engine only inside that secret-wrapped stringData, never in another input.
        run.registered().stream().filter(r -> !r.type().equals("kubernetes:core/v1:Secret"))
                .forEach(r -> assertFalse(r.inputs().toString().contains("pw-do-not-leak"), r.name()));
    }

    @Test
    void accessKeysOnlyThroughSecretsMadeFromSecretOutputsOnePerIdentity() {
        var run = ProgramRun.run("test", ctx -> new MysqlBackupCronJob("backup",
                args(new S3Credentials.AccessKey(Output.ofSecret("AKIAWRITER"), Output.ofSecret("writer-key-do-not-leak")),
                        new S3Credentials.AccessKey(Output.ofSecret("AKIAREADER"), Output.ofSecret("reader-key-do-not-leak")))
                        .schedule(CronSchedule.parse("30 3 * * *")).timeZone(java.time.ZoneId.of("Europe/Berlin")).build(), NONE));
        run.result().throwOnError();
        for (String[] s : new String[][] {{"backup-aws", "mysql-backup-aws"}, {"backup-restore-aws", "mysql-restore-aws"}}) {
            var secret = run.one("kubernetes:core/v1:Secret", s[0]).inputs();
            assertEquals(CapturingMonitor.SECRET_SIG, ((Map<?, ?>) secret.get("stringData")).get(CapturingMonitor.SIG_KEY));
            assertEquals(s[1], at(secret, "metadata.name"));
        }
        run.registered().stream().filter(r -> !r.type().equals("kubernetes:core/v1:Secret"))
                .forEach(r -> assertFalse(r.inputs().toString().contains("key-do-not-leak"), r.name()));
        var cron = run.one("kubernetes:batch/v1:CronJob", "backup").inputs();
        assertEquals("30 3 * * *", at(cron, "spec.schedule"));
        assertEquals("Europe/Berlin", at(cron, "spec.timeZone"));
        String upload = env(cron, POD + "containers[0]");
        assertTrue(upload.contains("name=AWS_SECRET_ACCESS_KEY, valueFrom={secretKeyRef={key=AWS_SECRET_ACCESS_KEY, name=mysql-backup-aws}}"), upload);
    }

    @Test
    void podIdentityPutsNothingOnThePods() {
        var run = ProgramRun.run("test", ctx -> new MysqlBackupCronJob("backup",
                args(new S3Credentials.PodIdentity(), new S3Credentials.PodIdentity()).build(), NONE));
        run.result().throwOnError();
        for (var sa : run.ofType("kubernetes:core/v1:ServiceAccount")) {
            assertNull(at(sa.inputs(), "metadata.annotations"), sa.name());
        }
        assertFalse(env(run.one("kubernetes:batch/v1:CronJob", "backup").inputs(), POD + "containers[0]").contains("AWS_ACCESS_KEY_ID"));
    }

    @Test
    void restoreJobRunsOncePerVersionAsTheReaderAndFailsWithoutRetry() {
        var run = ProgramRun.run("test", ctx -> {
            var backup = new MysqlBackupCronJob("backup", args(new S3Credentials.PodIdentity(), new S3Credentials.PodIdentity()).build(), NONE);
            new RestoreJob("restore", RestoreJobArgs.builder().backup(backup).version("3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY")
                    .database("verto_prod_restored").build(), NONE);
        });
        run.result().throwOnError();
        var job = run.one("kubernetes:batch/v1:Job", "restore").inputs();
        assertEquals("mysql-restore-" + RestoreJob.shortHash("3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\nverto_prod_restored"), at(job, "metadata.name"));
        assertEquals(0L, at(job, "spec.backoffLimit"));
        assertEquals("Never", at(job, "spec.template.spec.restartPolicy"));
        assertEquals("mysql-restore", at(job, "spec.template.spec.serviceAccountName"));
        assertEquals(List.of("/bin/bash", "/scripts/mysql-restore.sh", "download"), at(job, "spec.template.spec.initContainers[0].command"));
        assertEquals(List.of("/bin/bash", "/scripts/mysql-restore.sh", "restore"), at(job, "spec.template.spec.containers[0].command"));
        assertTrue(env(job, "spec.template.spec.initContainers[0]").contains("name=RESTORE_VERSION, value=3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"));
        String restore = env(job, "spec.template.spec.containers[0]");
        assertTrue(restore.contains("name=RESTORE_DATABASE, value=verto_prod_restored") && restore.contains("name=MYSQL_USER, value=verto_restore")
                && restore.contains("key=RESTORE_PASSWORD"), restore);
        assertEquals("backup", ((Map<?, ?>) at(job, "spec.template.metadata.labels")).get("app.kubernetes.io/component"));
        assertThrows(NullPointerException.class, () -> RestoreJobArgs.builder().version("v").database("d").build());
    }

    @Test
    void restoreCheckWeeklyRestoresTheNewestIntoAScratchDatabaseAndFailsLoudly() {
        var run = ProgramRun.run("test", ctx -> {
            var backup = new MysqlBackupCronJob("backup", args(new S3Credentials.PodIdentity(), new S3Credentials.PodIdentity()).build(), NONE);
            new RestoreCheckCronJob("restore-check", RestoreCheckCronJobArgs.builder().backup(backup).build(), NONE);
        });
        run.result().throwOnError();
        var cron = run.one("kubernetes:batch/v1:CronJob", "restore-check").inputs();
        assertEquals("mysql-restore-check", at(cron, "metadata.name"));
        assertEquals("0 5 * * 0", at(cron, "spec.schedule"));
        assertEquals("Forbid", at(cron, "spec.concurrencyPolicy"));
        assertEquals(0L, at(cron, "spec.jobTemplate.spec.backoffLimit"), "a backup that no longer restores is reported the first time");
        assertEquals("mysql-restore", at(cron, POD + "serviceAccountName"));
        assertEquals(List.of("/bin/bash", "/scripts/mysql-restore.sh", "check"), at(cron, POD + "containers[0].command"));
        assertTrue(env(cron, POD + "initContainers[0]").contains("name=RESTORE_VERSION, value=latest"));
        assertTrue(env(cron, POD + "containers[0]").contains("name=RESTORE_DATABASE, value=verto_prod_restore_check"));
        assertEquals("backup", ((Map<?, ?>) at(cron, "spec.jobTemplate.spec.template.metadata.labels")).get("app.kubernetes.io/component"),
                "the backup NetworkPolicy covers it");
        assertThrows(NullPointerException.class, () -> RestoreCheckCronJobArgs.builder().build(), "a backup is required");
    }

    @Test
    void imagesPinnedByTagOnlyAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> args(new S3Credentials.PodIdentity(), new S3Credentials.PodIdentity())
                .clientImage(ImageRef.of("docker.io/library/mysql", "8.4.11")).build());
        assertTrue(e.getMessage().contains("pinned by tag only") && e.getMessage().contains("must be pinned by digest")
                && e.getMessage().contains("imagetools inspect docker.io/library/mysql:8.4.11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MysqlTarget("h", Port.tcp(3306), "d", List.of(),
                new MysqlTarget.User("same", Output.of("a")), new MysqlTarget.User("same", Output.of("b"))));
    }
}
