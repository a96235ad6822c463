package io.verto.infra.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.verto.infra.serialization.Canonical;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A stack's configuration exactly as the Pulumi engine hands it to the program: every key with its
 * namespace ({@code verto:replicas}), object values as JSON text, secrets already decrypted and named
 * in {@code secretKeys}.
 *
 * @param stack      the stack name, used in every error message
 * @param values     all keys and their raw values
 * @param secretKeys the keys whose values were {@code secure:} in the stack file
 */
public record RawStackConfig(String stack, Map<String, String> values, Set<String> secretKeys) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RawStackConfig {
        values = Map.copyOf(values);
        secretKeys = Set.copyOf(secretKeys);
    }

    /**
     * Reads the configuration the language host passes to the program in {@code PULUMI_CONFIG} and
     * {@code PULUMI_CONFIG_SECRET_KEYS}. Reading the whole map (rather than asking for known keys one
     * by one) is what lets validation report keys that are misspelt.
     */
    public static RawStackConfig fromEngineEnvironment(String stack, Map<String, String> env) {
        String config = env.getOrDefault("PULUMI_CONFIG", "{}");
        String secrets = env.getOrDefault("PULUMI_CONFIG_SECRET_KEYS", "[]");
        try {
            Map<String, Object> parsed = JSON.readValue(config.isBlank() ? "{}" : config, new TypeReference<Map<String, Object>>() { });
            Map<String, String> values = new TreeMap<>();
            for (var entry : parsed.entrySet()) {
                Object v = entry.getValue();
                values.put(entry.getKey(), v instanceof String s ? s : Canonical.json(v));
            }
            List<String> secretKeys = JSON.readValue(secrets.isBlank() ? "[]" : secrets, new TypeReference<List<String>>() { });
            return new RawStackConfig(stack, values, Set.copyOf(secretKeys));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stack '" + stack + "': the engine passed configuration that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
