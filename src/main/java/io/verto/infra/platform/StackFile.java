package io.verto.infra.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.verto.infra.config.RawStackConfig;
import io.verto.infra.config.Setting;
import io.verto.infra.config.StackConfigException;
import io.verto.infra.config.StackSettingsLoader;
import io.verto.infra.serialization.Canonical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stack file read without its secrets' values, for the scripts that run before {@code pulumi up}: every
 * {@code secure:} value is a placeholder, and so is every secret the settings require but the file lacks. Which
 * secrets those are is the settings' own answer (the loader's problems), so {@code scripts/stack-init} asks for
 * exactly them and {@code scripts/preflight} works before any secret is set.
 *
 * <p>Usage: {@code java -cp target/verto-infra-program.jar io.verto.infra.platform.StackFile Pulumi.<stack>.yaml <stack>}
 * prints the keys of the secrets the stack file still needs, one per line (none: nothing to set).
 */
public final class StackFile {
    private static final String PLACEHOLDER = "placeholder";

    private StackFile() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StackFile STACK_FILE STACK");
            System.exit(2);
        }
        missingSecrets(readAsIs(Path.of(args[0]), args[1])).forEach(System.out::println);
    }

    /** The stack file's config, each given secret and each missing one a placeholder. */
    public static RawStackConfig read(Path file, String stack) throws IOException {
        RawStackConfig raw = readAsIs(file, stack);
        Map<String, String> values = new HashMap<>(raw.values());
        Set<String> secrets = new HashSet<>(raw.secretKeys());
        for (String key : missingSecrets(raw)) {
            values.put(key, PLACEHOLDER);
            secrets.add(key);
        }
        return new RawStackConfig(stack, values, secrets);
    }

    /** The full keys of the secrets the stack's settings require that it does not hold (in the loader's order). */
    public static List<String> missingSecrets(RawStackConfig raw) {
        var services = VertoApplication.catalogue().sizes();
        Set<String> secretKeys = new HashSet<>();
        for (Setting s : StackSettingsLoader.settings(services)) {
            if (s.secret()) {
                secretKeys.add(StackSettingsLoader.NAMESPACE + ":" + s.key());
            }
        }
        try {
            StackSettingsLoader.load(raw, services);
            return List.of();
        } catch (StackConfigException e) {
            return e.problems().stream().map(p -> p.key())
                    .filter(k -> secretKeys.contains(k) && !raw.values().containsKey(k)).distinct().toList();
        }
    }

    /** The stack file's config as written, every {@code secure:} value standing in as a placeholder. */
    static RawStackConfig readAsIs(Path file, String stack) throws IOException {
        JsonNode config = Canonical.readYaml(Files.readString(file)).path("config");
        Map<String, String> values = new HashMap<>();
        Set<String> secrets = new HashSet<>();
        for (var it = config.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (v.isObject() && v.has("secure")) {
                secrets.add(e.getKey());
                values.put(e.getKey(), PLACEHOLDER);
            } else {
                values.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
            }
        }
        return new RawStackConfig(stack, values, secrets);
    }
}
