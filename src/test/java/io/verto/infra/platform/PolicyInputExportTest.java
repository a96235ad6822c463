package io.verto.infra.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.testing.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes every stack's registered resources (type, name, URN, inputs as the engine receives them,
 * secrets still wrapped) to {@code target/policy-input/<stack>.json}. The policy pack's tests
 * (policies/test/program.test.ts) run each file through every rule.
 */
class PolicyInputExportTest {
    static List<String> stacks() {
        return StackFiles.STACKS;
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void exportStack(String stack) throws IOException {
        export(stack, StackFiles.loadWithSecrets(stack), stack + ".json");
    }

    /**
     * The variant scripts/engine-test runs ({@code <stack>.engine.json}): no AWS resource at all, so the real
     * engine (which has no AWS provider here) can register it; its Kubernetes objects are what the engine must
     * create. The AWS resources of the stack itself are in {@code <stack>.json}, checked by the policy pack.
     */
    @ParameterizedTest
    @MethodSource("stacks")
    void exportEngineVariant(String stack) throws IOException {
        var run = export(stack, StackFiles.engineVariant(StackFiles.loadWithSecrets(stack)), stack + ".engine.json");
        assertEquals(List.of(), run.registered().stream().map(r -> r.type()).filter(t -> t.startsWith("aws:") || t.startsWith("pulumi:providers:aws")).toList());
        if (!stack.equals("development")) {
            assertEquals(2, run.ofType("kubernetes:batch/v1:CronJob").size(), stack + ": the backup and restore-check CronJobs render for real");
        }
    }

    /**
     * Production with an alert threshold of its own for every alert ({@code production.thresholds.json}): the
     * monitoring checker (tools/manifest-check/monitoring.mjs) must test the rules at these thresholds.
     */
    @Test
    void exportWithItsOwnAlertThresholds() throws IOException {
        String alerts = "{\"alerts\":{\"errorRate\":\"2\",\"latencyP95\":\"0.3\",\"cpu\":\"60\",\"memory\":\"70\","
                + "\"diskFree\":\"20\",\"mysqlConnections\":\"60\",\"backupAgeHours\":\"30\",\"restoreCheckAgeHours\":\"200\"}}";
        var run = export("production", StackFiles.with(StackFiles.loadWithSecrets("production"), Map.of("verto:monitoring", alerts)),
                "production.thresholds.json");
        String rules = run.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule", "verto-alerts").inputs().toString();
        assertTrue(rules.contains("> 0.02") && rules.contains("> 108000") && rules.contains("> 720000"), rules);
    }

    /**
     * Production labelled for a kube-prometheus-stack release {@code kps} ({@code production.kps.json}): what
     * scripts/monitoring-test applies next to that chart's Prometheus, with and without the label.
     */
    @Test
    void exportLabelledForKubePrometheusStack() throws IOException {
        var run = export("production", StackFiles.with(StackFiles.loadWithSecrets("production"),
                Map.of("verto:monitoring", "{\"labels\":\"release=kps\"}")), "production.kps.json");
        assertEquals("kps", ((Map<?, ?>) ProgramRun.at(run.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule", "verto-alerts").inputs(),
                "metadata.labels")).get("release"));
    }

    static ProgramRun export(String stack, io.verto.infra.config.RawStackConfig config, String fileName) throws IOException {
        var run = ProgramRun.verto(config);
        run.result().throwOnError();
        List<Map<String, Object>> resources = run.registered().stream().map(r -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", r.type());
            entry.put("name", r.name());
            entry.put("urn", r.urn(stack, "verto"));
            entry.put("protect", r.protect());
            entry.put("props", r.inputs());
            return entry;
        }).toList();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("project", "verto");
        document.put("stack", stack);
        document.put("resources", resources);

        Path file = StackFiles.repoRoot().resolve("target/policy-input/" + fileName);
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);

        var written = new ObjectMapper().readTree(file.toFile());
        assertEquals(resources.size(), written.get("resources").size());
        assertTrue(written.toString().contains("\"kubernetes:apps/v1:Deployment\""));
        assertTrue(written.get("resources").get(0).get("urn").asText().startsWith("urn:pulumi:" + stack + "::verto::"));
        assertTrue(!written.toString().contains("S3CRET-") || written.toString().contains("1b47061264138c4ac30d75fd1eb44270"));
        return run;
    }
}
