package io.verto.infra.config;

import java.util.Optional;

/**
 * A setting's value that does not parse, with the value the user most likely meant when it can be told from
 * what they wrote (a missing unit, the wrong case, a near miss among fixed choices). The reader turns the
 * suggestion into the fix; without one, the fix falls back to the setting's example or lookup.
 */
final class InvalidValue extends IllegalArgumentException {
    private final transient Optional<String> suggestion;

    InvalidValue(String message, Optional<String> suggestion) {
        super(message);
        this.suggestion = suggestion;
    }

    InvalidValue(String message, String suggestion) {
        this(message, Optional.of(suggestion));
    }

    Optional<String> suggestion() {
        return suggestion;
    }
}
