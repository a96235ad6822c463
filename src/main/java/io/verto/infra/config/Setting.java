package io.verto.infra.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One stack setting as its section declares it: the key under {@code verto:}, its kind, whether it is needed,
 * its default (a value, a rule that computes it, or none), and what it does. Sections read their values only
 * through their declared settings, so the unknown-key check, the fixes and the generated reference ({@link
 * SettingsReference}) all come from this one declaration: a default is stated here once, and the reference's
 * text is made from it.
 *
 * @param key          key under the {@code verto} namespace; object fields as {@code database.host}
 * @param kind         what kind of value it is (decides whether a fix may propose one)
 * @param need         required, conditionally required, optional, or a secret
 * @param requiredWhen for {@link Need#REQUIRED_WHEN}: when, e.g. {@code outside development}
 * @param fallback     what applies when it is not set
 * @param example      a valid value a fix may propose (never for an infrastructure kind); {@code {stack}} is the stack
 * @param find         for infrastructure kinds: what the value is and where to look it up
 * @param description  what the setting does
 */
public record Setting(String key, Kind kind, Need need, String requiredWhen, Default fallback, String example, Lookup find,
                      String description) {
    /** How a setting must be given. */
    public enum Need { REQUIRED, REQUIRED_WHEN, OPTIONAL, SECRET, OPTIONAL_SECRET }

    /**
     * Where the user finds an infrastructure value.
     *
     * @param what  the value, e.g. {@code the MySQL endpoint's host name}
     * @param where the command or console page that shows it
     */
    public record Lookup(String what, String where) { }

    /**
     * What applies when a setting is not set, and how the reference states it.
     */
    public sealed interface Default {
        /** The reference's text for this default. */
        String text();
    }

    /**
     * A fixed value.
     *
     * @param value the value, as it would be written in the stack file
     */
    public record Literal(String value) implements Default {
        public String text() {
            return "`" + value + "`";
        }
    }

    /**
     * Nothing: the setting's feature is off, or something else is used.
     *
     * @param meaning what not setting it means, e.g. {@code SSE-S3}; empty for plain "none"
     */
    public record None(String meaning) implements Default {
        public String text() {
            return meaning.isEmpty() ? "none" : "none: " + meaning;
        }
    }

    /**
     * A value computed from the stack (its name, environment, domain or another setting).
     *
     * @param rule  the rule, as the reference states it
     * @param value computes the value's text
     */
    public record Derived(String rule, Function<DefaultContext, String> value) implements Default {
        public String text() {
            return rule;
        }
    }

    /**
     * What a {@link Derived} default may read.
     *
     * @param stack       the stack's name
     * @param environment the stack's environment, when it is known
     * @param domain      the stack's domain, when it read cleanly
     * @param cdn         whether the stack puts CloudFront in front of its ingress
     * @param parsed      the parsed value of a setting read earlier, when it read cleanly
     */
    public record DefaultContext(String stack, Optional<Environment> environment, Optional<String> domain, boolean cdn,
                                 Function<Setting, Optional<Object>> parsed) { }

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, key);
        Objects.requireNonNull(need, key);
        Objects.requireNonNull(fallback, key);
        Objects.requireNonNull(description, key);
        if (kind.infrastructure() && find == null && need != Need.SECRET && need != Need.OPTIONAL_SECRET) {
            throw new IllegalArgumentException(key + ": an infrastructure setting needs a lookup (where the user finds its value)");
        }
        if (!kind.infrastructure() && example == null) {
            throw new IllegalArgumentException(key + ": a setting a fix may propose a value for needs an example");
        }
    }

    /** Starts the declaration of a setting. */
    public static Builder of(String key, Kind kind) {
        return new Builder(key, kind);
    }

    /** The top-level key: {@code database} for {@code database.host}. */
    public String topLevel() {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** The field of an object setting ({@code host} for {@code database.host}), or null for a plain one. */
    public String field() {
        int dot = key.indexOf('.');
        return dot < 0 ? null : key.substring(dot + 1);
    }

    /** True for secrets, which are only ever set with {@code --secret}. */
    public boolean secret() {
        return need == Need.SECRET || need == Need.OPTIONAL_SECRET;
    }

    String exampleFor(String stack) {
        return example.replace("{stack}", stack);
    }

    /** Declares a {@link Setting}; {@link #describe} finishes it. */
    public static final class Builder {
        private final String key;
        private final Kind kind;
        private Need need = Need.OPTIONAL;
        private String requiredWhen = "";
        private Default fallback = new None("");
        private String example;
        private Lookup find;

        private Builder(String key, Kind kind) {
            this.key = key;
            this.kind = kind;
        }

        /** Must be set. */
        public Builder required() { need = Need.REQUIRED; return this; }

        /** Must be set in some stacks, e.g. {@code outside development}; the section checks when. */
        public Builder requiredWhen(String condition) { need = Need.REQUIRED_WHEN; requiredWhen = condition; return this; }

        /** Defaults to this value, which is also the example a fix proposes. */
        public Builder defaultsTo(String value) {
            fallback = new Literal(value);
            if (example == null && !kind.infrastructure()) {
                example = value;
            }
            return this;
        }

        /** Defaults to a value computed by {@code rule}. */
        public Builder defaultsTo(String rule, Function<DefaultContext, String> value) { fallback = new Derived(rule, value); return this; }

        /** Not set means {@code meaning} (e.g. {@code SSE-S3}). */
        public Builder noneMeans(String meaning) { fallback = new None(meaning); return this; }

        /** A required secret. */
        public Builder secret() { need = Need.SECRET; return this; }

        /** An optional secret. */
        public Builder optionalSecret() { need = Need.OPTIONAL_SECRET; return this; }

        /** A valid value a fix may propose (not for infrastructure kinds). */
        public Builder example(String value) { example = value; return this; }

        /** For infrastructure kinds: what the value is and where the user looks it up. */
        public Builder find(String what, String where) { find = new Lookup(what, where); return this; }

        public Setting describe(String description) {
            return new Setting(key, kind, need, requiredWhen, fallback, example, find, description);
        }
    }
}
