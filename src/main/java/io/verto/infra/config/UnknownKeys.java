package io.verto.infra.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of a stack's keys: object settings that are not objects, and keys no setting declares, at every
 * depth. A key that is a near miss of a declared one (a typo, another case) gets a fix that renames it with its
 * value kept; any other unknown key gets one that removes it.
 */
final class UnknownKeys {
    private final ConfigReader r;
    private final String namespace;

    UnknownKeys(ConfigReader r, String namespace) {
        this.r = r;
        this.namespace = namespace;
    }

    /** The object setting {@code topLevel} parsed, with unknown fields reported; empty (and reported) if not an object. */
    Optional<JsonNode> object(String topLevel) {
        String key = namespace + ":" + topLevel;
        String text = r.raw().values().get(key);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<Setting> fields = r.declared().stream().filter(s -> s.field() != null && s.topLevel().equals(topLevel)).toList();
        JsonNode node = ConfigNodes.parse(text);
        if (!node.isObject()) {
            notAnObject(key, fields, "", text);
            return Optional.empty();
        }
        reportUnknownFields(key, node, fields, "");
        return Optional.of(node);
    }

    /**
     * The fix replaces the value by an object: it removes it, then turns the object on or off as the value said
     * (when it has an {@code enabled} field) and gives each required field a value (looked up or proposed), so the
     * stack does not lose what the object turned on.
     */
    private void notAnObject(String key, List<Setting> fields, String prefix, String text) {
        Fix fix = Fix.run(r.commands().rm(key));
        // A value that says "off" keeps the object off, except backups where a fix may not lower protection.
        boolean protection = key.equals(namespace + ":backup") && r.environment().map(Placeholders::refusedIn).orElse(true);
        boolean off = !protection && Set.of("false", "no", "off", "0").contains(text.strip().toLowerCase(Locale.ROOT));
        for (Setting field : fields) {
            if (field.field().equals(prefix + "enabled")) {
                fix = fix.then(r.set(field, String.valueOf(!off)));
            }
        }
        for (Setting field : fields) {
            boolean needed = field.need() == Setting.Need.REQUIRED || field.need() == Setting.Need.REQUIRED_WHEN;
            if (needed && !off && field.field().startsWith(prefix)) {
                fix = fix.then(r.propose(field));
            }
        }
        r.problem(key, "must be an object with the fields " + childNames(fields, prefix) + ", got '" + text + "'", fix);
    }

