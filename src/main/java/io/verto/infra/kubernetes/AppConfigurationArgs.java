package io.verto.infra.kubernetes;

import com.pulumi.core.Output;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Arguments of {@link AppConfiguration}. */
public final class AppConfigurationArgs {
    private final Output<String> namespace;
    private final String partOf;
    private final Map<String, Map<String, String>> configMaps;
    private final String secretName;
    private final Map<String, Output<String>> secretData;

    private AppConfigurationArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "AppConfigurationArgs.namespace is required");
        this.partOf = b.partOf;
        this.configMaps = Map.copyOf(b.configMaps);
        this.secretName = b.secretName;
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
        private String partOf = "verto";
        private final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();
        private String secretName = "verto-secret";
        private final Map<String, Output<String>> secretData = new LinkedHashMap<>();

        /** Namespace of every object. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** The {@code app.kubernetes.io/part-of} label. Default {@code verto}. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** Adds a ConfigMap of plain, non-secret settings. None by default. */
        public Builder configMap(String name, Map<String, String> data) {
            configMaps.put(name, Map.copyOf(data));
            return this;
        }

        /** The Secret's name. Default {@code verto-secret} (design 5.3). */
        public Builder secretName(String name) { this.secretName = name; return this; }

        /**
         * Adds a Secret entry. The value is marked a Pulumi secret whatever its origin, so it is
         * encrypted in state and masked in previews and logs.
         */
        public Builder secret(String key, Output<String> value) {
            secretData.put(key, value.asSecret());
            return this;
        }

        public AppConfigurationArgs build() {
            return new AppConfigurationArgs(this);
        }
    }
}
