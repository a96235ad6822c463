package io.verto.infra.config;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Parsers for setting values that have no type of their own. Each throws an
 * {@link IllegalArgumentException} whose message says what is wrong; the reader adds key and fix.
 */
final class Checks {
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+");
    static final Pattern MYSQL_NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}");
    static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:\\d{1,5})?");

    private Checks() { }

    static int integer(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a whole number");
        }
    }

    static boolean bool(String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("'" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
    }

    /** A fully qualified host name or a single-label (cluster-local) one. */
    static String host(String v) {
        if (!HOSTNAME.matcher(v).matches() && !DNS_LABEL.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not a host name");
        }
        return v;
    }

    static String cidr(String v) {
        if (!CIDR.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not an IPv4 CIDR such as 10.0.0.0/16");
        }
        return v;
    }

    /**
     * One CIDR or several: a comma-separated list or a YAML/JSON list ({@code ["10.0.1.0/24", "10.0.2.0/24"]}), in
     * order, without duplicates.
     */
    static java.util.List<String> cidrs(String v) {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (String part : v.replaceAll("[\\[\\]\"]", "").split(",")) {
            String cidr = part.trim();
            if (!cidr.isEmpty() && !all.contains(cidr)) {
                all.add(cidr(cidr));
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("'" + v + "' names no CIDR");
        }
        return java.util.List.copyOf(all);
    }

    private static final Pattern LABEL_KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    /** One Kubernetes label {@code name=value}, checked as the API server would. */
    static java.util.Map.Entry<String, String> label(String v) {
        int eq = v.indexOf('=');
        if (eq < 1) {
            throw new IllegalArgumentException("'" + v + "' is not a label name=value");
        }
        String key = v.substring(0, eq).trim();
        String value = v.substring(eq + 1).trim();
        if (!LABEL_KEY.matcher(key).matches() || !LABEL_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not a valid Kubernetes label name=value");
        }
        return java.util.Map.entry(key, value);
    }

    /** Kubernetes labels, {@code name=value} separated by commas, e.g. {@code release=kube-prometheus-stack}. */
    static java.util.Map<String, String> labels(String v) {
        java.util.Map<String, String> labels = new java.util.TreeMap<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                var label = label(part.trim());
                labels.put(label.getKey(), label.getValue());
            }
        }
        return java.util.Map.copyOf(labels);
    }

    static String oneOf(String v, Set<String> allowed) {
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("'" + v + "' is not one of " + new TreeSet<>(allowed));
        }
        return v;
    }

    static String matching(String v, Pattern pattern, String what) {
        if (!pattern.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not " + what);
        }
        return v;
    }
}
