package io.verto.infra.monitoring;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One service Prometheus scrapes: its Service (by name and selector labels), the named port and path
 * of its metrics, and the {@code job} label its series get.
 *
 * @param job      the {@code job} label, e.g. {@code verto-backend} (design 6.1's job names)
 * @param service  the Service's name, e.g. {@code verto-backend-service}
 * @param selector labels that select the Service (a ServiceMonitor's selector)
 * @param jobLabel the Service label whose value is the job (a ServiceMonitor's {@code jobLabel})
 * @param port     the Service port's name, e.g. {@code metrics}
 * @param path     the metrics path, e.g. {@code /metrics}
 * @param metrics  the metric names the service exposes (besides {@code up}, which every scrape adds)
 */
public record ScrapeTarget(String job, String service, Map<String, String> selector, String jobLabel, String port, String path,
                           List<String> metrics) {
    public ScrapeTarget {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(service, "service");
        selector = Map.copyOf(selector);
        if (!selector.containsKey(jobLabel) || !selector.get(jobLabel).equals(job)) {
            throw new IllegalArgumentException("ScrapeTarget " + job + ": the selector's " + jobLabel + " label must be the job");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("ScrapeTarget " + job + ": the path must start with '/', got " + path);
        }
        metrics = List.copyOf(metrics);
    }

    /** The annotation that lists what a scrape object's targets expose, for readers and checks. */
    public static final String METRICS_ANNOTATION = "verto.io/exposed-metrics";
}
