package io.verto.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.verto.infra.config.RawStackConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the {@code pulumi config set|rm} commands of a suggested fix to a stack's config, the way the
 * CLI would: {@code --path} writes into an object value, {@code --secret} stores a secret. Only the
 * fix's first alternative is applied (text after ", or" is another way). A value that is a command substitution
 * ({@code "$(aws ...)"}: a fix that reads an infrastructure value instead of making one up) gets what that AWS CLI
 * command prints for a test account ({@link #awsCli}).
 */
public final class SuggestedFix {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMAND = Pattern.compile("pulumi config (set|rm)((?: --path| --secret)*) (\\S+)(?: (\"[^\"]*\"|\\S+))?? --stack ([\\w.-]+)");

    private SuggestedFix() { }

    /** The commands of the fix's first alternative, in order; a fix without one is a test failure. */
    public static List<Matcher> commands(String fix) {
        String first = fix.split(", or ")[0];
        List<Matcher> commands = new ArrayList<>();
        Matcher m = COMMAND.matcher(first);
        while (m.find()) {
            commands.add(COMMAND.matcher(m.group()));
            commands.get(commands.size() - 1).matches();
        }
        if (commands.isEmpty()) {
            throw new AssertionError("the fix names no pulumi config command: " + fix);
        }
        return commands;
    }

    public static RawStackConfig apply(RawStackConfig raw, String fix) {
        Map<String, String> values = new HashMap<>(raw.values());
        Set<String> secrets = new HashSet<>(raw.secretKeys());
        for (Matcher c : commands(fix)) {
            if (!c.group(5).equals(raw.stack())) {
                throw new AssertionError("the fix is for stack " + c.group(5) + ", not " + raw.stack() + ": " + fix);
            }
            boolean path = c.group(2).contains("--path");
            boolean secret = c.group(2).contains("--secret");
            String key = c.group(3);
            String value = c.group(4) == null ? null : substituted(c.group(4).replaceAll("^\"|\"$", ""));
            if (c.group(1).equals("set") && value == null) {
                throw new AssertionError("'pulumi config set' without a value: " + c.group());
            }
            if (!path || !key.contains(".")) {
                if (value == null) {
                    values.remove(key);
                } else {
                    values.put(key, value);
                }
                if (secret) {
                    secrets.add(key);
                } else {
                    secrets.remove(key);
                }
                continue;
            }
            String top = key.substring(0, key.indexOf('.'));
            String[] fields = key.substring(key.indexOf('.') + 1).split("\\.");
            ObjectNode root = objectOf(values.get(top));
            ObjectNode node = root;
            for (int i = 0; i < fields.length - 1; i++) {
                JsonNode child = node.get(fields[i]);
                node = child instanceof ObjectNode o ? o : node.putObject(fields[i]);
            }
            if (value == null) {
                node.remove(fields[fields.length - 1]);
            } else {
                node.put(fields[fields.length - 1], value);
            }
            values.put(top, root.toString());
        }
        return new RawStackConfig(raw.stack(), values, secrets);
    }

    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\((aws .*)\\)");
    private static final Pattern REGION = Pattern.compile("--region (\\S+)");

    private static String substituted(String value) {
        Matcher m = SUBSTITUTION.matcher(value);
        return m.matches() ? awsCli(m.group(1)) : value;
    }

    /** What the AWS CLI commands that fixes run print for a test account (111122223333) with one EKS cluster. */
    static String awsCli(String command) {
        Matcher region = REGION.matcher(command);
        String r = region.find() ? region.group(1) : "eu-central-1";
        if (command.startsWith("aws kms describe-key ") && command.contains("--query KeyMetadata.Arn --output text")) {
            return "arn:aws:kms:" + r + ":111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        }
        if (command.startsWith("aws eks list-clusters") && command.contains("--query 'clusters[0]' --output text")) {
            return "verto-test-cluster";
        }
        throw new AssertionError("the fix runs a command this test cannot stand in for: " + command);
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
        throw new UncheckedIOException(new IOException("--path into a value that is not an object: " + text));
    }
}
