package io.verto.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.verto.infra.config.RawStackConfig;

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
 * here, so each secret gets a recognisable fake value (see {@link #secretValueOf}).
 */
public final class StackFiles {
    public static final List<String> STACKS = List.of("development", "testing", "staging", "production");
    public static final List<String> SECRET_KEYS = List.of("verto:databasePassword", "verto:jwtSecret", "verto:redisPassword", "verto:encryptionKey",
            "verto:mysqlExporterPassword");

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

    /** The stack file as committed. */
    public static RawStackConfig load(String stack) {
        try {
            return parse(stack, Files.readString(repoRoot().resolve("Pulumi." + stack + ".yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** The stack file plus the four application secrets, as `pulumi config set --secret` would add them. */
    public static RawStackConfig loadWithSecrets(String stack) {
        return withSecrets(load(stack));
    }

    /**
     * A stack's config plus the application secrets it lacks, each as a secret. A key the file already
     * has keeps its own form: a plaintext value stays plaintext, so the program can refuse it.
     */
    public static RawStackConfig withSecrets(RawStackConfig raw) {
        Map<String, String> values = new HashMap<>(raw.values());
        Set<String> secrets = new HashSet<>(raw.secretKeys());
        for (String key : SECRET_KEYS) {
            if (!values.containsKey(key)) {
                values.put(key, secretValueOf(key));
                secrets.add(key);
            }
        }
        return new RawStackConfig(raw.stack(), values, secrets);
    }

    /** The role the engine-test variant names (scripts/lib/pulumi-env.sh, ENGINE_TEST_ROLE_ARN). */
    public static final String ENGINE_TEST_ROLE_ARN = "arn:aws:iam::123456789012:role/verto-engine-test";

    /**
     * The stack as scripts/engine-test runs it (scripts/lib/pulumi-env.sh, engine_variant): the backup bucket
     * an existing one of the same name, the S3 credentials an existing role, the CDN off, so no AWS resource is
     * registered (the AWS provider cannot be built here), while the backup CronJob still is.
     */
    public static RawStackConfig engineVariant(RawStackConfig raw) {
        Map<String, String> changes = new HashMap<>();
        try {
            String backup = raw.values().get("verto:backup");
            if (backup != null) {
                var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(backup);
                node.put("bucket", "existing");
                if (!node.has("bucketName")) {
                    node.put("bucketName", "verto-" + raw.stack() + "-backups");
                }
                node.put("roleArn", ENGINE_TEST_ROLE_ARN);
                changes.put("verto:backup", JSON.writeValueAsString(node));
            }
            String cdn = raw.values().get("verto:cdn");
            if (cdn != null) {
                var node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(cdn);
                node.put("enabled", false);
                changes.put("verto:cdn", JSON.writeValueAsString(node));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return with(raw, changes);
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
