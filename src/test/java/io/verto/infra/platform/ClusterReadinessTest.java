package io.verto.infra.platform;

import io.verto.infra.config.StackConfigException;
import io.verto.infra.testing.CapturingMonitor;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.testing.StackFiles;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.Memory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator needs on day one of a real cluster, on every stack: containers sized per service,
 * a quota with room, certificates that can be issued, images that can be pulled, pods that can start,
 * and network rules that work on common clusters.
 */
class ClusterReadinessTest {
    static List<String> stacks() {
        return StackFiles.STACKS;
    }

    private static ProgramRun run(String stack, Map<String, String> changes) {
        var run = ProgramRun.verto(StackFiles.with(StackFiles.loadWithSecrets(stack), changes));
        run.result().throwOnError();
        return run;
    }

    private static Map<String, Object> container(ProgramRun run, String deployment) {
        @SuppressWarnings("unchecked")
        var c = (Map<String, Object>) at(run.one("kubernetes:apps/v1:Deployment", deployment).inputs(), "spec.template.spec.containers[0]");
        return c;
    }

    private static Map<?, ?> env(Map<String, Object> container) {
        Map<Object, Object> byName = new HashMap<>();
        for (Object e : (List<?>) container.get("env")) {
            byName.put(((Map<?, ?>) e).get("name"), ((Map<?, ?>) e).get("value"));
        }
        return byName;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // stack, quota requests cpu/memory, limits cpu/memory (services at peak plus 25 %, never below the 2.2 budget;
            // cluster stacks add the backup pod and the restore-check pod, each 100m / 256Mi requested, 1 / 1Gi limit, and the
            // mysqld-exporter: 2 pods, 4 with its HPA, of 50m / 64Mi requested, 100m / 128Mi limit)
            "development, 2, 4Gi, 4, 8Gi",
            "testing, 4, 7Gi, 9, 15Gi",
            "staging, 5, 9Gi, 11, 18Gi",
            "production, 11, 22Gi, 24, 45Gi",
    })
    void containersHaveTheDesignSizesAndTheQuotaLeavesRoom(String stack, String cpu, String memory, String limitsCpu, String limitsMemory) {
        var run = run(stack, Map.of());
        var frontend = container(run, "verto-frontend");
        var backend = container(run, "verto-backend");
        assertEquals(Map.of("cpu", "250m", "memory", "512Mi"), at(frontend, "resources.requests"), "design 5.4");
        assertEquals(Map.of("cpu", "500m", "memory", "1Gi"), at(frontend, "resources.limits"), "design 5.4");
        assertEquals(Map.of("cpu", "500m", "memory", "1Gi"), at(backend, "resources.requests"), "design 5.5");
        assertEquals(Map.of("cpu", "1", "memory", "2Gi"), at(backend, "resources.limits"), "design 5.5");
        assertEquals("--max-old-space-size=768", env(frontend).get("NODE_OPTIONS"), "75 % of the frontend's own 1Gi");
        assertEquals("--max-old-space-size=1536", env(backend).get("NODE_OPTIONS"), "75 % of the backend's own 2Gi");

        var hard = (Map<?, ?>) at(run.one("kubernetes:core/v1:ResourceQuota", "verto-quota").inputs(), "spec.hard");
        assertEquals(List.of(cpu, memory, limitsCpu, limitsMemory),
                List.of(hard.get("requests.cpu"), hard.get("requests.memory"), hard.get("limits.cpu"), hard.get("limits.memory")));
        var budget = StackFiles.load(stack).values().get("verto:resources");
        assertTrue(Cpu.parse((String) hard.get("requests.cpu")).compareTo(Cpu.parse(budget.replaceAll(".*\"cpu\":\"([^\"]+)\".*", "$1"))) >= 0,
                "the 2.2 budget is the quota's floor");
        assertEquals(Map.of("cpu", "2", "memory", "4Gi"), at(run.one("kubernetes:core/v1:LimitRange", "verto-limits").inputs(), "spec.limits[0].max"));
    }

    @Test
    void aServiceAboveTheLimitRangeIsAConfigErrorWhoseFixWorks() {
        var raw = StackFiles.with(StackFiles.loadWithSecrets("production"), Map.of("verto:containers", "{\"backend\":{\"cpu\":\"4\",\"memory\":\"8Gi\"}}"));
        var failed = ProgramRun.verto(raw);
        var e = assertInstanceOf(StackConfigException.class, rootCause(failed.result().exceptions().get(0)));
        assertEquals(List.of("verto:containers.backend.cpu"), e.problems().stream().map(p -> p.key()).toList(), e.getMessage());
        assertTrue(e.getMessage().contains("CPU limit 4 is above the LimitRange maximum 2"), e.getMessage());
        assertTrue(e.getMessage().contains("pulumi config set --path verto:containerMax.cpu 4 --stack production"), e.getMessage());
        assertTrue(failed.registered().stream().allMatch(r -> r.type().equals("pulumi:pulumi:Stack")), "nothing registered");

        // A request below the LimitRange minimum: the fix raises it to the minimum, and the plan passes.
        var tiny = StackFiles.with(StackFiles.loadWithSecrets("production"), Map.of("verto:containers", "{\"frontend\":{\"cpuRequest\":\"5m\"}}"));
        var low = assertInstanceOf(StackConfigException.class, rootCause(ProgramRun.verto(tiny).result().exceptions().get(0)));
        assertEquals(List.of("verto:containers.frontend.cpuRequest"), low.problems().stream().map(p -> p.key()).toList(), low.getMessage());
        var followed = ProgramRun.verto(io.verto.infra.testing.SuggestedFix.apply(tiny, low.problems().get(0).fix()));
        followed.result().throwOnError();
        assertEquals("10m", at(container(followed, "verto-frontend"), "resources.requests.cpu"));

        // Following the fix (and the next one, for memory) deploys it with a raised maximum.
        var raised = run("production", Map.of("verto:containers", "{\"backend\":{\"cpu\":\"4\",\"memory\":\"8Gi\"}}",
                "verto:containerMax", "{\"cpu\":\"4\",\"memory\":\"8Gi\"}"));
        assertEquals(Map.of("cpu", "4", "memory", "8Gi"), at(raised.one("kubernetes:core/v1:LimitRange", "verto-limits").inputs(), "spec.limits[0].max"));
        assertEquals(Map.of("cpu", "4", "memory", "8Gi"), at(container(raised, "verto-backend"), "resources.limits"));
        assertEquals("--max-old-space-size=6144", env(container(raised, "verto-backend")).get("NODE_OPTIONS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void certificatesCanBeIssuedThroughTheDefaultDeny(String stack) {
        if (stack.equals("production")) {
            // Behind CloudFront only DNS-01 works: the default there, so nothing is opened for an HTTP-01 solver.
            assertTrue(run(stack, Map.of()).ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").stream().noneMatch(r -> r.name().contains("acme")));
            stack = "staging";
        }
        var run = run(stack, Map.of());
        var solver = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "verto-acme-http01-solver").inputs();
        assertEquals(Map.of("acme.cert-manager.io/http01-solver", "true"), at(solver, "spec.podSelector.matchLabels"));
        assertEquals(List.of("Ingress"), at(solver, "spec.policyTypes"), "egress stays denied");
        assertEquals("ingress-nginx", ((Map<?, ?>) at(solver, "spec.ingress[0].from[0].namespaceSelector.matchLabels")).get("kubernetes.io/metadata.name"));
        assertEquals(8089L, at(solver, "spec.ingress[0].ports[0].port"));
        var min = (Map<?, ?>) at(run.one("kubernetes:core/v1:LimitRange", "verto-limits").inputs(), "spec.limits[0].min");
        assertTrue(Cpu.parse((String) min.get("cpu")).compareTo(Cpu.millis(10)) <= 0 && Memory.parse((String) min.get("memory")).compareTo(Memory.mebibytes(64)) <= 0,
                "the solver's 10m / 64Mi requests are admitted: " + min);
        String issuer = (String) ((Map<?, ?>) at(run.one("kubernetes:networking.k8s.io/v1:Ingress", "verto").inputs(), "metadata.annotations"))
                .get("cert-manager.io/cluster-issuer");
        assertEquals(stack.equals("development") ? "selfsigned" : "letsencrypt-prod", issuer, "a trusted issuer wherever users browse");

        var dns01 = run(stack, Map.of("verto:acmeChallenge", "dns01"));
        assertTrue(dns01.ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy").stream().noneMatch(r -> r.name().contains("acme")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void podsReferenceAPullSecretOnlyWhenOneExists(String stack) {
        var anonymous = run(stack, Map.of());
        assertNull(at(anonymous.one("kubernetes:apps/v1:Deployment", "verto-backend").inputs(), "spec.template.spec.imagePullSecrets"),
                "no credentials: public images, nothing referenced");
        assertTrue(anonymous.ofType("kubernetes:core/v1:Secret").stream().noneMatch(r -> "kubernetes.io/dockerconfigjson".equals(r.inputs().get("type"))));

        var raw = StackFiles.with(StackFiles.loadWithSecrets(stack), Map.of("verto:registryUsername", "deployer"));
        var values = new HashMap<>(raw.values());
        values.put("verto:registryPassword", StackFiles.secretValueOf("verto:registryPassword"));
        var secretKeys = new java.util.HashSet<>(raw.secretKeys());
        secretKeys.add("verto:registryPassword");
        var created = ProgramRun.verto(new io.verto.infra.config.RawStackConfig(stack, values, secretKeys));
        created.result().throwOnError();
        var secret = created.ofType("kubernetes:core/v1:Secret").stream()
                .filter(r -> "kubernetes.io/dockerconfigjson".equals(r.inputs().get("type"))).findFirst().orElseThrow().inputs();
        assertEquals("registry-secret", at(secret, "metadata.name"));
        assertEquals(CapturingMonitor.SECRET_SIG, ((Map<?, ?>) secret.get("stringData")).get(CapturingMonitor.SIG_KEY), "the token stays a Pulumi secret");
        for (String d : List.of("verto-frontend", "verto-backend")) {
            assertEquals("registry-secret", at(created.one("kubernetes:apps/v1:Deployment", d).inputs(), "spec.template.spec.imagePullSecrets[0].name"));
        }

        var existing = run(stack, Map.of("verto:imagePullSecret", "gitlab-pull"));
        assertEquals("gitlab-pull", at(existing.one("kubernetes:apps/v1:Deployment", "verto-frontend").inputs(), "spec.template.spec.imagePullSecrets[0].name"));
        assertTrue(existing.ofType("kubernetes:core/v1:Secret").stream().noneMatch(r -> "kubernetes.io/dockerconfigjson".equals(r.inputs().get("type"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void aClusterWithoutTheVpaAndPrometheusOperatorCrdsCanStillBeServed(String stack) {
        var run = run(stack, Map.of("verto:monitoring", "{\"scrape\":\"configMap\",\"vpaMode\":\"none\"}"));
        assertTrue(run.registered().stream().noneMatch(r -> r.type().startsWith("kubernetes:monitoring.coreos.com/")
                        || r.type().startsWith("kubernetes:autoscaling.k8s.io/")),
                "no custom resource: " + run.registered().stream().map(r -> r.type()).filter(t -> t.contains(".k8s.io/") || t.contains("coreos")).toList());
        var rules = run.ofType("kubernetes:core/v1:ConfigMap").stream()
                .filter(r -> at(r.inputs(), "data") instanceof Map<?, ?> d && d.keySet().stream().anyMatch(k -> k.toString().contains("alerts"))).toList();
        assertEquals(1, rules.size(), "the alert rules ride in the scrape ConfigMap");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void podsCanStartAndReachWhatTheyCall(String stack) {
        var run = run(stack, Map.of());
        for (String d : List.of("verto-frontend", "verto-backend")) {
            var env = env(container(run, d));
            assertEquals("/tmp", env.get("HOME"), d + ": a writable home on the read-only root filesystem");
            assertEquals("/tmp/.npm", env.get("npm_config_cache"));
            assertEquals("/tmp", at(container(run, d), "volumeMounts[0].mountPath"));
        }
        assertEquals("/health", at(container(run, "verto-frontend"), "livenessProbe.httpGet.path"));
        assertEquals("/ready", at(container(run, "verto-frontend"), "readinessProbe.httpGet.path"));
        assertEquals(3001L, at(container(run, "verto-backend"), "livenessProbe.tcpSocket.port"), "a database blip must not restart the backend");
        assertEquals("/health", at(container(run, "verto-backend"), "readinessProbe.httpGet.path"));

        var frontend = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "verto-frontend").inputs();
        @SuppressWarnings("unchecked")
        var egress = (List<Map<String, Object>>) at(frontend, "spec.egress");
        assertTrue(egress.stream().anyMatch(rule -> rule.get("to") == null && at(rule, "ports[0].port").equals(443L)),
                "the frontend reaches its own public API URL: " + egress);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void dnsWorksOnCommonClustersAndDataStoresAreReachableOnlyWhereTheyAre(String stack) {
        var run = run(stack, Map.of());
        var backend = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "verto-backend").inputs();
        assertEquals("kube-system", ((Map<?, ?>) at(backend, "spec.egress[0].to[0].namespaceSelector.matchLabels")).get("kubernetes.io/metadata.name"));
        assertNull(at(backend, "spec.egress[0].to[0].podSelector"), "any resolver pod in kube-system, whatever its labels");
        assertEquals("169.254.20.10/32", at(backend, "spec.egress[0].to[1].ipBlock.cidr"), "NodeLocal DNSCache");
        if (stack.equals("development")) {
            var config = (Map<?, ?>) at(run.one("kubernetes:core/v1:ConfigMap", "verto-verto-config").inputs(), "data");
            assertEquals("mysql", config.get("DATABASE_HOST"), "not localhost, which in a pod is the pod itself");
            assertEquals("redis", config.get("REDIS_HOST"));
        } else {
            assertTrue(((String) at(backend, "spec.egress[1].to[0].ipBlock.cidr")).matches("10\\.\\d+\\.1\\.0/24"), "MySQL by CIDR");
            assertTrue(((String) at(backend, "spec.egress[2].to[0].ipBlock.cidr")).matches("10\\.\\d+\\.2\\.0/24"), "Redis by CIDR");
            var noCidr = ProgramRun.verto(StackFiles.with(StackFiles.loadWithSecrets(stack),
                    Map.of("verto:redis", "{\"host\":\"redis.internal\"}")));
            var e = assertInstanceOf(StackConfigException.class, rootCause(noCidr.result().exceptions().get(0)));
            assertTrue(e.getMessage().contains("verto:redis.cidr: is required outside development"), e.getMessage());
        }
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
