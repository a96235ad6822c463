package io.verto.infra.platform;

import io.verto.infra.config.RawStackConfig;
import io.verto.infra.config.StackConfigException;
import io.verto.infra.testing.ProgramRun;
import io.verto.infra.testing.StackFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One judgement: a stack config the policy pack would refuse is first a config error. Variants of the committed
 * stacks that reach the pack's rules through settings (production availability, pinned images, allowed registries,
 * a VPA next to an HPA) must be refused by validation; every variant validation accepts is exported to
 * {@code target/policy-input/variants/}, where the pack's tests (policies/test/variants.test.ts) must find no
 * mandatory violation. Together: whatever validation accepts, the pack accepts.
 */
class PolicyAgreementTest {
    private static final String ACCOUNT = "731940265803";

    /** Variants validation must refuse, each with the pack rule that would refuse it. */
    private static final Map<String, Variant> REFUSED = variants(
            new Variant("production", "no-autoscaling", "k8s-production-hpa", "verto:autoscaling", null),
            new Variant("production", "min-one-pod", "k8s-production-hpa", "verto:autoscaling", "{\"minReplicas\":1,\"maxReplicas\":10}"),
            new Variant("production", "no-room-to-scale", "k8s-production-hpa", "verto:autoscaling", "{\"minReplicas\":5,\"maxReplicas\":5}"),
            new Variant("production", "vpa-auto-with-hpa", "k8s-vpa-not-auto-with-hpa", "verto:monitoring", "{\"vpaMode\":\"Auto\"}"),
            new Variant("production", "snapshot-tag", "k8s-image-pinned", "verto:imageTag", "2.0.0-SNAPSHOT"),
            new Variant("production", "branch-tag", "k8s-image-pinned", "verto:imageTag", "main"),
            new Variant("production", "foreign-registry", "k8s-image-registry-allowed", "verto:imageRegistry", "docker.io/someone/verto"),
            new Variant("staging", "foreign-registry", "k8s-image-registry-allowed", "verto:imageRegistry", "ghcr.io/someone"));

    /** Variants validation accepts: the pack must accept them too. */
    private static final Map<String, Variant> ACCEPTED = variants(
            new Variant("development", "as-committed", "", "verto:logLevel", "debug"),
            new Variant("testing", "restore", "", "verto:backup", "{\"bucketName\":\"verto-testing-backups\",\"eksCluster\":\"verto-testing\","
                    + "\"restoreVersion\":\"3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\",\"restoreDatabase\":\"verto_test_restored\"}"),
            new Variant("staging", "as-committed", "", "verto:logLevel", "info"),
            new Variant("staging", "vpa-auto-without-hpa", "", "verto:monitoring", "{\"vpaMode\":\"Auto\"}"),
            new Variant("staging", "autoscaled", "", "verto:autoscaling", "{\"minReplicas\":2,\"maxReplicas\":4}"),
            new Variant("production", "as-committed", "", "verto:logLevel", "info"),
            new Variant("production", "digest", "", "verto:imageTag", "sha256:" + "a".repeat(64)),
            new Variant("production", "two-to-six-pods", "", "verto:autoscaling", "{\"minReplicas\":2,\"maxReplicas\":6}"),
            new Variant("production", "kms-key", "", "verto:backup", "{\"bucketName\":\"verto-backups\",\"eksCluster\":\"verto-production\",\"kmsKeyArn\":\"arn:aws:kms:"
                    + "eu-central-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab\"}"),
            new Variant("production", "existing-role", "", "verto:backup", "{\"bucketName\":\"verto-backups\",\"roleArn\":\"arn:aws:iam::"
                    + ACCOUNT + ":role/verto-backup\"}"),
            new Variant("production", "service-account-role", "", "verto:backup", "{\"bucketName\":\"verto-backups\",\"oidcProvider\":"
                    + "\"arn:aws:iam::" + ACCOUNT + ":oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/5C1E7A\"}"),
            new Variant("production", "waf", "", "verto:cdn", "{\"aliases\":\"verto.com,www.verto.com\",\"certificateArn\":\"arn:aws:acm:"
                    + "us-east-1:" + ACCOUNT + ":certificate/8c2f6e0a-3b5d-4f1e-9a7c-2d4b6e8f0a1c\",\"originDomain\":\"lb.elb.amazonaws.com\","
                    + "\"webAclArn\":\"arn:aws:wafv2:us-east-1:" + ACCOUNT + ":global/webacl/verto/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d\"}"),
            new Variant("production", "no-scraping-no-vpa", "", "verto:monitoring", "{\"scrape\":\"none\",\"vpaMode\":\"none\"}"),
            new Variant("production", "dns01", "", "verto:acmeChallenge", "dns01"),
            new Variant("production", "pull-secret", "", "verto:imagePullSecret", "registry-secret"),
            new Variant("production", "other-verto-registry", "", "verto:imageRegistry", "registry.gitlab.com/verto/mirror"),
            new Variant("production", "big-backend", "", "verto:containers", "{\"backend\":{\"cpu\":\"4\",\"memory\":\"8Gi\"}}"),
            new Variant("production", "any-database-address", "", "verto:database", "{\"host\":\"mysql-prod.internal\",\"name\":"
                    + "\"verto_prod\",\"cidr\":\"0.0.0.0/0\"}"),
            new Variant("production", "one-zone", "", "verto:spreadAcrossZones", "false"));

    /**
     * A stack config changed in one key.
     *
     * @param stack the committed stack it starts from
     * @param name  what the variant is
     * @param rule  the pack rule that refuses it (empty when it passes)
     * @param key   the key changed
     * @param value its new value (null removes it)
     */
    record Variant(String stack, String name, String rule, String key, String value) {
        RawStackConfig config() {
            Map<String, String> change = new LinkedHashMap<>();
            change.put(key, value);
            if (name.equals("big-backend")) {
                change.put("verto:containerMax", "{\"cpu\":\"4\",\"memory\":\"8Gi\"}");
            }
            return StackFiles.with(StackFiles.loadWithSecrets(stack), change);
        }

        String id() {
            return stack + "--" + name;
        }
    }

    private static Map<String, Variant> variants(Variant... all) {
        Map<String, Variant> byId = new LinkedHashMap<>();
        Stream.of(all).forEach(v -> byId.put(v.id(), v));
        return byId;
    }

    @Test
    void whatThePackWouldRefuseIsAConfigErrorFirst() {
        for (Variant v : REFUSED.values()) {
            var run = ProgramRun.verto(v.config());
            assertTrue(!run.result().exceptions().isEmpty(), v.id() + " (" + v.rule() + ") passed validation");
            var e = assertInstanceOf(StackConfigException.class, rootCause(run.result().exceptions().get(0)), v.id());
            assertTrue(e.problems().stream().anyMatch(p -> p.key().startsWith(v.key())), v.id() + ": " + e.getMessage());
            assertTrue(run.registered().stream().allMatch(r -> r.type().equals("pulumi:pulumi:Stack")), v.id() + ": something was registered");
        }
    }

    @Test
    void whatValidationAcceptsIsExportedForThePack() throws IOException {
        Path dir = StackFiles.repoRoot().resolve("target/policy-input/variants");
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        for (Variant v : ACCEPTED.values()) {
            PolicyInputExportTest.export(v.stack(), v.config(), "variants/" + v.id() + ".json");
        }
        try (Stream<Path> written = Files.list(dir)) {
            assertEquals(ACCEPTED.size(), written.count());
        }
        assertEquals(List.of(), ACCEPTED.values().stream().filter(v -> !v.rule().isEmpty()).toList());
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
