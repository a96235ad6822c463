package io.verto.infra.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The settings reference in README.md, generated from the declared settings so the two cannot drift
 * (a test compares them).
 */
public final class SettingsReference {
    private SettingsReference() { }

    /** A Markdown table of every setting of an application with these services: key, required or default, what it does. */
    public static String markdown(List<ServiceSize> services) {
        return "| key (`verto:`) | required / default | what it does |\n|---|---|---|\n"
                + StackSettingsLoader.settings(services).stream()
                .map(s -> "| `" + s.key() + "` | " + need(s) + " | " + s.description() + " |")
                .collect(Collectors.joining("\n")) + "\n";
    }

    private static String need(Setting s) {
        return switch (s.need()) {
            case REQUIRED -> "required";
            case REQUIRED_WHEN -> "required " + s.requiredWhen() + (s.fallback() instanceof Setting.None n && n.meaning().isEmpty()
                    ? "" : "; otherwise " + s.fallback().text());
            case SECRET -> "required secret (`--secret`)";
            case OPTIONAL_SECRET -> s.fallback().text() + "; a secret (`--secret`)";
            case OPTIONAL -> s.fallback().text();
        };
    }
}
