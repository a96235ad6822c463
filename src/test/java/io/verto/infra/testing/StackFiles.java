package io.verto.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.verto.infra.config.RawStackConfig;
import io.verto.infra.platform.StackFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code Pulumi.<stack>.yaml} from the repository the way the engine hands it to the program:
 * objects as JSON text, {@code secure:} values as secret keys. Encrypted values can't be decrypted
 * here, so each secret gets a recognisable fake value (see {@link #secretValueOf}). The committed files leave out
 * what only a team knows (subnets, region, certificate); {@link #load} adds the stand-ins every test uses
 * ({@code src/test/resources/stacks/test-values.json}, which the shell tests read too).
 */
public final class StackFiles {
    public static final List<String> STACKS = List.of("development", "testing", "staging", "production");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private StackFiles() { }

    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("Pulumi.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Pulumi.yaml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** A value no real config would contain, so a leak is easy to find. */
    public static String secretValueOf(String key) {
        return "S3CRET-" + key.replace(':', '-') + "-do-not-leak";
    }

    /** The stack file as committed: without a team's own values, a cluster stack does not validate. */
    public static RawStackConfig committed(String stack) {
        try {
            return parse(stack, Files.readString(repoRoot().resolve("Pulumi." + stack + ".yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack file with the test stand-ins for the values each team sets (test-values.json). */
    public static RawStackConfig load(String stack) {
        return withTestValues(committed(stack));
    }

    /** A stack's config with the test stand-ins for the values each team sets (test-values.json). */
    public static RawStackConfig withTestValues(RawStackConfig raw) {
        return setPaths(raw, resource("test-values.json").path(raw.stack()), false);
    }

    /** One test stand-in, e.g. {@code cdn.certificateArn} of production. */
    public static String testValue(String stack, String path) {
        return resource("test-values.json").path(stack).path(path).asText();
    }

    /** A JSON document of src/test/resources/stacks/. */
    private static JsonNode resource(String name) {
        try {
            return JSON.readTree(repoRoot().resolve("src/test/resources/stacks/" + name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The config with each {@code path: value} of {@code paths} set as {@code pulumi config set --path verto:<path>}
     * would, or removed where the value is null (keys starting with {@code _} are comments); {@code onlyPresent} skips
     * paths whose object is not set.
     */
    private static RawStackConfig setPaths(RawStackConfig raw, JsonNode paths, boolean onlyPresent) {
        RawStackConfig result = raw;
        for (var it = paths.fields(); it.hasNext(); ) {
            var entry = it.next();
            String top = "verto:" + entry.getKey().split("\\.")[0];
            if (entry.getKey().startsWith("_") || (onlyPresent && !raw.values().containsKey(top))) {
                continue;
            }
            result = entry.getValue().isNull() ? SuggestedFix.removePath(result, "verto:" + entry.getKey())
                    : SuggestedFix.setPath(result, "verto:" + entry.getKey(), entry.getValue().asText());
        }
        return result;
    }

    /** A stack file's text as the engine would hand it over: only {@code secure:} values are secret. */
    public static RawStackConfig parse(String stack, String yaml) {
        try {
            JsonNode config = YAML.readTree(yaml).path("config");
            Map<String, String> values = new HashMap<>();
            Set<String> secrets = new HashSet<>();
            for (var it = config.fields(); it.hasNext(); ) {
                var entry = it.next();
                JsonNode v = entry.getValue();
                if (v.isObject() && v.has("secure")) {
                    values.put(entry.getKey(), secretValueOf(entry.getKey()));
                    secrets.add(entry.getKey());
                } else {
                    values.put(entry.getKey(), v.isValueNode() ? v.asText() : JSON.writeValueAsString(v));
                }
            }
            return new RawStackConfig(stack, values, secrets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack file plus the secrets its settings need, as {@code scripts/stack-init} would add them. */
    public static RawStackConfig loadWithSecrets(String stack) {
        return withSecrets(load(stack));
    }

    /**
     * A stack's config plus the secrets its settings need and it lacks (the program's answer,
     * {@link StackFile#missingSecrets}), each as a secret. A key the file already has keeps its own form: a
     * plaintext value stays plaintext, so the program can refuse it.
     */
    public static RawStackConfig withSecrets(RawStackConfig raw) {
        Map<String, String> values = new HashMap<>(raw.values());
        Set<String> secrets = new HashSet<>(raw.secretKeys());
        for (String key : StackFile.missingSecrets(raw)) {
            values.put(key, secretValueOf(key));
            secrets.add(key);
        }
        return new RawStackConfig(raw.stack(), values, secrets);
    }

    /**
     * The stack as scripts/engine-test runs it (src/test/resources/stacks/engine-variant.json, which
     * scripts/lib/pulumi-env.sh applies too): the backup bucket an existing one, the S3 credentials an existing
     * role, the CDN off, so no AWS resource is registered (the AWS provider cannot be built here), while the
     * backup CronJob still is.
     */
    public static RawStackConfig engineVariant(RawStackConfig raw) {
        return setPaths(raw, resource("engine-variant.json"), true);
    }

    /** A copy with some keys changed ({@code null} removes the key); changed keys are plain, not secret. */
    public static RawStackConfig with(RawStackConfig raw, Map<String, String> changes) {
        Map<String, String> values = new HashMap<>(raw.values());
        Set<String> secrets = new HashSet<>(raw.secretKeys());
        changes.forEach((k, v) -> {
            secrets.remove(k);
            if (v == null) {
                values.remove(k);
            } else {
                values.put(k, v);
            }
        });
        return new RawStackConfig(raw.stack(), values, secrets);
    }
}
