package io.verto.infra.monitoring;

import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Arguments of {@link VerticalAutoscaling}. Required: namespace, partOf, at least one target. */
public final class VerticalAutoscalingArgs {
    private final Output<String> namespace;
    private final String partOf;
    private final List<VerticalPodAutoscalerSpec> targets;

    private VerticalAutoscalingArgs(Builder b) {
        this.namespace = Objects.requireNonNull(b.namespace, "VerticalAutoscalingArgs.namespace is required");
        this.partOf = Objects.requireNonNull(b.partOf, "VerticalAutoscalingArgs.partOf is required");
        if (b.targets.isEmpty()) {
            throw new IllegalArgumentException("VerticalAutoscalingArgs: at least one target is required");
        }
        this.targets = List.copyOf(b.targets);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Output<String> namespace() { return namespace; }
    public String partOf() { return partOf; }
    public List<VerticalPodAutoscalerSpec> targets() { return targets; }

    public static final class Builder {
        private Output<String> namespace;
        private String partOf;
        private final List<VerticalPodAutoscalerSpec> targets = new ArrayList<>();

        /** Namespace of the Deployments and their VPAs. Required. */
        public Builder namespace(Output<String> namespace) { this.namespace = namespace; return this; }

        /** {@code app.kubernetes.io/part-of} of the VPAs. Required. */
        public Builder partOf(String partOf) { this.partOf = partOf; return this; }

        /** Adds one VPA: a Deployment's container, its bounds and mode. */
        public Builder target(VerticalPodAutoscalerSpec target) { this.targets.add(target); return this; }

        public VerticalAutoscalingArgs build() {
            return new VerticalAutoscalingArgs(this);
        }
    }
}
