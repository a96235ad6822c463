package io.verto.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verto.infra.config.Fix;
import io.verto.infra.config.RawStackConfig;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a {@link Fix} literally, the way the CLI would run its {@code pulumi config set|rm} commands on a stack's
 * config: {@code --path} writes into an object value, {@code --secret} stores a secret, {@code "$(pulumi config get
 * KEY ...)"} reads a value first. A step that needs a value only the user knows (a {@link Fix.Find}, or a
 * {@code --secret} command that prompts) takes it from {@code lookup}, as the user would after looking it up.
 * Only the fix's own steps are followed, not its {@link Fix#otherwise}.
 */
public final class SuggestedFix {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GET = Pattern.compile("\"\\$\\(pulumi config get (?:--path )?(\\S+) --stack (\\S+)\\)\"");
    private static final Pattern WORD = Pattern.compile("'((?:[^']|'\\\\'')*)'|\"(\\$\\([^)]*\\))\"|(\\S+)");

    private SuggestedFix() { }

    /** Follows a fix that needs no looked-up value; a step that does is a test failure. */
    public static RawStackConfig apply(RawStackConfig raw, Fix fix) {
        return apply(raw, fix, key -> {
            throw new AssertionError("the fix asks for a value to look up (" + key + "): " + fix.text());
        });
    }

    /** Follows a fix, taking each looked-up or prompted value for a key from {@code lookup}. */
    public static RawStackConfig apply(RawStackConfig raw, Fix fix, Function<String, String> lookup) {
        RawStackConfig config = raw;
        for (Fix.Step step : fix.steps()) {
            String command = step instanceof Fix.Find find ? find.command() : ((Fix.Run) step).command();
            config = run(config, command, lookup);
        }
        return config;
    }

    private static RawStackConfig run(RawStackConfig raw, String command, Function<String, String> lookup) {
        List<String> words = words(raw, command);
        if (words.size() < 4 || !words.get(0).equals("pulumi") || !words.get(1).equals("config")) {
            throw new AssertionError("not a pulumi config command: " + command);
        }
        boolean set = words.get(2).equals("set");
        if (!set && !words.get(2).equals("rm")) {
            throw new AssertionError("neither 'config set' nor 'config rm': " + command);
        }
        int stackAt = words.indexOf("--stack");
        if (stackAt < 0 || stackAt != words.size() - 2 || !words.get(stackAt + 1).equals(raw.stack())) {
            throw new AssertionError("the command is not for stack " + raw.stack() + ": " + command);
        }
        List<String> args = new ArrayList<>(words.subList(3, stackAt));
        boolean path = args.remove("--path");
        boolean secret = args.remove("--secret");
        String key = args.remove(0);
        if (!key.startsWith("verto:")) {
            throw new AssertionError("not a verto: key: " + command);
        }
        if (!set) {
            return args.isEmpty() ? remove(raw, key, path) : fail("extra words after the key: " + command);
        }
        String value = args.isEmpty() ? null : args.remove(0);
        if (!args.isEmpty()) {
            return fail("extra words after the value: " + command);
        }
        if (value == null && !secret) {
            return fail("'pulumi config set' without a value: " + command);
        }
        if (value == null || value.equals(Fix.VALUE)) {
            value = lookup.apply(key);
        }
        RawStackConfig result = path && key.contains(".") ? setPath(raw, key, value) : setPlain(raw, key, value);
        Set<String> secrets = new HashSet<>(result.secretKeys());
        if (secret) {
            secrets.add(key);
        } else {
            secrets.remove(key);
        }
        return new RawStackConfig(result.stack(), result.values(), secrets);
    }

    private static RawStackConfig fail(String message) {
        throw new AssertionError(message);
    }

    /** The command's words as the shell splits them, with each {@code "$(pulumi config get ...)"} replaced by its value. */
    private static List<String> words(RawStackConfig raw, String command) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(command);
        while (m.find()) {
            if (m.group(1) != null) {
                words.add(m.group(1).replace("'\\''", "'"));
            } else if (m.group(2) != null) {
                Matcher get = GET.matcher("\"" + m.group(2) + "\"");
                if (!get.matches()) {
                    throw new AssertionError("a command substitution that is not 'pulumi config get': " + command);
                }
                String value = raw.values().get(get.group(1));
                if (value == null) {
                    throw new AssertionError("the fix reads " + get.group(1) + ", which is not set: " + command);
                }
                words.add(value);
            } else {
                words.add(m.group(3));
            }
        }
        return words;
    }

    private static RawStackConfig setPlain(RawStackConfig raw, String key, String value) {
        Map<String, String> values = new HashMap<>(raw.values());
        values.put(key, value);
        return new RawStackConfig(raw.stack(), values, raw.secretKeys());
    }

    /** Removes {@code verto:a.b.c} from the object {@code verto:a}, as {@code pulumi config rm --path} does. */
    public static RawStackConfig removePath(RawStackConfig raw, String key) {
        return remove(raw, key, true);
    }

    private static RawStackConfig remove(RawStackConfig raw, String key, boolean path) {
        Map<String, String> values = new HashMap<>(raw.values());
        Set<String> secrets = new HashSet<>(raw.secretKeys());
        if (!path || !key.contains(".")) {
            values.remove(key);
            secrets.remove(key);
            return new RawStackConfig(raw.stack(), values, secrets);
        }
        String top = key.substring(0, key.indexOf('.'));
        String[] fields = key.substring(key.indexOf('.') + 1).split("\\.");
        ObjectNode root = objectOf(values.get(top));
        ObjectNode node = root;
        for (int i = 0; i < fields.length - 1 && node != null; i++) {
            node = node.get(fields[i]) instanceof ObjectNode o ? o : null;
        }
        if (node != null) {
            node.remove(fields[fields.length - 1]);
        }
        values.put(top, root.toString());
        return new RawStackConfig(raw.stack(), values, secrets);
    }

    /** Sets {@code verto:a.b.c} inside the object {@code verto:a}, as {@code pulumi config set --path} does. */
    public static RawStackConfig setPath(RawStackConfig raw, String key, String value) {
        if (!key.contains(".")) {
            return setPlain(raw, key, value);
        }
        Map<String, String> values = new HashMap<>(raw.values());
        String top = key.substring(0, key.indexOf('.'));
        String[] fields = key.substring(key.indexOf('.') + 1).split("\\.");
        ObjectNode root = objectOf(values.get(top));
        ObjectNode node = root;
        for (int i = 0; i < fields.length - 1; i++) {
            JsonNode child = node.get(fields[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(fields[i]);
        }
        node.put(fields[fields.length - 1], value);
        values.put(top, root.toString());
        return new RawStackConfig(raw.stack(), values, raw.secretKeys());
    }

    private static ObjectNode objectOf(String text) {
        if (text == null) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            // Not JSON: the CLI refuses --path into a plain value; so does this.
        }
        throw new AssertionError("--path into a value that is not an object: " + text);
    }
}
