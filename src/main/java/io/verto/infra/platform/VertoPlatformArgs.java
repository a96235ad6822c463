package io.verto.infra.platform;

import io.verto.infra.config.ConfigProblem;
import io.verto.infra.config.StackConfigException;
import io.verto.infra.config.StackSettings;

import java.util.List;

import java.util.Objects;

/** Arguments of {@link VertoPlatform}: the validated settings of one stack. */
public final class VertoPlatformArgs {
    private final StackSettings settings;

    private VertoPlatformArgs(Builder b) {
        this.settings = Objects.requireNonNull(b.settings, "VertoPlatformArgs.settings is required");
        // The plan as a whole is checked here, before the platform or any child is registered.
        List<ConfigProblem> problems = VertoPlatform.planProblems(settings);
        if (!problems.isEmpty()) {
            throw new StackConfigException(settings.stack(), problems);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public StackSettings settings() {
        return settings;
    }

    public static final class Builder {
        private StackSettings settings;

        /** The stack's validated settings (see {@code StackSettingsLoader}). Required. */
        public Builder settings(StackSettings settings) { this.settings = settings; return this; }

        public VertoPlatformArgs build() {
            return new VertoPlatformArgs(this);
        }
    }
}
