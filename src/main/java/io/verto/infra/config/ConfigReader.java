package io.verto.infra.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads declared {@link Setting}s out of a {@link RawStackConfig}, collecting every problem (with its key and
 * {@link Fix}) instead of stopping at the first. A value is checked for a stray space, a placeholder (staging and
 * production), its shape (a single value or an object where the setting expects one) and its meaning, in that
 * order; keys that no setting declares are reported at every depth ({@link UnknownKeys}). Values are never
 * echoed for secret keys.
 */
final class ConfigReader {
    private final RawStackConfig raw;
    private final String namespace;
    private final List<Setting> declared;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, Optional<JsonNode>> objects = new HashMap<>();
    private final Map<Setting, Optional<Object>> parsed = new HashMap<>();
    private final FixCommands commands;
    private Optional<Environment> environment = Optional.empty();
    private Optional<String> domain = Optional.empty();
    private boolean cdn;

    ConfigReader(RawStackConfig raw, String namespace, List<Setting> declared) {
        this.raw = raw;
        this.namespace = namespace;
        this.declared = List.copyOf(declared);
        this.commands = new FixCommands(raw.stack());
    }

    String stack() { return raw.stack(); }
    List<ConfigProblem> problems() { return problems; }
    List<Setting> declared() { return declared; }
    RawStackConfig raw() { return raw; }
    FixCommands commands() { return commands; }

    /** The stack's environment, once known: placeholders are refused by it, and derived defaults read it. */
    void environment(Optional<Environment> environment) { this.environment = environment; }

    Optional<Environment> environment() { return environment; }

    /** Whether the stack puts CloudFront in front of its ingress: the ACME challenge's default reads it. */
    void cdn(boolean cdn) { this.cdn = cdn; }

    /** The stack's domain, once read: derived defaults (the CORS origin, the CDN's aliases) read it. */
    void domain(Optional<String> domain) { this.domain = domain; }

    /** The full key, e.g. {@code verto:database.host}. */
    String key(Setting setting) {
        return namespace + ":" + setting.key();
    }

    void problem(Setting setting, String problem, Fix fix) {
        problems.add(new ConfigProblem(key(setting), problem, fix));
    }

    void problem(String key, String problem, Fix fix) {
        problems.add(new ConfigProblem(key, problem, fix));
    }

    /** A fix that sets this value. */
    Fix set(Setting setting, String value) {
        return Fix.run(commands.set(key(setting), value));
    }

    /** A fix that removes the setting (its default then applies). */
    Fix rm(Setting setting) {
        return Fix.run(commands.rm(key(setting)));
    }

    /**
     * A fix that gives the setting a right value when the user's own cannot be kept: for an infrastructure value
     * where to look it up, otherwise the setting's example.
     */
    Fix propose(Setting setting) {
        if (setting.secret()) {
            return Fix.find("the value of " + setting.description(), "your team's secret store; the command prompts for it",
                    commands.setSecret(key(setting)));
        }
        if (setting.kind().infrastructure()) {
            return Fix.find(setting.find().what(), setting.find().where(), commands.set(key(setting), Fix.VALUE));
        }
        return set(setting, setting.exampleFor(stack()));
    }

    /** The setting's node: a nested field, or a top-level value (JSON objects and lists parsed). */
    Optional<JsonNode> node(Setting setting) {
        if (setting.field() == null) {
            String text = raw.values().get(key(setting));
            return Optional.ofNullable(text).map(ConfigNodes::parse);
        }
        return object(setting.topLevel()).flatMap(node -> {
            JsonNode value = node;
            for (String part : setting.field().split("\\.")) {
                value = value.isObject() && value.hasNonNull(part) ? value.get(part) : null;
                if (value == null) {
                    return Optional.empty();
                }
            }
            return Optional.of(value);
        });
    }

    /** The setting's text as given (a list's items joined with commas), or empty when it is absent or blank. */
    Optional<String> text(Setting setting) {
        return node(setting).map(ConfigNodes::text).filter(t -> !t.isBlank());
    }

