package io.verto.infra.platform;

import io.verto.infra.config.StackSettingsLoader;
import io.verto.infra.testing.StackFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What scripts/preflight checks, as the stack files require it. */
class ClusterRequirementsTest {
    private static Map<String, Object> of(String stack) throws Exception {
        // The committed file completed with the values each team sets (subnets, the CDN's certificate), as preflight reads it.
        var raw = StackFiles.withTestValues(StackFile.read(StackFiles.repoRoot().resolve("Pulumi." + stack + ".yaml"), stack));
        return ClusterRequirements.of(StackSettingsLoader.load(raw, VertoApplication.catalogue().sizes()));
    }

    @Test
    void productionNeedsTheOperatorsTheVpaTheMetricsApiDns01AndTheRealIpSettings() throws Exception {
        var r = of("production");
        assertEquals(List.of("servicemonitors.monitoring.coreos.com", "prometheusrules.monitoring.coreos.com",
                "verticalpodautoscalers.autoscaling.k8s.io"), r.get("crds"));
        assertEquals("verto-production", r.get("context"));
        assertEquals("dns01", r.get("acmeChallenge"), "behind CloudFront");
        assertEquals(true, r.get("metricsApi"));
        assertEquals(true, r.get("cdn"));
        assertEquals(Map.of("app.kubernetes.io/part-of", "verto", "app.kubernetes.io/managed-by", "pulumi"),
                ((Map<?, ?>) r.get("prometheus")).get("labels"), "what a Prometheus must select: no release label by default");
        assertEquals(Map.of("namespace", "monitoring", "label", "grafana_dashboard", "value", "1"), r.get("dashboard"));
    }

    @Test
    void developmentNeedsNoOperatorAndStagingNoMetricsApiWithoutAnHpaOrVpa() throws Exception {
        var dev = of("development");
        assertEquals(List.of("verticalpodautoscalers.autoscaling.k8s.io"), dev.get("crds"), "configMap scrape: no operator CRD");
        assertEquals(Map.of(), dev.get("prometheus"));
        assertEquals("http01", of("staging").get("acmeChallenge"));
        assertEquals(false, of("staging").get("cdn"));
    }

}
