package io.verto.infra.monitoring;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.verto.infra.testing.ProgramRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.verto.infra.testing.ComponentAssertions.assertChildrenOf;
import static io.verto.infra.testing.ProgramRun.at;
import static io.verto.infra.testing.SortedKeys.assertSortedYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ServiceMonitors and ScrapeConfig under Pulumi's mocks. */
class ScrapeTest {
    private static final ScrapeTarget WEB = new ScrapeTarget("shop-web", "shop-web-service",
            Map.of("app.kubernetes.io/name", "shop-web"), "app.kubernetes.io/name", "metrics", "/metrics", List.of("http_requests_total"));

    @Test
    void aServiceMonitorPerTargetInItsNamespaceOnly() {
        var run = ProgramRun.run("test", ctx -> new ServiceMonitors("shop", ScrapeArgs.builder().namespace(Output.of("shop"))
                .namespaceName("shop").partOf("shop").target(WEB).build(), ComponentResourceOptions.builder().build()));
        run.result().throwOnError();
        var monitor = run.one("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "shop-web").inputs();
        assertEquals("metrics", at(monitor, "spec.endpoints[0].port"));
        assertEquals(List.of("shop"), at(monitor, "spec.namespaceSelector.matchNames"));
        assertEquals("app.kubernetes.io/name", at(monitor, "spec.jobLabel"));
        assertEquals("http_requests_total", ((java.util.Map<?, ?>) at(monitor, "metadata.annotations")).get(ScrapeTarget.METRICS_ANNOTATION));
        assertChildrenOf(run, ServiceMonitors.TYPE);
    }

    @Test
    void aScrapeConfigMapWithTheJobsAndTheRules() {
        var args = ScrapeConfigArgs.builder().scrape(ScrapeArgs.builder().namespace(Output.of("shop")).namespaceName("shop").partOf("shop")
                        .target(WEB).build())
                .ruleGroups(AlertRules.groups(AlertRulesTest.args())).build();
        var run = ProgramRun.run("test", ctx -> new ScrapeConfig("shop", args, ComponentResourceOptions.builder().build()));
        run.result().throwOnError();
        var config = run.one("kubernetes:core/v1:ConfigMap", "shop").inputs();
        String scrape = (String) ((java.util.Map<?, ?>) at(config, "data")).get(ScrapeConfig.SCRAPE_FILE);
        assertTrue(scrape.contains("job_name: shop-web") && scrape.contains("- shop") && scrape.contains("target_label: namespace"), scrape);
        String rules = (String) ((java.util.Map<?, ?>) at(config, "data")).get(ScrapeConfig.RULES_FILE);
        assertTrue(rules.contains("alert: VertoServiceDown"), rules);
        assertSortedYaml(scrape);
        assertSortedYaml(rules);
        assertChildrenOf(run, ScrapeConfig.TYPE);
    }

    @Test
    void theJobMustBeTheJobLabelsValue() {
        assertThrows(IllegalArgumentException.class, () -> new ScrapeTarget("web", "web-service", Map.of("app.kubernetes.io/name", "shop-web"),
                "app.kubernetes.io/name", "metrics", "/metrics", List.of()));
    }
}
