package io.verto.infra.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The four environments of the deployment design (section 2.1). */
public enum Environment {
    DEVELOPMENT, TESTING, STAGING, PRODUCTION;

    /** The lower-case name used in labels, stack names and config values. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Environment> fromId(String id) {
        return Arrays.stream(values()).filter(e -> e.id().equals(id)).findFirst();
    }
}
