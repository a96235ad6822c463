package io.verto.infra.kubernetes.configuration;

import com.pulumi.core.Output;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Arguments of {@link AppConfiguration}. Required: namespace, partOf, secretName. */
public final class AppConfigurationArgs {
    private final Output<String> namespace;
    private final String partOf;
    private final Map<String, Map<String, String>> configMaps;
    private final String secretName;
    private final Map<String, Output<String>> secretData;

    private AppConfigurationArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "AppConfigurationArgs.namespace is required");
        this.partOf = Objects.requireNonNull(b.partOf, "AppConfigurationArgs.partOf is required");
        this.configMaps = Map.copyOf(b.configMaps);
        this.secretName = Objects.requireNonNull(b.secretName, "AppConfigurationArgs.secretName is required");
        this.secretData = Map.copyOf(b.secretData);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output<String> namespace() { return namespace; }
    public String partOf() { return partOf; }
    public Map<String, Map<String, String>> configMaps() { return configMaps; }
    public String secretName() { return secretName; }
    public Map<String, Output<String>> secretData() { return secretData; }

    public static final class Builder {
        private Output<String> namespace;
        private String partOf;
        private final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        private String secretName;
        private final Map<String, Output<String>> secretData = new LinkedHashMap<>();

        /** Namespace of every object. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** The {@code app.kubernetes.io/part-of} label: the application configured. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** Adds a ConfigMap of plain, non-secret settings. None by default. */
        public Builder configMap(String name, Map<String, String> data) {
            configMaps.put(name, Map.copyOf(data));
            return this;
        }

        /** The Secret's name. Required. */
        public Builder secretName(String name) { this.secretName = name; return this; }

        /**
         * Adds a Secret entry. The value is marked a Pulumi secret whatever its origin, so it is
         * encrypted in state and masked in previews and logs.
         */
        public Builder secret(String key, Output<String> value) {
            secretData.put(key, value.asSecret());
            return this;
        }

        /** Adds Secret entries, in order, as {@link #secret} does. */
        public Builder secrets(Map<String, Output<String>> entries) {
            entries.forEach(this::secret);
            return this;
        }

        public AppConfigurationArgs build() {
            return new AppConfigurationArgs(this);
        }
    }
}
