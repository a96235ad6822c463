package io.verto.infra.config;

import com.pulumi.core.Output;

import java.util.Optional;

/**
 * A value that came from a Pulumi secret ({@code secure:}) config key. It never prints itself,
 * and only leaves this class as a secret {@link Output}, so it cannot end up in a log or a plain input.
 */
public final class SecretValue {
    private final String configKey;
    private final String value;

    SecretValue(String configKey, String value) {
        this.configKey = configKey;
        this.value = value;
    }

    /** The config key the value came from, e.g. {@code verto:jwtSecret}. */
    public String configKey() {
        return configKey;
    }

    public Output<String> asOutput() {
        return Output.ofSecret(value);
    }

    @Override
    public String toString() {
        return "[secret " + configKey + "]";
    }

    /** Reads a secret setting: a required one must be present; any given one must be stored as a Pulumi secret. */
    static Optional<SecretValue> read(ConfigReader r, Setting setting) {
        String key = r.key(setting);
        String value = r.raw().values().get(key);
        if (value == null || value.isEmpty()) {
            if (setting.need() == Setting.Need.SECRET && !r.misspelt(setting)) {
                r.problem(setting, "is required but not set", r.propose(setting));
            }
            return Optional.empty();
        }
        if (!r.raw().secretKeys().contains(key)) {
            // Don't print the value: it is a secret that was stored in plain text. The fix keeps it, encrypted.
            r.problem(setting, "is stored in plain text in the stack file but must be a secret", Fix.run(r.commands().setSecretFrom(key, key)));
            return Optional.empty();
        }
        return Optional.of(new SecretValue(key, value));
    }
}
