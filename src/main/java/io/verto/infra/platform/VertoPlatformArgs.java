package io.verto.infra.platform;

import java.util.Objects;

/** Arguments of {@link VertoPlatform}: the plan of one stack. */
public final class VertoPlatformArgs {
    private final StackPlan plan;

    private VertoPlatformArgs(Builder b) {
        this.plan = Objects.requireNonNull(b.plan, "VertoPlatformArgs.plan is required");
    }

    public static Builder builder() {
        return new Builder();
    }

    public StackPlan plan() {
        return plan;
    }

    public static final class Builder {
        private StackPlan plan;

        /** What the stack holds ({@link StackPlan#of}), from settings that validated. Required. */
        public Builder plan(StackPlan plan) { this.plan = plan; return this; }

        public VertoPlatformArgs build() {
            return new VertoPlatformArgs(this);
        }
    }
}
