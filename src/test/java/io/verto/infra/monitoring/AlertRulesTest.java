package io.verto.infra.monitoring;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.types.Percent;
import io.verto.infra.types.Seconds;
import io.verto.infra.types.Share;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.verto.infra.testing.ComponentAssertions.assertChildrenOf;
import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AlertRules under Pulumi's mocks; promtool checks the expressions (tools/manifest-check/monitoring.mjs). */
class AlertRulesTest {
    /** Arguments with the design's thresholds (6.2), but CPU at 70. */
    static AlertRulesArgs args() {
        return AlertRulesArgs.builder().namespace(Output.of("shop")).namespaceName("shop").partOf("shop").job("shop-web")
                .errorRate(Share.percent("5")).latencyP95(Seconds.of(1)).cpu(Percent.of(70)).memory(Percent.of(85)).diskFree(Percent.of(10))
                .mysqlConnections(Percent.of(80)).build();
    }

    @Test
    void sevenAlertsScopedToTheNamespaceWithSeverityForAndAnnotations() {
        List<RuleGroup.Alert> alerts = AlertRules.groups(args()).stream().flatMap(g -> g.rules().stream())
                .filter(r -> r instanceof RuleGroup.Alert).map(r -> (RuleGroup.Alert) r).toList();
        assertEquals(List.of("VertoServiceDown", "VertoHighErrorRate", "VertoHighLatency", "VertoHighCPUUsage", "VertoHighMemoryUsage",
                "VertoDiskSpaceLow", "VertoDatabaseConnectionHigh"), alerts.stream().map(RuleGroup.Alert::name).toList());
        for (var alert : alerts) {
            if (!alert.name().equals("VertoDiskSpaceLow")) {
                assertTrue(alert.expr().contains("namespace=\"shop\""), alert.name() + " is scoped: " + alert.expr());
            }
            assertTrue(alert.runbookUrl().endsWith("#" + alert.name().toLowerCase()), alert.runbookUrl());
        }
        var cpu = alerts.stream().filter(a -> a.name().equals("VertoHighCPUUsage")).findFirst().orElseThrow();
        assertTrue(cpu.expr().endsWith("> 70"), "the stack's threshold: " + cpu.expr());
        assertTrue(cpu.expr().contains("kube_pod_container_resource_limits"), "percent of the limit: " + cpu.expr());
    }

    @Test
    void registersOnePrometheusRule() {
        var run = ProgramRun.run("test", ctx -> new AlertRules("shop", args(), ComponentResourceOptions.builder().build()));
        run.result().throwOnError();
        var rule = run.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule", AlertRules.NAME).inputs();
        assertEquals("verto.records", at(rule, "spec.groups[0].name"));
        assertEquals("VertoServiceDown", at(rule, "spec.groups[1].rules[0].alert"));
        assertEquals("critical", at(rule, "spec.groups[1].rules[0].labels.severity"));
        assertEquals("1m", at(rule, "spec.groups[1].rules[0].for"));
        assertChildrenOf(run, AlertRules.TYPE);
    }

    @Test
    void withBackupsFourBackupAlertsAtTheStacksThresholds() {
        var args = AlertRulesArgs.builder().namespace(Output.of("shop")).namespaceName("shop").partOf("shop").job("shop-web")
                .errorRate(Share.percent("5")).latencyP95(Seconds.of(1)).cpu(Percent.of(80)).memory(Percent.of(85)).diskFree(Percent.of(10))
                .mysqlConnections(Percent.of(80)).backup(Optional.of(new BackupAlerts("mysql-backup", "mysql-restore-check", 30, 200))).build();
        var groups = AlertRules.groups(args);
        assertEquals(3, groups.size());
        List<RuleGroup.Alert> alerts = groups.get(2).rules().stream().map(r -> (RuleGroup.Alert) r).toList();
        assertEquals(List.of("VertoBackupMissing", "VertoBackupFailed", "VertoRestoreCheckMissing", "VertoRestoreCheckFailed"),
                alerts.stream().map(RuleGroup.Alert::name).toList());
        assertTrue(alerts.get(0).expr().endsWith("> 108000") && alerts.get(0).description().contains("more than 30 hours"), alerts.get(0).toString());
        assertTrue(alerts.get(0).expr().contains("kube_cronjob_status_last_successful_time{namespace=\"shop\",cronjob=\"mysql-backup\"}"));
        assertTrue(alerts.get(0).expr().contains("kube_cronjob_created"), "a CronJob that never succeeded counts from its creation");
        assertTrue(alerts.get(1).expr().contains("kube_job_failed{namespace=\"shop\",job_name=~\"mysql-backup-[0-9]+\",condition=\"true\"}"));
        assertTrue(alerts.get(2).expr().endsWith("> 720000"));
        assertTrue(alerts.get(3).expr().contains("job_name=~\"mysql-restore-check-[0-9]+\""));
        alerts.forEach(a -> assertTrue(a.runbookUrl().endsWith("#" + a.name().toLowerCase()), a.runbookUrl()));
        assertEquals(2, AlertRules.groups(args()).size(), "no backup alerts without backups");
    }
}
