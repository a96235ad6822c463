package io.verto.infra.monitoring;

import io.verto.infra.kubernetes.custom.CustomKind;
import io.verto.infra.kubernetes.custom.CustomSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec of a {@code monitoring.coreos.com/v1} ServiceMonitor for one target in one namespace: select
 * its Service, scrape its named metrics port every {@code interval}, with the target's job label.
 *
 * @param target    the service
 * @param namespace the namespace the Service is in
 * @param interval  scrape interval, e.g. {@code 15s} (design 6.1)
 */
public record ServiceMonitorSpec(ScrapeTarget target, String namespace, String interval) implements CustomSpec {
    @Override
    public CustomKind kind() {
        return CustomKind.SERVICE_MONITOR;
    }

    @Override
    public Map<String, Object> toValue() {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", target.port());
        endpoint.put("path", target.path());
        endpoint.put("interval", interval);
        endpoint.put("scheme", "http");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("jobLabel", target.jobLabel());
        spec.put("selector", Map.of("matchLabels", target.selector()));
        spec.put("namespaceSelector", Map.of("matchNames", List.of(namespace)));
        spec.put("endpoints", List.of(endpoint));
        return spec;
    }
}
