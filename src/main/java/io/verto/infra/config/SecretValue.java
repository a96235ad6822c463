package io.verto.infra.config;

import com.pulumi.core.Output;

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
}
