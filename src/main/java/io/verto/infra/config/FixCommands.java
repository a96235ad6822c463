package io.verto.infra.config;

import java.util.regex.Pattern;

/**
 * The {@code pulumi config} commands fixes are made of, for one stack: {@code --path} for object fields, values
 * quoted for the shell, secrets set with {@code --secret} and never printed.
 */
final class FixCommands {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@,=+-]+");

    private final String stack;

    FixCommands(String stack) {
        this.stack = stack;
    }

    /** Sets a key (with {@code --path} for an object field) to a value, or to {@link Fix#VALUE} to fill in. */
    String set(String key, String value) {
        return "pulumi config set " + path(key) + key + " " + (value.equals(Fix.VALUE) ? value : quote(value)) + " --stack " + stack;
    }

    /** Removes a key (with {@code --path} for an object field). */
    String rm(String key) {
        return "pulumi config rm " + path(key) + key + " --stack " + stack;
    }

    /** Sets a secret, prompting for its value. */
    String setSecret(String key) {
        return "pulumi config set --secret " + key + " --stack " + stack;
    }

    /** Sets a secret to another key's current value without printing it (renames, plain text made secret). */
    String setSecretFrom(String key, String from) {
        return "pulumi config set --secret " + key + " \"$(pulumi config get " + from + " --stack " + stack + ")\" --stack " + stack;
    }

    private static String path(String key) {
        return key.substring(key.indexOf(':') + 1).contains(".") ? "--path " : "";
    }

    /** A value as one shell word: single-quoted unless it is plain. */
    static String quote(String value) {
        return PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
