package io.verto.infra.config;

import io.verto.infra.types.Memory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for setting values that have no type of their own. Each throws an {@link IllegalArgumentException}
 * saying what is wrong, an {@link InvalidValue} with the value the user most likely meant when what they wrote
 * tells (the reader adds key and fix). A suggestion for an infrastructure value only ever reshapes the user's own.
 */
final class Checks {
    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+");
    static final Pattern MYSQL_NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:\\d{1,5})?");
    private static final Pattern SIZE_WITH_BYTES = Pattern.compile("(\\d+)\\s*([kKmMgGtT])(i?[bB])?");

    private Checks() { }

    static int integer(String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a whole number");
        }
    }

    /** A whole number within {@code min..max}. */
    static int integer(String v, int min, int max, String what) {
        int n = integer(v);
        if (n < min || n > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    /** A decimal within {@code (0, max]}, e.g. a percentage where 0.5 means something. */
    static BigDecimal positiveDecimal(String v, BigDecimal max, String what) {
        BigDecimal n;
        try {
            n = new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a number");
        }
        if (n.signum() <= 0 || n.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be above 0 and at most " + max.toPlainString() + ", got " + v);
        }
        return n.stripTrailingZeros();
    }

    static boolean bool(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        String lower = v.toLowerCase(Locale.ROOT);
        Optional<String> meant = Set.of("true", "yes", "on", "1").contains(lower) ? Optional.of("true")
                : Set.of("false", "no", "off", "0").contains(lower) ? Optional.of("false") : Optional.empty();
        throw new InvalidValue("'" + v + "' is not true or false", meant);
    }

    /** True or false, with no guess at what another word meant (for settings where a guess could lower protection). */
    static boolean strictBool(String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("'" + v + "' is not true or false");
        }
        return Boolean.parseBoolean(v);
    }

    /** A fully qualified host name or a single-label (cluster-local) one, in lower case. */
    static String host(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (!v.equals(lower) && (HOSTNAME.matcher(lower).matches() || DNS_LABEL.matcher(lower).matches())) {
            throw new InvalidValue("'" + v + "' has upper-case letters; host names are written in lower case", lower);
        }
        if (!HOSTNAME.matcher(v).matches() && !DNS_LABEL.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not a host name");
        }
        return v;
    }

    /**
     * One or more IPv4 ranges, comma-separated: four octets of 0..255, a prefix of 0..32, and no bits set after
     * the prefix (a NetworkPolicy would silently use the network the address is in).
     */
    static List<String> cidrs(String v) {
        List<String> ranges = new ArrayList<>();
        for (String part : v.split(",")) {
            ranges.add(cidr(part.strip()));
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("'" + v + "' names no address range");
        }
        return List.copyOf(ranges);
    }

    static String cidr(String v) {
        Matcher m = CIDR.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + v + "' is not an IPv4 CIDR (four numbers and a prefix, such as a.b.c.d/24)");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("'" + v + "': the octet " + octet + " is above 255");
            }
            address = address << 8 | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            throw new IllegalArgumentException("'" + v + "': the prefix /" + prefix + " is above /32");
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((address & ~mask & 0xFFFFFFFFL) != 0) {
            long network = address & mask;
            throw new IllegalArgumentException("'" + v + "' has bits set after its /" + prefix + " prefix: the range it names is "
                    + (network >> 24 & 255) + "." + (network >> 16 & 255) + "." + (network >> 8 & 255) + "." + (network & 255) + "/" + prefix
                    + "; check the subnet's CIDR");
        }
        return v;
    }

    /** An origin such as {@code https://verto.com}: scheme and host, no path. */
    static String origin(String v) {
        if (!ORIGIN.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not an origin such as https://verto.com (scheme and host, no path)");
        }
        return v;
    }

    private static final Pattern LABEL_KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    /** One Kubernetes label {@code name=value}, checked as the API server would. */
    static Map.Entry<String, String> label(String v) {
        int eq = v.indexOf('=');
        if (eq < 1) {
            throw new IllegalArgumentException("'" + v + "' is not a label name=value");
        }
        String key = v.substring(0, eq).trim();
        String value = v.substring(eq + 1).trim();
        if (!LABEL_KEY.matcher(key).matches() || !LABEL_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not a valid Kubernetes label name=value");
        }
        return Map.entry(key, value);
    }

    /** Kubernetes labels, {@code name=value} separated by commas, e.g. {@code release=kube-prometheus-stack}. */
    static Map<String, String> labels(String v) {
        Map<String, String> labels = new TreeMap<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                var label = label(part.trim());
                labels.put(label.getKey(), label.getValue());
            }
        }
        return Map.copyOf(labels);
    }

    /** A memory quantity with its unit: a bare number is bytes to Kubernetes, almost never what was meant. */
    static Memory memory(String v) {
        if (v.matches("\\d+")) {
            long n = Long.parseLong(v);
            String meant = n < 64 ? n + "Gi" : n + "Mi";
            throw new InvalidValue("'" + v + "' has no unit, so Kubernetes would read it as " + n + " bytes; write the unit, e.g. "
                    + n + "Mi or " + n + "Gi", meant);
        }
        Matcher bytes = SIZE_WITH_BYTES.matcher(v);
        try {
            return Memory.parse(v);
        } catch (IllegalArgumentException e) {
            if (bytes.matches()) {
                String meant = bytes.group(1) + bytes.group(2).toUpperCase(Locale.ROOT) + "i";
                throw new InvalidValue("'" + v + "' is not a Kubernetes memory quantity; binary units are written Ki, Mi, Gi, Ti", meant);
            }
            throw e;
        }
    }

    static String oneOf(String v, Set<String> allowed) {
        if (allowed.contains(v)) {
            return v;
        }
        Optional<String> meant = allowed.stream().filter(a -> a.equalsIgnoreCase(v)).findFirst()
                .or(() -> UnknownKeys.closest(v, allowed));
        throw new InvalidValue("'" + v + "' is not one of " + new TreeSet<>(allowed), meant);
    }

    static String matching(String v, Pattern pattern, String what) {
        if (!pattern.matcher(v).matches()) {
            throw new IllegalArgumentException("'" + v + "' is not " + what);
        }
        return v;
    }

    /** A Kubernetes name: lower-case letters, digits and '-'; upper case is pointed out with the lower-case name. */
    static String name(String v, String what) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (!v.equals(lower) && DNS_LABEL.matcher(lower).matches()) {
            throw new InvalidValue("'" + v + "' has upper-case letters; " + what + " is lower case", lower);
        }
        return matching(v, DNS_LABEL, what + " (lower-case letters, digits and '-', at most 63)");
    }
}
