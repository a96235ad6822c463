package io.verto.infra.kubernetes.custom;

import java.util.regex.Pattern;

/**
 * The kind of a custom resource, as its CRD defines it: {@code autoscaling.k8s.io/v1 VerticalPodAutoscaler}.
 *
 * @param group   API group, e.g. {@code monitoring.coreos.com}
 * @param version API version, e.g. {@code v1}
 * @param kind    kind, e.g. {@code PrometheusRule}
 */
public record CustomKind(String group, String version, String kind) {
    private static final Pattern GROUP = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+");
    private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?");
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");

    public static final CustomKind VERTICAL_POD_AUTOSCALER = new CustomKind("autoscaling.k8s.io", "v1", "VerticalPodAutoscaler");
    public static final CustomKind PROMETHEUS_RULE = new CustomKind("monitoring.coreos.com", "v1", "PrometheusRule");
    public static final CustomKind SERVICE_MONITOR = new CustomKind("monitoring.coreos.com", "v1", "ServiceMonitor");

    public CustomKind {
        if (group == null || !GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("'" + group + "' is not a custom resource API group (a DNS name with a dot)");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("'" + version + "' is not an API version such as v1 or v1beta1");
        }
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("'" + kind + "' is not a kind (CamelCase)");
        }
    }

    /** {@code group/version}, the object's {@code apiVersion}. */
    public String apiVersion() {
        return group + "/" + version;
    }

    /** The Pulumi type token the Kubernetes provider renders as this kind: {@code kubernetes:<group>/<version>:<Kind>}. */
    public String token() {
        return "kubernetes:" + apiVersion() + ":" + kind;
    }
}