    /**
     * True for a field of an object setting whose value is not an object: that object's own problem covers it
     * (its fields can't be set with --path until it is fixed).
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
     * Reads and parses a plain setting. A missing required one, a stray space, a placeholder (staging and
     * production), a value of the wrong shape and one that does not parse are each recorded as a problem.
     */
    <T> Optional<T> read(Setting setting, Function<String, T> parser) {
        Optional<JsonNode> node = node(setting).filter(n -> !ConfigNodes.text(n).isBlank());
        if (node.isEmpty()) {
            if (setting.need() == Setting.Need.REQUIRED && !inMalformedObject(setting) && !misspelt(setting)) {
                problem(setting, "is required but not set", propose(setting));
            }
            return Optional.empty();
        }
        if (node.get().isObject() || (node.get().isArray() && !setting.kind().list())) {
            wrongShape(setting, node.get(), parser);
            return Optional.empty();
        }
        String text = ConfigNodes.text(node.get());
        if (!text.equals(text.strip())) {
            String trimmed = text.strip();
            try {
                parser.apply(trimmed);
                problem(setting, "'" + text + "' has a stray space", set(setting, trimmed));
            } catch (IllegalArgumentException e) {
                invalid(setting, e);
            }
            return Optional.empty();
        }
        Optional<String> placeholder = environment.filter(Placeholders::refusedIn).flatMap(e -> Placeholders.find(text));
        if (placeholder.isPresent()) {
            problem(setting, Placeholders.describe(text, placeholder.get()), propose(setting));
            return Optional.empty();
        }
        try {
            T value = parser.apply(text);
            parsed.put(setting, Optional.of(value));
            return Optional.of(value);
        } catch (IllegalArgumentException e) {
            invalid(setting, e);
            return Optional.empty();
        }
    }

    /**
     * An object or a list where a single value belongs. When it holds one value that parses, that is what the user
     * meant, and the fix keeps it; otherwise it removes the object (and proposes a value where one is needed).
     */
    private <T> void wrongShape(Setting setting, JsonNode node, Function<String, T> parser) {
        List<JsonNode> leaves = new ArrayList<>();
        ConfigNodes.collectLeaves(node, leaves);
        Optional<String> single = leaves.size() == 1 ? Optional.of(ConfigNodes.text(leaves.get(0))).filter(v -> ConfigNodes.parses(parser, v)) : Optional.empty();
        boolean needed = setting.need() == Setting.Need.REQUIRED || setting.need() == Setting.Need.REQUIRED_WHEN;
        Fix fix = single.map(v -> rm(setting).then(set(setting, v))).orElseGet(() -> needed ? rm(setting).then(propose(setting)) : rm(setting));
        problem(setting, "is " + (node.isObject() ? "an object" : "a list") + " where a single value belongs, got " + node, fix);
    }

    private void invalid(Setting setting, IllegalArgumentException e) {
        Optional<String> suggestion = e instanceof InvalidValue iv ? iv.suggestion() : Optional.empty();
        problem(setting, e.getMessage(), suggestion.map(v -> set(setting, v)).orElseGet(() -> propose(setting)));
    }

    /** Reads a setting with a default value or rule, falling back to the default when it is absent (or wrong). */
    <T> T readOrDefault(Setting setting, Function<String, T> parser) {
        return read(setting, parser).orElseGet(() -> {
            T value = parser.apply(defaultText(setting));
            parsed.put(setting, Optional.of(value));
            return value;
        });
    }

    /** The text of a setting's default. */
    String defaultText(Setting setting) {
        if (setting.fallback() instanceof Setting.Literal literal) {
            return literal.value();
        }
        if (setting.fallback() instanceof Setting.Derived derived) {
            return derived.value().apply(new Setting.DefaultContext(stack(), environment, domain, cdn,
                    s -> parsed.getOrDefault(s, Optional.empty())));
        }
        throw new IllegalStateException(setting.key() + " has no default value");
    }

    /** Records that a {@link Setting.Need#REQUIRED_WHEN} setting is missing, when it is, saying why it is needed. */
    void require(Setting setting, String why) {
        if (text(setting).isEmpty() && !inMalformedObject(setting) && !misspelt(setting)) {
            problem(setting, "is required " + why, propose(setting));
        }
    }

    /** Reads a secret: a required one must be present; any given one must be stored as a Pulumi secret. */
    Optional<SecretValue> secret(Setting setting) {
        return SecretValue.read(this, setting);
    }

    /**
     * True when the stack gives the setting a value, or a near miss of its key (whose unknown-key problem covers the
     * absence): an empty value is no value, so a required one is still reported.
     */
    boolean given(Setting setting) {
        String value = raw.values().get(key(setting));
        return (value != null && !value.isEmpty()) || misspelt(setting);
    }

    /** True when a near miss of the setting's key is in the stack (its unknown-key problem covers the absence). */
    boolean misspelt(Setting setting) {
        return new UnknownKeys(this, namespace).misspelt(setting);
    }

    /** An object-valued key such as {@code verto:database}, parsed once; its shape problems are recorded once. */
    private Optional<JsonNode> object(String topLevel) {
        return objects.computeIfAbsent(topLevel, t -> new UnknownKeys(this, namespace).object(t));
    }

    /** Records every key in this reader's namespace that no setting declares, at the top level. */
    void reportUnknownKeys() {
        new UnknownKeys(this, namespace).reportTopLevel();
    }

}
