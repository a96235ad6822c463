package io.verto.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.verto.infra.config.Kind;
import io.verto.infra.config.RawStackConfig;
import io.verto.infra.config.Setting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Generated mistakes on one setting, the kinds an operator makes: typos of the key at each depth, the wrong shape
 * (an object for a value, a value for an object), out-of-range values by kind, a memory size without its unit,
 * placeholders (staging and production), stray spaces, a secret in plain text. Used by the config property test.
 */
public final class Mutations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "verto:";

    /**
     * One mutated config.
     *
     * @param kind        which kind of mistake
     * @param description what was changed
     * @param config      the mutated stack config
     * @param names       whether a problem (key, text) names the mutated setting
     */
    public record Mutation(String kind, String description, RawStackConfig config, BiPredicate<String, String> names) {
        /**
         * True when the mutation itself erased other settings (a whole top-level object replaced by one value): no fix
         * can bring them back, so only the environment and protection are compared, not the resource set.
         */
        public boolean lossy() {
            return kind.equals("shape-top");
        }

        public boolean names(String key, String problem) {
            return names.test(key, problem);
        }
    }

    private Mutations() { }

    /**
     * The stack with the setting given a value: its own, its literal default, or a value as a user would look it up
     * (with a partner setting where it needs one); empty when a stack cannot hold the setting alone ({@code valid}
     * refuses it, e.g. an autoscaling bound where the stack does not autoscale).
     */
    public static Optional<RawStackConfig> withSetting(RawStackConfig base, Setting s, Function<String, String> lookup,
                                                       java.util.function.Predicate<RawStackConfig> valid) {
        String key = NS + s.key();
        if (value(base, key).isPresent()) {
            return Optional.of(base);
        }
        try {
            RawStackConfig config = base;
            switch (s.key()) {
                case "environmentOverride" -> config = set(set(config, NS + "environment", "testing"), key, s.example());
                case "renderDirectory" -> config = set(set(config, NS + "testOnly", "property test"), key, s.example());
                case "backup.restoreDatabase", "backup.restoreVersion" -> config = set(set(config, NS + "backup.restoreVersion",
                        lookup.apply(NS + "backup.restoreVersion")), NS + "backup.restoreDatabase", "verto_restored");
                case "registryUsername", "registryPassword" -> config = secret(set(config, NS + "registryUsername",
                        lookup.apply(NS + "registryUsername")), NS + "registryPassword", lookup.apply(NS + "registryPassword"));
                case "environment" -> config = set(config, key, base.stack());
                // One identity at a time: the stack's Pod Identity makes way for the role or the OIDC provider.
                case "backup.oidcProvider", "backup.roleArn" -> config = set(SuggestedFix.removePath(config, NS + "backup.eksCluster"), key,
                        standIn(s, lookup, key));
                default -> config = set(config, key, standIn(s, lookup, key));
            }
            return Optional.of(config).filter(valid);
        } catch (AssertionError e) {
            return Optional.empty();   // no value a user would give this setting alone (e.g. a CDN field where the stack has no CDN)
        }
    }

    private static String standIn(Setting s, Function<String, String> lookup, String key) {
        if (s.fallback() instanceof Setting.Literal literal) {
            return literal.value();
        }
        return s.kind().infrastructure() ? lookup.apply(key) : s.example();
    }

    /** The mutations of one setting, as it stands in {@code config}. */
    public static List<Mutation> of(RawStackConfig config, Setting s) {
        String key = NS + s.key();
        String v = value(config, key).orElseThrow();
        List<Mutation> all = new ArrayList<>();
        BiPredicate<String, String> itself = (k, p) -> k.equals(key) || k.startsWith(key + ".");
        // Typos of the key: the last segment, then each parent.
        String[] parts = s.key().split("\\.");
        for (int depth = parts.length - 1; depth >= 0; depth--) {
            String typo = typo(parts[depth]);
            String renamed = NS + String.join(".", java.util.Arrays.copyOfRange(parts, 0, depth)) + (depth > 0 ? "." : "") + typo;
            String intended = parts[depth];
            all.add(new Mutation("typo", parts[depth] + " -> " + typo + " (depth " + depth + ")", rename(config, key, depth, typo),
                    (k, p) -> k.equals(renamed) && p.contains("'" + intended + "'")));
        }
        if (s.secret()) {
            Set<String> secrets = new HashSet<>(config.secretKeys());
            secrets.remove(key);
            all.add(new Mutation("plaintext", "stored without --secret", new RawStackConfig(config.stack(), config.values(), secrets), itself));
            return all;
        }
        all.add(new Mutation("shape", "an object where the value belongs", setNode(config, key, JSON.createObjectNode().put("value", v)), itself));
        if (parts.length > 1) {
            String parent = NS + String.join(".", java.util.Arrays.copyOf(parts, parts.length - 1));
            all.add(new Mutation(parts.length == 2 ? "shape-top" : "shape", "a value where the object " + parent + " belongs",
                    setNode(config, parent, TextNode.valueOf(v)),
                    (k, p) -> k.equals(parent) || k.startsWith(parent + ".")));
        }
        all.add(new Mutation("space", "'" + v + " '", set(config, key, v + " "), itself));
        all.add(new Mutation("space", "' " + v + "'", set(config, key, " " + v), itself));
        for (String bad : outOfRange(s.kind())) {
            all.add(new Mutation("range", "'" + bad + "'", set(config, key, bad), itself));
        }
        if (s.kind() == Kind.MEMORY) {
            String bare = v.replaceAll("[^0-9].*$", "");   // what was meant, written without its unit
            all.add(new Mutation("unit", "'" + bare + "'", set(config, key, bare), itself));
        }
        Optional<String> placeholder = placeholder(s.kind(), v);
        if (placeholder.isPresent() && (config.stack().equals("staging") || config.stack().equals("production"))) {
            all.add(new Mutation("placeholder", "'" + placeholder.get() + "'", set(config, key, placeholder.get()), itself));
        }
        return all;
    }

    private static List<String> outOfRange(Kind kind) {
        return switch (kind) {
            case NAME -> List.of("Bad_Name!");
            case CHOICE -> List.of("nonsense-choice");
            case BOOL -> List.of("maybe");
            case COUNT -> List.of("0", "-3", "two");
            case PERCENT -> List.of("1000", "-1");
            case SECONDS -> List.of("-1", "fast");
            case CPU -> List.of("-1", "2Gb");
            case MEMORY -> List.of("-1Gi", "lots");
            case CRON -> List.of("0 25 * * *", "@nightly", "0 2 * * 7");
            case DAYS -> List.of("0");
            case HOST -> List.of("bad_host!");
            case HOSTS -> List.of("bad_host!,verto.com");
            case ORIGIN -> List.of("ftp://verto.com/path");
            case PORT -> List.of("70000", "0");
            case CIDRS -> List.of("10.0.0.300/24", "10.0.0.0/33", "10.0.0.5/24");
            case REGION -> List.of("Frankfurt");
            case ARN -> List.of("arn:aws:s3:::not-this-service", "not-an-arn");
            case BUCKET -> List.of("Bad_Bucket");
            case DATABASE, USER -> List.of("bad user:name");
            case REGISTRY -> List.of("Bad Registry");
            case RELEASE -> List.of("latest", "2.0.0-SNAPSHOT");
            case OBJECT_KEY -> List.of("latest", "not a version!");
            case CLUSTER -> List.of("bad cluster!");
            case TEXT, PATH, CONTEXT, SECRET -> List.of();   // any text is a valid reason, directory or context name
        };
    }

    private static Optional<String> placeholder(Kind kind, String v) {
        if (!kind.infrastructure()) {
            return Optional.empty();
        }
        return Optional.of(switch (kind) {
            case ARN -> v.replaceAll("\\d{12}", "123456789012");
            case HOST, HOSTS -> "replace-me.example.com";
            case ORIGIN -> "https://example.com";
            case CIDRS -> "<subnet>";
            case REGION -> "<region>";
            case PORT -> "<port>";
            case RELEASE -> "<tag>";
            case CONTEXT -> "<kubeconfig-context>";
            case CLUSTER -> "<cluster>";
            case REGISTRY -> "registry.example.com/team/app";
            case OBJECT_KEY -> "<version id>";
            default -> "replace-me";
        });
    }

    /** A near miss of a key segment: two letters swapped (or, for a short one, a letter doubled). */
    static String typo(String segment) {
        if (segment.length() < 3) {
            return segment + segment.charAt(segment.length() - 1);
        }
        char[] c = segment.toCharArray();
        int i = c[1] != c[2] ? 1 : segment.length() - 2;
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        return new String(c);
    }

    /** The config as comparable data: every leaf by its full path, and which keys are secret. */
    public static Map<String, String> normalized(RawStackConfig raw) {
        Map<String, String> flat = new TreeMap<>();
        raw.values().forEach((k, v) -> flatten(k, parse(v), flat));
        raw.secretKeys().forEach(k -> flat.put(k + "#secret", "true"));
        return flat;
    }

    private static void flatten(String key, JsonNode node, Map<String, String> flat) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(key + "." + e.getKey(), e.getValue(), flat));
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            flat.put(key, String.join(",", items));
        } else {
            flat.put(key, node.asText());
        }
    }

    private static Optional<String> value(RawStackConfig raw, String key) {
        String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        String text = raw.values().get(top);
        if (text == null) {
            return Optional.empty();
        }
        if (!key.contains(".")) {
            return Optional.of(text);
        }
        JsonNode node = parse(text);
        for (String part : key.substring(key.indexOf('.') + 1).split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isNull() || node.isObject()) {
            return Optional.empty();
        }
        Map<String, String> one = new HashMap<>();
        flatten("v", node, one);
        return Optional.of(one.get("v"));
    }

    private static JsonNode parse(String text) {
        String t = text.strip();
        if (t.startsWith("{") || t.startsWith("[")) {
            try {
                return JSON.readTree(t);
            } catch (IOException e) {
                // a plain value after all
            }
        }
        return TextNode.valueOf(text);
    }

    private static RawStackConfig set(RawStackConfig raw, String key, String value) {
        return setNode(raw, key, TextNode.valueOf(value));
    }

    private static RawStackConfig secret(RawStackConfig raw, String key, String value) {
        RawStackConfig withValue = set(raw, key, value);
        Set<String> secrets = new HashSet<>(withValue.secretKeys());
        secrets.add(key);
        return new RawStackConfig(raw.stack(), withValue.values(), secrets);
    }

    /** Sets a top-level key's raw text, or a node inside its object (creating the objects on the way). */
    private static RawStackConfig setNode(RawStackConfig raw, String key, JsonNode value) {
        Map<String, String> values = new HashMap<>(raw.values());
        if (!key.contains(".")) {
            values.put(key, value.isTextual() ? value.textValue() : value.toString());
            return new RawStackConfig(raw.stack(), values, raw.secretKeys());
        }
        String top = key.substring(0, key.indexOf('.'));
        String[] fields = key.substring(key.indexOf('.') + 1).split("\\.");
        JsonNode current = values.containsKey(top) ? parse(values.get(top)) : JSON.createObjectNode();
        ObjectNode root = current instanceof ObjectNode o ? o : JSON.createObjectNode();
        ObjectNode node = root;
        for (int i = 0; i < fields.length - 1; i++) {
            node = node.get(fields[i]) instanceof ObjectNode o ? o : node.putObject(fields[i]);
        }
        node.set(fields[fields.length - 1], value);
        values.put(top, root.toString());
        return new RawStackConfig(raw.stack(), values, raw.secretKeys());
    }

    /** Renames the key's segment at {@code depth} (0 = the top-level key), moving everything under it. */
    private static RawStackConfig rename(RawStackConfig raw, String key, int depth, String typo) {
        String[] parts = key.substring(NS.length()).split("\\.");
        Map<String, String> values = new HashMap<>(raw.values());
        Set<String> secrets = new HashSet<>(raw.secretKeys());
        String top = NS + parts[0];
        if (depth == 0) {
            values.put(NS + typo, values.remove(top));
            if (secrets.remove(top)) {
                secrets.add(NS + typo);
            }
            return new RawStackConfig(raw.stack(), values, secrets);
        }
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(values.get(top));
            ObjectNode node = root;
            for (int i = 1; i < depth; i++) {
                node = (ObjectNode) node.get(parts[i]);
            }
            node.set(typo, node.remove(parts[depth]));
            values.put(top, root.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RawStackConfig(raw.stack(), values, secrets);
    }
}
