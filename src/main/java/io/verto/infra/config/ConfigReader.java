package io.verto.infra.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads declared {@link Setting}s out of a {@link RawStackConfig}, collecting every problem (with its
 * key and fix) instead of stopping at the first. Keys and object fields that no setting declares are
 * reported as unknown. Values are never echoed for secret keys.
 */
final class ConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RawStackConfig raw;
    private final String namespace;
    private final List<Setting> declared;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, Optional<JsonNode>> objects = new HashMap<>();

    ConfigReader(RawStackConfig raw, String namespace, List<Setting> declared) {
        this.raw = raw;
        this.namespace = namespace;
        this.declared = List.copyOf(declared);
    }

    String stack() {
        return raw.stack();
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /** The full key, e.g. {@code verto:database.host}. */
    String key(Setting setting) {
        return namespace + ":" + setting.key();
    }

    void problem(Setting setting, String problem, String fix) {
        problems.add(new ConfigProblem(key(setting), problem, fix));
    }

    /** The usual fix: a {@code pulumi config set} for this stack, with {@code --path} for object fields. */
    String setCommand(Setting setting, String value) {
        return setCommand(key(setting), value);
    }

 private String setCommand(String key, String value) {
        // A value with spaces (a cron schedule) is quoted, as the shell needs it.
        if (value.contains(" ") && !value.startsWith("\"")) {
            value = "\"" + value + "\"";
        }
        return "pulumi config set " + (key.contains(".") ? "--path " : "") + key + " " + value + " --stack " + raw.stack();
    }

    private String setSecretCommand(String key) {
        return "pulumi config set --secret " + key + " <value> --stack " + raw.stack();
    }

    /** The setting's text as given, or empty when it is absent or blank. */
    Optional<String> text(Setting setting) {
        if (setting.field() == null) {
            return Optional.ofNullable(raw.values().get(key(setting))).filter(v -> !v.isBlank());
        }
        return object(setting.topLevel()).flatMap(node -> {
            JsonNode value = node;
            for (String part : setting.field().split("\\.")) {
                value = value.isObject() && value.hasNonNull(part) ? value.get(part) : null;
                if (value == null) {
                    return Optional.empty();
                }
            }
            String text = value.isTextual() ? value.textValue() : value.toString();
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        });
    }

    /**
     * True for a field of an object setting whose value is not an object: that object's own problem
     * covers it (its fields can't be set with --path until it is removed).
     */
    boolean inMalformedObject(Setting setting) {
        String value = raw.values().get(namespace + ":" + setting.topLevel());
        return setting.field() != null && value != null && !value.isBlank() && object(setting.topLevel()).isEmpty();
    }

    /** True when the object setting (e.g. {@code autoscaling}) is given at all. */
    boolean present(String topLevel) {
        return object(topLevel).isPresent();
    }

    /**
     * Reads and parses a plain (non-secret) setting. A missing required setting and a parse failure (with
     * the parser's message) are recorded as problems, with the setting's example as the fix.
     */
    <T> Optional<T> read(Setting setting, Function<String, T> parser) {
        Optional<String> text = text(setting);
        if (text.isEmpty()) {
            if (setting.need() == Setting.Need.REQUIRED && !inMalformedObject(setting)) {
                problem(setting, "is required but not set", setCommand(setting, setting.exampleFor(stack())));
            }
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text.get().trim()));
        } catch (IllegalArgumentException e) {
            problem(setting, e.getMessage(), setCommand(setting, setting.exampleFor(stack())));
            return Optional.empty();
        }
    }

    /** Reads a setting declared with {@link Setting#defaulting}, falling back to its default when absent or wrong. */
    <T> T readOrDefault(Setting setting, Function<String, T> parser) {
        if (!setting.hasLiteralDefault()) {
            throw new IllegalStateException(setting.key() + " has no literal default");
        }
        return read(setting, parser).orElseGet(() -> parser.apply(setting.example()));
    }

    /** Reads a secret: a required one must be present; any given one must be stored as a Pulumi secret. */
    Optional<SecretValue> secret(Setting setting) {
        String key = key(setting);
        String value = raw.values().get(key);
        if (value == null || value.isEmpty()) {
            if (setting.need() == Setting.Need.SECRET) {
                problem(setting, "is required but not set", setSecretCommand(key));
            }
            return Optional.empty();
        }
        if (!raw.secretKeys().contains(key)) {
            // Don't print the value: it is a secret that was stored in plain text.
            problem(setting, "is stored in plain text in the stack file but must be a secret",
                    "pulumi config rm " + key + " --stack " + raw.stack() + " && " + setSecretCommand(key));
            return Optional.empty();
        }
        return Optional.of(new SecretValue(key, value));
    }

    /** An object-valued key such as {@code verto:database}, parsed once; problems with it are recorded once. */
    private Optional<JsonNode> object(String topLevel) {
        return objects.computeIfAbsent(topLevel, this::parseObject);
    }

    private Optional<JsonNode> parseObject(String topLevel) {
        String key = namespace + ":" + topLevel;
        String text = raw.values().get(key);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<Setting> fields = declared.stream().filter(s -> s.field() != null && s.topLevel().equals(topLevel)).toList();
        Set<String> names = childNames(fields, "");
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            // The fix replaces the value by an object holding every required field (or the first field).
            List<Setting> required = fields.stream().filter(s -> s.need() == Setting.Need.REQUIRED).toList();
            StringBuilder fix = new StringBuilder("pulumi config rm " + key + " --stack " + raw.stack());
            for (Setting field : required.isEmpty() ? fields.subList(0, 1) : required) {
                fix.append(" && ").append(setCommand(field, field.exampleFor(stack())));
            }
            problems.add(new ConfigProblem(key, "must be an object with the fields " + names + ", got '" + text + "'", fix.toString()));
            return Optional.empty();
        }
        reportUnknownFields(key, node, fields, "");
        return Optional.of(node);
    }

    /** Names one level below {@code prefix} (e.g. {@code frontend} under {@code containers}) among the fields. */
    private static Set<String> childNames(List<Setting> fields, String prefix) {
        Set<String> names = new LinkedHashSet<>();
        for (Setting s : fields) {
            if (s.field().startsWith(prefix)) {
                names.add(s.field().substring(prefix.length()).split("\\.")[0]);
            }
        }
        return names;
    }

    private void reportUnknownFields(String key, JsonNode node, List<Setting> fields, String prefix) {
        Set<String> names = childNames(fields, prefix);
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            String path = prefix + field;
            if (!names.contains(field)) {
                problems.add(new ConfigProblem(key + "." + path, "is not a known field" + suggestion(field, names)
                        + "; known fields are " + names, "pulumi config rm --path " + key + "." + path + " --stack " + raw.stack()));
            } else if (node.get(field).isObject()) {
                reportUnknownFields(key, node.get(field), fields, path + ".");
            }
        }
    }

    /** Records every key in this reader's namespace that no setting declares: almost always a typo. */
    void reportUnknownKeys() {
        Set<String> known = new LinkedHashSet<>(declared.stream().map(Setting::topLevel).toList());
        raw.values().keySet().stream()
                .filter(k -> k.startsWith(namespace + ":"))
                .filter(k -> !known.contains(k.substring(namespace.length() + 1)))
                .sorted()
                .forEach(k -> problems.add(new ConfigProblem(k, "is not a known setting" + suggestion(k.substring(namespace.length() + 1), known),
                        "remove it with 'pulumi config rm " + k + " --stack " + raw.stack() + "' (settings are listed in README.md)")));
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
}
