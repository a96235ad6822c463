package io.verto.infra.kubernetes.configuration;

import com.pulumi.core.Output;

import java.util.Objects;

/** Arguments of {@link RegistryPullSecret}. Required: namespace, partOf, name, registry, username, password. */
public final class RegistryPullSecretArgs {
    private final Output<String> namespace;
    private final String partOf;
    private final String name;
    private final String registry;
    private final String username;
    private final Output<String> password;

    private RegistryPullSecretArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "RegistryPullSecretArgs.namespace is required");
        this.partOf = Objects.requireNonNull(b.partOf, "RegistryPullSecretArgs.partOf is required");
        this.name = Objects.requireNonNull(b.name, "RegistryPullSecretArgs.name is required");
        this.registry = Objects.requireNonNull(b.registry, "RegistryPullSecretArgs.registry is required");
        this.username = Objects.requireNonNull(b.username, "RegistryPullSecretArgs.username is required");
        this.password = Objects.requireNonNull(b.password, "RegistryPullSecretArgs.password is required").asSecret();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output<String> namespace() { return namespace; }
    public String partOf() { return partOf; }
    public String name() { return name; }
    public String registry() { return registry; }
    public String username() { return username; }
    public Output<String> password() { return password; }

    public static final class Builder {
        private Output<String> namespace;
        private String partOf;
        private String name;
        private String registry;
        private String username;
        private Output<String> password;

        /** Namespace of the Secret (pods can only use pull secrets of their own namespace). Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** {@code app.kubernetes.io/part-of}. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** The Secret's name, which pods list in {@code imagePullSecrets}. Required. */
        public Builder name(String name) { this.name = name; return this; }

        /** The registry host, e.g. {@code registry.gitlab.com}. Required. */
        public Builder registry(String registry) { this.registry = registry; return this; }

        /** The registry user (for GitLab, a deploy token's name). Required. */
        public Builder username(String username) { this.username = username; return this; }

        /** The password or token; always handled as a Pulumi secret. Required. */
        public Builder password(Output<String> password) { this.password = password; return this; }

        public RegistryPullSecretArgs build() {
            return new RegistryPullSecretArgs(this);
        }
    }
}
