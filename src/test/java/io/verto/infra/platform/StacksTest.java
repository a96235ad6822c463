package io.verto.infra.platform;

import io.verto.infra.config.StackConfigException;
import io.verto.infra.testing.CapturingMonitor;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.testing.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.verto.infra.testing.ProgramRun.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole program, run for every committed stack file, against the design's values. */
class StacksTest {
    private static ProgramRun run(String stack) {
        var run = ProgramRun.verto(StackFiles.loadWithSecrets(stack));
        run.result().throwOnError();
        return run;
    }

    private static Map<String, Object> deployment(ProgramRun run, String name) {
        return run.one("kubernetes:apps/v1:Deployment", name).inputs();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // stack, namespace, domain, replicas, db host, db name, redis host
            "development, verto-development, dev.verto.local, 1, mysql, verto_dev, redis",
            "testing, verto-testing, test.verto.com, 2, mysql-test.internal, verto_test, redis-test.internal",
            "staging, verto-staging, staging.verto.com, 3, mysql-staging.internal, verto_staging, redis-staging.internal",
            "production, verto-production, verto.com, 5, mysql-prod.internal, verto_prod, redis-prod.internal",
    })
    void eachStackCarriesTheDesignValues(String stack, String namespace, String domain, long replicas,
                                         String dbHost, String dbName, String redisHost) {
        var run = run(stack);
        assertEquals(namespace, at(run.one("kubernetes:core/v1:Namespace", "verto").inputs(), "metadata.name"));
        for (String service : List.of("verto-frontend", "verto-backend")) {
            var d = deployment(run, service);
            assertEquals(namespace, at(d, "metadata.namespace"));
            assertEquals(replicas, at(d, "spec.replicas"));
            assertEquals("registry.gitlab.com/verto/platform/" + service.substring(6) + ":1.0.0", at(d, "spec.template.spec.containers[0].image"));
        }
        var config = at(run.one("kubernetes:core/v1:ConfigMap", "verto-verto-config").inputs(), "data");
        assertEquals(dbHost, ((Map<?, ?>) config).get("DATABASE_HOST"));
        assertEquals(dbName, ((Map<?, ?>) config).get("DATABASE_NAME"));
        assertEquals("3306", ((Map<?, ?>) config).get("DATABASE_PORT"));
        assertEquals(redisHost, ((Map<?, ?>) config).get("REDIS_HOST"));
        assertEquals("6379", ((Map<?, ?>) config).get("REDIS_PORT"));
        assertEquals("https://" + domain + "/api", ((Map<?, ?>) config).get("API_BASE_URL"));
        assertEquals(domain, at(run.one("kubernetes:networking.k8s.io/v1:Ingress", "verto").inputs(), "spec.rules[0].host"));
        assertEquals("https://" + domain, run.output("url", String.class));
        assertEquals(namespace, run.output("namespace", String.class));
        assertEquals(stack, ((Map<?, ?>) at(run.one("kubernetes:core/v1:Namespace", "verto").inputs(), "metadata.labels")).get("environment"));
    }

    /** Plan check: every host CloudFront serves is an ingress host and in its certificate (CloudFront forwards the Host). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"development", "testing", "staging", "production"})
    void theIngressServesEveryHostTheCdnServes(String stack) {
        var run = run(stack);
        var ingress = run.one("kubernetes:networking.k8s.io/v1:Ingress", "verto").inputs();
        @SuppressWarnings("unchecked")
        var rules = (List<Map<String, Object>>) at(ingress, "spec.rules");
        var hosts = rules.stream().map(r -> (String) r.get("host")).toList();
        assertEquals(hosts, at(ingress, "spec.tls[0].hosts"), "the certificate covers every routed host");
        for (var cdn : run.ofType("aws:cloudfront/distribution:Distribution")) {
            @SuppressWarnings("unchecked")
            var aliases = (List<String>) cdn.inputs().get("aliases");
            assertTrue(hosts.containsAll(aliases), "CloudFront serves " + aliases + ", the ingress " + hosts);
            rules.forEach(r -> assertEquals(rules.get(0).get("http"), r.get("http"), "every host routes alike"));
        }
        if (stack.equals("production")) {
            assertEquals(List.of("verto.com", "www.verto.com"), hosts);
        }
    }

    /** A Multi-AZ database can fail over to another subnet: the backend and the backup pods may reach each listed one. */
    @Test
    void productionReachesEverySubnetOfTheDatabase() {
        var run = run("production");
        var backend = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "verto-backend").inputs();
        // The stand-ins of src/test/resources/stacks/test-values.json: three subnets, one per zone.
        assertEquals(List.of(Map.of("ipBlock", Map.of("cidr", "10.30.1.0/24")), Map.of("ipBlock", Map.of("cidr", "10.30.11.0/24")),
                Map.of("ipBlock", Map.of("cidr", "10.30.21.0/24"))), at(backend, "spec.egress[1].to"));
        assertEquals(3306L, at(backend, "spec.egress[1].ports[0].port"));
        var backup = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "backup").inputs();
        assertEquals(at(backend, "spec.egress[1]"), at(backup, "spec.egress[1]"));
    }

    /** The cluster's Prometheus selects by labels (kube-prometheus-stack: release); Grafana loads from its own namespace. */
    @Test
    void monitoringObjectsCarryTheSelectedLabelsAndTheDashboardGoesToGrafana() {
        var raw = StackFiles.with(StackFiles.loadWithSecrets("production"), Map.of("verto:monitoring", "{\"labels\":\"release=kps\"}"));
        var run = ProgramRun.verto(raw);
        run.result().throwOnError();
        var monitors = run.ofType("kubernetes:monitoring.coreos.com/v1:ServiceMonitor");
        assertEquals(List.of("mysqld-exporter", "verto-backend", "verto-frontend"), monitors.stream().map(m -> m.name()).sorted().toList());
        for (var o : run.registered().stream().filter(r -> r.type().contains("monitoring.coreos.com")).toList()) {
            var labels = (Map<?, ?>) at(o.inputs(), "metadata.labels");
            assertEquals("kps", labels.get("release"), o.name());
            assertEquals("verto", labels.get("app.kubernetes.io/part-of"), o.name());
        }
        var dashboard = run.ofType("kubernetes:core/v1:ConfigMap").stream().filter(c -> c.name().equals("verto")).findFirst().orElseThrow().inputs();
        assertEquals("monitoring", at(dashboard, "metadata.namespace"), "Grafana's namespace, where its sidecar looks");
        assertEquals("verto-production-dashboard", at(dashboard, "metadata.name"));
        assertEquals("1", ((Map<?, ?>) at(dashboard, "metadata.labels")).get("grafana_dashboard"));
        // Without the setting, only the program's own labels: a default kube-prometheus-stack selects none of them.
        var plain = run("production").ofType("kubernetes:monitoring.coreos.com/v1:PrometheusRule").get(0);
        assertEquals(Map.of("app.kubernetes.io/part-of", "verto", "app.kubernetes.io/managed-by", "pulumi"), at(plain.inputs(), "metadata.labels"));
        var rules = String.valueOf(at(plain.inputs(), "spec"));
        assertTrue(rules.contains("mysql_global_variables_max_connections") && rules.contains("> 80"), "connections as a percent of max_connections");
    }

    @Test
    void productionCloudFrontWaitsForTheLogBucketAcls() {
        var distribution = run("production").one("aws:cloudfront/distribution:Distribution", "cdn");
        assertTrue(distribution.dependencies().stream().anyMatch(urn -> urn.endsWith("aws:s3/bucketOwnershipControls:BucketOwnershipControls::logs")),
                distribution.dependencies().toString());
    }

    @Test
    void productionAutoscalesThreeToTenAndSpreadsAcrossZones() {
        var run = run("production");
        var hpas = run.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").stream()
                .filter(h -> !"mysqld-exporter".equals(at(h.inputs(), "spec.scaleTargetRef.name"))).toList();
        assertEquals(2, hpas.size());
        for (var hpa : hpas) {
            assertEquals(3L, at(hpa.inputs(), "spec.minReplicas"));
            assertEquals(10L, at(hpa.inputs(), "spec.maxReplicas"));
            assertEquals(70L, at(hpa.inputs(), "spec.metrics[0].resource.target.averageUtilization"));
            assertEquals(80L, at(hpa.inputs(), "spec.metrics[1].resource.target.averageUtilization"));
        }
        assertEquals("topology.kubernetes.io/zone",
                at(deployment(run, "verto-backend"), "spec.template.spec.topologySpreadConstraints[0].topologyKey"));
        // Quota holds both services at 10 replicas plus one surge pod, the backup and restore-check pods, and the exporter
        // at its HPA's 3 plus a surge pod, plus 25 % headroom: 11 x (250m + 500m) + 2 x 100m + 4 x 50m = 8.65 CPU and
        // 11 x (512Mi + 1Gi) + 2 x 256Mi + 4 x 64Mi = 17.25Gi requested, times 1.25, rounded up; limits
        // 11 x (500m + 1) + 2 x 1 + 4 x 100m = 18.9 CPU and 11 x 3Gi + 2 x 1Gi + 4 x 128Mi = 35.5Gi, times 1.25.
        var quota = run.one("kubernetes:core/v1:ResourceQuota", "verto-quota").inputs();
        assertEquals("11", ((Map<?, ?>) at(quota, "spec.hard")).get("requests.cpu"));
        assertEquals("22Gi", ((Map<?, ?>) at(quota, "spec.hard")).get("requests.memory"));
        assertEquals("24", ((Map<?, ?>) at(quota, "spec.hard")).get("limits.cpu"));
        assertEquals("45Gi", ((Map<?, ?>) at(quota, "spec.hard")).get("limits.memory"));
        // The design's LimitRange maximum: every design-sized container fits it.
        assertEquals(Map.of("cpu", "2", "memory", "4Gi"), at(run.one("kubernetes:core/v1:LimitRange", "verto-limits").inputs(), "spec.limits[0].max"));
        assertEquals("--max-old-space-size=1536", at(deployment(run, "verto-backend"), "spec.template.spec.containers[0].env[0].value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"development", "testing", "staging"})
    void otherStacksRunFixedReplicasInOneZoneAtTheDesignQuota(String stack) {
        var run = run(stack);
        assertTrue(run.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").isEmpty());
        assertNull(at(deployment(run, "verto-frontend"), "spec.template.spec.topologySpreadConstraints"));
        assertEquals(stack.equals("development") ? 2 : 3, run.ofType("kubernetes:policy/v1:PodDisruptionBudget").size(), "the services' and the exporter's");
    }

    @Test
    void developmentRendersToADirectoryAndOtherStacksTargetTheirCluster() {
        var dev = run("development").one("pulumi:providers:kubernetes", "kubernetes").inputs();
        assertEquals("rendered/development", dev.get("renderYamlToDirectory"));
        assertNull(dev.get("context"));
        var prod = run("production").one("pulumi:providers:kubernetes", "kubernetes").inputs();
        assertEquals("verto-production", prod.get("context"));
        assertNull(prod.get("renderYamlToDirectory"));
        // How the real-engine tests preview a cluster stack without a cluster: the directory wins.
        var rendered = ProgramRun.verto(StackFiles.with(StackFiles.loadWithSecrets("production"),
                Map.of("verto:renderDirectory", "out/production", "verto:testOnly", "engine test"))).one("pulumi:providers:kubernetes", "kubernetes").inputs();
        assertEquals("out/production", rendered.get("renderYamlToDirectory"));
        assertNull(rendered.get("context"));
    }

    @Test
    void skipAwaitIsOffByDefaultAndMarksEveryAwaitedObjectWhenOn() {
        List<String> awaited = List.of("kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service", "kubernetes:networking.k8s.io/v1:Ingress");
        for (var r : run("staging").registered()) {
            Object annotations = at(r.inputs(), "metadata.annotations");
            assertTrue(annotations == null || !((Map<?, ?>) annotations).containsKey("pulumi.com/skipAwait"), r.type() + " " + r.name());
        }
        var run = ProgramRun.verto(StackFiles.with(StackFiles.loadWithSecrets("staging"), Map.of("verto:skipAwait", "true", "verto:testOnly", "apply test")));
        run.result().throwOnError();
        int marked = 0;
        for (var r : run.registered()) {
            if (awaited.contains(r.type())) {
                assertEquals("true", ((Map<?, ?>) at(r.inputs(), "metadata.annotations")).get("pulumi.com/skipAwait"), r.type() + " " + r.name());
                marked++;
            }
        }
        assertEquals(7, marked, "three Deployments (the exporter's too), three Services, one Ingress");
    }

    @Test
    void servicesAreWiredAsTheDesignSays() {
        var run = run("staging");
        @SuppressWarnings("unchecked")
        var backendEnv = (List<Map<String, Object>>) at(deployment(run, "verto-backend"), "spec.template.spec.containers[0].env");
        var bySource = backendEnv.stream().collect(java.util.stream.Collectors.toMap(e -> (String) e.get("name"), e -> e));
        for (String secret : List.of("DATABASE_PASSWORD", "JWT_SECRET", "REDIS_PASSWORD", "ENCRYPTION_KEY")) {
            assertEquals("verto-secret", at(bySource.get(secret), "valueFrom.secretKeyRef.name"), secret);
        }
        for (String plain : List.of("NODE_ENV", "DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "REDIS_HOST", "REDIS_PORT")) {
            assertEquals("verto-config", at(bySource.get(plain), "valueFrom.configMapKeyRef.name"), plain);
        }
        assertEquals("performance-config", at(deployment(run, "verto-backend"), "spec.template.spec.containers[0].envFrom[0].configMapRef.name"));
        assertEquals(3001L, at(deployment(run, "verto-backend"), "spec.template.spec.containers[0].ports[0].containerPort"));
        assertEquals(3000L, at(deployment(run, "verto-frontend"), "spec.template.spec.containers[0].ports[0].containerPort"));
        assertEquals("/ready", at(deployment(run, "verto-frontend"), "spec.template.spec.containers[0].readinessProbe.httpGet.path"));
        assertEquals("/health", at(deployment(run, "verto-backend"), "spec.template.spec.containers[0].readinessProbe.httpGet.path"));
        assertEquals(3001L, at(deployment(run, "verto-backend"), "spec.template.spec.containers[0].livenessProbe.tcpSocket.port"));
        assertEquals("/health", at(deployment(run, "verto-frontend"), "spec.template.spec.containers[0].livenessProbe.httpGet.path"));

        var ingress = run.one("kubernetes:networking.k8s.io/v1:Ingress", "verto").inputs();
        assertEquals("/api", at(ingress, "spec.rules[0].http.paths[0].path"));
        assertEquals("verto-backend-service", at(ingress, "spec.rules[0].http.paths[0].backend.service.name"));
        assertEquals("verto-frontend-service", at(ingress, "spec.rules[0].http.paths[1].backend.service.name"));

        var backendPolicy = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "verto-backend").inputs();
        @SuppressWarnings("unchecked")
        var egressPorts = ((List<Map<String, Object>>) at(backendPolicy, "spec.egress")).stream()
                .flatMap(rule -> ((List<Map<String, Object>>) rule.get("ports")).stream())
                .map(p -> p.get("port")).toList();
        assertEquals(List.of(53L, 53L, 3306L, 6379L, 443L), egressPorts);
        assertEquals("10.20.1.0/24", at(backendPolicy, "spec.egress[1].to[0].ipBlock.cidr"));
        assertEquals("10.20.2.0/24", at(backendPolicy, "spec.egress[2].to[0].ipBlock.cidr"));
        assertEquals(Map.of("app.kubernetes.io/name", "verto-frontend", "app.kubernetes.io/part-of", "verto"),
                at(backendPolicy, "spec.ingress[0].from[0].podSelector.matchLabels"));
        var frontendPolicy = run.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "verto-frontend").inputs();
        assertEquals(3000L, at(frontendPolicy, "spec.ingress[0].ports[0].port"));
        assertEquals(3001L, at(frontendPolicy, "spec.egress[1].ports[0].port"));
    }

    @Test
    void everyKubernetesObjectBelongsToAComponent() {
        for (String stack : StackFiles.STACKS) {
            for (var r : run(stack).registered()) {
                if (r.type().startsWith("kubernetes:")) {
                    assertTrue(r.parentUrn().contains("$verto:kubernetes:") || r.parentUrn().contains("$verto:monitoring:")
                            || r.parentUrn().contains("$verto:backup:"), r.type() + " " + r.name() + " has parent " + r.parentUrn());
                }
            }
        }
    }

    /** Development has no cloud; cluster stacks back up to S3; production alone has CloudFront (design 8.1, 10.3). */
    @Test
    void awsOnlyWhereTheStackUsesIt() {
        for (String stack : StackFiles.STACKS) {
            var run = run(stack);
            var aws = run.registered().stream().filter(r -> r.type().startsWith("aws:") || r.type().equals("pulumi:providers:aws")).toList();
            if (stack.equals("development")) {
                assertEquals(List.of(), aws.stream().map(r -> r.type()).toList());
                assertTrue(run.ofType("kubernetes:batch/v1:CronJob").isEmpty());
                continue;
            }
            assertEquals(2, run.ofType("kubernetes:batch/v1:CronJob").size(), stack + ": the backup and the restore check");
            assertEquals("0 2 * * *", at(run.one("kubernetes:batch/v1:CronJob", "backup").inputs(), "spec.schedule"), stack);
            assertEquals("0 5 * * 0", at(run.one("kubernetes:batch/v1:CronJob", "restore-check").inputs(), "spec.schedule"), stack);
            // Every backup is a version of one key: the newest 7 stay whatever their age (no current expiration at all),
            // a replaced one 7 days plus a week (the restore check's period); each is locked 7 days.
            assertEquals("Asia/Shanghai", at(run.one("kubernetes:batch/v1:CronJob", "backup").inputs(), "spec.timeZone"),
                    stack + ": the design's 02:00 in its operators' zone (UTC+8), not the cluster's UTC");
            var lifecycle = run.one("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "backups").inputs();
            assertNull(at(lifecycle, "rules[0].expiration"), stack);
            assertEquals(6L, at(lifecycle, "rules[0].noncurrentVersionExpiration.newerNoncurrentVersions"), stack);
            assertEquals(14L, at(lifecycle, "rules[0].noncurrentVersionExpiration.noncurrentDays"), stack);
            var lock = run.one("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "backups").inputs();
            assertEquals(stack.equals("production") ? "COMPLIANCE" : "GOVERNANCE", at(lock, "rule.defaultRetention.mode"), stack);
            assertEquals(7L, at(lock, "rule.defaultRetention.days"), stack);
            // No long-lived key in any committed stack: EKS Pod Identity for both identities.
            assertTrue(run.ofType("aws:iam/accessKey:AccessKey").isEmpty(), stack);
            assertEquals(2, run.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").size(), stack);
            assertTrue(run.ofType("kubernetes:batch/v1:Job").isEmpty(), stack + ": no restore unless the stack names a backup");
            assertEquals(stack.equals("production") ? 1 : 0, run.ofType("aws:cloudfront/distribution:Distribution").size(), stack);
        }
        var production = run("production").one("aws:cloudfront/distribution:Distribution", "cdn").inputs();
        assertEquals(List.of("verto.com", "www.verto.com"), production.get("aliases"));
        assertEquals(StackFiles.testValue("production", "cdn.certificateArn"), at(production, "viewerCertificate.acmCertificateArn"));
    }

    @Test
    void onlyProductionProtectsItsNamespace() {
        for (String stack : StackFiles.STACKS) {
            var run = run(stack);
            assertEquals(stack.equals("production"), run.one("kubernetes:core/v1:Namespace", "verto").protect(), stack);
            // Besides the namespace, production protects and retains on delete only its backup bucket, with every safeguard
            // of it (versioning, public access block, policy, lifecycle, lock, ...): destroying the stack keeps them all.
            var kept = run.registered().stream().filter(r -> r.protect() && !r.type().equals("kubernetes:core/v1:Namespace")).toList();
            assertEquals(stack.equals("production") ? List.of("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
                    "aws:s3/bucketLoggingV2:BucketLoggingV2", "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
                    "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws:s3/bucketPolicy:BucketPolicy",
                    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                    "aws:s3/bucketV2:BucketV2", "aws:s3/bucketVersioningV2:BucketVersioningV2") : List.of(),
                    kept.stream().map(r -> r.type()).sorted().toList(), stack);
            kept.forEach(r -> assertTrue(r.retainOnDelete() && r.name().equals("backups"), r.type() + " " + r.name()));
        }
    }

    @Test
    void noSecretValueIsSentInPlainText() {
        for (String stack : StackFiles.STACKS) {
            var run = run(stack);
            int secretsFound = 0;
            for (var r : run.registered()) {
                secretsFound += assertNoPlainSecret(r.inputs(), r.type() + " " + r.name());
            }
            // The application's Secret, and on cluster stacks the backup's access-key Secret (from the AccessKey's secret outputs)
            // and the exporter's DSN.
            assertEquals(stack.equals("development") ? 1 : 3, secretsFound, stack + ": exactly the Secrets' stringData are secret values");
        }
    }

    /** Walks wire-form inputs; returns how many secret-wrapped subtrees it saw. */
    private static int assertNoPlainSecret(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            if (CapturingMonitor.SECRET_SIG.equals(map.get(CapturingMonitor.SIG_KEY))) {
                return 1;
            }
            return map.values().stream().mapToInt(v -> assertNoPlainSecret(v, where)).sum();
        }
        if (value instanceof List<?> list) {
            return list.stream().mapToInt(v -> assertNoPlainSecret(v, where)).sum();
        }
        if (value instanceof String s) {
            // The mocked AWS secret access key starts with S3CRET- too (EchoMocks).
            assertFalse(s.contains("S3CRET-"), where + " carries a secret in plain text: " + s);
        }
        return 0;
    }

    @Test
    void badConfigRegistersNothing() {
        var raw = StackFiles.with(StackFiles.loadWithSecrets("production"),
                Map.of("verto:replicas", "0", "verto:resources", "{\"cpu\":\"2Gb\",\"memory\":\"8Gi\"}"));
        var run = ProgramRun.verto(raw);
        var failure = run.result().exceptions().stream().findFirst().orElseThrow(() -> new AssertionError("the run should fail"));
        var config = assertInstanceOf(StackConfigException.class, rootCause(failure));
        assertEquals(2, config.problems().size(), config.getMessage());
        assertTrue(run.registered().stream().noneMatch(r -> !r.type().equals("pulumi:pulumi:Stack")),
                "nothing but the stack itself may be registered: " + run.registered());
    }

    @Test
    void aPlaintextSecretInAStackFileFailsTheWholeProgram() throws java.io.IOException {
        String yaml = java.nio.file.Files.readString(StackFiles.repoRoot().resolve("Pulumi.production.yaml"))
                + "  verto:jwtSecret: hunter2-in-the-file\n";
        var raw = StackFiles.withSecrets(StackFiles.withTestValues(StackFiles.parse("production", yaml)));
        assertFalse(raw.secretKeys().contains("verto:jwtSecret"), "only secure: values are secret");
        var run = ProgramRun.verto(raw);
        var config = assertInstanceOf(StackConfigException.class, rootCause(run.result().exceptions().get(0)));
        assertEquals(List.of("verto:jwtSecret"), config.problems().stream().map(p -> p.key()).toList());
        assertTrue(config.getMessage().contains("is stored in plain text in the stack file"), config.getMessage());
        assertFalse(config.getMessage().contains("hunter2"), "the value is never echoed");
    }

    @Test
    void aStackFileWithoutSecretsFailsWithTheCommandsToSetThem() {
        var run = ProgramRun.verto(StackFiles.load("production"));
        var config = assertInstanceOf(StackConfigException.class, rootCause(run.result().exceptions().get(0)));
        assertTrue(config.getMessage().contains("pulumi config set --secret verto:databasePassword --stack production"), config.getMessage());
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
