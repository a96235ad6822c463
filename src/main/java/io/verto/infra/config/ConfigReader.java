package io.verto.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed values out of a {@link RawStackConfig}, collecting every problem instead of stopping at
 * the first, and remembering which keys (and object fields) were read so unknown ones can be reported.
 * Values are never echoed for secret keys.
 */
final class ConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RawStackConfig raw;
    private final String namespace;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> readKeys = new HashSet<>();

    ConfigReader(RawStackConfig raw, String namespace) {
        this.raw = raw;
        this.namespace = namespace;
    }

    String stack() {
        return raw.stack();
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    String key(String name) {
        return namespace + ":" + name;
    }

    void problem(String key, String problem, String fix) {
        problems.add(new ConfigProblem(key, problem, fix));
    }

    /** The usual fix: a {@code pulumi config set} for this stack, with {@code --path} for object fields. */
    String setCommand(String key, String example) {
        boolean path = key.contains(".");
        return "pulumi config set " + (path ? "--path " : "") + key + " " + example + " --stack " + raw.stack();
    }

    String setSecretCommand(String key) {
        return "pulumi config set --secret " + key + " <value> --stack " + raw.stack();
    }

    Optional<String> string(String name) {
        String key = key(name);
        readKeys.add(key);
        return Optional.ofNullable(raw.values().get(key)).filter(v -> !v.isBlank());
    }

    Optional<String> requiredString(String name, String example) {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            problem(key(name), "is required but not set", setCommand(key(name), example));
        }
        return value;
    }

    /** Reads a plain (non-secret) value and parses it; a parse failure is recorded with the parser's message. */
    <T> Optional<T> parsed(String name, String example, boolean required, Function<String, T> parser) {
        Optional<String> text = required ? requiredString(name, example) : string(name);
        return text.flatMap(t -> parse(key(name), t, example, parser));
    }

    <T> Optional<T> parse(String key, String text, String example, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(text.trim()));
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage(), setCommand(key, example));
            return Optional.empty();
        }
    }

    Optional<SecretValue> secret(String name) {
        String key = key(name);
        readKeys.add(key);
        String value = raw.values().get(key);
        if (value == null || value.isEmpty()) {
            problem(key, "is required but not set", setSecretCommand(key));
            return Optional.empty();
        }
        if (!raw.secretKeys().contains(key)) {
            // Don't print the value: it is a secret that was stored in plain text.
            problem(key, "is stored in plain text in the stack file but must be a secret",
                    "pulumi config rm " + key + " --stack " + raw.stack() + " && " + setSecretCommand(key));
            return Optional.empty();
        }
        return Optional.of(new SecretValue(key, value));
    }

    /** An object-valued key such as {@code verto:database}; missing means empty. */
    ConfigObject object(String name, Set<String> fields) {
        String key = key(name);
        readKeys.add(key);
        String text = raw.values().get(key);
        if (text == null || text.isBlank()) {
            return new ConfigObject(this, key, null);
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isObject()) {
                problem(key, "must be an object with the fields " + fields + ", got '" + text + "'",
                        setCommand(key + "." + fields.iterator().next(), "<value>"));
                return new ConfigObject(this, key, null);
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!fields.contains(field)) {
                    problem(key + "." + field, "is not a known field" + suggestion(field, fields) + "; known fields are " + fields,
                            "pulumi config rm --path " + key + "." + field + " --stack " + raw.stack());
                }
            }
            return new ConfigObject(this, key, node);
        } catch (java.io.IOException e) {
            problem(key, "is not a valid object", setCommand(key + "." + fields.iterator().next(), "<value>"));
            return new ConfigObject(this, key, null);
        }
    }

    /** Records every key in this reader's namespace that nothing asked for: almost always a typo. */
    void reportUnknownKeys(Set<String> documented) {
        raw.values().keySet().stream()
                .filter(k -> k.startsWith(namespace + ":"))
                .filter(k -> !readKeys.contains(k))
                .sorted()
                .forEach(k -> problem(k, "is not a known setting" + suggestion(k.substring(namespace.length() + 1), documented),
                        "remove it with 'pulumi config rm " + k + " --stack " + raw.stack() + "' (settings are listed in README.md)"));
    }

    private static String suggestion(String name, Set<String> candidates) {
        return candidates.stream()
                .min(Comparator.comparingInt(c -> distance(c.toLowerCase(), name.toLowerCase())))
                .filter(c -> distance(c.toLowerCase(), name.toLowerCase()) <= Math.max(2, name.length() / 3))
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse("");
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** One object-valued setting; its fields are read with the same problem collection. */
    static final class ConfigObject {
        private final ConfigReader reader;
        private final String key;
        private final JsonNode node;

        ConfigObject(ConfigReader reader, String key, JsonNode node) {
            this.reader = reader;
            this.key = key;
            this.node = node;
        }

        boolean present() {
            return node != null;
        }

        String fieldKey(String field) {
            return key + "." + field;
        }

        Optional<String> string(String field) {
            if (node == null || !node.hasNonNull(field)) {
                return Optional.empty();
            }
            JsonNode value = node.get(field);
            String text = value.isTextual() ? value.textValue() : value.toString();
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        }

        Optional<String> requiredString(String field, String example) {
            Optional<String> value = string(field);
            if (value.isEmpty()) {
                reader.problem(fieldKey(field), "is required but not set", reader.setCommand(fieldKey(field), example));
            }
            return value;
        }

        <T> Optional<T> parsed(String field, String example, boolean required, Function<String, T> parser) {
            Optional<String> text = required ? requiredString(field, example) : string(field);
            return text.flatMap(t -> reader.parse(fieldKey(field), t, example, parser));
        }
    }
}
