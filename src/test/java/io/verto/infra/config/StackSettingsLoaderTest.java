package io.verto.infra.config;

import io.verto.infra.platform.VertoApplication;
import io.verto.infra.testing.FixLookup;
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
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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
        assertTrue(e.problems().stream().anyMatch(p -> p.key().equals(key) && p.problem().contains(problemPart) && p.fix().text().contains(fixPart)),
                "expected a problem on " + key + " containing '" + problemPart + "' with fix '" + fixPart + "' in:\n" + e.getMessage());
        assertTrue(e.getMessage().contains("stack '" + e.stack() + "'"), e.getMessage());
    }

    @Test
    void dataStoreRangesAreListsAndTheOldSingleValueStillLoads() {
        var list = load(production(Map.of("verto:database", "{\"host\":\"mysql-prod.internal\",\"name\":\"verto_prod\",\"cidr\":[\"10.30.1.0/24\",\"10.30.3.0/24\"]}")));
        assertEquals(List.of("10.30.1.0/24", "10.30.3.0/24"), list.application().database().endpoint().cidrs(), "a YAML list");
        var single = load(production(Map.of("verto:redis", "{\"host\":\"redis-prod.internal\",\"cidr\":\"10.30.2.0/24\"}")));
        assertEquals(List.of("10.30.2.0/24"), single.application().redis().cidrs(), "the old single value");
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
        assertEquals(List.of("10.30.1.0/24", "10.30.11.0/24", "10.30.21.0/24"), s.application().database().endpoint().cidrs());
        assertTrue(s.kubernetes().spreadAcrossZones());
        assertEquals("[secret verto:jwtSecret]", s.application().secrets().jwtSecret().toString());
        assertEquals(List.of(), s.notices());
    }

    /** The committed files leave out what only a team knows: each cluster stack is refused until it is set, with lookups. */
    @ParameterizedTest
    @ValueSource(strings = {"testing", "staging", "production"})
    void committedClusterStacksAskForTheTeamsOwnValues(String stack) {
        var e = failure(StackFiles.withSecrets(StackFiles.committed(stack)));
        Set<String> expected = stack.equals("production")
                ? Set.of("verto:database.cidr", "verto:redis.cidr", "verto:awsRegion", "verto:cdn.certificateArn", "verto:cdn.originDomain")
                : Set.of("verto:database.cidr", "verto:redis.cidr", "verto:awsRegion");
        assertEquals(expected, e.problems().stream().map(ConfigProblem::key).collect(Collectors.toSet()), e.getMessage());
        for (ConfigProblem p : e.problems()) {
            assertTrue(p.fix().steps().get(0) instanceof Fix.Find, "a team's own value is looked up, never proposed: " + p.fix().text());
        }
    }

    /** Each bad value: key, value, the key the problem is reported on, a part of the problem, a part of the fix. */
    static Stream<Arguments> badValues() {
        return Stream.of(ROWS).map(row -> Arguments.of((Object[]) row.split("\\|")));
    }

    private static final String ACCOUNT = "731940265803";
    private static final String[] ROWS = {
            "verto:replicas|0|verto:replicas|must be at least 1|pulumi config set verto:replicas 3 --stack production",
            "verto:replicas|two|verto:replicas|'two' is not a whole number|pulumi config set verto:replicas 3",
            "verto:replicas|{\"count\":5}|verto:replicas|is an object where a single value belongs|pulumi config rm verto:replicas --stack production && pulumi config set verto:replicas 5",
            "verto:replicas| 5|verto:replicas|has a stray space|pulumi config set verto:replicas 5 --stack production",
            "verto:resources|{\"cpu\":\"2Gb\",\"memory\":\"8Gi\"}|verto:resources.cpu|'2Gb' is not a Kubernetes CPU quantity|pulumi config set --path verto:resources.cpu 2",
            "verto:resources|{\"cpu\":\"4\",\"memory\":\"-1\"}|verto:resources.memory|'-1' is not a Kubernetes memory quantity|--path verto:resources.memory 4Gi",
            "verto:resources|{\"cpu\":\"4\",\"memory\":\"8192\"}|verto:resources.memory|has no unit|--path verto:resources.memory 8192Mi",
            "verto:resources|{\"cpu\":\"4\",\"memory\":\"8GB\"}|verto:resources.memory|binary units are written|--path verto:resources.memory 8Gi",
            "verto:containers|{\"backend\":{\"cpu\":\"1\",\"cpuRequest\":\"2\"}}|verto:containers.backend.cpuRequest|the request 2 is above the limit 1|--path verto:containers.backend.cpuRequest 1",
            "verto:containers|{\"frontend\":{\"memoryRequest\":\"3Gi\"}}|verto:containers.frontend.memoryRequest|above the limit 1Gi|verto:containers.frontend.memoryRequest 1Gi",
            "verto:containers|{\"frontend\":{\"memory\":\"2048\"}}|verto:containers.frontend.memory|has no unit|--path verto:containers.frontend.memory 2048Mi",
            "verto:containers|{\"frontend\":{\"cpu\":\"0\"}}|verto:containers.frontend.cpu|a zero limit would stop the container|pulumi config rm --path verto:containers.frontend.cpu",
            "verto:containers|{\"fronted\":{\"cpu\":\"1\"}}|verto:containers.fronted|is not a known field (did you mean 'frontend'?)|pulumi config set --path verto:containers.frontend.cpu 1 --stack production && pulumi config rm --path verto:containers.fronted",
            "verto:containers|{\"backend\":{\"cpus\":\"1\"}}|verto:containers.backend.cpus|is not a known field (did you mean 'cpu'?)|set --path verto:containers.backend.cpu 1 --stack production && pulumi config rm --path verto:containers.backend.cpus",
            "verto:quotaHeadroom|-5|verto:quotaHeadroom|a headroom must be 0..400|verto:quotaHeadroom 25",
            "verto:database|{\"host\":\"mysql-prod.internal\",\"name\":\"verto_prod\"}|verto:database.cidr|is required outside development|look up every subnet the MySQL servers can be in",
            "verto:database|{\"host\":\"mysql-prod.internal\",\"name\":\"verto_prod\",\"cidr\":\"10.30.1.300/24\"}|verto:database.cidr|the octet 300 is above 255|look up every subnet",
            "verto:database|{\"host\":\"mysql-prod.internal\",\"name\":\"verto_prod\",\"cidr\":\"10.30.1.5/24\"}|verto:database.cidr|the range it names is 10.30.1.0/24|aws rds describe-db-subnet-groups",
            "verto:database|{\"host\":\"mysql-prod.internal\",\"name\":\"verto_prod\",\"cidr\":\"10.30.1.0/33\"}|verto:database.cidr|the prefix /33 is above /32|look up",
            "verto:acmeChallenge|tls-alpn|verto:acmeChallenge|is not one of [dns01, http01]|verto:acmeChallenge dns01",
            "verto:acmeChallenge|HTTP01|verto:acmeChallenge|asks for HTTP-01, but with the CDN|verto:acmeChallenge dns01",
            "verto:registryUsername|deployer|verto:registryPassword|is needed with registryUsername|pulumi config set --secret verto:registryPassword --stack production",
            "verto:acmeChallenge|http01|verto:acmeChallenge|HTTP-01 fails|pulumi config set verto:acmeChallenge dns01 --stack production",
            "verto:imagePullSecret|Bad_Name|verto:imagePullSecret|is not a Secret name|verto:imagePullSecret registry-secret",
            "verto:autoscaling|{\"minReplicas\":8,\"maxReplicas\":4}|verto:autoscaling.minReplicas|minReplicas 8 is above maxReplicas 4|--path verto:autoscaling.minReplicas 4 --stack production && pulumi config set --path verto:autoscaling.maxReplicas 8",
            "verto:autoscaling|{\"minReplicas\":2,\"maxReplicas\":3}|verto:replicas|outside the autoscaling range 2..3|verto:replicas 3",
            "verto:autoscaling|{\"minReplicas\":1,\"maxReplicas\":6}|verto:autoscaling.minReplicas|production keeps at least 2 pods|--path verto:autoscaling.minReplicas 2",
            "verto:autoscaling|{\"minReplicas\":5,\"maxReplicas\":5}|verto:autoscaling.maxReplicas|production needs room to scale|--path verto:autoscaling.maxReplicas 10",
            "verto:autoscaling|{\"enabled\":false,\"minReplicas\":3,\"maxReplicas\":10}|verto:autoscaling.enabled|production must autoscale|pulumi config rm --path verto:autoscaling.enabled",
            "verto:autoscaling|true|verto:autoscaling|must be an object|pulumi config rm verto:autoscaling --stack production && pulumi config set --path verto:autoscaling.enabled true",
            "verto:domain|https://verto.com/|verto:domain|is a URL; the domain is its host name alone|pulumi config set verto:domain verto.com --stack production",
            "verto:domain|HTTPS://Verto.com:443/app|verto:domain|is a URL|pulumi config set verto:domain verto.com --stack production",
            "verto:domain|Verto.com|verto:domain|has upper-case letters|pulumi config set verto:domain verto.com --stack production",
            "verto:domain|Verto_COM|verto:domain|is not a host name|look up the public host name users open",
            "verto:database|mysql-prod.internal|verto:database|must be an object|pulumi config rm verto:database --stack production && look up the MySQL endpoint's host name",
            "verto:namespace|Verto Production|verto:namespace|is not a Kubernetes namespace name|verto:namespace verto-production",
            "verto:namespace|Verto-Production|verto:namespace|has upper-case letters|verto:namespace verto-production",
            "verto:imageTag|latest|verto:imageTag|the tag 'latest' is not pinned|look up the release to deploy",
            "verto:imageTag|2.1.0-SNAPSHOT|verto:imageTag|is not pinned|look up the release",
            "verto:logLevel|loud|verto:logLevel|is not one of|verto:logLevel info",
            "verto:logLevel|INFO|verto:logLevel|is not one of|verto:logLevel info",
            "verto:database|{\"host\":\"mysql-prod.internal\",\"name\":\"verto prod\"}|verto:database.name|is not a MySQL schema name|look up the application's MySQL schema",
            "verto:database|{\"host\":\"mysql-prod.internal\",\"name\":\"verto_prod\",\"port\":99999}|verto:database.port|outside 1..65535|look up the MySQL endpoint's port",
            "verto:redis|{\"hots\":\"redis-prod.internal\",\"port\":6379}|verto:redis.hots|is not a known field (did you mean 'host'?)|pulumi config set --path verto:redis.host redis-prod.internal --stack production && pulumi config rm --path verto:redis.hots",
            "verto:replicsa|3|verto:replicsa|'replicas' is set too|pulumi config rm verto:replicsa",
            "verto:environment|prod|verto:environment|'prod' is not an environment|pulumi config rm verto:environment --stack production",
            "verto:environment|staging|verto:environment|is named after production but claims staging|pulumi config rm verto:environment --stack production",
            "verto:environment|development|verto:environment|is named after production but claims development|pulumi config rm verto:environment",
            "verto:environmentOverride|why not|verto:environmentOverride|overrides nothing|pulumi config rm verto:environmentOverride",
            "verto:skipAwait|true|verto:skipAwait|not for a production stack|pulumi config rm verto:skipAwait --stack production",
            "verto:renderDirectory|out|verto:renderDirectory|writes every Secret in plain YAML|pulumi config rm verto:renderDirectory --stack production",
            "verto:awsRegion|Frankfurt|verto:awsRegion|is not an AWS region|look up the region of the stack's cluster",
            "verto:awsRegion|eu-central-1 |verto:awsRegion|has a stray space|pulumi config set verto:awsRegion eu-central-1 --stack production",
            "verto:awsRegion|EU-CENTRAL-1|verto:awsRegion|has upper-case letters|pulumi config set verto:awsRegion eu-central-1",
            "verto:backup|{\"schedule\":\"0 25 * * *\"}|verto:backup.schedule|the hour '25' is outside 0..23|pulumi config set --path verto:backup.schedule '0 2 * * *' --stack production",
            "verto:backup|{\"schedule\":\"@nightly\"}|verto:backup.schedule|is not a cron descriptor|--path verto:backup.schedule '0 2 * * *'",
            "verto:backup|{\"schedule\":\"0 2 * * 7\"}|verto:backup.schedule|day of week '7' is outside 0..6|--path verto:backup.schedule",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"timeZone\":\"UTC+8\"}|verto:backup.timeZone|is not an IANA time zone name|--path verto:backup.timeZone",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"timeZone\":\"Beijing\"}|verto:backup.timeZone|is not an IANA time zone name|--path verto:backup.timeZone",
            "verto:backup|{\"retentionDays\":0}|verto:backup.retentionDays|a retention must be at least 1 day|--path verto:backup.retentionDays 7",
            "verto:backup|{\"bucket\":\"existing\"}|verto:backup.bucketName|backup.bucket is `existing` but names no bucket|look up the backup bucket's name",
            "verto:backup|{\"bucket\":\"borrow\"}|verto:backup.bucket|is not one of [create, existing]|--path verto:backup.bucket create",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"restoreVersion\":\"3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\"}|verto:backup.restoreDatabase|is required with backup.restoreVersion|--path verto:backup.restoreDatabase verto_prod_restored",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"restoreVersion\":\"v1\",\"restoreDatabase\":\"verto_prod\"}|verto:backup.restoreDatabase|is the live database|--path verto:backup.restoreDatabase verto_prod_restored",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"restoreDatabase\":\"verto_restored\"}|verto:backup.restoreDatabase|does nothing without backup.restoreVersion|pulumi config rm --path verto:backup.restoreDatabase",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"restoreVersion\":\"latest\",\"restoreDatabase\":\"verto_restored\"}|verto:backup.restoreVersion|is not an S3 version id|look up the version of the backup to restore",
            "verto:backup|{\"roleArn\":\"arn:aws:iam::" + ACCOUNT + ":role/r\",\"oidcProvider\":\"arn:aws:iam::" + ACCOUNT + ":oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/A1\"}|verto:backup.roleArn|names more than one identity|pulumi config rm --path verto:backup.roleArn",
            "verto:backup|{\"roleArn\":\"role/backup\"}|verto:backup.roleArn|is not an ARN|look up the ARN of the backup service accounts' IAM role",
            "verto:backup|{\"roleArn\":\"arn:aws:iam::123456789012:role/backup\"}|verto:backup.roleArn|is a placeholder (an example AWS account id|look up the ARN",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"kmsKeyArn\":\"arn:aws:kms:eu-central-1:" + ACCOUNT + ":alias/backups\"}|verto:backup.kmsKeyArn|is a KMS alias|look up the ARN of the bucket's KMS key",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"kmsKeyArn\":\"alias/backups\"}|verto:backup.kmsKeyArn|aws kms describe-key --key-id alias/backups|look up",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"kmsKeyArn\":\"arn:aws:kms:us-east-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab\"}|verto:backup.kmsKeyArn|the key is in us-east-1, but the bucket is in eu-central-1|look up",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"kmsKeyARN\":\"arn:aws:kms:eu-central-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab\"}|verto:backup.kmsKeyARN|did you mean 'kmsKeyArn'|pulumi config set --path verto:backup.kmsKeyArn arn:aws:kms:eu-central-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab --stack production && pulumi config rm --path verto:backup.kmsKeyARN",
            "verto:backup|yes|verto:backup|must be an object|pulumi config rm verto:backup --stack production && pulumi config set --path verto:backup.enabled true --stack production && look up the stack's EKS cluster name",
            "verto:cdn|{\"originDomain\":\"origin.verto.com\"}|verto:cdn.certificateArn|is required with the CDN|look up the ARN of the ACM certificate",
            "verto:cdn|{\"originDomain\":\"origin.verto.com\",\"certificateArn\":\"arn:aws:acm:eu-central-1:" + ACCOUNT + ":certificate/abc\"}|verto:cdn.certificateArn|CloudFront only takes certificates from us-east-1|look up",
            "verto:cdn|{\"originDomain\":\"origin.verto.com\",\"certificateArn\":\"arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/replace-me\"}|verto:cdn.certificateArn|is a placeholder|look up",
            "verto:cdn|{\"certificateArn\":\"arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/abc\",\"originDomain\":\"verto.com\"}|verto:cdn.originDomain|CloudFront would forward to itself|look up the ingress load balancer's own DNS name",
            "verto:cdn|{\"certificateArn\":\"arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/abc\"}|verto:cdn.originDomain|is required with the CDN|look up",
            "verto:cdn|{\"certificateArn\":\"arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/abc\",\"originDomain\":\"o.elb.amazonaws.com\",\"priceClass\":\"cheap\"}|verto:cdn.priceClass|is not one of|--path verto:cdn.priceClass PriceClass_All",
            "verto:cdn|{\"certificateArn\":\"arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/abc\",\"originDomain\":\"o.elb.amazonaws.com\",\"aliases\":\"Verto.com,WWW.verto.com\"}|verto:cdn.aliases|has upper-case letters|--path verto:cdn.aliases verto.com,www.verto.com",
            "verto:cdn|{\"certificateArn\":\"arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/abc\",\"originDomain\":\"o.elb.amazonaws.com\",\"webAclArn\":\"arn:aws:wafv2:eu-central-1:" + ACCOUNT + ":regional/webacl/verto/0a1b\"}|verto:cdn.webAclArn|not a web ACL of scope CLOUDFRONT|look up",
            "verto:backup|{\"roleArn\":\"arn:aws:iam::" + ACCOUNT + ":role/r\",\"eksCluster\":\"verto-production\"}|verto:backup.roleArn|names more than one identity|pulumi config rm --path verto:backup.roleArn",
            "verto:backup|{\"bucket\":\"create\"}|verto:backup.eksCluster|long-lived IAM access keys, which production refuses|look up the stack's EKS cluster name (aws eks list-clusters",
            "verto:backup|{\"eksCluster\":\"verto production\"}|verto:backup.eksCluster|is not an EKS cluster name|look up the stack's EKS cluster name",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"kmsKeyArn\":\"1234abcd-12ab-34cd-56ef-1234567890ab\"}|verto:backup.kmsKeyArn|is not an ARN|look up the ARN of the bucket's KMS key",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"retentionDays\":101}|verto:backup.retentionDays|S3 keeps at most 100|--path verto:backup.retentionDays 7",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"lockMode\":\"compliance\"}|verto:backup.lockMode|is not one of [COMPLIANCE, GOVERNANCE]|--path verto:backup.lockMode COMPLIANCE",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"dumpUser\":\"verto\"}|verto:backup.dumpUser|is the application's user verto|pulumi config rm --path verto:backup.dumpUser",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"dumpUser\":\"bk\",\"restoreUser\":\"bk\"}|verto:backup.restoreUser|is the dump user too|pulumi config rm --path verto:backup.restoreUser",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"restoreCheckSchedule\":\"weekly\"}|verto:backup.restoreCheckSchedule|needs 5 fields|--path verto:backup.restoreCheckSchedule '0 5 * * 0'",
            "verto:backup|{\"eksCluster\":\"verto-production\",\"allowAccessKey\":\"yes\"}|verto:backup.allowAccessKey|is not true or false|--path verto:backup.allowAccessKey false",
            "verto:databaseBackupPassword|hunter2-plain|verto:databaseBackupPassword|stored in plain text|pulumi config set --secret verto:databaseBackupPassword",
            "verto:monitoring|{\"alerts\":{\"backupAgeHours\":0}}|verto:monitoring.alerts.backupAgeHours|an age in hours must be 1..8784|--path verto:monitoring.alerts.backupAgeHours 26",
            "verto:monitoring|{\"vpaMode\":\"Auto\"}|verto:monitoring.vpaMode|they fight|pulumi config set --path verto:monitoring.vpaMode Off --stack production",
            "verto:monitoring|{\"vpaMode\":\"auto\"}|verto:monitoring.vpaMode|they fight|--path verto:monitoring.vpaMode Off",
            "verto:monitoring|{\"vpaMode\":\"off\"}|verto:monitoring.vpaMode|is not one of [Auto, Initial, Off, none]|--path verto:monitoring.vpaMode Off",
            "verto:monitoring|{\"scrape\":\"prometheus\"}|verto:monitoring.scrape|is not one of [configMap, none, serviceMonitor]|--path verto:monitoring.scrape serviceMonitor",
            "verto:monitoring|{\"alerts\":{\"cpu\":150}}|verto:monitoring.alerts.cpu|a percentage must be 1..100|--path verto:monitoring.alerts.cpu 80",
            "verto:monitoring|{\"alerts\":80}|verto:monitoring.alerts|must be an object with the fields|pulumi config rm --path verto:monitoring.alerts",
            "verto:monitoring|{\"alerts\":{\"errorRate\":0}}|verto:monitoring.alerts.errorRate|must be above 0|--path verto:monitoring.alerts.errorRate 5",
            "verto:monitoring|{\"alerts\":{\"latencyP95\":\"fast\"}}|verto:monitoring.alerts.latencyP95|is not a number of seconds|--path verto:monitoring.alerts.latencyP95 1",
            "verto:monitoring|{\"alerts\":{\"mysqlConnections\":0}}|verto:monitoring.alerts.mysqlConnections|a percentage must be 1..100|--path verto:monitoring.alerts.mysqlConnections 80",
            "verto:monitoring|{\"namespace\":\"Monitoring\"}|verto:monitoring.namespace|has upper-case letters|--path verto:monitoring.namespace monitoring",
            "verto:jwtSecret|hunter2-plaintext|verto:jwtSecret|stored in plain text|pulumi config set --secret verto:jwtSecret \"$(pulumi config get verto:jwtSecret --stack production)\" --stack production",
            "verto:monitoring|{\"alerts\":{\"mysqlConnections\":160}}|verto:monitoring.alerts.mysqlConnections|a percentage must be 1..100|--path verto:monitoring.alerts.mysqlConnections 80",
            "verto:monitoring|{\"labels\":\"release\"}|verto:monitoring.labels|is not a label name=value|--path verto:monitoring.labels",
            "verto:monitoring|{\"labels\":\"release=kps,app.kubernetes.io/part-of=x\"}|verto:monitoring.labels|one of the program's own labels|--path verto:monitoring.labels",
            "verto:monitoring|{\"labels\":\"re lease=kps\"}|verto:monitoring.labels|not a valid Kubernetes label|--path verto:monitoring.labels",
            "verto:monitoring|{\"dashboardNamespace\":\"Grafana\"}|verto:monitoring.dashboardNamespace|has upper-case letters|--path verto:monitoring.dashboardNamespace grafana",
            "verto:monitoring|{\"dashboardLabel\":\"grafana_dashboard\"}|verto:monitoring.dashboardLabel|is not a label name=value|--path verto:monitoring.dashboardLabel",
            "verto:monitoring|{\"mysqlExporter\":\"yes\"}|verto:monitoring.mysqlExporter|is not true or false|--path verto:monitoring.mysqlExporter",
            "verto:monitoring|{\"mysqlExporterUser\":\"ex porter\"}|verto:monitoring.mysqlExporterUser|is not a MySQL user name|--path verto:monitoring.mysqlExporterUser",
            "verto:mysqlExporterPassword|hunter2-plain|verto:mysqlExporterPassword|stored in plain text|pulumi config set --secret verto:mysqlExporterPassword",
    };

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void eachBadValueIsReportedWithItsKeyAndFix(String key, String value, String problemKey, String problem, String fix) {
        assertProblem(failure(production(Map.of(key, value))), problemKey, problem, fix);
    }

    /**
     * Every suggested fix works when followed literally (looked-up values taken from the stack as committed, as
     * the user would find them): its problem is gone, no new problem appears, and production stays production.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void eachSuggestedFixWorksWhenFollowed(String key, String value, String problemKey, String problem, String fix) {
        RawStackConfig bad = production(Map.of(key, value));
        assertFixesWork(bad, failure(bad));
    }

    /** Development needs no cloud: backups or a CDN there are config errors, whose fix turns them off (keeping their settings). */
    @Test
    void developmentRefusesAwsPieces() {
        for (String key : List.of("verto:backup", "verto:cdn")) {
            var dev = StackFiles.with(StackFiles.loadWithSecrets("development"), Map.of(key, "{\"enabled\":true}"));
            var e = failure(dev);
            assertProblem(e, key + ".enabled", "development needs no cloud", "pulumi config set --path " + key + ".enabled false --stack development");
            assertFixesWork(dev, e);
        }
        assertTrue(load(StackFiles.loadWithSecrets("development")).aws().isEmpty());
        assertFalse(load(StackFiles.loadWithSecrets("development")).createsAwsResources());
    }

    /**
     * Long-lived access keys only where allowed: testing by default, staging and production only with
     * backup.allowAccessKey; the committed cluster stacks use EKS Pod Identity.
     */
    @Test
    void accessKeysOnlyWhereAllowed() {
        for (String stack : List.of("testing", "staging", "production")) {
            var committed = load(StackFiles.loadWithSecrets(stack)).backup().orElseThrow();
            assertEquals(new BackupSettings.Credentials.PodIdentity("verto-" + stack), committed.credentials(), stack);
            var noRole = StackFiles.with(StackFiles.loadWithSecrets(stack), Map.of("verto:backup", "{\"bucket\":\"create\"}"));
            if (stack.equals("testing")) {
                assertEquals(new BackupSettings.Credentials.AccessKey(), load(noRole).backup().orElseThrow().credentials());
            } else {
                assertTrue(failure(noRole).getMessage().contains("which " + stack + " refuses"), stack);
                var allowed = StackFiles.with(noRole, Map.of("verto:backup", "{\"bucket\":\"create\",\"allowAccessKey\":true}"));
                assertEquals(new BackupSettings.Credentials.AccessKey(), load(allowed).backup().orElseThrow().credentials());
            }
        }
        var production = load(StackFiles.loadWithSecrets("production")).backup().orElseThrow();
        assertEquals(io.verto.infra.types.ObjectLock.Mode.COMPLIANCE, production.lockMode());
        assertEquals(io.verto.infra.types.ObjectLock.Mode.GOVERNANCE, load(StackFiles.loadWithSecrets("staging")).backup().orElseThrow().lockMode());
    }

    /** A stack that names an existing bucket and role creates nothing in AWS (the engine-test variant). */
    @Test
    void existingBucketAndRoleCreateNothingInAws() {
        var s = load(StackFiles.engineVariant(StackFiles.loadWithSecrets("production")));
        assertTrue(s.backup().isPresent() && !s.createsAwsResources());
        assertTrue(s.cdn().isEmpty());
    }

    @Test
    void valuesKubernetesAcceptsAreAccepted() {
        var s = load(production(Map.of("verto:backup", "{\"schedule\":\"@daily\",\"eksCluster\":\"verto-production\"}", "verto:quotaHeadroom", "0",
                "verto:monitoring", "{\"alerts\":{\"errorRate\":\"0.5\"}}")));
        assertEquals("@daily", s.backup().orElseThrow().schedule().expression());
        assertEquals(0, s.workloads().quotaHeadroom());
        assertEquals("0.005", s.monitoring().alerts().errorRate().fraction());
        var weekdays = load(production(Map.of("verto:backup", "{\"schedule\":\"30 1 * * MON-FRI\",\"eksCluster\":\"verto-production\"}", "verto:database",
                "{\"host\":\"mysql-prod.internal\",\"name\":\"verto_prod\",\"cidr\":[\"10.30.1.0/24\",\"10.30.11.0/24\"]}")));
        assertEquals("30 1 * * MON-FRI", weekdays.backup().orElseThrow().schedule().expression());
        assertEquals(List.of("10.30.1.0/24", "10.30.11.0/24"), weekdays.application().database().endpoint().cidrs());
    }

    @Test
    void anOverrideIsExplicitAndPrinted() {
        var overridden = load(production(Map.of("verto:environment", "staging", "verto:environmentOverride", "rehearsal of the cut-over")));
        assertEquals(Environment.STAGING, overridden.environment());
        assertEquals(List.of("stack 'production' runs as environment staging, not production (verto:environmentOverride: rehearsal of "
                + "the cut-over)"), overridden.notices());
        var testOnly = load(production(Map.of("verto:renderDirectory", "out", "verto:skipAwait", "true", "verto:testOnly", "engine test")));
        assertTrue(testOnly.notices().get(0).contains("marked testOnly (engine test)"), testOnly.notices().toString());
    }

    @Test
    void fixesForMissingKeysSecretsAndObjectsWorkToo() {
        Map<String, String> removed = new HashMap<>();
        for (String key : List.of("verto:namespace", "verto:domain", "verto:replicas", "verto:imageTag", "verto:database", "verto:kubeContext", "verto:awsRegion",
                "verto:databaseBackupPassword")) {
            removed.put(key, null);
        }
        assertFixesWork(production(removed), failure(production(removed)));
        assertFixesWork(StackFiles.load("staging"), failure(StackFiles.load("staging")));
        var renamed = new RawStackConfig("production-eu", production(Map.of()).values(), production(Map.of()).secretKeys());
        var environment = failure(renamed);
        assertTrue(environment.getMessage().contains("pulumi config set verto:environment production --stack production-eu"), environment.getMessage());
        var unclear = new RawStackConfig("pr-42", StackFiles.loadWithSecrets("testing").values(), StackFiles.loadWithSecrets("testing").secretKeys());
        assertProblem(failure(unclear), "verto:environment", "the stack name 'pr-42' is not one of", "look up which design environment");
    }

    private static void assertFixesWork(RawStackConfig bad, StackConfigException e) {
        Set<String> before = e.problems().stream().map(p -> p.key() + ": " + p.problem()).collect(Collectors.toSet());
        for (ConfigProblem p : e.problems()) {
            RawStackConfig fixed = SuggestedFix.apply(bad, p.fix(), FixLookup.from(bad.stack()));
            try {
                StackSettings settings = load(fixed);
                if (bad.stack().equals("production")) {
                    assertEquals(Environment.PRODUCTION, settings.environment());
                    assertTrue(settings.workloads().scaling().autoscaling().isPresent() && settings.kubernetes().spreadAcrossZones(),
                            "the fix for " + p.key() + " weakened production: " + p.fix());
                }
            } catch (StackConfigException next) {
                Set<String> after = next.problems().stream().map(q -> q.key() + ": " + q.problem()).collect(Collectors.toSet());
                assertFalse(after.contains(p.key() + ": " + p.problem()), "following the fix for " + p.key() + " (" + p.fix() + ") leaves it:\n"
                        + next.getMessage());
                after.removeAll(before);
                assertEquals(Set.of(), after, "following the fix for " + p.key() + " (" + p.fix() + ") creates new problems");
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
        Map<String, String> removed = new HashMap<>();
        removed.put("verto:jwtSecret", null);
        var typo = failure(production(removed));
        assertProblem(typo, "verto:jwtSecret", "required", "pulumi config set --secret verto:jwtSecret --stack production");
    }

    @Test
    void aTypoedSecretIsRenamedWithoutPrintingIt() {
        var base = production(Map.of());
        var values = new HashMap<>(base.values());
        values.put("verto:jwtSecrt", values.remove("verto:jwtSecret"));
        var secrets = new java.util.HashSet<>(base.secretKeys());
        secrets.remove("verto:jwtSecret");
        secrets.add("verto:jwtSecrt");
        var bad = new RawStackConfig("production", values, secrets);
        var e = failure(bad);
        assertProblem(e, "verto:jwtSecrt", "did you mean 'jwtSecret'", "pulumi config set --secret verto:jwtSecret \"$(pulumi config get verto:jwtSecrt");
        assertFalse(e.getMessage().contains(StackFiles.secretValueOf("verto:jwtSecret")), e.getMessage());
        assertFixesWork(bad, e);
    }

    @Test
    void missingSecretsAreReportedAllAtOnce() {
        var e = failure(StackFiles.load("staging"));
        assertEquals(Set.of("verto:databasePassword", "verto:jwtSecret", "verto:redisPassword", "verto:encryptionKey",
                        "verto:databaseBackupPassword", "verto:databaseRestorePassword", "verto:mysqlExporterPassword"),
                Set.copyOf(e.problems().stream().map(ConfigProblem::key).toList()));
        assertTrue(e.getMessage().startsWith("stack 'staging' has 7 configuration problems"), e.getMessage());
        assertTrue(e.getMessage().contains("verto:databaseRestorePassword: is required with backups: the password of the database user verto_restore")
                && e.getMessage().contains("pulumi config set --secret verto:databaseRestorePassword --stack staging"), e.getMessage());
        assertTrue(e.getMessage().contains("pulumi config set --secret verto:jwtSecret --stack staging"), e.getMessage());
    }

    /** Cross-section problems come with the rest, whatever else is wrong (the VPA/HPA conflict used to wait its turn). */
    @Test
    void everyProblemComesAtOnce() {
        var e = failure(production(Map.of("verto:replicas", "0", "verto:domain", "bad domain", "verto:imageTag", "latest",
                "verto:monitoring", "{\"vpaMode\":\"Auto\"}", "verto:resources", "{\"cpu\":\"x\",\"memory\":\"8Gi\"}")));
        assertEquals(Set.of("verto:replicas", "verto:domain", "verto:imageTag", "verto:monitoring.vpaMode", "verto:resources.cpu"),
                e.problems().stream().map(ConfigProblem::key).collect(Collectors.toSet()), e.getMessage());
    }

    @Test
    void environmentDefaultsToTheStackName() {
        var raw = StackFiles.with(StackFiles.loadWithSecrets("testing"), Map.of());
        assertEquals(Environment.TESTING, load(raw).environment());
        var explicit = new RawStackConfig("pr-42", StackFiles.with(raw, Map.of("verto:environment", "testing")).values(), raw.secretKeys());
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