    private void reportUnknownFields(String key, JsonNode node, List<Setting> fields, String prefix) {
        Set<String> names = childNames(fields, prefix);
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            String path = key + "." + prefix + field;
            boolean parent = fields.stream().anyMatch(s -> s.field().startsWith(prefix + field + "."));
            if (!names.contains(field)) {
                Optional<String> meant = closest(field, names);
                String known = "; known fields are " + names;
                if (meant.isPresent() && !node.has(meant.get())) {
                    r.problem(path, "is not a known field (did you mean '" + meant.get() + "'?)" + known,
                            rename(node.get(field), path, key + "." + prefix + meant.get(), false));
                } else {
                    r.problem(path, "is not a known field" + meant.map(m -> " ('" + m + "' is set too: this one is a stray copy)").orElse("")
                            + known, Fix.run(r.commands().rm(path)));
                }
            } else if (parent && !node.get(field).isObject()) {
                List<Setting> children = fields.stream().filter(s -> s.field().startsWith(prefix + field + ".")).toList();
                notAnObject(path, children, prefix + field + ".", ConfigNodes.text(node.get(field)));
            } else if (parent) {
                reportUnknownFields(key, node.get(field), fields, prefix + field + ".");
            }
        }
    }

    /** Records every top-level key in the namespace that no setting declares: almost always a typo. */
    void reportTopLevel() {
        Set<String> known = new LinkedHashSet<>(r.declared().stream().map(Setting::topLevel).toList());
        r.raw().values().keySet().stream()
                .filter(k -> k.startsWith(namespace + ":"))
                .filter(k -> !known.contains(k.substring(namespace.length() + 1)))
                .sorted()
                .forEach(k -> {
                    Optional<String> meant = closest(k.substring(namespace.length() + 1), known);
                    String target = meant.map(m -> namespace + ":" + m).orElse("");
                    if (meant.isPresent() && !r.raw().values().containsKey(target)) {
                        r.problem(k, "is not a known setting (did you mean '" + meant.get() + "'?)",
                                rename(ConfigNodes.parse(r.raw().values().get(k)), k, target, r.raw().secretKeys().contains(k)));
                    } else {
                        r.problem(k, "is not a known setting" + meant.map(m -> " ('" + m + "' is set too: this one is a stray copy)")
                                .orElse("; the settings are listed in README.md"), Fix.run(r.commands().rm(k)));
                    }
                });
    }

    /**
     * True when the stack has a near miss of {@code setting} (a typo or another case of its key, at its depth): the
     * unknown key's problem, whose fix renames it, covers the setting being absent.
     */
    boolean misspelt(Setting setting) {
        if (setting.field() == null) {
            Set<String> known = new LinkedHashSet<>(r.declared().stream().map(Setting::topLevel).toList());
            return r.raw().values().keySet().stream()
                    .filter(k -> k.startsWith(namespace + ":") && !known.contains(k.substring(namespace.length() + 1)))
                    .anyMatch(k -> closest(k.substring(namespace.length() + 1), known).equals(Optional.of(setting.key())));
        }
        String text = r.raw().values().get(namespace + ":" + setting.topLevel());
        JsonNode node = text == null ? null : ConfigNodes.parse(text);
        String[] parts = setting.field().split("\\.");
        for (int i = 0; i < parts.length - 1 && node != null; i++) {
            node = node.isObject() ? node.get(parts[i]) : null;
        }
        if (node == null || !node.isObject()) {
            return false;
        }
        String prefix = String.join(".", java.util.Arrays.copyOf(parts, parts.length - 1));
        Set<String> names = childNames(r.declared().stream().filter(s -> s.field() != null && s.topLevel().equals(setting.topLevel())).toList(),
                prefix.isEmpty() ? "" : prefix + ".");
        String last = parts[parts.length - 1];
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!names.contains(field) && closest(field, names).equals(Optional.of(last))) {
                return true;
            }
        }
        return false;
    }

    /** Sets every value under {@code from} at {@code to} instead, then removes {@code from}: nothing is lost. */
    private Fix rename(JsonNode value, String from, String to, boolean secret) {
        List<String> steps = new ArrayList<>();
        if (secret) {
            steps.add(r.commands().setSecretFrom(to, from));
        } else {
            leaves(value, to, steps);
        }
        steps.add(r.commands().rm(from));
        return Fix.run(steps.toArray(String[]::new));
    }

    private void leaves(JsonNode node, String key, List<String> commands) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> leaves(e.getValue(), key + "." + e.getKey(), commands));
        } else {
            commands.add(r.commands().set(key, ConfigNodes.text(node)));
        }
    }

    /** Names one level below {@code prefix} (e.g. {@code frontend} under {@code containers.}) among the fields. */
    private static Set<String> childNames(List<Setting> fields, String prefix) {
        Set<String> names = new LinkedHashSet<>();
        for (Setting s : fields) {
            if (s.field().startsWith(prefix)) {
                names.add(s.field().substring(prefix.length()).split("\\.")[0]);
            }
        }
        return names;
    }

    /**
     * The declared name a key most likely meant: the same but for case, or a letter or two off (one per four
     * letters). Looser matches name other settings ({@code restoreKey} is not {@code restoreUser}).
     */
    static Optional<String> closest(String name, Set<String> candidates) {
        String lower = name.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .min(Comparator.comparingInt(c -> distance(c.toLowerCase(Locale.ROOT), lower)))
                .filter(c -> distance(c.toLowerCase(Locale.ROOT), lower) <= Math.max(1, name.length() / 4));
    }

    /** Edits between two names, a swap of neighbouring letters counting as one (the commonest typo). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
