package io.verto.infra.config;

/**
 * One stack setting as its section declares it: the key under {@code verto:}, whether it is required,
 * an example value for fixes, its default and what it does. Sections read their values only through
 * their declared settings, so the unknown-key check and the generated reference ({@link
 * SettingsReference}) list exactly what the code reads.
 *
 * @param key         key under the {@code verto} namespace; object fields as {@code database.host}
 * @param need        required, optional, or a required or optional secret
 * @param example     a valid value, used in suggested fixes; {@code {stack}} stands for the stack name
 * @param defaultText the default, as the reference shows it; empty for required settings
 * @param description what the setting does
 */
public record Setting(String key, Need need, String example, String defaultText, String description) {
    /** How a setting must be given. */
    public enum Need { REQUIRED, OPTIONAL, SECRET, OPTIONAL_SECRET }

    static Setting required(String key, String example, String description) {
        return new Setting(key, Need.REQUIRED, example, "", description);
    }

    static Setting optional(String key, String example, String defaultText, String description) {
        return new Setting(key, Need.OPTIONAL, example, defaultText, description);
    }

    /** An optional setting whose default is a literal value; the value doubles as the example. */
    static Setting defaulting(String key, String defaultValue, String description) {
        return new Setting(key, Need.OPTIONAL, defaultValue, "`" + defaultValue + "`", description);
    }

    /** True for an optional setting whose default is its example (see {@link #defaulting}). */
    boolean hasLiteralDefault() {
        return need == Need.OPTIONAL && defaultText.equals("`" + example + "`");
    }

    static Setting secret(String key, String description) {
        return new Setting(key, Need.SECRET, "<value>", "", description);
    }

    static Setting optionalSecret(String key, String defaultText, String description) {
        return new Setting(key, Need.OPTIONAL_SECRET, "<value>", defaultText, description);
    }

    /** The top-level key: {@code database} for {@code database.host}. */
    public String topLevel() {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** The field of an object setting ({@code host} for {@code database.host}), or null for a plain one. */
    public String field() {
        int dot = key.indexOf('.');
        return dot < 0 ? null : key.substring(dot + 1);
    }

    String exampleFor(String stack) {
        return example.replace("{stack}", stack);
    }
}
