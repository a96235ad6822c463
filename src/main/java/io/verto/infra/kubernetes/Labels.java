package io.verto.infra.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code app.kubernetes.io/*} recommended labels. Selector labels are a stable subset: the
 * version is left out of them, since a Deployment's selector cannot change after creation.
 */
public final class Labels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String VERSION = "app.kubernetes.io/version";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String ENVIRONMENT = "environment";
    /** The {@code managed-by} value of everything this library creates. */
    public static final String MANAGER = "pulumi";

    private Labels() { }

    /** Labels of objects that belong to no single workload: which application, and who manages them. */
    public static Map<String, String> shared(String partOf) {
        return Map.of(PART_OF, partOf, MANAGED_BY, MANAGER);
    }

    /** {@link #shared} plus {@code extra} (e.g. the labels a Prometheus selects its ServiceMonitors by); ours win. */
    public static Map<String, String> shared(String partOf, Map<String, String> extra) {
        Map<String, String> labels = new java.util.TreeMap<>(extra);
        labels.putAll(shared(partOf));
        return Map.copyOf(labels);
    }

    /** Labels a workload's selector matches on; never change them for a live Deployment. */
    public static Map<String, String> selector(String name, String partOf) {
        return Map.of(NAME, name, PART_OF, partOf);
    }

    /**
     * All labels of a workload's objects. The legacy {@code app} label of the design (5.4, 7.1) is kept
     * so existing dashboards and policies that select on it keep working.
     */
    public static Map<String, String> of(String name, String partOf, String component, String version, String environment) {
        Map<String, String> labels = new LinkedHashMap<>(selector(name, partOf));
        labels.put(COMPONENT, component);
        labels.put(VERSION, version);
        labels.put(MANAGED_BY, MANAGER);
        labels.put(ENVIRONMENT, environment);
        labels.put("app", name);
        return Map.copyOf(labels);
    }
}
