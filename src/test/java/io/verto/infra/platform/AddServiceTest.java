package io.verto.infra.platform;

import io.verto.infra.config.SettingsReference;
import io.verto.infra.testing.CapturingMonitor;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.testing.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README.md's "add a service" recipe ({@link AddServiceRecipe}) through the same public API a program uses:
 * the third service gets every object a service gets, the quota grows, its settings exist, and the README
 * shows exactly the code that ran.
 */
class AddServiceTest {
    private static ProgramRun run(String stack, ServiceCatalogue catalogue, Map<String, String> changes) {
        var config = StackFiles.with(StackFiles.loadWithSecrets(stack), changes);
        var run = ProgramRun.run(stack, ctx -> VertoProgram.define(ctx, config, catalogue));
        run.result().throwOnError();
        return run;
    }

    private static Map<String, Object> inputs(ProgramRun run, String type, String name) {
        return run.one(type, name).inputs();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"testing", "production"})
    @SuppressWarnings("unchecked")
    void theWorkerGetsEveryObjectAServiceGets(String stack) {
        var run = run(stack, AddServiceRecipe.catalogue(), Map.of());
        inputs(run, "kubernetes:core/v1:ServiceAccount", "verto-worker");
        var deployment = inputs(run, "kubernetes:apps/v1:Deployment", "verto-worker");
        assertEquals("registry.gitlab.com/verto/platform/worker:1.0.0", at(deployment, "spec.template.spec.containers[0].image"));
        assertEquals(3002L, at(deployment, "spec.template.spec.containers[0].ports[0].containerPort"));
        assertEquals(Map.of("cpu", "500m", "memory", "1Gi"), at(deployment, "spec.template.spec.containers[0].resources.limits"));
        assertEquals("--max-old-space-size=768", at(deployment, "spec.template.spec.containers[0].env[0].value"));
        assertEquals(true, at(deployment, "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem"));
        assertEquals("verto-worker-service", at(inputs(run, "kubernetes:core/v1:Service", "verto-worker"), "metadata.name"));
        inputs(run, "kubernetes:policy/v1:PodDisruptionBudget", "verto-worker");

        // Who may reach it: the backend (its reachableFrom), the ingress controller (it has a path), Prometheus.
        var policy = inputs(run, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "verto-worker");
        assertEquals("verto-backend", at(policy, "spec.ingress[0].from[0].podSelector.matchLabels")
                .toString().replaceAll(".*app.kubernetes.io/name=([^,}]+).*", "$1"));
        assertEquals(3002L, at(policy, "spec.ingress[0].ports[0].port"));
        assertEquals("ingress-nginx", ((Map<?, ?>) at(policy, "spec.ingress[1].from[0].namespaceSelector.matchLabels")).get("kubernetes.io/metadata.name"));
        assertEquals(9464L, at(policy, "spec.ingress[2].ports[0].port"));
        // What it reaches: Redis on the stack's port and CIDR, nothing else but DNS.
        assertEquals(6379L, at(policy, "spec.egress[1].ports[0].port"));
        assertEquals(List.of(StackFiles.testValue(stack, "redis.cidr").split(",")), ((List<?>) at(policy, "spec.egress[1].to")).stream()
                .map(peer -> at((Map<String, Object>) peer, "ipBlock.cidr")).toList());
        assertEquals(2, ((List<?>) at(policy, "spec.egress")).size(), "DNS and Redis");
        // And the backend may now reach it.
        var backend = inputs(run, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "verto-backend");
        var lastEgress = ((List<?>) at(backend, "spec.egress")).size() - 1;
        assertEquals(3002L, at(backend, "spec.egress[" + lastEgress + "].ports[0].port"));

        // The ingress routes /api/jobs to it, before the shorter /api and / prefixes.
        var ingress = inputs(run, "kubernetes:networking.k8s.io/v1:Ingress", "verto");
        assertEquals(List.of("/api/jobs", "/api", "/"), ((List<?>) at(ingress, "spec.rules[0].http.paths")).stream()
                .map(p -> ((Map<?, ?>) p).get("path")).toList());
        assertEquals("verto-worker-service", at(ingress, "spec.rules[0].http.paths[0].backend.service.name"));

        inputs(run, "kubernetes:autoscaling.k8s.io/v1:VerticalPodAutoscaler", "verto-worker-vpa");
        inputs(run, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "verto-worker");
        assertTrue(at(inputs(run, "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "verto-alerts"), "spec").toString()
                .contains("verto-worker"), "the alert rules watch its job");
        assertEquals(stack.equals("production") ? 4 : 0, run.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").size(), "the exporter's too");
        assertEquals("verto-worker", ((Map<?, ?>) run.output("services", Map.class).get("worker")).get("deployment"));
    }

    @Test
    void theQuotaGrowsByTheWorkerAtItsPeak() {
        var two = run("production", VertoApplication.catalogue(), Map.of());
        var three = run("production", AddServiceRecipe.catalogue(), Map.of());
        var before = (Map<?, ?>) at(inputs(two, "kubernetes:core/v1:ResourceQuota", "verto-quota"), "spec.hard");
        var after = (Map<?, ?>) at(inputs(three, "kubernetes:core/v1:ResourceQuota", "verto-quota"), "spec.hard");
        // Before: 11 x (250m + 500m) + 2 x 100m (backup, restore check) + 4 x 50m (exporter) = 8.65 CPU, x 1.25 = 11 rounded
        // up; 16.5Gi + 2 x 256Mi + 4 x 64Mi = 17.25Gi, x 1.25 = 22Gi; limits 16.5 + 2 + 0.4 = 18.9 CPU, x 1.25 = 24;
        // 33Gi + 2Gi + 0.5Gi = 35.5Gi, x 1.25 = 45Gi. The worker adds 11 pods (10 at the HPA's maximum plus a surge pod) of
        // 250m / 512Mi requested and 500m / 1Gi limits: 11.4 x 1.25 = 15 CPU, 22.75Gi x 1.25 = 29Gi; limits 24.4 x 1.25
        // = 31, 46.5Gi x 1.25 = 59Gi.
        assertEquals(List.of("11", "22Gi", "24", "45Gi"), List.of(before.get("requests.cpu"), before.get("requests.memory"),
                before.get("limits.cpu"), before.get("limits.memory")));
        assertEquals(List.of("15", "29Gi", "31", "59Gi"), List.of(after.get("requests.cpu"), after.get("requests.memory"),
                after.get("limits.cpu"), after.get("limits.memory")));
    }

    @Test
    void theWorkerHasSettingsOfItsOwnWhichTheStackCanSet() {
        var reference = SettingsReference.markdown(AddServiceRecipe.catalogue().sizes());
        for (String field : List.of("cpu", "memory", "cpuRequest", "memoryRequest")) {
            assertTrue(reference.contains("| `containers.worker." + field + "` |"), field);
        }
        assertTrue(reference.contains("| `containers.worker.cpu` | `500m` | worker container's CPU limit (the worker's load test) |"), reference);
        var run = run("staging", AddServiceRecipe.catalogue(), Map.of("verto:containers", "{\"worker\":{\"memory\":\"2Gi\"}}"));
        assertEquals("2Gi", at(inputs(run, "kubernetes:apps/v1:Deployment", "verto-worker"), "spec.template.spec.containers[0].resources.limits.memory"));
    }

    @Test
    void withoutTheWorkerItsSettingsAreUnknown() {
        var config = StackFiles.with(StackFiles.loadWithSecrets("staging"), Map.of("verto:containers", "{\"worker\":{\"memory\":\"2Gi\"}}"));
        var failed = ProgramRun.verto(config);
        assertTrue(failed.result().exceptions().get(0).getMessage().contains("verto:containers.worker: is not a known field"),
                failed.result().exceptions().get(0).getMessage());
        assertTrue(failed.registered().stream().map(CapturingMonitor.Registration::type).allMatch("pulumi:pulumi:Stack"::equals));
    }

    @Test
    void readmeShowsTheRecipeThatRuns() throws IOException {
        String source = Files.readString(StackFiles.repoRoot().resolve("src/test/java/io/verto/infra/platform/AddServiceRecipe.java"));
        String recipe = source.substring(source.indexOf("// recipe:begin\n") + "// recipe:begin\n".length(), source.indexOf("        // recipe:end"));
        String code = recipe.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).collect(Collectors.joining("\n"));
        String readme = Files.readString(StackFiles.repoRoot().resolve("README.md"));
        assertTrue(readme.contains("```java\n" + code + "\n```"), "README.md's recipe differs from AddServiceRecipe.java:\n" + code);
    }
}
