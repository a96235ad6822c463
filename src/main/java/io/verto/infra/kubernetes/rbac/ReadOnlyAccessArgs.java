package io.verto.infra.kubernetes.rbac;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Objects;

/** Arguments of {@link ReadOnlyAccess}. Required: namespace, partOf. */
public final class ReadOnlyAccessArgs {
    private final Output<String> namespace;
    private final String serviceAccountName;
    private final String roleName;
    private final List<String> readableSecrets;
    private final String partOf;

    private ReadOnlyAccessArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "ReadOnlyAccessArgs.namespace is required");
        this.serviceAccountName = b.serviceAccountName;
        this.roleName = b.roleName;
        this.readableSecrets = List.copyOf(b.readableSecrets);
        this.partOf = Objects.requireNonNull(b.partOf, "ReadOnlyAccessArgs.partOf is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output<String> namespace() { return namespace; }
    public String serviceAccountName() { return serviceAccountName; }
    public String roleName() { return roleName; }
    public List<String> readableSecrets() { return readableSecrets; }
    public String partOf() { return partOf; }

    public static final class Builder {
        private Output<String> namespace;
        private String serviceAccountName = "verto-service-account";
        private String roleName = "verto-role";
        private List<String> readableSecrets = List.of();
        private String partOf;

        /** Namespace the Role applies to. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** Default {@code verto-service-account} (design 7.3). */
        public Builder serviceAccountName(String name) { this.serviceAccountName = name; return this; }

        /** Role name; the binding is {@code <role>-binding}. Default {@code verto-role} (design 7.3). */
        public Builder roleName(String name) { this.roleName = name; return this; }

        /**
         * Secrets the account may {@code get} by name. Default none: the design's list/watch on all
         * secrets would hand out every credential in the namespace.
         */
        public Builder readableSecrets(String... names) { this.readableSecrets = List.of(names); return this; }

        /** {@code app.kubernetes.io/part-of}: the application the account reads. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        public ReadOnlyAccessArgs build() {
            return new ReadOnlyAccessArgs(this);
        }
    }
}
