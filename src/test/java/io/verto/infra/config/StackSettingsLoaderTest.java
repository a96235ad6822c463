package io.verto.infra.config;

import io.verto.infra.platform.VertoApplication;
import io.verto.infra.testing.StackFiles;
import io.verto.infra.testing.SuggestedFix;
import io.verto.infra.types.Cpu;
import io.verto.infra.types.HorizontalScaling;
import io.verto.infra.types.Memory;
import io.verto.infra.types.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackSettingsLoaderTest {
    /** Loads a stack's settings for Verto's services. */
    static StackSettings load(RawStackConfig raw) {
        return StackSettingsLoader.load(raw, VertoApplication.catalogue().sizes());
    }

    private static RawStackConfig production(Map<String, String> changes) {
        return StackFiles.with(StackFiles.loadWithSecrets("production"), changes);
    }

    private static StackConfigException failure(RawStackConfig raw) {
        return assertThrows(StackConfigException.class, () -> load(raw));
    }

    private static void assertProblem(StackConfigException e, String key, String problemPart, String fixPart) {
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(key) && p.problem().contains(problemPart) && p.fix().contains(fixPart)),
                "expected a problem on " + key + " containing '" + problemPart + "' with fix '" + fixPart + "' in:\n" + e.getMessage());
        assertTrue(e.getMessage().contains("stack 'production'"), e.getMessage());
    }

    @Test
    void dataStoreRangesAreListsAndTheOldSingleValueStillLoads() {
        StackSettings production = load(StackFiles.loadWithSecrets("production"));
        assertEquals(List.of("10.30.1.0/24", "10.30.3.0/24"), production.application().database().endpoint().cidrs(), "a YAML list");
        assertEquals(List.of("10.30.2.0/24"), production.application().redis().cidrs(), "the old single value");
        var commaSeparated = load(production(Map.of("verto:redis", "{\"host\":\"redis-prod.internal\",\"cidr\":\"10.30.2.0/24, 10.30.4.0/24\"}")));
        assertEquals(List.of("10.30.2.0/24", "10.30.4.0/24"), commaSeparated.application().redis().cidrs());
    }

    @Test
    void productionStackFileLoads() {
        StackSettings s = load(StackFiles.loadWithSecrets("production"));
        assertEquals(Environment.PRODUCTION, s.environment());
        assertEquals(5, s.workloads().scaling().replicas());
        assertEquals(HorizontalScaling.between(3, 10), s.workloads().scaling().autoscaling().orElseThrow());
        assertEquals(new WorkloadSettings.Budget(Cpu.cores(4), Memory.gibibytes(8)), s.workloads().budget());
        assertEquals(new Resources(Cpu.millis(250), Memory.mebibytes(512), Cpu.millis(500), Memory.gibibytes(1)),
                s.workloads().containers().get("frontend"), "design 5.4");
        assertEquals(new Resources(Cpu.millis(500), Memory.gibibytes(1), Cpu.cores(1), Memory.gibibytes(2)),
                s.workloads().containers().get("backend"), "design 5.5");
        assertEquals("https://verto.com", s.application().corsOrigin());
        assertTrue(s.kubernetes().spreadAcrossZones());
        assertEquals("[secret verto:jwtSecret]", s.application().secrets().jwtSecret().toString());
    }

    /** Each bad value: key, value, the key the problem is reported on, a part of the problem, a part of the fix. */
    static Stream<Arguments> badValues() {
        return Stream.of(ROWS).map(row -> Arguments.of((Object[]) row.split("\\|")));
    }

    private static final String[] ROWS = {
            "verto:replicas|0|verto:replicas|must be at least 1|pulumi config set verto:replicas",
            "verto:replicas|two|verto:replicas|'two' is not a whole number|pulumi config set verto:replicas",
            "verto:resources|{\"cpu\":\"2Gb\",\"memory\":\"8Gi\"}|verto:resources.cpu|'2Gb' is not a Kubernetes CPU quantity|pulumi config set --path verto:resources.cpu",
            "verto:resources|{\"cpu\":\"4\",\"memory\":\"-1\"}|verto:resources.memory|'-1' is not a Kubernetes memory quantity|--path verto:resources.memory",
            "verto:containers|{\"backend\":{\"cpu\":\"1\",\"cpuRequest\":\"2\"}}|verto:containers.backend.cpuRequest|the request 2 is above the limit 1|--path verto:containers.backend.cpuRequest 1",
            "verto:containers|{\"frontend\":{\"memoryRequest\":\"3Gi\"}}|verto:containers.frontend.memoryRequest|above the limit 1Gi|verto:containers.frontend.memoryRequest",
            "verto:containers|{\"frontend\":{\"cpu\":\"0\"}}|verto:containers.frontend.cpu|a zero limit would stop the container|--path verto:containers.frontend.cpu",
            "verto:containers|{\"fronted\":{\"cpu\":\"1\"}}|verto:containers.fronted|is not a known field (did you mean 'frontend'?)|pulumi config rm --path verto:containers.fronted",
            "verto:containers|{\"backend\":{\"cpus\":\"1\"}}|verto:containers.backend.cpus|is not a known field (did you mean 'cpu'?)|pulumi config rm --path verto:containers.backend.cpus",
            "verto:quotaHeadroom|0|verto:quotaHeadroom|a percentage must be 1..100|verto:quotaHeadroom 25",
            "verto:database|{\"host\":\"mysql-prod.internal\",\"name\":\"verto_prod\"}|verto:database.cidr|is required outside development|--path verto:database.cidr 10.0.0.0/16",
            "verto:database|{\"host\":\"mysql-prod.internal\",\"name\":\"verto_prod\",\"cidr\":\"10.30.1.0/24,10.30.3.0\"}|verto:database.cidr|'10.30.3.0' is not an IPv4 CIDR|--path verto:database.cidr 10.0.0.0/16",
            "verto:acmeChallenge|tls-alpn|verto:acmeChallenge|is not one of [dns01, http01]|verto:acmeChallenge dns01",
            "verto:acmeChallenge|http01|verto:acmeChallenge|HTTP-01 request goes through CloudFront|verto:acmeChallenge dns01 --stack production",
            "verto:registryUsername|deployer|verto:registryPassword|is needed with registryUsername|pulumi config set --secret verto:registryPassword",
            "verto:imagePullSecret|Bad_Name|verto:imagePullSecret|is not a Secret name|verto:imagePullSecret registry-secret",
            "verto:autoscaling|{\"minReplicas\":8,\"maxReplicas\":4}|verto:autoscaling.minReplicas|minReplicas 8 is above maxReplicas 4|--path verto:autoscaling.minReplicas",
            "verto:autoscaling|{\"minReplicas\":1,\"maxReplicas\":3}|verto:replicas|outside the autoscaling range 1..3|verto:replicas 3",
            "verto:domain|https://verto.com/|verto:domain|is a URL; the domain is its host name alone|pulumi config set verto:domain verto.com --stack production",
            "verto:domain|HTTPS://Verto.com:443/app|verto:domain|is a URL|pulumi config set verto:domain verto.com --stack production",
            "verto:replicas|0|verto:replicas|must be at least 1|pulumi config set verto:replicas 3 --stack production",
            "verto:database|mysql-prod.internal|verto:database|must be an object|pulumi config rm verto:database --stack production && pulumi config set --path verto:database.host",
            "verto:domain|Verto_COM|verto:domain|is not a host name|verto:domain",
            "verto:namespace|Verto Production|verto:namespace|is not a Kubernetes namespace name|verto:namespace",
            "verto:imageTag|latest|verto:imageTag|the tag 'latest' is not pinned|verto:imageTag",
            "verto:logLevel|loud|verto:logLevel|is not one of|verto:logLevel",
            "verto:database|{\"host\":\"mysql-prod.internal\",\"name\":\"verto prod\"}|verto:database.name|is not a MySQL schema name|--path verto:database.name",
            "verto:database|{\"host\":\"mysql-prod.internal\",\"name\":\"verto_prod\",\"port\":99999}|verto:database.port|outside 1..65535|verto:database.port",
            "verto:redis|{\"hots\":\"redis\"}|verto:redis.hots|is not a known field (did you mean 'host'?)|pulumi config rm --path verto:redis.hots",
            "verto:replicsa|3|verto:replicsa|is not a known setting (did you mean 'replicas'?)|pulumi config rm verto:replicsa",
            "verto:environment|prod|verto:environment|'prod' is not an environment|verto:environment",
            "verto:backup|{\"schedule\":\"0 25 * * *\"}|verto:backup.schedule|the hour '25' is outside 0..23|pulumi config set --path verto:backup.schedule \"0 2 * * *\" --stack production",
            "verto:backup|{\"schedule\":\"@nightly\"}|verto:backup.schedule|needs 5 fields|--path verto:backup.schedule \"0 2 * * *\"",
            "verto:backup|{\"timeZone\":\"UTC+8\"}|verto:backup.timeZone|is not an IANA time zone name|--path verto:backup.timeZone Asia/Shanghai",
            "verto:backup|{\"timeZone\":\"Beijing\"}|verto:backup.timeZone|is not an IANA time zone name|--path verto:backup.timeZone Asia/Shanghai",
            "verto:backup|{\"retentionDays\":0}|verto:backup.retentionDays|a retention must be at least 1 day|--path verto:backup.retentionDays 7",
            "verto:backup|{\"bucket\":\"existing\"}|verto:backup.bucketName|backup.bucket is `existing` but names no bucket|--path verto:backup.bucketName verto-production-backups",
            "verto:backup|{\"bucket\":\"borrow\"}|verto:backup.bucket|is not one of [create, existing]|--path verto:backup.bucket create",
            "verto:backup|{\"restoreKey\":\"mysql/verto_prod-20260101T020000Z.sql.gz\"}|verto:backup.restoreDatabase|is required with backup.restoreKey|--path verto:backup.restoreDatabase verto_restored",
            "verto:backup|{\"restoreKey\":\"verto.sql\"}|verto:backup.restoreKey|is not a backup key|--path verto:backup.restoreKey",
            "verto:backup|{\"roleArn\":\"arn:aws:iam::123456789012:role/r\",\"oidcProvider\":\"arn:aws:iam::123456789012:oidc-provider/oidc.example/id/X\"}|verto:backup.roleArn|names an existing role|pulumi config rm --path verto:backup.oidcProvider",
            "verto:backup|{\"roleArn\":\"role/backup\"}|verto:backup.roleArn|is not an IAM role ARN|--path verto:backup.roleArn arn:aws:iam::",
            "verto:awsRegion|Frankfurt|verto:awsRegion|is not an AWS region|verto:awsRegion eu-central-1",
            "verto:cdn|{\"originDomain\":\"origin.verto.com\"}|verto:cdn.certificateArn|is required with the CDN|--path verto:cdn.certificateArn arn:aws:acm:us-east-1:123456789012:certificate/replace-me",
            "verto:cdn|{\"originDomain\":\"origin.verto.com\",\"certificateArn\":\"arn:aws:acm:eu-central-1:123456789012:certificate/abc\"}|verto:cdn.certificateArn|CloudFront takes no other region|--path verto:cdn.certificateArn arn:aws:acm:us-east-1:",
            "verto:cdn|{\"certificateArn\":\"arn:aws:acm:us-east-1:123456789012:certificate/abc\",\"originDomain\":\"verto.com\"}|verto:cdn.originDomain|CloudFront would forward to itself|--path verto:cdn.originDomain origin.verto.com",
            "verto:cdn|{\"certificateArn\":\"arn:aws:acm:us-east-1:123456789012:certificate/abc\"}|verto:cdn.originDomain|is required with the CDN|--path verto:cdn.originDomain origin.verto.com",
            "verto:cdn|{\"certificateArn\":\"arn:aws:acm:us-east-1:123456789012:certificate/abc\",\"originDomain\":\"origin.verto.com\",\"priceClass\":\"cheap\"}|verto:cdn.priceClass|is not one of|--path verto:cdn.priceClass PriceClass_All",
            "verto:monitoring|{\"vpaMode\":\"Auto\"}|verto:monitoring.vpaMode|they fight|pulumi config set --path verto:monitoring.vpaMode Off --stack production",
            "verto:monitoring|{\"vpaMode\":\"auto\"}|verto:monitoring.vpaMode|is not one of [Auto, Initial, Off, none]|--path verto:monitoring.vpaMode Off",
            "verto:monitoring|{\"scrape\":\"prometheus\"}|verto:monitoring.scrape|is not one of [configMap, none, serviceMonitor]|--path verto:monitoring.scrape serviceMonitor",
            "verto:monitoring|{\"alerts\":{\"cpu\":150}}|verto:monitoring.alerts.cpu|a percentage must be 1..100|--path verto:monitoring.alerts.cpu 80",
            "verto:monitoring|{\"alerts\":{\"latencyP95\":\"fast\"}}|verto:monitoring.alerts.latencyP95|is not a number of seconds|--path verto:monitoring.alerts.latencyP95 1",
            "verto:monitoring|{\"alerts\":{\"mysqlConnections\":0}}|verto:monitoring.alerts.mysqlConnections|a percentage must be 1..100|--path verto:monitoring.alerts.mysqlConnections 80",
            "verto:monitoring|{\"alerts\":{\"mysqlConnections\":160}}|verto:monitoring.alerts.mysqlConnections|a percentage must be 1..100|--path verto:monitoring.alerts.mysqlConnections 80",
            "verto:monitoring|{\"labels\":\"release\"}|verto:monitoring.labels|is not a label name=value|--path verto:monitoring.labels release=kube-prometheus-stack",
            "verto:monitoring|{\"labels\":\"release=kps,app.kubernetes.io/part-of=x\"}|verto:monitoring.labels|one of the program's own labels|--path verto:monitoring.labels release=kube-prometheus-stack",
            "verto:monitoring|{\"labels\":\"re lease=kps\"}|verto:monitoring.labels|not a valid Kubernetes label|--path verto:monitoring.labels",
            "verto:monitoring|{\"dashboardNamespace\":\"Grafana\"}|verto:monitoring.dashboardNamespace|is not a Kubernetes namespace name|--path verto:monitoring.dashboardNamespace monitoring",
            "verto:monitoring|{\"dashboardLabel\":\"grafana_dashboard\"}|verto:monitoring.dashboardLabel|is not a label name=value|--path verto:monitoring.dashboardLabel grafana_dashboard=1",
            "verto:monitoring|{\"mysqlExporter\":\"yes\"}|verto:monitoring.mysqlExporter|is not true or false|--path verto:monitoring.mysqlExporter true",
            "verto:monitoring|{\"mysqlExporterUser\":\"ex porter\"}|verto:monitoring.mysqlExporterUser|is not a MySQL user name|--path verto:monitoring.mysqlExporterUser verto_exporter",
            "verto:mysqlExporterPassword|hunter2|verto:mysqlExporterPassword|plain text|pulumi config set --secret verto:mysqlExporterPassword",
            "verto:monitoring|{\"namespace\":\"Monitoring\"}|verto:monitoring.namespace|is not a Kubernetes namespace name|--path verto:monitoring.namespace monitoring",
    };

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void eachBadValueIsReportedWithItsKeyAndFix(String key, String value, String problemKey, String problem, String fix) {
        assertProblem(failure(production(Map.of(key, value))), problemKey, problem, fix);
    }

    /**
     * Every suggested fix works when followed: applying its commands to the same stack clears the
     * problem on that key, and on production it keeps production what it is.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void eachSuggestedFixWorksWhenFollowed(String key, String value, String problemKey, String problem, String fix) {
        RawStackConfig bad = production(Map.of(key, value));
        assertFixesWork(bad, failure(bad));
    }

    /** Development needs no cloud: backups or a CDN there are config errors, whose fix removes them. */
    @Test
    void developmentRefusesAwsPieces() {
        for (String key : List.of("verto:backup", "verto:cdn")) {
            var dev = StackFiles.with(StackFiles.loadWithSecrets("development"), Map.of(key, "{\"enabled\":true}"));
            var e = failure(dev);
            assertTrue(e.getMessage().contains(key + ".enabled: development needs no cloud")
                    && e.getMessage().contains("pulumi config rm " + key + " --stack development"), e.getMessage());
            assertFixesWork(dev, e);
        }
        assertTrue(load(StackFiles.loadWithSecrets("development")).aws().isEmpty());
        assertTrue(!load(StackFiles.loadWithSecrets("development")).createsAwsResources());
    }

    /** A stack that names an existing bucket and role creates nothing in AWS (the engine-test variant). */
    @Test
    void existingBucketAndRoleCreateNothingInAws() {
        var s = load(production(Map.of("verto:backup",
                "{\"bucket\":\"existing\",\"bucketName\":\"verto-backups\",\"roleArn\":\"arn:aws:iam::123456789012:role/backup\"}",
                "verto:cdn", "{\"enabled\":false}")));
        assertTrue(s.backup().isPresent() && !s.createsAwsResources());
        assertTrue(s.cdn().isEmpty());
    }

    @Test
    void fixesForMissingKeysSecretsAndPlaintextWorkToo() {
        Map<String, String> removed = new HashMap<>();
        for (String key : List.of("verto:namespace", "verto:domain", "verto:replicas", "verto:imageTag", "verto:database", "verto:kubeContext", "verto:awsRegion")) {
            removed.put(key, null);
        }
        assertFixesWork(production(removed), failure(production(removed)));
        assertFixesWork(StackFiles.load("staging"), failure(StackFiles.load("staging")));
        var plaintext = production(Map.of("verto:jwtSecret", "hunter2-plaintext"));
        assertFixesWork(plaintext, failure(plaintext));
        var notAnObject = production(Map.of("verto:database", "mysql-prod.internal"));
        assertFixesWork(notAnObject, failure(notAnObject));
        var swapped = production(Map.of("verto:autoscaling", "{\"minReplicas\":8,\"maxReplicas\":4}", "verto:replicas", "5"));
        assertFixesWork(swapped, failure(swapped));
        var renamed = new RawStackConfig("production-eu", production(Map.of()).values(), production(Map.of()).secretKeys());
        var environment = failure(renamed);
        assertTrue(environment.getMessage().contains("verto:environment production --stack production-eu"), environment.getMessage());
    }

    private static void assertFixesWork(RawStackConfig bad, StackConfigException e) {
        for (ConfigProblem p : e.problems()) {
            RawStackConfig fixed = SuggestedFix.apply(bad, p.fix());
            try {
                StackSettings settings = load(fixed);
                if (bad.stack().equals("production")) {
                    assertEquals(Environment.PRODUCTION, settings.environment());
                    assertTrue(settings.workloads().scaling().autoscaling().isPresent() && settings.kubernetes().spreadAcrossZones(),
                            "the fix for " + p.key() + " weakened production: " + p.fix());
                }
            } catch (StackConfigException next) {
                assertTrue(next.problems().stream().noneMatch(q -> q.key().equals(p.key())),
                        "following the fix for " + p.key() + " (" + p.fix() + ") still fails on it:\n" + next.getMessage());
            }
        }
    }

    @Test
    void missingRequiredKeysAreEachReported() {
        Map<String, String> removed = new HashMap<>();
        for (String key : List.of("verto:namespace", "verto:domain", "verto:replicas", "verto:imageTag", "verto:resources", "verto:database", "verto:kubeContext")) {
            removed.put(key, null);
        }
        var e = failure(production(removed));
        for (String key : List.of("verto:namespace", "verto:domain", "verto:replicas", "verto:imageTag",
                "verto:resources.cpu", "verto:resources.memory", "verto:database.host", "verto:database.name", "verto:kubeContext")) {
            assertProblem(e, key, "required", key.contains(".") ? "--path " + key : key);
        }
    }

    @Test
    void theExporterNeedsItsPasswordUnlessItIsLeftOut() {
        var noPassword = production(Map.of("verto:mysqlExporterPassword", ""));
        var e = failure(noPassword);
        assertProblem(e, "verto:mysqlExporterPassword", "logs in to MySQL as verto_exporter", "pulumi config set --secret verto:mysqlExporterPassword");
        assertFixesWork(noPassword, e);
        var off = load(production(Map.of("verto:mysqlExporterPassword", "", "verto:monitoring", "{\"mysqlExporter\":false}")));
        assertTrue(off.monitoring().mysqlExporter().isEmpty());
        assertTrue(load(StackFiles.loadWithSecrets("development")).monitoring().mysqlExporter().isEmpty(), "off in development by default");
        var labelled = load(production(Map.of("verto:monitoring", "{\"labels\":\"release=kps, team=web\",\"dashboardNamespace\":\"grafana\"}")));
        assertEquals(Map.of("release", "kps", "team", "web"), labelled.monitoring().labels());
        assertEquals("grafana", labelled.monitoring().dashboard().namespace());
        assertEquals("monitoring", load(StackFiles.loadWithSecrets("production")).monitoring().dashboard().namespace(), "Grafana's by default");
    }

    @Test
    void plaintextSecretsAreRefusedWithoutEchoingThem() {
        var e = failure(production(Map.of("verto:jwtSecret", "hunter2-plaintext")));
        assertProblem(e, "verto:jwtSecret", "plain text", "pulumi config set --secret verto:jwtSecret");
        assertFalse(e.getMessage().contains("hunter2-plaintext"), "the message must not print the secret");
    }

    @Test
    void missingSecretsAreReportedAllAtOnce() {
        var e = failure(StackFiles.load("staging"));
        assertEquals(Set.of("verto:databasePassword", "verto:jwtSecret", "verto:redisPassword", "verto:encryptionKey",
                        "verto:mysqlExporterPassword"),
                Set.copyOf(e.problems().stream().map(ConfigProblem::key).toList()));
        assertTrue(e.getMessage().startsWith("stack 'staging' has 5 configuration problems"), e.getMessage());
        assertTrue(e.getMessage().contains("pulumi config set --secret verto:jwtSecret <value> --stack staging"), e.getMessage());
    }

    @Test
    void severalProblemsComeTogether() {
        var e = failure(production(Map.of("verto:replicas", "0", "verto:domain", "bad domain", "verto:imageTag", "latest")));
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void environmentDefaultsToTheStackName() {
        var raw = StackFiles.with(StackFiles.loadWithSecrets("testing"), Map.of());
        assertEquals(Environment.TESTING, load(raw).environment());
        var renamed = new RawStackConfig("pr-42", raw.values(), raw.secretKeys());
        var e = assertThrows(StackConfigException.class, () -> load(renamed));
        assertTrue(e.getMessage().contains("the stack name 'pr-42' is not one of"), e.getMessage());
        var explicit = StackFiles.with(renamed, Map.of("verto:environment", "testing"));
        assertEquals(Environment.TESTING, load(explicit).environment());
    }

    @Test
    void engineEnvironmentIsParsedWithObjectsAndSecretKeys() {
        var raw = RawStackConfig.fromEngineEnvironment("dev", Map.of(
                "PULUMI_CONFIG", "{\"verto:replicas\":\"2\",\"verto:database\":\"{\\\"host\\\":\\\"db\\\"}\",\"verto:jwtSecret\":\"x\"}",
                "PULUMI_CONFIG_SECRET_KEYS", "[\"verto:jwtSecret\"]"));
        assertEquals("2", raw.values().get("verto:replicas"));
        assertEquals("{\"host\":\"db\"}", raw.values().get("verto:database"));
        assertEquals(Set.of("verto:jwtSecret"), raw.secretKeys());
        var empty = RawStackConfig.fromEngineEnvironment("dev", Map.of());
        assertTrue(empty.values().isEmpty());
    }
}
